"""run.json says which sumcheck made a run: its own version and commit, one entry per session."""

from __future__ import annotations

import json
import subprocess
from importlib import metadata

from sumcheck import __version__
from sumcheck.jobs import score_input
from sumcheck.provenance import _checkout_root, git_state

ROWS = [{"id": "a", "document": "Rain fell on Leeds.", "summary": "Rain fell on Leeds.", "reference": "Rain in Leeds."}]


def _score(data, out):
    return score_input(str(data), out=out, metrics={"rouge": {}}, quiet=True, report=False)


def test_run_json_records_sumcheck_itself(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps(ROWS[0]) + "\n", encoding="utf-8")
    _score(data, tmp_path / "run")
    info = json.loads((tmp_path / "run" / "run.json").read_text())
    assert info["sumcheck_version"] == __version__ == metadata.version("sumcheck")
    (only,) = info["sessions"]
    assert only["sumcheck_version"] == __version__
    assert only["packages"]["sumcheck"] == metadata.version("sumcheck")
    root = _checkout_root()
    if root is not None:  # a checkout: its own HEAD, whatever folder the run was started from
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        assert info["git"]["commit"] == only["git"]["commit"] == head
    else:
        assert info["git"] == {"commit": None, "dirty": None}


def test_a_resumed_run_appends_a_session_and_keeps_the_earlier_ones(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps(ROWS[0]) + "\n", encoding="utf-8")
    out = tmp_path / "run"
    _score(data, out)
    path = out / "run.json"
    info = json.loads(path.read_text())
    # an earlier session made by another commit (as after `git pull`): it must survive the resume
    info["sessions"][0]["git"] = {"commit": "0" * 40, "dirty": True}
    path.write_text(json.dumps(info))
    _score(data, out)
    sessions = json.loads(path.read_text())["sessions"]
    assert len(sessions) == 2
    assert sessions[0]["git"] == {"commit": "0" * 40, "dirty": True}
    assert sessions[1]["git"] == git_state()
    assert sessions[1]["started"] >= sessions[0]["started"]


def test_a_run_json_from_before_the_sessions_list_keeps_its_versions(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps(ROWS[0]) + "\n", encoding="utf-8")
    out = tmp_path / "run"
    _score(data, out)
    path = out / "run.json"
    info = json.loads(path.read_text())
    del info["sessions"]
    info["packages"] = dict(info["packages"], torch="2.4.0")  # what that older session ran with
    path.write_text(json.dumps(info))
    _score(data, out)
    sessions = json.loads(path.read_text())["sessions"]
    assert [s["packages"]["torch"] for s in sessions][0] == "2.4.0"
    assert len(sessions) == 2
