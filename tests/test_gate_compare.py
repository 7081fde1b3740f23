"""The gate's library: pairing, paired bootstrap per metric, signatures, flags and dismissals, decisions.

Every expected number comes from how the runs were built (gate_helpers), from arithmetic done by
hand in the test, or from a closed form (the chance a bootstrap resample misses one document).
"""

from __future__ import annotations

import copy
import json
import random
import re

import pytest
from gate_helpers import add_flag, base_rows, changed, number_flag, review_row, write_run

from sumcheck.gate import GateConfig, SignatureMismatchError, compare, evaluate, load_snapshot, run_gate
from sumcheck.gate.decide import BETTER, FAIL, OK, holm
from sumcheck.gate.signatures import parse_signature, signature_diff
from sumcheck.summarize.errors import InputError


def _gate(tmp_path, baseline_rows, candidate_rows, config=None, **kw):
    b = write_run(tmp_path / "base", baseline_rows, **kw.get("b", {}))
    c = write_run(tmp_path / "cand", candidate_rows, **kw.get("c", {}))
    return run_gate(b, c, config)


def _metric(result, metric, system="lead3"):
    return next(v for v in result.verdicts if v.comparison.metric == metric and v.comparison.system == system)


def test_identical_candidate_passes_with_zero_deltas(tmp_path):
    rows = base_rows(30, systems=("lead3", "smol"))
    result = _gate(tmp_path, rows, rows)
    assert result.passed
    assert {v.comparison.system for v in result.verdicts} == {"lead3", "smol"}
    assert len(result.verdicts) == 2 * 10
    for v in result.verdicts:
        assert v.comparison.delta == 0.0 and v.comparison.p_value == 1.0 and v.status == OK


def test_paired_means_use_only_documents_both_scored(tmp_path):
    # hand-made: doc-1 unscored in the candidate, doc-2 unscored in the baseline
    rows = base_rows(4)
    b_vals, c_vals = [0.2, 0.4, None, 0.6], [0.3, None, 0.5, 0.6]
    base = changed(rows, "faithfulness", lambda i, v: b_vals[i])
    cand = changed(rows, "faithfulness", lambda i, v: c_vals[i])
    for i in range(4):
        base[i]["values"]["faithfulness"], cand[i]["values"]["faithfulness"] = b_vals[i], c_vals[i]
    result = _gate(tmp_path, base, cand)
    c = _metric(result, "faithfulness").comparison
    # pairs are doc-0 (0.2 -> 0.3) and doc-3 (0.6 -> 0.6)
    assert (c.n, c.baseline_scored, c.candidate_scored) == (2, 3, 3)
    assert c.baseline == pytest.approx(0.4) and c.candidate == pytest.approx(0.45) and c.delta == pytest.approx(0.05)


def test_rows_pair_by_id_and_system_not_by_position(tmp_path):
    rows = base_rows(30, systems=("lead3", "smol"))
    shuffled = list(rows)
    random.Random(3).shuffle(shuffled)
    result = _gate(tmp_path, rows, shuffled)
    assert all(v.comparison.delta == 0.0 for v in result.verdicts)


def test_clear_faithfulness_drop_fails_naming_the_metric(tmp_path):
    rows = base_rows(40)
    result = _gate(tmp_path, rows, changed(rows, "faithfulness", lambda i, v: v - 0.1))
    assert not result.passed
    assert [(r.kind, r.metric) for r in result.regressions] == [("metric", "faithfulness")]
    v = _metric(result, "faithfulness")
    # every document lost exactly 0.1, so every resample's mean delta is -0.1
    assert v.comparison.delta == pytest.approx(-0.1)
    assert v.comparison.ci_low == pytest.approx(-0.1) and v.comparison.ci_high == pytest.approx(-0.1)
    assert v.status == FAIL
    assert "faithfulness" in result.regressions[0].message


def test_noisy_rouge_drop_fails_and_only_that_metric(tmp_path):
    rows = base_rows(60)
    rng = random.Random(7)
    noise = [rng.gauss(0.0, 0.03) for _ in rows]
    result = _gate(tmp_path, rows, changed(rows, "rouge2", lambda i, v: v - 0.04 + noise[i]))
    assert [r.metric for r in result.regressions] == ["rouge2"]
    assert _metric(result, "rouge2").comparison.delta == pytest.approx(-0.04 + sum(noise) / len(noise))


