"""A full disk (ENOSPC), a reached quota (EDQUOT) or a file over the size limit (EFBIG) is a user-facing
error naming the path and the free space, exit 2, and leaves nothing corrupt (issue 28, row 6).

The failure is injected at the write itself (the only way without a dedicated small file system).
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from sumcheck.cli import main
from sumcheck.runfolder import AppendLog, atomic_write_text
from sumcheck.summarize.errors import NoSpaceError, no_space_error

ROWS = [{"id": f"d{i}", "document": f"The council met on Monday {i} and approved {i} million euros for the harbour.",
         "summary": f"The council approved {i} million euros.", "reference": f"{i} million euros were approved."}
        for i in range(1, 7)]


class FailingFile:
    """Stands in for an append log's file: writes ``keep`` bytes of the next write, then fails like a full disk."""

    def __init__(self, real, keep: int, err: int = errno.ENOSPC) -> None:
        self.real, self.keep, self.err = real, keep, err

    def write(self, data) -> int:
        self.real.write(bytes(data[: self.keep]))
        raise OSError(self.err, os.strerror(self.err))

    def fileno(self) -> int:
        return self.real.fileno()

    def close(self) -> None:
        self.real.close()


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG])
def test_an_append_that_fails_midway_is_cut_back_to_whole_rows(tmp_path, err):
    path = tmp_path / "log.jsonl"
    with AppendLog(path) as log:
        log.extend([{"n": 1}, {"n": 2}])
        log._fh = FailingFile(log._fh, keep=7, err=err)
        with pytest.raises(NoSpaceError) as info:
            log.extend([{"n": 3, "text": "x" * 100}])
    message = str(info.value)
    assert str(path) in message and "free there" in message and "\n" not in message
    assert path.read_text() == '{"n": 1}\n{"n": 2}\n'  # the torn part is gone


def test_a_whole_file_write_that_fails_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "scores.json"
    atomic_write_text(path, "old\n")

    def full(fd):  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(NoSpaceError, match="scores.json: no space left on the device"):
        atomic_write_text(path, "new\n")
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["scores.json"]  # no temporary left


def test_other_os_errors_are_not_disk_full():
    assert no_space_error(OSError(errno.EACCES, "Permission denied"), "/x") is None
    assert no_space_error(ValueError("x"), "/x") is None


def test_score_on_a_full_disk_exits_2_naming_the_file_and_a_rerun_recovers(tmp_path, monkeypatch, capsys):
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    out = tmp_path / "run"
    real_fsync, calls = os.fsync, []

    def fsync(fd):  # noqa: ANN001 - the disk fills up while the scores are appended
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists(f"/proc/self/fd/{fd}") else ""
        calls.append(name)
        if name.endswith("results.partial.jsonl"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["score", str(data), "--out", str(out), "--metrics", "rouge", "--resamples", "10"]) == 2
    err = capsys.readouterr().err
    assert "results.partial.jsonl: no space left on the device" in err and "free there" in err
    assert "internal error" not in err and "Traceback" not in err
    assert any(c.endswith("results.partial.jsonl") for c in calls)
    partial = out / "results.partial.jsonl"
    assert not partial.exists() or partial.read_bytes() in (b"",) or partial.read_bytes().endswith(b"\n")

    monkeypatch.setattr(os, "fsync", real_fsync)
    assert main(["score", str(data), "--out", str(out), "--metrics", "rouge", "--resamples", "10"]) == 0
    assert main(["score", str(data), "--out", str(tmp_path / "clean"), "--metrics", "rouge", "--resamples", "10"]) == 0
    got = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    want = [json.loads(line) for line in (tmp_path / "clean" / "results.jsonl").read_text().splitlines()]
    assert got == want and len(got) == len(ROWS)


def test_a_full_disk_met_anywhere_else_is_still_exit_2(tmp_path, monkeypatch, capsys):
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")

    def write(path, data):  # noqa: ANN001 - a write no sumcheck function wrapped (no file name in the error)
        raise OSError(errno.EDQUOT, "Disk quota exceeded")

    monkeypatch.setattr("sumcheck.pipeline.atomic_write_json", write)
    out = tmp_path / "run"
    assert main(["score", str(data), "--out", str(out), "--metrics", "rouge", "--resamples", "10"]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {out}: the disk quota is exceeded" in err and "free there" in err and "internal error" not in err


def test_the_review_log_on_a_full_disk_keeps_whole_lines(tmp_path, monkeypatch):
    from sumcheck.review import store

    run = tmp_path
    verdict = store.Verdict(flag_id="f1", doc_id="d", system="s", kind="number", text="3", start=0, end=1,
                            verdict="confirm", reviewer="ana", time=store.utc_now())
    store.append_verdict(run, verdict)
    before = (run / "reviews.jsonl").read_bytes()
    real_write = os.write

    def half(fd, data):  # noqa: ANN001
        real_write(fd, bytes(data[:5]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half)
    with pytest.raises(NoSpaceError, match="reviews.jsonl"):
        store.append_verdict(run, verdict)
    monkeypatch.setattr(os, "write", real_write)
    assert (run / "reviews.jsonl").read_bytes() == before
    assert (run / "reviews.jsonl").stat().st_mode & 0o777 == 0o600
