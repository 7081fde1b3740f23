"""``--engine ray`` against a real local Ray instance (started here on 127.0.0.1, shut down after).

* the Ray engine gives the local engine's rows and scores on FRANK validation pairs with every metric;
* an actor that dies mid-block is restarted and the block retried: every row exactly once;
* a run that fails part-way resumes and scores only the missing pairs;
* without Ray installed, ``--engine ray`` is a one-line error saying how to install it.

``SUMCHECK_RAY_ROWS`` sets the number of FRANK rows of the equality test (CI: 24; the 200-row run is
reported in bench/RESULTS.md).
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sumcheck.metric import Metric, Setting
from sumcheck.parallel import LocalEngine, make_engine
from sumcheck.pipeline import Run, build_metrics
from sumcheck.runfolder import read_jsonl
from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.records import Document, Prediction

FRANK = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "frank_val.jsonl"


def _ray_missing():
    import importlib.util

    return importlib.util.find_spec("ray") is None


needs_ray = pytest.mark.skipif(_ray_missing(), reason="the ray extra is not installed (pip install 'sumcheck[ray]')")


@pytest.fixture(scope="module")
def ray_local():
    import ray
    from ray import cloudpickle

    # the test metrics below are shipped to the actors by value (this module is not importable there)
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", object_store_memory=200 * 2**20,
             log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


class Length(Metric):
    """Summary length in characters; ``die_once`` (a path) makes the first actor to score a block
    containing document ``d7`` exit abruptly, once (the marker file remembers)."""

    name = "length"
    settings_spec = (Setting("die_once", None, "test: a marker file; the first actor on d7 exits once", kind="path"),
                     Setting("fail_on", None, "test: a document id whose block raises"),
                     Setting("refuse_on", None, "test: a document id whose block raises a ConfigError (a user mistake)"))

    def signature_fields(self):
        return {"unit": "chars"}

    def score(self, pairs, *, upstream=None):
        marker = self.settings.get("die_once")
        if marker and any(p.document.id == "d7" for p in pairs) and not os.path.exists(marker):
            Path(marker).write_text(str(os.getpid()))
            os._exit(1)  # a worker process dying mid-block
        if self.settings.get("fail_on") and any(p.document.id == self.settings["fail_on"] for p in pairs):
            raise RuntimeError("scoring failed on this block")
        if self.settings.get("refuse_on") and any(p.document.id == self.settings["refuse_on"] for p in pairs):
            raise ConfigError("length: this checkpoint's labels cannot be read")
        return [{"chars": len(p.prediction.summary), "pid": os.getpid()} for p in pairs]

    def item_values(self, row):
        return {"chars": row.get("chars")}


DOCS = [Document(f"d{i}", f"word {i} " * 5) for i in range(30)]
PREDS = [Prediction(d.id, "s", d.text[: 3 + i % 11]) for i, d in enumerate(DOCS)]
ORDER = [(d.id, "s") for d in DOCS]


@needs_ray
def test_an_actor_killed_mid_block_is_retried_and_every_row_is_written_once(tmp_path, ray_local):
    marker = tmp_path / "died"
    metric = Length({"die_once": str(marker)})
    engine = make_engine("ray", workers=2)
    with Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True, engine=engine.describe()) as run:
        run.add_predictions(PREDS)
        assert run.score(ORDER, {"length": metric}, engine=engine, block_size=4) == len(DOCS)
        run.finalize(ORDER, {"length": metric}, {}, resamples=10, seed=1, truncation="200000c")
    assert marker.exists()  # a worker really died
    dead_pid = int(marker.read_text())
    partial = list(read_jsonl(tmp_path / "r" / "results.partial.jsonl"))
    assert sorted((r["id"], r["system"]) for r in partial) == sorted(ORDER)  # nothing lost, nothing doubled
    rows = list(read_jsonl(tmp_path / "r" / "results.jsonl"))
    assert [(r["id"], r["system"]) for r in rows] == ORDER
    assert [r["length"]["chars"] for r in rows] == [len(p.summary) for p in PREDS]
    redone = next(r for r in rows if r["id"] == "d7")["length"]["pid"]
    assert redone != dead_pid  # the block the dead worker held was scored again by a restarted one
    assert os.getpid() not in {r["length"]["pid"] for r in rows}
    scores = json.loads((tmp_path / "r" / "scores.json").read_text())
    assert scores["engine"]["engine"] == "ray"


@needs_ray
def test_a_failed_ray_run_resumes_scoring_only_the_missing_pairs(tmp_path, ray_local):
    engine = make_engine("ray", workers=2)
    out = tmp_path / "r"
    run = Run(out, documents=DOCS, info={"kind": "test"}, quiet=True, engine=engine.describe())
    run.add_predictions(PREDS)
    with pytest.raises(Exception, match="scoring failed on this block"):
        run.score(ORDER, {"length": Length({"fail_on": "d29"})}, engine=engine, block_size=4)
    run.close()
    kept = {(r["id"], r["system"]) for r in read_jsonl(out / "results.partial.jsonl")}
    assert ("d29", "s") not in kept
    with Run(out, documents=DOCS, info={"kind": "test"}, quiet=True, engine=engine.describe()) as again:
        assert again.score(ORDER, {"length": Length()}, engine=engine, block_size=4) == len(DOCS) - len(kept)
        again.finalize(ORDER, {"length": Length()}, {}, resamples=10, seed=1, truncation="200000c")
    rows = list(read_jsonl(out / "results.jsonl"))
    assert [(r["id"], r["system"]) for r in rows] == ORDER


@needs_ray
def test_a_user_mistake_raised_on_an_actor_reaches_the_driver_as_itself(tmp_path, ray_local):
    # trial: a checker's unmappable labels under --engine ray were "internal error: RayTaskError(...)" + 40 lines
    engine = make_engine("ray", workers=1)
    with Run(tmp_path / "r", documents=DOCS, info={"kind": "test"}, quiet=True, engine=engine.describe()) as run:
        run.add_predictions(PREDS)
        with pytest.raises(ConfigError) as info:
            run.score(ORDER, {"length": Length({"refuse_on": "d3"})}, engine=engine, block_size=4)
    assert type(info.value) is ConfigError and str(info.value) == "length: this checkpoint's labels cannot be read"


@needs_ray
@pytest.mark.slow
@pytest.mark.skipif(not FRANK.exists(), reason="the shared validation cuts are not on this machine")
def test_ray_and_local_engines_give_the_same_rows_and_scores_with_every_metric(tmp_path, ray_local):
    """Both sides use one math thread per process (two actors on two CPUs; the local reference pinned
    to one thread), so the bfloat16 encoder's products are the same and rows are byte-identical."""
    import torch

    n = int(os.environ.get("SUMCHECK_RAY_ROWS", "24"))
    rows = [json.loads(line) for line in FRANK.read_text(encoding="utf-8").splitlines()[:n]]
    docs, ids = [], {}
    for r in rows:
        if r["document"] not in ids:
            ids[r["document"]] = f"f{len(ids)}"
            docs.append(Document(ids[r["document"]], r["document"]))
    preds = [Prediction(ids[r["document"]], r["model_name"], r["summary"]) for r in rows]
    order = [(p.doc_id, p.system) for p in preds]
    assert len(set(order)) == len(order)

    def score(name, engine):
        metrics = build_metrics({"factcheck": {}, "rouge": {}, "faithfulness": {}})
        with Run(tmp_path / name, documents=docs, info={"kind": "test"}, quiet=True, engine=engine.describe()) as run:
            run.add_predictions(preds)
            run.score(order, metrics, engine=engine, block_size=8)
            run.finalize(order, metrics, {}, resamples=100, seed=1, truncation="200000c")
        return (tmp_path / name / "results.jsonl").read_text(), json.loads((tmp_path / name / "scores.json").read_text())

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        local, local_scores = score("local", LocalEngine(1))
    finally:
        torch.set_num_threads(before)
    on_ray, ray_scores = score("ray", make_engine("ray", workers=2))
    assert on_ray == local
    assert ray_scores["engine"]["engine"] == "ray" and local_scores["engine"]["engine"] == "local"
    assert {k: v for k, v in ray_scores.items() if k != "engine"} == {k: v for k, v in local_scores.items() if k != "engine"}
    assert all(json.loads(line)["faithfulness"].get("score") is not None for line in local.splitlines()[:3])


