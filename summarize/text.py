"""Sentence splitting shared by the summarizers, the fact-checker, faithfulness and ROUGE-Lsum.

One function, :func:`split_sentences`, returns character spans so that every consumer can point
back into the original text. The rules are deliberately simple and written down here:

* a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus any closing quotes or brackets) when the next
  non-space character starts a new sentence: an upper-case letter, a digit, an opening quote or
  bracket, or, in text that holds no upper-case letter at all (lower-cased benchmark text), any letter;
* a line break that is followed by non-blank text always ends a sentence;
* no split after a known abbreviation (``Mr.``, ``Dr.``, ``U.S.``, ``e.g.``...) or a single-letter
  initial (``J. Smith``) when a capitalised word follows;
* nothing is dropped: every non-space character of the input lies in exactly one span.

>>> [s.text for s in split_sentences("Mr. Smith went to Washington. He met Dr. Jones at 3.5 p.m. today!")]
['Mr. Smith went to Washington.', 'He met Dr. Jones at 3.5 p.m. today!']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

SPLITTER_NAME = "sumcheck-rules-v1"

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp
    no nos vol vols fig figs p pp ed eds inc ltd co corp bros dept univ assn est approx
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    e.g i.e etc vs v al cf ca c
    u.s u.k u.n u.s.a e.u a.m p.m d.c n.y l.a
    """.split()
)

_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{`"
_STOPS = ".!?…"
# anchored at a stop: the run of stops and closers (group 1), then the spaces and tabs after it
_END_RE = re.compile(r"([.!?…]+[" + re.escape(_CLOSERS) + r"]*)[ \t\r\u00a0]*")
_NEWLINE_RE = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


def _word_before(text: str, end: int) -> str:
    """The token (letters, digits, dots) that ends just before position ``end``."""
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:end]


def _positions(text: str, chars: str) -> list[int]:
    """Sorted positions of any of ``chars`` in ``text``, found with ``str.find`` (a C scan)."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def _cuts(text: str) -> list[int]:
    """Sorted positions where a sentence ends: after a stop run that is a boundary, and before each
    line break that starts a run of whitespace.

    Stops and line breaks are located by C-level ``str.find`` scans and each is examined by an
    anchored match; Python code runs once per stop, never once per character.
    """
    n = len(text)
    cuts: set[int] = set()
    lowercase_text: bool | None = None  # decided only when a boundary depends on it
    scanned = 0
    for pos in _positions(text, _STOPS):
        if pos < scanned:
            continue  # inside the run of stops, closers and spaces matched just before
        m = _END_RE.match(text, pos)
        scanned = j = m.end()
        if j == m.end(1) or j >= n:
            continue  # "3.5", "U.S.A", "end.Next" (no space): no boundary; end of text: the final span closes it
        first = text[j]
        if first != "\n":
            if not (first.isupper() or first.isdigit() or first in _OPENERS):
                if not first.isalpha():
                    continue
                if lowercase_text is None:
                    # "holds no upper-case letter": str.islower() proves it in C for lower-cased text
                    lowercase_text = text.islower() or not any(map(str.isupper, text))
                if not lowercase_text:
                    continue
            punct = m.group(1)
            if punct[0] == "." and len(punct.rstrip(_CLOSERS)) == 1:
                word = _word_before(text, pos).lower().rstrip(".")
                if word in _ABBREVIATIONS:
                    continue
                if len(word) == 1 and word.isalpha() and first.isupper():
                    continue  # an initial: "J. Smith"
        cuts.add(m.end(1))
    scanned = 0
    for pos in _positions(text, "\n"):
        if pos >= scanned:  # a line break not inside the whitespace run of the one before
            cuts.add(pos)
            scanned = _NEWLINE_RE.match(text, pos).end()
    return sorted(cuts)


@functools.lru_cache(maxsize=256)  # at most 256 texts (<= ~50 MB at the 200,000-character document cap)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every sentence of ``text``, whitespace at either end left outside.

    Memoised (a bounded LRU): a reference or a document is split once for all the systems that
    summarise it, not once per system.
    """
    if not text or text.isspace():
        return ()
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _cuts(text) + [len(text)]:
        segment = text[start:cut]
        body = segment.strip()  # str.strip() removes exactly the characters str.isspace() accepts
        if body:
            s = start + len(segment) - len(segment.lstrip())
            spans.append((s, s + len(body)))
        start = cut
    return tuple(spans)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, returned as spans in reading order.

    Leading and trailing whitespace is left outside the spans; an empty or blank text gives ``[]``.
    Stops and line breaks are found by C-level scans; Python code runs once per candidate sentence
    end, not once per character (the outputs are those of the earlier per-character version, checked
    on every text of the shared validation data and by a property test).
    """
    return [Sentence(s, e, text[s:e]) for s, e in _spans(text)]


def sentence_texts(text: str) -> list[str]:
    """The sentence strings of ``text`` (convenience for ROUGE-Lsum and the extractive baselines)."""
    return [text[s:e] for s, e in _spans(text)]
