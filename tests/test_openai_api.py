"""``type: openai`` against a loopback server that injects faults (tests/openai_helpers.py).

Expected values come from the server's side: how many requests it saw, when, with which header,
and the token counts it reported; never from what sumcheck printed.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from openai_helpers import SLOW_SECONDS, FaultServer, summary_for
from sumcheck.cli import main
from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.openai_client import ChatRequest, OpenAIClient, TextRequest
from sumcheck.summarize.records import Document
from sumcheck.summarize.spec import OpenAISpec
from sumcheck.summarize.systems import build_system

pytest.importorskip("openai")

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "documents.jsonl"
SECRET = "sk-test-4f1c9a7e-never-write-me"


@pytest.fixture()
def server():
    with FaultServer() as srv:
        yield srv


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))


def ask(model: str, text: str = "one two three four five six seven") -> ChatRequest:
    return ChatRequest(model=model, messages=({"role": "user", "content": text},), max_tokens=8)


# ---- the client against each fault ---------------------------------------------------------------

def test_429_waits_for_retry_after_then_succeeds(server):
    client = OpenAIClient(base_url=server.base_url, max_retries=2, timeout=5)
    result = client.complete(ask("rate-limited"))
    assert result.ok and result.text == "one two three four five" and result.attempts == 2
    first, second = [r["t"] for r in server.requests]
    assert 0.95 <= second - first < 3.0  # the server said Retry-After: 1; the default backoff would be <= 0.5 s


def test_500_then_200_is_retried(server):
    result = OpenAIClient(base_url=server.base_url, max_retries=2, timeout=5).complete(ask("flaky"))
    assert result.ok and result.attempts == 2 and server.count("flaky") == 2


def test_body_that_is_not_json_is_unscored_after_the_last_retry(server):
    result = OpenAIClient(base_url=server.base_url, max_retries=2, timeout=5).complete(ask("garbage"))
    assert not result.ok and result.text is None
    assert result.error.startswith("malformed response") and "not JSON" in result.error
    assert server.count("garbage") == 3 == result.attempts  # first try + 2 retries


def test_response_slower_than_the_timeout(server):
    result = OpenAIClient(base_url=server.base_url, max_retries=1, timeout=0.5).complete(ask("slow"))
    assert result.error == "timeout after 0.5s" and server.count("slow") == 2
    assert result.latency_s < SLOW_SECONDS  # gave up on the slow answers rather than waiting for them


def test_dropped_connection(server):
    result = OpenAIClient(base_url=server.base_url, max_retries=1, timeout=5).complete(ask("drop"))
    assert result.error.startswith("connection error") and server.count("drop") == 2


def test_no_retry_when_retries_are_off(server):
    result = OpenAIClient(base_url=server.base_url, max_retries=0, timeout=5).complete(ask("flaky"))
    assert result.error.startswith("http 500") and server.count("flaky") == 1


def test_truncated_completion_is_marked_and_usage_recorded(server):
    result = OpenAIClient(base_url=server.base_url).complete(ask("long", "a b c d e f g h"))
    assert result.truncated and result.finish_reason == "length"
    assert (result.prompt_tokens, result.completion_tokens, result.model) == (8, 5, "served/long")


def test_plain_completions_endpoint(server):
    result = OpenAIClient(base_url=server.base_url).complete(TextRequest(model="m", prompt="alpha beta gamma", max_tokens=4))
    assert result.text == "alpha beta gamma" and server.requests[0]["path"] == "/v1/completions"


def test_concurrency_is_capped_and_results_keep_input_order(server):
    client = OpenAIClient(base_url=server.base_url, max_concurrency=3)
    texts = [f"doc {i} words here and more" for i in range(9)]
    seen = []
    results = client.complete_many([ask("hold", t) for t in texts], on_result=lambda i, c: seen.append(i))
    assert [r.text for r in results] == [summary_for(t) for t in texts]
    assert server.max_in_flight == 3 and sorted(seen) == list(range(9))


def test_unset_key_variable_is_a_config_error(monkeypatch):
    monkeypatch.delenv("SUMCHECK_NO_SUCH_KEY", raising=False)
    with pytest.raises(ConfigError, match="SUMCHECK_NO_SUCH_KEY"):
        OpenAIClient(base_url="http://127.0.0.1:9/v1", api_key_env="SUMCHECK_NO_SUCH_KEY")


# ---- the system: cache, resume ----------------------------------------------------------------------

def spec(server, **kw) -> OpenAISpec:
    return OpenAISpec(**{"name": "api", "base_url": server.base_url, "model": "ok", "max_concurrency": 1, "prompt": "{document}", **kw})


def test_interrupted_generation_re_requests_only_the_rows_that_never_came_back(server):
    docs = [Document(f"d{i}", f"document number {i} about the city council budget") for i in range(6)]
    system = build_system(spec(server))

    def stop_after_three(i, pred):  # noqa: ANN001
        if i == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        system.generate(docs, on_result=stop_after_three)
    time.sleep(0.5)  # a request already in flight when the interrupt came may still reach the server
    before = server.count()
    assert before in (3, 4)
    preds = build_system(spec(server)).generate(docs)
    assert server.count() - before == 3  # only the three that never came back were asked again
    assert [p.meta["cache"] for p in preds] == ["hit"] * 3 + ["miss"] * 3
    assert [p.summary for p in preds] == [summary_for(d.text) for d in docs]


def test_failures_are_not_cached(server):
    docs = [Document("d", "some words for the server")]
    bad = build_system(spec(server, model="garbage", max_retries=0))
    assert bad.generate(docs)[0].meta["error"].startswith("malformed response")
    bad.generate(docs)
    assert server.count("garbage") == 2  # asked again: a failure is not a summary


# ---- sumcheck run end to end ---------------------------------------------------------------------------

def write_config(tmp_path: Path, server: FaultServer, systems: str, report: bool = False) -> Path:
    path = tmp_path / "api.yaml"
    path.write_text(f"""version: 1
