"""The pytest plugin: the `sumcheck` fixture's assertions, directly and wired into a pytest run."""

from __future__ import annotations

import pytest
from gate_helpers import base_rows, changed, write_run

from sumcheck.gate import write_baseline
from sumcheck.gate.pytest_plugin import SumcheckAssertions

pytest_plugins = ["pytester"]


def _baseline(tmp_path, rows, name="baseline.json", **kw):
    return write_baseline(write_run(tmp_path / (name + ".run"), rows, **kw), tmp_path / name)


def test_assert_no_regression_passes_and_fails_with_the_table(tmp_path):
    rows = base_rows(40)
    base = _baseline(tmp_path, rows)
    sumcheck = SumcheckAssertions()
    assert sumcheck.assert_no_regression(baseline=base, candidate=write_run(tmp_path / "same", rows)).passed
    worse = write_run(tmp_path / "worse", changed(rows, "faithfulness", lambda i, v: v - 0.1))
    with pytest.raises(pytest.fail.Exception) as info:
        sumcheck.assert_no_regression(baseline=base, candidate=worse)
    assert "system  metric" in str(info.value) and "lead3 faithfulness:" in str(info.value)


def test_baseline_and_candidate_are_keyword_only(tmp_path):
    rows = base_rows(10)
    base, run = _baseline(tmp_path, rows), write_run(tmp_path / "run", rows)
    with pytest.raises(TypeError):
        SumcheckAssertions().assert_no_regression(run, base)  # the order that used to be reversed from the CLI's


@pytest.mark.parametrize(("swap", "message"), [
    ("baseline_as_candidate", "candidate=.* is a baseline file .* the candidate must be a run folder; are baseline= and candidate= swapped?"),
    ("run_as_baseline", "baseline=.* is a run folder, but the baseline must be a baseline file"),
])
def test_wrong_kind_of_input_is_an_error(tmp_path, swap, message):
    rows = base_rows(10)
    base, run = _baseline(tmp_path, rows), write_run(tmp_path / "run", rows)
    kwargs = {"baseline": base, "candidate": base} if swap == "baseline_as_candidate" else {"baseline": run, "candidate": run}
    with pytest.raises(pytest.fail.Exception, match=message):
        SumcheckAssertions().assert_no_regression(**kwargs)


def test_signature_mismatch_fails_with_the_diff_once(tmp_path):
    rows = base_rows(10)
    base = _baseline(tmp_path, rows)
    cand = write_run(tmp_path / "c", rows, settings={"rouge1": {"stem": "no"}})
    with pytest.raises(pytest.fail.Exception, match="stem: baseline 'yes' != candidate 'no'") as info:
        SumcheckAssertions().assert_no_regression(baseline=base, candidate=cand)
    # raised outside the except block: no "During handling of the above exception" chain
    assert info.value.__context__ is None and info.value.__cause__ is None
    assert str(info.value).count("stem: baseline") == 1


def test_assert_min_and_max_on_corpus_means(tmp_path):
    rows = base_rows(10)
    for i, r in enumerate(rows):
        r["values"]["faithfulness"] = 0.5 if i % 2 else 0.7  # mean 0.6 by construction
    run = write_run(tmp_path / "r", rows)
    sumcheck = SumcheckAssertions()
    assert sumcheck.assert_min(run, "faithfulness", 0.6)[0].mean == pytest.approx(0.6)
    with pytest.raises(pytest.fail.Exception) as info:
        sumcheck.assert_min(run, "faithfulness", 0.61)
    assert ">= 0.61" in str(info.value) and "FAIL" in str(info.value)
    # docs 0 and 5 carry one flag each; the mean is over the rows the fact-check scored
    expected = 2 / sum(r["factcheck"]["precision"] is not None for r in rows)
    sumcheck.assert_max(run, "unsupported_entities", expected)
    with pytest.raises(pytest.fail.Exception):
        sumcheck.assert_max(run, "unsupported_entities", expected - 0.01)
    with pytest.raises(pytest.fail.Exception, match="did you mean 'faithfulness'"):
        sumcheck.assert_min(run, "faithfulnes", 0.5)


