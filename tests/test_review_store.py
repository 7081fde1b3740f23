"""reviews.jsonl: append-only, last verdict wins, history kept, concurrent writers lose nothing."""

from __future__ import annotations

import json
import multiprocessing
import threading
from pathlib import Path

import pytest

from sumcheck.review.store import ReviewError, Verdict, append_verdict, history_counts, iter_verdicts, latest_verdicts


def _v(fid: str, verdict: str, who: str = "ana", comment: str = "") -> Verdict:
    return Verdict(flag_id=fid, doc_id="doc-1", system="lead3", kind="number", text="3,000", start=33, end=38,
                   verdict=verdict, reviewer=who, time="2026-11-25T10:00:00Z", comment=comment)


def test_row_shape_matches_the_run_folder_doc(tmp_path: Path) -> None:
    append_verdict(tmp_path, _v("aca1fec5d98e20f0", "dismiss", comment="300 vs 3,000 is a unit slip"))
    (row,) = [json.loads(line) for line in (tmp_path / "reviews.jsonl").read_text().splitlines()]
    # docs/run-folder.md lists exactly these keys for a reviews.jsonl row
    assert set(row) == {"flag_id", "id", "system", "kind", "text", "start", "end", "verdict", "reviewer", "time", "comment"}
    assert row["verdict"] == "dismiss" and row["id"] == "doc-1"


def test_latest_wins_and_history_is_kept(tmp_path: Path) -> None:
    append_verdict(tmp_path, _v("f1", "confirm", "ana"))
    append_verdict(tmp_path, _v("f2", "confirm", "ana"))
    append_verdict(tmp_path, _v("f1", "dismiss", "bo"))
    latest = latest_verdicts(tmp_path)
    assert (latest["f1"].verdict, latest["f1"].reviewer) == ("dismiss", "bo")
    assert latest["f2"].verdict == "confirm"
    assert history_counts(tmp_path) == {"f1": 2, "f2": 1}
    assert len((tmp_path / "reviews.jsonl").read_text().splitlines()) == 3


@pytest.mark.parametrize("bad", [
    _v("f", "maybe"), _v("f", "confirm", who=" "), _v("f", "confirm", comment="x" * 2001),
])
def test_bad_verdicts_are_refused(tmp_path: Path, bad: Verdict) -> None:
    with pytest.raises(ReviewError):
        append_verdict(tmp_path, bad)
    assert not (tmp_path / "reviews.jsonl").exists()


def test_torn_line_is_an_error_and_the_next_append_starts_a_new_line(tmp_path: Path) -> None:
    append_verdict(tmp_path, _v("f1", "confirm"))
    with (tmp_path / "reviews.jsonl").open("a") as f:
        f.write('{"flag_id": "f9", "verd')  # a crash mid-write
    # skipping it could silently undo a dismissal: the reader names the file and line instead
    with pytest.raises(ReviewError, match=r"reviews\.jsonl:2: not valid JSON"):
        latest_verdicts(tmp_path)
    append_verdict(tmp_path, _v("f2", "dismiss"))
    lines = (tmp_path / "reviews.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines[1] == '{"flag_id": "f9", "verd' and json.loads(lines[2])["flag_id"] == "f2"


@pytest.mark.parametrize(("line", "why"), [
    (b"\xff\xfe", "not valid UTF-8"),
    (b"42", "expected a JSON object, got int"),
    (b'{"verdict": "dismiss"}', "needs string 'flag_id'"),
    (b'{"flag_id": "f1", "verdict": "ok"}', "verdict must be one of confirm, dismiss, not 'ok'"),
    (b'{"flag_id": "f1", "verdict": "dismiss", "start": "x"}', "'start' and 'end' must be whole numbers"),
])
def test_every_malformed_line_is_an_error_naming_file_and_line(tmp_path: Path, line: bytes, why: str) -> None:
    append_verdict(tmp_path, _v("f1", "confirm"))
    with (tmp_path / "reviews.jsonl").open("ab") as f:
        f.write(b"\n" + line + b"\n")  # line 3 (line 2 is blank, which is allowed)
    with pytest.raises(ReviewError) as info:
        latest_verdicts(tmp_path)
    assert str(info.value) == f"{tmp_path / 'reviews.jsonl'}:3: {why}" or str(info.value).startswith(f"{tmp_path / 'reviews.jsonl'}:3: {why}")


def test_threads_lose_nothing(tmp_path: Path) -> None:
    def work(k: int) -> None:
        for i in range(25):
            append_verdict(tmp_path, _v(f"t{k}-{i}", "dismiss", comment="é" * 300))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(list(iter_verdicts(tmp_path))) == 200
    assert len(latest_verdicts(tmp_path)) == 200


def _proc(path: str, k: int) -> None:
    for i in range(30):
        append_verdict(Path(path), _v(f"p{k}-{i}", "confirm", comment="x" * 1900 if i % 2 else ""))


def test_processes_lose_nothing(tmp_path: Path) -> None:
    # two review servers on the same run are two processes; flock serialises them
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_proc, args=(str(tmp_path), k)) for k in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    lines = (tmp_path / "reviews.jsonl").read_text().splitlines()
    assert len(lines) == 90 and all(json.loads(line)["verdict"] == "confirm" for line in lines)
