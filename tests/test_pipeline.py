"""The run folder: layout, input order, resume after an interruption, unscored rows, truncation."""

import json
from pathlib import Path

import pytest

from sumcheck.metric import Metric
from sumcheck.pipeline import Run, truncate_document, unique_documents
from sumcheck.runfolder import read_jsonl
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.io import InputRow
from sumcheck.summarize.records import Document, Prediction


class WordCount(Metric):
    """A transparent metric for testing the machinery: summary words / document words."""

    name = "words"

    def signature_fields(self):
        return {"unit": "words"}

    def score(self, pairs, *, upstream=None):
        return [{"ratio": len(p.prediction.summary.split()) / len(p.document.text.split())} for p in pairs]

    def item_values(self, row):
        return {"word_ratio": row.get("ratio")}


class FirstWords:
    """A system that summarises with the first ``n`` words, and can be told to fail after ``fail_after``."""

    def __init__(self, name, n, fail_after=None):
        self.name, self.n, self.fail_after, self.calls = name, n, fail_after, 0

    def model_signature(self):
        return f"first-{self.n}"

    def generate(self, documents, on_result=None):
        out = []
        for i, d in enumerate(documents):
            if self.fail_after is not None and self.calls >= self.fail_after:
                raise KeyboardInterrupt
            self.calls += 1
            p = Prediction(d.id, self.name, " ".join(d.text.split()[: self.n]))
            out.append(p)
            on_result(i, p)
        return out


DOCS = [Document(f"d{i}", " ".join(f"w{i}{j}" for j in range(10))) for i in range(5)]


def finish(run, systems):
    order = [(d.id, s.name) for d in run.documents for s in systems]
    run.generate(systems)
    metrics = {"words": WordCount()}
    run.score(order, metrics)
    return run.finalize(order, metrics, {s.name: s.model_signature() for s in systems}, resamples=200, seed=1, truncation="200000c")


def test_layout_and_order(tmp_path):
    systems = [FirstWords("b", 2), FirstWords("a", 5)]
    run = Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True)
    scores = finish(run, systems)
    for name in ("run.json", "documents.jsonl", "predictions.jsonl", "results.jsonl", "scores.json"):
        assert (tmp_path / "r" / name).exists(), name
    rows = list(read_jsonl(tmp_path / "r" / "results.jsonl"))
    assert [(r["id"], r["system"]) for r in rows] == [(d.id, s) for d in DOCS for s in ("b", "a")]
    assert scores["systems"]["b"]["word_ratio"]["mean"] == pytest.approx(0.2)
    assert scores["systems"]["a"]["word_ratio"]["mean"] == pytest.approx(0.5)
    sig = scores["systems"]["a"]["word_ratio"]["signature"]
    assert sig.startswith("word_ratio|unit:words|trunc:200000c|n:5|data:set-sha1:") and "|model:first-5|" in sig and "|seed:1|" in sig
    info = json.loads((tmp_path / "r" / "run.json").read_text())
    assert info["status"] == "complete" and info["signatures"]["a/word_ratio"] == sig
    assert {"packages", "git", "timings", "data_sha1"} <= set(info)
    t = info["timings"]  # wall clocks and the metric's (worker-summed) seconds, all recorded
    assert {"total", "scoring_wall"} <= set(t) and 0 <= t["scoring_wall"] <= t["total"]
    assert [k for k in t if k not in ("total", "scoring_wall") and not k.startswith("generate:")]  # the metric's seconds


def test_interrupted_run_resumes_without_redoing_work(tmp_path):
    out = tmp_path / "r"
    flaky = FirstWords("s", 3, fail_after=2)
    run = Run(out, documents=DOCS, info={"kind": "test"}, quiet=True)
    with pytest.raises(KeyboardInterrupt):
        run.generate([flaky])
    run.close()  # what sumcheck.jobs does after an interruption (the process exiting does it too)
    assert len(list(read_jsonl(out / "predictions.jsonl"))) == 2
    with (out / "predictions.jsonl").open("a") as fh:
        fh.write('{"id": "d9", "sys')  # a line torn by the interruption
    again = FirstWords("s", 3)
    with Run(out, documents=DOCS, info={"kind": "test"}, quiet=True) as run:
        finish(run, [again])
    assert again.calls == 3  # only the three documents not summarised before
    assert len(list(read_jsonl(out / "results.jsonl"))) == 5
    third = FirstWords("s", 3)
    finish(Run(out, documents=DOCS, info={"kind": "test"}, quiet=True), [third])
    assert third.calls == 0  # a complete run generates nothing on a second call


