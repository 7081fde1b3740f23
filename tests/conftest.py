"""Fixtures every test module gets."""

from __future__ import annotations

import pytest

from serve_helpers import served, smollm2_folder  # noqa: F401 - session fixtures: one transformers serve per session


@pytest.fixture(autouse=True)
def _restore_offline_switches(monkeypatch):
    """``--offline`` sets HF_HUB_OFFLINE / HF_DATASETS_OFFLINE in this process (cmd_run.set_offline): put
    them back as they were after each test (setenv first, so monkeypatch records the original state)."""
    for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
        monkeypatch.setenv(name, "0")
        monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _forget_registered_keys():
    """A key read by one test (sumcheck.summarize.redact registers every key it sends) is not masked in the next."""
    yield
    from sumcheck.summarize import redact

    redact._reset_for_tests()
