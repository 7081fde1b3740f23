"""The review log, ``RUN/reviews.jsonl``: verdicts appended, never rewritten; the last row per flag wins.

Appends are safe across threads and processes: one in-process lock plus an exclusive ``flock`` on
the file, one ``write`` of one whole line with ``O_APPEND``, then ``fsync``. A line that cannot be
read is a :class:`ReviewError` naming the file and line: skipping it would silently turn a dismissed
flag back into a counted one (in the gate, too).

Each row names its item by ``flag_id`` (:mod:`sumcheck.flags`); ``kind`` is the flag's kind, or
``sentence`` for a verdict on a low-faithfulness summary sentence.
"""

from __future__ import annotations

import json
import os
import threading
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping

from sumcheck.summarize import safejson
from sumcheck.summarize.errors import InputError, writing

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


# characters that reorder how the rest of a line displays (a name could make a log line read otherwise);
# other format characters (the zero-width joiners of Persian names and emoji, the soft hyphen) are fine
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_verdict(verdict: Verdict) -> None:
    """Raise :class:`ReviewError` for a verdict that must not be written."""
    if verdict.verdict not in VERDICTS:
        raise ReviewError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict.verdict!r}")
    if not verdict.reviewer.strip() or len(verdict.reviewer) > MAX_REVIEWER:
        raise ReviewError(f"reviewer name must be 1 to {MAX_REVIEWER} characters")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in _BIDI_CONTROLS for ch in verdict.reviewer):
        raise ReviewError("reviewer name must be one line of printable text (no control characters or line breaks)")
    if len(verdict.comment) > MAX_COMMENT:
        raise ReviewError(f"comment is longer than {MAX_COMMENT} characters")


def append_verdict(run_dir: Path, verdict: Verdict) -> None:
    """Append one verdict line to ``RUN/reviews.jsonl`` durably; concurrent callers lose nothing."""
    check_verdict(verdict)
    line = (json.dumps(verdict.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    path = Path(run_dir) / REVIEWS_FILE
    with _LOCK, writing(path):
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)  # verdicts and texts: the owner's only
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
    """Write all of ``data``; if the file does not end in a newline (a torn line), start a fresh one.
    A write that fails (a full disk) is cut back off the file, so it keeps only whole lines."""
    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        data = b"\n" + data
    view = memoryview(data)
    try:
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except OSError:
        try:
            os.ftruncate(fd, size)
        except OSError:
            pass
        raise


def iter_verdicts(run_dir: Path) -> Iterator[Verdict]:
    """Every verdict in file order (history included).

    Raises :class:`ReviewError` (``path:line: why``) for a line that is not UTF-8, not a JSON object,
    lacks ``flag_id`` or ``verdict``, or names an unknown verdict. Blank lines are allowed.
    """
    path = Path(run_dir) / REVIEWS_FILE
    if not path.exists():
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read ({exc.strerror})") from None
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = safejson.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ReviewError(f"{where}: not valid UTF-8; fix or remove the line") from None
        except ValueError as exc:
            raise ReviewError(f"{where}: not valid JSON ({getattr(exc, 'msg', exc)}); fix or remove the line") from None
        if not isinstance(row, dict):
            raise ReviewError(f"{where}: expected a JSON object, got {type(row).__name__}")
        missing = [k for k in ("flag_id", "verdict") if not isinstance(row.get(k), str)]
        if missing:
            raise ReviewError(f"{where}: needs string {' and '.join(repr(k) for k in missing)}")
        if row["verdict"] not in VERDICTS:
            raise ReviewError(f"{where}: verdict must be one of {', '.join(VERDICTS)}, not {row['verdict']!r}")
        try:
            yield Verdict.from_json(row)
        except (ValueError, TypeError):
            raise ReviewError(f"{where}: 'start' and 'end' must be whole numbers") from None


def latest_verdicts(run_dir: Path, aliases: Mapping[str, str] | None = None) -> dict[str, Verdict]:
    """``flag_id -> Verdict``: the last row in the file for each item (what display and gate use).

    ``aliases`` maps ids written by older versions (:func:`sumcheck.flags.legacy_flag_id`) to the
    current ones; such rows count for the current id, in file order with the rest.
    """
    latest: dict[str, Verdict] = {}
    for verdict in iter_verdicts(run_dir):
        fid = (aliases or {}).get(verdict.flag_id, verdict.flag_id)
        latest[fid] = verdict if fid == verdict.flag_id else replace(verdict, flag_id=fid)
    return latest


def history_counts(run_dir: Path, aliases: Mapping[str, str] | None = None) -> dict[str, int]:
    """``flag_id -> number of verdict rows`` (1 means no earlier history)."""
    counts: dict[str, int] = {}
    for verdict in iter_verdicts(run_dir):
        fid = (aliases or {}).get(verdict.flag_id, verdict.flag_id)
        counts[fid] = counts.get(fid, 0) + 1
    return counts
