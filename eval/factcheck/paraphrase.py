"""Correct rewordings of numbers and names that an abstractive summary writes (issue 26).

Each rule below is a small pure function; the checker (numbers.py, tolerance.py, check.py,
entities.py) calls them. Every rule also keeps the wrong value of the same form a flag.

* **ranks** (:func:`with_rank`): ``world No 48`` / ``No. 48`` / ``number 48`` is the rank 48th
  (first principles: "No." is the abbreviation of *numero*, a position in an order), so the mention
  also offers the ordinal reading; ``No 47`` against ``48th`` stays a flag.
* **spans of time in other units** (:func:`base_span`, :func:`span_words`): exact factors only
  (first principles, calendar definitions): millennium = 1000 years, century = 100 years, decade =
  10 years, year = 12 months; fortnight = 2 weeks = 14 days, week = 7 days, day = 24 hours, hour = 60
  minutes. Years and months are never converted to weeks or days (not exact). ``a quarter`` is not
  read as three months (a quarter of what the text does not say). A converted figure is compared to
  the next smaller unit: ``four decades`` is 40 years, not 38 or 45; ``a fortnight`` 14 days, not 10;
  ``two days`` 48 hours, not 36.
* **scores in words** (:func:`score_words`): ``goalless`` / ``scoreless`` / ``nil-nil`` is 0-0,
  ``one-all`` / ``1-all`` is 1-1 (first principles: the words name the score).
* **counts of listed names** (:func:`name_lists`): ``the two firms`` where the text names ``Vantel
  and Orion``: a definite count of 2-9 is supported by a coordinated list of exactly that many
  capitalised names in the source or the summary.
* **ordinals that count nothing** (:func:`period_of_play`, :func:`first_means_never_before`):
  ``first half``/``second half`` is a period of play, contradicted only by the source naming the
  other half (``before half-time`` is the first half); ``the first time``, ``first-ever``, ``the
  first ... of her career`` is supported by a source that says it never happened before.
* **counted nouns** (:func:`same_thing`): a closed compound's head names its kind (``spacecraft`` is
  a ``craft``; first principles of English compounds), and a small hand-made table of synonyms
  (:data:`SYNONYMS`, no WordNet data is installed here): ``shops``/``stores``, ``firms``/``companies``.
* **names** (:func:`common_plural`, :func:`split_glued`): a capitalised plural common noun (``Jurors``,
  ``Councillors``) is no name; an entity that NER glued across a subordinating conjunction
  (``European Championship because Ferrer``) is two names.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Sequence

from sumcheck.factcheck.numbers import NumberMention, Reading

# -- ranks ------------------------------------------------------------------------------------------

_RANK_BEFORE_RE = re.compile(r"(?:\b(?:No|NO|no)\.?|\b[Nn]umber)\s*$")  # not "#": CNN/DM writes "£" so


def with_rank(text: str, m: NumberMention) -> NumberMention:
    """``m`` with the ordinal reading added when a rank word is written right before it (``world No
    48``, ``No. 48``, ``number 48``): the cardinal reading is kept; else ``m`` itself.

    >>> from sumcheck.factcheck.numbers import extract_numbers
    >>> [r.family for alt in extract_numbers("world No 48")[0].alternatives for r in alt]
    ['n', 'ord']
    """
    if m.kind != "cardinal" or len(m.alternatives) != 1 or len(m.alternatives[0]) != 1:
        return m
    r = m.alternatives[0][0]
    if r.family != "n" or r.unit is not None or not float(r.value).is_integer() or r.value < 1:
        return m
    before = text[max(0, m.start - 12):m.start]
    if not _RANK_BEFORE_RE.search(before):
        return m
    if before.rstrip().endswith("no") and not before.rstrip().endswith((" no", "(no")):
        return m
    if re.search(r"(?:^|\s)no\s*$", before):
        return m  # lower-case "no 48" without a full stop: "no 48 people" is a negation
    return NumberMention(m.start, m.end, m.text, m.kind, m.alternatives + ((Reading("ord", r.value),),), m.qualifier, m.offers, m.note)


# -- spans of time ----------------------------------------------------------------------------------

# unit -> (base unit, factor, the coarsest step a converted figure keeps: the next smaller unit, in base
# units). The base units are marked "=" so that a bare number never supports them (units_agree, tolerance.py).
SPAN_UNITS: dict[str, tuple[str, float, float]] = {
    "millennium": ("=month", 12000.0, 12.0), "century": ("=month", 1200.0, 12.0), "decade": ("=month", 120.0, 12.0),
    "year": ("=month", 12.0, 1.0), "month": ("=month", 1.0, 1.0),
    "fortnight": ("=minute", 20160.0, 1440.0), "week": ("=minute", 10080.0, 1440.0), "day": ("=minute", 1440.0, 60.0),
    "hour": ("=minute", 60.0, 1.0), "minute": ("=minute", 1.0, 1.0),
}


def base_span(r: Reading) -> Reading | None:
    """A span of time in its base unit (months, or minutes), or None when ``r`` is not one. Its step
    is the written one converted, at most the next smaller unit: ``four decades`` is 480 months give or
    take 6 (40 years to the nearest year), ``two days`` 2,880 minutes give or take 30 (48 hours to the
    nearest hour).

    >>> base_span(Reading("n", 4.0, "decade"))
    Reading(family='n', value=480.0, unit='=month', step=12.0)
    >>> base_span(Reading("n", 1.0, "fortnight")).value == base_span(Reading("n", 14.0, "day")).value == 20160.0
    True
    """
    got = SPAN_UNITS.get(r.unit or "")
    if got is None or r.family != "n":
        return None
    unit, factor, cap = got
    return Reading("n", r.value * factor, unit, min(r.step * factor, cap))


def with_base_span(m: NumberMention) -> NumberMention:
    """``m`` with each span of time also read in its base unit (an extra alternative)."""
    if m.kind not in ("cardinal", "fraction"):
        return m
    extra = []
    for alt in m.alternatives:
        if len(alt) == 1:
            b = base_span(alt[0])
            if b is not None:
                extra.append((b,))
    if not extra:
        return m
    return NumberMention(m.start, m.end, m.text, m.kind, m.alternatives + tuple(extra), m.qualifier, m.offers, m.note)


_CRICKET_RE = re.compile(r"\b(?:runs?|innings|wickets?|batt(?:ed|ing|er|sman)|not out|balls|overs|Test|ODI|stand|partnership)\b")
_SPAN_WORDS_RE = re.compile(r"\b(?:(?P<half>half|Half)\s+an?\s+(?=hour|decade|century|millennium)|(?P<one>[Aa]n?|[Oo]ne)\s+(?=fortnight|decade|century|millennium))"
                            r"(?P<unit>fortnight|decade|century|millennium|hour)\b")


def span_words(text: str) -> list[NumberMention]:
    """``a fortnight``, ``a decade``, ``a century``, ``half a century``, ``half an hour`` as numbers
    with a unit (the article counts one; ``half`` one half; ``an hour`` and ``a week`` are left alone:
    ``100 miles an hour``, ``twice a week`` count nothing). A century near cricket words (``runs``, ``innings``,
    ``not out``...) is a hundred runs and is left alone.

    >>> [(m.text, m.value, m.alternatives[0][0].unit) for m in span_words("for half a century, then a fortnight")]
    [('half a century', 0.5, 'century'), ('a fortnight', 1.0, 'fortnight')]
    """
    out = []
    for g in _SPAN_WORDS_RE.finditer(text):
        if g.group("unit").lower() == "century" and _CRICKET_RE.search(text, max(0, g.start() - 80), g.end() + 80):
            continue  # a century of runs, not of years
        value = 0.5 if g.group("half") else 1.0
        r = Reading("n", value, g.group("unit").lower(), 0.5 if g.group("half") else 1.0)
        out.append(NumberMention(g.start(), g.end(), g.group(), "cardinal", ((r,),)))
    return out


# -- scores in words --------------------------------------------------------------------------------

_SCORE_NUMBER_WORDS = {"nil": 0, "nought": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SCORE_WORDS_RE = re.compile(r"\b(?:(?P<none>goalless|scoreless|pointless)|nil-nil|(?P<n>nil|one|two|three|four|five|six|[0-9])-all"
                             r"|(?P<a>one|two|three|four|five|six|[1-9])-nil|nil-(?P<b>one|two|three|four|five|six|[1-9]))\b", re.I)
# What a "goalless"/"scoreless" result is said of (not "scoreless innings", "a goalless run of games").
_RESULT_AFTER_RE = re.compile(r"(?:\s+(?:home|away|league|cup|first-half|second-half))?\s+(?:draw|stalemate|tie|game|match|encounter|affair|contest|fixture)\b|\s*[.,;]", re.I)


def score_words(text: str) -> list[NumberMention]:
    """Scores written in words: ``goalless``/``scoreless``/``nil-nil`` (0-0), ``one-all`` or ``1-all``
    (1-1), ``2-nil`` / ``two-nil`` (2-0), as score mentions (a score's reading is ``100 * a + b``, read
    either way round, see numbers.py).

    ``goalless``/``scoreless`` are read only of a result (before ``draw``, ``match``, ``game``... or
    ending a clause: ``the match ended goalless.``), ``pointless`` only before ``draw``; the word
    forms need their hyphen (``one-all``: ``one all`` is too often other words).

    >>> [(m.text, m.value) for m in score_words("a goalless draw, then a two-all draw")]
    [('goalless', 0.0), ('two-all', 202.0)]
    """
    out = []
    for g in _SCORE_WORDS_RE.finditer(text):
        if g.group("none") and not _RESULT_AFTER_RE.match(text, g.end()):
            continue  # "seven scoreless innings", "a pointless exercise": not a result
        if g.group("none") and g.group("none").lower() == "pointless" and not text[g.end():g.end() + 6].lower().startswith(" draw"):
            continue
        def value(w: str | None) -> int:
            return 0 if w is None else (int(w) if w.isdigit() else _SCORE_NUMBER_WORDS[w.lower()])

        if g.group("a") or g.group("b"):
            v = value(g.group("a") or g.group("b"))
            alts: tuple = ((Reading("score", v * 100.0),), (Reading("score", float(v)),))
        else:
            v = value(g.group("n"))
            alts = ((Reading("score", v * 100.0 + v),),)
        out.append(NumberMention(g.start(), g.end(), g.group(), "score", alts))
    return out


def extend_mentions(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """The scanner's mentions with the readings and the word-written numbers above added (in reading
    order). A word-written number replaces the scanned ones inside it (``two`` of ``two-all``); one
    that overlaps a scanned number reaching outside it is left out."""
    out = [with_base_span(with_rank(text, m)) for m in mentions]
    extra = [with_base_span(m) for m in span_words(text)] + score_words(text)
    if not extra:
        return out
    for m in extra:
        inside = [x for x in out if m.start <= x.start and x.end <= m.end]
        if not any(x.start < m.end and m.start < x.end for x in out if x not in inside):
            out = [x for x in out if x not in inside] + [m]
    out.sort(key=lambda m: (m.start, m.end))
    return out


# -- counts of listed names ---------------------------------------------------------------------

_NAME = r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’.&-]*)*"
_LIST_RE = re.compile(rf"(?<![\w'’])({_NAME})((?:\s*,\s*{_NAME})*),?\s+(?:and|&)\s+({_NAME})")
_NOT_NAMES = frozenset({"The", "A", "An", "But", "And", "It", "He", "She", "They", "We", "I", "In", "On", "At", "This", "That"})
# Words before a summary count that make it definite: the count of things the text has named.
DEFINITE_BEFORE = frozenset({"the", "both", "all", "these", "those", "its", "their", "his", "her"})


def name_lists(text: str) -> set[int]:
    """How many names each coordinated list of capitalised names holds (``Vantel and Orion`` -> 2,
    ``Ann, Bob and Cy`` -> 3); a first word that only opens a sentence (``The``, ``But``) is dropped.

    >>> sorted(name_lists("Vantel and Orion merged. Ann Lee, Bob Marsh and Cy Dunn left."))
    [2, 3]
    """
    out = set()
    for g in _LIST_RE.finditer(text):
        first = g.group(1).split()
        while first and first[0] in _NOT_NAMES:
            first = first[1:]
        if not first:
            continue
        middle = [p for p in g.group(2).split(",") if p.strip()]
        out.add(2 + len(middle))
    return out


def definite_count(summary: str, m: NumberMention) -> bool:
    """Is ``m`` a small whole count (2-9) after a definite word (``the two firms``, ``all three men``)?

    Only a definite count refers back to things already named: an indefinite one (``two men have
    been arrested``) may count others than a list the source gives (on the XSum hallucination cut,
    reading ``two men`` against the source's two named victims cleared an annotated hallucination)."""
    if m.kind != "cardinal" or len(m.alternatives[0]) != 1:
        return False
    r = m.alternatives[0][0]
    if r.family != "n" or r.unit is not None or not (2 <= r.value <= 9) or not float(r.value).is_integer() or m.qualifier:
        return False
    words = summary[max(0, m.start - 20):m.start].lower().split()
    return bool(words) and words[-1] in DEFINITE_BEFORE


# -- ordinals that count nothing --------------------------------------------------------------------

_HALF_AFTER_RE = re.compile(r"[\s-]+half\b(?![\s-]*(?:a|an|of|the|time|century|centuries|hour|dozen)\b)", re.I)
_FIRST_HALF_CUES = re.compile(r"\b(?:first[\s-]half|before\s+(?:half[\s-]time|the\s+(?:break|interval))|(?:opening|first)\s+(?:45|forty-five)\s+minutes)\b", re.I)
_SECOND_HALF_CUES = re.compile(r"\b(?:second[\s-]half|after\s+(?:half[\s-]time|the\s+(?:break|interval|restart))|(?:final|last|second)\s+(?:45|forty-five)\s+minutes)\b", re.I)


def period_of_play(summary: str, m: NumberMention) -> int | None:
    """1 or 2 when ``m`` is the ordinal of ``first half`` / ``second half`` (a period of play, not a
    count), else None."""
    if m.kind != "ordinal" or not m.text.isalpha() or m.value not in (1, 2):
        return None
    return int(m.value) if _HALF_AFTER_RE.match(summary, m.end) else None


def half_in_source(source: str, which: int) -> str | None:
    """``"same"`` when the source places something in that half (``first half``, ``before
    half-time``...), ``"other"`` when it names only the other half, None when it names neither."""
    same, other = (_FIRST_HALF_CUES, _SECOND_HALF_CUES) if which == 1 else (_SECOND_HALF_CUES, _FIRST_HALF_CUES)
    if same.search(source):
        return "same"
    return "other" if other.search(source) else None


_FIRST_SENSE_AFTER_RE = re.compile(r"(?:[\s-]+ever\b|\s+time\b|\s+(?:[\w-]+\s+){0,4}?(?:of|in)\s+(?:his|her|their|its)\s+(?:career|life|history)\b)", re.I)
NEVER_BEFORE_RE = re.compile(r"\b(?:never\s+(?:\w+\s+){0,2}?(?:before|previously)|had\s+never\b|for\s+the\s+first\s+time|first[\s-]ever|maiden|debut)\b"
                             r"|\b(?:not|never)\s+(?:\w+\s+){0,3}?(?:before|previously|until\s+now)\b", re.I)
_OTHER_TIME_RE = re.compile(r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+time\b", re.I)


def first_means_never_before(summary: str, m: NumberMention) -> bool:
    """Is ``m`` the ``first`` of "never before" (``the first time``, ``first-ever``, ``the first
    top-10 win of her career``) rather than a rank or a count?"""
    if m.kind != "ordinal" or m.value != 1 or not m.text.isalpha():
        return False
    return bool(_FIRST_SENSE_AFTER_RE.match(summary, m.end))


_WORD_AFTER_RE = re.compile(r"[\s-]+([A-Za-z][\w-]*)")


def maiden_in_source(summary: str, m: NumberMention, source: str) -> str | None:
    """The source's ``maiden X`` / ``debut X`` for a summary's ``first X`` (the same next word: ``her
    first Grand Slam title`` and ``her maiden Grand Slam title``), or None."""
    if m.kind != "ordinal" or m.value != 1 or not m.text.isalpha():
        return None
    nxt = _WORD_AFTER_RE.match(summary, m.end)
    if nxt is None:
        return None
    hit = re.search(rf"\b(?:maiden|debut)\s+{re.escape(nxt.group(1))}\b", source, re.I)
    return hit.group() if hit else None


def source_says_never_before(source: str) -> bool:
    """Does the source say something had not happened before (``had never previously beaten``,
    ``for the first time``, ``maiden``, ``debut``) and name no later time (``the second time``)?"""
    return bool(NEVER_BEFORE_RE.search(source)) and not _OTHER_TIME_RE.search(source)


# -- counted nouns ----------------------------------------------------------------------------------

# Hand-made groups of nouns that count the same things in news text (no WordNet data is installed
# here; each group was checked against a dictionary's first sense: they name the same class).
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "shop store outlet", "firm company business", "car vehicle", "child kid", "lorry truck", "flat apartment",
    "film movie", "pupil student", "lawmaker legislator", "holiday vacation", "mobile cellphone", "boat vessel ship",
    "job post", "doctor physician", "jail prison", "goal strike", "home house dwelling", "employee worker staff",
    "aircraft plane airliner jet",
))
_SYN = {w: g for g in SYNONYMS for w in g}


