"""What a new user sees: --format table|json|markdown, a table that fits 100 columns, why values are
unscored, the run summary line, and the one-line messages for common mistakes (issue 17)."""

import json
from pathlib import Path

import pytest

from sumcheck.cli import main
from sumcheck.cli.output import scores_table, unscored_lines, unscored_reasons

DOC = "The cat sat on the mat in Paris on Monday. It was a sunny day and the cat was happy."


def _write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _systems_input(tmp_path: Path, n_systems: int, *, reference: bool = True) -> Path:
    rows = []
    for k in range(n_systems):
        for d in range(3):
            row = {"id": f"d{d}", "document": DOC + f" Item {d}.", "system": f"system-number-{k}",
                   "summary": "the cat sat on the mat" if k % 2 == 0 else "the dog"}
            if reference:
                row["reference"] = "the cat sat on the mat"
            rows.append(row)
    return _write_jsonl(tmp_path / f"in{n_systems}.jsonl", rows)


def _score(tmp_path, capsys, argv):
    code = main(["score", *argv, "-q"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_score_format_json_is_clean_json_on_stdout(tmp_path, capsys):
    src = _systems_input(tmp_path, 2)
    code, out, err = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge",
                                                "--no-report", "--format", "json"])
    assert code == 0, err
    data = json.loads(out)  # the whole of stdout is one JSON document
    systems = data["scores"]["systems"]
    # ROUGE-1 F of an exact copy of the reference is 1; "the dog" vs the 6-token reference shares
    # one unigram ("the"): P = 1/2, R = 1/6, F = 2PR/(P+R) = 0.25
    assert systems["system-number-0"]["rouge1"]["mean"] == pytest.approx(1.0)
    assert systems["system-number-1"]["rouge1"]["mean"] == pytest.approx(0.25)
    assert data["n_rows"] == 6 and data["generated"] == 0 and data["unscored"] == []
    assert data["run_dir"] == str(tmp_path / "o")


def test_score_format_markdown(tmp_path, capsys):
    src = _systems_input(tmp_path, 2)
    code, out, _ = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge",
                                              "--no-report", "--format", "markdown"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "| metric | system-number-0 | system-number-1 |"
    assert lines[1] == "|---|---|---|"
    assert any(line.startswith("| rouge1 | 1.0000 [1.0000, 1.0000] | 0.2500 [0.2500, 0.2500] |") for line in lines)


@pytest.mark.parametrize("n_systems", [4, 9])
def test_default_table_fits_100_columns(tmp_path, capsys, n_systems):
    src = _systems_input(tmp_path, n_systems)
    code, out, err = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge,factcheck",
                                                "--no-report"])
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) <= 100
    for k in range(n_systems):  # every system is still shown (the table wraps into blocks)
        assert f"system-number-{k} (3 docs)" in out
    # every block lists every metric: 9 values of factcheck and rouge
    assert out.count("rouge1 ") == out.count("metric ") and out.count("metric ") >= 2


def test_table_wraps_only_when_needed():
    est = {"mean": 0.5, "ci_low": 0.4, "ci_high": 0.6, "n": 2, "unscored": 0}
    two = scores_table({"systems": {"a": {"rouge1": est}, "b": {"rouge1": est}}})
    assert two.count("metric") == 1
    many = scores_table({"systems": {f"s{i}": {"rouge1": est} for i in range(9)}}, width=100)
    blocks = many.split("\n\n")
    assert len(blocks) > 1 and all(len(line) <= 100 for line in many.splitlines())


def test_console_says_why_a_metric_is_unscored(tmp_path, capsys):
    src = _systems_input(tmp_path, 3, reference=False)
    code, out, _ = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge", "--no-report"])
    assert code == 0
    assert "rouge: unscored 9/9 - no reference summary" in out
    assert "n=0" not in out


