"""The llm-judge backend through the openai system's client (sumcheck.summarize.openai_client).

Most tests run against the fault-injecting loopback server (tests/openai_helpers.py): the fault is
chosen by the request's ``model`` and the reply text by ``server.reply(prompt)``. Expected values
come from the server's side (how many requests it saw, with what body, the token counts it
reported). The last test runs the faithfulness metric end to end against a real ``transformers
serve`` with SmolLM2-135M-Instruct (tests/serve_helpers.py), asserting the contract only: a weak
judge's verdicts are not checked.
"""

from __future__ import annotations

import json
import logging
import re

import pytest

from openai_helpers import FaultServer, summary_for
from sumcheck.faithfulness.chunks import make_chunks
from sumcheck.faithfulness.judge import PROMPT_VERSION, SYSTEM, build, locate, parse_reply
from sumcheck.faithfulness.metric import FaithfulnessMetric
from sumcheck.metric import Pair
from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError
from sumcheck.summarize.records import Document, Prediction
from sumcheck.summarize.text import split_sentences

pytest.importorskip("openai")

SOURCE = "The council approved the budget on Monday. It includes 3 million pounds for roads."
SECRET = "sk-judge-test-5b0e77c1-never-write-me"


@pytest.fixture()
def server():
    with FaultServer() as srv:
        yield srv


def sentence_of(prompt: str) -> str:
    """The sentence a judge prompt asks about (the last <<< ... >>> block of judge.USER)."""
    return prompt.rsplit("<<<\n", 1)[1].split("\n>>>")[0]


def chunk_of(prompt: str) -> str:
    return prompt.split("<<<\n", 1)[1].split("\n>>>")[0]


def judge(server: FaultServer, model: str = "ok", **settings):
    return build({"base_url": server.base_url, "model": model, "max_retries": 1, "timeout": 5, **settings})


def verdict(supported: bool, evidence: str = "") -> str:
    return json.dumps({"verdict": "supported" if supported else "not supported", "evidence": evidence})


# ---- verdicts, evidence, request shape, usage ----------------------------------------------------

def test_verdicts_evidence_spans_request_shape_and_usage(server):
    replies = {
        "The council approved the budget.": verdict(True, "The council approved the budget on Monday."),
        "It has 3 million pounds for roads.": 'Here you go:\n```json\n{"verdict": "supported", "evidence": "3 million  pounds for ROADS"}\n```',
        "It was approved on Friday.": verdict(False),
    }
    server.reply = lambda prompt: replies[sentence_of(prompt)]
    [row] = [r.to_json() for r in judge(server, max_tokens=40).score([SOURCE], [" ".join(replies)])]
    scores = [s["score"] for s in row["sentences"]]
    assert scores == [1.0, 1.0, 0.0] and row["score"] == pytest.approx(2 / 3) and row["label"] == "faithful"
    ev = [s["evidence"] for s in row["sentences"]]
    assert SOURCE[ev[0]["start"]:ev[0]["end"]] == "The council approved the budget on Monday."
    assert SOURCE[ev[1]["start"]:ev[1]["end"]] == "3 million pounds for roads"  # case and spacing forgiven
    assert ev[2] is None
    assert len(server.requests) == 3  # one request per summary sentence (one chunk)
    for r in server.requests:
        body = r["body"]
        assert r["path"] == "/v1/chat/completions" and body["model"] == "ok"
        assert body["temperature"] == 0 and body["max_tokens"] == 40
        assert body["messages"][0] == {"role": "system", "content": SYSTEM} and chunk_of(body["messages"][-1]["content"]) == SOURCE
    # usage: the server counts prompt tokens as the user message's words and completion tokens as the reply's
    prompts = [r["body"]["messages"][-1]["content"] for r in server.requests]
    assert row["usage"] == {"requests": 3, "failed": 0, "prompt_tokens": sum(len(p.split()) for p in prompts),
                            "completion_tokens": sum(len(replies[sentence_of(p)].split()) for p in prompts),
                            "served_models": ["served/ok"]}


def test_a_reply_in_the_wrong_format_leaves_that_sentence_unscored_not_zero(server):
    server.reply = lambda p: summary_for(p) if "Friday" in p else verdict(True, "on Monday")  # summary_for: prose, no verdict
    [row] = [r.to_json() for r in judge(server).score([SOURCE], ["It was approved on Monday. It was approved on Friday."])]
    first, second = row["sentences"]
    assert first["score"] == 1.0
    assert second["score"] is None and second["reason"] == "unparseable judge reply"
    assert row["score"] == 1.0  # aggregated over the sentences that could be judged