_HOLDERS = frozenset({"staff", "worker", "workers", "employee", "employees", "personnel"})
_THEIR_JOBS_RE = re.compile(r"[^.;:!?()]{0,50}?\b(?:their|its|the)\s+(?:jobs?|posts?)\b")


def jobs_of_holders(summary: str, end: int, noun: str | None) -> str | None:
    """``"job"`` when a count of job holders ends at ``end`` and the clause after it says they lose or hold their jobs
    ("140 staff will lose their jobs": as many jobs as staff, first principles), so that the source's "the loss of 140
    jobs" supports it; else None. A count of jobs alone is not read as a count of staff ("employs 300 staff and will
    cut 50 jobs" does not support "will cut 300 jobs").

    >>> jobs_of_holders("140 staff will lose their jobs.", 3, "staff"), jobs_of_holders("140 staff were hired.", 3, "staff")
    ('job', None)
    """
    if noun is None or noun.lower() not in _HOLDERS:
        return None
    return "job" if _THEIR_JOBS_RE.match(summary, end) else None


def same_thing(noun: str, word: str) -> bool:
    """Does source word ``word`` count what summary noun ``noun`` counts (both singular, lower case)?
    The same word, a synonym (:data:`SYNONYMS`), or a closed compound whose head is the noun and whose
    first part is itself a noun (``spacecraft`` for ``craft``, ``bookshop`` for ``shop``; not
    ``relationship`` for ``ship`` nor ``report`` for ``port``: :data:`_NOT_HEADS`, :func:`english_nouns`)."""
    if noun == word or (noun in _SYN and word in _SYN[noun]):
        return True
    if len(noun) < 4 or len(word) < len(noun) + 3 or not word.endswith(noun) or noun in _NOT_HEADS:
        return False
    return word[:-len(noun)].rstrip("-") in english_nouns()