@pytest.mark.parametrize("seed", range(5))
def test_zero_mean_noise_inside_tolerance_passes(tmp_path, seed):
    rows = base_rows(60)
    rng = random.Random(100 + seed)
    cand = rows
    for metric in ("rouge1", "rouge2", "rougeL", "rougeLsum", "faithfulness"):
        noise = [rng.gauss(0.0, 0.02) for _ in rows]
        cand = changed(cand, metric, lambda i, v, noise=noise: v + noise[i])
    result = _gate(tmp_path, rows, cand)
    assert result.passed, [r.message for r in result.regressions]
    assert any(v.comparison.delta != 0 for v in result.verdicts)  # the noise is really there


def test_a_drop_on_one_document_is_not_significant(tmp_path):
    # One of 40 documents drops by 0.5 (mean drop 0.0125, beyond the 0.01 tolerance). Only that
    # document's sign matters to a sign-flip test, and half the patterns flip it: p = 2 * 1/2 = 1.
    rows = base_rows(40)
    result = _gate(tmp_path, rows, changed(rows, "faithfulness", lambda i, v: v - 0.5, docs=["doc-7"]),
                   GateConfig(resamples=4000, correction="none"))
    c = _metric(result, "faithfulness").comparison
    assert c.delta == pytest.approx(-0.5 / 40)
    assert c.p_value == pytest.approx(1.0, abs=0.05)
    assert result.passed


def test_lower_is_better_counts_more_flags_fail_fewer_pass(tmp_path):
    rows = base_rows(80)  # docs 0, 5, 10, ... carry one unsupported entity
    worse = rows
    for i in range(0, 80, 5):
        worse = add_flag(worse, f"doc-{i}", number_flag("Paris", start=40, kind="entity"))
    result = _gate(tmp_path, rows, worse)
    assert [(r.kind, r.metric) for r in result.regressions] == [("metric", "unsupported_entities")]
    scored = sum(r["factcheck"]["precision"] is not None for r in rows)  # unscored rows are not paired
    assert _metric(result, "unsupported_entities").comparison.delta == pytest.approx(16 / scored)

    better = _gate(tmp_path / "2", worse, rows)
    assert better.passed and _metric(better, "unsupported_entities").status == BETTER


def test_too_few_changed_documents_are_noted(tmp_path):
    # 8 documents gain an entity, the rest are equal. Only the 8 signs carry evidence: the smallest
    # p is 2/2**8 = 0.0078, above 0.05/10 (Holm's first step over 10 tests), so it cannot fail, and
    # the gate says why.
    rows = base_rows(40)
    worse = rows
    for i in range(0, 40, 5):
        worse = add_flag(worse, f"doc-{i}", number_flag("Paris", start=40, kind="entity"))
    result = _gate(tmp_path, rows, worse)
    assert result.passed
    note = next(n for n in result.notes if n.startswith("too few changed documents"))
    assert "only 8 document(s) differ" in note and "lead3 unsupported_entities" in note


def test_new_unsupported_number_on_a_clean_document_fails(tmp_path):
    rows = base_rows(40)
    cand = add_flag(rows, "doc-3", number_flag("3,000"))
    result = _gate(tmp_path, rows, cand)
    # one new flag in 40 documents moves the mean by 0.025, inside the 0.05 tolerance ...
    assert _metric(result, "unsupported_numbers").status == OK
    # ... but a document that had no unsupported number now has one
    assert [(r.kind, r.system, r.metric) for r in result.regressions] == [("new_unsupported", "lead3", "unsupported_numbers")]
    assert "doc-3" in result.regressions[0].message and "3,000" in result.regressions[0].message
    assert result.comparison.new_unsupported[0].texts == ("3,000",)


def test_new_flag_where_the_baseline_already_had_one_is_not_new(tmp_path):
    rows = base_rows(40)  # doc-5 has an unsupported entity already
    result = _gate(tmp_path, rows, add_flag(rows, "doc-5", number_flag("Paris", kind="entity")))
    assert result.passed


def test_dismissed_flag_does_not_count(tmp_path):
    rows = base_rows(40)
    flag = number_flag("3,000")
    cand = add_flag(rows, "doc-3", flag)
    result = _gate(tmp_path, rows, cand, c={"reviews": [review_row("doc-3", flag, "dismiss")]})
    assert result.passed
    assert _metric(result, "unsupported_numbers").comparison.delta == 0.0


