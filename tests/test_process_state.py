"""Library calls leave the caller's process-wide settings as they found them.

Each test sets a value a caller might have chosen, runs the sumcheck code that needs another value
for a moment, and checks the caller's value is back (and that the sumcheck code still worked).
"""

from __future__ import annotations

import csv
import os

import pytest

from sumcheck.summarize.io import load_rows
from sumcheck.summarize.scoped import quiet_hf_progress


@pytest.fixture
def caller_csv_limit():
    before = csv.field_size_limit()
    csv.field_size_limit(50_000)  # a caller's own choice
    yield 50_000
    csv.field_size_limit(before)


def test_reading_a_csv_with_a_huge_field_restores_the_callers_limit(tmp_path, caller_csv_limit):
    big = "word " * 60_000  # 300,000 characters in one field: over the caller's limit
    path = tmp_path / "big.csv"
    path.write_text(f'document,summary\n"{big}",short\n', encoding="utf-8")
    (row,) = load_rows(str(path))
    assert len(row.document.text) == len(big)
    assert csv.field_size_limit() == caller_csv_limit


def test_a_csv_read_stopped_early_restores_the_limit_too(tmp_path, caller_csv_limit):
    path = tmp_path / "rows.csv"
    path.write_text("document\n" + "".join(f"doc {i}\n" for i in range(10)), encoding="utf-8")
    rows = load_rows(str(path), limit=2)  # the reader is left before its end
    assert [r.document.text for r in rows] == ["doc 0", "doc 1"]
    assert csv.field_size_limit() == caller_csv_limit


def test_a_malformed_csv_restores_the_limit(tmp_path, caller_csv_limit):
    from sumcheck.summarize.errors import InputError

    path = tmp_path / "ragged.csv"
    path.write_text("document,summary\na,b,c\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_rows(str(path))
    assert csv.field_size_limit() == caller_csv_limit


@pytest.fixture
def bars_on():
    from huggingface_hub.utils import disable_progress_bars, enable_progress_bars
    from transformers.utils import logging as hf_logging

    was = hf_logging.is_progress_bar_enabled()
    hf_logging.enable_progress_bar()
    disable_progress_bars("some.caller.group")  # a caller's per-group choice in huggingface_hub
    yield hf_logging
    enable_progress_bars("some.caller.group")
    (hf_logging.enable_progress_bar if was else hf_logging.disable_progress_bar)()


def _hub_states() -> dict[str, bool]:
    import importlib

    return dict(importlib.import_module("huggingface_hub.utils.tqdm").progress_bar_states)


def test_quiet_hf_progress_switches_bars_off_and_back(bars_on):
    before = _hub_states()
    assert before.get("some.caller.group") is False
    with quiet_hf_progress():
        assert not bars_on.is_progress_bar_enabled()
    assert bars_on.is_progress_bar_enabled()
    assert _hub_states() == before


def test_loading_a_model_quietly_leaves_the_callers_bars_on(bars_on, tmp_path, monkeypatch):
    """The transformers system with progress=False used to switch bars off for the whole process."""
    from pydantic import TypeAdapter

    from sumcheck.summarize.records import Document
    from sumcheck.summarize.spec import SystemSpec
    from sumcheck.summarize.systems import build_system
    from summarize_helpers import build_t5

    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    spec = TypeAdapter(SystemSpec).validate_python({"name": "tiny", "type": "seq2seq", "model": str(build_t5(tmp_path / "t5")),
                                                    "device": "cpu", "generation": {"max_new_tokens": 3}})
    before = _hub_states()
    (pred,) = build_system(spec, progress=False, use_cache=False).generate([Document("d", "one two three four")])
    assert isinstance(pred.summary, str)
    assert bars_on.is_progress_bar_enabled()
    assert _hub_states() == before


def test_reading_an_hf_source_sets_no_environment_variable(monkeypatch):
    from sumcheck.summarize.errors import InputError

    import datasets.config
    import huggingface_hub.constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    # offline through the libraries' own switches (no environment variable, no network)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    with pytest.raises(InputError, match="cannot load with `datasets`"):
        load_rows("hf:sumcheck-no-such-dataset-xyz")
    assert "HF_HUB_OFFLINE" not in os.environ and "HF_DATASETS_OFFLINE" not in os.environ
