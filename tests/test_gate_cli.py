"""`sumcheck compare`, `sumcheck gate` and `sumcheck baseline` through their cmd modules' run(args).

Each test builds its Namespace with the module's own add_parser on a fresh ArgumentParser.
"""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from gate_helpers import add_flag, base_rows, changed, number_flag, review_row, write_run

from sumcheck.cli import cmd_baseline, cmd_compare, cmd_gate

REPO = Path(__file__).resolve().parents[1]


def _args(module, argv):
    parser = argparse.ArgumentParser(prog="sumcheck")
    module.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def _run(module, name, argv, capsys):
    args = _args(module, [name, *map(str, argv)])
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def runs(tmp_path):
    rows = base_rows(40)
    return tmp_path, rows, write_run(tmp_path / "base", rows)


def test_gate_identical_candidate_exits_0(runs, capsys):
    tmp, rows, base = runs
    code, out, _ = _run(cmd_gate, "gate", [base, write_run(tmp / "cand", rows)], capsys)
    assert code == 0 and "PASS" in out


def test_gate_shipped_config_is_accepted(runs, capsys):
    tmp, rows, base = runs
    code, _, err = _run(cmd_gate, "gate", [base, write_run(tmp / "cand", rows), "--config", REPO / "configs" / "gate.yaml"], capsys)
    assert code == 0, err


def test_gate_clear_drop_exits_1_and_names_the_metric(runs, capsys):
    tmp, rows, base = runs
    cand = write_run(tmp / "cand", changed(rows, "rougeL", lambda i, v: v - 0.05))
    code, out, _ = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 1
    regressions = out.split("Regressions:")[1]
    assert "lead3 rougeL:" in regressions and "faithfulness" not in regressions


def test_gate_new_unsupported_number_exits_1(runs, capsys):
    tmp, rows, base = runs
    cand = write_run(tmp / "cand", add_flag(rows, "doc-3", number_flag("3,000")))
    code, out, _ = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 1 and "'doc-3'" in out and "'3,000'" in out


def test_gate_dismissed_flag_exits_0(runs, capsys):
    tmp, rows, base = runs
    flag = number_flag("3,000")
    cand = write_run(tmp / "cand", add_flag(rows, "doc-3", flag), reviews=[review_row("doc-3", flag, "dismiss")])
    code, _, _ = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 0


def test_gate_mismatched_signatures_exit_2_with_diff(runs, capsys):
    tmp, rows, base = runs
    cand = write_run(tmp / "cand", rows, settings={"rouge1": {"tok": "unicode"}})
    out_dir = tmp / "out"
    code, out, err = _run(cmd_gate, "gate", [base, cand, "--out", out_dir], capsys)
    assert code == 2 and out == ""
    assert "tok: baseline 'rouge-score' != candidate 'unicode'" in err
    junit = ET.fromstring((out_dir / "junit.xml").read_text(encoding="utf-8"))
    assert junit.get("errors") == "1" and "tok" in junit.find(".//error").text


def test_compare_exits_0_even_on_a_drop_and_writes_every_format(runs, capsys):
    tmp, rows, base = runs
    cand = write_run(tmp / "cand", changed(rows, "faithfulness", lambda i, v: v - 0.1))
    out_dir = tmp / "out"
    code, out, _ = _run(cmd_compare, "compare", [base, cand, "--out", out_dir], capsys)
    assert code == 0 and "faithfulness" in out
    data = json.loads((out_dir / "comparison.json").read_text(encoding="utf-8"))
    faith = next(m for m in data["metrics"] if m["metric"] == "faithfulness")
    assert faith["delta"] == pytest.approx(-0.1) and faith["status"] == "worse>tol" and data["passed"] is False
    # compare is informational: no output says FAIL, and JUnit fails nothing, but says what the gate would do
    junit_text = (out_dir / "junit.xml").read_text(encoding="utf-8")
    junit = ET.fromstring(junit_text)
    assert [c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None] == []
    assert junit.find(".//property[@name='would_fail_gate']").get("value") == "1"
    md_text = (out_dir / "comparison.md").read_text(encoding="utf-8")
    assert "would fail the gate: 1 regression" in md_text and "would fail the gate: 1 regression" in out
    for text in (out, md_text, junit_text, (out_dir / "comparison.json").read_text(encoding="utf-8")):
        assert "FAIL" not in text
    assert (out_dir / "comparison.txt").read_text(encoding="utf-8") == out.split("wrote ")[0]


def test_options_override_the_config(runs, capsys):
    tmp, rows, base = runs
    cand = write_run(tmp / "cand", rows)
    code, out, _ = _run(cmd_compare, "compare", [base, cand, "--resamples", "300", "--seed", "7"], capsys)
    assert code == 0 and "300 resamples, seed 7" in out
    code, _, err = _run(cmd_compare, "compare", [base, cand, "--alpha", "2"], capsys)
    assert code == 2 and "alpha" in err