def test_a_folder_holding_another_run_is_refused(tmp_path):
    Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True).close()
    with pytest.raises(InputError, match="holds a different run"):
        Run(tmp_path / "r", documents=DOCS[:2], info={"kind": "test"}, quiet=True)


def test_empty_summary_and_document_are_unscored_with_a_reason(tmp_path):
    docs = [Document("full", "some words here"), Document("blank", "   ")]
    run = Run(tmp_path / "r", documents=docs, info={"kind": "test"}, quiet=True)
    run.add_predictions([Prediction("full", "s", ""), Prediction("blank", "s", "words")])
    order = [("full", "s"), ("blank", "s")]
    metrics = {"words": WordCount()}
    run.score(order, metrics)
    rows = list(read_jsonl(tmp_path / "r" / "results.partial.jsonl"))
    assert rows[0]["words"] == {"score": None, "reason": "empty summary"}
    assert rows[1]["words"] == {"score": None, "reason": "empty document"}


def test_unscored_rows_count_as_unscored_not_zero(tmp_path):
    docs = DOCS[:3]
    run = Run(tmp_path / "r", documents=docs, info={"kind": "test"}, quiet=True)
    run.add_predictions([Prediction("d0", "s", "w00 w01"), Prediction("d1", "s", ""), Prediction("d2", "s", "w20 w21 w22 w23")])
    order = [(d.id, "s") for d in docs]
    metrics = {"words": WordCount()}
    run.score(order, metrics)
    scores = run.finalize(order, metrics, {}, resamples=100, seed=1, truncation="200000c")
    est = scores["systems"]["s"]["word_ratio"]
    assert (est["n"], est["unscored"]) == (2, 1)
    assert est["mean"] == pytest.approx((0.2 + 0.4) / 2)


def test_long_documents_are_cut_at_a_word_and_recorded():
    doc = Document("long", "word " * 200_000)
    cut = truncate_document(doc, 200_000)
    assert len(cut.text) <= 200_000 and cut.text.endswith("word")
    assert cut.meta["truncated_from_chars"] == 1_000_000


def test_one_id_with_two_texts_is_an_error():
    rows = [InputRow(Document("x", "one", origin="f:1")), InputRow(Document("x", "two", origin="f:2"))]
    with pytest.raises(InputError, match="two different documents"):
        unique_documents(rows, 1000)


def test_line_separator_characters_inside_text_survive_the_run_folder(tmp_path):
    # regression (review): U+2028/U+2029/U+0085 are line breaks to str.splitlines(), not to JSONL
    text = "one\u2028two\u0085three\u2029four"
    run = Run(tmp_path / "r", documents=[Document("a", text + " five six")], info={"kind": "test"}, quiet=True)
    run.add_predictions([Prediction("a", "s", text)])
    metrics = {"words": WordCount()}
    run.score([("a", "s")], metrics)
    run.finalize([("a", "s")], metrics, {}, resamples=10, seed=1, truncation="200000c")
    (row,) = list(read_jsonl(tmp_path / "r" / "results.jsonl"))
    assert row["summary"] == text


def test_a_non_empty_folder_without_a_run_is_not_taken_over(tmp_path):
    # regression (review): `score results.jsonl --out .` overwrote the user's own file
    (tmp_path / "results.jsonl").write_text("mine\n")
    with pytest.raises(InputError, match="not empty and holds no sumcheck run"):
        Run(tmp_path, documents=DOCS, info={"kind": "test"}, quiet=True)
    (tmp_path / "afile").write_text("x")
    with pytest.raises(InputError, match="a file is in the way"):
        Run(tmp_path / "afile", documents=DOCS, info={"kind": "test"}, quiet=True)


def test_resumed_run_keeps_earlier_timings_and_a_failure_keeps_signatures(tmp_path):
    out = tmp_path / "r"
    run = Run(out, documents=DOCS, info={"kind": "test"}, quiet=True)
    finish(run, [FirstWords("s", 3)])
    first = json.loads((out / "run.json").read_text())
    run.mark("failed", "a step after scoring broke")
    run.close()
    after = json.loads((out / "run.json").read_text())
    again = Run(out, documents=DOCS, info={"kind": "test"}, quiet=True)
    assert again.timings["generate:s"] == first["timings"]["generate:s"]
    assert after["status"] == "failed" and after["signatures"] == first["signatures"]


