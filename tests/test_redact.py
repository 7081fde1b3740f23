"""An API key a server repeats is masked in everything sumcheck records or prints (issue 28, row 1).

The servers here (tests/openai_helpers.py) echo the key they were sent, in several forms, inside
their error messages, or put it in a summary or a judge's reply. Expected: no file sumcheck writes
(run folder, report, summary cache), no line on stdout or stderr and no log record holds the key,
nor any 10-character run of it.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from urllib.parse import quote

import pytest

from openai_helpers import FaultServer
from sumcheck.cli import main
from sumcheck.summarize import redact
from sumcheck.summarize.redact import MASK, Redactor

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "documents.jsonl"
SECRET = "sk-proj-Zq8Xv+3Lm/Tn9Wp=Kd2&Rf7Yh5Jc4Bg6"  # has characters URL-encoding and HTML change


def leaks(text: str, key: str = SECRET) -> list[str]:
    """The forms of ``key`` found in ``text``: whole, encoded, or any run of 10 of its characters."""
    forms = {key, quote(key, safe=""), json.dumps(key)[1:-1]}
    runs = {key[i:i + 10] for i in range(len(key) - 9)}
    return sorted(f for f in forms | runs if f in text)


# ---- the masking itself -------------------------------------------------------------------------------

@pytest.mark.parametrize("echo", [
    SECRET, f"Bearer {SECRET}", f"Authorization: Bearer {SECRET}", quote(SECRET, safe=""), json.dumps(SECRET),
    "&amp;".join(SECRET.split("&")), SECRET[:14], SECRET[-14:], SECRET[5:20], f"{SECRET[:9]}{'*' * 30}{SECRET[-4:]}",
    f"{SECRET[:3]}...{SECRET[-4:]}***",
])
def test_every_echo_of_the_key_is_masked(echo):
    r = Redactor()
    r.register(SECRET)
    out = r.redact(f"error: Incorrect API key provided: {echo}. See the docs.")
    assert MASK in out and not leaks(out), out
    assert out.startswith("error: Incorrect API key provided: ") and out.endswith(" See the docs.")


@pytest.mark.parametrize("encoded", [
    json.dumps({"error": f'Incorrect API key provided: "{SECRET[:8]}****...{SECRET[-4:]}".'}),
    json.dumps({"error": f"Incorrect API key provided:\n{SECRET[:8]}****...{SECRET[-4:]}"}),
])
def test_a_starred_echo_inside_json_escapes_is_masked(encoded):
    # run folders mask the JSON text of a row, where a quote or a line break before the echo is an escape
    r = Redactor()
    r.register(SECRET)
    out = r.redact(encoded)
    assert MASK in out and SECRET[:8] not in out and json.loads(out)["error"].startswith("Incorrect API key provided:")


def test_text_without_the_key_is_left_alone():
    r = Redactor()
    r.register(SECRET)
    text = "The sk-proj- prefix is public; 3 *** stars; Bearer tokens; Zq8Xv; the summary stays as it was."
    assert r.redact(text) == text
    assert Redactor().redact(SECRET) == SECRET  # nothing registered: nothing masked


def test_a_short_key_is_masked_only_as_a_whole_word():
    r = Redactor()
    r.register("abc12")
    assert r.redact("Bearer abc12 rejected; abc123 and xabc12 are other words") == \
        f"Bearer {MASK} rejected; abc123 and xabc12 are other words"
    r.register("EMPTY")  # the placeholder for "no key" is no secret
    assert r.redact("EMPTY") == "EMPTY"


def test_the_stream_wrapper_masks_a_key_written_in_pieces():
    redact.register(SECRET)
    sink = io.StringIO()
    stream = redact.wrap_stream(sink)
    stream.write("first " + SECRET[:12])
    stream.write(SECRET[12:] + " end\n")
    stream.write("tail " + SECRET)
    stream.flush()
    assert sink.getvalue() == f"first {MASK} end\ntail {MASK}"


def test_log_records_are_masked_for_every_handler(caplog):
    redact.register(SECRET)
    redact.install_log_redaction()
    caplog.set_level(logging.INFO)
    logging.getLogger("sumcheck.test").warning("server said %s", f"Bearer {SECRET}")
    assert not leaks(caplog.text) and MASK in caplog.text


# ---- end to end: `sumcheck run` with an openai system, `sumcheck score` with the llm-judge ----------------------

@pytest.fixture()
def server():
    with FaultServer() as srv:
        yield srv


@pytest.fixture(autouse=True)
def _env(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMCHECK_TEST_KEY", SECRET)


def files_with_key(*roots: Path) -> list[str]:
    return [f"{p}: {leaks(p.read_text(encoding='utf-8', errors='replace'))}"
            for root in roots for p in root.rglob("*") if p.is_file() and leaks(p.read_text(encoding="utf-8", errors="replace"))]


def run_config(tmp_path: Path, server: FaultServer, model: str) -> Path:
    path = tmp_path / "api.yaml"
    path.write_text(f"""version: 1
