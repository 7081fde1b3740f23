"""``sumcheck pull``: every model it cannot get is reported (not just the first), and a config's ``hf:`` data
source is fetched into the `datasets` cache through the loader runs use.

Models come from the loopback Hub of tests/hub_helpers.py (fixtures shared with tests/test_hub.py).
The data source is downloaded for real by `datasets` from a loopback server answering the dataset half
of the Hub API (``_DatasetsHandler`` below), in fresh processes since `datasets` reads HF_ENDPOINT and
the offline switch at import. A second, in-process test replaces ``datasets.load_dataset`` with a
stand-in laid out like the `datasets` cache (an Arrow file under ``<config>/<version>/<commit>/``) to
check the arguments the ``hf:NAME:CONFIG@REVISION`` spec becomes and the offline message.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import datasets
import pytest

from hub_helpers import FakeHub, _Handler, git_blob_id
from sumcheck.cli import main
from sumcheck.summarize.hub import human_size
from test_hub import REPO, SEEDS, hub, model_bytes, model_folder  # noqa: F401 - fixtures

ABSENT = ("sumcheck-test/absent-a", "sumcheck-test/absent-b")
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def write_config(tmp_path: Path, models: list[str], data: str | None = None) -> Path:
    systems = "".join(f"""
  - name: s{i}
    type: causal
    model: {m}
    revision: v1
    device: cpu
    max_input_tokens: 16
    generation: {{max_new_tokens: 4}}""" for i, m in enumerate(models))
    systems = systems or """
  - name: lead1
    type: lead
    k: 1"""
    path = tmp_path / "pull.yaml"
    path.write_text(f"""version: 1
name: pull-test
data: {data or f"{{path: {SEEDS}, limit: 2}}"}
systems:{systems}
metrics: {{rouge: {{}}}}
statistics: {{resamples: 20}}
report: false
""", encoding="utf-8")
    return path


def test_offline_pull_reports_every_missing_model_and_prints_the_cached_one(hub, model_folder, tmp_path, capsys):
    assert main(["pull", "--model", REPO, "--revision", "v1", "-q"]) == 0
    capsys.readouterr()
    before = len(hub.log)
    cfg = write_config(tmp_path, [ABSENT[0], REPO, ABSENT[1]])
    assert main(["pull", str(cfg), "--offline"]) == 3
    out, err = capsys.readouterr()
    size = human_size(model_bytes(model_folder))
    assert out.strip().splitlines() == [f"{REPO}\t{hub.commit}\t{size}\talready cached"]
    lines = re.findall(r"sumcheck: error: [^\n]*", err)  # after any progress bar the first pull left
    assert len(lines) == 3, err
    for i, (line, repo) in enumerate(zip(lines, [ABSENT[0], ABSENT[1]])):
        index = [0, 2][i]
        assert line.startswith(f"sumcheck: error: {cfg}: systems[{index}] (s{index}).model: {repo}@v1 is not in the local")
        assert f"`sumcheck pull --model {repo} --revision v1`" in line
        assert line.endswith("`sumcheck pull` itself downloads only without --offline and with HF_HUB_OFFLINE unset")
    assert lines[2] == "sumcheck: error: 2 of 3 could not be fetched; fix or fetch each of the above"
    assert len(hub.log) == before  # offline: not one request


def test_online_pull_tries_every_model_and_reports_each_failure(hub, model_folder, tmp_path, capsys):
    cfg = write_config(tmp_path, [ABSENT[0], ABSENT[1], REPO])
    assert main(["pull", str(cfg)]) == 3
    out, err = capsys.readouterr()
    size = human_size(model_bytes(model_folder))
    assert out.strip().splitlines() == [f"{REPO}\t{hub.commit}\t{size}\tdownloaded {size}"]  # tried after two failures
    lines = re.findall(r"sumcheck: error: [^\n]*", err)  # after the progress bars
    assert [bool(re.match(rf"sumcheck: error: \S+: systems\[{i}\] \(s{i}\)\.model: {re.escape(ABSENT[i])} does not exist on http://127\.0\.0\.1:\d+", ln))
            for i, ln in enumerate(lines[:2])] == [True, True], err
    assert len(lines) == 3 and lines[2].startswith("sumcheck: error: 2 of 3 ")
    assert len(hub.downloads()) == len(list(model_folder.iterdir()))


class FakeDatasetsCache:
    """Stands in for ``datasets.load_dataset``: answers from a real Arrow file laid out like the `datasets`
    cache (``<name>/<config>/<version>/<commit>/``) once "downloaded"; offline before that it raises the
    ConnectionError `datasets` raises."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.calls: list[tuple] = []
        self.cached = False

    def __call__(self, name, config=None, *, split=None, revision=None, **kwargs):  # noqa: ANN001
        import os

        self.calls.append((name, config, split, revision, os.environ.get("HF_DATASETS_OFFLINE")))
        folder = self.root / name.replace("/", "___") / (config or "default") / "0.0.0" / COMMIT
        if not self.cached:
            if os.environ.get("HF_DATASETS_OFFLINE") == "1":
                raise ConnectionError(f"Couldn't reach '{name}' on the Hub (offline mode is enabled).")
            folder.mkdir(parents=True)
            datasets.Dataset.from_dict({"id": ["a", "b", "c"], "document": ["One.", "Two.", "Three."],
                                        "summary": ["1", "2", "3"]}).save_to_disk(str(folder / "tmp"))
            self.cached = True
        arrow = next((folder / "tmp").glob("*.arrow"))
        return datasets.Dataset.from_file(str(arrow))