@pytest.mark.parametrize(("verdicts", "passes"), [
    (["dismiss", "confirm"], False),  # latest verdict wins: confirmed again, so it counts
    (["confirm", "dismiss"], True),
    (["confirm"], False),
])
def test_latest_review_verdict_wins(tmp_path, verdicts, passes):
    rows = base_rows(40)
    flag = number_flag("3,000")
    reviews = [review_row("doc-3", flag, v, time=f"2026-11-25T10:0{i}:00Z") for i, v in enumerate(verdicts)]
    result = _gate(tmp_path, rows, add_flag(rows, "doc-3", flag), c={"reviews": reviews})
    assert result.passed is passes


def test_flag_dismissed_in_the_baseline_run_does_not_count_against_the_candidate(tmp_path):
    flag = number_flag("3,000")
    both = add_flag(base_rows(40), "doc-3", flag)
    base = write_run(tmp_path / "base", both, reviews=[review_row("doc-3", flag, "dismiss")])
    cand = write_run(tmp_path / "cand", add_flag(both, "doc-4", flag))  # same false alarm on doc-3, a new one on doc-4
    result = run_gate(base, cand)
    assert [(r.kind, r.metric) for r in result.regressions] == [("new_unsupported", "unsupported_numbers")]
    assert "doc-4" in result.regressions[0].message and "doc-3" not in result.regressions[0].message


def test_mismatched_settings_raise_with_a_readable_diff(tmp_path):
    rows = base_rows(10)
    b = write_run(tmp_path / "b", rows)
    c = write_run(tmp_path / "c", rows, settings={"rouge2": {"stem": "no"}})
    with pytest.raises(SignatureMismatchError) as info:
        compare(load_snapshot(b), load_snapshot(c))
    assert info.value.mismatches == (("lead3", "rouge2", "stem", "yes", "no"),)
    assert "lead3: rouge2:" in info.value.diff and "stem: baseline 'yes' != candidate 'no'" in info.value.diff


@pytest.mark.parametrize(("b_kw", "c_kw", "field"), [
    ({}, {"data": "ffff0000"}, "data"),
    ({}, {"settings": {"faithfulness": {"backend": "nli"}}}, "backend"),
    ({}, {"settings": {"rougeL": {"lex": "none"}}}, "lex"),  # a field absent in the baseline
    ({}, {"settings": {"faithfulness": {"metric-agg": "min"}}}, "metric-agg"),
    ({"settings": {"faithfulness": {"metric-model": "ab12"}}}, {"settings": {"faithfulness": {"metric-model": "cd34"}}},
     "metric-model"),
])
def test_signature_fields_that_must_match(tmp_path, b_kw, c_kw, field):
    rows = base_rows(10)
    with pytest.raises(SignatureMismatchError) as info:
        compare(load_snapshot(write_run(tmp_path / "b", rows, **b_kw)), load_snapshot(write_run(tmp_path / "c", rows, **c_kw)))
    assert field in {m[2] for m in info.value.mismatches}


def test_model_and_n_may_differ(tmp_path):
    rows = base_rows(20)
    cand = changed(rows, "fact_precision", lambda i, v: None if i < 5 else v)  # fewer scored items: n differs
    result = _gate(tmp_path, rows, cand, c={"model": "bart-large-cnn"})
    assert result.passed


def test_missing_metric_or_system_fails_unless_allowed(tmp_path):
    rows = base_rows(20, systems=("lead3", "smol"))
    cand = [copy.deepcopy(r) for r in rows if r["system"] == "lead3"]
    for r in cand:
        del r["values"]["faithfulness"]
    strict = _gate(tmp_path, rows, cand)
    assert {(r.kind, r.system, r.metric) for r in strict.regressions} == {("missing", "lead3", "faithfulness"), ("missing", "smol", None)}
    lenient = run_gate(tmp_path / "base", tmp_path / "cand", GateConfig(fail_on_missing=False))
    assert lenient.passed and any("smol" in n for n in lenient.notes)


