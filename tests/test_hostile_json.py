"""JSON nested too deep or holding a huge number is a user error naming the line (issue 28, row 5).

``json.loads`` raises RecursionError past ~1,000 levels and a bare ValueError for an integer of more
than 4,300 digits (CPython's int/str conversion limit); sumcheck read both as internal errors (exit 4).
Every place JSON from outside is read goes through ``sumcheck.summarize.safejson``.
"""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path

import pytest

from sumcheck.cli import main
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.io import iter_jsonl
from sumcheck.summarize.safejson import MAX_DEPTH, JSONLimitError, loads

ROW = {"document": "The council met on Monday and approved a budget of 3 million euros for the harbour.",
       "summary": "The council approved 3 million euros on Monday.", "reference": "A 3 million euro budget passed."}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 5000, 100_000])
def test_deep_nesting_is_refused_at_any_depth(depth):
    with pytest.raises(JSONLimitError, match=f"nested more than {MAX_DEPTH} levels"):
        loads('{"x": ' + nested(depth) + "}")
    with pytest.raises(JSONLimitError):
        loads(("{\"a\":" * depth + "1" + "}" * depth).encode())


def test_nesting_within_the_limit_and_long_numbers_within_pythons_limit_are_read():
    assert loads('{"x": ' + nested(MAX_DEPTH - 1) + "}")["x"] == loads(nested(MAX_DEPTH - 1))
    assert loads('{"id": ' + "7" * 4300 + "}")["id"] == int("7" * 4300)
    assert loads('{"f": ' + "7" * 5000 + ".5}")["f"] > 1e300  # floats have no digit limit


@pytest.mark.parametrize("line", [
    '{"id": "b", "junk": ' + nested(1000) + ', "document": "d", "summary": "s"}',   # a column never read
    '{"id": "b", "junk": ' + nested(200) + ', "document": "d", "summary": "s"}',
    '{"id": ' + "9" * 5000 + ', "document": "d", "summary": "s"}',                   # a numeric id
    '{"id": "b", "document": "d", "summary": "s", "n": -' + "1" * 4301 + "}",
])
def test_a_hostile_line_of_an_input_names_its_line(tmp_path, line):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", **ROW}) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"in\.jsonl:2: unreadable JSON: (nested more than {MAX_DEPTH}|a number with more than)"):
        list(iter_jsonl(path))


@pytest.mark.parametrize("line", [
    '{"id": "b", "junk": ' + nested(1000) + ', "document": "d", "summary": "s"}',
    '{"id": ' + "9" * 5000 + ', "document": "d", "summary": "s"}',
])
def test_score_exits_2_naming_the_line(tmp_path, capsys, line):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", **ROW}) + "\n" + line + "\n", encoding="utf-8")
    assert main(["score", str(path), "--out", str(tmp_path / "run"), "--metrics", "rouge"]) == 2
    err = capsys.readouterr().err
    assert "in.jsonl:2" in err and "internal error" not in err


@pytest.fixture()
def run(tmp_path) -> Path:
    path = tmp_path / "in.jsonl"
    rows = [{"id": i, **ROW, "extra": json.loads(nested(MAX_DEPTH - 2))} for i in range(1, 4)]
    rows[0]["id"] = int("8" * 4000)  # a long numeric id within Python's limit travels like any other
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "run"
    assert main(["score", str(path), "--out", str(out), "--metrics", "rouge", "--resamples", "10"]) == 0
    return out


def spoil(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("name,commands", [
    ("results.jsonl", ("report", "gate")), ("reviews.jsonl", ("report", "gate")), ("documents.jsonl", ("report",)),
])
def test_a_spoiled_run_folder_line_is_a_user_error(run, capsys, name, commands):
    path = run / name
    if not path.exists():
        path.write_text('{"flag_id": "x", "verdict": "confirm"}\n{"flag_id": "y", "verdict": "confirm"}\n', encoding="utf-8")
    spoil(path, 2, '{"id": "x", "deep": ' + nested(3000) + "}")
    for command in commands:
        assert main([command, str(run)] + ([str(run)] if command == "gate" else [])) == 2
        err = capsys.readouterr().err
        assert f"{name}:2" in err and "nested more than" in err and "internal error" not in err, err


def test_a_baseline_file_nested_too_deep_is_a_user_error(run, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", str(run), "--out", str(baseline)]) == 0
    doc = json.loads(baseline.read_text())
    baseline.write_text(json.dumps(doc)[:-1] + ', "x": ' + nested(2000) + "}", encoding="utf-8")
    assert main(["gate", str(baseline), str(run)]) == 2
    err = capsys.readouterr().err
    assert "baseline.json" in err and "nested more than" in err and "internal error" not in err


def test_a_review_post_nested_too_deep_is_a_400(run):
    from sumcheck.review.server import build_app, make_server

    app = build_app(run, reviewer="ana")
    server = make_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        for body in (nested(30_000).encode(), b'{"flag_id": ' + b"9" * 5000 + b"}"):
            conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
            conn.request("POST", "/api/review", body=body,
                         headers={"Content-Type": "application/json", "X-Sumcheck-Token": app.token})
            res = conn.getresponse()
            assert res.status == 400 and b"not a JSON object" in res.read()
            conn.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("depth", [1000, 5000])
def test_a_yaml_config_nested_too_deep_is_a_config_error(tmp_path, capsys, depth):
    config = tmp_path / "deep.yaml"
    config.write_text("version: 1\nname: x\ndata: " + nested(depth) + "\n", encoding="utf-8")
    assert main(["run", str(config), "--out", str(tmp_path / "run")]) == 2
    settings = tmp_path / "metrics.yaml"
    settings.write_text("rouge: " + "{a: " * depth + "1" + "}" * depth + "\n", encoding="utf-8")
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", **ROW}) + "\n", encoding="utf-8")
    assert main(["score", str(data), "--out", str(tmp_path / "s"), "--metric-settings", str(settings)]) == 2
    err = capsys.readouterr().err
    assert err.count("nested too deep") == 2 and "internal error" not in err