def test_unscored_reasons_name_the_systems_affected():
    rows = [{"system": "a", "rouge": {"score": None, "reason": "empty summary"}, "values": {"rouge1": None}},
            {"system": "a", "rouge": {"rouge1": {"fmeasure": 0.5}}, "values": {"rouge1": 0.5}},
            {"system": "b", "rouge": {"rouge1": {"fmeasure": 0.5}}, "values": {"rouge1": 0.5}}]
    reasons = unscored_reasons(rows)
    # the denominator is every row of the run (3), not only system a's (2)
    assert reasons == [{"what": "rouge", "reason": "empty summary", "count": 1, "of": 3, "systems": {"a": 1}}]
    assert unscored_lines(reasons, 2) == ["rouge: unscored 1/3 on a - empty summary"]
    several = [{"what": "faithfulness", "reason": "empty summary", "count": 3, "of": 6, "systems": {"a": 1, "b": 2}}]
    assert unscored_lines(several, 3) == ["faithfulness: unscored 3/6 on a (1), b (2) - empty summary"]


def test_unscored_denominator_is_every_row_of_the_run(tmp_path, capsys):
    # 6 rows: system-number-0 on 3 documents with a reference, system-number-1 on 3 others without one
    rows = [{"id": f"d{d}", "document": DOC + f" Item {d}.", "system": "system-number-0", "summary": "the cat",
             "reference": "the cat sat"} for d in range(3)]
    rows += [{"id": f"e{d}", "document": DOC + f" Other {d}.", "system": "system-number-1", "summary": "the dog"}
             for d in range(3)]
    src = _write_jsonl(tmp_path / "partial.jsonl", rows)
    code, out, _ = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge", "--no-report"])
    assert code == 0 and "rouge: unscored 3/6 on system-number-1 - no reference summary" in out
    code, out, _ = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge", "--no-report",
                                             "--format", "json"])
    [reason] = json.loads(out)["unscored"]
    assert (reason["count"], reason["of"], reason["systems"]) == (3, 6, {"system-number-1": 3})


def test_a_value_unscored_while_its_metric_scored_takes_the_declared_reason():
    rows = [{"system": "a", "factcheck": {"precision": 1.0, "number_precision": None, "reason": None},
             "values": {"fact_precision": 1.0, "number_precision": None}}]
    [reason] = unscored_reasons(rows)
    assert reason["what"] == "number_precision" and "no number" in reason["reason"]


def test_empty_metrics_is_an_error(tmp_path, capsys):
    src = _systems_input(tmp_path, 1)
    code, _, err = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", ""])
    assert code == 2 and "--metrics is empty" in err and "factcheck" in err
    assert not (tmp_path / "o").exists()


def test_reusing_out_says_what_differs_and_overwrite_starts_afresh(tmp_path, capsys):
    src = _systems_input(tmp_path, 1)
    out = tmp_path / "o"
    assert _score(tmp_path, capsys, [str(src), "--out", str(out), "--metrics", "rouge", "--no-report"])[0] == 0
    (out / "reviews.jsonl").write_text("{}\n")  # something of the old run
    code, _, err = _score(tmp_path, capsys, [str(src), "--out", str(out), "--metrics", "rouge,factcheck", "--no-report"])
    assert code == 2
    assert "holds a different run; what differs: metrics.factcheck;" in err and "--overwrite" in err
    other = _write_jsonl(tmp_path / "other.jsonl", [{"id": "d0", "document": DOC, "summary": "the cat", "system": "x"}])
    code, _, err = _score(tmp_path, capsys, [str(other), "--out", str(out), "--metrics", "rouge", "--no-report"])
    assert code == 2 and "the summaries" in err and "the documents (data sha1" in err
    code, _, err = _score(tmp_path, capsys, [str(other), "--out", str(out), "--metrics", "rouge", "--no-report", "--overwrite"])
    assert code == 0, err
    assert not (out / "reviews.jsonl").exists()
    assert [json.loads(line)["system"] for line in (out / "results.jsonl").read_text().splitlines()] == ["x"]


def test_overwrite_never_deletes_a_folder_that_is_not_a_run(tmp_path, capsys):
    src = _systems_input(tmp_path, 1)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    code, _, err = _score(tmp_path, capsys, [str(src), "--out", str(out), "--metrics", "rouge", "--overwrite"])
    assert code == 2 and "holds no sumcheck run" in err
    assert (out / "precious.txt").read_text() == "keep me"


