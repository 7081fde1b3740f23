"""The foundation's promises, end to end through the CLI on real data (issue #2's "Shows")."""

import json
from pathlib import Path

import pytest

from sumcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def rows(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not (SHARED / "frank_val.jsonl").exists(), reason="../shared/data is not beside this checkout")
def test_score_frank_writes_one_result_per_input_line_in_order(tmp_path):
    out = tmp_path / "frank"
    assert main(["score", str(SHARED / "frank_val.jsonl"), "--out", str(out), "--metrics", "factcheck", "--no-report", "-q"]) == 0
    inputs = rows(SHARED / "frank_val.jsonl")
    results = rows(out / "results.jsonl")
    assert len(results) == len(inputs) == 671
    assert [r["summary"] for r in results] == [r["summary"] for r in inputs]
    assert [r["system"] for r in results] == [r["model_name"] for r in inputs]
    # labels and error types travel with each row for meta-evaluation
    assert [r["input"]["label"] for r in results] == [r["label"] for r in inputs]
    for r in results:
        fc = r["factcheck"]
        assert (fc["precision"] is None) == (fc["reason"] is not None)
    scores = json.loads((out / "scores.json").read_text())
    assert set(scores["systems"]) == {r["model_name"] for r in inputs}
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "complete" and run["n_documents"] == len({r["document"] for r in inputs})


def test_seed_style_run_with_extractive_baseline(tmp_path):
    """A run config through the CLI: every run-folder file, ROUGE where references exist, a signature per number."""
    config = tmp_path / "c.yaml"
    config.write_text(
        "version: 1\nname: t\n"
        f"data: {{path: {ROOT / 'seeds' / 'documents.jsonl'}}}\n"
        "systems: [{name: lead2, type: lead, k: 2}]\n"
        "metrics: {factcheck: {}, rouge: {}}\n"
        "statistics: {resamples: 200, seed: 7}\n"
        "report: false\n",
        encoding="utf-8",
    )
    out = tmp_path / "run"
    assert main(["run", str(config), "--out", str(out), "-q"]) == 0
    for name in ("run.json", "documents.jsonl", "predictions.jsonl", "results.jsonl", "scores.json"):
        assert (out / name).exists()
    results = rows(out / "results.jsonl")
    seeds = rows(ROOT / "seeds" / "documents.jsonl")
    assert [r["id"] for r in results] == [s["id"] for s in seeds]
    no_ref = [r for r, s in zip(results, seeds) if "reference" not in s]
    assert no_ref and all(r["rouge"] == {"score": None, "reason": "no reference summary"} for r in no_ref)
    scores = json.loads((out / "scores.json").read_text())["systems"]["lead2"]
    assert scores["rouge1"]["n"] == len(seeds) - len(no_ref)
    assert "|seed:7|" in scores["rouge1"]["signature"] and "|model:lead-2|" in scores["rouge1"]["signature"]
    # a second call generates and scores nothing new
    assert main(["run", str(config), "--out", str(out), "-q"]) == 0
    assert len(rows(out / "predictions.jsonl")) == len(seeds)


def test_a_200k_word_document_is_cut_and_the_cut_recorded(tmp_path):
    doc = "The council said 300 people attended the meeting in Leeds. " * 20_000  # 200,000 words
    data = tmp_path / "long.jsonl"
    data.write_text(json.dumps({"id": "long", "document": doc, "summary": "300 people met in Leeds."}) + "\n", encoding="utf-8")
    out = tmp_path / "run"
    assert main(["score", str(data), "--out", str(out), "--metrics", "factcheck", "--max-document-chars", "20000", "--no-report", "-q"]) == 0
    (row,) = rows(out / "results.jsonl")
    assert row["document_truncated_from_chars"] == len(doc)
    assert row["factcheck"]["precision"] == 1.0
    sig = json.loads((out / "scores.json").read_text())["systems"]["input"]["fact_precision"]["signature"]
    assert "|trunc:20000c|" in sig