@pytest.mark.parametrize(("yaml_text", "expected"), [
    ("alpah: 0.1\n", "unknown key 'alpah'; did you mean 'alpha'?"),
    ("metrics:\n  rouge1: {tolerence: 0.1}\n", "unknown key 'metrics.rouge1.tolerence'; did you mean 'tolerance'?"),
    ("metrics:\n  rouge1: {direction: up}\n", "metrics.rouge1.direction"),
])
def test_bad_config_exits_2_with_one_line(runs, capsys, yaml_text, expected):
    tmp, rows, base = runs
    cfg = tmp / "gate.yaml"
    cfg.write_text(yaml_text, encoding="utf-8")
    code, _, err = _run(cmd_gate, "gate", [base, base, "--config", cfg], capsys)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_unreadable_input_exits_2(tmp_path, capsys):
    code, _, err = _run(cmd_gate, "gate", [tmp_path / "nope", tmp_path / "nope2"], capsys)
    assert code == 2 and "no such run folder or baseline file" in err
    (tmp_path / "half").mkdir()
    code, _, err = _run(cmd_gate, "gate", [tmp_path / "half", tmp_path / "half"], capsys)
    assert code == 2 and "no results.jsonl" in err


def test_baseline_file_gates_like_its_run(tmp_path, capsys):
    flag = number_flag("3,000")
    rows = add_flag(base_rows(40), "doc-3", flag)
    run = write_run(tmp_path / "base", rows, reviews=[review_row("doc-3", flag, "dismiss")])
    file = tmp_path / "ci" / "sumcheck-baseline.json"
    code, out, _ = _run(cmd_baseline, "baseline", [run, "--out", file], capsys)
    assert code == 0 and "40 rows" in out and "1 dismissed" in out
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["dismissed"][0]["text"] == "3,000" and data["dismissed"][0]["reviewer"] == "ana"
    assert next(r for r in data["rows"] if r["id"] == "doc-3")["values"]["unsupported_numbers"] == 0.0
    assert "summary" not in file.read_text(encoding="utf-8")  # no summaries or documents in the committed file

    cand = write_run(tmp_path / "cand", add_flag(changed(rows, "rouge1", lambda i, v: v - 0.03), "doc-9", number_flag("12")))
    c_run, out_run, _ = _run(cmd_gate, "gate", [run, cand, "--out", tmp_path / "o1"], capsys)
    c_file, out_file, _ = _run(cmd_gate, "gate", [file, cand, "--out", tmp_path / "o2"], capsys)
    assert c_run == c_file == 1
    j1, j2 = (json.loads((tmp_path / o / "comparison.json").read_text(encoding="utf-8")) for o in ("o1", "o2"))
    assert j1["metrics"] == j2["metrics"] and j1["regressions"] == j2["regressions"]
    assert {(r["kind"], r["metric"]) for r in j1["regressions"]} == {("metric", "rouge1"), ("new_unsupported", "unsupported_numbers")}


def test_baseline_of_a_missing_run_exits_2(tmp_path, capsys):
    code, _, err = _run(cmd_baseline, "baseline", [tmp_path / "none", "--out", tmp_path / "b.json"], capsys)
    assert code == 2 and "error" in err


def test_cmd_modules_import_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys, sumcheck.cli.cmd_gate, sumcheck.cli.cmd_compare, sumcheck.cli.cmd_baseline; "
            "print(sorted(m for m in ('sumcheck.gate', 'sumcheck.stats', 'sumcheck.gate.cli_run') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_gate_on_run_folders_written_by_sumcheck_score(tmp_path, capsys):
    """The gate reads what the real pipeline writes (ROUGE only: no model to load)."""
    cmd_score = pytest.importorskip("sumcheck.cli.cmd_score")
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike".split()
    docs = []
    for i in range(30):
        ref = " ".join(words[(i + k) % len(words)] for k in range(8)) + "."
        docs.append({"id": f"d{i}", "document": f"{ref} More text about item {i}.", "reference": ref})

    def score(name, summarize):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps({**d, "summary": summarize(d["reference"])}) + "\n" for d in docs), encoding="utf-8")
        args = _args(cmd_score, ["score", str(path), "--out", str(tmp_path / name), "--metrics", "rouge", "--system", "s", "--no-report"])
        args.quiet = True
        assert args.func(args) == 0
        return tmp_path / name

    base = score("base", lambda ref: ref)
    same = score("same", lambda ref: ref)
    worse = score("worse", lambda ref: " ".join(ref.split()[:4]))  # half the words: recall halves
    capsys.readouterr()
    assert _run(cmd_gate, "gate", [base, same], capsys)[0] == 0
    code, out, _ = _run(cmd_gate, "gate", [base, worse], capsys)
    assert code == 1 and "s rouge1:" in out


def test_unfinished_run_exits_2(runs, capsys):
    tmp, rows, base = runs
    cand = write_run(tmp / "cand", rows)
    (cand / "run.json").write_text(json.dumps({"status": "running"}), encoding="utf-8")
    code, _, err = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 2 and "not complete" in err


