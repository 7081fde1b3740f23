"""The Python API (``sumcheck.score`` and the one-pair helpers) and the README example that documents it.

Expected values come from the texts themselves (a number that is not in the source is unsupported),
from the reference implementation (Google's ``rouge-score``), and from the CLI path: the API must give
the same rows and corpus numbers as ``sumcheck score`` on the same data, since it runs the same pipeline.
"""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sumcheck
from sumcheck.summarize.errors import ConfigError, InputError, SumcheckError

REPO = Path(__file__).resolve().parents[1]

ROWS = [
    {"id": "leeds", "document": "The council approved 300 new homes in Leeds on Tuesday. Work starts in May.",
     "summary": "Leeds council approved 3,000 new homes.", "reference": "Leeds approved 300 homes."},
    {"id": "a1", "document": "Heavy rain closed the A1 near Durham for six hours on Friday.",
     "summary": "The road near Durham was closed for six hours.", "reference": "Rain shut the A1 for six hours."},
    {"id": "tax", "document": "The chancellor said income tax would rise by 2% in April.",
     "summary": "Income tax will rise by 5% in April.", "reference": "Income tax rises by 2% in April."},
]


@pytest.fixture(scope="module")
def fast_result():
    """factcheck + rouge only: what most tests read (faithfulness is checked once, below)."""
    return sumcheck.score(ROWS, metrics=("factcheck", "rouge"))


# -- results ------------------------------------------------------------------------------------------
def test_rows_hold_the_fact_check_verdicts(fast_result):
    assert [r.id for r in fast_result.rows] == ["leeds", "a1", "tax"]
    flags = {r.id: [(f["kind"], f["text"]) for f in r.metrics["factcheck"]["flags"]] for r in fast_result.rows}
    assert ("number", "3,000") in flags["leeds"]  # the source says 300
    assert flags["a1"] == []  # Durham and six hours are both in the source
    assert ("number", "5%") in flags["tax"]  # the source says 2%
    assert fast_result.rows[0].values["number_precision"] == 0.0
    assert fast_result.rows[1].values["number_precision"] == 1.0


def test_corpus_scores_are_means_with_intervals_and_signatures(fast_result):
    for name in ("fact_precision", "rouge1", "rougeL"):
        c = fast_result.corpus_score(name)
        per_row = [r.values[name] for r in fast_result.rows]
        assert c.mean == pytest.approx(sum(per_row) / len(per_row))
        assert c.ci_low <= c.mean <= c.ci_high
        assert (c.n, c.unscored) == (3, 0)
        assert c.signature.startswith(name + "|") and "|n:3|" in c.signature and "|seed:12345|" in c.signature
    assert fast_result.signatures["input/rouge1"] == fast_result.corpus_score("rouge1").signature


def test_rouge_rows_match_the_reference_implementation(fast_result):
    from rouge_score import rouge_scorer

    ref = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    for row, given in zip(fast_result.rows, ROWS):
        expected = ref.score(given["reference"], given["summary"])
        for t in ("rouge1", "rouge2", "rougeL"):
            assert row.values[t] == pytest.approx(expected[t].fmeasure, abs=1e-9)


def test_to_pandas_gives_one_row_per_pair_and_one_per_corpus_value(fast_result):
    rows = fast_result.to_pandas()
    assert list(rows["id"]) == ["leeds", "a1", "tax"]
    assert rows.loc[0, "rouge1"] == pytest.approx(fast_result.rows[0].values["rouge1"])
    corpus = fast_result.to_pandas("corpus")
    assert len(corpus) == len(fast_result.corpus)
    assert set(corpus.columns) >= {"system", "name", "mean", "ci_low", "ci_high", "n", "unscored", "signature"}
    with pytest.raises(ConfigError, match="level must be"):
        fast_result.to_pandas("cells")