name: api-test
data: {{path: {SEEDS}}}
systems:
{systems}
metrics: {{factcheck: {{}}, rouge: {{}}}}
statistics: {{resamples: 50}}
report: {"true" if report else "false"}
""", encoding="utf-8")
    return path


def test_run_records_tokens_never_writes_the_key_and_a_rerun_makes_no_request(server, tmp_path, monkeypatch, capsys, caplog):
    monkeypatch.setenv("SUMCHECK_TEST_KEY", SECRET)
    caplog.set_level(logging.DEBUG)
    config = write_config(tmp_path, server, f"""  - name: api
    type: openai
    base_url: {server.base_url}
    model: ok
    api_key_env: SUMCHECK_TEST_KEY
    max_concurrency: 4
    generation: {{max_tokens: 32, temperature: 0.0, seed: 1}}""", report=True)
    out = tmp_path / "run"
    assert main(["run", str(config), "--out", str(out)]) == 0
    docs = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert server.count() == len(docs)
    assert {r["authorization"] for r in server.requests} == {f"Bearer {SECRET}"}  # the key was sent...
    expected_prompt = sum(len(r["body"]["messages"][-1]["content"].split()) for r in server.requests)
    preds = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    by_id = {p["id"]: p for p in preds}
    for doc in docs:  # each row: the server's summary and its accounting
        meta = by_id[doc["id"]]["meta"]
        assert by_id[doc["id"]]["summary"] == summary_for("Summarize the following article in one or two sentences.\n\n" + doc["document"])
        assert meta["served_model"] == "served/ok" and meta["finish_reason"] == "stop" and meta["latency_s"] > 0
    usage = json.loads((out / "run.json").read_text())["usage"]["api"]
    assert usage["prompt_tokens"] == expected_prompt and usage["completion_tokens"] == 5 * len(docs)
    assert usage["rows"] == len(docs) and usage["failed"] == 0 and usage["served_models"] == ["served/ok"]

    assert main(["run", str(config), "--out", str(tmp_path / "again")]) == 0
    assert main(["run", str(config), "--out", str(out)]) == 0
    assert server.count() == len(docs)  # neither rerun made a request

    # ...and written nowhere: run folders (report.html included), the summary cache, logs, the console
    written = [p for root in (out, tmp_path / "again", tmp_path / "cache") for p in root.rglob("*") if p.is_file()]
    assert (out / "report.html") in written and not [p for p in written if SECRET.encode() in p.read_bytes()]
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err + caplog.text


def test_failed_rows_are_unscored_with_their_reason_and_truncation_is_marked(server, tmp_path, capsys):
    config = write_config(tmp_path, server, f"""  - name: broken
    type: openai
    base_url: {server.base_url}
    model: garbage
    max_retries: 1
  - name: cut
    type: openai
    base_url: {server.base_url}
    model: long
    chat: false""")
    out = tmp_path / "run"
    # issue 25: a system whose every generation failed makes the run exit non-zero, saying so
    assert main(["run", str(config), "--out", str(out), "-q"]) == 3
    captured = capsys.readouterr()
    assert "system 'broken' produced no summary: all 7 generations failed (first: malformed response" in captured.err
    assert "'cut' produced" not in captured.err
    assert "7 cut at the token limit" in captured.out  # the closing line counts the cut completions
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    broken = [r for r in rows if r["system"] == "broken"]
    assert broken and all(r["rouge"]["reason"].startswith("generation failed: malformed response") for r in broken)
    cut = [r for r in rows if r["system"] == "cut"]
    assert cut and not [r for r in cut if "generation failed" in str(r["rouge"].get("reason"))]
    assert sum(r["rouge"].get("reason") is None for r in cut) == 6  # the seventh (the seed article) has no reference
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "complete"
    assert run["usage"]["broken"]["failed"] == len(broken) and run["usage"]["cut"]["completion_truncated"] == len(cut)
    assert all(r["path"] == "/v1/completions" for r in server.requests if r["model"] == "long")


@pytest.mark.parametrize("entry, message", [
    ("  - {name: a, type: opneai, base_url: 'http://x/v1', model: m}", r"api\.yaml: systems\[0\]\.type: unknown system type 'opneai'; did you mean 'openai'\?"),
    ("  - {name: a, type: openai, model: m}", r"api\.yaml: systems\[0\]\.base_url: Field required"),
    ("  - {name: a, type: openai, base_url: 'http://127.0.0.1:9/v1', model: m, api_key_env: SUMCHECK_UNSET_KEY}",
     r"api\.yaml: systems\[0\]\.api_key_env \(a\): environment variable SUMCHECK_UNSET_KEY is not set"),
])
def test_bad_config_is_one_line_naming_file_and_key(server, tmp_path, capsys, monkeypatch, entry, message):
    import re

    monkeypatch.delenv("SUMCHECK_UNSET_KEY", raising=False)
    config = write_config(tmp_path, server, entry)
    assert main(["run", str(config), "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err.strip()
    assert re.search(message, err) and "\n" not in err, err
    assert server.count() == 0 and not (tmp_path / "run").exists()


def test_shipped_api_config_validates_and_names_nothing_to_pull(capsys):
    from sumcheck.config import load_config
    from sumcheck.resources import config_path

    config = load_config(config_path("api.yaml"))
    api = [s for s in config.systems if s.type == "openai"]
    assert api and all(s.base_url.startswith("http://127.0.0.1:") and s.api_key_env is None for s in api)
    assert main(["pull", "api"]) == 0
    assert "names no model to fetch" in capsys.readouterr().out


# new-user trial: a wrong key, an unknown model or a dead server exited 0 with every row "generation failed",
# and a rerun with the right settings kept the failed rows instead of asking again
@pytest.mark.parametrize("model, base, code, message", [
    ("unauthorized", None, 2, r"system api: .* refused the request \(http 401"),
    ("missing", None, 3, r"system api: .* has no model 'missing' \(http 404"),
    ("ok", "http://127.0.0.1:9/v1", 3, r"system api: cannot reach http://127\.0\.0\.1:9/v1 \(connection error"),
])
def test_an_unusable_endpoint_stops_the_run_with_one_line(server, tmp_path, capsys, model, base, code, message):
    import re

    config = write_config(tmp_path, server, f"""  - name: api
    type: openai
    base_url: {base or server.base_url}
    model: {model}
    max_retries: 0""")
    out = tmp_path / "run"
    assert main(["run", str(config), "--out", str(out), "-q"]) == code
    err = capsys.readouterr().err.strip()
    assert re.search(message, err) and "\n" not in err, err
    assert json.loads((out / "run.json").read_text())["status"] == "failed"


def test_failed_rows_are_asked_again_on_resume_and_counted(server, tmp_path, capsys):
    config = write_config(tmp_path, server, f"""  - name: api
    type: openai
    base_url: {server.base_url}
    model: garbage
    max_retries: 0""")
    out = tmp_path / "run"
    assert main(["run", str(config), "--out", str(out)]) == 3  # the system produced nothing (issue 25)
    n = server.count("garbage")
    said = capsys.readouterr().out
    assert n == 7 and "7 failed to generate" in said and "0 summaries generated" in said  # every row failed (HTML bodies), and says so
    server.healed = True  # the upstream fault went away; same settings, same run
    assert main(["run", str(config), "--out", str(out), "-q"]) == 0
    assert server.count("garbage") == 2 * n  # each failed row was asked again
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(rows) == 7 and not [r for r in rows if "generation failed" in str(r["rouge"].get("reason"))]
    preds = {}
    for line in (out / "predictions.jsonl").read_text().splitlines():  # the later row replaces the failed one
        p = json.loads(line)
        preds[p["id"]] = p
    assert all(not p.get("meta", {}).get("error") and p["summary"] for p in preds.values())
    assert main(["run", str(config), "--out", str(out), "-q"]) == 0
    assert server.count("garbage") == 2 * n  # nothing left to ask
