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
_END_RE = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*")
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


def _is_boundary(text: str, match: re.Match[str], lowercase_text: bool) -> bool:
    nxt = match.end()
    j = nxt
    n = len(text)
    while j < n and text[j] in " \t\r\u00a0":
        j += 1
    if j == nxt and j < n:  # "3.5", "U.S.A", "end.Next" (no space): not a boundary
        return False
    if j >= n:
        return False  # end of text: the final span closes it anyway
    if text[j] == "\n":
        return True
    first = text[j]
    if not (first.isupper() or first.isdigit() or first in _OPENERS or (lowercase_text and first.isalpha())):
        return False
    punct = match.group(0)
    if punct.startswith(".") and len(punct.rstrip(_CLOSERS)) == 1:
        word = _word_before(text, match.start()).lower().rstrip(".")
        if word in _ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isalpha() and first.isupper():
            return False  # an initial: "J. Smith"
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, returned as spans in reading order.

    Leading and trailing whitespace is left outside the spans; an empty or blank text gives ``[]``.
    """
    if not text or text.isspace():
        return []
    lowercase_text = not any(ch.isupper() for ch in text)
    cuts: set[int] = set()
    for m in _END_RE.finditer(text):
        if _is_boundary(text, m, lowercase_text):
            cuts.add(m.end())
    for m in _NEWLINE_RE.finditer(text):
        cuts.add(m.start())
    sentences: list[Sentence] = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(s, e, text[s:e]))
        start = cut
    return sentences


def sentence_texts(text: str) -> list[str]:
    """The sentence strings of ``text`` (convenience for ROUGE-Lsum and the extractive baselines)."""
    return [s.text for s in split_sentences(text)]