BLOCK_RAY = textwrap.dedent("""
    import sys

    class NoRay:
        def find_spec(self, name, path=None, target=None):
            if name == "ray" or name.startswith("ray."):
                raise ModuleNotFoundError("No module named 'ray'")
            return None

    sys.meta_path.insert(0, NoRay())
    for name in [m for m in sys.modules if m == "ray" or m.startswith("ray.")]:
        del sys.modules[name]
    from sumcheck.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def test_engine_ray_without_ray_is_a_one_line_error_saying_how_to_install(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "document": "The cat sat on the mat.", "summary": "A cat sat."}) + "\n")
    done = subprocess.run([sys.executable, "-c", BLOCK_RAY, "score", str(data), "--out", str(tmp_path / "run"),
                           "--metrics", "rouge", "--engine", "ray", "--no-report"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'sumcheck[ray]'" in lines[0], done.stderr
    assert not (tmp_path / "run").exists()  # refused before anything was written


@needs_ray
def test_sumcheck_run_generates_on_ray_actors_with_the_local_results(tmp_path, ray_local):
    from sumcheck.config import RunConfig
    from sumcheck.jobs import run_config

    data = tmp_path / "docs.jsonl"
    data.write_text("".join(json.dumps({"id": f"n{i}", "document": f"Story {i} opens here. It has {i} parts. Then it ends. Really.",
                                        "reference": f"Story {i} has {i} parts."}) + "\n" for i in range(1, 13)))
    config = RunConfig.model_validate({"version": 1, "name": "t", "data": {"path": str(data)},
                                       "systems": [{"type": "lead", "name": "lead2", "k": 2}], "metrics": {"rouge": {}},
                                       "statistics": {"resamples": 50}, "report": False, "engine": "ray"})
    on_ray = run_config(config, out=tmp_path / "ray", quiet=True, workers=2)
    local = run_config(config, out=tmp_path / "local", quiet=True, engine="local", workers=1)
    assert on_ray.generated == local.generated == 12
    ray_rows = (tmp_path / "ray" / "results.jsonl").read_text()
    assert ray_rows == (tmp_path / "local" / "results.jsonl").read_text()
    assert json.loads(ray_rows.splitlines()[0])["summary"] == "Story 1 opens here. It has 1 parts."
    run_json = json.loads((tmp_path / "ray" / "run.json").read_text())
    assert run_json["engine"]["engine"] == "ray" and "generate:lead2" in run_json["timings"]
    # the engine is not part of the run's identity: the local command resumes the Ray run (nothing to redo)
    again = run_config(config, out=tmp_path / "ray", quiet=True, engine="local", workers=1)
    assert again.generated == 0 and again.scored == 0


def test_an_unreachable_ray_address_is_a_prompt_one_line_error(tmp_path):
    # regression (new-user trial): `--ray-address 127.0.0.1:1` hung in Ray's connection retries
    import socket
    import time

    pytest.importorskip("ray")
    from sumcheck.engine_ray import check_reachable
    from sumcheck.parallel import EngineNotAvailableError

    with socket.socket() as s:  # a port nothing listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(EngineNotAvailableError, match=f"nothing answers at 127.0.0.1:{port}"):
            check_reachable(f"127.0.0.1:{port}")
        with pytest.raises(EngineNotAvailableError):
            check_reachable(f"ray://127.0.0.1:{port}")
    assert time.monotonic() - started < 10


@needs_ray
def test_ray_address_auto_without_a_running_instance_is_one_line(monkeypatch):
    # trial: `--ray-address auto` with no cluster was "internal error: ConnectionError: Could not find any running
    # Ray instance". Ray's own answer is simulated (another test's cluster may be running in this process's machine).
    import ray

    from sumcheck.engine_ray import RayEngine
    from sumcheck.parallel import EngineNotAvailableError

    def no_cluster(*args, **kwargs):
        raise ConnectionError("Could not find any running Ray instance. Please specify the one to connect to.")

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", no_cluster)
    with pytest.raises(EngineNotAvailableError, match=r"--ray-address auto: no running Ray instance found .*ray start --head"):
        RayEngine(workers=1, address="auto").connect()


def test_an_error_that_does_not_pickle_travels_as_its_base_class():
    # review: an error class whose constructor takes more than the message could not be raised at the driver
    import pickle

    from sumcheck.engine_ray import _portable
    from sumcheck.summarize.errors import ModelNotAvailableError

    class Unpicklable(ModelNotAvailableError):
        def __init__(self, key, message):
            super().__init__(f"{key}: {message}")

    back = pickle.loads(bytes.fromhex(_portable(Unpicklable("model", "not on this node"))))
    assert type(back) is ModelNotAvailableError and str(back) == "model: not on this node"  # exit 3 kept
    plain = pickle.loads(bytes.fromhex(_portable(ConfigError("labels"))))
    assert type(plain) is ConfigError and str(plain) == "labels"
