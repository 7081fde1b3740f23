"""Build the JSON payload embedded in ``report.html`` from a parsed run folder.

Shape (short keys keep a 5,000 x 3 run small)::

    {"meta": {..., "low": threshold, "low_src": where it came from}, "systems": [...], "kinds": [...],
     "kc": [colour per kind, sumcheck.report.plots.kind_colour],
     "reasons": [...interned strings...],
     "docs": [{"id", "t": source, "ref": reference summary | null, "cut": [kept, original] length | null,
               "r": [row | null per system]}],
     "reviews": {item id: {"v", "who", "at", "c"}}}

    row  = {"s": summary, "fp": fact precision|null, "fa": faithfulness|null, "fr": reason|null,
            "far": reason|null, "lab": label|null, "fl": [flag], "it": [item], "se": [sentence]}
    flag = {"id": flag_id, "k": kind index, "a": start, "b": end, "x": text, "r": reason index, "lb": label,
            "ev": [[start, end], ...] in the source, "nr": [start, end] nearest source sentence | null}
    item = [kind index, start, end, verdict, [[start, end], ...]]   (checked and supported)
    sentence = [start, end, score|null, evidence start|null, evidence end|null, item id, verdict|null, reason|null]
               (verdict: the offline backend's supported / contradicted / not found / unchecked, issue 26;
               reason: why a sentence is not found, or why its contradiction check is unscored)

Item ids (:mod:`sumcheck.flags`) name a flag by kind, text and summary sentence, and a sentence by
its text, so verdicts carry over to a later run; ``meta.low`` is the faithfulness metric's own label
threshold (:func:`sumcheck.report.data.faithfulness_threshold`). A sentence is shaded, and can be
confirmed or dismissed, when its verdict is "contradicted" or "not found", or (for backends that give
no verdict) when its score is below ``meta.low`` (:func:`flagged_sentence`).

All offsets are UTF-16 code units (what JavaScript string indices count).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sumcheck.flags import SENTENCE_KIND, sentence_id, summary_flag_ids
from sumcheck.report.data import (_UNFAITHFUL_LABELS, RunData, _span, _spans, as_number, content_words,
                                  faithfulness_threshold, metric_value, nearest_source_span, ordered_metrics, utf16_index)
from sumcheck.review.store import Verdict
from sumcheck.summarize.text import split_sentences


class _Interner:
    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str) -> int:
        if value not in self._index:
            self._index[value] = len(self.items)
            self.items.append(value)
        return self._index[value]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _sentences(block: Any, summary: str, u16, doc_id: str = "", system: str = "") -> list[list[Any]]:
    """Faithfulness sentences as ``[start, end, score, ev_start, ev_end, id]``; tolerant of shape variants."""
    if not isinstance(block, dict) or not isinstance(block.get("sentences"), list):
        return []
    out: list[list[Any]] = []
    cursor = 0
    for sentence in block["sentences"]:
        if not isinstance(sentence, dict):
            continue
        span = _span(sentence)
        if span is None and isinstance(sentence.get("text"), str) and sentence["text"]:
            found = summary.find(sentence["text"], cursor)
            span = (found, found + len(sentence["text"])) if found >= 0 else None
        if span is None or span[1] > len(summary):
            continue
        cursor = span[1]
        score = as_number(sentence.get("score"))
        label = sentence.get("label")
        if score is None and isinstance(label, str):
            score = 0.0 if label.lower() in _UNFAITHFUL_LABELS else None
        ev = (_spans(sentence.get("evidence")) or _spans(sentence.get("chunk"))
              or ([(sentence["evidence_start"], sentence["evidence_end"])]
                  if isinstance(sentence.get("evidence_start"), int) and isinstance(sentence.get("evidence_end"), int)
                  else []))
        sid = sentence_id(doc_id=doc_id, system=system, sentence=summary[span[0]:span[1]])
        verdict = sentence.get("verdict") if sentence.get("verdict") in SENTENCE_VERDICTS else None
        why = sentence.get("reason") if verdict == "not found" else sentence.get("check_reason") if verdict == "unchecked" else None
        out.append([u16(span[0]), u16(span[1]), score, ev[0][0] if ev else None, ev[0][1] if ev else None, sid,
                    verdict, why if isinstance(why, str) and why else None, span[0], span[1]])
    return out


SENTENCE_VERDICTS = ("supported", "contradicted", "not found", "unchecked")  # the offline backend's (issue 26)


def flagged_sentence(sentence: list[Any], low: float) -> bool:
    """Whether a payload sentence is shaded and reviewable: its verdict is "contradicted" or "not
    found", or, without a verdict (other backends, older runs), its score is below ``low``. The page's
    script applies the same rule (``assets_js``)."""
    if sentence[6] is not None:
        return sentence[6] in ("contradicted", "not found")
    return sentence[2] is not None and sentence[2] < low


class _SourceIndex:
    """Source sentences, split only when a flag without evidence needs its nearest span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: list[Any] | None = None
        self._words: list[frozenset[str]] = []
        self._cache: dict[str, tuple[int, int] | None] = {}

    def nearest(self, context: str) -> tuple[int, int] | None:
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
            self._words = [content_words(s.text) for s in self._sentences]
        if context not in self._cache:
            self._cache[context] = nearest_source_span(self._sentences, context, sentence_words=self._words)
        return self._cache[context]


