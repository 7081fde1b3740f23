"""The run folder on disk: atomic writes, append-only logs, and what a resumed run finds there.

Layout and row shapes are documented in ``docs/run-folder.md``. Whole files (``run.json``,
``results.jsonl``, ``scores.json``) are written to a temporary file and renamed into place, so a reader
never sees half a file. Logs (``predictions.jsonl``, ``results.partial.jsonl``) are append-only: a
batch of rows is written and then made durable with one ``fsync`` (:meth:`AppendLog.extend`), so an
interruption loses at most the batch in flight; a line torn by it is ignored when the run resumes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sumcheck.summarize import safejson
from sumcheck.summarize.errors import InputError, writing
from sumcheck.summarize.redact import redact

log = logging.getLogger(__name__)

RUN_JSON = "run.json"
DOCUMENTS = "documents.jsonl"
PREDICTIONS = "predictions.jsonl"
PARTIAL = "results.partial.jsonl"
RESULTS = "results.jsonl"
SCORES = "scores.json"
REPORT = "report.html"
REVIEWS = "reviews.jsonl"


# One encoder for every JSONL row: the text of ``json.dumps(row, ensure_ascii=False)``, without building
# an encoder per row or checking rows (plain trees of dicts and lists) for cycles.
encode_row = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


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
    """Write ``text`` to ``path`` via a temporary file in the same folder and an atomic rename.

    API keys are masked (:mod:`sumcheck.summarize.redact`); a full disk or quota is a
    :class:`~sumcheck.summarize.errors.NoSpaceError` naming ``path``, and the old file stays as it was."""
    text = redact(text)
    with writing(path):
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


def atomic_write_lines(path: Path, lines: Iterable[bytes]) -> None:
    """Write already-encoded JSONL lines (UTF-8, without newlines) atomically, one per line."""
    atomic_write_text(path, "".join(line.decode("utf-8") + "\n" for line in lines))


def atomic_write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    atomic_write_text(path, "".join(encode_row(r) + "\n" for r in rows))


def read_jsonl(path: Path, *, tolerate_torn_tail: bool = False) -> Iterator[dict[str, Any]]:
    """Rows of a JSONL file, split on ``\n`` only (rows may hold U+2028 or U+0085 unescaped).

    With ``tolerate_torn_tail`` a last line without its newline (torn by an interruption) is skipped
    and logged, exactly the line :class:`AppendLog` cuts before appending again.
    """
    for row, _raw in read_jsonl_lines(path, tolerate_torn_tail=tolerate_torn_tail):
        yield row


def read_jsonl_lines(path: Path, *, tolerate_torn_tail: bool = False) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Like :func:`read_jsonl`, with each row's line as stored (UTF-8 bytes, no newline), so that a
    file can be reordered without encoding its rows again."""
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
            row = safejson.loads(raw.decode("utf-8"))
        except safejson.JSONLimitError as exc:
            raise InputError(f"{path}:{i}: unreadable JSON in the run folder: {exc}") from None
        except ValueError:  # UnicodeDecodeError, JSONDecodeError
            raise InputError(f"{path}:{i}: malformed JSON in the run folder") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{i}: expected a JSON object in the run folder")
        yield row, raw


