"""The run folder on disk: atomic writes, append-only logs, and what a resumed run finds there.

Layout and row shapes are documented in ``docs/run-folder.md``. Whole files (``run.json``,
``results.jsonl``, ``scores.json``) are written to a temporary file and renamed into place, so a reader
never sees half a file. Logs (``predictions.jsonl``, ``results.partial.jsonl``) are appended one
flushed line at a time; a line torn by an interruption is ignored when the run resumes.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sumcheck.summarize.errors import InputError

log = logging.getLogger(__name__)

RUN_JSON = "run.json"
DOCUMENTS = "documents.jsonl"
PREDICTIONS = "predictions.jsonl"
PARTIAL = "results.partial.jsonl"
RESULTS = "results.jsonl"
SCORES = "scores.json"
REPORT = "report.html"
REVIEWS = "reviews.jsonl"


def _current_umask() -> int:
    """The process umask, read without changing it (Linux), else the common 022."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def atomic_write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def read_jsonl(path: Path, *, tolerate_torn_tail: bool = False) -> Iterator[dict[str, Any]]:
    """Rows of a JSONL file, split on ``\n`` only (rows may hold U+2028 or U+0085 unescaped).

    With ``tolerate_torn_tail`` a last line without its newline (torn by an interruption) is skipped
    and logged, exactly the line :class:`AppendLog` cuts before appending again.
    """
    if not path.exists():
        return
    lines = path.read_bytes().split(b"\n")
    for i, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        if tolerate_torn_tail and i == len(lines):
            log.warning("%s: ignoring a line torn by an interrupted run (line %d)", path, i)
            return
        try:
            row = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise InputError(f"{path}:{i}: malformed JSON in the run folder") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{i}: expected a JSON object in the run folder")
        yield row


class AppendLog:
    """An append-only JSONL file, one flushed and fsynced line per record."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._repair_tail()
        self._fh = path.open("a", encoding="utf-8")

    def _repair_tail(self) -> None:
        """Cut a torn last line (no trailing newline) so the next append starts on a fresh line."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        data = self.path.read_bytes()
        if data.endswith(b"\n"):
            return
        keep = data.rfind(b"\n") + 1
        log.warning("%s: dropping a torn last line left by an interrupted run", self.path)
        with self.path.open("r+b") as fh:
            fh.truncate(keep)

    def append(self, row: Mapping[str, Any]) -> None:
        self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> "AppendLog":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_run_json(run_dir: Path) -> dict[str, Any]:
    path = run_dir / RUN_JSON
    if not path.exists():
        raise InputError(f"{run_dir}: not a sumcheck run folder (no {RUN_JSON})")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: malformed JSON ({exc.msg})") from None
