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

Two more readings of the words around a number (issue 24):

* **counts given by ellipsis** (:func:`elided`, :func:`antecedent`): ``300 soldiers have died, with
  another 2,700 injured`` counts soldiers twice, but only after a carrying word (``30 injured``
  alone says nothing about what it counts); a participle or state adjective after a number
  (``injured``, ``dead``) is never the counted thing;
* **years and counts** (:func:`year_role`, :func:`mention_role`, :func:`summary_role`): ``in 1998``
  is a year, ``employs 1998 staff`` a count, a bare ``2019 sales`` either; a year never supports a
  count nor a count a year.

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
from typing import TYPE_CHECKING, Any, Callable, Sequence

from sumcheck.factcheck.names import FUNCTION_WORDS
from sumcheck.factcheck.nlp import pos

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from sumcheck.factcheck.numbers import NumberMention

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


def modifier_nouns(doc: "Doc | None", end: int) -> tuple[str, ...]:
    """The nouns before the head of the noun run after a summary number ending at ``end`` (lower
    case): ``200 flight cancellations`` -> ``("flight",)``; empty when there is none."""
    if doc is None:
        return ()
    starts, _ = _offsets(doc)
    k = bisect.bisect_left(starts, end)
    if k >= len(starts) or doc[k].idx - end > 1:
        return ()
    nouns: list[str] = []
    for t in doc[k: k + WINDOW]:
        tag = pos(t)
        if tag == "NOUN":
            nouns.append(t.lower_)
        elif tag not in _NOUNISH or nouns:
            break
    return tuple(n for n in nouns[:-1] if n.isalpha())


# -- counts given by ellipsis ("300 soldiers have died, with another 2,700 injured") ---------------------------------

# Words right before a number that carry the counted thing over from the count before it ("another
# 2,700", "a further 50", "the remaining 20", "an additional 30", "the other 12", "the rest").
ELLIPSIS_BEFORE = frozenset({"another", "further", "additional", "more", "other", "remaining", "rest", "extra"})
# Adjectives that stand for the counted thing's state, not the thing ("300 dead", "12 missing").
STATE_WORDS = frozenset({"dead", "missing", "hurt", "alive", "homeless", "ill", "sick", "safe", "unharmed", "unhurt",
                         "left", "injured", "wounded", "displaced", "unaccounted", "critical", "slain", "stranded",
                         "taken", "held", "beaten", "stolen", "fallen", "born", "sworn", "hidden", "given", "chosen",
                         "driven", "eaten", "broken", "frozen", "shaken", "written", "forgotten", "killed", "affected"})
# Nouns that end like a participle ("-ed", "-ing") and may follow a number.
_PARTICIPLE_LIKE_NOUNS = frozenset({"bed", "beds", "shed", "seed", "speed", "breed", "creed", "steed", "weed", "reed",
                                    "need", "deed", "feed", "sled", "hundred", "building", "meeting", "wedding",
                                    "painting", "ceiling", "morning", "evening", "sibling", "offspring", "earring",
                                    "pudding", "dwelling", "filling", "clothing", "housing", "funding", "training",
                                    "being", "beings", "string", "spring", "thing", "king", "ring", "wing"})
_WORDS_AFTER_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\S")


def is_participle(word: str) -> bool:
    """Is the lower-case ``word`` a participle or state adjective (``injured``, ``killed``, ``dead``,
    ``missing``, ``living``), never the counted thing itself? A suffix test (``-ed``, ``-ing``) with
    a list of nouns that end so (``speed``, ``building``) and of irregular forms (``hurt``, ``taken``)."""
    if word in STATE_WORDS:
        return True
    if word in _PARTICIPLE_LIKE_NOUNS or len(word) <= 4:
        return False
    return word.endswith("ed") or (word.endswith("ing") and len(word) > 5)


def word_before(text: str, start: int, *, comma: bool = False) -> str:
    """The lower-case word right before ``start`` (spaces only between; with ``comma``, also a comma:
    ``the rest, 40``), or ``""``."""
    k = start
    while k > 0 and (text[k - 1] in " \u00a0\t" or (comma and text[k - 1] == ",")) and start - k < 8:
        k -= 1
    j = k
    while j > 0 and text[j - 1].isalpha() and k - j < 30:
        j -= 1
    return text[j:k].lower()