def test_the_input_path_as_typed_does_not_change_the_run(tmp_path):
    Run(tmp_path / "r", documents=DOCS, info={"kind": "score", "input": "data.jsonl"}, quiet=True).close()
    Run(tmp_path / "r", documents=DOCS, info={"kind": "score", "input": "./data.jsonl"}, quiet=True)


def test_changed_metrics_rescore_the_kept_summaries(tmp_path):
    # generation apart from scoring: new metric code or calibration re-scores, never regenerates
    out = tmp_path / "r"
    with Run(out, documents=DOCS, info={"kind": "test"}, quiet=True, scoring={"words": {"v": "1"}}) as first:
        finish(first, [FirstWords("s", 3)])
    again = FirstWords("s", 3)
    run = Run(out, documents=DOCS, info={"kind": "test"}, quiet=True, scoring={"words": {"v": "2"}})
    assert not (out / "results.partial.jsonl").exists()
    assert len(list(out.glob("results.partial.stale-*.jsonl"))) == 1  # earlier scores kept
    finish(run, [again])
    assert again.calls == 0
    assert len(list(read_jsonl(out / "results.jsonl"))) == len(DOCS)


# -- --workers: the local engine's process pool -----------------------------------------------------------
from sumcheck.parallel import LocalEngine, make_engine  # noqa: E402
from sumcheck.summarize.errors import ConfigError  # noqa: E402


class Pid(WordCount):
    """WordCount that also says which process scored the row."""

    def score(self, pairs, *, upstream=None):
        import os
        import time

        time.sleep(0.05)  # long enough that both workers get blocks
        return [dict(r, pid=os.getpid()) for r in super().score(pairs, upstream=upstream)]


def _score_with(tmp_path, name, engine, metric, docs, block_size):
    with Run(tmp_path / name, documents=docs, info={"kind": "test"}, quiet=True, engine=engine.describe()) as run:
        run.add_predictions([Prediction(d.id, "s", " ".join(d.text.split()[:3])) for d in docs])
        order = [(d.id, "s") for d in docs]
        assert run.score(order, {"words": metric}, engine=engine, block_size=block_size) == len(docs)
        run.finalize(order, {"words": metric}, {}, resamples=50, seed=1, truncation="200000c")
    partial = list(read_jsonl(tmp_path / name / "results.partial.jsonl"))
    return list(read_jsonl(tmp_path / name / "results.jsonl")), partial


def test_two_workers_give_the_rows_of_one_and_really_use_two_processes(tmp_path):
    import os

    docs = [Document(f"d{i}", " ".join(f"w{j}" for j in range(3 + i % 7))) for i in range(40)]
    one, _ = _score_with(tmp_path, "one", LocalEngine(1), Pid(), docs, block_size=4)
    two, partial = _score_with(tmp_path, "two", LocalEngine(2), Pid(), docs, block_size=4)
    assert {r["words"]["pid"] for r in one} == {os.getpid()}
    pids = {r["words"]["pid"] for r in two}
    assert len(pids) == 2 and os.getpid() not in pids  # scored by two worker processes
    strip = lambda rows: [{k: v for k, v in r.items() if k != "words"} | {"ratio": r["words"]["ratio"]} for r in rows]  # noqa: E731
    assert strip(two) == strip(one)  # same rows, same values, input order
    assert sorted((r["id"], r["system"]) for r in partial) == sorted((d.id, "s") for d in docs)  # each exactly once


def test_light_metrics_and_single_blocks_stay_in_this_process(monkeypatch):
    import sumcheck.parallel

    monkeypatch.setattr(sumcheck.parallel, "available_cores", lambda: 4)
    engine = LocalEngine(4)
    assert engine.processes_for(10, {"rouge": WordCount()}) == 1
    assert engine.processes_for(1, {"words": WordCount()}) == 1
    assert engine.processes_for(10, {"words": WordCount()}) == 4
    assert LocalEngine(None).workers >= 1


@pytest.mark.parametrize("kwargs,message", [
    ({"workers": -1}, "--workers must be a positive number"),
    ({"workers": 10_000}, "--workers 10000 is more than the .* core"),  # no machine here has 10,000 cores
    ({"name": "spark"}, "--engine must be one of local, ray"),
    ({"ray_address": "auto"}, "--ray-address is only used with --engine ray"),
])
def test_bad_engine_settings_are_one_line_errors(kwargs, message):
    name = kwargs.pop("name", "local")
    with pytest.raises(ConfigError, match=message):
        make_engine(name, **kwargs)


