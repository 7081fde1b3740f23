"""The gate's test can fail however many tests it runs, and says when it cannot see a change.

The 60-comparison case is built from data: six systems' real summaries of XSum documents (the
hallucination annotations in ../shared/data) scored with sumcheck's ROUGE against the human
references, ten ROUGE values each. The candidate cuts one system's summaries to their first half of
words, a real drop; the other five systems are unchanged.
"""

from __future__ import annotations


import numpy as np
import pytest
import yaml
from gate_helpers import (XSUM_SPANS, base_rows, halved, rouge_rows, write_run, xsum_summaries)
from gate_helpers import run_subcommand as _run
from scipy import stats

from sumcheck.cli import cmd_gate
from sumcheck.gate import GateConfig, holm, load_snapshot, run_gate
from sumcheck.stats import STOP_HITS, min_documents, paired_arrays, paired_bootstrap, sign_flip_test, smallest_p


@pytest.fixture(scope="module")
def xsum_runs(tmp_path_factory):
    if not XSUM_SPANS.is_file():
        pytest.skip(f"{XSUM_SPANS} is not available")
    tmp = tmp_path_factory.mktemp("xsum")
    summaries = xsum_summaries(40)
    base_rows_ = rouge_rows(summaries)
    cand_rows = rouge_rows(halved(summaries, "BERTS2S"))
    return write_run(tmp / "base", base_rows_), write_run(tmp / "cand", cand_rows), base_rows_, cand_rows


def test_sixty_comparisons_with_one_real_drop_fail_the_gate(xsum_runs, capsys):
    base, cand, b_rows, c_rows = xsum_runs
    b = [r["values"]["rouge1"] for r in b_rows if r["system"] == "BERTS2S"]
    c = [r["values"]["rouge1"] for r in c_rows if r["system"] == "BERTS2S"]
    assert np.mean(b) - np.mean(c) > 0.05  # a real drop of ROUGE-1 (0.381 -> 0.302 on these rows)
    code, out, _ = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 1, out
    result = run_gate(base, cand, GateConfig())
    assert len(result.verdicts) == 60
    failed = {(r.system, r.metric) for r in result.regressions}
    assert ("BERTS2S", "rouge1") in failed and {s for s, _ in failed} == {"BERTS2S"}
    assert "FAIL: " in out and "BERTS2S rouge1:" in out


def test_the_old_bootstrap_could_not_fail_the_same_case(xsum_runs):
    # what the issue saw: with 2000 bootstrap resamples the smallest p is ~2/2001, so after Holm over
    # 60 tests nothing falls below 0.05, however large the drop
    base, cand, _, _ = xsum_runs
    b, c = load_snapshot(base), load_snapshot(cand)
    ps = []
    for system in b.systems():
        for key in ("rouge1", "rouge2", "rougeL", "rougeLsum", "rouge1_precision", "rouge1_recall",
                    "rouge2_precision", "rouge2_recall", "rougeL_precision", "rougeL_recall"):
            bv = [r.values.get(key) for r in b.rows if r.system == system]
            cv = [r.values.get(key) for r in c.rows if r.system == system]
            ps.append(paired_bootstrap(bv, cv, resamples=2000, seed=12345).p_value)
    assert len(ps) == 60 and min(holm(ps)) >= 0.05


@pytest.mark.parametrize("n", [4, 8, 10])
def test_sign_flip_matches_scipy_exactly_when_enumerated(n):
    rng = np.random.default_rng(n)
    d = rng.normal(0.05, 0.1, n)
    ours = sign_flip_test(d, resamples=10_000)
    ref = stats.permutation_test((d,), lambda x, axis: np.mean(x, axis=axis), permutation_type="samples",
                                 n_resamples=10_000, alternative="two-sided", vectorized=True).pvalue
    assert ours == pytest.approx(ref, rel=1e-12)


