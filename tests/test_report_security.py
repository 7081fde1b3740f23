"""Untrusted documents, summaries, ids, reasons and system names never become markup in the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sumcheck.report import write_report
from report_helpers import HOSTILE, HOSTILE_ID, make_run


def _html(tmp_path: Path) -> str:
    run = make_run(tmp_path, hostile=True)
    rows = [json.loads(line) for line in (run / "results.jsonl").read_text().splitlines()]
    for r in rows:  # a hostile system name reaches the overview table, the plots and the filters
        if r["system"] == "smollm2":
            r["system"] = "sys<b onmouseover=alert(1)>'\""
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    scores = json.loads((run / "scores.json").read_text())
    scores["systems"]["sys<b onmouseover=alert(1)>'\""] = scores["systems"].pop("smollm2")
    (run / "scores.json").write_text(json.dumps(scores))
    return write_report(run).read_text(encoding="utf-8")


def test_hostile_markup_never_appears_unescaped(tmp_path: Path) -> None:
    html = _html(tmp_path)
    for raw in ("<script>window.__pwned", "<img src=x onerror", "<b onmouseover", HOSTILE, HOSTILE_ID):
        assert raw not in html, raw
    # exactly one executable script (ours) and two inert JSON blocks
    assert len(re.findall(r"<script\b", html, re.I)) == 3
    assert len(re.findall(r"<script>", html)) == 1
    assert html.count("</script>") == 3


def test_hostile_strings_survive_as_data(tmp_path: Path) -> None:
    html = _html(tmp_path)
    block = re.search(r'<script type="application/json" id="sumcheck-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    doc = next(d for d in data["docs"] if d["id"] == HOSTILE_ID)
    assert HOSTILE in doc["t"]
    assert doc["r"][1]["s"] == HOSTILE
    assert any(HOSTILE in reason for reason in data["reasons"])
    assert "sys<b onmouseover=alert(1)>'\"" in data["systems"]


def test_overview_escapes_system_names_in_table_and_svg(tmp_path: Path) -> None:
    html = _html(tmp_path)
    overview = html[html.index('<section id="overview">'):html.index('<section id="docs"')]
    assert "sys&lt;b onmouseover=alert(1)&gt;&#x27;&quot;" in overview
    assert "<b " not in overview


def test_script_builds_nodes_without_html_parsing(tmp_path: Path) -> None:
    html = _html(tmp_path)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink
