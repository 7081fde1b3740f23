"""The llm-judge backend against a fault-injecting OpenAI-compatible server started here on
127.0.0.1 (http.server in a thread): well-formed, fenced, prose-wrapped, line-format, garbage,
wrong-shape and failing replies; evidence spans located in the source."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sumcheck.faithfulness.judge import PROMPT_VERSION, JudgeScorer, OpenAIChat, locate, parse_reply
from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError

SOURCE = "The council approved the budget on Monday. It includes 3 million pounds for roads."


class Script:
    """Replies by the sentence being judged: a callable(sentence) -> (status, body-or-None, reply text)."""

    def __init__(self):
        self.rule = lambda sentence: (200, None, '{"verdict": "supported", "evidence": ""}')
        self.requests: list[dict] = []
        self.fail_first = 0


def _server(script: Script):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):  # quiet
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            script.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
            if script.fail_first > 0:
                script.fail_first -= 1
                self.send_response(503)
                self.end_headers()
                return
            user = body["messages"][-1]["content"]
            sentence = user.rsplit("<<<\n", 1)[1].split("\n>>>")[0]
            status, raw, text = script.rule(sentence)
            payload = raw if raw is not None else json.dumps(
                {"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]})
            data = payload.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture()
def server():
    script = Script()
    srv = _server(script)
    yield script, f"http://127.0.0.1:{srv.server_address[1]}/v1"
    srv.shutdown()
    srv.server_close()


def _judge(url, **kw):
    return JudgeScorer(OpenAIChat(url, "tiny-judge", retries=kw.pop("retries", 1), timeout=5), **kw)


def test_verdicts_evidence_spans_and_request_shape(server):
    script, url = server
    replies = {
        "The council approved the budget.": '{"verdict": "supported", "evidence": "The council approved the budget on Monday."}',
        "It has 3 million pounds for roads.": 'Here you go:\n```json\n{"verdict": "supported", "evidence": "3 million  pounds for ROADS"}\n```',
        "It was approved on Friday.": '{"verdict": "not supported", "evidence": ""}',
    }
    script.rule = lambda s: (200, None, replies[s])
    [row] = [r.to_json() for r in _judge(url).score([SOURCE], [" ".join(replies)])]
    scores = [s["score"] for s in row["sentences"]]
    assert scores == [1.0, 1.0, 0.0] and row["score"] == pytest.approx(2 / 3)
    ev = [s["evidence"] for s in row["sentences"]]
    assert SOURCE[ev[0]["start"]:ev[0]["end"]] == "The council approved the budget on Monday."
    assert SOURCE[ev[1]["start"]:ev[1]["end"]] == "3 million pounds for roads"  # case and spacing forgiven
    assert ev[2] is None
    req = script.requests[0]
    assert req["path"] == "/v1/chat/completions" and req["body"]["model"] == "tiny-judge"
    assert req["body"]["temperature"] == 0 and SOURCE in req["body"]["messages"][-1]["content"]
    assert len(script.requests) == 3  # one request per summary sentence


def test_unparseable_reply_leaves_that_sentence_unscored_not_zero(server):
    script, url = server
    script.rule = lambda s: (200, None, "I would rather not say." if "Friday" in s else '{"verdict": "supported", "evidence": "on Monday"}')
    [row] = [r.to_json() for r in _judge(url).score([SOURCE], ["It was approved on Monday. It was approved on Friday."])]
    first, second = row["sentences"]
    assert first["score"] == 1.0
    assert second["score"] is None and second["reason"] == "unparseable judge reply"
    assert row["score"] == 1.0  # aggregated over the sentences that could be judged


def test_wrong_shape_body_and_invented_quote(server):
    script, url = server
    script.rule = lambda s: ((200, '{"result": "supported"}', None) if "Monday" in s
                             else (200, None, '{"verdict": "supported", "evidence": "five billion dollars"}'))
    [row] = [r.to_json() for r in _judge(url).score([SOURCE], ["It passed on Monday."])]
    assert row["score"] is None and "not a chat completion" in row["reason"]
    [row] = [r.to_json() for r in _judge(url).score([SOURCE], ["It costs a lot."])]
    assert row["score"] is None and "quoted evidence is not in the source" in row["reason"]


def test_retries_then_gives_a_typed_error(server):
    script, url = server
    script.rule = lambda s: (200, None, '{"verdict": "supported", "evidence": "approved the budget"}')
    script.fail_first = 1  # one 503, then fine
    [res] = _judge(url, retries=1).score([SOURCE], ["The budget was approved."])
    assert res.score == 1.0
    script.fail_first = 10
    with pytest.raises(ModelNotAvailableError, match="did not answer"):
        _judge(url, retries=1).score([SOURCE], ["The budget was approved."])


def test_client_errors_and_api_key_from_env(server, monkeypatch):
    script, url = server
    script.rule = lambda s: (401, '{"error": "bad key"}', None)
    with pytest.raises(ConfigError, match="HTTP 401"):
        _judge(url).score([SOURCE], ["The budget was approved."])
    with pytest.raises(ConfigError, match="JUDGE_KEY"):
        JudgeScorer(OpenAIChat(url, "m", api_key_env="JUDGE_KEY")).score([SOURCE], ["x y."])
    monkeypatch.setenv("JUDGE_KEY", "sk-test-123")
    script.rule = lambda s: (200, None, '{"verdict": "supported", "evidence": "on Monday"}')
    JudgeScorer(OpenAIChat(url, "m", api_key_env="JUDGE_KEY")).score([SOURCE], ["It passed on Monday."])
    assert script.requests[-1]["auth"] == "Bearer sk-test-123"


def test_long_source_is_chunked_and_any_chunk_can_support(server):
    script, url = server
    filler = " ".join(f"Sentence number {i} says nothing." for i in range(60))
    source = filler + " The bridge reopened in May."
    script.rule = lambda s: (200, None, '{"verdict": "supported", "evidence": "The bridge reopened in May."}')
    [row] = [r.to_json() for r in _judge(url, max_source_words=100).score([source], ["The bridge reopened."])]
    assert row["score"] == 1.0
    ev = row["sentences"][0]["evidence"]
    assert source[ev["start"]:ev["end"]] == "The bridge reopened in May."
    contents = [r["body"]["messages"][-1]["content"] for r in script.requests]
    assert all(len(c.split()) < 150 for c in contents)  # every request carried one chunk, not the whole source


def test_parse_reply_variants():
    assert parse_reply('{"verdict": "Not Supported", "evidence": ""}').supported is False
    assert parse_reply("verdict: supported\nevidence: \"on Monday\"").evidence == "on Monday"
    assert parse_reply('{"verdict": "maybe"}').supported is None
    assert parse_reply("").supported is None
    assert locate("", SOURCE) is None and locate("absent words", SOURCE) is None


def test_metric_signature_carries_prompt_version():
    from sumcheck.faithfulness.metric import FaithfulnessMetric
    fields = FaithfulnessMetric({"backend": "llm-judge", "model": "m", "base_url": "http://127.0.0.1:1/v1"}).signature_fields()
    assert fields["prompt"] == PROMPT_VERSION and fields["backend"] == "llm-judge"