def _row(row: Mapping[str, Any], source: _SourceIndex, src16, kinds: _Interner, reasons: _Interner,
         doc_id: str, system: str, aliases: dict[str, str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    summary = _text(row.get("summary"))
    u16 = utf16_index(summary)
    fc = row.get("factcheck") if isinstance(row.get("factcheck"), dict) else {}
    fa = row.get("faithfulness") if isinstance(row.get("faithfulness"), dict) else {}
    flags_out: list[dict[str, Any]] = []
    flagged: set[tuple[str, int, int]] = set()
    summary_sentences = None
    src_len = len(source.text)
    for flag in fc.get("flags") or []:
        if not isinstance(flag, dict) or _span(flag) is None:
            continue
        start, end = _span(flag)
        if end > len(summary):
            continue
        kind = _text(flag.get("kind")) or "item"
        text = _text(flag.get("text")) or summary[start:end]
        evidence = [(a, b) for a, b in _spans(flag.get("evidence")) if b <= src_len]
        near = None
        if not evidence:
            if summary_sentences is None:
                summary_sentences = split_sentences(summary)
            context = next((s.text for s in summary_sentences if s.start <= start < s.end), summary)
            near = source.nearest(context)
        flagged.add((kind, start, end))
        fid, legacy = summary_flag_ids(doc_id=doc_id, system=system, summary=summary, kind=kind, start=start, end=end, text=text)
        aliases[legacy] = fid
        flags_out.append({
            "id": fid,
            "k": kinds(kind), "a": u16(start), "b": u16(end), "x": text,
            "r": reasons(_text(flag.get("reason")) or "not supported by the source"),
            "lb": _text(flag.get("label")),
            "ev": [[src16(a), src16(b)] for a, b in evidence],
            "nr": [src16(near[0]), src16(near[1])] if near else None,
            "_start": start, "_end": end,
        })
    flags_out.extend(_contradiction_flags(fa, summary, src_len, u16, src16, kinds, reasons, doc_id, system, aliases))
    items: list[list[Any]] = []
    for item in fc.get("items") or []:
        if not isinstance(item, dict) or _span(item) is None:
            continue
        start, end = _span(item)
        kind = _text(item.get("kind")) or "item"
        if (kind, start, end) in flagged or end > len(summary):
            continue
        evidence = [[src16(a), src16(b)] for a, b in _spans(item.get("evidence")) if b <= src_len]
        items.append([kinds(kind), u16(start), u16(end), _text(item.get("verdict")) or "supported", evidence])
    out = {
        "s": summary,
        "fp": metric_value(row, "fact_precision"), "fa": metric_value(row, "faithfulness"),
        "fr": _text(fc.get("reason")) or (None if fc else "not in this run"),
        "far": _text(fa.get("reason")) or (None if fa else "not in this run"),
        "lab": fa.get("label") if isinstance(fa.get("label"), str) else None,
        "fl": flags_out, "it": items, "se": _sentences(fa, summary, u16, doc_id, system),
    }
    return out, flags_out


CONTRADICTION_KIND = "contradiction: {}"  # the report's flag kind of a faithfulness finding (issue 26)


def _contradiction_flags(fa: Mapping[str, Any], summary: str, src_len: int, u16, src16, kinds: _Interner,
                         reasons: _Interner, doc_id: str, system: str, aliases: dict[str, str]) -> list[dict[str, Any]]:
    """The offline faithfulness backend's contradiction findings (per sentence ``findings``) as flags
    beside the fact-check's: kind ``contradiction: negation|opposite|roles``, the summary span, the
    contradicted source span as evidence and the finding's reason; reviewable like any flag."""
    out: list[dict[str, Any]] = []
    for sentence in fa.get("sentences") or []:
        if not isinstance(sentence, dict):
            continue
        for f in sentence.get("findings") or []:
            if not isinstance(f, dict) or _span(f) is None:
                continue
            start, end = _span(f)
            if end > len(summary):
                continue
            kind = CONTRADICTION_KIND.format(_text(f.get("kind")) or "finding")
            text = summary[start:end]
            src = f.get("source") if isinstance(f.get("source"), dict) else {}
            evidence = [(a, b) for a, b in _spans(src) if b <= src_len]
            fid, legacy = summary_flag_ids(doc_id=doc_id, system=system, summary=summary, kind=kind, start=start, end=end, text=text)
            aliases[legacy] = fid
            out.append({"id": fid, "k": kinds(kind), "a": u16(start), "b": u16(end), "x": text,
                        "r": reasons(_text(f.get("reason")) or "contradicts the source"), "lb": "contradicted",
                        "ev": [[src16(a), src16(b)] for a, b in evidence], "nr": None, "_start": start, "_end": end})
    return out


@dataclass(frozen=True)
class Payload:
    """The page data plus the per-system aggregates the overview plots and the review server use."""

    data: dict[str, Any]
    flag_counts: dict[str, dict[str, int]]
    dists: dict[str, dict[str, list[float]]]
    unscored: dict[str, dict[str, int]]
    known_flags: dict[str, dict[str, Any]]  # every reviewable item: flags, and sentences below the threshold
    aliases: dict[str, str]  # offset-based ids of older verdicts -> current ids


def _reference(document: Mapping[str, Any]) -> str | None:
    refs = document.get("references")
    if isinstance(refs, list):
        refs = [r for r in refs if isinstance(r, str) and r.strip()]
        return "\n\n".join(refs) if refs else None
    ref = document.get("reference")
    return ref if isinstance(ref, str) and ref.strip() else None


def _cut(text: str, document: Mapping[str, Any], rows: list[Mapping[str, Any] | None]) -> list[int] | None:
    """``[characters kept, characters before the cut]`` when ``max_document_chars`` cut the document, else None."""
    meta = document.get("meta")
    found = [meta.get("truncated_from_chars")] if isinstance(meta, dict) else []
    found += [r.get("document_truncated_from_chars") for r in rows if r is not None]
    lengths = [int(x) for x in found if isinstance(x, int) and not isinstance(x, bool)]
    return [len(text), max(lengths)] if lengths and max(lengths) > len(text) else None


def _computed(row: Mapping[str, Any], name: str) -> bool:
    """Did the run compute ``name`` (``faithfulness`` or ``fact_precision``) for this row, scored or not?"""
    values = row.get("values")
    return (isinstance(values, dict) and name in values) or (
        {"faithfulness": "faithfulness", "fact_precision": "factcheck"}[name] in row)


def build_payload(run: RunData, verdicts: Mapping[str, Verdict] | None = None) -> Payload:
    """The report's data: documents with their rows, interned kinds and reasons, latest verdicts.

    ``verdicts`` None reads ``RUN/reviews.jsonl`` (translating offset-based ids of older verdicts);
    pass a mapping (``{}`` for none) to use those instead.
    """
    systems: list[str] = []
    by_doc: dict[str, dict[str, Mapping[str, Any]]] = {}
    for row in run.results:
        doc_id, system = _text(row.get("id")), _text(row.get("system"))
        if system not in systems:
            systems.append(system)
        by_doc.setdefault(doc_id, {})[system] = row
    kinds, reasons = _Interner(), _Interner()
    docs: list[dict[str, Any]] = []
    flag_counts: dict[str, dict[str, int]] = {s: {} for s in systems}
    dists: dict[str, dict[str, list[float]]] = {s: {"faithfulness": [], "fact_precision": []} for s in systems}
    unscored: dict[str, dict[str, int]] = {s: {"faithfulness": 0, "fact_precision": 0} for s in systems}
    known_flags: dict[str, dict[str, Any]] = {}
    aliases: dict[str, str] = {}
    low, low_src = faithfulness_threshold(run)
    for document in run.documents:
        doc_id = _text(document.get("id"))
        text = _text(document.get("document", document.get("text")))
        source, src16 = _SourceIndex(text), utf16_index(text)
        rows: list[dict[str, Any] | None] = []
        raw_rows = [by_doc.get(doc_id, {}).get(system) for system in systems]
        for system, row in zip(systems, raw_rows):
            if row is None:
                rows.append(None)
                continue
            compact, flags = _row(row, source, src16, kinds, reasons, doc_id, system, aliases)
            rows.append(compact)
            for name, value in (("faithfulness", compact["fa"]), ("fact_precision", compact["fp"])):
                if value is not None:
                    dists[system][name].append(value)
                elif _computed(row, name):  # (not a metric the run did not compute)
                    unscored[system][name] += 1
            for flag in flags:
                kind = kinds.items[flag["k"]]
                flag_counts[system][kind] = flag_counts[system].get(kind, 0) + 1
                known_flags[flag["id"]] = {"id": doc_id, "system": system, "kind": kind, "text": flag["x"],
                                           "start": flag["_start"], "end": flag["_end"]}
                del flag["_start"], flag["_end"]
            for sentence in compact["se"]:
                end, start = sentence.pop(), sentence.pop()  # code-point offsets, for the review log only
                if flagged_sentence(sentence, low):
                    known_flags[sentence[5]] = {"id": doc_id, "system": system, "kind": SENTENCE_KIND,
                                                "text": compact["s"][start:end], "start": start, "end": end}
        docs.append({"id": doc_id, "t": text, "ref": _reference(document), "cut": _cut(text, document, raw_rows), "r": rows})
    if verdicts is None:
        from sumcheck.review.store import latest_verdicts

        verdicts = latest_verdicts(run.path, aliases)
    reviews = {fid: {"v": v.verdict, "who": v.reviewer, "at": v.time, "c": v.comment}
               for fid, v in verdicts.items() if fid in known_flags}
    metric_names: list[str] = []
    for per_system in ((run.scores or {}).get("systems") or {}).values():  # load_run checked: a dict of dicts
        metric_names.extend(k for k in per_system if k not in metric_names)
    meta = {
        "name": run.path.name, "status": _text(run.run.get("status")) or "unknown",
        "created": _text(run.run.get("created") or run.run.get("started") or ""),
        "partial": run.partial, "notes": list(run.notes), "low": low, "low_src": low_src,
        "n_docs": len(docs), "metrics": ordered_metrics(metric_names),
    }
    from sumcheck.report.plots import kind_colour

    data = {"meta": meta, "systems": systems, "kinds": kinds.items, "kc": [kind_colour(k) for k in kinds.items],
            "reasons": reasons.items, "docs": docs, "reviews": reviews}
    return Payload(data=data, flag_counts=flag_counts, dists=dists, unscored=unscored, known_flags=known_flags,
                   aliases=aliases)
