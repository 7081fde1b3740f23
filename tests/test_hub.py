"""Hub models download on first use, through a loopback server that answers the Hub's HTTP API.

tests/hub_helpers.py publishes a tiny Llama (built here) as ``sumcheck-test/tiny-llama`` with refs
``main`` and ``v1``; ``HF_ENDPOINT`` points at it and ``HF_HUB_CACHE`` at an empty folder. Expected
commits and sizes come from the server's side (what it published), not from sumcheck's output.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from hub_helpers import FakeHub
from summarize_helpers import build_llama
from sumcheck.cli import main
from sumcheck.summarize.errors import ModelNotAvailableError
from sumcheck.summarize.hub import RevisionNotFoundError, human_size, resolve_model

REPO = "sumcheck-test/tiny-llama"
SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "documents.jsonl"
# published next to the model and never fetched: another framework's weights, and .bin beside .safetensors
SKIPPED = {"tf_model.h5": b"h5" * 500, "pytorch_model.bin": b"pt" * 500, "onnx/model.onnx": b"ox" * 500}


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory) -> Path:
    return build_llama(tmp_path_factory.mktemp("tiny") / "llama")


@pytest.fixture()
def hub(model_folder, tmp_path, monkeypatch):
    with FakeHub() as server:
        server.commit = server.add_repo(REPO, model_folder, refs=("main", "v1"), extra=SKIPPED)
        monkeypatch.setenv("HF_ENDPOINT", server.endpoint)
        monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
        monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "sumcheck-cache"))
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
        yield server


def model_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def test_first_use_downloads_resolves_the_commit_and_skips_what_transformers_never_reads(hub, model_folder, caplog):
    caplog.set_level(logging.INFO, logger="sumcheck.summarize.hub")
    resolved = resolve_model(REPO, revision="v1", progress=False)
    assert resolved.commit == hub.commit and resolved.identity == f"{REPO}@{hub.commit}" and resolved.pinned
    assert resolved.path.name == hub.commit
    assert sorted(p.name for p in resolved.path.iterdir()) == sorted(p.name for p in model_folder.iterdir())
    assert resolved.size_bytes == resolved.downloaded_bytes == model_bytes(model_folder)
    fetched = {p.rsplit("/", 1)[-1] for p in hub.downloads()}
    assert fetched == {p.name for p in model_folder.iterdir()}  # nothing of SKIPPED
    line = [r.getMessage() for r in caplog.records if "downloading" in r.getMessage()]
    assert len(line) == 1 and REPO in line[0] and "revision v1" in line[0] and hub.commit in line[0]
    assert human_size(model_bytes(model_folder)) in line[0]

    again = resolve_model(REPO, revision="v1", progress=False)
    assert again.path == resolved.path and again.downloaded_bytes == 0
    assert len(hub.downloads()) == len(fetched)  # second use: nothing fetched


def test_offline_uses_the_cache_and_never_calls_the_hub(hub):
    resolve_model(REPO, revision="v1", progress=False)
    calls = len(hub.log)
    assert resolve_model(REPO, revision="v1", offline=True).commit == hub.commit
    assert resolve_model(REPO, revision=hub.commit, offline=True).commit == hub.commit
    assert len(hub.log) == calls
    assert resolve_model(REPO, revision=hub.commit).commit == hub.commit  # online, but a pinned commit is cached
    assert len(hub.log) == calls


def test_offline_and_missing_says_how_to_fetch_it(hub, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailableError) as info:
        resolve_model(REPO, revision="v1")
    assert f"`sumcheck pull --model {REPO} --revision v1`" in str(info.value) and "\n" not in str(info.value)
    assert hub.log == []


def test_revision_that_does_not_exist(hub):
    with pytest.raises(RevisionNotFoundError, match="revision 'v9' of sumcheck-test/tiny-llama does not exist"):
        resolve_model(REPO, revision="v9")
    with pytest.raises(ModelNotAvailableError, match="sumcheck-test/nothing does not exist"):
        resolve_model("sumcheck-test/nothing", revision="v1")


def test_unpinned_model_runs_with_a_warning(hub, caplog):
    caplog.set_level(logging.WARNING, logger="sumcheck.summarize.hub")
    resolved = resolve_model(REPO, progress=False)
    assert resolved.commit == hub.commit and resolved.pinned is False and resolved.revision == "main"
    assert any("no `revision:`" in r.getMessage() and REPO in r.getMessage() for r in caplog.records)


# ---- through the command line ------------------------------------------------------------------------

def config(tmp_path: Path, revision: str | None = "v1", name: str = "hub.yaml") -> Path:
    rev = f"\n    revision: {revision}" if revision else ""
    path = tmp_path / name
    path.write_text(f"""version: 1
