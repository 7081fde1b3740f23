"""The review log, ``RUN/reviews.jsonl``: verdicts appended, never rewritten; the last row per flag wins.

Appends are safe across threads and processes: one in-process lock plus an exclusive ``flock`` on
the file, one ``write`` of one whole line with ``O_APPEND``, then ``fsync``. Reading skips a torn
last line (a crash mid-write) instead of failing, so a damaged tail never hides earlier verdicts.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping

from sumcheck.summarize.errors import InputError

try:  # POSIX only; elsewhere the in-process lock is all there is.
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

REVIEWS_FILE = "reviews.jsonl"
VERDICTS = ("confirm", "dismiss")
MAX_COMMENT = 2000
MAX_REVIEWER = 100

_LOCK = threading.Lock()


class ReviewError(InputError):
    """A verdict that cannot be recorded (unknown verdict, bad field)."""


@dataclass(frozen=True)
class Verdict:
    """One reviewer's decision on one flag, as stored in ``reviews.jsonl``."""

    flag_id: str
    doc_id: str
    system: str
    kind: str
    text: str
    start: int
    end: int
    verdict: str
    reviewer: str
    time: str
    comment: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "flag_id": self.flag_id, "id": self.doc_id, "system": self.system, "kind": self.kind,
            "text": self.text, "start": self.start, "end": self.end, "verdict": self.verdict,
            "reviewer": self.reviewer, "time": self.time, "comment": self.comment,
        }

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> "Verdict":
        return cls(
            flag_id=str(row["flag_id"]), doc_id=str(row.get("id", "")), system=str(row.get("system", "")),
            kind=str(row.get("kind", "")), text=str(row.get("text", "")), start=int(row.get("start", 0)),
            end=int(row.get("end", 0)), verdict=str(row["verdict"]), reviewer=str(row.get("reviewer", "")),
            time=str(row.get("time", "")), comment=str(row.get("comment") or ""),
        )


def utc_now() -> str:
    """The current UTC time as ``2026-11-25T10:00:00Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_verdict(verdict: Verdict) -> None:
    """Raise :class:`ReviewError` for a verdict that must not be written."""
    if verdict.verdict not in VERDICTS:
        raise ReviewError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict.verdict!r}")
    if not verdict.reviewer.strip() or len(verdict.reviewer) > MAX_REVIEWER:
        raise ReviewError(f"reviewer name must be 1 to {MAX_REVIEWER} characters")
    if len(verdict.comment) > MAX_COMMENT:
        raise ReviewError(f"comment is longer than {MAX_COMMENT} characters")


def append_verdict(run_dir: Path, verdict: Verdict) -> None:
    """Append one verdict line to ``RUN/reviews.jsonl`` durably; concurrent callers lose nothing."""
    check_verdict(verdict)
    line = (json.dumps(verdict.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    path = Path(run_dir) / REVIEWS_FILE
    with _LOCK:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                _write_line(fd, line)
                os.fsync(fd)
            finally:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _write_line(fd: int, data: bytes) -> None:
    """Write all of ``data``; if the file does not end in a newline (a torn line), start a fresh one."""
    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        data = b"\n" + data
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def iter_verdicts(run_dir: Path) -> Iterator[Verdict]:
    """Every well-formed verdict in file order (history included); malformed lines are skipped."""
    path = Path(run_dir) / REVIEWS_FILE
    if not path.exists():
        return
    with path.open("r", encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
                verdict = Verdict.from_json(row)
            except (ValueError, KeyError, TypeError):
                continue
            if verdict.verdict in VERDICTS:
                yield verdict


def latest_verdicts(run_dir: Path) -> dict[str, Verdict]:
    """``flag_id -> Verdict``: the last row in the file for each flag (what display and gate use)."""
    latest: dict[str, Verdict] = {}
    for verdict in iter_verdicts(run_dir):
        latest[verdict.flag_id] = verdict
    return latest


def history_counts(run_dir: Path) -> dict[str, int]:
    """``flag_id -> number of verdict rows`` (1 means no earlier history)."""
    counts: dict[str, int] = {}
    for verdict in iter_verdicts(run_dir):
        counts[verdict.flag_id] = counts.get(verdict.flag_id, 0) + 1
    return counts