def test_the_api_and_the_cli_give_the_same_numbers(fast_result, tmp_path):
    """One pipeline: the same rows written as JSONL and scored by `sumcheck score` agree exactly."""
    from sumcheck.cli import main

    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    assert main(["score", str(data), "--out", str(tmp_path / "cli"), "--metrics", "factcheck,rouge", "--no-report", "-q"]) == 0
    cli_rows = [json.loads(line) for line in (tmp_path / "cli" / "results.jsonl").read_text().splitlines()]
    assert [r["values"] for r in cli_rows] == [dict(r.values) for r in fast_result.rows]
    cli_scores = json.loads((tmp_path / "cli" / "scores.json").read_text())["systems"]["input"]
    for c in fast_result.corpus:
        assert (cli_scores[c.name]["mean"], cli_scores[c.name]["signature"]) == (c.mean, c.signature)


def test_save_writes_the_usual_run_folder(fast_result, tmp_path):
    from sumcheck.report.data import load_run

    folder = fast_result.save(tmp_path / "saved")
    names = {p.name for p in folder.iterdir()}
    assert names == {"run.json", "documents.jsonl", "predictions.jsonl", "results.jsonl", "scores.json", "report.html"}
    run = load_run(folder)  # the report's loader reads it like any run folder
    assert [r["id"] for r in run.results] == ["leeds", "a1", "tax"]
    assert json.loads((folder / "run.json").read_text())["status"] == "complete"
    with pytest.raises(InputError, match="not an empty folder"):
        fast_result.save(folder)


def test_out_writes_the_run_folder_and_a_second_call_resumes_it(tmp_path):
    out = tmp_path / "run"
    first = sumcheck.score(ROWS[:2], metrics=["rouge"], out=out, report=False)
    assert (out / "results.jsonl").exists() and not (out / "report.html").exists()
    again = sumcheck.score(ROWS[:2], metrics=["rouge"], out=out, report=False)
    assert [r.values for r in again.rows] == [r.values for r in first.rows]
    assert len(json.loads((out / "run.json").read_text())["sessions"]) == 2


def test_out_holding_another_run_is_refused_until_overwrite_true(tmp_path):
    out = tmp_path / "run"
    sumcheck.score(ROWS[:2], metrics=["rouge"], out=out, report=False)
    with pytest.raises(InputError, match=r"holds a different run.*overwrite=True"):
        sumcheck.score(ROWS, metrics=["rouge"], out=out, report=False)
    fresh = sumcheck.score(ROWS, metrics=["rouge"], out=out, report=False, overwrite=True)
    assert [r.id for r in fresh.rows] == ["leeds", "a1", "tax"]
    # nothing of the old run is kept: one session, not a resumed one
    assert len(json.loads((out / "run.json").read_text())["sessions"]) == 1
    with pytest.raises(ConfigError, match="setting overwrite must be a bool"):
        sumcheck.score(ROWS[:1], metrics=["rouge"], overwrite="yes")


def test_metric_settings_reach_the_metric_and_its_signature():
    plain = sumcheck.score(ROWS[:1], metrics={"rouge": {"stemmer": False, "types": ["rouge1"]}})
    assert "|stem:no|" in plain.corpus_score("rouge1").signature
    assert {c.name for c in plain.corpus} == {"rouge1"}
    with pytest.raises(ConfigError, match="rouge setting .stemmer. must be true or false"):
        sumcheck.score(ROWS[:1], metrics={"rouge": {"stemmer": "yes"}})


def test_tables_give_the_same_rows_as_a_list(fast_result):
    import datasets
    import pandas as pd

    frame = pd.DataFrame(ROWS)
    from_frame = sumcheck.score(frame, metrics=("factcheck", "rouge"))
    from_dataset = sumcheck.score(datasets.Dataset.from_list(ROWS), metrics=("factcheck", "rouge"))
    expected = [dict(r.values) for r in fast_result.rows]
    assert [dict(r.values) for r in from_frame.rows] == expected
    assert [dict(r.values) for r in from_dataset.rows] == expected


def test_a_path_is_read_like_the_cli_reads_it(tmp_path):
    data = tmp_path / "in.csv"
    data.write_text("article,generated\n\"Rain fell on Leeds.\",\"Rain fell on York.\"\n", encoding="utf-8")
    result = sumcheck.score(data, metrics="factcheck", fields={"document": "article", "summary": "generated"})
    assert [f["text"] for f in result.rows[0].metrics["factcheck"]["flags"]] == ["York"]


