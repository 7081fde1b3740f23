"""Export reviewed items as JSONL for meta-evaluation (``sumcheck review RUN --export FILE``).

One line per reviewed item (its latest verdict), with the claim in context. ``level`` says what the
verdict is about, and keeps it apart from a summary-level label:

* ``"flag"``: one fact-check flag: ``{"level", "flag_id", "id", "system", "kind", "text", "start",
  "end", "reason", "evidence", "verdict", "flag_label", "reviewer", "time", "comment", "history",
  "sentence", "summary", "document"}``;
* ``"sentence"``: one low-faithfulness summary sentence: the same fields with ``kind`` ``"sentence"``,
  ``text`` the sentence, ``sentence_label`` instead of ``flag_label``, plus ``score``.

``flag_label`` / ``sentence_label`` follow the shared validation data's convention for the *item*:
1 = consistent (dismissed as a false alarm), 0 = a confirmed error. There is deliberately no
``label`` key: readers of summary-level data (``meta-eval``) take ``label`` as a verdict on the whole
summary, and one flag's verdict is not that.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sumcheck.flags import SENTENCE_KIND, sentence_at
from sumcheck.review.store import history_counts, latest_verdicts


@dataclass(frozen=True)
class ExportResult:
    """How many reviewed items were written (flags and sentences), and how many verdicts name items
    this run no longer has."""

    written: int
    orphaned: int
    path: Path
    flags: int = 0
    sentences: int = 0


def reviewed_items(run_dir: Path | str) -> tuple[list[dict[str, Any]], int]:
    """The reviewed rows in results order, plus the count of verdicts whose item is not in the run."""
    from sumcheck.report.data import load_run
    from sumcheck.report.payload import build_payload

    run = load_run(run_dir)
    payload = build_payload(run, {})
    latest = latest_verdicts(run.path, payload.aliases)
    history = history_counts(run.path, payload.aliases)
    documents = {str(d.get("id")): str(d.get("document", d.get("text", "")) or "") for d in run.documents}
    rows_by_key = {(str(r.get("id")), str(r.get("system"))): r for r in run.results}
    out: list[dict[str, Any]] = []
    for fid, item in payload.known_flags.items():
        verdict = latest.get(fid)
        if verdict is None:
            continue
        row = rows_by_key.get((item["id"], item["system"]), {})
        summary = str(row.get("summary") or "")
        is_sentence = item["kind"] == SENTENCE_KIND
        common = {
            "level": "sentence" if is_sentence else "flag", "flag_id": fid, "id": item["id"], "system": item["system"],
            "kind": item["kind"], "text": item["text"], "start": item["start"], "end": item["end"],
            "verdict": verdict.verdict, "reviewer": verdict.reviewer, "time": verdict.time, "comment": verdict.comment,
            "history": history.get(fid, 1), "summary": summary, "document": documents.get(item["id"], ""),
        }
        if is_sentence:
            common.update({"sentence": item["text"], "score": _sentence_score(row, item["start"], item["end"]),
                           "sentence_label": 1 if verdict.verdict == "dismiss" else 0})
        else:
            flag = next((f for f in ((row.get("factcheck") or {}).get("flags") or [])
                         if f.get("start") == item["start"] and f.get("end") == item["end"]), {})
            common.update({"reason": flag.get("reason"), "evidence": flag.get("evidence") or [],
                           "sentence": sentence_at(summary, item["start"]),
                           "flag_label": 1 if verdict.verdict == "dismiss" else 0})
        out.append(common)
    return out, len(set(latest) - set(payload.known_flags))


def _sentence_score(row: Any, start: int, end: int) -> float | None:
    for s in ((row.get("faithfulness") or {}).get("sentences") or []):
        if isinstance(s, dict) and s.get("start") == start and s.get("end") == end:
            return s.get("score")
    return None


def export_reviews(run_dir: Path | str, out_path: Path | str) -> ExportResult:
    """Write the labelled rows to ``out_path`` atomically."""
    rows, orphaned = reviewed_items(run_dir)
    target = Path(out_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    from sumcheck.summarize.redact import redact

    fd, tmp = tempfile.mkstemp(prefix=".export.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(redact(json.dumps(row, ensure_ascii=False)) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    flags = sum(r["level"] == "flag" for r in rows)
    return ExportResult(written=len(rows), orphaned=orphaned, path=target, flags=flags, sentences=len(rows) - flags)
