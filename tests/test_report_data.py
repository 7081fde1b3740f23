"""The report's data layer: reading run folders, tolerating unscored rows, offsets, escaping, atomic write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sumcheck.flags import flag_id
from sumcheck.report import RunFolderError, write_report
from sumcheck.report.data import load_run, nearest_source_span, utf16_index
from sumcheck.report.page import json_for_script
from sumcheck.report.payload import build_payload
from sumcheck.report.plots import histogram_counts
from sumcheck.summarize.text import split_sentences
from report_helpers import SRC1, SUM1_LEAD, make_run


def _data_block(html: str, block_id: str) -> dict:
    m = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S)
    assert m, block_id
    return json.loads(m.group(1))


def test_payload_carries_flags_with_evidence_and_ids(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    payload = build_payload(load_run(run), {})
    data = payload.data
    assert data["systems"] == ["lead3", "smollm2"]
    doc1 = data["docs"][0]
    lead = doc1["r"][0]
    (flag,) = lead["fl"]
    # the fixture flags "3,000" in the lead3 summary against "300" in the source
    assert SUM1_LEAD[flag["a"]:flag["b"]] == "3,000"
    assert [doc1["t"][a:b] for a, b in flag["ev"]] == ["300"]
    sentence = "The council approved a budget of 3,000 million euros."  # the flag's sentence in SUM1_LEAD
    assert flag["id"] == flag_id(doc_id="doc-1", system="lead3", kind="number", text="3,000", sentence=sentence)
    assert data["reasons"][flag["r"]] == "3,000 does not match 300 in the source"
    # supported items are kept (for the source highlights) but not as flags
    assert sorted(SUM1_LEAD[i[1]:i[2]] for i in lead["it"]) == ["12", "Anne Hidalgo"]
    assert payload.flag_counts == {"lead3": {"number": 1}, "smollm2": {"entity": 2, "number": 1}}


def test_flag_without_evidence_points_at_nearest_source_sentence(tmp_path: Path) -> None:
    data = build_payload(load_run(make_run(tmp_path)), {}).data
    gen = data["docs"][0]["r"][1]
    marseille = next(f for f in gen["fl"] if f["x"] == "Marseille")
    assert marseille["ev"] == []
    a, b = marseille["nr"]
    # "Mayor ... schools" shares "mayor" and "schools" with the second source sentence only
    assert SRC1[a:b] == "Mayor Anne Hidalgo said the money would fund 12 new schools in Paris."


def test_unscored_and_missing_metrics_stay_null_with_reason(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    rows = [json.loads(line) for line in (run / "results.jsonl").read_text().splitlines()]
    rows[0].pop("faithfulness")
    rows[0]["values"].pop("faithfulness")
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    payload = build_payload(load_run(run), {})
    lead1 = payload.data["docs"][0]["r"][0]
    assert lead1["fa"] is None and lead1["far"] == "not in this run"
    empty = payload.data["docs"][1]["r"][1]  # doc-2 / smollm2 has an empty summary
    assert empty["s"] == "" and empty["fp"] is None and empty["fa"] is None
    assert empty["fr"] == "no number or named entity in the summary" and empty["far"] == "empty summary"
    assert payload.unscored["smollm2"] == {"faithfulness": 1, "fact_precision": 1}
    assert payload.dists["smollm2"]["faithfulness"] == [0.1]


def test_missing_system_row_and_partial_run(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    rows = (run / "results.jsonl").read_text().splitlines()
    (run / "results.jsonl").unlink()
    (run / "scores.json").unlink()
    # two rows scored so far, then a torn line from a crash mid-write
    (run / "results.partial.jsonl").write_text(rows[0] + "\n" + rows[1] + "\n" + rows[2][:40])
    loaded = load_run(run)
    assert loaded.partial and len(loaded.results) == 2
    data = build_payload(loaded, {}).data
    assert data["docs"][1]["r"] == [None, None]
    assert data["meta"]["partial"] is True and data["meta"]["metrics"] == []
    html = write_report(run).read_text(encoding="utf-8")
    assert "the run has not finished" in html and "no scores.json" in html


def test_a_failed_runs_report_says_why_it_stopped(tmp_path: Path) -> None:
    # trial: the report of a failed run said "failed (partial)" but not the reason run.json keeps
    run = make_run(tmp_path)
    info = json.loads((run / "run.json").read_text())
    info.update(status="failed", reason="ConfigError: system api: <b>refused</b> the request (http 401)")
    (run / "run.json").write_text(json.dumps(info))
    assert load_run(run).notes[0] == "the run failed: ConfigError: system api: <b>refused</b> the request (http 401)"
    html = write_report(run).read_text(encoding="utf-8")
    assert "the run failed: ConfigError: system api: &lt;b&gt;refused&lt;/b&gt; the request" in html  # shown, escaped


def test_not_a_run_folder(tmp_path: Path) -> None:
    with pytest.raises(RunFolderError, match="no documents.jsonl"):
        write_report(tmp_path)
    with pytest.raises(RunFolderError, match="no such run folder"):
        write_report(tmp_path / "absent")


def test_offsets_are_utf16_for_astral_characters(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    rows = [json.loads(line) for line in (run / "results.jsonl").read_text().splitlines()]
    summary = "\U0001F600\U0001F600 The council approved 3,000 million."
    start = summary.index("3,000")  # 23 code points; JavaScript counts 25 UTF-16 units
    rows[0]["summary"] = summary
    rows[0]["factcheck"]["flags"][0].update(start=start, end=start + 5)
    rows[0]["factcheck"]["items"] = []
    rows[0]["faithfulness"]["sentences"] = []
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    flag = build_payload(load_run(run), {}).data["docs"][0]["r"][0]["fl"][0]
    assert (flag["a"], flag["b"]) == (start + 2, start + 7)
    units = summary.encode("utf-16-le")
    assert units[2 * flag["a"]:2 * flag["b"]].decode("utf-16-le") == "3,000"
    f = utf16_index("x\U0001F600y")
    assert [f(i) for i in range(4)] == [0, 1, 3, 4]


def test_json_for_script_escapes_html_breakers() -> None:
    value = {"a": "</script><!-- <script>", "b": "x & y > z", "c": "line\u2028sep\u2029par"}
    text = json_for_script(value)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == value


def test_nearest_source_span_needs_shared_words() -> None:
    src = "Rain fell in Paris. The mayor of Lyon opened a bridge."
    assert nearest_source_span(split_sentences(src), "Something else entirely") is None
    assert nearest_source_span(split_sentences(src), "Rain in Paris") == (0, 19)


def test_histogram_bins_cover_the_closed_interval() -> None:
    assert histogram_counts([0.0, 0.099, 0.1, 0.95, 1.0], bins=10) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]


def test_write_report_is_atomic_and_self_contained(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    (run / "report.html").write_text("old")
    path = write_report(run)
    html = path.read_text(encoding="utf-8")
    assert path == run / "report.html" and html.startswith("<!DOCTYPE html>")
    assert [p.name for p in run.iterdir() if p.name.startswith(".report.")] == []
    # no external assets: nothing is fetched from anywhere
    assert not re.search(r'\b(src|href)\s*=\s*"(https?:)?//', html)
    assert "@import" not in html and "url(" not in html
    data = _data_block(html, "sumcheck-data")
    assert [d["id"] for d in data["docs"]] == ["doc-1", "doc-2"]
    assert _data_block(html, "sumcheck-config") == {"mode": "static"}
    # the overview shows each system's interval from scores.json
    assert "0.100 <span class=\"ci\">[0.100, 0.100]</span>" in html


def test_csp_allows_exactly_the_inline_script(tmp_path: Path) -> None:
    import base64
    import hashlib

    html = write_report(make_run(tmp_path)).read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert f"script-src &#x27;sha256-{digest}&#x27;" in csp and "default-src &#x27;none&#x27;" in csp


def test_reads_rows_made_by_the_fact_checkers_own_records(tmp_path: Path) -> None:
    """Contract with eval/factcheck: its FactCheck.to_json() rows render (flags, labels, evidence)."""
    check = pytest.importorskip("sumcheck.factcheck.check", reason="fact-checker not in this build")
    run = make_run(tmp_path)
    rows = [json.loads(line) for line in (run / "results.jsonl").read_text().splitlines()]
    start = SUM1_LEAD.index("3,000")
    src = SRC1.index("300")
    fc = check.FactCheck(items=(
        check.Item(kind="number", text="3,000", start=start, end=start + 5, verdict="unsupported",
                   reason="3,000 is 10x the source's 300", evidence=(check.Evidence(src, src + 3, "300"),), label="money"),
    ))
    rows[0]["factcheck"] = fc.to_json()
    rows[0]["values"]["fact_precision"] = fc.precision
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    data = build_payload(load_run(run), {}).data
    (flag,) = data["docs"][0]["r"][0]["fl"]
    assert (flag["x"], flag["lb"], data["reasons"][flag["r"]]) == ("3,000", "money", "3,000 is 10x the source's 300")
    assert [SRC1[a:b] for a, b in flag["ev"]] == ["300"]
    assert data["docs"][0]["r"][0]["fp"] == 0.0


def test_odd_unicode_in_documents_still_writes_a_valid_page(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    docs = [json.loads(line) for line in (run / "documents.jsonl").read_text().splitlines()]
    docs[1]["document"] += " lone \ud800 surrogate, \u2028 line separator, \u00e9t\u00e9"
    (run / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    html = write_report(run).read_bytes().decode("utf-8")  # valid UTF-8
    data = json.loads(re.search(r'id="sumcheck-data">(.*?)</script>', html, re.S).group(1))
    assert data["docs"][1]["t"].endswith(" lone \ud800 surrogate, \u2028 line separator, \u00e9t\u00e9")


def test_static_report_embeds_latest_verdicts_of_this_runs_flags(tmp_path: Path) -> None:
    from sumcheck.review.store import Verdict, append_verdict

    from report_helpers import first_flag

    run = make_run(tmp_path)
    flag = first_flag(run)
    for verdict, who in (("confirm", "ana"), ("dismiss", "bo")):
        append_verdict(run, Verdict(flag_id=flag["flag_id"], doc_id="doc-1", system="lead3", kind="number",
                                    text="3,000", start=flag["start"], end=flag["end"], verdict=verdict,
                                    reviewer=who, time="2026-11-25T10:00:00Z"))
    append_verdict(run, Verdict(flag_id="ffffffffffffffff", doc_id="gone", system="lead3", kind="number", text="1",
                                start=0, end=1, verdict="confirm", reviewer="ana", time="2026-11-25T10:00:00Z"))
    html = write_report(run).read_text(encoding="utf-8")
    reviews = _data_block(html, "sumcheck-data")["reviews"]
    assert reviews == {flag["flag_id"]: {"v": "dismiss", "who": "bo", "at": "2026-11-25T10:00:00Z", "c": ""}}


def _scores(run: Path) -> dict:
    return json.loads((run / "scores.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("scores", "expected"), [
    ({"systems": [1]}, '"systems" must be an object'),
    ({"systems": {"lead3": [1]}}, '"systems"."lead3" must be an object'),
    ({"systems": {"lead3": "x"}}, '"systems"."lead3" must be an object'),
    ({"version": 1}, '"systems" must be an object'),
    ([1, 2], "expected a JSON object"),
])
def test_malformed_scores_json_is_a_run_folder_error(tmp_path: Path, scores, expected) -> None:
    # regression: {"systems":[1]} crashed the report with AttributeError (payload.py)
    run = make_run(tmp_path)
    (run / "scores.json").write_text(json.dumps(scores), encoding="utf-8")
    with pytest.raises(RunFolderError) as info:
        write_report(run)
    assert expected in str(info.value) and "scores.json" in str(info.value)


@pytest.mark.parametrize("cell", [
    {"mean": "x"}, {"mean": "0.5"}, {"mean": True}, {"mean": [0.5]}, {"mean": 1e400},
    {"mean": 0.5, "ci_low": "x", "ci_high": 0.6}, {"mean": 0.5, "ci_low": None, "ci_high": {}}, "not a cell", 3,
])
def test_non_numeric_score_cells_render_as_n_a_or_without_interval(tmp_path: Path, cell) -> None:
    # regression: {"mean":"x"} crashed the report with ValueError (page.py _cell)
    run = make_run(tmp_path)
    scores = _scores(run)
    scores["systems"]["lead3"]["rouge1"] = cell
    (run / "scores.json").write_text(json.dumps(scores), encoding="utf-8")
    html = write_report(run).read_text(encoding="utf-8")
    row = re.search(r"<tr><td>rouge1</td>(.*?)</tr>", html, re.S).group(1)
    lead_cell = re.findall(r"<td[^>]*>.*?</td>", row, re.S)[0]
    if isinstance(cell, dict) and cell.get("mean") == 0.5:
        assert "0.500" in lead_cell and 'class="ci"' not in lead_cell
    else:
        assert "n/a" in lead_cell


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_rows_holding_unicode_line_separators_are_read_whole(tmp_path: Path, separator: str) -> None:
    # regression: str.splitlines() broke rows written with ensure_ascii=False at U+2028/U+2029/U+0085
    run = make_run(tmp_path)
    rows = [json.loads(line) for line in (run / "results.jsonl").read_text(encoding="utf-8").split("\n") if line]
    rows[0]["summary"] = f"first{separator}second"
    (run / "results.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert separator in (run / "results.jsonl").read_text(encoding="utf-8")  # raw, not escaped
    loaded = load_run(run)
    assert len(loaded.results) == len(rows) and loaded.results[0]["summary"] == f"first{separator}second"


def test_a_tail_torn_inside_a_character_is_tolerated_in_a_partial_run(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    lines = (run / "results.jsonl").read_bytes().split(b"\n")
    (run / "results.jsonl").unlink()
    torn = json.dumps({"id": "doc-2", "summary": "caf\u00e9"}, ensure_ascii=False).encode("utf-8")
    torn = torn[:torn.index(b"\xc3") + 1]  # cut between the two bytes of é
    (run / "results.partial.jsonl").write_bytes(lines[0] + b"\n" + lines[1] + b"\n" + torn)
    assert len(load_run(run).results) == 2
    (run / "results.jsonl").write_bytes(lines[0] + b"\n" + torn + b"\n" + lines[1] + b"\n")
    with pytest.raises(RunFolderError, match=r"results\.jsonl:2: not valid UTF-8"):
        load_run(run)