def test_invented_quote_is_unscored(server):
    server.reply = lambda p: verdict(True, "five billion dollars")
    [row] = [r.to_json() for r in judge(server).score([SOURCE], ["It costs a lot."])]
    assert row["score"] is None and "quoted evidence is not in the source" in row["reason"]
    assert row["sentences"][0]["score"] is None and row["sentences"][0]["reason"] == "the judge's quoted evidence is not in the source"


# ---- faults: retried, unscored, or a typed error ---------------------------------------------------

def test_429_with_retry_after_is_retried_and_scores(server):
    server.reply = lambda p: verdict(True, "approved the budget")
    [res] = judge(server, "rate-limited").score([SOURCE], ["The budget was approved."])
    assert res.score == 1.0 and res.usage["requests"] == 1 and res.usage["failed"] == 0
    first, second = [r["t"] for r in server.requests]
    assert 0.95 <= second - first < 3.0  # waited the server's Retry-After: 1 (the default backoff is <= 0.5 s)


def test_500_once_is_retried_and_scores(server):
    server.reply = lambda p: verdict(True, "approved the budget")
    [res] = judge(server, "flaky").score([SOURCE], ["The budget was approved."])
    assert res.score == 1.0 and server.count("flaky") == 2


def test_a_server_that_keeps_failing_leaves_sentences_unscored_with_the_reason(server):
    [row] = [r.to_json() for r in judge(server, "unavailable", max_retries=1).score([SOURCE], ["It passed. It has roads money."])]
    assert row["score"] is None and row["reason"].startswith("no summary sentence could be judged: judge request failed: http 503")
    assert [s["score"] for s in row["sentences"]] == [None, None]  # unscored, never 0
    assert all(s["reason"].startswith("judge request failed: http 503") and "\n" not in s["reason"] for s in row["sentences"])
    assert server.count("unavailable") == 4  # 2 sentences x (first try + 1 retry)
    assert row["usage"]["requests"] == 2 and row["usage"]["failed"] == 2


def test_malformed_body_is_unscored(server):
    [row] = [r.to_json() for r in judge(server, "garbage", max_retries=1).score([SOURCE], ["It passed on Monday."])]
    assert row["score"] is None and row["sentences"][0]["reason"].startswith("judge request failed: malformed response")
    assert server.count("garbage") == 2


def test_reply_cut_at_max_tokens(server):
    server.reply = lambda p: '{"verdict": "supp'  # what a cut reply looks like
    [row] = [r.to_json() for r in judge(server, "long", max_tokens=7).score([SOURCE], ["It passed on Monday."])]
    assert row["score"] is None
    assert row["sentences"][0]["reason"] == "judge reply cut at max_tokens (7) before a verdict could be read"
    server.reply = lambda p: verdict(True, "on Monday")  # cut, but readable: it counts
    [row] = [r.to_json() for r in judge(server, "long").score([SOURCE], ["It passed on Monday."])]
    assert row["score"] == 1.0


def test_requests_run_concurrently_at_most_max_concurrency(server):
    server.reply = lambda p: verdict(True, sentence_of(p).split()[0])
    sources = [f"Alpha{i} one. Beta{i} two. Gamma{i} three." for i in range(3)]
    rows = judge(server, "hold", max_concurrency=3).score(sources, sources)  # 3 summaries x 3 sentences
    assert server.count("hold") == 9 and server.max_in_flight == 3
    assert [r.score for r in rows] == [1.0, 1.0, 1.0]
    for src, r in zip(sources, rows):  # each sentence got its own reply (results in input order)
        assert [src[s.evidence_start:s.evidence_end] for s in r.sentences] == [s.text.split()[0] for s in r.sentences]


def test_long_source_goes_in_chunk_rounds_until_a_chunk_supports(server):
    filler = " ".join(f"Sentence number {i} says nothing." for i in range(60))
    source = filler + " The bridge reopened in May."
    chunks = make_chunks(source, "words100")
    assert len(chunks) >= 3 and "bridge" in chunks[-1].text and "bridge" not in chunks[0].text

    def reply(prompt: str) -> str:
        chunk, sentence = chunk_of(prompt), sentence_of(prompt)
        quote = "The bridge reopened in May." if "bridge" in sentence else "Sentence number 0 says nothing."
        return verdict(quote in chunk, quote if quote in chunk else "")

    server.reply = reply
    [row] = [r.to_json() for r in judge(server, max_source_words=100).score([source], ["Number 0 said nothing. The bridge reopened."])]
    assert [s["score"] for s in row["sentences"]] == [1.0, 1.0]
    ev = row["sentences"][1]["evidence"]
    assert source[ev["start"]:ev["end"]] == "The bridge reopened in May."
    sent = [(sentence_of(r["body"]["messages"][-1]["content"]), chunk_of(r["body"]["messages"][-1]["content"])) for r in server.requests]
    # the first sentence is supported by chunk 1 and asks no more; the second needs every chunk
    assert sorted(sent) == sorted([("Number 0 said nothing.", chunks[0].text)]
                                  + [("The bridge reopened.", c.text) for c in chunks])
    assert row["usage"]["requests"] == 1 + len(chunks)