def test_documents_missing_from_the_candidate_fail_unless_missing_is_allowed(tmp_path):
    # A candidate that scored fewer documents (a truncated results.jsonl, a system that crashed on the
    # hard ones) could hide a regression on exactly those: like a missing system, it fails the gate
    # (new-user trial, session 5: before, a note and PASS). The rest is still paired by id.
    rows = base_rows(20)
    result = _gate(tmp_path, rows, [r for r in rows if r["id"] not in ("doc-1", "doc-2")])
    assert _metric(result, "rouge1").comparison.n == 18
    assert not result.passed
    assert [(r.kind, r.system) for r in result.regressions] == [("missing", "lead3")]
    assert "2 of its 20 baseline documents" in result.regressions[0].message
    lenient = run_gate(tmp_path / "base", tmp_path / "cand", GateConfig(fail_on_missing=False))
    assert lenient.passed and any("2 of its 20 baseline documents" in n for n in lenient.notes)


def test_holm_matches_the_worked_example():
    # Wikipedia, "Holm-Bonferroni method", example: p = 0.01, 0.04, 0.03, 0.005; at 0.05 H1 and H4 are rejected.
    adjusted = holm([0.01, 0.04, 0.03, 0.005])
    assert [p < 0.05 for p in adjusted] == [True, False, False, True]


def test_the_permutation_budget_grows_with_the_number_of_tests(tmp_path):
    # 30 tests; with 1000 draws the smallest p would be 2/1001 = 0.002 -> 0.06 after Holm. The gate
    # raises the draws so that 2/(B+1) * 30 stays well below alpha whatever --resamples says.
    rows = base_rows(20, systems=("a", "b", "c"))
    result = _gate(tmp_path, rows, rows, GateConfig(resamples=1000))
    tests = len(result.verdicts)
    assert tests == 30 and result.comparison.permutations >= 30 / 0.05
    assert 2 / (result.comparison.permutations + 1) * tests < 0.05 / 10
    assert result.comparison.resamples == 1000  # the bootstrap intervals keep the configured budget


def test_signature_parsing_keeps_colons_in_values():
    name, fields = parse_signature("rouge1|data:sha1:ab:cd|stem:yes")
    assert (name, fields["data"], fields["stem"]) == ("rouge1", "sha1:ab:cd", "yes")
    assert signature_diff(None, None) == [] and signature_diff("a|x:1", None) == [("signature", "a|x:1", None)]


def test_evaluate_is_pure_over_a_comparison(tmp_path):
    rows = base_rows(20)
    b, c = write_run(tmp_path / "b", rows), write_run(tmp_path / "c", changed(rows, "rouge1", lambda i, v: v - 0.2))
    comparison = compare(load_snapshot(b), load_snapshot(c), resamples=500, seed=1)
    strict, loose = evaluate(comparison, GateConfig()), evaluate(comparison, GateConfig(metrics={"rouge1": {"tolerance": 0.3}}))
    assert not strict.passed and loose.passed


def test_recomputed_counts_equal_the_fact_check_metric_own(tmp_path):
    from sumcheck.factcheck.metric import FactCheckMetric

    rows = add_flag(add_flag(base_rows(20), "doc-3", number_flag("3,000")), "doc-5", number_flag("12"))
    snapshot = load_snapshot(write_run(tmp_path / "r", rows))
    metric = FactCheckMetric()
    for row, raw in zip(snapshot.rows, rows):
        mine = row.effective_values(frozenset())
        theirs = metric.item_values(raw["factcheck"])
        assert {k: mine[k] for k in ("unsupported_numbers", "unsupported_entities")} == \
               {k: theirs[k] for k in ("unsupported_numbers", "unsupported_entities")}


def test_new_unsupported_on_a_document_the_baseline_could_not_check(tmp_path):
    rows = base_rows(40)
    unchecked = next(r["id"] for r in rows if r["factcheck"]["precision"] is None)
    result = _gate(tmp_path, rows, add_flag(rows, unchecked, number_flag("1967")))
    assert [(r.kind, r.metric) for r in result.regressions] == [("new_unsupported", "unsupported_numbers")]
    assert repr(unchecked) in result.regressions[0].message


def test_reviews_written_by_the_review_log_are_honoured(tmp_path):
    from sumcheck.review.store import Verdict, append_verdict

    rows = base_rows(40)
    flag = number_flag("3,000")
    base = write_run(tmp_path / "base", rows)
    cand = write_run(tmp_path / "cand", add_flag(rows, "doc-3", flag))
    r = review_row("doc-3", flag, "dismiss")
    assert not run_gate(base, cand).passed
    append_verdict(cand, Verdict(r["flag_id"], "doc-3", "lead3", "number", "3,000", r["start"], r["end"], "dismiss", "ana", r["time"]))
    assert run_gate(base, cand).passed


