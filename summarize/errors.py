"""Typed exceptions of the producing side. The CLI turns them into one-line messages and exit codes."""

from __future__ import annotations

import contextlib
import errno
import os
from typing import Iterator


class SumcheckError(Exception):
    """Base class: a user-facing problem with a message that says what to do."""


class InputError(SumcheckError):
    """Input data that cannot be read or does not have the expected shape."""


class ModelNotAvailableError(SumcheckError):
    """A model's weights are not on this machine (and nothing is downloaded silently)."""


class ConfigError(SumcheckError):
    """A configuration file that does not validate."""


class NoSpaceError(SumcheckError):
    """A write failed for want of room: the disk is full (``ENOSPC``), a quota is reached (``EDQUOT``)
    or the file would pass the size limit (``EFBIG``). The message names the path and the free space;
    the CLI exits with 2. Files written before are intact (appends are cut back to their last whole
    row, whole files are written to a temporary file first), so the same command resumes once there
    is room."""


NO_SPACE_ERRNOS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, name))
_WHY = {"ENOSPC": "no space left on the device", "EDQUOT": "the disk quota is exceeded",
        "EFBIG": "the file would be larger than this file system or the process's limit allows"}


def _free_space(path: "os.PathLike[str] | str") -> str:
    """``'12.0 MiB free on /mnt'`` for the file system holding ``path`` (its nearest existing folder)."""
    import shutil
    from pathlib import Path

    where = Path(os.path.abspath(path))
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        free = float(shutil.disk_usage(where).free)
    except OSError:
        return "free space unknown"
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if free < 1024 or unit == "TiB":
            break
        free /= 1024
    amount = f"{int(free)} bytes" if unit == "bytes" else f"{free:.1f} {unit}"
    return f"{amount} free there"


def no_space_error(exc: BaseException, path: "os.PathLike[str] | str | None" = None) -> NoSpaceError | None:
    """The :class:`NoSpaceError` for ``exc`` when it is an ``OSError`` for want of room, else None.

    ``path`` is the file being written (default: the error's own ``filename``)."""
    if not isinstance(exc, OSError) or exc.errno not in NO_SPACE_ERRNOS:
        return None
    target = path if path is not None else exc.filename
    why = _WHY.get(errno.errorcode.get(exc.errno, ""), exc.strerror or "no space")
    where = f"cannot write {os.fspath(target)}: {why} ({_free_space(target)})" if target else f"a write failed: {why}"
    return NoSpaceError(f"{where}; make room (or choose another folder) and run the same command again: "
                        "what was written before is intact")


@contextlib.contextmanager
def writing(path: "os.PathLike[str] | str") -> Iterator[None]:
    """Turn an ``OSError`` for want of room raised inside the block into a :class:`NoSpaceError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        err = no_space_error(exc, path)
        if err is None:
            raise
        raise err from None