@pytest.mark.parametrize(("shift", "n"), [(0.0, 40), (0.02, 40), (0.05, 60)])
def test_sign_flip_agrees_with_scipy_when_drawn(shift, n):
    rng = np.random.default_rng(7)
    d = rng.normal(shift, 0.1, n)
    ours = sign_flip_test(d, resamples=20_000, seed=3)
    ref = stats.permutation_test((d,), lambda x, axis: np.mean(x, axis=axis), permutation_type="samples",
                                 n_resamples=20_000, alternative="two-sided", vectorized=True, rng=5).pvalue
    # both are Monte Carlo estimates; ours stops early once the smaller tail holds STOP_HITS draws,
    # so its relative standard error there is about 1/sqrt(STOP_HITS)
    tol = 4 * np.sqrt(ref * (1 - ref) / 20_000) + (4 / np.sqrt(STOP_HITS)) * ref * (ref > 0.01)
    assert ours == pytest.approx(ref, abs=tol + 1e-4)


def test_a_small_p_value_gets_the_whole_budget():
    # 100 one-signed differences: no drawn pattern is as extreme, so p = 2 * 1/(B + 1) exactly
    assert sign_flip_test(np.linspace(0.1, 0.2, 100), resamples=5000) == pytest.approx(2 / 5001)


def test_smallest_p_is_attained_by_a_one_signed_sample():
    for n in (3, 6, 12):
        assert sign_flip_test(np.linspace(0.1, 0.2, n)) == pytest.approx(smallest_p(n, 10_000))
    # 2 / 2**n < alpha / tests first holds at n = 12 for 60 tests at 0.05 (2/4096 < 1/1200 < 2/2048)
    assert min_documents(60, 0.05) == 12 and smallest_p(11, 10**6) > 0.05 / 60 > smallest_p(12, 10**6)


def _six_doc_runs(tmp_path):
    rows = base_rows(6)
    return write_run(tmp_path / "b", rows), write_run(tmp_path / "c", rows)


def test_six_documents_are_too_few_and_the_gate_says_so(tmp_path, capsys):
    base, cand = _six_doc_runs(tmp_path)
    code, out, _ = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 0
    # 10 tests: 2/2**6 = 0.031 >= 0.005; at least min_documents(10, 0.05) = 9 documents are needed
    assert "too few documents: with 6 scored by both runs no change can be significant" in out
    assert "at least 9 are needed" in out


@pytest.mark.parametrize("how", ["option", "config"])
def test_min_n_makes_too_few_documents_a_failure(tmp_path, capsys, how):
    base, cand = _six_doc_runs(tmp_path)
    if how == "option":
        argv = [base, cand, "--min-n", "10"]
    else:
        cfg = tmp_path / "gate.yaml"
        cfg.write_text(yaml.safe_dump({"min_n": 10}), encoding="utf-8")
        argv = [base, cand, "--config", cfg]
    code, out, _ = _run(cmd_gate, "gate", argv, capsys)
    assert code == 1
    assert "lead3 rouge1: only 6 document(s) scored by both runs; min_n is 10" in out
    code, out, _ = _run(cmd_gate, "gate", [base, cand, "--min-n", "6"], capsys)
    assert "lead3 rouge1: only" not in out  # 6 documents meet --min-n 6 (precisions, unscored on some, do not)


def test_low_power_for_the_tolerance_is_noted(tmp_path):
    # 40 documents whose faithfulness moves by +-0.2 at random: sd ~0.2, so a drop of the 0.01
    # tolerance needs far more documents than 40 to be seen
    rows = base_rows(40)
    noisy = [dict(r, values=dict(r["values"])) for r in rows]
    rng = np.random.default_rng(1)
    for r in noisy:
        r["values"]["faithfulness"] += float(rng.choice([-0.2, 0.2]))
    result = run_gate(write_run(tmp_path / "b", rows), write_run(tmp_path / "c", noisy), GateConfig())
    note = next(n for n in result.notes if n.startswith("low power: lead3"))
    assert "faithfulness (n=40" in note and "> tolerance 0.01" in note


def test_paired_arrays_drop_items_unscored_on_either_side():
    b, c = paired_arrays([0.1, None, 0.3], [0.2, 0.5, None])
    assert b.tolist() == [0.1] and c.tolist() == [0.2]