name: key-echo
data: {{path: {SEEDS}}}
systems:
  - name: api
    type: openai
    base_url: {server.base_url}
    model: {model}
    api_key_env: SUMCHECK_TEST_KEY
    max_retries: 0
metrics: {{factcheck: {{}}, rouge: {{}}}}
statistics: {{resamples: 20}}
report: true
""", encoding="utf-8")
    return path


def test_an_error_that_echoes_the_key_is_masked_in_every_file_and_line(server, tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "run"
    assert main(["run", str(run_config(tmp_path, server, "echo-key")), "--out", str(out)]) == 3  # the system produced nothing (issue 25)
    assert server.count() > 0 and all(SECRET in r["authorization"] for r in server.requests)  # the key was sent
    preds = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert preds and all(p["meta"]["error"].startswith("http 500") and MASK in p["meta"]["error"] for p in preds)
    assert (out / "report.html").is_file() and (out / "results.jsonl").is_file()
    assert files_with_key(tmp_path) == []
    captured = capsys.readouterr()
    assert leaks(captured.out + captured.err + caplog.text) == []


def test_a_refused_key_echoed_back_stops_the_run_without_showing_it(server, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", str(run_config(tmp_path, server, "echo-key-401")), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "refused the request" in err and MASK in err and leaks(err) == []
    reason = json.loads((out / "run.json").read_text())
    assert leaks(json.dumps(reason)) == [] and files_with_key(tmp_path) == []


def test_a_summary_that_holds_the_key_is_masked_everywhere(server, tmp_path, capsys):
    server.reply = lambda prompt: f"The key is {SECRET} and its tail {SECRET[-12:]}."
    out = tmp_path / "run"
    assert main(["run", str(run_config(tmp_path, server, "ok")), "--out", str(out), "--format", "json"]) == 0
    preds = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert preds and all(p["summary"] == f"The key is {MASK} and its tail {MASK}." for p in preds)
    assert files_with_key(tmp_path) == []
    captured = capsys.readouterr()
    assert leaks(captured.out + captured.err) == []


def test_the_llm_judge_echoing_the_key_is_masked(server, tmp_path, capsys):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "d1", "document": "The council approved the budget on Monday.",
                                "summary": "The council approved the budget on Monday."}) + "\n", encoding="utf-8")
    settings = tmp_path / "metrics.yaml"
    settings.write_text(f"faithfulness: {{backend: llm-judge, base_url: {server.base_url}, model: echo-key, "
                        "api_key_env: SUMCHECK_TEST_KEY, max_retries: 0}\n", encoding="utf-8")
    out = tmp_path / "run"
    assert main(["score", str(data), "--out", str(out), "--metric-settings", str(settings), "--workers", "1"]) == 0
    assert server.count() > 0
    row = json.loads((out / "results.jsonl").read_text().splitlines()[0])
    assert "judge request failed: http 500" in json.dumps(row) and MASK in json.dumps(row)
    assert files_with_key(tmp_path) == []
    captured = capsys.readouterr()
    assert leaks(captured.out + captured.err) == []
