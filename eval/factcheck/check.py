"""The fact-checker: every number and named entity of a summary, checked against its source.

>>> fc = check_summary(summary="About 300 soldiers died.", source="Roughly 300 soldiers have died.")
>>> [(i.kind, i.text, i.verdict) for i in fc.items], fc.precision
([('number', '300', 'supported')], 1.0)

Source analysis (numbers, name index, language) is cached per document text (keyed by its SHA-1),
so many summaries of one source pay for it once. Summaries are parsed with spaCy in batches
(``nlp.pipe``) with the parser, lemmatizer and attribute ruler switched off (NER and the tagger are all the checker
reads: entities, and the noun each number counts, see :mod:`sumcheck.factcheck.context`).

Numbers are checked in every language and script; entities only where an NER model for the pair's
language is installed (:data:`sumcheck.lang.NER_LANGUAGES`), otherwise the entity check is unscored
with its reason ("no NER model for 'ru'") rather than guessed. A source cut at ``max_document_chars``
(``cut_at``) turns "not in source" into "not in the first N characters checked (document cut)".
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from sumcheck import lang as L
from sumcheck.factcheck.context import (antecedent, compatible, counted_noun, elided, is_participle, mention_role, modifier_nouns, singular, source_words,
                                        summary_role, word_before)
from sumcheck.factcheck.entities import PLACE_LABELS, EntityMention, SourceNames, SpanCover, lowercased_spans, render_for_ner, summary_entities
from sumcheck.factcheck.numbers import NumberMention, extract_numbers
from sumcheck.factcheck.textview import TextView
from sumcheck.factcheck.tolerance import NumberIndex
from sumcheck.summarize.errors import InputError

RULES_VERSION = "fc-rules-4"
# The number kinds whose counted noun is compared (a plain count: no unit, no currency).
CONTEXT_KINDS = frozenset({"cardinal", "ordinal"})
MAX_EVIDENCE = 5
SOURCE_CACHE_SIZE = 4096
# the attribute ruler's POS comes from a table instead (sumcheck.factcheck.nlp.CoarseTags): same tags,
# no Matcher pass over every token (fact-check 1.3x faster on the shared cuts, rows identical)
PIPE_DISABLE = ("parser", "lemmatizer", "attribute_ruler")
BATCH_SIZE = 64


@dataclass(frozen=True)
class Evidence:
    """A span of the source that supports (or, for ``nearest``, comes closest to) an item."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Item:
    """One checked number or entity. ``start``/``end`` are character offsets into the summary."""

    kind: str  # "number" or "entity"
    text: str
    start: int
    end: int
    verdict: str  # "supported" or "unsupported"
    reason: str
    evidence: tuple[Evidence, ...] = ()
    label: str = ""  # number kind (cardinal, money, date...) or NER label ("NAME" for the fallback)

    def to_json(self, *, with_verdict: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}
        if with_verdict:
            out["verdict"] = self.verdict
        out.update({"label": self.label, "reason": self.reason, "evidence": [e.to_json() for e in self.evidence]})
        return out


def _share(items: Sequence[Item]) -> float | None:
    return sum(i.verdict == "supported" for i in items) / len(items) if items else None


@dataclass(frozen=True)
class FactCheck:
    """The verdicts for one summary. Precisions are None (with ``reason``) when nothing is checkable."""

    items: tuple[Item, ...]
    reason: str | None = None
    entity_reason: str | None = None  # set when the entity check was not run (no NER model for the language)
    language: dict[str, str] | None = None  # {"document": "en", "summary": "en", "checked_as": "en"}
    precision: float | None = field(init=False)
    number_precision: float | None = field(init=False)
    entity_precision: float | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "precision", _share(self.items))
        object.__setattr__(self, "number_precision", _share([i for i in self.items if i.kind == "number"]))
        object.__setattr__(self, "entity_precision", _share([i for i in self.items if i.kind == "entity"]))

    @property
    def flags(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.verdict != "supported")

    def to_json(self) -> dict[str, Any]:
        """The ``factcheck`` object of a ``results.jsonl`` row (docs/run-folder.md)."""
        out: dict[str, Any] = {
            "precision": self.precision,
            "number_precision": self.number_precision,
            "entity_precision": self.entity_precision,
            "reason": self.reason,
            "flags": [i.to_json(with_verdict=False) for i in self.flags],
            "items": [i.to_json() for i in self.items],
        }
        if self.entity_reason:
            out["entity_reason"] = self.entity_reason
        if self.language:
            out["language"] = dict(self.language)
        return out