@pytest.mark.parametrize(("line", "why"), [
    ('{"flag_id": "torn', "not valid JSON"),
    ('["a list"]', "expected a JSON object"),
    ('{"flag_id": "abc"}', "needs string 'verdict'"),
    ('{"flag_id": "abc", "verdict": "maybe"}', "verdict must be one of confirm, dismiss"),
])
def test_a_malformed_review_line_is_an_error_naming_file_and_line(tmp_path, line, why):
    # skipped, a dismissal would silently count as a flag again
    rows = base_rows(10)
    flag = number_flag("3,000")
    base = write_run(tmp_path / "base", rows)
    good = json.dumps(review_row("doc-3", flag, "dismiss"))
    cand = write_run(tmp_path / "cand", add_flag(rows, "doc-3", flag))
    (cand / "reviews.jsonl").write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"reviews.jsonl:2: {re.escape(why)}"):
        run_gate(base, cand)


def test_a_dismissal_carries_over_when_an_earlier_sentence_changes(tmp_path):
    # the baseline's reviewer dismissed "3,000" in the second sentence; the candidate rewrote the
    # first sentence, so the flag's offsets moved, but it is the same flag in the same sentence
    rows = base_rows(10)
    before = "Rain fell in the north today. It cost 3,000 euros."
    after = "Heavy rain fell across the whole north on Monday. It cost 3,000 euros."
    flag_b = {"kind": "number", "text": "3,000", "start": before.index("3,000"), "end": before.index("3,000") + 5,
              "reason": "no 3,000 in source", "evidence": []}
    flag_c = dict(flag_b, start=after.index("3,000"), end=after.index("3,000") + 5)
    b_rows, c_rows = add_flag(rows, "doc-3", flag_b), add_flag(rows, "doc-3", flag_c)
    for rows_, text in ((b_rows, before), (c_rows, after)):
        next(r for r in rows_ if r["id"] == "doc-3")["summary"] = text
    base = write_run(tmp_path / "base", b_rows, reviews=[review_row("doc-3", flag_b, "dismiss", summary=before)])
    baseline = tmp_path / "baseline.json"
    from sumcheck.gate import write_baseline
    write_baseline(base, baseline)
    cand = write_run(tmp_path / "cand", c_rows)
    assert run_gate(baseline, cand).passed  # the dismissal of the baseline's review holds
    # a change inside the flag's own sentence makes it a new claim, to be reviewed again
    third = "Rain fell in the north today. It cost 3,000 dollars."
    d_rows = add_flag(rows, "doc-3", dict(flag_b))
    next(r for r in d_rows if r["id"] == "doc-3")["summary"] = third
    assert not run_gate(baseline, write_run(tmp_path / "d", d_rows)).passed


def test_verdicts_written_with_offset_ids_still_count(tmp_path):
    from sumcheck.flags import legacy_flag_id

    rows = base_rows(10)
    flag = number_flag("3,000")
    base = write_run(tmp_path / "base", rows)
    old = review_row("doc-3", flag, "dismiss")
    old["flag_id"] = legacy_flag_id(doc_id="doc-3", system="lead3", kind="number", start=flag["start"], end=flag["end"], text="3,000")
    cand = write_run(tmp_path / "cand", add_flag(rows, "doc-3", flag), reviews=[old])
    assert run_gate(base, cand).passed


def test_documents_left_unscored_by_the_candidate_fail_where_checked(tmp_path):
    # two of 40 summaries got no ROUGE or faithfulness score while the fact-check still scored them:
    # the paired test alone would not notice (it only pairs documents both runs scored)
    rows = base_rows(40)
    cand = copy.deepcopy(rows)
    for r in [r for r in cand if r["values"]["fact_precision"] is not None][:2]:
        r["values"].update({k: None for k in ("rouge1", "rouge2", "rougeL", "rougeLsum", "faithfulness")})
    result = _gate(tmp_path, rows, cand)
    unscored = [(r.metric, r.message) for r in result.regressions if r.kind == "unscored"]
    assert [m for m, _ in unscored] == ["rouge1", "rouge2", "rougeL", "rougeLsum", "faithfulness"]
    assert "2 of the 40 documents" in unscored[0][1]
    assert all(r.kind == "unscored" for r in result.regressions)  # the summaries are there: no coverage loss
    assert _metric(result, "rouge1").comparison.newly_unscored == 2
    assert _metric(result, "rouge1").comparison.no_output == 0
    lenient = run_gate(tmp_path / "base", tmp_path / "cand",
                       GateConfig(metrics={m: {"max_newly_unscored": 0.05} for m in ("rouge1", "rouge2", "rougeL", "rougeLsum", "faithfulness")}))
    assert lenient.passed