def test_fixture_in_a_real_pytest_run(pytester, tmp_path, monkeypatch):
    # load the plugin explicitly, and only once even when its pytest11 entry point is installed
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    rows = base_rows(30)
    base = _baseline(tmp_path, rows)
    cand_mismatch = write_run(tmp_path / "mismatch", rows, settings={"rouge1": {"stem": "no"}})
    same = write_run(tmp_path / "same", rows)
    worse = write_run(tmp_path / "worse", changed(rows, "rouge1", lambda i, v: v - 0.1))
    pytester.makepyfile(f"""
        def test_same(sumcheck):
            sumcheck.assert_no_regression(baseline={str(base)!r}, candidate={str(same)!r})

        def test_worse(sumcheck):
            sumcheck.assert_no_regression(baseline={str(base)!r}, candidate={str(worse)!r})

        def test_mismatch(sumcheck):
            sumcheck.assert_no_regression(baseline={str(base)!r}, candidate={str(cand_mismatch)!r})

        def test_floor(sumcheck):
            sumcheck.assert_min({str(same)!r}, "rouge1", 0.1)
    """)
    result = pytester.runpytest_inprocess("-p", "sumcheck.gate.pytest_plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(["*lead3 rouge1: *"])
    out = result.stdout.str()
    # the FAILURES section shows the mismatch once (pytest's short summary repeats failure messages
    # in full when the CI variable is set, so only the report above it is counted)
    failures = out.split("short test summary info")[0]
    assert failures.count("stem: baseline 'yes' != candidate 'no'") == 1
    assert "During handling of the above exception" not in out


def test_pytest11_entry_point_when_installed():
    from importlib.metadata import entry_points

    found = [ep for ep in entry_points(group="pytest11") if ep.name == "sumcheck"]
    if not found:
        pytest.skip("the pytest11 entry point 'sumcheck' is not installed in this environment")
    assert found[0].value == "sumcheck.gate.pytest_plugin"


@pytest.mark.parametrize(("config_text", "message"), [
    ("alpah: 0.1\n", "unknown key 'alpah'; did you mean 'alpha'?"),
    (None, "cannot read gate config"),
], ids=["misspelt-key", "missing-file"])
def test_a_bad_ini_gate_config_fails_in_one_line(pytester, tmp_path, monkeypatch, config_text, message):
    # new-user trial, session 5: a mistake in the file named by sumcheck_gate_config gave a 42-line
    # setup error with sumcheck's internals; now it fails like every other input mistake
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    rows = base_rows(10)
    base, same = _baseline(tmp_path, rows), write_run(tmp_path / "same", rows)
    pytester.makeini("[pytest]\nsumcheck_gate_config = gate.yaml\n")
    if config_text is not None:
        pytester.makefile(".yaml", gate=config_text)
    pytester.makepyfile(f"""
        def test_same(sumcheck):
            sumcheck.assert_no_regression(baseline={str(base)!r}, candidate={str(same)!r})
    """)
    result = pytester.runpytest_inprocess("-p", "sumcheck.gate.pytest_plugin", "-p", "no:cacheprovider")
    out = result.stdout.str()
    assert result.ret != 0 and message in out
    assert "Traceback" not in out and "load_gate_config" not in out and "raise ConfigError" not in out


def test_assert_min_on_a_missing_run_fails_in_one_line(pytester, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(f"""
        def test_missing_run(sumcheck):
            sumcheck.assert_min({str(tmp_path / "nope")!r}, "rouge1", 0.1)
    """)
    result = pytester.runpytest_inprocess("-p", "sumcheck.gate.pytest_plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "no such run folder or baseline file" in out and "load_snapshot" not in out