def test_all_three_metrics_by_default():
    result = sumcheck.score(ROWS[:2])
    names = {c.name for c in result.corpus}
    assert {"fact_precision", "rouge1", "faithfulness"} <= names
    for row in result.rows:
        assert 0.0 <= row.values["faithfulness"] <= 1.0
    # the one-pair helper scores a pair exactly as the pipeline does
    one = sumcheck.score_faithfulness(document=ROWS[1]["document"], summary=ROWS[1]["summary"])
    assert one.score == pytest.approx(result.rows[1].values["faithfulness"], abs=1e-6)
    assert one.label == result.rows[1].metrics["faithfulness"]["label"]


# -- one-pair helpers -----------------------------------------------------------------------------------
def test_check_facts_flags_a_number_the_source_does_not_hold():
    fc = sumcheck.check_facts(document="Roughly 300 soldiers have died.", summary="About 3,000 soldiers died.")
    assert [(i.text, i.verdict) for i in fc.items] == [("3,000", "unsupported")]
    assert fc.precision == 0.0


def test_helpers_take_keyword_arguments_only():
    with pytest.raises(TypeError):
        sumcheck.check_facts("Roughly 300 soldiers have died.", "About 3,000 soldiers died.")  # type: ignore[misc]
    with pytest.raises(TypeError):
        sumcheck.score_rouge("a b", "a c")  # type: ignore[misc]
    with pytest.raises(InputError, match="check_facts: summary must be a str, got int"):
        sumcheck.check_facts(document="x", summary=3)  # type: ignore[arg-type]


def test_score_rouge_matches_the_reference_implementation():
    from rouge_score import rouge_scorer

    summary, refs = "The cats sat on two mats.", ["A cat sat on the mat.", "Two cats were sitting."]
    got = sumcheck.score_rouge(summary=summary, references=refs)
    ref = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=True)
    for t in ("rouge1", "rougeL"):
        best = max(ref.score(r, summary)[t].fmeasure for r in refs)
        assert got.scores[t].fmeasure == pytest.approx(best)
    with pytest.raises(ConfigError, match="unknown rouge setting"):
        sumcheck.score_rouge(summary="a", references="a", stemming=True)


# -- bad input: typed exceptions with one-line messages -------------------------------------------------
@pytest.mark.parametrize("call, kind, message", [
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}, {"document": "Sun."}], metrics=["rouge"]),
     InputError, r"^data\[1\]: no summary"),
    (lambda: sumcheck.score([{"document": "Rain."}], metrics=["rouge"]), InputError, r"^data: no summary column"),
    # one row whose summary column exists but is null: that row, not "no summary column"
    (lambda: sumcheck.score([{"document": "Rain.", "summary": None}], metrics=["rouge"]), InputError,
     r"^data\[0\]: no summary \(the field is missing or null\)"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}, {"document": "Sun.", "summary": None}], metrics=["rouge"]),
     InputError, r"^data\[1\]: no summary"),
    (lambda: sumcheck.score("/nonexistent/in.jsonl"), InputError, r"^/nonexistent/in\.jsonl: no such file or folder$"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}], metrics=["rogue"]), ConfigError,
     r"^metrics: unknown metric 'rogue'; did you mean 'rouge'\?$"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}], limit="10"), ConfigError,
     r"^setting limit must be an int, got str"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}], seed=True), ConfigError,
     r"^setting seed must be an int, got bool"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}], resample=10), ConfigError,
     r"^unknown setting 'resample'; did you mean 'resamples'\?$"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}], max_document_chars=10), ConfigError,
     r"^setting max_document_chars must be at least 1000"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}], fields={"document": 3}), ConfigError,
     r"^setting fields must map"),
    (lambda: sumcheck.score([{"document": "Rain.", "summary": "Rain."}, "oops"]), InputError,
     r"^data\[1\]: expected a mapping"),
    (lambda: sumcheck.score(42), InputError, r"^data must be a path, a list of dicts"),
    (lambda: sumcheck.score([]), InputError, r"^data: no rows$"),
])
def test_mistakes_raise_typed_one_line_errors(call, kind, message):
    with pytest.raises(kind) as info:
        call()
    assert isinstance(info.value, SumcheckError) and not isinstance(info.value, SystemExit)
    text = str(info.value)
    assert "\n" not in text and re.search(message, text), text