@pytest.mark.parametrize("summary, reason", [("", "empty summary"), ("...", "summary has no words ('...')"),
                                             (None, "generation failed: http 503 (busy)")])
def test_documents_without_output_are_a_coverage_regression_for_every_metric(tmp_path, summary, reason):
    # issue 25: a candidate whose summaries are empty, "..." or failed passed the gate when only the
    # fact-check was gated ("nothing checkable" is not gated); no output is a regression everywhere
    rows = base_rows(40)
    cand = copy.deepcopy(rows)
    lost = ["doc-1", "doc-2", "doc-3"]  # three of 40: a partial drop, not a whole run gone
    for r in cand:
        if r["id"] in lost:
            r["values"] = {k: None for k in r["values"]}
            r["summary"] = "" if summary is None else summary
            why = reason if summary is None else "empty summary"
            r["factcheck"] = {"precision": None, "reason": why}
            r["rouge"] = {"score": None, "reason": why}
    result = _gate(tmp_path, rows, cand)
    coverage = {r.metric: r.message for r in result.regressions if r.kind == "coverage"}
    # every value the baseline scored on those documents: ROUGE, faithfulness and the fact-check
    # (the unsupported counts come from the fact-check's flags, scored wherever its precision is)
    scored_by_base = {m for r in rows if r["id"] in lost for m, v in r["values"].items() if v is not None}
    if "fact_precision" in scored_by_base:
        scored_by_base |= {"unsupported_numbers", "unsupported_entities"}
    assert set(coverage) == scored_by_base and "fact_precision" in scored_by_base
    assert not result.passed and not [r for r in result.regressions if r.kind == "unscored"]  # said once, as coverage
    msg = coverage["rouge1"]
    assert msg.startswith("lead3 rouge1: coverage 37/40 (92.5%)") and f"({reason}: 3)" in msg
    assert _metric(result, "rouge1").comparison.coverage == pytest.approx(37 / 40)
    assert run_gate(tmp_path / "base", tmp_path / "cand", GateConfig(max_coverage_loss=0.1)).passed


def test_a_baseline_file_candidate_row_unscored_by_every_metric_is_no_output(tmp_path):
    from sumcheck.gate.snapshot import no_output_reason

    assert no_output_reason({"id": "d", "system": "s", "values": {"rouge1": None}}, {"rouge1": None}) == "unscored by every metric"
    assert no_output_reason({"summary": "x", "values": {}}, {"rouge1": 0.5, "fact_precision": None}) is None
    assert no_output_reason({"summary": "ok", "rouge": {"reason": "generation failed: timeout after 30s"}}, {}) == \
        "generation failed: timeout after 30s"


def test_a_summary_with_words_is_output_even_when_no_metric_could_score_it():
    # review of issue 25: "nothing checkable" (no number or named entity) and "no reference" are properties
    # of the summary and the data, not missing output (configs/gate.yaml)
    from sumcheck.gate.snapshot import no_output_reason

    nothing = {"fact_precision": None, "rouge1": None}
    fc = {"precision": None, "reason": "no number or named entity in the summary"}
    row = {"summary": "The council approved new homes.", "factcheck": fc,
           "rouge": {"score": None, "reason": "no reference summary"}}
    assert no_output_reason(row, nothing) is None
    assert no_output_reason({"summary": "Die 3 Räte.", "factcheck": fc}, {"fact_precision": None}) is None
    # a row without the summary's text: its reasons decide
    assert no_output_reason({"factcheck": fc}, {"fact_precision": None}) is None
    assert no_output_reason({"rouge": {"reason": "no reference summary"}}, {"rouge1": None}) is None
    assert no_output_reason({"factcheck": {"reason": "no number in the summary; no NER model for 'xx'"}},
                            {"fact_precision": None}) is None
    assert no_output_reason({"factcheck": {"reason": "empty summary"}, "rouge": {"reason": "no reference summary"}},
                            nothing) == "empty summary"
    assert no_output_reason({"rouge": {"reason": "judge request failed: x"}}, {"rouge1": None}) == \
        "unscored by every metric (judge request failed: x)"
    # still no output, summary or not
    assert no_output_reason({"summary": " ", "factcheck": fc}, nothing) == "empty summary"
    assert no_output_reason({"summary": "—", "factcheck": fc}, nothing) == "summary has no words ('—')"