@dataclass(frozen=True)
class SourceAnalysis:
    text: str
    numbers: NumberIndex
    names: SourceNames
    language: L.Detected
    _words: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _roles: dict[int, str | None] = field(default_factory=dict, compare=False, repr=False)
    carried_from: dict[int, int] = field(default_factory=dict, compare=False, repr=False)
    _counting: dict[str, list[int]] | None = field(default=None, compare=False, repr=False)

    def words(self, idx: int, depth: int = 0) -> tuple[str, ...]:
        """What source number ``idx`` counts (the words after it; computed once, on demand). A count
        given by ellipsis (``another 2,700 injured``) counts what the count before it counts
        (``carried_from`` records which); with none before it, or with no carrying word (``30
        injured``), it says nothing (not ``injured``)."""
        got = self._words.get(idx)
        if got is None:
            m = self.numbers.mentions[idx]
            got = ()
            if m.kind in COUNT_KINDS and m.alternatives[0][0].unit is None:
                got = source_words(self.text, m.end)
                if all(is_participle(w) for w in got):
                    got = ()  # "30 injured" (no carrying word): a participle is not the counted thing
                if elided(self.text, m.start, m.end):
                    ante = antecedent(self.text, self.numbers.mentions, idx, lambda k: depth < 3 and bool(self.words(k, depth + 1)))
                    got = self.words(ante, depth + 1) if ante is not None and depth < 3 else ()
                    if ante is not None:
                        self.carried_from[idx] = ante
            self._words[idx] = got
        return got

    def role(self, idx: int) -> str | None:
        """``"year"``, ``"count"`` or None: what source number ``idx`` is when read as a plain number
        (a date's year is a year; a four-digit number by its context, see context.year_role)."""
        if idx not in self._roles:
            self._roles[idx] = mention_role(self.text, self.numbers.mentions[idx])
        return self._roles[idx]


    def counting(self, noun: str) -> list[int]:
        """Indexes (ascending) of the source numbers whose words (``words``) include ``noun``.

        The map from word to indexes is built once per source, on the first call, in one pass over the
        mentions: looking each summary noun up by a walk over every source mention was quadratic in a
        summary with many numbers (issue 28, row 3).
        """
        by_word = self._counting
        if by_word is None:
            by_word = {}
            for idx, m in enumerate(self.numbers.mentions):
                if m.kind in CONTEXT_KINDS:
                    for w in dict.fromkeys(self.words(idx)):  # each index once per word, in order
                        by_word.setdefault(w, []).append(idx)
            object.__setattr__(self, "_counting", by_word)
        return by_word.get(noun, [])


# Kinds that count things (their counted noun is read); a four-digit year-like number may be a count too.
COUNT_KINDS = CONTEXT_KINDS | {"year"}


_CACHE: "OrderedDict[str, SourceAnalysis]" = OrderedDict()
_CACHE_LOCK = threading.Lock()


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def analyse_source(text: str, *, use_cache: bool = True) -> SourceAnalysis:
    """Numbers and names of one source; cached per document text (LRU, ``SOURCE_CACHE_SIZE`` texts)."""
    key = text_key(text)
    if use_cache:
        with _CACHE_LOCK:
            hit = _CACHE.get(key)
            if hit is not None:
                _CACHE.move_to_end(key)
                return hit
    view = TextView.of(text)
    found = SourceAnalysis(text, NumberIndex(extract_numbers(text, view=view)), SourceNames(text, view), L.detect(view.text))
    if use_cache:
        with _CACHE_LOCK:
            _CACHE[key] = found
            while len(_CACHE) > SOURCE_CACHE_SIZE:
                _CACHE.popitem(last=False)
    return found


def clear_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()


def _context(text: str, end: int, words: int = 3) -> str:
    """The few words after a source number, to say what it counts: ``300`` -> ``North Korean soldiers``."""
    tail = text[end:end + 80]
    out: list[str] = []
    for raw in tail.split():
        word = raw.strip("\"'“”‘’()[],;:.!?")
        if not word or not any(ch.isalpha() for ch in word):
            break
        out.append(word)
        if len(out) >= words or raw[-1:] in ",.;:!?)":
            break
    return " ".join(out)