def test_endpoint_wide_failures_raise_the_typed_errors(server):
    with pytest.raises(ConfigError, match=r"refused the request \(http 401") as info:
        judge(server, "unauthorized").score([SOURCE], ["The budget was approved."])
    assert "\n" not in str(info.value)
    with pytest.raises(ModelNotAvailableError, match=r"has no model 'missing' \(http 404") as info:
        judge(server, "missing").score([SOURCE], ["The budget was approved."])
    assert "\n" not in str(info.value)
    assert server.count("unauthorized") == 1 and server.count("missing") == 1  # 401/404 are not retried

    from serve_helpers import free_port

    closed = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    with pytest.raises(ModelNotAvailableError, match=r"cannot reach http://127\.0\.0\.1:\d+/v1 \(connection error") as info:
        build({"base_url": closed, "model": "m", "max_retries": 0}).score([SOURCE], ["The budget was approved. Twice."])
    assert "\n" not in str(info.value)


def test_a_dropped_connection_after_the_endpoint_has_answered_is_unscored_not_fatal(server):
    server.reply = lambda p: verdict(True, "on Monday")
    scorer = judge(server)
    assert scorer.score([SOURCE], ["It passed on Monday."])[0].score == 1.0
    scorer.model = "drop"  # the same endpoint now drops this model's connections
    [row] = [r.to_json() for r in scorer.score([SOURCE], ["It passed on Monday."])]
    assert row["score"] is None and row["sentences"][0]["reason"].startswith("judge request failed: connection error")


# ---- settings, the key, the signature -------------------------------------------------------------

def test_settings_are_the_openai_systems_names():
    base = {"backend": "llm-judge", "model": "m", "base_url": "http://127.0.0.1:9/v1"}
    with pytest.raises(ConfigError, match=r"unknown faithfulness setting\(s\) 'retries'; did you mean 'max_retries'\?"):
        FaithfulnessMetric({**base, "retries": 2})
    with pytest.raises(ConfigError, match=r"'retries' is now 'max_retries'"):
        build({**base, "retries": 2})
    with pytest.raises(ConfigError, match=r"needs settings\.base_url"):
        FaithfulnessMetric({**base, "base_url": "127.0.0.1:8000"})
    with pytest.raises(ConfigError, match=r"'max_concurrency' must be >= 1"):
        FaithfulnessMetric({**base, "max_concurrency": 0})
    for name, bad, msg in [("threshold", "abc", "must be a number"), ("max_source_words", "abc", "must be a number"),
                           ("max_source_words", 0, "must be >= 50"), ("threshold", 1.5, "must be between 0 and 1"), ("aggregation", "max", "must be one of mean, min")]:
        with pytest.raises(ConfigError, match=f"'{name}' {msg}"):  # when the metric is built: before any summary is made
            FaithfulnessMetric({**base, name: bad})
    scorer = build({**base, "max_concurrency": 7, "timeout": 9, "max_retries": 0, "max_tokens": 11})
    assert (scorer.client.max_concurrency, scorer.client.timeout, scorer.client.max_retries, scorer.max_tokens) == (7, 9.0, 0, 11)
    default = build(base)
    assert (default.client.max_concurrency, default.client.timeout, default.client.max_retries, default.max_tokens) == (4, 60.0, 4, 256)


def test_key_comes_from_the_named_variable_and_is_never_written(server, monkeypatch, caplog):
    settings = {"backend": "llm-judge", "base_url": server.base_url, "model": "ok", "api_key_env": "SUMCHECK_JUDGE_KEY"}
    monkeypatch.delenv("SUMCHECK_JUDGE_KEY", raising=False)
    with pytest.raises(ConfigError, match="SUMCHECK_JUDGE_KEY") as info:
        FaithfulnessMetric(settings)  # when the metric is built, before any request
    assert server.count() == 0 and "\n" not in str(info.value)
    monkeypatch.setenv("SUMCHECK_JUDGE_KEY", SECRET)
    caplog.set_level(logging.DEBUG)
    server.reply = lambda p: verdict(True, "on Monday")
    metric = FaithfulnessMetric(settings)
    pairs = [Pair(Document("d", SOURCE), Prediction("d", "s", "It passed on Monday."))]
    rows = metric.score(pairs)
    assert rows[0]["score"] == 1.0
    assert {r["authorization"] for r in server.requests} == {f"Bearer {SECRET}"}  # sent...
    written = json.dumps(rows) + json.dumps(metric.signature_fields()) + repr(metric.scorer()) + caplog.text
    assert SECRET not in written  # ...and nowhere else
    assert "llm-judge ok: 1 requests" in caplog.text  # the per-batch log line was captured (so the check above saw it)


