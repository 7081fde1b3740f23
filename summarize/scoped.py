"""Process-wide settings that sumcheck needs for a moment, changed only inside a scope that restores them.

Library code never leaves a global changed behind: the caller's ``csv.field_size_limit``, Hugging Face
progress-bar switches and offline flags are the same after a sumcheck call as before it. (A scope
is still process-wide while it lasts: another thread reading the same setting then sees sumcheck's.)
"""

from __future__ import annotations

import contextlib
import csv
from typing import Any, Iterator

_MISSING = object()


@contextlib.contextmanager
def csv_field_size_limit(limit: int) -> Iterator[None]:
    """Set :func:`csv.field_size_limit` to ``limit`` inside the block, then restore the caller's.

    >>> before = csv.field_size_limit()
    >>> with csv_field_size_limit(2**31 - 1):
    ...     csv.field_size_limit() == 2**31 - 1
    True
    >>> csv.field_size_limit() == before
    True
    """
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


@contextlib.contextmanager
def attribute(obj: Any, name: str, value: Any) -> Iterator[None]:
    """``obj.name = value`` inside the block; the previous value (or its absence) afterwards.

    >>> import types
    >>> ns = types.SimpleNamespace(flag=False)
    >>> with attribute(ns, "flag", True):
    ...     ns.flag
    True
    >>> ns.flag
    False
    """
    previous = getattr(obj, name, _MISSING)
    setattr(obj, name, value)
    try:
        yield
    finally:
        if previous is _MISSING:
            delattr(obj, name)
        else:
            setattr(obj, name, previous)


@contextlib.contextmanager
def quiet_hf_progress() -> Iterator[None]:
    """No transformers / huggingface_hub progress bars ("Loading weights") inside the block.

    ``transformers.utils.logging.disable_progress_bar`` switches both libraries off process-wide;
    afterwards both are put back exactly as they were (nothing is done when they are already off).
    """
    import importlib

    from transformers.utils import logging as hf_logging

    if not hf_logging.is_progress_bar_enabled():
        yield
        return
    # enable_progress_bar() also resets huggingface_hub's per-group switches: keep them to put back
    states = getattr(importlib.import_module("huggingface_hub.utils.tqdm"), "progress_bar_states", None)
    saved = dict(states) if isinstance(states, dict) else None
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.enable_progress_bar()
        if saved is not None:
            states.clear()
            states.update(saved)