@pytest.fixture()
def fake_datasets(tmp_path, monkeypatch):
    fake = FakeDatasetsCache(tmp_path / "datasets-cache")
    monkeypatch.setattr(datasets, "load_dataset", fake)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return fake


def test_pull_fetches_the_hf_data_source_through_the_loader_runs_use(fake_datasets, tmp_path, capsys, monkeypatch):
    cfg = write_config(tmp_path, [], data="{path: 'hf:org/news:cnn@v2', split: test, limit: 2}")
    assert main(["pull", str(cfg), "--offline"]) == 3  # never fetched: the one-line fetch command
    err = capsys.readouterr().err.strip()
    assert err == (f"sumcheck: error: {cfg}: data.path: hf:org/news:cnn@v2 (split test) is not in the local `datasets` "
                   f"cache and downloads are off (--offline or HF_HUB_OFFLINE=1): fetch it with `sumcheck pull {cfg}` (same HF_HOME); "
                   "`sumcheck pull` itself downloads only without --offline and with HF_HUB_OFFLINE unset")
    monkeypatch.delenv("HF_DATASETS_OFFLINE")  # the offline pull set them for the process
    monkeypatch.delenv("HF_HUB_OFFLINE")

    assert main(["pull", str(cfg)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    arrow = next(tmp_path.glob("datasets-cache/**/*.arrow"))
    assert out[0] == f"hf:org/news:cnn@v2\t{COMMIT}\t{human_size(arrow.stat().st_size)}\tsplit test, 3 rows"
    assert fake_datasets.calls[-1] == ("org/news", "cnn", "test", "v2", None)

    # what the pull fetched is what an offline run loads (same loader, same arguments)
    assert main(["run", str(cfg), "--offline", "--out", str(tmp_path / "run"), "-q"]) == 0
    assert fake_datasets.calls[-1] == ("org/news", "cnn", "test", "v2", "1")
    assert (tmp_path / "run" / "run.json").exists()


def test_pull_checks_a_local_data_path_exists(tmp_path, capsys):
    cfg = write_config(tmp_path, [], data=f"{{path: {tmp_path / 'nowhere.jsonl'}}}")
    assert main(["pull", str(cfg)]) == 2
    assert capsys.readouterr().err.strip() == f"sumcheck: error: {cfg}: data.path: {tmp_path / 'nowhere.jsonl'}: no such file or folder"


# ---- the real `datasets` download, through a loopback Hub --------------------------------------------

class _DatasetsHandler(_Handler):
    """The dataset half of the Hub API that ``datasets.load_dataset`` uses for a repo of data files (read
    from datasets 5.2's ``load.py`` and huggingface_hub's ``HfFileSystem``): ``/api/datasets/{repo}/revision/{rev}``
    (``sha`` = the commit), ``/api/datasets/{repo}/tree/{rev}[/{folder}]`` and
    ``HEAD``/``GET /datasets/{repo}/resolve/{rev}/{path}``. Repos are published as ``datasets/{repo}``."""

    def _handle(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        with self.server.lock:
            self.server.log.append(("HEAD" if head else "GET", path))
        parts = path.strip("/").split("/")
        if parts[:2] == ["api", "datasets"] and len(parts) >= 6 and parts[4] in ("revision", "tree"):
            found = self._lookup(f"datasets/{parts[2]}/{parts[3]}", parts[5])
            if isinstance(found, str):
                return self._not_found(found, head)
            commit, files = found
            if parts[4] == "revision":
                body: Any = {"id": f"{parts[2]}/{parts[3]}", "sha": commit, "private": False, "disabled": False,
                             "gated": False, "siblings": [{"rfilename": n} for n in files], "cardData": {}, "tags": []}
            else:
                folder = "/".join(parts[6:])
                body = [{"type": "file", "path": n, "size": len(d), "oid": git_blob_id(d)} for n, d in files.items()
                        if not folder or n.startswith(folder + "/")]
            return self._reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"}, head=head)
        if parts[0] == "datasets" and len(parts) >= 6 and parts[3] == "resolve":
            found = self._lookup(f"datasets/{parts[1]}/{parts[2]}", parts[4])
            name = "/".join(parts[5:])
            if isinstance(found, str) or name not in found[1]:
                return self._not_found(found if isinstance(found, str) else "EntryNotFound", head)
            commit, files = found
            return self._reply(200, files[name], {"X-Repo-Commit": commit, "ETag": f'"{git_blob_id(files[name])}"',
                                                  "Content-Type": "application/octet-stream"}, head=head)
        return self._reply(404, b"{}", {"Content-Type": "application/json"}, head=head)


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    # a fresh process: `datasets` reads HF_ENDPOINT and HF_HUB_OFFLINE when it is imported
    return subprocess.run([sys.executable, "-m", "sumcheck.cli", *args], env=env, capture_output=True, text=True, timeout=300)


def test_pull_downloads_the_hf_data_source_and_an_offline_run_then_loads_it(tmp_path):
    docs = tmp_path / "repo"
    docs.mkdir()
    (docs / "test.jsonl").write_text("".join(json.dumps({"id": f"d{i}", "document": f"Document {i} has {i} words.",
                                                         "reference": f"Document {i} has {i} words."}) + "\n" for i in range(3)))
    server = FakeHub()
    server.RequestHandlerClass = _DatasetsHandler
    with server:
        commit = server.add_repo("datasets/sumcheck-test/news", docs, refs=("main", "v2"))
        cfg = write_config(tmp_path, [], data="{path: 'hf:sumcheck-test/news@v2', split: test}")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
        env.update(HF_ENDPOINT=server.endpoint, HF_HOME=str(tmp_path / "hf-home"), SUMCHECK_CACHE_DIR=str(tmp_path / "sc"))

        missing = _cli(["pull", str(cfg), "--offline"], env)
        assert missing.returncode == 3 and f"fetch it with `sumcheck pull {cfg}`" in missing.stderr and not server.log

        pulled = _cli(["pull", str(cfg), "-q"], env)
        assert pulled.returncode == 0, pulled.stderr
        arrow = next((tmp_path / "hf-home").glob(f"datasets/**/{commit}/*.arrow"))
        assert pulled.stdout.splitlines()[0] == f"hf:sumcheck-test/news@v2\t{commit}\t{human_size(arrow.stat().st_size)}\tsplit test, 3 rows"
        assert [p for m, p in server.log if m == "GET" and "/resolve/" in p] == [f"/datasets/sumcheck-test/news/resolve/{commit}/test.jsonl"]
        requests = len(server.log)

        again = _cli(["pull", str(cfg), "--offline"], env)
        assert again.returncode == 0 and again.stdout == pulled.stdout, again.stderr
        ran = _cli(["run", str(cfg), "--offline", "--out", str(tmp_path / "run"), "-q"], env)
        assert ran.returncode == 0, ran.stderr
        assert len(server.log) == requests  # offline: not one request
    rows = [json.loads(line) for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert sorted(r["id"] for r in rows) == ["d0", "d1", "d2"]
    assert [r["values"]["rouge1"] for r in rows] == [1.0] * 3  # lead-1 of a one-sentence document is its reference


# -- issue 23: what a faithfulness checkpoint names by hub id is fetched with it ----------------------------------
KIT = Path(__file__).resolve().parents[1].parent / "shared" / "parity"


@pytest.mark.skipif(not (KIT / "models").is_dir(), reason="../shared/parity is absent")
@pytest.mark.parametrize("backend, model, needed", [
    ("alignscore", "AlignScore-tiny.ckpt", "parity-tiny/roberta-base"),  # hyper_parameters["model"] of the .ckpt
    ("hhem", "hhem", "parity-tiny/flan-t5-base"),  # config.json "foundation": Flan-T5's tokenizer and config
])
def test_pull_fetches_what_a_checker_checkpoint_names(backend, model, needed, tmp_path, capsys, monkeypatch):
    cfg = tmp_path / "pull.yaml"
    cfg.write_text(f"""version: 1
name: pull-checker
data: {{path: {SEEDS}, limit: 2}}
systems:
  - {{name: lead1, type: lead, k: 1}}
metrics: {{faithfulness: {{backend: {backend}, model: {KIT / "models" / model}}}}}
report: false
""", encoding="utf-8")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    assert main(["pull", str(cfg), "--offline"]) == 3
    err = capsys.readouterr().err
    assert f"metrics.faithfulness ({'AlignScore backbone' if backend == 'alignscore' else 'HHEM foundation'}).model: {needed}" in err
    monkeypatch.setenv("HF_HUB_CACHE", str(KIT / "models" / "hub"))
    assert main(["pull", str(cfg), "--offline"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and out[1].startswith(f"{needed}\t") and out[1].endswith("already cached")
