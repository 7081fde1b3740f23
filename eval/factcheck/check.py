"""The fact-checker: every number and named entity of a summary, checked against its source.

>>> fc = check_summary(summary="About 300 soldiers died.", source="Roughly 300 soldiers have died.")
>>> [(i.kind, i.text, i.verdict) for i in fc.items], fc.precision
([('number', '300', 'supported')], 1.0)

Source analysis (numbers, name index) is cached per document text (keyed by its SHA-1), so many
summaries of one source pay for it once. Summaries are parsed with spaCy in batches (``nlp.pipe``)
with the parser and lemmatizer switched off (NER and the tagger are all the checker reads).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from sumcheck.factcheck.entities import PLACE_LABELS, EntityMention, SourceNames, render_for_ner, summary_entities
from sumcheck.factcheck.numbers import NumberMention, extract_numbers
from sumcheck.factcheck.tolerance import NumberIndex
from sumcheck.summarize.errors import InputError

RULES_VERSION = "fc-rules-1"
SOURCE_CACHE_SIZE = 4096
PIPE_DISABLE = ("parser", "lemmatizer")
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
        return {
            "precision": self.precision,
            "number_precision": self.number_precision,
            "entity_precision": self.entity_precision,
            "reason": self.reason,
            "flags": [i.to_json(with_verdict=False) for i in self.flags],
            "items": [i.to_json() for i in self.items],
        }


@dataclass(frozen=True)
class SourceAnalysis:
    text: str
    numbers: NumberIndex
    names: SourceNames


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
    found = SourceAnalysis(text, NumberIndex(extract_numbers(text)), SourceNames(text))
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


def _number_item(m: NumberMention, src: SourceAnalysis) -> Item:
    found = src.numbers.match(m)
    mentions = src.numbers.mentions
    if found.supported:
        ev = tuple(Evidence(mentions[i].start, mentions[i].end, mentions[i].text) for i in found.evidence)
        return Item("number", m.text, m.start, m.end, "supported", f"source has {ev[0].text}", ev, m.kind)
    near = []
    for i in found.nearest:
        ctx = _context(src.text, mentions[i].end)
        near.append(f"{mentions[i].text} ({ctx})" if ctx else mentions[i].text)
    reason = f"no {m.kind if m.kind in ('date', 'time', 'percent', 'money', 'ordinal') else 'number'} {m.text} in source"
    reason += f"; nearest: {', '.join(near)}" if near else "; the source has no comparable number"
    ev = tuple(Evidence(mentions[i].start, mentions[i].end, mentions[i].text) for i in found.nearest)
    return Item("number", m.text, m.start, m.end, "unsupported", reason, ev, m.kind)


def _entity_item(e: EntityMention, src: SourceAnalysis) -> Item:
    found = src.names.match(e.tokens, place=e.label in PLACE_LABELS)
    if found.supported:
        ev = tuple(Evidence(s, t, src.text[s:t]) for s, t in found.evidence)
        how = {"exact": "source has", "partial": "part of", "surname": "source names only", "acronym": "initials of"}[found.rule]
        return Item("entity", e.text, e.start, e.end, "supported", f"{how} {ev[0].text}", ev, e.label)
    reason = f"no {e.text!r} in source"
    if found.nearest:
        reason += "; nearest: " + ", ".join(found.nearest)
    return Item("entity", e.text, e.start, e.end, "unsupported", reason, (), e.label)


def _overlaps(e: EntityMention, numbers: Sequence[NumberMention]) -> bool:
    return any(n.start <= e.start and e.end <= n.end for n in numbers)


def assemble(*, summary: str, source: SourceAnalysis, entities: Iterable[EntityMention]) -> FactCheck:
    """Check the numbers of ``summary`` and the given entities against an analysed source."""
    if not summary.strip():
        return FactCheck((), "empty summary")
    numbers = extract_numbers(summary)
    items = [_number_item(m, source) for m in numbers]
    items += [_entity_item(e, source) for e in entities if not _overlaps(e, numbers)]
    items.sort(key=lambda i: (i.start, i.end))
    if not items:
        return FactCheck((), "no number or named entity in the summary")
    return FactCheck(tuple(items))


def _render_for_ner(summary: str, src: SourceAnalysis) -> str:
    """What spaCy reads: benchmark escapes undone and, for lower-cased text, truecased (same length)."""
    shown = render_for_ner(summary)
    if any(ch.isupper() for ch in summary):
        return shown
    return src.names.truecase(shown)


def check_pairs(*, summaries: Sequence[str], sources: Sequence[str], use_cache: bool = True, batch_size: int = BATCH_SIZE) -> list[FactCheck]:
    """Check ``summaries[i]`` against ``sources[i]`` for every i, in order.

    Unique sources are analysed once (and cached); summaries go through spaCy in batches.
    """
    from sumcheck.factcheck.nlp import load_nlp

    if len(summaries) != len(sources):
        raise InputError(f"check_pairs: {len(summaries)} summaries but {len(sources)} sources")
    pairs = list(zip(summaries, sources))
    analysed = [analyse_source(src, use_cache=use_cache) for src in sources]
    rendered = [_render_for_ner(summ, src) for summ, src in zip(summaries, analysed)]
    nlp = load_nlp()
    rendered = [r[: nlp.max_length - 1] for r in rendered]  # NER reads at most spaCy's max_length; numbers read all
    unique = list(dict.fromkeys(r for r in rendered if r.strip()))
    disable = [p for p in PIPE_DISABLE if p in nlp.pipe_names]
    docs = dict(zip(unique, nlp.pipe(unique, disable=disable, batch_size=batch_size)))
    out = []
    for (summ, _), src, text in zip(pairs, analysed, rendered):
        ents = summary_entities(docs[text], summ, src.names) if text.strip() else []
        out.append(assemble(summary=summ, source=src, entities=ents))
    return out


def check_summary(*, summary: str, source: str) -> FactCheck:
    """Check one summary against its source (see :func:`check_pairs` for batches)."""
    return check_pairs(summaries=[summary], sources=[source])[0]
