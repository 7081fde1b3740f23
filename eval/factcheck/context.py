"""Numbers in context: what a number counts, read cheaply on each side.

Presence is not support: "The company hired 300 workers and sold 120 cars" does not support "sold
300 cars". A plain count (kind ``cardinal``, no unit, no currency) is compared with what it counts:

* **summary side** (:func:`counted_noun`): the spaCy tags of the summary (the checker's pipeline
  already runs the tagger): the head of the noun run right after the number (``300 cars`` -> car,
  ``300 North Korean soldiers`` -> soldier); None when the number is not followed by one (``300
  of them``, ``300 died``) or the pair's language has no tagger;
* **source side** (:func:`source_words`, no model, cheap for long documents): the words after the
  number up to the first punctuation or function word, at most :data:`WINDOW` words (``120 new
  cars and ...`` -> {new, car}); empty when the first word is a function word, when there is none,
  or when it is capitalised (the number is part of a name: ``Six Nations title``).

Nouns are compared after a crude English singular (:func:`singular`); generic counted nouns
(``people``, ``others``...) are compatible with anything. check.py decides what follows.

>>> singular("cars"), singular("companies"), singular("buses"), singular("people"), singular("news")
('car', 'company', 'bus', 'people', 'news')
>>> source_words("hired 300 workers and sold", 9)
('worker',)
>>> source_words("300 were killed", 3)
()
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from sumcheck.factcheck.names import FUNCTION_WORDS
from sumcheck.factcheck.nlp import pos

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

WINDOW = 4
GENERIC = frozenset({"people", "person", "persons", "other", "others", "time", "times", "one", "ones", "individual", "individuals",
                     "more", "member", "members", "item", "items", "thing", "things", "case", "cases", "unit", "units"})
# Words after a number that never name what it counts (verbs of being/having, prepositions...).
_STOP = FUNCTION_WORDS | frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
                                    "could", "should", "may", "might", "can", "did", "do", "does", "per", "against", "between",
                                    "out", "over", "under", "each", "percent", "years", "year", "old", "unk", "lrb", "rrb"})
_WORD_RE = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.?|[^\W\d_]+(?:['’-][^\W\d_]+)*|\S")
_KEEP_S = ("ss", "us", "is", "news", "series", "species")


def singular(word: str) -> str:
    """A crude English singular of a lower-cased noun (enough to compare ``cars`` with ``car``)."""
    w = word.lower()
    if len(w) <= 3 or w.endswith(_KEEP_S):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "uses", "zes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def source_words(text: str, end: int) -> tuple[str, ...]:
    """The words that say what the source number ending at ``end`` counts (singular, lower case)."""
    out: list[str] = []
    lower = False
    for m in _WORD_RE.finditer(text, end, min(len(text), end + 80)):
        tok = m.group()
        low = tok.lower()
        if not tok[0].isalpha() or low in _STOP:
            break
        out.append(singular(low.replace(".", "")))
        if "-" in low:  # "call-up": also its parts, as the summary's tagger splits them
            out.extend(singular(p) for p in low.split("-") if p)
        lower = lower or tok[0].islower()
        if len(out) >= WINDOW:
            break
    first = text[end:end + 80].lstrip()[:1]
    if not lower or first.isupper():
        return ()  # a capitalised word first: the number is part of a name ("Six Nations title"), not a count
    return tuple(out)


_LAST: tuple = (None, ([], []))  # (doc, (starts, ends)): the last tagged summary's token offsets


def _offsets(doc: "Doc") -> tuple[list[int], list[int]]:
    """The character offsets where the tokens of ``doc`` start and end (both ascending: tokens do not
    overlap), computed once per summary rather than walked for each of its numbers (a summary of
    many numbers was quadratic). One entry, holding the doc itself so that its id is not reused;
    replaced whole, so threads never see one doc's offsets under another."""
    global _LAST
    last = _LAST
    if last[0] is not doc:
        starts, ends = [], []
        for t in doc:
            starts.append(t.idx)
            ends.append(t.idx + len(t.text))
        last = (doc, (starts, ends))
        _LAST = last
    return last[1]


_NOUNISH = frozenset({"NOUN", "PROPN", "ADJ"})


def counted_noun(doc: "Doc | None", start: int, end: int) -> str | None:
    """The noun (lower case, as written) a summary number ending at character ``end`` counts, from
    the tagged summary; None when it cannot be read (also for ratios: "one in seven residents")."""
    if doc is None:
        return None
    starts, ends = _offsets(doc)
    k = bisect.bisect_left(starts, end)  # the first token at or after the number's end
    tok: Any = doc[k] if k < len(starts) else None
    b = bisect.bisect_right(ends, start, 0, k)  # the tokens before it that end before the number
    before: Any = doc[b - 1] if b > 0 else None
    if before is not None and before.lower_ == "in":
        return None
    if tok is None or tok.idx - end > 1:
        return None
    noun: str | None = None
    for t in doc[tok.i: tok.i + WINDOW]:
        tag = pos(t)
        if tag == "NOUN":
            noun = t.lower_
        elif tag in _NOUNISH and noun is None:
            continue
        else:
            break
    if noun is None or not noun.isalpha() or noun in _STOP:
        return None
    return noun


def compatible(noun: str, words: tuple[str, ...]) -> bool:
    """Does a source number followed by ``words`` count the summary's ``noun``?"""
    return noun in GENERIC or noun in words or any(w in GENERIC for w in words[:1])
