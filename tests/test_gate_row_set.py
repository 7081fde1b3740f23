"""A baseline (or results file) with rows removed contradicts its own data record (issue 28, row 9).

Deleting the baseline's rows of the documents a candidate regressed on left the gate comparing only
the rest, and it said PASS with no note, although both sides carry the same data hash. Each metric's
signature records ``n`` (the rows it scored) and the run records ``n_documents``: a row set that
does not add up to them is refused, exit 2, naming the system, the metric and both counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sumcheck.cli import main

DOCS = [f"The council of town {i} met on Monday and approved a budget of {i} million euros for the harbour works."
        for i in range(1, 31)]


def score(tmp_path: Path, name: str, bad: set[int]) -> Path:
    rows = [{"id": f"d{i:02d}", "system": "sys", "document": doc, "reference": doc,
             "summary": "Unrelated words about the weather." if i in bad else doc} for i, doc in enumerate(DOCS, 1)]
    data = tmp_path / f"{name}.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / name
    assert main(["score", str(data), "--out", str(out), "--metrics", "rouge", "--resamples", "50", "--no-report"]) == 0
    return out


@pytest.fixture()
def runs(tmp_path):
    return score(tmp_path, "base", set()), score(tmp_path, "cand", set(range(1, 13)))


def test_the_candidate_regression_fails_the_gate_against_the_full_baseline(runs, tmp_path, capsys):
    base, cand = runs
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", str(base), "--out", str(baseline)]) == 0
    assert main(["gate", str(baseline), str(cand)]) == 1  # the premise: the regression is caught


def test_a_baseline_with_the_regressed_rows_removed_is_refused(runs, tmp_path, capsys):
    base, cand = runs
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", str(base), "--out", str(baseline)]) == 0
    lines = baseline.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not any(f'"id": "d{i:02d}"' in line for i in range(1, 13))]
    assert len(kept) == len(lines) - 12
    baseline.write_text("\n".join(kept).replace("},\n  ]", "}\n  ]") + "\n", encoding="utf-8")
    json.loads(baseline.read_text())  # still a valid file: only rows are gone
    capsys.readouterr()
    assert main(["gate", str(baseline), str(cand)]) == 2
    err = capsys.readouterr().err
    assert "baseline.json" in err and "'sys'" in err and "n=30" in err and "18 row(s)" in err and "PASS" not in err


def test_a_results_file_with_rows_removed_is_refused(runs, capsys):
    base, cand = runs
    results = cand / "results.jsonl"
    lines = results.read_text(encoding="utf-8").splitlines()
    results.write_text("\n".join(line for line in lines if '"id": "d01"' not in line) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["gate", str(base), str(cand)]) == 2
    err = capsys.readouterr().err
    assert "results.jsonl" in err and "n=30" in err and "29 row(s)" in err


def test_rows_removed_for_every_metric_still_contradict_the_document_count(runs, tmp_path, capsys):
    base, _ = runs
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", str(base), "--out", str(baseline)]) == 0
    doc = json.loads(baseline.read_text())
    doc["rows"] = [r for r in doc["rows"] if r["id"] != "d01"]
    for metrics in doc["signatures"].values():  # even with the signatures' n edited to match
        for key, sig in metrics.items():
            metrics[key] = sig.replace("|n:30|", "|n:29|")
    baseline.write_text(json.dumps(doc), encoding="utf-8")
    capsys.readouterr()
    assert main(["gate", str(baseline), str(base)]) == 2
    err = capsys.readouterr().err
    assert "rows for 29 document(s), but the run had 30" in err
