"""Read a run folder and turn it into the compact, JSON-able payload the report page renders.

Everything here tolerates partial and older runs: a metric that is missing from a row, or unscored
(``null`` + ``reason``), becomes ``None`` with its reason, never 0. Character offsets are converted
from Python code points to the UTF-16 code units JavaScript strings use, so that marks land on the
right characters even when a text holds emoji or other astral characters.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from sumcheck.summarize import safejson
from sumcheck.summarize.errors import InputError

LOW_FAITHFULNESS = 0.5  # used only when a run records no threshold and its labels cannot bound one
_UNFAITHFUL_LABELS = frozenset({"unfaithful", "hallucinated", "unsupported", "inconsistent", "contradicted"})
_METRIC_ORDER = ("fact_precision", "number_precision", "entity_precision", "faithfulness",
                 "rouge1", "rouge2", "rougeL", "rougeLsum")
_WORD_RE = re.compile(r"\w\w+", re.UNICODE)
_STOP = frozenset("the a an and or of to in on at for by with from as is was were be been are it its this that "
                  "he she they his her their has have had not but also said says will would".split())


class RunFolderError(InputError):
    """A run folder that cannot be reported on (missing or unreadable files)."""


@dataclass(frozen=True)
class RunData:
    """The files of one run folder, parsed."""

    path: Path
    run: Mapping[str, Any]
    documents: Sequence[Mapping[str, Any]]
    results: Sequence[Mapping[str, Any]]
    scores: Mapping[str, Any] | None
    partial: bool = False
    notes: tuple[str, ...] = field(default=())


def _read_jsonl(path: Path, *, tolerate_torn_tail: bool = False) -> list[dict[str, Any]]:
    """The JSON objects of ``path``, one a line.

    Lines end at ``"\\n"`` only: rows are written with ``ensure_ascii=False``, so a text may hold
    U+2028, U+2029 or U+0085 raw, which :meth:`str.splitlines` would also break at. Each line is
    decoded on its own, so a line torn mid-character is as tolerable (at the tail) as one torn
    mid-JSON.
    """
    rows: list[dict[str, Any]] = []
    try:
        lines = path.read_bytes().split(b"\n")
    except OSError as exc:
        raise RunFolderError(f"{path}: cannot read ({exc.strerror})") from exc
    for number, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            if tolerate_torn_tail and number == len(lines):
                break
            raise RunFolderError(f"{path}:{number}: not valid UTF-8") from exc
        if not line.strip():
            continue
        try:
            row = safejson.loads(line)
        except ValueError as exc:  # JSONDecodeError, JSONLimitError (too deep, too many digits)
            if tolerate_torn_tail and number == len(lines):
                break
            raise RunFolderError(f"{path}:{number}: not valid JSON ({getattr(exc, 'msg', exc)})") from None
        if not isinstance(row, dict):
            raise RunFolderError(f"{path}:{number}: expected a JSON object")
        rows.append(row)
    return rows


def _load_json(path: Path) -> Any:
    try:
        return safejson.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:  # JSONDecodeError, JSONLimitError and UnicodeDecodeError are all ValueErrors
        raise RunFolderError(f"{path}: not valid JSON ({getattr(exc, 'msg', exc)})") from None


def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    value = _load_json(path)
    return value if isinstance(value, dict) else None


def _read_scores(path: Path) -> dict[str, Any] | None:
    """``scores.json``, or None when absent; :class:`RunFolderError` unless ``systems`` maps names to objects."""
    if not path.exists():
        return None
    value = _load_json(path)
    if not isinstance(value, dict):
        raise RunFolderError(f"{path}: expected a JSON object, got {type(value).__name__}")
    systems = value.get("systems")
    if not isinstance(systems, dict):
        raise RunFolderError(f'{path}: "systems" must be an object mapping system names to their metrics, '
                             f"got {type(systems).__name__}")
    for name, metrics in systems.items():
        if not isinstance(metrics, dict):
            raise RunFolderError(f'{path}: "systems"."{name}" must be an object mapping metric names to scores, '
                                 f"got {type(metrics).__name__}")
    return value


def load_run(run_dir: Path | str) -> RunData:
    """Parse ``run.json``, ``documents.jsonl``, ``results.jsonl`` (or the partial file) and ``scores.json``."""
    path = Path(run_dir)
    if not path.is_dir():
        raise RunFolderError(f"{path}: no such run folder")
    docs_path = path / "documents.jsonl"
    if not docs_path.exists():
        raise RunFolderError(f"{path}: no documents.jsonl; is this a run folder?")
    notes: list[str] = []
    partial = False
    results_path = path / "results.jsonl"
    if results_path.exists():
        results = _read_jsonl(results_path)
    elif (path / "results.partial.jsonl").exists():
        results = _read_jsonl(path / "results.partial.jsonl", tolerate_torn_tail=True)
        partial = True
        notes.append("the run has not finished: showing the rows scored so far (results.partial.jsonl)")
    else:
        results = []
        notes.append("no results.jsonl yet: nothing has been scored")
    scores = _read_scores(path / "scores.json")
    if scores is None:
        notes.append("no scores.json: corpus scores are not available")
    run = _read_json(path / "run.json") or {}
    if run.get("status") in ("failed", "interrupted") and run.get("reason"):  # why it stopped, as run.json records it
        notes.insert(0, f"the run {run['status']}: {run['reason']}")
    documents = _read_jsonl(docs_path)
    notes.extend(_generation_and_tokenizer_notes(run, results, documents))
    return RunData(path=path, run=run, documents=documents,
                   results=results, scores=scores, partial=partial, notes=tuple(notes))


def _generation_and_tokenizer_notes(run: Mapping[str, Any], results: Sequence[Mapping[str, Any]],
                                    documents: Sequence[Mapping[str, Any]]) -> list[str]:
    """Cut completions, failed generations, system prompts in the user turn, letters the ROUGE
    tokenizer dropped, the faithfulness label's counts (see :mod:`sumcheck.notes`)."""
    from sumcheck.notes import faithfulness_label_note, generation_notes, rouge_tokenizer_note

    note = rouge_tokenizer_note(run, results, documents)
    return generation_notes(run) + ([note] if note else []) + faithfulness_label_note(results)