def _in_context(m: NumberMention) -> bool:
    return m.kind in CONTEXT_KINDS and len(m.alternatives[0]) == 1 and m.alternatives[0][0].unit is None


def _uses(src: SourceAnalysis, noun: str, skip: Sequence[int], limit: int = 3) -> list[int]:
    """Source counts (not in ``skip``) whose words include ``noun``: what the source counts it with."""
    out = []
    skipped = frozenset(skip)  # a set: a source with many occurrences of one value was quadratic
    for idx in src.counting(noun):  # precomputed per source: a walk over every mention per number was quadratic
        if idx not in skipped:
            out.append(idx)
            if len(out) >= limit:
                break
    return out


_ROLE_WORD = {"year": "a year", "count": "a count"}


def _year_or_count(m: NumberMention, src: SourceAnalysis, role: str, evidence: list[int]) -> tuple[list[int], str]:
    """A year never supports a count, nor a count a year (``founded in 1998`` is no support for ``1998
    staff``): the evidence that agrees, and the note that says when the match was on value alone."""
    kept = [i for i in evidence if {role, src.role(i)} != {"year", "count"}]
    if not kept:
        return [], ""
    if role == "unknown":
        return kept, f" (value only: the summary does not say whether {m.text} is a year or a count)"
    if src.role(kept[0]) is None:
        return kept, f" (value only: the source does not say whether {src.numbers.mentions[kept[0]].text} is a year or a count)"
    return kept, ""


def _number_item(m: NumberMention, src: SourceAnalysis, noun: str | None, cut_at: int | None = None, role: str | None = None,
                 also: str | None = None) -> Item:
    """Rules of tolerance.py, then the number's context (module docstring of context.py); ``also``: a second noun the
    summary counts with the same number (:func:`sumcheck.factcheck.paraphrase.jobs_of_holders`):

    * the summary names what it counts and a source occurrence of the value counts the same (or a
      generic) thing: supported, with that occurrence as evidence;
    * every source occurrence of the value counts something else that the source reads clearly:
      unsupported, naming what the source counts with it and with the summary's noun ("source has
      300 for workers, 120 for cars");
    * otherwise (no noun in the summary, a source occurrence followed by no noun): supported on the
      value alone, and the reason says so.
    """
    found = src.numbers.match(m)
    mentions = src.numbers.mentions
    shown = noun
    if noun is not None:
        noun = singular(noun)

    def ev_of(idxs: Sequence[int]) -> tuple[Evidence, ...]:
        return tuple(Evidence(mentions[i].start, mentions[i].end, mentions[i].text) for i in idxs[:MAX_EVIDENCE])

    if found.supported:
        evidence = list(found.evidence)
        year_note = ""
        if role is not None:
            evidence, year_note = _year_or_count(m, src, role, evidence)
            if not evidence:
                other = "count" if role == "year" else "year"
                shown_src = ", ".join(_as_role(src, mentions[i], other) for i in found.evidence[:2])
                why = f"no {m.text} as {_ROLE_WORD[role]} in source: source has {shown_src}"
                return Item("number", m.text, m.start, m.end, "unsupported", why, ev_of(list(found.evidence[:2])), m.kind)
        reason = f"source has {mentions[evidence[0]].text}" + year_note + _reading_note(m, found.alternative)
        if _in_context(m):
            if noun is None:
                reason += " (value only: the summary does not say what it counts)"
            else:
                same = [i for i in evidence if compatible(noun, src.words(i)) or (also is not None and compatible(also, src.words(i)))]
                if same:
                    first = frozenset(same)
                    evidence = same + [i for i in evidence if i not in first]
                    reason = f"source has {mentions[same[0]].text} for {_counted_shown(src, same[0], noun)}"
                elif all(src.words(i) for i in evidence):
                    other = _uses(src, noun, evidence)
                    used = [f"{mentions[i].text} for {_counted_shown(src, i, None)}" for i in evidence[:2]]
                    used += [f"{mentions[i].text} for {_counted_shown(src, i, noun)}" for i in other]
                    why = f"no {m.text} for {shown} in source: source has {', '.join(used)}"
                    return Item("number", m.text, m.start, m.end, "unsupported", why, ev_of(evidence[:2] + other), m.kind)
                else:
                    reason += " (value only: the source does not say what it counts)"
        return Item("number", m.text, m.start, m.end, "supported", reason, ev_of(evidence), m.kind)
    near = []
    for i in found.nearest:
        ctx = _context(src.text, mentions[i].end)
        near.append(f"{mentions[i].text} ({ctx})" if ctx else mentions[i].text)
    what = m.kind if m.kind in ('date', 'time', 'percent', 'money', 'ordinal') else 'number'
    reason = f"no {what} {m.text} in source" + _qualified_window(m) + _reading_note(m, None)
    if cut_at is not None:
        reason = f"{what} {m.text} not in the first {cut_at:,} characters checked (document cut)"
    reason += f"; nearest: {', '.join(near)}" if near else "; the source has no comparable number"
    ev = ev_of(list(found.nearest))
    return Item("number", m.text, m.start, m.end, "unsupported", reason, ev, m.kind)