def test_metric_signature_carries_prompt_version_model_and_max_tokens():
    from sumcheck.metric import metric_class

    metric = FaithfulnessMetric({"backend": "llm-judge", "model": "m", "base_url": "http://127.0.0.1:1/v1", "max_tokens": 64})
    fields = metric.signature_fields()
    assert fields["prompt"] == PROMPT_VERSION == "judge-v1" and fields["backend"] == "llm-judge"
    assert fields["model"] == "m" and fields["max_tok"] == "64"
    assert set(fields) <= set(metric_class("faithfulness").signature)


# ---- the reply parser ---------------------------------------------------------------------------

def test_parse_reply_variants():
    assert parse_reply('{"verdict": "Not Supported", "evidence": ""}').supported is False
    assert parse_reply("verdict: supported\nevidence: \"on Monday\"").evidence == "on Monday"
    assert parse_reply('{"verdict": "maybe"}').supported is None
    assert parse_reply("").supported is None
    assert locate("", SOURCE) is None and locate("absent words", SOURCE) is None


# ---- a real server: transformers serve with SmolLM2-135M-Instruct -----------------------------------

PAIRS = [
    ("The city council met on Tuesday and voted to close the old library. The building will become a "
     "community centre next year. About two hundred people attended the meeting.",
     "The council voted to close the library. It will become a community centre."),
    ("Heavy rain flooded the main road through the village on Sunday night. Firefighters pumped water from "
     "three houses, and nobody was hurt.",
     "Rain flooded the village road. Three houses were pumped out by firefighters."),
    ("The museum's new dinosaur exhibit opens in March. Tickets cost twelve pounds for adults and are free "
     "for children under five.",
     "Tickets for the dinosaur exhibit cost twelve pounds."),
]


@pytest.mark.slow
def test_faithfulness_metric_against_transformers_serve(served):
    from serve_helpers import completions_served

    metric = FaithfulnessMetric({"backend": "llm-judge", "base_url": served["base_url"], "model": served["model"],
                                 "max_concurrency": 2, "timeout": 600, "max_retries": 1, "max_tokens": 48})
    pairs = [Pair(Document(f"d{i}", src), Prediction(f"d{i}", "s", summ)) for i, (src, summ) in enumerate(PAIRS)]
    n_sentences = [len(split_sentences(summ)) for _, summ in PAIRS]
    assert n_sentences == [2, 2, 1]
    before = completions_served(served["log"])
    rows = metric.score(pairs)
    # every source is one chunk, so one request per summary sentence reached the server
    assert completions_served(served["log"]) - before == sum(n_sentences)
    for (src, summ), row, n in zip(PAIRS, rows, n_sentences):
        assert row["backend"] == "llm-judge"
        sentences = row["sentences"]  # listed for scored and unscored rows alike
        assert [summ[s["start"]:s["end"]] for s in sentences] == [s.text for s in split_sentences(summ)]
        for s in sentences:
            if s["score"] is None:  # an explicit one-line reason
                assert isinstance(s["reason"], str) and s["reason"] and "\n" not in s["reason"]
                assert "Traceback" not in s["reason"]
                continue
            assert s["score"] in (0.0, 1.0)
            if s["score"] == 1.0:  # the evidence is a real, non-empty span of the source
                ev = s["evidence"]
                assert 0 <= ev["start"] < ev["end"] <= len(src) and src[ev["start"]:ev["end"]].strip()
        judged = [s["score"] for s in sentences if s["score"] is not None]
        if judged:
            assert row["score"] == pytest.approx(sum(judged) / len(judged))
        else:
            assert row["score"] is None and re.match(r"no summary sentence could be judged: \S", row["reason"])
        usage = row["usage"]
        assert usage["requests"] == n and usage["failed"] == 0, usage  # the server answered every request
        assert usage["served_models"] == [served["model"]] and usage["prompt_tokens"] > 0
        assert 0 < usage["completion_tokens"] <= 48 * n
    fields = metric.signature_fields()
    assert fields["prompt"] == PROMPT_VERSION and fields["model"] == served["model"] and fields["backend"] == "llm-judge"
