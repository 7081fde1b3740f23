"""Run-folder durability per batch (one fsync per scored block) and one writer per run folder."""

import json
import math
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from sumcheck import runfolder
from sumcheck.metric import Metric
from sumcheck.pipeline import SCORE_BATCH, Run
from sumcheck.runfolder import RunFolderBusyError, read_jsonl
from sumcheck.summarize.records import Document, Prediction

N = 2 * SCORE_BATCH + 2  # two full blocks and a short third one
DOCS = [Document(f"d{i}", f"alpha beta gamma {i} delta") for i in range(N)]
PREDS = [Prediction(d.id, "s", "alpha beta") for d in DOCS]
ORDER = [(d.id, "s") for d in DOCS]


class Words(Metric):
    name = "words"

    def __init__(self, settings=None, fail_on_call=None):
        super().__init__(settings)
        self.calls, self.fail_on_call = 0, fail_on_call

    def signature_fields(self):
        return {"unit": "words"}

    def score(self, pairs, *, upstream=None):
        self.calls += 1
        if self.fail_on_call is not None and self.calls == self.fail_on_call:
            raise KeyboardInterrupt
        return [{"n": len(p.prediction.summary.split())} for p in pairs]

    def item_values(self, row):
        return {"n_words": row.get("n")}


def test_scoring_syncs_once_per_block_not_once_per_row(tmp_path, monkeypatch):
    with Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True) as run:
        run.add_predictions(PREDS)
        calls = []
        real = os.fsync
        monkeypatch.setattr(runfolder.os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
        assert run.score(ORDER, {"words": Words()}) == N
    assert len(calls) == math.ceil(N / SCORE_BATCH) == 3
    assert len(list(read_jsonl(tmp_path / "r" / "results.partial.jsonl"))) == N


def test_predictions_brought_by_the_user_are_synced_once(tmp_path, monkeypatch):
    with Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True) as run:
        calls = []
        monkeypatch.setattr(runfolder.os, "fsync", lambda fd: calls.append(fd))
        run.add_predictions(PREDS)
    assert len(calls) == 1


def test_an_interruption_loses_at_most_the_block_in_flight(tmp_path):
    out = tmp_path / "r"
    run = Run(out, documents=DOCS, info={"kind": "test"}, quiet=True)
    run.add_predictions(PREDS)
    with pytest.raises(KeyboardInterrupt):
        run.score(ORDER, {"words": Words(fail_on_call=3)})  # the third block is in flight
    run.close()
    kept = list(read_jsonl(out / "results.partial.jsonl"))
    assert len(kept) == 2 * SCORE_BATCH
    metric = Words()
    with Run(out, documents=DOCS, info={"kind": "test"}, quiet=True) as again:
        assert again.score(ORDER, {"words": metric}) == N - 2 * SCORE_BATCH
        again.finalize(ORDER, {"words": metric}, {}, resamples=10, seed=1, truncation="200000c")
    rows = list(read_jsonl(out / "results.jsonl"))
    assert [(r["id"], r["system"]) for r in rows] == ORDER  # every row exactly once, in input order
    assert metric.calls == 1


def test_a_torn_line_from_a_crash_mid_batch_is_dropped_and_rescored(tmp_path):
    out = tmp_path / "r"
    with Run(out, documents=DOCS, info={"kind": "test"}, quiet=True) as run:
        run.add_predictions(PREDS)
        run.score(ORDER[:SCORE_BATCH], {"words": Words()})
    with (out / "results.partial.jsonl").open("a") as fh:
        fh.write('{"id": "d70", "system": "s", "summ')  # a write cut short by a crash
    with Run(out, documents=DOCS, info={"kind": "test"}, quiet=True) as run:
        assert run.score(ORDER, {"words": Words()}) == N - SCORE_BATCH
        run.finalize(ORDER, {"words": Words()}, {}, resamples=10, seed=1, truncation="200000c")
    assert [(r["id"], r["system"]) for r in read_jsonl(out / "results.jsonl")] == ORDER


def test_a_second_writer_in_the_same_process_is_refused(tmp_path):
    first = Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True)
    with pytest.raises(RunFolderBusyError, match=rf"another sumcheck process is writing this run folder: pid {os.getpid()} on "):
        Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True)
    first.close()
    Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True).close()


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from sumcheck.pipeline import Run
    from sumcheck.summarize.records import Document
    run = Run(Path(sys.argv[1]), documents=[Document("a", "x")], info={"kind": "holder"}, quiet=True)
    print("holding", flush=True)
    time.sleep(120)
""")


def _sumcheck(*args, cwd):
    return subprocess.run([sys.executable, "-m", "sumcheck.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_two_processes_on_one_out_the_second_exits_2_naming_the_holder(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps({"id": f"d{i}", "document": "The cat sat on the mat today.", "summary": "The cat sat.",
                                        "reference": "A cat sat on a mat."}) + "\n" for i in range(3)))
    out = tmp_path / "run"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out), "--the-holder"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        busy = _sumcheck("score", str(data), "--out", str(out), "--metrics", "rouge", "--no-report", cwd=tmp_path)
        assert busy.returncode == 2, busy.stderr
        message = busy.stderr.strip().splitlines()
        assert len(message) == 1
        assert f"pid {holder.pid} on " in message[0] and "--the-holder" in message[0] and str(out) in message[0]
        assert not (out / "results.partial.jsonl").exists()
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: the kernel releases the lock
        holder.wait(timeout=30)
    ok = _sumcheck("score", str(data), "--out", str(out), "--metrics", "rouge", "--no-report", cwd=tmp_path)
    assert ok.returncode == 2 and "holds a different run" in ok.stderr  # the lock is free; the folder is the holder's run
    out2 = tmp_path / "run2"
    assert _sumcheck("score", str(data), "--out", str(out2), "--metrics", "rouge", "--no-report", cwd=tmp_path).returncode == 0
    again = _sumcheck("score", str(data), "--out", str(out2), "--metrics", "rouge", "--no-report", cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # released on a normal exit: the run is resumed (complete)
    assert len(list(read_jsonl(out2 / "results.jsonl"))) == 3