def _reworded(item: Item, m: NumberMention, summary: str, src: SourceAnalysis, noun: str | None = None,
              modifiers: Sequence[str] = ()) -> Item:
    """An abstractive rewording the number rules above do not read (rules in :mod:`sumcheck.factcheck.paraphrase`):

    * ``first half`` / ``second half`` (a period of play, not a count): supported unless the source
      names only the other half (``before half-time`` is the first half);
    * ``the first time``, ``first-ever``, ``the first ... of her career``: supported by a source that
      says it had never happened before (and names no later time);
    * ``her first title`` for the source's ``her maiden title`` (the same next word);
    * ``the two firms`` (a definite count of 2-9): supported by a list of exactly that many names in
      the source or the summary (``Vantel and Orion``), when the source has no such number at all
      (``the two cheeks`` against ``the two nostrils`` stays a flag);
    * ``200 flight cancellations``: a count whose noun run names in a modifier what the source number
      counts (``200 flights``) while the source writes the head just before it (``the cancellation of
      more than 200 flights``): the same count said the other way round.
    """
    from sumcheck.factcheck import paraphrase as P

    half = P.period_of_play(summary, m)
    if half is not None:
        said = P.half_in_source(src.text, half)
        names = {1: "first", 2: "second"}
        if said == "other":
            why = f"{m.text} half: the source places it in the {names[3 - half]} half"
            return replace(item, verdict="unsupported", reason=why, evidence=())
        why = "source places it in that half" if said == "same" else "a period of play (the source names no other half)"
        return replace(item, verdict="supported", reason=f"{m.text} half: {why}")
    if item.verdict == "supported":
        return item
    if P.first_means_never_before(summary, m) and P.source_says_never_before(src.text):
        hit = P.NEVER_BEFORE_RE.search(src.text)
        assert hit is not None
        return replace(item, verdict="supported", reason=f"'first' as never before: source has {hit.group()!r}",
                       evidence=(Evidence(hit.start(), hit.end(), hit.group()),))
    if noun and modifiers and _in_context(m):
        head = singular(noun)
        for i in src.numbers.match(m).evidence:
            before = src.text[max(0, src.numbers.mentions[i].start - 60):src.numbers.mentions[i].start].lower()
            if any(compatible(singular(w), src.words(i)) for w in modifiers) and head in {singular(w) for w in re.findall(r"[a-z]+", before)}:
                ev = src.numbers.mentions[i]
                return replace(item, verdict="supported", reason=f"source has {head} of {ev.text} {_counted_shown(src, i, None)}",
                               evidence=(Evidence(ev.start, ev.end, ev.text),))
    maiden = P.maiden_in_source(summary, m, src.text)
    if maiden is not None:
        k = src.text.find(maiden)
        return replace(item, verdict="supported", reason=f"'first' as maiden: source has {maiden!r}", evidence=(Evidence(k, k + len(maiden), maiden),))
    if P.definite_count(summary, m) and not src.numbers.match(m).supported and (int(m.value) in P.name_lists(src.text) or int(m.value) in P.name_lists(summary)):
        return replace(item, verdict="supported", reason=f"{m.text}: the text lists {int(m.value)} names", evidence=())
    return item