class AppendLog:
    """An append-only JSONL file. :meth:`append` makes one row durable, :meth:`extend` a whole batch
    with a single ``fsync`` (the cost of durability is per batch, not per row).

    ``sync_interval`` (seconds; 0: every call) bounds how often :meth:`append` and :meth:`extend`
    ``fsync``: every row is still written and flushed to the operating system at once (it survives
    the process being interrupted or killed), and made durable against a machine crash within
    ``sync_interval`` seconds and at :meth:`close`. Summaries are appended with 1 s: a model's, which
    take longer than that, are each synced as before; instant ones (lead-k, the summary cache) are
    not synced one by one."""

    def __init__(self, path: Path, *, sync_interval: float = 0.0) -> None:
        self.path = path
        self.sync_interval = sync_interval
        self._last_sync = time.monotonic()
        self._unsynced = False
        self._repair_tail()
        self._fh = path.open("ab", buffering=0)  # unbuffered: a failed write leaves nothing pending

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
        """Write one row and make it durable (flush + fsync) before returning."""
        self.extend((row,))

    def extend(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Write ``rows`` in one write call and make them durable with one flush + fsync.

        Returns the number of rows written. A crash during the call leaves at most a torn last line,
        which :func:`read_jsonl` skips and the next :class:`AppendLog` on the file cuts. A write that
        fails (a full disk: :class:`~sumcheck.summarize.errors.NoSpaceError`) is cut back off the
        file before the error is raised, so the file keeps only whole rows. API keys are masked.
        """
        return self.extend_encoded([encode_row(r) for r in rows])

    def extend_encoded(self, lines: list[str]) -> int:
        """:meth:`extend` for rows already encoded (:data:`encode_row`, no newline),
        so that a caller keeping the rows in memory encodes each once. Returns the number of rows written."""
        if not lines:
            return 0
        data = memoryview(redact("".join(line + "\n" for line in lines)).encode("utf-8"))
        fd = self._fh.fileno()
        before = os.fstat(fd).st_size
        with writing(self.path):
            try:
                while data:  # unbuffered: written to the operating system at once
                    data = data[self._fh.write(data) or 0:]
                self._unsynced = True
                if self.sync_interval <= 0 or time.monotonic() - self._last_sync >= self.sync_interval:
                    self._sync()
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, before)
                self._unsynced = False  # what was written is cut back off: nothing is left to sync
                raise
        return len(lines)

    def _sync(self) -> None:
        os.fsync(self._fh.fileno())
        self._last_sync, self._unsynced = time.monotonic(), False

    def close(self) -> None:
        try:
            if self._unsynced and not self._fh.closed:
                with writing(self.path):
                    self._sync()
        finally:
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
        return safejson.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:  # JSONDecodeError, JSONLimitError, UnicodeDecodeError
        raise InputError(f"{path}: malformed JSON ({getattr(exc, 'msg', exc)})") from None


LOCK = ".sumcheck.lock"


class RunFolderBusyError(InputError):
    """Another process is writing the same run folder (one writer per run folder)."""


class RunFolderLock:
    """The exclusive writer lock of a run folder: ``<run>/.sumcheck.lock``, an ``flock`` taken with
    :mod:`filelock` without waiting. The holder's pid, host and command line are written into the
    lock file so that a refused process can name it. The kernel drops the lock when the holder exits
    or crashes; the file itself stays (removing a locked file would split later contenders).

    Raises :class:`RunFolderBusyError` from :meth:`acquire` when another process holds it.
    """

    def __init__(self, run_dir: Path) -> None:
        self.path = run_dir / LOCK
        self._lock: Any = None

    @staticmethod
    def _holder_text() -> str:
        import socket
        import sys

        return json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "command": " ".join(sys.argv),
                           "since": time_now_iso()}) + "\n"

    def _write_holder(self, fd: int) -> None:
        data = self._holder_text().encode("utf-8")
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)

    def holder(self) -> str:
        """A readable description of the process named in the lock file (best effort)."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            return f"pid {info.get('pid')} on {info.get('host')} ({info.get('command')!s}, since {info.get('since')})"
        except (OSError, ValueError, AttributeError):
            return "another process"

    def acquire(self) -> "RunFolderLock":
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path), blocking=False, thread_local=False, preserve_lock_file=True,
                        on_acquired=self._write_holder)
        try:
            lock.acquire()
        except Timeout:
            raise RunFolderBusyError(f"--out {self.path.parent}: another sumcheck process is writing this run folder: "
                                     f"{self.holder()}; wait for it or choose another --out") from None
        self._lock = lock
        return self

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "RunFolderLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def time_now_iso() -> str:
    import datetime as _dt

    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