name: hub-test
data: {{path: {SEEDS}, limit: 2}}
systems:
  - name: tiny
    type: causal
    model: {REPO}{rev}
    device: cpu
    max_input_tokens: 16
    generation: {{max_new_tokens: 4}}
metrics: {{rouge: {{}}}}
statistics: {{resamples: 20}}
report: false
""", encoding="utf-8")
    return path


def test_pull_then_run_offline_records_the_commit(hub, model_folder, tmp_path, capsys):
    cfg = config(tmp_path)
    assert main(["pull", str(cfg)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{REPO}\t{hub.commit}\t{human_size(model_bytes(model_folder))}\tdownloaded {human_size(model_bytes(model_folder))}"]
    assert main(["pull", str(cfg)]) == 0
    assert capsys.readouterr().out.strip().endswith("already cached")
    fetched = len(hub.downloads())

    assert main(["run", str(cfg), "--out", str(tmp_path / "run"), "--offline", "-q"]) == 0
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run["model_sources"]["tiny"] == {"model": REPO, "identity": f"{REPO}@{hub.commit}", "revision": "v1",
                                            "commit": hub.commit, "pinned": True, "size_bytes": model_bytes(model_folder)}
    assert run["models"]["tiny"].startswith(f"{REPO}@{hub.commit}|causal|")
    assert len(hub.downloads()) == fetched  # the offline run fetched nothing


def test_run_downloads_on_first_use(hub, tmp_path, capsys):
    assert main(["run", str(config(tmp_path, revision=None)), "--out", str(tmp_path / "run"), "-q"]) == 0
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run["model_sources"]["tiny"]["commit"] == hub.commit and run["model_sources"]["tiny"]["pinned"] is False
    assert hub.downloads()


def test_cli_offline_missing_model_is_one_line_with_the_fetch_command(hub, tmp_path, capsys):
    assert main(["run", str(config(tmp_path)), "--out", str(tmp_path / "run"), "--offline"]) == 3
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and re.search(r"hub\.yaml: systems\[0\]\.model \(tiny\): .*`sumcheck pull --model sumcheck-test/tiny-llama --revision v1`", err), err
    assert hub.log == [] and not (tmp_path / "run").exists()


def test_cli_revision_that_does_not_exist_names_file_and_key(hub, tmp_path, capsys):
    assert main(["run", str(config(tmp_path, revision="v9")), "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err.strip()
    assert re.fullmatch(r"sumcheck: error: \S*hub\.yaml: systems\[0\]\.revision \(tiny\): revision 'v9' of sumcheck-test/tiny-llama does not exist on http://127\.0\.0\.1:\d+", err), err
    assert not hub.downloads()
    assert main(["pull", str(config(tmp_path, revision="v9"))]) == 2


def test_a_local_folders_identity_covers_its_model_code(tmp_path):
    # trial: editing a checkpoint's own modeling_*.py changed its scores but not the signature's ckpt digest
    from sumcheck.summarize.systems.resolve import resolve_local

    folder = tmp_path / "ckpt"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "x"}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"weights")
    (folder / "modeling_x.py").write_text("SCALE = 1\n", encoding="utf-8")
    before = resolve_local(str(folder)).identity
    (folder / "modeling_x.py").write_text("SCALE = 2\n", encoding="utf-8")
    assert resolve_local(str(folder)).identity != before