FRANK = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "frank_val.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not FRANK.exists(), reason="the shared validation cuts are not on this machine")
def test_factcheck_and_faithfulness_on_two_workers_equal_the_single_core_path(tmp_path):
    """Two worker processes (one math thread each) give exactly the rows of one process with one
    thread: the single-core path. (torch's bfloat16 products round differently with a different
    number of threads per process, so the reference is pinned to one thread.)"""
    import torch

    from sumcheck.pipeline import build_metrics

    rows = [json.loads(line) for line in FRANK.read_text(encoding="utf-8").splitlines()[:36]]
    docs = [Document(f"f{i}", r["document"]) for i, r in enumerate(rows)]
    preds = [Prediction(d.id, "s", r["summary"]) for d, r in zip(docs, rows)]
    order = [(d.id, "s") for d in docs]

    def score(name, engine):
        metrics = build_metrics({"factcheck": {}, "faithfulness": {}})
        with Run(tmp_path / name, documents=docs, info={"kind": "test"}, quiet=True, engine=engine.describe()) as run:
            run.add_predictions(preds)
            run.score(order, metrics, engine=engine, block_size=12)
            run.finalize(order, metrics, {}, resamples=50, seed=1, truncation="200000c")
        return (tmp_path / name / "results.jsonl").read_text(), json.loads((tmp_path / name / "scores.json").read_text())

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        single, single_scores = score("single", LocalEngine(1))
    finally:
        torch.set_num_threads(before)
    pooled, pooled_scores = score("pooled", LocalEngine(2))
    assert pooled == single
    assert pooled_scores["engine"] == {"engine": "local", "workers": 2} and single_scores["engine"] == {"engine": "local", "workers": 1}
    assert {k: v for k, v in pooled_scores.items() if k != "engine"} == {k: v for k, v in single_scores.items() if k != "engine"}


class BlockTag(WordCount):
    """WordCount that tags each row with the ids of the block it was scored in."""

    def score(self, pairs, *, upstream=None):
        ids = ",".join(sorted({p.document.id for p in pairs}))
        return [dict(r, block=ids) for r in super().score(pairs, upstream=upstream)]


def test_a_source_text_is_never_split_across_blocks(tmp_path):
    # d0..d9, where d3 and d7 hold the same text: six systems each, blocks of 8 pairs. Every pair of a
    # text (of both documents that share it) must land in one block, whatever the block size says.
    texts = [f"text number {i} with words" for i in range(10)]
    texts[7] = texts[3]
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
    with Run(tmp_path / "r", documents=docs, info={"kind": "test"}, quiet=True) as run:
        systems = [f"s{k}" for k in range(6)]
        run.add_predictions([Prediction(d.id, s, "text number") for d in docs for s in systems])
        order = [(d.id, s) for d in docs for s in systems]
        assert run.score(order, {"words": BlockTag()}, block_size=8) == len(order)
    rows = list(read_jsonl(tmp_path / "r" / "results.partial.jsonl"))
    block_of: dict[str, set[str]] = {}
    for r in rows:
        block_of.setdefault(r["id"], set()).add(r["words"]["block"])
    assert all(len(b) == 1 for b in block_of.values())  # one document: one block
    assert block_of["d3"] == block_of["d7"] and set(next(iter(block_of["d3"])).split(",")) >= {"d3", "d7"}
    assert max(len(next(iter(b)).split(",")) for b in block_of.values()) <= 2  # 12 pairs for the shared text alone


class Flaky(FirstWords):
    """FirstWords whose summaries fail (empty, ``meta.error``) while ``broken`` is set, as an API system's do."""

    broken = True

    def generate(self, documents, on_result=None):
        out = []
        for i, d in enumerate(documents):
            p = (Prediction(d.id, self.name, "", {"error": "timeout after 30s"}) if Flaky.broken
                 else Prediction(d.id, self.name, " ".join(d.text.split()[: self.n])))
            out.append(p)
            on_result(i, p)
        return out