def test_a_dataset_dict_asks_for_a_split():
    import datasets

    dd = datasets.DatasetDict({"validation": datasets.Dataset.from_list(ROWS)})
    with pytest.raises(InputError, match=r"DatasetDict with splits validation; pass one split"):
        sumcheck.score(dd)


def test_missing_dataframe_cells_are_missing_summaries():
    import pandas as pd

    frame = pd.DataFrame([{"document": "Rain.", "summary": "Rain."}, {"document": "Sun.", "summary": None}])
    with pytest.raises(InputError, match=r"^DataFrame\[1\]: no summary"):
        sumcheck.score(frame, metrics=["rouge"])


def test_corpus_score_lookups_say_what_exists(fast_result):
    with pytest.raises(sumcheck.UnknownScoreError, match="no corpus value 'rouge9'.*fact_precision"):
        fast_result.corpus_score("rouge9")
    with pytest.raises(LookupError, match="no system 'other'; scored: input"):
        fast_result.corpus_score("rouge1", system="other")


# -- packaging of the API -------------------------------------------------------------------------------
def test_import_sumcheck_stays_cheap():
    code = ("import sys, sumcheck; heavy = {'sumcheck.api', 'torch', 'pandas', 'transformers', 'spacy'} & set(sys.modules); "
            "assert not heavy, heavy; assert callable(sumcheck.score) and 'sumcheck.api' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd="/")


def test_unknown_attributes_are_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'scroe'"):
        sumcheck.scroe  # noqa: B018


# -- the README's example -------------------------------------------------------------------------------
def readme_python_example() -> str:
    """The ```python block of the README's "Python API" section."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the Python API section holds one python example"
    return blocks[0]


def test_the_readme_example_runs_as_a_doctest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # it saves runs/mine
    test = doctest.DocTestParser().get_doctest(readme_python_example(), {}, "README.md#python-api", "README.md", 0)
    assert len(test.examples) >= 8
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} README example(s) failed (output above)"
    assert (tmp_path / "runs" / "mine" / "report.html").is_file()


# new-user trial: the Python API covered scoring only; `sumcheck.run` generates and scores as `sumcheck run` does
def test_run_generates_and_scores_from_a_config_mapping(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "document": "Heavy rain closed the A1 for six hours. Police said so. It reopened.",
                                "reference": "Rain shut the A1 for six hours."}) + "\n", encoding="utf-8")
    config = {"version": 1, "name": "api-run", "data": {"path": str(docs)}, "systems": [{"name": "lead1", "type": "lead", "k": 1}],
              "metrics": {"rouge": {}, "factcheck": {}}, "statistics": {"resamples": 20}}
    result = sumcheck.run(config, out=tmp_path / "run")
    [row] = result.rows
    assert (row.id, row.system, row.summary) == ("d1", "lead1", "Heavy rain closed the A1 for six hours.")  # lead-1: the first sentence
    assert row.values["number_precision"] == 1.0  # "six hours" is in the source
    assert (tmp_path / "run" / "predictions.jsonl").is_file()
    with pytest.raises(ConfigError, match="systems"):
        sumcheck.run({**config, "systems": [{"name": "a", "type": "leed"}]})
    with pytest.raises(InputError, match="no such file"):
        sumcheck.run({**config, "data": {"path": str(tmp_path / "missing.jsonl")}})


def test_a_corpus_of_unscored_rows_keeps_the_metrics_settings_in_its_signature():
    # trial: with every row unscored the signature lost the metric's fields ("faithfulness|trunc:...|n:0"),
    # so a gate could not tell which checker or tokenizer the empty figure belonged to
    result = sumcheck.score([{"document": "The cat sat on three mats.", "summary": "A cat sat."}], metrics=("rouge",))
    rouge1 = result.corpus_score("rouge1")
    assert rouge1.n == 0 and "|tok:rouge-score|" in rouge1.signature and "|stem:yes|" in rouge1.signature