def _as_role(src: SourceAnalysis, m: NumberMention, role: str) -> str:
    """``2015 as a year (in 2015)``, ``2016 in the date 1 December 2016``, ``1998 as a count (1998 staff)``."""
    if m.kind == "date":
        r = m.alternatives[0][0]
        year = int(r.value) // (10000 if r.family == "ymd" else 100)
        return f"{year} in the date {m.text}"
    return f"{m.text} as {_ROLE_WORD[role]} ({_around(src.text, m, role)})"


def _around(text: str, m: NumberMention, role: str) -> str:
    """A source number with the words that make it a count after it (``1998 staff``) or the word
    that makes it a year before it (``in 1998``)."""
    after = _context(text, m.end, words=2)
    before = word_before(text, m.start)
    return f"{m.text} {after}" if after and (role == "count" or not before) else f"{before} {m.text}".strip()


def _shown_reading(alt: tuple) -> str:
    from sumcheck.factcheck import numdates as D

    r = alt[0]
    if r.family == "ymd":
        return D.date_words(int(r.value))
    if r.family == "time":
        return D.clock_words(int(r.value))
    return f"{r.value:g}"


def _reading_note(m: NumberMention, alternative: int | None) -> str:
    """`` (15/4/... read as 3 April 2021; day-month order not settled...)``: which reading of a mention
    the text leaves open was used (``alternative``; None: all of them, for a flag); '' otherwise."""
    if not m.note:
        return ""
    if alternative is None:
        shown = " or ".join(_shown_reading(a) for a in m.alternatives)
    else:
        shown = _shown_reading(m.alternatives[alternative])
    return f" ({m.text} read as {shown}; {m.note})"


def _qualified_window(m: NumberMention) -> str:
    """`` (more than 300: a source value from 300 to 315)``: the window a qualified number needs
    (tolerance.py, rule 4), shown so a flag on a true-looking bound explains itself; '' otherwise."""
    from sumcheck.factcheck import tolerance as T

    readings = [r for alt in m.alternatives for r in alt]
    if not m.qualifier or len(readings) != 1 or readings[0].family not in T.QUALIFIED_FAMILIES:
        return ""
    how, v = T.side(m.qualifier), readings[0].value
    d = (T.BOUND_SLACK if how in ("lower", "upper") else T.APPROX_SLACK) * abs(v)
    lo, hi = {"lower": (v, v + d), "upper": (v - d, v), "below": (v - d, v)}.get(how, (v - d, v + d))
    def shown(x: float) -> str:
        return f"{x:,.0f}" if abs(x - round(x)) < 1e-9 * max(1.0, abs(x)) else f"{x:,.3f}".rstrip("0").rstrip(".")

    return f" ({m.qualifier} {m.text}: a source value from {shown(lo)} to {shown(hi)})"


def _counted_shown(src: SourceAnalysis, idx: int, noun: str | None) -> str:
    """The source's own words for what number ``idx`` counts: up to ``noun`` when given, else its first word
    (for a count given by ellipsis, the words of the count it carries them from)."""
    for _ in range(4):
        if idx not in src.carried_from:
            break
        idx = src.carried_from[idx]
    raw = _context(src.text, src.numbers.mentions[idx].end, words=4).split()
    if noun is not None:
        for k, w in enumerate(raw):
            if singular(w.lower()) == noun:
                return " ".join(raw[k:k + 1])
    return raw[0] if raw else "?"


def _entity_item(e: EntityMention, src: SourceAnalysis, cut_at: int | None = None) -> Item:
    found = src.names.match(e.tokens, place=e.label in PLACE_LABELS)
    if found.supported:
        ev = tuple(Evidence(s, t, src.text[s:t]) for s, t in found.evidence)
        how = {"exact": "source has", "partial": "part of", "surname": "source names only", "acronym": "initials of"}[found.rule]
        return Item("entity", e.text, e.start, e.end, "supported", f"{how} {ev[0].text}", ev, e.label)
    if len(e.tokens) == 1:
        from sumcheck.factcheck.paraphrase import demonym_from_capital

        city = demonym_from_capital(e.text, src.text)
        if city is not None:
            k = src.text.find(city)
            return Item("entity", e.text, e.start, e.end, "supported", f"source names the capital {city}", (Evidence(k, k + len(city), city),), e.label)
    short = _acronym_item(e, src)
    if short is not None:
        return short
    reason = f"no {e.text!r} in source"
    if cut_at is not None:
        reason = f"{e.text!r} not in the first {cut_at:,} characters checked (document cut)"
    if found.nearest:
        reason += "; nearest: " + ", ".join(found.nearest)
    return Item("entity", e.text, e.start, e.end, "unsupported", reason, (), e.label)