def test_failed_generations_are_asked_again_and_rescored_even_after_an_interrupted_session(tmp_path):
    # review: a session that regenerated failed rows and stopped before scoring them left their
    # "generation failed" rows counted as done for every later session
    system = Flaky("api", 3)
    order = [(d.id, "api") for d in DOCS]
    Flaky.broken = True
    with Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True) as run:  # 1: every row fails, scored unscored
        run.generate([system])
        assert run.score(order, {"words": WordCount()}) == len(DOCS)
    Flaky.broken = False
    with Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True) as run:  # 2: asked again, then stops
        assert run.generate([system]) == len(DOCS)
    with Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True) as run:  # 3: scores what changed
        assert run.generate([system]) == 0
        assert run.score(order, {"words": WordCount()}) == len(DOCS)
        run.finalize(order, {"words": WordCount()}, {"api": "first-3"}, resamples=20, seed=1, truncation="200000c")
    rows = list(read_jsonl(tmp_path / "r" / "results.jsonl"))
    assert [r["summary"] for r in rows] == [" ".join(d.text.split()[:3]) for d in DOCS]
    assert all(r["words"]["ratio"] == pytest.approx(0.3) for r in rows)  # 3 of 10 words


SLOW_POOL = """
import os, sys, time
from pathlib import Path
from sumcheck.metric import Metric
from sumcheck.parallel import LocalEngine
from sumcheck.pipeline import Run
from sumcheck.summarize.records import Document, Prediction

class Slow(Metric):
    name = "slow"
    def signature_fields(self):
        return {}
    def score(self, pairs, *, upstream=None):
        with open(os.environ["PIDS"], "a") as fh:
            fh.write(f"{os.getpid()}\\n")
        time.sleep(2.0)
        return [{"n": 1} for _ in pairs]
    def item_values(self, row):
        return {"n": row["n"]}

docs = [Document(f"d{i}", f"text {i}") for i in range(40)]
try:
    with Run(Path(sys.argv[1]), documents=docs, info={"kind": "test"}, quiet=True) as run:
        run.add_predictions([Prediction(d.id, "s", "x") for d in docs])
        print("scoring", flush=True)
        run.score([(d.id, "s") for d in docs], {"slow": Slow()}, engine=LocalEngine(2), block_size=2)
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
"""


def test_a_double_ctrl_c_stops_the_pool_at_once_and_leaves_no_worker(tmp_path):
    # new-user trial, session 5: a second SIGINT during the pool's shutdown (what `timeout -s INT`
    # sends: to the child, then to its group) left the process waiting forever on a worker at exit,
    # and workers could outlive the run. Workers now ignore SIGINT and the driver kills them.
    import os
    import signal
    import subprocess
    import sys
    import time

    pids = tmp_path / "pids"
    # SIGINT back to its default in the child, as a terminal gives it: a shell starts background jobs
    # with SIGINT ignored, which a child inherits (Python then installs no KeyboardInterrupt handler)
    proc = subprocess.Popen([sys.executable, "-c", SLOW_POOL, str(tmp_path / "r")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, env={**os.environ, "PIDS": str(pids)},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stdout.readline().strip() == "scoring"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and len(set((pids.read_text() if pids.exists() else "").split())) < 2:
            time.sleep(0.1)  # both workers are inside a block
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.3)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)  # a block takes 2 s: waiting for the blocks in flight is not needed
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert "interrupted" in out or proc.returncode == -signal.SIGINT, (proc.returncode, err[-2000:])
    assert "Traceback" not in err, err[-2000:]
    time.sleep(0.5)
    for pid in {int(p) for p in pids.read_text().split()}:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        with open(f"/proc/{pid}/stat") as fh:  # a zombie is gone already, only not reaped
            assert fh.read().split()[2] == "Z", f"worker {pid} outlived the run"


def test_one_document_with_two_different_references_is_an_error():
    # new-user trial, session 5: system B was silently scored against system A's reference
    from sumcheck.pipeline import unique_documents
    from sumcheck.summarize.io import InputRow

    def row(refs, line, system):
        return InputRow(document=Document("d1", "The council approved 300 homes.", references=refs, origin=f"f:{line}"),
                        summary="300 homes.", system=system)

    with pytest.raises(InputError, match=r"id 'd1' has two different references \(f:1 and f:2\)"):
        unique_documents([row(("Council approves 300 homes.",), 1, "A"), row(("Totally different words.",), 2, "B")], 10_000)
    # a row without a reference takes the one another row of the document gives, whichever comes first
    (doc,) = unique_documents([row((), 1, "A"), row(("Council approves 300 homes.",), 2, "B")], 10_000)
    assert doc.references == ("Council approves 300 homes.",)