def run_from_files(run_dir: Path | str, files: Mapping[str, Any]) -> RunData:
    """:func:`load_run` for a finished run whose files' contents the caller holds (what
    :meth:`sumcheck.pipeline.Run.contents` returns: rows and objects by file name), so that the
    report reads back nothing that was just written. The same :class:`RunData` as :func:`load_run`
    would parse from the folder."""
    scores = files.get("scores.json")
    notes = [] if scores is not None else ["no scores.json: corpus scores are not available"]
    run = files.get("run.json") or {}
    documents, results = files["documents.jsonl"], files["results.jsonl"]
    notes.extend(_generation_and_tokenizer_notes(run, results, documents))
    return RunData(path=Path(run_dir), run=run, documents=documents,
                   results=results, scores=scores, partial=False, notes=tuple(notes))


def utf16_index(text: str):
    """A function mapping a code-point offset in ``text`` to its UTF-16 offset (identity when all BMP).

    >>> f = utf16_index("a\\U0001F600b")
    >>> [f(0), f(1), f(2), f(3)]
    [0, 1, 3, 4]
    """
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return lambda i: i
    table = [0]
    for c in text:
        table.append(table[-1] + (2 if ord(c) > 0xFFFF else 1))
    return lambda i: table[max(0, min(int(i), len(text)))]


def as_number(value: Any) -> float | None:
    """``value`` as a finite float, or None for anything else (strings, booleans, NaN, infinities).

    >>> [as_number(v) for v in (1, 0.5, "0.5", True, None, float("nan"), float("inf"))]
    [1.0, 0.5, None, None, None, None, None]
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) else None


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, dict) and isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
        if 0 <= value["start"] <= value["end"]:
            return value["start"], value["end"]
    return None


def _spans(value: Any) -> list[tuple[int, int]]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    return [s for s in (_span(v) for v in value) if s is not None]


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of two or more characters, minus a short stop list."""
    return frozenset(_WORD_RE.findall(text.lower())) - _STOP