def test_rouge_implementation_may_differ(tmp_path):
    # regression: impl must be ignored by default (rouge-score-rs and the Python fallback are parity-tested)
    rows = base_rows(10)
    result = _gate(tmp_path, rows, rows, b={"settings": {m: {"impl": "rouge-score-rs"} for m in ("rouge1", "rougeL")}},
                   c={"settings": {m: {"impl": "python"} for m in ("rouge1", "rougeL")}})
    assert result.passed
    assert signature_diff("rouge1|impl:rouge-score-rs|stem:yes", "rouge1|impl:python|stem:yes") == []
    assert signature_diff("rouge1|impl:a", "rouge1|impl:b", ignore=()) == [("impl", "a", "b")]


def _pipeline_signature(metric_fields, model):
    from sumcheck.provenance import signature

    return signature("faithfulness", metric_fields, n=5, data="ab12cd34ef", model=model, resamples=1000, seed=1,
                     version="0.1.0", truncation="200000c")


def test_pipeline_signatures_with_metric_prefixed_fields_and_sanitised_models():
    # regression: metric-model / metric-agg must be compared while the summarizer's model stays ignored
    fields = {"backend": "offline", "chunks": "sent", "agg": "min", "model": "w1"}
    sig = _pipeline_signature(fields, "mmr-3|w:0.7|cpu/float32")
    name, parsed = parse_signature(sig)
    assert name == "faithfulness"
    assert (parsed["metric-agg"], parsed["agg"], parsed["metric-model"]) == ("min", "mean", "w1")
    assert parsed["model"] == "mmr-3;w:0.7;cpu/float32" and "w" not in parsed
    other_model = _pipeline_signature(fields, "Qwen/Qwen2|causal|cuda/bf16|gen:max_new_tokens=60")
    assert signature_diff(sig, other_model) == []
    assert signature_diff(sig, _pipeline_signature({**fields, "model": "w2"}, "lead-3")) == [("metric-model", "w1", "w2")]
    assert signature_diff(sig, _pipeline_signature({**fields, "agg": "mean"}, "lead-3")) == [("metric-agg", "min", "mean")]


def test_signatures_from_before_the_metric_prefix_parse_the_same():
    # regression: a legacy signature (metric's own model:/agg: unprefixed, '|' inside the model) compares like a new one
    new = _pipeline_signature({"agg": "min", "model": "w1"}, "mmr-3|w:0.7")
    legacy = ("faithfulness|agg:min|model:w1|trunc:200000c|n:5|data:set-sha1:ab12cd34|model:mmr-3|w:0.7"
              "|agg:mean|ci:bootstrap-1000|seed:1|v:0.1.0")
    assert parse_signature(legacy) == parse_signature(new)
    assert signature_diff(legacy, new) == []
    assert signature_diff(legacy.replace("agg:min", "agg:max", 1), new) == [("metric-agg", "max", "min")]


def test_a_version_1_baseline_still_dismisses_by_offsets(tmp_path):
    from sumcheck.flags import legacy_flag_id
    from sumcheck.gate import write_baseline

    rows = base_rows(10)
    flag = number_flag("3,000")
    base = write_run(tmp_path / "base", rows)
    path = write_baseline(base, tmp_path / "baseline.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 1
    data["dismissed"] = [{"flag_id": legacy_flag_id(doc_id="doc-3", system="lead3", kind="number", start=flag["start"],
                                                    end=flag["end"], text="3,000")}]
    path.write_text(json.dumps(data), encoding="utf-8")
    cand = write_run(tmp_path / "cand", add_flag(rows, "doc-3", flag))
    assert run_gate(path, cand).passed
    data["version"] = 7
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="baseline version 7"):
        run_gate(path, cand)