def test_a_folder_of_bare_txt_files_is_a_source_for_run_not_for_score(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC)
    code, _, err = _score(tmp_path, capsys, [str(folder), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "holds documents only" in err and "documents/ID.txt + summaries/SYSTEM/ID.txt" in err
    assert err.count("\n") == 1


def test_the_txt_scoring_layout(tmp_path, capsys):
    root = tmp_path / "layout"
    for sub in ("documents", "summaries/sys-a", "summaries/sys-b", "references"):
        (root / sub).mkdir(parents=True)
    for i in ("1", "2"):
        (root / "documents" / f"{i}.txt").write_text(DOC)
        (root / "references" / f"{i}.txt").write_text("the cat sat on the mat\n")
        (root / "summaries" / "sys-a" / f"{i}.txt").write_text("the cat sat on the mat\n")
    (root / "summaries" / "sys-b" / "1.txt").write_text("the dog\n")  # a system need not cover every document
    code, out, err = _score(tmp_path, capsys, [str(root), "--out", str(tmp_path / "o"), "--metrics", "rouge",
                                                "--no-report", "--format", "json"])
    assert code == 0, err
    systems = json.loads(out)["scores"]["systems"]
    assert systems["sys-a"]["rouge1"]["mean"] == pytest.approx(1.0) and systems["sys-a"]["rouge1"]["n"] == 2
    assert systems["sys-b"]["rouge1"]["mean"] == pytest.approx(0.25) and systems["sys-b"]["rouge1"]["n"] == 1


def test_a_summary_without_its_document_is_an_error(tmp_path, capsys):
    root = tmp_path / "layout"
    (root / "documents").mkdir(parents=True)
    (root / "summaries" / "s").mkdir(parents=True)
    (root / "documents" / "1.txt").write_text(DOC)
    (root / "summaries" / "s" / "1.txt").write_text("x")
    (root / "summaries" / "s" / "2.txt").write_text("y")
    code, _, err = _score(tmp_path, capsys, [str(root), "--out", str(tmp_path / "o"), "--metrics", "rouge"])
    assert code == 2 and "summaries without a document" in err and ": 2" in err


def test_run_summary_line_counts_generated_and_cached():
    from sumcheck.cli.cmd_run import run_summary
    from sumcheck.pipeline import RunOutcome

    outcome = RunOutcome(Path("runs/x"), 5, 10, generated=7, scored=10, scores={}, from_cache=3)
    # 10 rows: 7 made in this session (3 of them from the cache), so 4 generated; 3 were in the folder
    assert run_summary(outcome) == ("10 rows: 4 summaries generated, 3 from the summary cache, 3 already in the run "
                                    "folder; 10 pairs scored -> runs/x")
    # 2 of the 4 made afresh failed: they are not "generated" (new-user trial, session 5: "6 generated ... 1 failed")
    failed = RunOutcome(Path("runs/x"), 5, 10, generated=7, scored=10, scores={}, from_cache=3, failed=2)
    assert run_summary(failed) == ("10 rows: 2 summaries generated, 3 from the summary cache, 3 already in the run folder, "
                                   "2 failed to generate (unscored; run the same command again to ask again); "
                                   "10 pairs scored -> runs/x")


def _run_config(tmp_path: Path, body: str) -> Path:
    docs = _write_jsonl(tmp_path / "docs.jsonl", [{"id": "a", "document": DOC, "reference": "the cat sat on the mat"}])
    path = tmp_path / "run.yaml"
    path.write_text(f"version: 1\nname: t\ndata: {{path: {docs}}}\n" + body, encoding="utf-8")
    return path


def test_run_prints_the_summary_line_and_json(tmp_path, capsys):
    config = _run_config(tmp_path, "systems: [{name: lead1, type: lead, k: 1}]\nmetrics: {rouge: {}}\nreport: false\n")
    assert main(["run", str(config), "--out", str(tmp_path / "o"), "-q"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(f"1 row: 1 summary generated, 0 from the summary cache; 1 pair scored -> {tmp_path / 'o'}")
    assert main(["run", str(config), "--out", str(tmp_path / "o2"), "-q", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["generated"] == 1 and data["from_cache"] == 0 and "lead1" in data["scores"]["systems"]


def test_unknown_settings_name_their_config_file(tmp_path, capsys):
    config = _run_config(tmp_path, "systems: [{name: lead1, type: lead, k: 1}]\nmetrics: {rouge: {stemer: true}}\n")
    assert main(["run", str(config), "--out", str(tmp_path / "o"), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"{config}: metrics.rouge: unknown rouge setting(s) 'stemer'; did you mean 'stemmer'?" in err


def test_run_reports_every_missing_model_at_once(tmp_path, capsys):
    body = ("systems:\n"
            f"  - {{name: first, type: causal, model: {tmp_path / 'no-such-model-a'}}}\n"
            "  - {name: lead1, type: lead, k: 1}\n"
            f"  - {{name: second, type: seq2seq, model: {tmp_path / 'no-such-model-b'}}}\n")
    config = _run_config(tmp_path, body)
    assert main(["run", str(config), "--out", str(tmp_path / "o"), "-q"]) == 3
    err = capsys.readouterr().err
    assert "2 models are not on this machine: " in err and err.count("\n") == 1
    assert "(first)" in err and "(second)" in err and "no-such-model-a" in err and "no-such-model-b" in err


def test_compare_and_gate_format_json_and_markdown(tmp_path, capsys):
    src = _systems_input(tmp_path, 1)
    for name in ("base", "cand"):
        assert main(["score", str(src), "--out", str(tmp_path / name), "--metrics", "rouge", "--no-report", "-q"]) == 0
    capsys.readouterr()
    assert main(["compare", str(tmp_path / "base"), str(tmp_path / "cand"), "--format", "json", "--resamples", "200"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is True and {m["metric"] for m in data["metrics"]} >= {"rouge1"}
    code = main(["gate", str(tmp_path / "base"), str(tmp_path / "cand"), "--format", "markdown", "--resamples", "200",
                 "--out", str(tmp_path / "g")])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.startswith("### ") and "| " in captured.out and "wrote " not in captured.out
    assert "wrote " in captured.err


def test_reusing_out_for_another_config_names_the_config_keys(tmp_path, capsys):
    config = _run_config(tmp_path, "systems: [{name: lead1, type: lead, k: 1}]\nmetrics: {rouge: {}}\nreport: false\n")
    out = tmp_path / "o"
    assert main(["run", str(config), "--out", str(out), "-q"]) == 0
    changed = _run_config(tmp_path, "systems: [{name: lead1, type: lead, k: 2}]\nmetrics: {rouge: {}}\nreport: false\n")
    capsys.readouterr()
    assert main(["run", str(changed), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "holds a different run; what differs: config.systems, models.lead1;" in err and "--overwrite" in err
    assert main(["run", str(changed), "--out", str(out), "-q", "--overwrite"]) == 0


@pytest.mark.parametrize("rows, message", [
    # the column exists in the only row, but is null: name the line, not "no summary column"
    ([{"document": DOC, "summary": None}], "in.jsonl:1: no summary (the field is missing or null)"),
    ([{"document": DOC, "summary": "x"}, {"document": DOC + " More.", "summary": None}], "in.jsonl:2: no summary"),
    ([{"document": DOC}], "in.jsonl: no summary column (looked for summary"),
    # new-user trial, session 15: a misspelt column is named, so the typo shows
    ([{"document": DOC, "summry": "x"}], "in.jsonl: no summary column (looked for summary, claim, prediction...; other "
                                          "columns: summry)"),
])
def test_no_summary_column_versus_a_null_summary(tmp_path, capsys, rows, message):
    src = _write_jsonl(tmp_path / "in.jsonl", rows)
    code, _, err = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge"])
    assert code == 2 and message in err


def test_a_numeric_reference_is_an_input_error_naming_the_line(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", [{"document": "The cat has 3 legs.", "summary": "The cat has 3 legs.",
                                                 "reference": 42}])
    code, _, err = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge"])
    assert code == 2 and "in.jsonl:1: field 'reference' must be text" in err


@pytest.mark.parametrize("command", ["gate", "compare"])
def test_gate_signature_mismatch_in_json_and_markdown_is_a_document_on_stdout(tmp_path, capsys, command):
    from gate_helpers import base_rows, write_run

    rows = base_rows(10)
    base = write_run(tmp_path / "base", rows)
    cand = write_run(tmp_path / "cand", rows, settings={"rouge1": {"tok": "unicode"}})
    code = main([command, str(base), str(cand), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and "tok: baseline 'rouge-score' != candidate 'unicode'" in err  # the text error stays on stderr
    doc = json.loads(out)
    assert (doc["comparable"], doc["exit_code"], doc["command"]) == (False, 2, command)
    assert "signatures differ" in doc["error"] and "tok: baseline 'rouge-score' != candidate 'unicode'" in doc["diff"]
    assert {"field": "tok", "baseline": "rouge-score", "candidate": "unicode"}.items() <= doc["mismatches"][0].items()
    code = main([command, str(base), str(cand), "--format", "markdown"])
    out, _ = capsys.readouterr()
    assert code == 2 and out.startswith(f"### sumcheck {command}: not comparable")
    assert "```\n" in out and "candidate 'unicode'" in out
    code = main([command, str(base), str(cand)])  # the table format keeps stdout empty, as before
    assert code == 2 and capsys.readouterr().out == ""


def test_gate_unreadable_input_in_json_is_a_document_on_stdout(tmp_path, capsys):
    code = main(["gate", str(tmp_path / "nope"), str(tmp_path / "nope2"), "--format", "json"])
    out, _ = capsys.readouterr()
    doc = json.loads(out)
    assert code == 2 and doc["exit_code"] == 2 and "no such run folder or baseline file" in doc["error"]


@pytest.mark.parametrize("command", ["score", "run", "compare", "gate"])
def test_help_fits_100_columns(capsys, command):
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0
    too_wide = [line for line in out.splitlines() if len(line) > 100]
    assert not too_wide, too_wide


@pytest.mark.parametrize("command", ["score", "run"])
def test_workers_help_says_what_0_means(capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "200")  # one help entry per line
    with pytest.raises(SystemExit):
        main([command, "--help"])
    [entry] = [line for line in capsys.readouterr().out.splitlines() if line.lstrip().startswith("--workers")]
    assert "0: all cores" in entry


def test_the_closing_line_does_not_call_rows_scored_that_no_metric_scored(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "document": DOC, "summary": "the cat", "reference": "the cat"},
                                               {"id": "b", "document": DOC, "summary": "the cat"}])
    code, out, _ = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge", "--no-report"])
    assert code == 0 and "rouge: unscored 1/2 - no reference summary" in out
    assert f"2 rows: 1 with a score, 1 unscored by every metric (reasons above) -> {tmp_path / 'o'}" in out
    assert "2 rows scored" not in out


def test_one_row_is_counted_in_the_singular(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", [{"document": DOC, "summary": "the cat", "reference": "the cat"}])
    code, out, _ = _score(tmp_path, capsys, [str(src), "--out", str(tmp_path / "o"), "--metrics", "rouge", "--no-report"])
    assert code == 0 and "input (1 doc)" in out and "(1 docs)" not in out
    assert f"1 row scored -> {tmp_path / 'o'}" in out


def test_an_interrupt_inside_a_destructor_prints_no_traceback():
    # new-user trial: Ctrl-C once surfaced as "Exception ignored in: <function Group.__del__ ...> KeyboardInterrupt"
    import subprocess
    import sys

    code = ("import sys\nfrom sumcheck.cli import _quiet_interrupts\nsys.unraisablehook = _quiet_interrupts(sys.unraisablehook)\n"
            "class A:\n    def __del__(self):\n        raise KeyboardInterrupt\n"
            "class B:\n    def __del__(self):\n        raise ValueError('kept')\n"
            "a = A(); del a\nb = B(); del b\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "KeyboardInterrupt" not in out.stderr  # dropped
    assert "ValueError: kept" in out.stderr       # any other unraisable exception is still reported
