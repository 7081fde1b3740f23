"""``sumcheck pull``: every model it cannot get is reported (not just the first), and a config's ``hf:`` data
source is fetched into the `datasets` cache through the loader runs use.

Models come from the loopback Hub of tests/hub_helpers.py (fixtures shared with tests/test_hub.py).
The data source is not served by that Hub (emulating the `datasets` download API is out of reach
here): ``datasets.load_dataset`` is replaced by a stand-in that answers like the `datasets` cache
does, with a real Arrow file kept under ``<config>/<version>/<commit>/`` as `datasets` lays it out,
and raises as `datasets` does offline when the dataset was never fetched.
"""

from __future__ import annotations

import re
from pathlib import Path

import datasets
import pytest

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
    assert main(["pull", "--model", REPO, "--revision", "v1"]) == 0
    capsys.readouterr()
    before = len(hub.log)
    cfg = write_config(tmp_path, [ABSENT[0], REPO, ABSENT[1]])
    assert main(["pull", str(cfg), "--offline"]) == 3
    out, err = capsys.readouterr()
    size = human_size(model_bytes(model_folder))
    assert out.strip().splitlines() == [f"{REPO}\t{hub.commit}\t{size}\talready cached"]
    lines = err.strip().splitlines()
    assert len(lines) == 3, err
    for i, (line, repo) in enumerate(zip(lines, [ABSENT[0], ABSENT[1]])):
        index = [0, 2][i]
        assert line.startswith(f"sumcheck: error: {cfg}: systems[{index}] (s{index}).model: {repo}@v1 is not in the local")
        assert f"`sumcheck pull --model {repo} --revision v1`" in line
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
                   f"cache and downloads are off (--offline or HF_HUB_OFFLINE=1): fetch it with `sumcheck pull {cfg}` (same HF_HOME)")
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