# A dismissed flag is a reviewer saying the item is supported after all: it leaves the unsupported
# counts and the precisions count it as supported (new-user trial, session 5: before, dismissing
# every false alarm left fact_precision failing the gate). Expected values by counting items.
def _row(items: dict[str, int] | None, flags: list[tuple[str, str]], values: dict[str, float | None]):
    from sumcheck.gate.snapshot import Flag, Row

    return Row("d", "s", values, tuple(Flag(f"id-{t}", k, t, 0, 1) for k, t in flags), True, items)


@pytest.mark.parametrize("items", [{"number": 3, "entity": 1}, None], ids=["item-list", "derived-from-precision"])
@pytest.mark.parametrize(("dismissed", "expected"), [
    # 3 numbers (1 supported, "7" and "9" flagged) and 1 supported entity: 2/4 supported, numbers 1/3
    ((), {"fact_precision": 2 / 4, "number_precision": 1 / 3, "entity_precision": 1.0, "unsupported_numbers": 2.0}),
    (("id-7",), {"fact_precision": 3 / 4, "number_precision": 2 / 3, "entity_precision": 1.0, "unsupported_numbers": 1.0}),
    (("id-7", "id-9"), {"fact_precision": 1.0, "number_precision": 1.0, "entity_precision": 1.0, "unsupported_numbers": 0.0}),
])
def test_dismissed_flags_count_as_supported_in_the_precisions(items, dismissed, expected):
    values = {"fact_precision": 0.5, "number_precision": 1 / 3, "entity_precision": 1.0,
              "unsupported_numbers": 2.0, "unsupported_entities": 0.0}
    got = _row(items, [("number", "7"), ("number", "9")], values).effective_values(frozenset(dismissed))
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key
    assert got["unsupported_entities"] == 0.0


def test_entities_not_checked_stay_unscored_when_a_flag_is_dismissed():
    # no NER for the summary's language: the entity figures are unscored, not 0 and not 1
    values = {"fact_precision": 0.0, "number_precision": 0.0, "entity_precision": None,
              "unsupported_numbers": 1.0, "unsupported_entities": None}
    got = _row({"number": 1}, [("number", "7")], values).effective_values(frozenset({"id-7"}))
    assert got["entity_precision"] is None and got["unsupported_entities"] is None
    assert got["number_precision"] == 1.0 and got["unsupported_numbers"] == 0.0


def _edited_baseline(tmp_path, edit):
    from sumcheck.gate import write_baseline

    rows = base_rows(10)
    path = write_baseline(write_run(tmp_path / "base", rows), tmp_path / "baseline.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN as the bare NaN Python reads back
    return path, write_run(tmp_path / "cand", rows)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d.pop("rows"), "no 'rows' in the baseline"),
    (lambda d: d.update(rows={}), "no 'rows' in the baseline"),
    (lambda d: d.update(rows=[]), "no 'rows' in the baseline"),
    (lambda d: d.pop("signatures"), "no 'signatures' in the baseline"),
    (lambda d: d["rows"][0]["values"].update(rouge1="high"), r'rows\[0\]: values.rouge1 is "high", not a number'),
    (lambda d: d["rows"][1]["values"].update(rouge1=float("nan")), r"rows\[1\]: values.rouge1 is NaN, not a number"),
    (lambda d: d["rows"][2]["values"].update(rouge1=True), r"rows\[2\]: values.rouge1 is true, not a number"),
], ids=["no-rows", "rows-object", "rows-empty", "no-signatures", "string", "nan", "bool"])
def test_a_baseline_that_cannot_be_compared_is_an_error_not_a_pass(tmp_path, edit, message):
    # new-user trial, session 5: each of these used to PASS (nothing compared, or the value dropped)
    path, cand = _edited_baseline(tmp_path, edit)
    with pytest.raises(InputError, match=message):
        run_gate(path, cand)


def test_an_empty_results_file_is_an_error(tmp_path):
    base = write_run(tmp_path / "base", base_rows(5))
    (base / "results.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no result rows"):
        run_gate(base, write_run(tmp_path / "cand", base_rows(5)))


def test_an_ignored_signature_field_no_run_has_is_noted(tmp_path):
    rows = base_rows(10)
    config = GateConfig(ignore_signature_fields=("model", "n", "stem", "tokk"))
    result = run_gate(write_run(tmp_path / "b", rows), write_run(tmp_path / "c", rows), config)
    assert [n for n in result.notes if "ignore_signature_fields" in n] == [
        "ignore_signature_fields lists 'tokk', a field no signature of either run has (a typo?)"]