# Endings that make a word of another kind, not a kind of the ending ("relationship" is no ship,
# "report" no port, "deadline" no line).
_NOT_HEADS = frozenset({"ship", "hood", "ness", "ment", "ward", "wise", "work", "line", "port", "land", "ware", "some",
                        "less", "like", "self", "fold", "head", "side", "time", "tion", "ling", "ster", "ance", "ence"})


@functools.lru_cache(maxsize=1)
def english_nouns() -> frozenset[str]:
    """English common nouns: the WordNet 3.0 noun index that spaCy's English rule lemmatizer ships
    (``lemma_index["noun"]``, from spacy-lookups-data); empty when the model has none."""
    from sumcheck.factcheck.nlp import load_nlp

    try:
        return frozenset(load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"])
    except (KeyError, ValueError, AttributeError):
        return frozenset()


# -- names ------------------------------------------------------------------------------------------

# Subordinating conjunctions and clause openers never inside a name (English grammar, first principles).
CLAUSE_WORDS = frozenset({"because", "while", "whilst", "although", "though", "whereas", "unless", "until", "since", "after",
                          "before", "when", "whenever", "where", "if", "as", "but", "so", "than", "that", "which", "who"})


def split_glued(words: Sequence[str]) -> list[tuple[int, int]]:
    """The parts of an entity's words (token index ranges) between lower-case clause words.

    >>> split_glued(["European", "Championship", "because", "Ferrer"])
    [(0, 2), (3, 4)]
    """
    parts, a = [], 0
    for k, w in enumerate(words):
        if w in CLAUSE_WORDS:
            if k > a:
                parts.append((a, k))
            a = k + 1
    if a < len(words):
        parts.append((a, len(words)))
    return parts


def common_plural(word: str, tag: str, source_lower: Iterable[str] = ()) -> bool:
    """Is a one-word capitalised "name" a plural common noun (``Jurors``, ``Councillors``,
    ``Rangers`` where the source writes ``rangers``)? The tagger's fine tag says so (``NNS``), or the
    source writes the word (or its singular) in lower case and never capitalised (``source_lower``:
    the lower-case words the source writes only in lower case)."""
    low = word.lower()
    if not word[:1].isupper() or not low.endswith("s") or len(low) < 4:
        return False
    if tag == "NNS":
        return True
    lower = set(source_lower)
    return low in lower or low[:-1] in lower


# -- demonyms from a capital ------------------------------------------------------------------------

# Capital city -> country (the key used in names.DEMONYMS), for the countries of that table; standard
# atlas facts. One way only: a firm "based in Oslo" is Norwegian, but "a Norwegian firm" need not be
# in Oslo, so a capital supports the demonym and never the reverse; and only a capital where something
# is based (a city named otherwise, "at Real Madrid", says nothing of anyone's nationality).
CAPITALS: dict[str, str] = {
    "oslo": "norway", "stockholm": "sweden", "copenhagen": "denmark", "helsinki": "finland", "reykjavik": "iceland",
    "london": "britain", "dublin": "ireland", "paris": "france", "berlin": "germany", "madrid": "spain", "lisbon": "portugal",
    "rome": "italy", "amsterdam": "netherlands", "brussels": "belgium", "vienna": "austria", "bern": "switzerland",
    "warsaw": "poland", "budapest": "hungary", "prague": "czech republic", "bucharest": "romania", "sofia": "bulgaria",
    "athens": "greece", "ankara": "turkey", "moscow": "russia", "kyiv": "ukraine", "kiev": "ukraine", "belgrade": "serbia",
    "zagreb": "croatia", "cairo": "egypt", "tehran": "iran", "baghdad": "iraq", "damascus": "syria", "kabul": "afghanistan",
    "islamabad": "pakistan", "beijing": "china", "tokyo": "japan", "seoul": "korea", "canberra": "australia",
    "ottawa": "canada", "wellington": "new zealand", "havana": "cuba", "hanoi": "vietnam", "bangkok": "thailand",
    "manila": "philippines", "jakarta": "indonesia", "kuala lumpur": "malaysia", "beirut": "lebanon", "tripoli": "libya",
    "amman": "jordan", "doha": "qatar", "nairobi": "kenya", "abuja": "nigeria", "accra": "ghana", "addis ababa": "ethiopia",
    "kampala": "uganda", "harare": "zimbabwe", "rabat": "morocco", "tunis": "tunisia", "algiers": "algeria",
    "santiago": "chile", "bogota": "colombia", "lima": "peru", "caracas": "venezuela", "buenos aires": "argentina",
    "brasilia": "brazil", "mexico city": "mexico", "riyadh": "saudi arabia", "kathmandu": "nepal", "dhaka": "bangladesh",
    "taipei": "taiwan", "khartoum": "sudan", "mogadishu": "somalia", "kingston": "jamaica", "new delhi": "india",
}


def demonym_from_capital(word: str, source: str) -> str | None:
    """The capital named in ``source`` as where something is based (``Oslo-based``, ``based in Oslo``,
    ``headquartered in Oslo``) that makes the one-word demonym ``word`` true (``Norwegian``), or None.
    A capital named otherwise says nothing of nationality (``at Real Madrid`` makes no one Spanish).

    >>> demonym_from_capital("Norwegian", "the Oslo-based carrier"), demonym_from_capital("Swedish", "the Oslo-based carrier")
    ('Oslo', None)
    """
    from sumcheck.factcheck.names import DEMONYMS

    low = word.lower()
    for city, country in CAPITALS.items():
        if low in DEMONYMS.get(country, ()):
            for hit in re.finditer(rf"\b(?:(?:based|headquartered)\s+in\s+)?({re.escape(city)})(-based\b)?", source, re.I):
                if source[hit.start(1)].isupper() and (hit.group(2) or hit.start(1) > hit.start()):
                    return hit.group(1)
    return None


_PHRASE_LINKS = frozenset({"and", "of", "for", "&"})
_WORD = re.compile(r"[A-Za-z]+|&")


def acronym_of_phrase(acronym: str, source: str) -> str | None:
    """The phrase of ``source`` whose words' initials spell the all-capitals ``acronym`` (2 to 5 letters),
    read whatever its case: ``AI`` for "artificial intelligence", ``A&E`` for "accident and emergency",
    ``EMA`` for a "European Medicines Agency" the source also calls "the agency" (so not a name run of
    capitals). "and"/"of"/"for" inside the phrase may be skipped; the phrase has at most 5 words. None when
    there is no such phrase or ``acronym`` is not written in capitals.

    >>> acronym_of_phrase("AI", "shifting investment towards artificial intelligence products")
    'artificial intelligence'
    >>> acronym_of_phrase("A&E", "waiting times at accident and emergency departments")
    'accident and emergency'
    >>> acronym_of_phrase("AI", "an animal that was injured") is None
    True
    """
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not (2 <= len(letters) <= 5) or not acronym.replace("&", "").isalpha() or not acronym.replace("&", "").isupper():
        return None
    words = list(_WORD.finditer(source))
    for i, w in enumerate(words):
        if w.group(0).lower()[0] != letters[0] or w.group(0).lower() in _PHRASE_LINKS:
            continue
        k, j = 1, i + 1
        while k < len(letters) and j < len(words) and j - i < 6:
            word = words[j].group(0).lower()
            if word[0] == letters[k] and word not in _PHRASE_LINKS:
                k, j = k + 1, j + 1
            elif word in _PHRASE_LINKS:
                j += 1
            else:
                break
        if k == len(letters) and j - i >= 2:
            return source[w.start():words[j - 1].end()]
    return None