def nearest_source_span(source_sentences: Sequence[Any], claim_context: str, *,
                        sentence_words: Sequence[frozenset[str]] | None = None) -> tuple[int, int] | None:
    """The source sentence sharing the most content words with ``claim_context`` (first on ties), or None.

    >>> from sumcheck.summarize.text import split_sentences
    >>> src = "Rain fell in Paris. The mayor of Lyon opened a bridge. Prices rose."
    >>> nearest_source_span(split_sentences(src), "Lyon's mayor opened 3 bridges.")
    (20, 54)
    """
    wanted = content_words(claim_context)
    if sentence_words is None:
        sentence_words = [content_words(s.text) for s in source_sentences]
    best, best_score = None, 0
    for sentence, words in zip(source_sentences, sentence_words):
        score = len(wanted & words)
        if score > best_score:
            best, best_score = (sentence.start, sentence.end), score
    return best


def metric_value(row: Mapping[str, Any], name: str) -> float | None:
    """A headline per-item value from ``row["values"]``, falling back to the metric's own block."""
    values = row.get("values")
    if isinstance(values, dict) and name in values:
        return as_number(values.get(name))
    if name == "fact_precision":
        block = row.get("factcheck")
        return as_number(block.get("precision")) if isinstance(block, dict) else None
    if name == "faithfulness":
        block = row.get("faithfulness")
        return as_number(block.get("score")) if isinstance(block, dict) else None
    return None


def ordered_metrics(names: Sequence[str]) -> list[str]:
    """Metric names in reading order: fact-check first, then faithfulness, ROUGE, the rest A-Z."""
    known = [m for m in _METRIC_ORDER if m in names]
    return known + sorted(n for n in set(names) if n not in _METRIC_ORDER)


def _faithfulness_signature(scores: Mapping[str, Any] | None) -> dict[str, str]:
    for metrics in ((scores or {}).get("systems") or {}).values():
        entry = metrics.get("faithfulness") if isinstance(metrics, Mapping) else None
        sig = entry.get("signature") if isinstance(entry, Mapping) else None
        if isinstance(sig, str):
            # imported here: the gate package loads its config model (pydantic), which a run without faithfulness never needs
            from sumcheck.gate.signatures import parse_signature

            return parse_signature(sig)[1]
    return {}


def faithfulness_threshold(run: RunData) -> tuple[float, str]:
    """The label threshold of the faithfulness metric that scored ``run``, and where it came from.

    A summary is labelled faithful when its score (the min or mean of its sentence scores) is at
    least this threshold, so a sentence below it is what makes a summary unfaithful: the report
    shades sentences by it. In order: a ``threshold`` recorded in a row's faithfulness block; the
    NLI backend's ``thr`` signature field; the calibrated offline model (``configs/faithfulness.yaml``)
    when its digest is the signature's ``metric-model``; the lowest score labelled faithful (the
    labels bound the threshold from above); else :data:`LOW_FAITHFULNESS`.
    """
    for row in run.results:
        block = row.get("faithfulness")
        if isinstance(block, Mapping) and as_number(block.get("threshold")) is not None:
            return float(block["threshold"]), "recorded with the scores"
    fields = _faithfulness_signature(run.scores)
    if as_number(_float(fields.get("thr"))) is not None:
        return float(fields["thr"]), "the NLI backend's threshold setting"
    digest = fields.get("metric-model")
    if digest:
        try:
            from sumcheck.faithfulness.model import load_model

            model = load_model(None)
        except Exception:  # noqa: BLE001 - no calibrated model here: fall back to the labels
            model = None
        if model is not None and model.digest() == digest:
            return float(model.threshold), f"calibrated model {digest}"
    faithful = [as_number((r.get("faithfulness") or {}).get("score")) for r in run.results
                if isinstance(r.get("faithfulness"), Mapping) and r["faithfulness"].get("label") == "faithful"]
    faithful = [x for x in faithful if x is not None]
    if faithful:
        return min(faithful), "the lowest score labelled faithful in this run"
    return LOW_FAITHFULNESS, "default (no threshold recorded)"


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