def _acronym_item(e: EntityMention, src: SourceAnalysis) -> Item | None:
    """An entity written as an acronym of a source phrase (``AI`` for "artificial intelligence"), alone or after
    a demonym of a place the source names (``Welsh A&E`` for "accident and emergency departments in Wales"):
    supported, with the phrase as evidence (:func:`sumcheck.factcheck.paraphrase.acronym_of_phrase`)."""
    from sumcheck.factcheck.names import DEMONYMS
    from sumcheck.factcheck.paraphrase import acronym_of_phrase

    words = e.text.split()
    if not words or len(words) > 2:
        return None
    if len(words) == 2:
        place = next((p for p, forms in DEMONYMS.items() if words[0].lower() in forms), None)
        if place is None or not re.search(rf"\b{re.escape(place)}\b", src.text, re.I):
            return None
    phrase = acronym_of_phrase(words[-1], src.text)
    if phrase is None:
        return None
    k = src.text.find(phrase)
    return Item("entity", e.text, e.start, e.end, "supported", f"initials of {phrase}", (Evidence(k, k + len(phrase), phrase),), e.label)


def _overlaps(e: EntityMention, numbers: SpanCover) -> bool:
    """Does a number's span (``numbers``: the spans of the summary's numbers) hold the entity's?"""
    return numbers.contains(e.start, e.end)


def _inside_entity(n: NumberMention, entities: SpanCover, summary: str) -> bool:
    """A number spelled in words inside a name ("Scottish League Two") is the entity's to check
    (``entities``: the spans of the summary's entities)."""
    if any(ch.isdigit() for ch in summary[n.start:n.end]):
        return False
    return entities.contains(n.start, n.end, proper=True)


def assemble(*, summary: str, source: SourceAnalysis, entities: Iterable[EntityMention] | None, doc: Any = None,
             cut_at: int | None = None, language: dict[str, str] | None = None) -> FactCheck:
    """Check the numbers of ``summary`` and the given entities against an analysed source.

    ``entities`` None means the entity check was not run (no NER model for ``language["checked_as"]``);
    ``doc`` is the tagged summary (for what each number counts), ``cut_at`` the length the source was
    cut to (None when whole).
    """
    entity_reason = None
    if entities is None:
        entity_reason = f"no NER model for {(language or {}).get('checked_as', L.UNDETERMINED)!r}"
    if not summary.strip():
        return FactCheck((), "empty summary", entity_reason, language)
    if L.is_punctuation_only(summary):
        return FactCheck((), "summary has no words (punctuation only)", entity_reason, language)
    ents = list(entities or [])
    ent_spans = SpanCover((e.start, e.end) for e in ents)
    numbers = [n for n in extract_numbers(summary) if not _inside_entity(n, ent_spans, summary)]
    roles: list[str | None] = []
    for k, m in enumerate(numbers):
        role = summary_role(summary, m)
        if role == "count" and m.kind == "year":
            numbers[k] = m = replace(m, kind="cardinal")  # "employs 1998 staff": a count, whose noun is read
        roles.append(role)
    nouns: list[str | None] = []
    for k, m in enumerate(numbers):
        noun = counted_noun(doc, m.start, m.end) if _in_context(m) else None
        if noun is not None and is_participle(noun):
            noun = None  # "2,700 injured": a participle is not the counted thing
        if _in_context(m) and noun is None and elided(summary, m.start, m.end):
            ante = antecedent(summary, numbers, k, lambda j: nouns[j] is not None)
            noun = nouns[ante] if ante is not None else None  # "with another 2,700 injured": soldiers again
        nouns.append(noun)
    from sumcheck.factcheck.paraphrase import jobs_of_holders

    items = [_reworded(_number_item(m, source, noun, cut_at, role, jobs_of_holders(summary, m.end, noun)), m, summary, source, noun,
                       modifier_nouns(doc, m.end) if noun else ())
             for m, noun, role in zip(numbers, nouns, roles)]
    num_spans = SpanCover((n.start, n.end) for n in numbers)
    items += [_entity_item(e, source, cut_at) for e in ents if not _overlaps(e, num_spans)]
    items.sort(key=lambda i: (i.start, i.end))
    if not items:
        what = "no number or named entity in the summary" if entities is not None else f"no number in the summary; {entity_reason}"
        return FactCheck((), what, entity_reason, language)
    return FactCheck(tuple(items), None, entity_reason, language)


