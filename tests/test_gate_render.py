"""The gate's writers: untrusted names and flagged texts are escaped in every format."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from gate_helpers import add_flag, base_rows, changed, number_flag, write_run

from sumcheck.gate import run_gate, to_json, to_junit, to_markdown, to_table
from sumcheck.gate.render import junit_error, md_code_block, write_error_outputs

EVIL_SYSTEM = "<script>alert(1)</script>|@ana #12 `x`"
EVIL_DOC = "doc-\"'&<img src=x onerror=alert(1)>\x01"
EVIL_TEXT = "3,000</failure>]]>\x1b[31m"


def _evil_result(tmp_path):
    rows = base_rows(30, systems=(EVIL_SYSTEM,))
    for r in rows:
        if r["id"] == "doc-2":
            r["id"] = EVIL_DOC
    cand = add_flag(changed(rows, "faithfulness", lambda i, v: v - 0.2), EVIL_DOC, number_flag(EVIL_TEXT), system=EVIL_SYSTEM)
    return run_gate(write_run(tmp_path / "b", rows), write_run(tmp_path / "c", cand))


def test_junit_is_well_formed_and_carries_the_failures(tmp_path):
    result = _evil_result(tmp_path)
    root = ET.fromstring(to_junit(result))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert {c.get("name") for c in failed} == {"faithfulness", "no new unsupported items"}
    assert suite.get("failures") == "2" and suite.get("tests") == str(len(cases))
    assert {c.get("classname") for c in cases} == {f"sumcheck.{EVIL_SYSTEM}"}  # round-trips exactly
    new = next(c for c in failed if c.get("name") == "no new unsupported items").find("failure").text
    assert "3,000</failure>]]>" in new and "\x1b" not in new  # text escaped by XML, control character replaced


def test_markdown_escapes_html_mentions_and_table_pipes(tmp_path):
    text = to_markdown(_evil_result(tmp_path))
    assert "<script>" not in text and "<img" not in text and "@ana" not in text
    assert not re.search(r"#12 ", text)  # an issue reference (the entity &#124; is a pipe, not one)
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len({line.count(" | ") for line in table_rows}) == 1  # no cell grew extra columns
    assert "❌" in text.splitlines()[0]


def test_table_shows_control_characters_as_escapes(tmp_path):
    text = to_table(_evil_result(tmp_path))
    assert "\x1b" not in text and "\x01" not in text and "\\x1b" in text
    assert text.rstrip().endswith("FAIL: 2 regressions")


def test_json_round_trips_untrusted_strings(tmp_path):
    data = json.loads(json.dumps(to_json(_evil_result(tmp_path))))
    assert data["new_unsupported"][0]["doc_id"] == EVIL_DOC and data["new_unsupported"][0]["texts"] == [EVIL_TEXT]


def test_error_outputs_for_incomparable_runs(tmp_path):
    paths = write_error_outputs("signatures differ\nlead3 / rouge1:\n  stem: baseline 'yes' != candidate '```no'", tmp_path)
    md = paths["markdown"].read_text(encoding="utf-8")
    assert md.count("````") == 2  # a fence longer than the backticks inside
    assert ET.fromstring(junit_error("a <b> & c")).find(".//error").get("message") == "a <b> & c"
    assert md_code_block("x").startswith("```\n")


def test_markdown_lists_at_most_fifty_regressions(tmp_path):
    from sumcheck.gate.render import MD_MAX_ITEMS

    rows = base_rows(80)
    cand = rows
    for r in rows:
        if r["factcheck"]["flags"] == []:
            cand = add_flag(cand, r["id"], number_flag("99"))
    result = run_gate(write_run(tmp_path / "b", rows), write_run(tmp_path / "c", cand))
    new = [r for r in result.regressions if r.kind == "new_unsupported"]
    assert len(new) > MD_MAX_ITEMS
    text = to_markdown(result)
    section = text.split("**Regressions**")[1].split("<details>")[0]
    items = [line for line in section.splitlines() if line.startswith("- ") and not line.startswith("- … and")]
    assert len(items) == MD_MAX_ITEMS
    assert f"and {len(result.regressions) - MD_MAX_ITEMS} more" in text


def test_junit_reports_newly_unscored_documents(tmp_path):
    import copy

    rows = base_rows(20)
    cand = copy.deepcopy(rows)
    cand[0]["values"]["rouge2"] = None
    root = ET.fromstring(to_junit(run_gate(write_run(tmp_path / "b", rows), write_run(tmp_path / "c", cand))))
    failed = {c.get("name"): c.find("failure") for c in root.iter("testcase") if c.find("failure") is not None}
    assert list(failed) == ["rouge2"] and failed["rouge2"].get("type") == "unscored"


def test_coverage_loss_shows_in_every_format(tmp_path):
    # issue 25: three of 20 candidate summaries are empty; the coverage column and the failure say so
    import copy

    rows = base_rows(20)
    cand = copy.deepcopy(rows)
    for r in cand[:3]:
        r["summary"], r["values"] = "", {k: None for k in r["values"]}
    result = run_gate(write_run(tmp_path / "b", rows), write_run(tmp_path / "c", cand))
    table = to_table(result)
    assert "coverage" in table.splitlines()[4] and "17/20" in table and "coverage 17/20 (85.0%)" in table
    md_text = to_markdown(result)
    assert "| coverage |" in md_text and "**17/20**" in md_text and "(empty summary: 3)" in md_text
    root = ET.fromstring(to_junit(result))
    failed = {c.get("name"): c.find("failure") for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed["rouge1"].get("type") == "coverage" and "empty summary: 3" in failed["rouge1"].get("message")
    data = to_json(result)
    rouge1 = next(m for m in data["metrics"] if m["metric"] == "rouge1")
    assert rouge1["coverage"] == 17 / 20 and rouge1["no_output"] == 3