def words_after(text: str, end: int) -> tuple[str, ...]:
    """The lower-case words after the number ending at ``end``, up to the first punctuation or
    function word, at most :data:`WINDOW` (as :func:`source_words`, not made singular)."""
    out: list[str] = []
    for m in _WORDS_AFTER_RE.finditer(text, end, min(len(text), end + 80)):
        low = m.group().lower()
        if not low[0].isalpha() or low in _STOP:
            break
        out.append(low)
        if len(out) >= WINDOW:
            break
    return tuple(out)


def elided(text: str, start: int, end: int) -> bool:
    """Does the number at ``text[start:end]`` leave out what it counts, for the count before it to
    say (``another 2,700 injured``, ``a further 50 were arrested``, ``2,700 more``, ``the rest, 40``)?
    Only when a carrying word says so: one right before it (:data:`ELLIPSIS_BEFORE`) or ``more``
    right after it, and no noun of its own after it. A number followed by a participle or state
    adjective alone (``30 injured``) carries nothing: it does not say what it counts."""
    if word_before(text, start, comma=True) in ELLIPSIS_BEFORE or text[end:end + 6].lower().startswith(" more"):
        return not [w for w in words_after(text, end) if not is_participle(w)]
    return False


# -- years and counts ------------------------------------------------------------------------------

# A number after these is a year ("since 1998", "in the summer of" is caught by "of").
YEAR_CUES_STRONG = frozenset({"since", "until", "till", "during", "circa", "year", "spring", "summer", "autumn", "winter",
                              "january", "february", "march", "april", "may", "june", "july", "august", "september",
                              "october", "november", "december"})
# ... and after these, unless a plural noun follows ("in 1998" but "power cuts in 2000 homes").
YEAR_CUES_WEAK = frozenset({"in", "by", "from", "before", "after", "of", "early", "late", "mid", "between", "and", "to",
                            "around", "about", "fall"})
# ... and after these a plural noun may still follow a year ("the 2000 people", "the 2016 elections").
_DETERMINERS = frozenset({"the", "this", "that", "his", "her", "its", "their", "our", "my", "your", "s", "last", "next"})
# Collective nouns counted in the singular form ("1998 staff").
_COLLECTIVE = frozenset({"staff", "people", "personnel", "police", "cattle", "crew", "livestock", "children", "men",
                         "women", "troops", "poultry", "deer", "sheep", "fish", "aircraft", "offspring"})
# Words right before a four-digit number that make it a count even before a plural noun ("employs 1998
# staff", "has 2019 members", "some 2000 homes", "more than 1900 people"); without one, a bare 1900-2100
# before a plural noun may be a year ("2019 sales fell", "weaker 2019 profits").
COUNT_CUES = frozenset({"employs", "employ", "employed", "employing", "has", "have", "had", "having", "some", "about",
                        "around", "nearly", "almost", "approximately", "roughly", "least", "hired", "hires", "hire"})
# ... and these when "more", "fewer" or "less" comes before ("more than 1900 people", not "above 2019 levels").
_THAN = frozenset({"more", "fewer", "less"})
# Events named in the plural after their year ("the 2016 Olympics", "2014 Commonwealth Games").
_PLURAL_EVENTS = frozenset({"olympics", "paralympics", "games", "championships", "finals", "elections", "awards", "oscars",
                            "playoffs", "ashes", "nationals", "mid-terms", "midterms", "polls", "accounts", "results"})


def _plural(word: str) -> bool:
    return word not in _PLURAL_EVENTS and (word in _COLLECTIVE or singular(word) != word)


def year_role(text: str, start: int, end: int) -> str | None:
    """``"year"``, ``"count"`` or None (the text does not say) for a four-digit number 1000-2100 at
    ``text[start:end]``: a year after a cue word (``in 1998``, ``since 2004``, ``May 2019``) or a
    capitalised name (``Euro 2016``), or
    before a singular noun or name (``the 2016 election``, ``the 2004 Adam Sandler film``, ``the
    2016 Olympics``); a count before a plural noun after a count cue (``employs 1998 staff``, ``has
    2019 members``, ``more than 1900 people``: :data:`COUNT_CUES`) or when outside 1900-2100 (``1500
    soldiers``); otherwise before a plural noun the text does not say (``in 2000 homes``, ``the 2000
    people``, ``2019 sales fell``, ``weaker 2019 profits``)."""
    prev = word_before(text, start)
    if prev in YEAR_CUES_STRONG:
        return "year"
    if prev in ELLIPSIS_BEFORE and prev != "other":
        return "count"  # "another 1500", "a further 2000": a count given by ellipsis
    if prev[:1] and text[start - 1 - len(prev):start].lstrip()[:1].isupper() and prev not in _DETERMINERS and prev not in YEAR_CUES_WEAK:
        return "year"  # after a name: "Euro 2016", "Tokyo 2020", "Windows 2000"
    after = [w for w in words_after(text, end) if not is_participle(w)]
    if after:
        if any(_plural(w) for w in after):
            if prev in COUNT_CUES or (prev == "than" and word_before(text, start - len(prev) - 1) in _THAN):
                return "count"  # "employs 1998 staff", "has 2019 members", "about 2000 homes"
            if prev in YEAR_CUES_WEAK or prev in _DETERMINERS:
                return None
            bare = text[start:end]
            if bare.isdigit() and 1900 <= int(bare) <= 2100:
                return None  # "2019 sales fell", "weaker 2019 profits": a year as likely as a count
            return "count"
        return "year"
    return "year" if prev in YEAR_CUES_WEAK else None


# A count more than this many characters after the one before it carries nothing over by ellipsis.
ELLIPSIS_REACH = 200


def antecedent(text: str, mentions: Sequence[NumberMention], idx: int, says: Callable[[int], bool] | None = None) -> int | None:
    """The count that a count given by ellipsis (mention ``idx`` of ``mentions``, in reading order)
    carries its counted thing from: the nearest plain count (a cardinal: not a year, date or amount)
    at most four mentions and :data:`ELLIPSIS_REACH` characters back, in the same sentence unless a
    carrying word (``another``, ``a further``...) says it goes on; None when there is none. With
    ``says``, a count for which ``says(k)`` is False (it does not say what it counts: ``260 returned``)
    is passed over for the one before it (``Of 300 soldiers, 260 returned and the rest, 40, ...``)."""
    m = mentions[idx]
    carried = word_before(text, m.start, comma=True) in ELLIPSIS_BEFORE
    for k in range(idx - 1, max(-1, idx - 5), -1):
        p = mentions[k]
        gap = text[p.end:m.start]
        if len(gap) > ELLIPSIS_REACH or (not carried and any(c in gap for c in ".!?")):
            return None
        if p.kind == "cardinal" and len(p.alternatives[0]) == 1 and p.alternatives[0][0].unit is None and p.alternatives[0][0].family == "n":
            if says is None or says(k):
                return k
    return None


def year_like(m: NumberMention) -> bool:
    """One plain reading that could be a year (a whole number from 1000 to 2100)."""
    if len(m.alternatives) != 1 or len(m.alternatives[0]) != 1:
        return False
    r = m.alternatives[0][0]
    return r.family == "n" and 1000 <= r.value <= 2100 and float(r.value).is_integer()


def mention_role(text: str, m: NumberMention) -> str | None:
    """``"year"``, ``"count"`` or None (the text does not say) for a mention's plain-number reading."""
    if m.kind == "date":
        return "year"
    if m.kind == "year":
        return year_role(text, m.start, m.end)
    if m.kind == "range":
        return "year" if len(m.text) == 7 and m.text[:4].isdigit() and m.text[5:].isdigit() else None  # "2018-19"
    if m.kind in ("cardinal", "money", "score", "ordinal", "percent", "fraction"):
        return "count"
    return None


def summary_role(summary: str, m: NumberMention) -> str | None:
    """What a year-like summary number is: ``"year"``, ``"count"``, ``"unknown"`` (the summary does not
    say), or None when it cannot be a year (check.py then does not compare years with counts)."""
    if not year_like(m):
        return None
    if m.kind == "year":
        return year_role(summary, m.start, m.end) or "unknown"
    return "count" if m.kind == "cardinal" else None


def compatible(noun: str, words: tuple[str, ...]) -> bool:
    """Does a source number followed by ``words`` count the summary's ``noun``?"""
    from sumcheck.factcheck.paraphrase import same_thing

    return noun in GENERIC or noun in words or any(w in GENERIC for w in words[:1]) or any(same_thing(noun, w) for w in words)