def _split_glued(e: EntityMention, summary: str) -> list[EntityMention]:
    """An entity NER glued across a clause word (``European Championship because Ferrer``), as its
    parts (:func:`sumcheck.factcheck.paraphrase.split_glued`); any other entity as it is."""
    from sumcheck.factcheck.names import normalise_name
    from sumcheck.factcheck.paraphrase import CLAUSE_WORDS, split_glued

    words = [(w.group(), e.start + w.start(), e.start + w.end()) for w in re.finditer(r"\S+", e.text)]
    if len(words) < 3 or not any(w in CLAUSE_WORDS for w, _, _ in words):
        return [e]
    out = []
    for a, b in split_glued([w for w, _, _ in words]):
        s, t = words[a][1], words[b - 1][2]
        while t > s and not summary[t - 1].isalnum():
            t -= 1
        toks = normalise_name(summary[s:t])
        if toks and summary[s:s + 1].isupper():
            out.append(EntityMention(s, t, summary[s:t], e.label, toks))
    return out


_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]['\"”’)]*\s+)['\"“‘(]*$")


def _plural_common_noun(e: EntityMention, summary: str, src: SourceAnalysis) -> bool:
    """Is a one-word "name" the summary does not share with the source a capitalised plural common noun
    (``Jurors`` opening a sentence, ``Rangers`` where the source writes ``park rangers``)? The source
    writes it (or its singular) in lower case only, or it opens a sentence, neither text capitalises
    it elsewhere, and the tagger reads its lower-case form as a plural noun (``NNS``)."""
    from sumcheck.factcheck.paraphrase import common_plural

    if len(e.tokens) != 1 or " " in e.text.strip():
        return False
    word = e.text.strip()
    low = e.tokens[0]
    lower_only = [w for w in (low, low[:-1]) if src.names.cased.get(w, 0) < 0]
    if common_plural(word, "", lower_only):
        return True
    if not _SENTENCE_START_RE.search(summary[:e.start]) or src.names.cased.get(low, 0) > 0:
        return False
    if re.search(rf"(?<![.!?]\s)(?<!^)\b{re.escape(word)}\b", summary[e.end:]):
        return False
    return common_plural(word, _lower_tag(low))


@functools.lru_cache(maxsize=4096)
def _lower_tag(word: str) -> str:
    """The tagger's fine tag for a lower-case word after ``the`` (``jurors`` -> ``NNS``), kept only when
    its singular is an English common noun: in the WordNet 3.0 noun index that spaCy's English
    lemmatizer ships (``lemma_index``, from spacy-lookups-data), so ``Mendes`` stays a name; ""
    otherwise."""
    from sumcheck.factcheck.context import singular
    from sumcheck.factcheck.nlp import load_nlp
    from sumcheck.factcheck.paraphrase import english_nouns

    if singular(word) not in english_nouns():
        return ""  # (also when the model has no noun index: nothing is read as a common noun)
    nlp = load_nlp()
    doc = nlp(f"the {word} said", disable=[p for p in PIPE_DISABLE if p in nlp.pipe_names])
    return doc[1].tag_ if len(doc) > 1 else ""


def _not_names(ents: list[EntityMention], summary: str, src: SourceAnalysis) -> list[EntityMention]:
    """The summary's entities with glued ones split and capitalised common nouns that the source does
    not support as names dropped (rules in :mod:`sumcheck.factcheck.paraphrase`)."""
    out = []
    for e in ents:
        for part in _split_glued(e, summary):
            if src.names.match(part.tokens, place=part.label in PLACE_LABELS).supported or not _plural_common_noun(part, summary, src):
                out.append(part)
    return out


