"""What the gate reads: a run folder or a committed baseline file, as one immutable :class:`Snapshot`.

Both sources hold per-document values keyed by ``(id, system)`` and the signature of every metric.
A run folder also holds each row's fact-check flags and its reviewers' verdicts, so its
fact-check figures are recomputed here, counting every flag whose latest verdict is ``dismiss`` as
a supported item. A baseline file stores counts that were already computed that way, plus the ids of
the flags its reviewers dismissed, so those flags do not count against a candidate either.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from sumcheck.flags import summary_flag_ids
from sumcheck.summarize import safejson
from sumcheck.summarize.errors import InputError

BASELINE_FORMAT = "sumcheck-baseline"
BASELINE_VERSION = 2  # 2: dismissed flags named by kind, text and sentence (sumcheck.flags), not offsets
READABLE_BASELINE_VERSIONS = (1, 2)  # 1 names dismissed flags by offsets; such a dismissal matches the same offsets
UNSUPPORTED_NUMBERS = "unsupported_numbers"
UNSUPPORTED_ENTITIES = "unsupported_entities"
UNSUPPORTED_KEYS = (UNSUPPORTED_NUMBERS, UNSUPPORTED_ENTITIES)
# flag kind -> the per-item count it adds to, as sumcheck.factcheck.metric counts them
COUNTED_KINDS = {"number": UNSUPPORTED_NUMBERS, "entity": UNSUPPORTED_ENTITIES}
# precision value -> the item kinds it is the supported share of (None: every kind), as in sumcheck.factcheck.check
PRECISION_KINDS = {"fact_precision": None, "number_precision": "number", "entity_precision": "entity"}


@dataclass(frozen=True)
class Flag:
    """One fact-check flag (an unsupported number or entity) of one row."""

    flag_id: str
    kind: str
    text: str
    start: int
    end: int
    legacy_id: str = ""  # the offset-based id older baselines name dismissed flags by

    def dismissed_by(self, dismissed: frozenset[str]) -> bool:
        return self.flag_id in dismissed or (bool(self.legacy_id) and self.legacy_id in dismissed)

    @property
    def counts_as(self) -> str | None:
        """The count this flag adds to (None for a kind the fact-check metric does not count).

        >>> Flag("x", "number", "3,000", 0, 5).counts_as
        'unsupported_numbers'
        >>> Flag("x", "entity", "Moscow", 0, 6).counts_as
        'unsupported_entities'
        """
        return COUNTED_KINDS.get(self.kind)


@dataclass(frozen=True)
class Row:
    """The per-item values of one ``(document, system)``.

    ``flags`` is None when the source holds no fact-check flags for the row (a baseline file, or a
    run without the fact-check). ``fact_scored`` is False when the fact-check left the row unscored
    (nothing checkable, or an empty summary): its unsupported counts are then ``None``, as
    ``sumcheck.factcheck.metric`` writes them.
    """

    doc_id: str
    system: str
    values: Mapping[str, float | None]
    flags: tuple[Flag, ...] | None = None
    fact_scored: bool = True
    items: Mapping[str, int] | None = None  # fact-check items checked, per kind (None: not recorded)
    # why the row has no output any metric could score (None: it has): see :func:`no_output_reason`
    no_output: str | None = None

    def effective_values(self, dismissed: frozenset[str]) -> dict[str, float | None]:
        """The row's values with the fact-check figures recomputed from its flags minus ``dismissed``.

        A dismissed flag counts as a supported item: it leaves the unsupported counts and raises the
        precisions (``fact_precision``, ``number_precision``, ``entity_precision``: supported items over
        items checked, as :mod:`sumcheck.factcheck.check` defines them). With nothing dismissed the
        values are the fact-check's own. A precision the fact-check left unscored stays unscored.
        """
        out = dict(self.values)
        if self.flags is not None:
            counts: dict[str, float | None] = dict.fromkeys(UNSUPPORTED_KEYS, 0.0 if self.fact_scored else None)
            if self.fact_scored:
                for flag in self.flags:
                    if not flag.dismissed_by(dismissed) and flag.counts_as is not None:
                        counts[flag.counts_as] += 1.0  # type: ignore[operator]
            for key in UNSUPPORTED_KEYS:  # entities not checked (no NER for the language) stay unscored
                if key in self.values and self.values[key] is None:
                    counts[key] = None
            out.update(counts)
            if self.fact_scored and any(f.dismissed_by(dismissed) for f in self.flags):
                out.update(self._precisions(dismissed))
        return out

    def _precisions(self, dismissed: frozenset[str]) -> dict[str, float | None]:
        """The precisions with ``dismissed`` flags counted as supported items."""
        out: dict[str, float | None] = {}
        for key, kind in PRECISION_KINDS.items():
            before = self.values.get(key)
            if before is None:
                continue
            flags = [f for f in self.flags or () if kind is None or f.kind == kind]
            checked = self._checked(kind, len(flags), before)
            if checked:
                still = sum(1 for f in flags if not f.dismissed_by(dismissed))
                out[key] = (checked - still) / checked
        return out

    def _checked(self, kind: str | None, flagged: int, precision: float) -> int | None:
        """Items of ``kind`` (None: all) the fact-check looked at: from the row's item list, or,
        for a row written without one, from its precision and flag count (p = 1 - flagged / n)."""
        if self.items is not None:
            return sum(self.items.values()) if kind is None else self.items.get(kind, 0)
        if flagged and precision < 1:
            return round(flagged / (1 - precision))
        return None

    def active_flags(self, dismissed: frozenset[str]) -> tuple[Flag, ...]:
        return tuple(f for f in (self.flags or ()) if not f.dismissed_by(dismissed))


@dataclass(frozen=True)
class Snapshot:
    """Everything the gate needs from one side of a comparison."""

    source: str
    kind: str  # "run" or "baseline"
    rows: tuple[Row, ...]
    signatures: Mapping[str, Mapping[str, str | None]]
    dismissed: frozenset[str] = frozenset()
    reviews: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def systems(self) -> list[str]:
        """Systems in first-seen order."""
        return list(dict.fromkeys(r.system for r in self.rows))


def _values(raw: Any, where: str) -> dict[str, float | None]:
    """Per-item values: finite numbers, or null for unscored. Anything else (a string, a bool, NaN)
    is an :class:`InputError`: dropping it would compare the metric on fewer documents unnoticed."""
    if not isinstance(raw, Mapping):
        raise InputError(f"{where}: 'values' must be an object of per-item numbers")
    out: dict[str, float | None] = {}
    for key, value in raw.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)):
            raise InputError(f"{where}: values.{key} is {json.dumps(value)}, not a number or null (unscored)")
        out[str(key)] = None if value is None else float(value)
    return out


def _read_jsonl(path: Path) -> list[tuple[int, Any]]:
    rows: list[tuple[int, Any]] = []
    for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            rows.append((number, safejson.loads(raw.decode("utf-8"))))
        except UnicodeDecodeError:
            raise InputError(f"{path}:{number}: not valid UTF-8") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        except safejson.JSONLimitError as exc:
            raise InputError(f"{path}:{number}: unreadable JSON: {exc}") from None
    return rows


def _read_json(path: Path) -> Any:
    try:
        return safejson.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except safejson.JSONLimitError as exc:
        raise InputError(f"{path}: unreadable JSON: {exc}") from None


def read_reviews(folder: Path, aliases: Mapping[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """The latest verdict per ``flag_id`` in ``folder/reviews.jsonl``, as JSON rows.

    Read with the review log's own reader (:func:`sumcheck.review.store.latest_verdicts`), so the gate
    and the report agree on which verdict wins: the last row for a flag. A malformed line is an
    :class:`~sumcheck.summarize.errors.InputError` naming the file and line. ``aliases`` maps
    offset-based ids of older verdicts to the current ones.
    """
    from sumcheck.review.store import latest_verdicts

    return {fid: verdict.to_json() for fid, verdict in latest_verdicts(folder, aliases).items()}


def dismissed_ids(reviews: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """Flag ids whose latest verdict is ``dismiss`` (sentence verdicts do not change any count).

    >>> sorted(dismissed_ids({"a": {"verdict": "dismiss"}, "b": {"verdict": "confirm"}}))
    ['a']
    """
    return frozenset(fid for fid, row in reviews.items() if row.get("verdict") == "dismiss" and row.get("kind") != "sentence")


def _item_counts(row: Mapping[str, Any]) -> dict[str, int] | None:
    """Items the fact-check checked in a results row, per kind (None when the row has no item list)."""
    factcheck = row.get("factcheck")
    items = factcheck.get("items") if isinstance(factcheck, Mapping) else None
    if not isinstance(items, list):
        return None
    out: dict[str, int] = {}
    for item in items:
        if isinstance(item, Mapping):
            kind = str(item.get("kind"))
            out[kind] = out.get(kind, 0) + 1
    return out


def _flags(row: Mapping[str, Any], doc_id: str, system: str, where: str,
           aliases: dict[str, str] | None = None) -> tuple[Flag, ...] | None:
    factcheck = row.get("factcheck")
    if not isinstance(factcheck, Mapping):
        return None
    raw = factcheck.get("flags") or []
    if not isinstance(raw, list):
        raise InputError(f"{where}: factcheck.flags must be a list")
    flags = []
    for item in raw:
        try:
            kind, text, start, end = str(item["kind"]), str(item["text"]), int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            raise InputError(f"{where}: every flag needs kind, text, start and end") from None
        summary = row.get("summary") if isinstance(row.get("summary"), str) else ""
        fid, legacy = summary_flag_ids(doc_id=doc_id, system=system, summary=summary, kind=kind, start=start, end=end, text=text)
        if aliases is not None:
            aliases[legacy] = fid
        flags.append(Flag(fid, kind, text, start, end, legacy))
    return tuple(flags)


# the metrics' reasons (as sumcheck.factcheck.check and sumcheck.rouge.scorer write them) that say the
# summary was there and held nothing to check, or that the document has no reference: not missing output
NOTHING_CHECKABLE = ("no number or named entity in the summary", "no number in the summary", "no reference summary")
# ... and those that say the summary itself was missing (the same words in every metric, issue 14)
NO_OUTPUT_REASONS = ("empty summary", "summary has no words")


def no_output_reason(raw: Mapping[str, Any], values: Mapping[str, float | None]) -> str | None:
    """Why a result row has nothing any metric could score, or None when it has something.

    No output is: a failed generation (a metric's reason ``generation failed: ...``, as the scoring
    writes it), an empty summary, or a summary without a letter or digit (``"..."``). A summary with a
    letter or digit is output, whatever the metrics made of it: one with no number or named entity
    leaves the fact-check nothing to check, and a document without a reference leaves ROUGE unscored,
    but "nothing checkable" is a property of the summary (configs/gate.yaml), not missing output.
    A row without the summary's text (a baseline file keeps only the values) is no output when every
    metric left it unscored, unless a metric's reason says the summary was there (nothing checkable in
    it) or that the document has no reference.

    >>> no_output_reason({"summary": "..."}, {"rouge1": None})
    "summary has no words ('...')"
    >>> no_output_reason({"summary": "Rates rose."}, {"rouge1": 0.4, "fact_precision": None}) is None
    True
    >>> no_output_reason({"summary": "Rates rose.", "factcheck": {"reason": NOTHING_CHECKABLE[0]}},
    ...                  {"fact_precision": None}) is None
    True
    >>> no_output_reason({}, {"rouge1": None, "faithfulness": None})
    'unscored by every metric'
    """
    reasons = [v.get("reason") for v in raw.values() if isinstance(v, Mapping) and isinstance(v.get("reason"), str)]
    failed = next((r for r in reasons if r.startswith("generation failed")), None)
    if failed is not None:
        return failed
    summary = raw.get("summary")
    if isinstance(summary, str):
        if not summary.strip():
            return "empty summary"
        if not any(ch.isalnum() for ch in summary):
            shown = summary.strip() if len(summary.strip()) <= 20 else summary.strip()[:19] + "…"
            return f"summary has no words ({shown!r})"
        return None
    if values and all(v is None for v in values.values()):
        missing = next((r for r in reasons if r.startswith(NO_OUTPUT_REASONS)), None)
        if missing is not None:
            return missing
        if any(r.startswith(NOTHING_CHECKABLE) for r in reasons):
            return None
        return "unscored by every metric" + (f" ({reasons[0]})" if reasons else "")
    return None


def _check_unique(rows: list[Row], where: str) -> None:
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (row.doc_id, row.system)
        if key in seen:
            raise InputError(f"{where}: document {row.doc_id!r} appears twice for system {row.system!r}")
        seen.add(key)


def load_run(folder: str | Path) -> Snapshot:
    """Read ``results.jsonl``, ``scores.json`` and (if present) ``reviews.jsonl`` and ``run.json``."""
    folder = Path(folder)
    results, scores = folder / "results.jsonl", folder / "scores.json"
    for needed in (results, scores):
        if not needed.is_file():
            raise InputError(f"{folder}: no {needed.name}; is it a finished run folder?")
    rows: list[Row] = []
    aliases: dict[str, str] = {}
    for number, raw in _read_jsonl(results):
        where = f"{results}:{number}"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("system"), str):
            raise InputError(f"{where}: a result row needs string 'id' and 'system'")
        if "values" not in raw:  # every row sumcheck writes has them (None where unscored)
            raise InputError(f"{where}: a result row without 'values'; is this results.jsonl from sumcheck, unedited?")
        doc_id, system = raw["id"], raw["system"]
        factcheck = raw.get("factcheck")
        scored = isinstance(factcheck, Mapping) and factcheck.get("precision") is not None
        values = _values(raw.get("values", {}), where)
        rows.append(Row(doc_id, system, values, _flags(raw, doc_id, system, where, aliases), scored,
                        _item_counts(raw), no_output_reason(raw, values)))
    if not rows:
        raise InputError(f"{results}: no result rows: nothing to compare")
    _check_unique(rows, str(results))
    reviews = read_reviews(folder, aliases)
    meta: dict[str, Any] = {}
    if (folder / "run.json").is_file():
        run_json = _read_json(folder / "run.json")
        if isinstance(run_json, dict):
            meta = {k: run_json[k] for k in ("data_sha1", "sumcheck_version", "git", "status", "n_documents") if k in run_json}
            if meta.get("status", "complete") != "complete":
                raise InputError(f"{folder}: the run is not complete (status {meta['status']!r}); finish it before comparing")
    snapshot = Snapshot(str(folder), "run", tuple(rows), _signatures(_read_json(scores), str(scores)),
                        dismissed_ids(reviews), reviews, meta)
    check_row_set(snapshot, rows_where=str(results), again="score the run again (`sumcheck score`/`run` with --overwrite)")
    return snapshot


def _signatures(scores: Any, where: str) -> dict[str, dict[str, str | None]]:
    """system -> metric -> signature from a ``scores.json`` object (or a baseline's copy of it)."""
    systems = scores.get("systems") if isinstance(scores, dict) else None
    if not isinstance(systems, dict):
        raise InputError(f"{where}: expected an object with 'systems'")
    out: dict[str, dict[str, str | None]] = {}
    for system, metrics in systems.items():
        if not isinstance(metrics, dict):
            raise InputError(f"{where}: systems.{system} must be an object")
        out[system] = {}
        for metric, entry in metrics.items():
            sig = entry.get("signature") if isinstance(entry, dict) else entry
            out[system][metric] = sig if isinstance(sig, str) else None
    return out


def check_row_set(snapshot: Snapshot, *, rows_where: str, again: str) -> None:
    """Refuse a snapshot whose rows contradict its own record of the data they came from.

    Each metric's signature records ``n``, the documents of that system the metric scored, next to
    the hash of the data set; ``n_documents`` (in a run's ``run.json``, copied into a baseline's
    ``source``) records the documents of the run. Rows removed from a baseline or a results file
    (the documents a candidate regressed on, say) leave fewer scored rows than ``n`` and fewer
    documents than ``n_documents``, while the data hash still says "same data": the gate would then
    compare only what is left and could pass. Raises :class:`InputError` naming the system, the
    metric and both counts. Signatures without ``n`` (older files) are not checked.
    """
    from sumcheck.gate.signatures import parse_signature

    for system, metrics in snapshot.signatures.items():
        rows = [r for r in snapshot.rows if r.system == system]
        for metric, sig in metrics.items():
            if not sig:
                continue
            fields = parse_signature(sig)[1]
            try:
                n = int(fields.get("n", ""))
            except ValueError:
                continue
            have = sum(1 for r in rows if r.values.get(metric) is not None)
            if have != n:
                raise InputError(f"{rows_where}: system {system!r} has {have} row(s) with a {metric} value, but the "
                                 f"signature says the run scored n={n} on data {fields.get('data', '?')}: rows were "
                                 f"removed or edited after the run, so a comparison would leave documents out unseen; "
                                 f"{again}")
    expected = snapshot.meta.get("n_documents")
    ids = {r.doc_id for r in snapshot.rows}
    if isinstance(expected, int) and not isinstance(expected, bool) and len(ids) < expected:
        raise InputError(f"{rows_where}: rows for {len(ids)} document(s), but the run had {expected}: rows were removed "
                         f"after the run, so a comparison would leave documents out unseen; {again}")


def load_baseline(path: str | Path) -> Snapshot:
    """Read a baseline file written by :func:`sumcheck.gate.baseline.write_baseline`."""
    path = Path(path)
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("format") != BASELINE_FORMAT:
        raise InputError(f"{path}: not a sumcheck baseline file (expected \"format\": \"{BASELINE_FORMAT}\")")
    if data.get("version") not in READABLE_BASELINE_VERSIONS:
        raise InputError(f"{path}: baseline version {data.get('version')!r}; this sumcheck reads version {BASELINE_VERSION}"
                         " (write it again with `sumcheck baseline RUN --out FILE`)")
    if not isinstance(data.get("rows"), list) or not data["rows"]:
        raise InputError(f"{path}: no 'rows' in the baseline: nothing to compare a candidate with"
                         " (write it again with `sumcheck baseline RUN --out FILE`)")
    if not isinstance(data.get("signatures"), dict) or not data["signatures"]:
        raise InputError(f"{path}: no 'signatures' in the baseline, so no number in it can be checked for like-with-like"
                         " (write it again with `sumcheck baseline RUN --out FILE`)")
    rows = []
    for index, raw in enumerate(data["rows"]):
        where = f"{path}: rows[{index}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("system"), str):
            raise InputError(f"{where}: needs string 'id' and 'system'")
        values = _values(raw.get("values", {}), where)
        rows.append(Row(raw["id"], raw["system"], values, no_output=no_output_reason(raw, values)))
    _check_unique(rows, str(path))
    reviews = {r["flag_id"]: r for r in data.get("dismissed", []) if isinstance(r, dict) and isinstance(r.get("flag_id"), str)}
    sigs = _signatures({"systems": data.get("signatures", {})}, f"{path}: signatures")
    snapshot = Snapshot(str(path), "baseline", tuple(rows), sigs, frozenset(reviews), reviews, dict(data.get("source", {})))
    check_row_set(snapshot, rows_where=str(path), again="write it again with `sumcheck baseline RUN --out FILE`")
    return snapshot


def load_snapshot(path: str | Path) -> Snapshot:
    """A run folder (a directory) or a baseline file (anything else)."""
    path = Path(path)
    if path.is_dir():
        return load_run(path)
    if path.is_file():
        return load_baseline(path)
    raise InputError(f"{path}: no such run folder or baseline file")
