"""Source chunking for the summary-sentence x source-chunk matrix.

A chunking is named by a short spec that goes into the metric's signature:

* ``sent``: every source sentence (from :func:`sumcheck.summarize.text.split_sentences`);
* ``win1-2`` / ``win1-3`` / ``win2``...: sliding windows of consecutive sentences of each size
  listed (``win1-3`` = single sentences, pairs and triples), stride one sentence;
* ``words350``: consecutive sentences packed into chunks of about 350 words (a chunk closes
  once adding the next sentence would pass the budget; a longer sentence is a chunk of its own).

Every chunk is a character span of the source, so evidence points back into the document.

>>> [c.text for c in make_chunks("One. Two. Three.", "win1-2")]
['One.', 'Two.', 'Three.', 'One. Two.', 'Two. Three.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.text import Sentence, split_sentences

_WIN_RE = re.compile(r"^win(\d)(?:-(\d))?$")
_WORDS_RE = re.compile(r"^words(\d+)$")


@dataclass(frozen=True)
class Chunk:
    """A span of the source: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


def window_sizes(spec: str) -> tuple[int, ...] | None:
    """The window sizes of a ``winA-B`` spec (``sent`` is ``(1,)``), or None for a word-budget spec.

    >>> window_sizes("win1-3"), window_sizes("sent"), window_sizes("words350")
    ((1, 2, 3), (1,), None)
    """
    if spec == "sent":
        return (1,)
    m = _WIN_RE.match(spec)
    if m:
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        if lo < 1 or hi < lo:
            raise ConfigError(f"bad chunking {spec!r}: window sizes must be 1 <= A <= B")
        return tuple(range(lo, hi + 1))
    if _WORDS_RE.match(spec):
        return None
    raise ConfigError(f"unknown chunking {spec!r}; use 'sent', 'win1-2', 'win1-3' or 'words350'")


def _span(source: str, sents: list[Sentence]) -> Chunk:
    start, end = sents[0].start, sents[-1].end
    return Chunk(start, end, source[start:end])


def make_chunks(source: str, spec: str = "win1-2", *, sentences: list[Sentence] | None = None) -> list[Chunk]:
    """The chunks of ``source`` under ``spec`` (single sentences first, then longer windows)."""
    sents = sentences if sentences is not None else split_sentences(source)
    sizes = window_sizes(spec)
    if not sents:
        return []
    if sizes is not None:
        out: list[Chunk] = []
        for size in sizes:
            if size > len(sents) and size > 1:
                continue
            for i in range(0, len(sents) - size + 1):
                out.append(_span(source, sents[i:i + size]))
        return out
    budget = int(_WORDS_RE.match(spec).group(1))  # type: ignore[union-attr]
    out, current, words = [], [], 0
    for s in sents:
        n = len(s.text.split())
        if current and words + n > budget:
            out.append(_span(source, current))
            current, words = [], 0
        current.append(s)
        words += n
    if current:
        out.append(_span(source, current))
    return out