def _outputs(out_dir):
    return {name: (out_dir / name).read_text(encoding="utf-8")
            for name in ("comparison.txt", "comparison.json", "comparison.md", "junit.xml")}


def test_failed_gate_overwrites_a_passing_comparison(runs, capsys):
    # regression: stale comparison.json after a failed gate (signature mismatch left "passed": true)
    tmp, rows, base = runs
    out_dir = tmp / "out"
    assert _run(cmd_gate, "gate", [base, write_run(tmp / "same", rows), "--out", out_dir], capsys)[0] == 0
    assert json.loads((out_dir / "comparison.json").read_text(encoding="utf-8"))["passed"] is True
    cand = write_run(tmp / "cand", rows, settings={"rouge1": {"tok": "unicode"}})
    code, _, _ = _run(cmd_gate, "gate", [base, cand, "--out", out_dir], capsys)
    assert code == 2
    files = _outputs(out_dir)
    data = json.loads(files["comparison.json"])
    assert data["passed"] is False and data["comparable"] is False and "tok" in data["error"]
    assert "PASS" not in files["comparison.txt"] and "not comparable" in files["comparison.md"]


def test_unreadable_input_overwrites_a_passing_comparison(runs, capsys):
    # regression: stale comparison.json after a failed gate (any other SumcheckError wrote nothing)
    tmp, rows, base = runs
    out_dir = tmp / "out"
    assert _run(cmd_gate, "gate", [base, write_run(tmp / "same", rows), "--out", out_dir], capsys)[0] == 0
    code, _, err = _run(cmd_gate, "gate", [base, tmp / "nope", "--out", out_dir], capsys)
    assert code == 2 and "no such run folder or baseline file" in err
    files = _outputs(out_dir)
    data = json.loads(files["comparison.json"])
    assert data == {"passed": False, "comparable": False, "error": data["error"]}
    assert "no such run folder or baseline file" in data["error"]
    assert "PASS" not in files["comparison.txt"] and "no such run folder" in files["comparison.txt"]
    junit = ET.fromstring(files["junit.xml"])
    assert junit.get("errors") == "1" and junit.get("failures") == "0"
    assert "no such run folder" in junit.find(".//error").text


def test_error_outputs_to_an_unwritable_folder_exit_2_with_a_message(runs, capsys):
    tmp, rows, base = runs
    blocker = tmp / "afile"
    blocker.write_text("", encoding="utf-8")
    code, _, err = _run(cmd_gate, "gate", [base, tmp / "nope", "--out", blocker / "out"], capsys)
    assert code == 2 and "cannot write to" in err and "Traceback" not in err


def test_baseline_refuses_result_rows_without_values(runs):
    # trial: a hand-damaged results.jsonl (rows without "values") became a baseline of empty rows that every gate passed
    from sumcheck.gate.baseline import write_baseline
    from sumcheck.summarize.errors import InputError

    tmp, _rows, base = runs
    results = Path(base) / "results.jsonl"
    lines = results.read_text().splitlines()
    damaged = json.loads(lines[0])
    del damaged["values"]
    results.write_text("\n".join([json.dumps(damaged), *lines[1:]]) + "\n")
    with pytest.raises(InputError, match=r"results\.jsonl:1: a result row without 'values'"):
        write_baseline(base, tmp / "b.json")


def test_the_same_documents_in_another_order_are_the_same_data(tmp_path, capsys):
    # new-user trial, session 5: a reversed export of the same rows was "not comparable: data differs".
    # The data hash is over the set of documents and the corpus figures are computed in id order, so
    # scores.json is the same and the gate compares (and passes) like with like.
    from sumcheck.cli import main

    rows = [{"id": f"d{i}", "document": f"The council met on day {i} and approved {i * 3} new homes in Leeds.",
             "summary": f"The council approved {i * 3} homes.", "reference": f"Leeds council approved {i * 3} homes."}
            for i in range(1, 13)]
    for name, ordered in (("fwd", rows), ("rev", rows[::-1])):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ordered), encoding="utf-8")
        assert main(["score", str(tmp_path / f"{name}.jsonl"), "--out", str(tmp_path / name), "--metrics", "rouge", "-q"]) == 0
    fwd, rev = (json.loads((tmp_path / n / "scores.json").read_text(encoding="utf-8")) for n in ("fwd", "rev"))
    assert fwd == rev
    capsys.readouterr()
    code, out, _ = _run(cmd_gate, "gate", [tmp_path / "fwd", tmp_path / "rev"], capsys)
    assert code == 0 and "PASS" in out


def test_gate_out_onto_a_file_says_no_verdict(runs, capsys):
    # new-user trial, session 5: the table and "PASS: no regression" were printed, then exit 2
    tmp, rows, base = runs
    cand = write_run(tmp / "cand", rows)
    (tmp / "afile").write_text("", encoding="utf-8")
    code, out, err = _run(cmd_gate, "gate", [base, cand, "--out", tmp / "afile"], capsys)
    assert code == 2 and "PASS" not in out and "is a file; it must be a folder" in err
