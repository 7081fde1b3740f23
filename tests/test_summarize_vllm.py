"""``type: vllm`` on a machine without vllm or a GPU (this one): the error paths and config checks.

The GPU count is the one thing a CPU machine cannot vary, so two tests replace
``vllm_system.gpu_count`` to stand for a machine with one or two GPUs; everything else is real.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from sumcheck.cli import main
from sumcheck.summarize.spec import SystemSpec
from sumcheck.summarize.systems import vllm_system

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "documents.jsonl"
ADAPTER = TypeAdapter(SystemSpec)


def write(tmp_path: Path, systems: str) -> Path:
    path = tmp_path / "gpu.yaml"
    path.write_text(f"version: 1\nname: gpu\ndata: {{path: {SEEDS}}}\nsystems:\n{systems}\nmetrics: {{rouge: {{}}}}\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_hub(monkeypatch, tmp_path):
    # a hub that refuses connections: resolving any model would fail loudly, so none may be resolved
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))


VLLM = "  - {name: big, type: vllm, model: org/some-model, revision: main, tensor_parallel_size: 2}"


def run_error(tmp_path, capsys, systems: str) -> tuple[int, str]:
    code = main(["run", str(write(tmp_path, systems)), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and not (tmp_path / "run").exists(), err
    return code, err


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="needs torch")
def test_without_a_gpu(tmp_path, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    code, err = run_error(tmp_path, capsys, VLLM)
    assert code == 3 and re.search(r"gpu\.yaml: systems\[0\]\.type \(big\): type: vllm needs a CUDA GPU and torch sees none", err), err


def test_tensor_parallel_size_above_the_gpus_present(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(vllm_system, "gpu_count", lambda: 1)
    code, err = run_error(tmp_path, capsys, VLLM)
    assert code == 2
    assert err.endswith("gpu.yaml: systems[0].tensor_parallel_size (big): tensor_parallel_size: 2 but only 1 GPU(s) are visible"), err


@pytest.mark.skipif(importlib.util.find_spec("vllm") is not None, reason="vllm is installed here")
def test_without_the_vllm_package(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(vllm_system, "gpu_count", lambda: 2)
    code, err = run_error(tmp_path, capsys, VLLM)
    assert code == 3 and "needs the vllm package" in err and "pip install 'sumcheck[vllm]'" in err, err


def test_every_system_is_checked_before_any_model_resolves(tmp_path, capsys, monkeypatch):
    # systems[0] would need the (unreachable) hub; the unset key of systems[1] is reported first
    monkeypatch.delenv("SUMCHECK_UNSET_KEY", raising=False)
    code, err = run_error(tmp_path, capsys, "  - {name: hub, type: causal, model: org/model, revision: main}\n"
                                            "  - {name: api, type: openai, base_url: 'http://127.0.0.1:9/v1', model: m, api_key_env: SUMCHECK_UNSET_KEY}")
    assert code == 2 and "systems[1].api_key_env (api): environment variable SUMCHECK_UNSET_KEY is not set" in err, err


@pytest.mark.parametrize("entry, why", [
    ({"tensor_parallel_size": 0}, "tensor_parallel_size"),
    ({"generation": {"max_new_tokens": 32, "num_beams": 4}}, "num_beams"),
    ({"prompt": "no placeholder"}, "{document}"),
    ({"device": "cpu"}, "device"),
])
def test_spec_rejects(entry, why):
    with pytest.raises(ValidationError, match=re.escape(why)):
        ADAPTER.validate_python({"name": "v", "type": "vllm", "model": "org/m", **entry})


def test_spec_takes_the_causal_prompt_and_generation_settings():
    spec = ADAPTER.validate_python({"name": "v", "type": "vllm", "model": "org/m", "revision": "abc", "tensor_parallel_size": 4,
                                    "system_prompt": "Be brief.", "generation": {"max_new_tokens": 64, "do_sample": True,
                                                                                 "temperature": 0.7, "seed": 3}})
    assert (spec.tensor_parallel_size, spec.generation.max_new_tokens, spec.generation.seed) == (4, 64, 3)
    assert spec.prompt == ADAPTER.validate_python({"name": "c", "type": "causal", "model": "org/m"}).prompt
