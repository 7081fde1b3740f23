"""Issue 27: each row is read and written once per stage, and fixed costs are paid once per process.

What a run hands on in memory (to finalize, the report, the CLI's closing lines, ``sumcheck.score``)
must be exactly what a reader of the files it wrote would parse; the checks here compare the two,
and make any read-back of a results file fail.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from sumcheck import parallel, provenance, runfolder
from sumcheck.metric import Metric
from sumcheck.parallel import LocalEngine, shutdown_pool
from sumcheck.pipeline import Run
from sumcheck.runfolder import AppendLog, read_jsonl
from sumcheck.stats import bootstrap_mean
from sumcheck.summarize.records import Document, Prediction

ROWS = [
    {"id": "a", "system": "x", "document": "Rain fell on Leeds on 3 May. The council met 40 people.",
     "summary": "Rain fell on Leeds on 4 May.", "reference": "Rain fell in Leeds."},
    {"id": "a", "system": "y", "document": "Rain fell on Leeds on 3 May. The council met 40 people.",
     "summary": "The council met 40 people in Leeds.", "reference": "Rain fell in Leeds."},
    {"id": "b", "system": "x", "document": "Paris hosted 12 ministers. Lyon sent two.",
     "summary": "Paris hosted 12 ministers from Lyon.", "reference": "Ministers met in Paris."},
    {"id": "b", "system": "y", "document": "Paris hosted 12 ministers. Lyon sent two.",
     "summary": "\u2014", "reference": "Ministers met in Paris."},  # punctuation only: unscored, with its reason
]


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def _parsed(run_dir: Path) -> dict:
    return {
        **{name: list(read_jsonl(run_dir / name)) for name in ("documents.jsonl", "predictions.jsonl", "results.jsonl")},
        "scores.json": json.loads((run_dir / "scores.json").read_text(encoding="utf-8")),
        "run.json": json.loads((run_dir / "run.json").read_text(encoding="utf-8")),
    }


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """One `sumcheck score` job (fact-check and ROUGE, report on) whose results files cannot be read back."""
    from sumcheck.jobs import score_input

    tmp = tmp_path_factory.mktemp("once")
    mp = pytest.MonkeyPatch()

    def no_read_back(*args, **kwargs):
        raise AssertionError("a results file was read back")

    import sumcheck.cli.output
    import sumcheck.report

    mp.setattr(sumcheck.pipeline, "read_jsonl_lines", no_read_back)  # finalize: results.partial.jsonl
    mp.setattr(sumcheck.report, "load_run", no_read_back)  # the report: every file of the run
    mp.setattr(sumcheck.cli.output, "read_results", no_read_back)  # the CLI's unscored lines
    try:
        from sumcheck.cli.output import render_outcome

        outcome = score_input(str(_input(tmp)), out=tmp / "run", metrics={"factcheck": {}, "rouge": {}}, quiet=True, resamples=200)
        printed = render_outcome(outcome, "json", summary="")
    finally:
        mp.undo()
    return outcome, printed


def test_what_a_run_hands_on_is_what_its_files_hold(scored):
    outcome, _ = scored
    assert outcome.files is not None
    assert outcome.files == _parsed(outcome.run_dir)  # the same values, types and order as a reader gets


def test_the_report_written_from_memory_is_the_report_of_the_folder(scored):
    from sumcheck.report import render_report

    outcome, _ = scored
    assert (outcome.run_dir / "report.html").read_text(encoding="utf-8") == render_report(outcome.run_dir)


def test_the_closing_lines_count_what_the_files_say(scored):
    from sumcheck.cli.output import unscored_reasons

    outcome, printed = scored
    assert json.loads(printed)["unscored"] == unscored_reasons(read_jsonl(outcome.run_dir / "results.jsonl"))
    # the punctuation-only summary is unscored by both metrics, and says so
    assert {(u["what"], u["count"]) for u in json.loads(printed)["unscored"]} >= {("rouge", 1), ("factcheck", 1)}


def test_a_resumed_run_reads_its_folder_instead(tmp_path):
    from sumcheck.jobs import score_input

    data = _input(tmp_path)
    first = score_input(str(data), out=tmp_path / "run", metrics={"rouge": {}}, quiet=True, report=False)
    again = score_input(str(data), out=tmp_path / "run", metrics={"rouge": {}}, quiet=True, report=False)
    assert first.files is not None and again.files is None  # rows of an earlier session: read from the folder
    assert again.scored == 0 and again.scores == first.scores


def test_the_api_result_equals_the_folder_it_came_from(tmp_path):
    import sumcheck

    result = sumcheck.score(ROWS, metrics=["rouge"], out=tmp_path / "run", report=False)
    saved = _parsed(tmp_path / "run")
    assert [r.values for r in result.rows] == [r["values"] for r in saved["results.jsonl"]]
    assert result.run_info == saved["run.json"]


def test_shared_resample_draws_give_the_intervals_of_separate_draws():
    rng = np.random.default_rng(7)
    columns = [list(rng.random(50)), list(rng.random(50)), [*rng.random(49), None], list(rng.random(3))]
    draws: dict = {}
    for values in columns + columns:
        assert bootstrap_mean(values, resamples=300, seed=5, draws=draws) == bootstrap_mean(values, resamples=300, seed=5)
    assert sorted(draws) == [(3, 300, 5), (49, 300, 5), (50, 300, 5)]  # one draw per sample size


class Pid(Metric):
    """Says which process scored a row, and how many blocks this metric object has scored."""

    name = "pid"

    def __init__(self, settings=None):
        super().__init__(settings)
        self.blocks = 0

    def signature_fields(self):
        return {}

    def score(self, pairs, *, upstream=None):
        import time

        self.blocks += 1
        time.sleep(0.05)  # long enough that both workers get blocks
        return [{"pid": os.getpid(), "blocks": self.blocks, "n": len(p.prediction.summary)} for p in pairs]

    def item_values(self, row):
        return {"n": row.get("n")}


def _job(tmp_path: Path, name: str, engine) -> list[dict]:
    docs = [Document(f"d{i}", f"text number {i}") for i in range(16)]
    with Run(tmp_path / name, documents=docs, info={"kind": "test"}, quiet=True) as run:
        run.add_predictions([Prediction(d.id, "s", "x" * (1 + int(d.id[1:]))) for d in docs])
        order = [(d.id, "s") for d in docs]
        run.score(order, {"pid": Pid()}, engine=engine, block_size=2)
        run.finalize(order, {"pid": Pid()}, {}, resamples=10, seed=1, truncation="200000c")
    return list(read_jsonl(tmp_path / name / "results.jsonl"))


def test_the_worker_pool_serves_the_next_job_with_fresh_metric_objects(tmp_path):
    shutdown_pool()
    try:
        first = _job(tmp_path, "first", LocalEngine(2))
        second = _job(tmp_path, "second", LocalEngine(2))
        workers = {r["pid"]["pid"] for r in first}
        assert len(workers) == 2 and os.getpid() not in workers
        assert {r["pid"]["pid"] for r in second} <= workers  # the same processes: no new pool, no second start-up
        # each job gets new metric objects in the workers: its 8 blocks are counted from 1 in each worker
        for job in (first, second):
            per_worker: dict[int, int] = {}
            for r in job:
                per_worker[r["pid"]["pid"]] = max(per_worker.get(r["pid"]["pid"], 0), r["pid"]["blocks"])
            assert sum(per_worker.values()) == 8
        assert [r["values"] for r in second] == [r["values"] for r in first]
    finally:
        shutdown_pool()
    assert parallel._POOL is None
    third = _job(tmp_path, "third", LocalEngine(2))
    try:
        assert not {r["pid"]["pid"] for r in third} & workers  # after shutdown_pool: new processes
    finally:
        shutdown_pool()


def test_provenance_is_looked_up_once_per_process(monkeypatch):
    first = provenance.session(started=1.0)

    def no_lookup(*args, **kwargs):
        raise AssertionError("looked up again")

    monkeypatch.setattr(provenance, "git_state", no_lookup)
    monkeypatch.setattr(provenance, "package_versions", no_lookup)
    second = provenance.session(started=2.0)
    assert (second["git"], second["packages"]) == (first["git"], first["packages"]) and second["started"] == 2.0
    second["packages"]["numpy"] = "changed"  # each session gets its own copy
    assert provenance.session(started=3.0)["packages"] == first["packages"]


def test_an_append_log_with_a_sync_interval_writes_every_row_at_once_and_syncs_at_close(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(runfolder.os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    path = tmp_path / "log.jsonl"
    with AppendLog(path, sync_interval=3600) as log:
        for i in range(50):
            log.append({"i": i})
            assert len(path.read_text().splitlines()) == i + 1  # in the file (flushed) before the next row is made
        assert synced == []
    assert len(synced) == 1  # at close
    with AppendLog(path) as log:  # the default: every call synced
        log.append({"i": 50})
        log.append({"i": 51})
    assert len(synced) == 3


def test_instant_summaries_are_not_synced_one_by_one(tmp_path, monkeypatch):
    from sumcheck.summarize.spec import LeadSpec
    from sumcheck.summarize.systems.extractive import LeadSystem

    synced = []
    monkeypatch.setattr(runfolder.os, "fsync", lambda fd: synced.append(fd))
    docs = [Document(f"d{i}", f"First sentence {i}. Second one here. Third and last.") for i in range(200)]
    systems = [LeadSystem(LeadSpec(name=f"lead{k}", k=k)) for k in (1, 2)]
    with Run(tmp_path / "r", documents=docs, info={"kind": "test"}, quiet=True) as run:
        synced.clear()
        assert run.generate(systems) == 400
    preds = list(read_jsonl(tmp_path / "r" / "predictions.jsonl"))
    assert len(preds) == 400 and [preds[0]["summary"], preds[200]["summary"]] == ["First sentence 0.", "First sentence 0. Second one here."]
    assert 1 <= len(synced) < 10  # 400 summaries in well under a second: not 400 fsyncs