def _render_for_ner(summary: str, src: SourceAnalysis) -> str:
    """What spaCy reads: benchmark escapes undone and its lower-cased sentences truecased (same length).

    A sentence holding a placeholder (``[UNK]``) is left as written: on the shared validation cuts,
    truecasing around placeholders cleared as many true name flags as false ones."""
    shown = render_for_ner(summary)
    spans = lowercased_spans(summary, placeholders=False)
    if spans:
        shown = src.names.truecase(shown, spans)
    return break_long_runs(shown)


# spaCy's tokenizer strips prefix and suffix characters one at a time, each time searching the rest
# of the white-space-free run: a run of symbols ("!!!!...", "$$$$...", "'s's's...", a degenerate model
# reply up to max_tokens) costs the square of its length (8,000 "=" took 30 s). What spaCy reads has a
# space in place of every (MAX_RUN + 1)-th character of a longer run. No word or number of the shared
# validation cuts' summaries is longer than 24 characters (their results are unchanged).
MAX_RUN = 64
_LONG_RUN_RE = re.compile(f"(?<!\\S)\\S{{{MAX_RUN + 1},}}")


def _broken_run(m: "re.Match[str]") -> str:
    run = m.group()
    out = " ".join(run[i:i + MAX_RUN] for i in range(0, len(run), MAX_RUN + 1))
    return out + " " * (len(run) - len(out))  # the last character replaced, when it falls on one


def break_long_runs(text: str) -> str:
    """``text`` with no white-space-free run longer than :data:`MAX_RUN` characters (same length:
    characters are replaced by spaces, none moves), so tokenising it is linear in its length.

    >>> break_long_runs("ok " + "!" * 130) == "ok " + "!" * 64 + " " + "!" * 64 + " "
    True
    """
    return _LONG_RUN_RE.sub(_broken_run, text)


def check_pairs(*, summaries: Sequence[str], sources: Sequence[str], use_cache: bool = True, batch_size: int = BATCH_SIZE,
                cut_at: Sequence[int | None] | None = None) -> list[FactCheck]:
    """Check ``summaries[i]`` against ``sources[i]`` for every i, in order.

    Unique sources are analysed once (and cached); summaries go through spaCy in batches.
    ``cut_at[i]`` is the length source ``i`` was cut to, or None when it is whole.
    """
    from sumcheck.factcheck.nlp import load_nlp

    if len(summaries) != len(sources) or (cut_at is not None and len(cut_at) != len(sources)):
        raise InputError(f"check_pairs: {len(summaries)} summaries but {len(sources)} sources"
                         + (f" and {len(cut_at)} cut lengths" if cut_at is not None else ""))
    cuts = list(cut_at) if cut_at is not None else [None] * len(sources)
    analysed = [analyse_source(src, use_cache=use_cache) for src in sources]
    languages = []
    for summ, src in zip(summaries, analysed):
        said = L.detect(summ)
        languages.append({"document": src.language.code, "summary": said.code, "checked_as": L.pair_language(src.language, said)})
    tagged = [lg["checked_as"] in L.NER_LANGUAGES or lg["checked_as"] == L.UNDETERMINED for lg in languages]
    rendered = [_render_for_ner(summ, src) if ok else "" for summ, src, ok in zip(summaries, analysed, tagged)]
    nlp = load_nlp()
    rendered = [r[: nlp.max_length - 1] for r in rendered]  # NER reads at most spaCy's max_length; numbers read all
    unique = list(dict.fromkeys(r for r in rendered if r.strip()))
    disable = [p for p in PIPE_DISABLE if p in nlp.pipe_names]
    docs = dict(zip(unique, nlp.pipe(unique, disable=disable, batch_size=batch_size)))
    out = []
    for summ, src, text, ok, cut, lg in zip(summaries, analysed, rendered, tagged, cuts, languages):
        doc = docs.get(text) if text.strip() else None
        ents = (_not_names(summary_entities(doc, summ, src.names), summ, src) if doc is not None else []) if ok else None
        out.append(assemble(summary=summ, source=src, entities=ents, doc=doc, cut_at=cut, language=lg))
    return out


def check_summary(*, summary: str, source: str, cut_at: int | None = None) -> FactCheck:
    """Check one summary against its source (see :func:`check_pairs` for batches)."""
    return check_pairs(summaries=[summary], sources=[source], cut_at=[cut_at])[0]
