"""Export reviewed flags as labelled JSONL for meta-evaluation (``sumcheck review RUN --export FILE``).

One line per reviewed flag (its latest verdict), with the claim in context:
``{"flag_id", "id", "system", "kind", "text", "start", "end", "reason", "evidence", "verdict", "label",
"reviewer", "time", "comment", "history", "sentence", "summary", "document"}``.
``label`` follows the shared validation data's convention: 1 = consistent (the flag was dismissed as
a false alarm), 0 = a confirmed hallucination.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sumcheck.flags import flag_id
from sumcheck.review.store import history_counts, latest_verdicts
from sumcheck.summarize.text import split_sentences


@dataclass(frozen=True)
class ExportResult:
    """How many reviewed flags were written, and how many verdicts name flags this run no longer has."""

    written: int
    orphaned: int
    path: Path


def reviewed_items(run_dir: Path | str) -> tuple[list[dict[str, Any]], int]:
    """The labelled rows in results order, plus the count of verdicts whose flag is not in the run."""
    from sumcheck.report.data import load_run

    run = load_run(run_dir)
    latest = latest_verdicts(run.path)
    history = history_counts(run.path)
    documents = {str(d.get("id")): str(d.get("document", d.get("text", "")) or "") for d in run.documents}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in run.results:
        fc = row.get("factcheck")
        if not isinstance(fc, dict):
            continue
        doc_id, system, summary = str(row.get("id")), str(row.get("system")), str(row.get("summary") or "")
        for flag in fc.get("flags") or []:
            try:
                fid = flag_id(doc_id=doc_id, system=system, kind=str(flag["kind"]), start=int(flag["start"]),
                              end=int(flag["end"]), text=str(flag["text"]))
            except (KeyError, TypeError, ValueError):
                continue
            verdict = latest.get(fid)
            if verdict is None or fid in seen:
                continue
            seen.add(fid)
            sentence = next((s.text for s in split_sentences(summary) if s.start <= flag["start"] < s.end), summary)
            out.append({
                "flag_id": fid, "id": doc_id, "system": system, "kind": flag["kind"], "text": flag["text"],
                "start": flag["start"], "end": flag["end"], "reason": flag.get("reason"),
                "evidence": flag.get("evidence") or [], "verdict": verdict.verdict,
                "label": 1 if verdict.verdict == "dismiss" else 0, "reviewer": verdict.reviewer,
                "time": verdict.time, "comment": verdict.comment, "history": history.get(fid, 1),
                "sentence": sentence, "summary": summary, "document": documents.get(doc_id, ""),
            })
    return out, len(set(latest) - seen)


def export_reviews(run_dir: Path | str, out_path: Path | str) -> ExportResult:
    """Write the labelled rows to ``out_path`` atomically."""
    rows, orphaned = reviewed_items(run_dir)
    target = Path(out_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".export.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ExportResult(written=len(rows), orphaned=orphaned, path=target)
