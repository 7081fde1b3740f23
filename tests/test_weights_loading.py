"""Weights that did not load are an error naming them (issue 23), for summarizers and checkers alike;
and BARTScore's causal-LM extension computes what it documents.

Tiny random models built offline (tests/summarize_helpers.py). A tensor is removed from the saved
checkpoint by hand, so the expected missing name is known from the construction.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pydantic import TypeAdapter

pytest.importorskip("torch")
pytest.importorskip("transformers")

from sumcheck.summarize.records import Document  # noqa: E402
from sumcheck.summarize.spec import SystemSpec  # noqa: E402
from sumcheck.summarize.systems import build_system  # noqa: E402
from summarize_helpers import build_bart, build_llama, words_text  # noqa: E402


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _drop(folder: Path, name: str) -> None:
    from safetensors.torch import load_file, save_file

    state = load_file(str(folder / "model.safetensors"))
    assert name in state
    save_file({k: v for k, v in state.items() if k != name}, str(folder / "model.safetensors"), metadata={"format": "pt"})


@pytest.mark.parametrize("kind", ["bart", "llama"])
def test_summarizer_refuses_a_checkpoint_missing_weights(kind, tmp_path):
    from sumcheck.summarize.weights import IncompleteWeightsError

    folder = (build_bart if kind == "bart" else build_llama)(tmp_path / kind)
    name = "model.decoder.layers.0.fc1.weight" if kind == "bart" else "model.layers.0.mlp.up_proj.weight"
    _drop(folder, name)
    entry = {"name": f"tiny-{kind}", "type": "seq2seq" if kind == "bart" else "causal", "model": str(folder),
             "device": "cpu", "generation": {"max_new_tokens": 4}}
    if kind == "llama":
        entry["prompt"] = "summarize : {document}"
    system = build_system(TypeAdapter(SystemSpec).validate_python(entry), progress=False, use_cache=False)
    with pytest.raises(IncompleteWeightsError, match=rf"1 missing \({name.replace('.', '[.]')}\)"):
        system.generate([Document("d0", words_text(8, 0))])


def test_summarizer_with_tied_embeddings_loads(tmp_path):
    # BART saves its lm_head once, as model.shared: tied, not missing
    folder = build_bart(tmp_path / "bart")
    entry = {"name": "tiny-bart", "type": "seq2seq", "model": str(folder), "device": "cpu",
             "generation": {"max_new_tokens": 4, "min_new_tokens": 4}}
    system = build_system(TypeAdapter(SystemSpec).validate_python(entry), progress=False, use_cache=False)
    [pred] = system.generate([Document("d0", words_text(8, 0))])
    assert pred.summary


def test_bartscore_causal_extension_is_the_prompted_mean_log_likelihood(tmp_path):
    # the documented extension: mean log P(summary tokens + eos | "{source}\n\nSummary:"), computed here one token
    # at a time (a separate forward pass per position) instead of the checker's single teacher-forced pass
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from sumcheck.faithfulness.checkers import build

    folder = build_llama(tmp_path / "llama", chat=False)
    source, summary = words_text(20, 1), words_text(6, 2)
    checker = build("bartscore", {"model": str(folder)})
    assert checker.method == "bartscore-causal-extension"
    [res] = checker.score([source], [summary])
    tok = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForCausalLM.from_pretrained(str(folder)).eval()
    ids = tok(f"{source}\n\nSummary:", add_special_tokens=False)["input_ids"]
    target = tok(" " + summary, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
    total = 0.0
    with torch.no_grad():
        for t in target:
            logits = model(input_ids=torch.tensor([ids])).logits[0, -1]
            total += float(torch.log_softmax(logits, -1)[t])
            ids = ids + [t]
    assert res.raw == pytest.approx(total / len(target), abs=1e-5)
    assert res.score == pytest.approx(math.exp(res.raw))
