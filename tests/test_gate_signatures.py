"""Signatures that follow the code, and diffs that name the real difference (table-driven)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from gate_helpers import add_flag, base_rows, changed, number_flag, write_run
from gate_helpers import run_subcommand as _run

from sumcheck.cli import cmd_compare, cmd_gate
from sumcheck.gate import GateConfig, run_gate
from sumcheck.gate.render import failed_checks, to_junit, to_markdown, to_table
from sumcheck.metric import CODE_MODULES, build_metric
from sumcheck.provenance import code_version


# -- code versions -----------------------------------------------------------------------------

ORIGINAL = '"""Doc."""\n\ndef f(x):\n    """Add one."""\n    return x + 1  # comment\n'


@pytest.mark.parametrize(("edited", "same"), [
    ('"""Other doc."""\n\ndef f(x):\n    """Add 1 (reworded)."""\n    return x + 1\n', True),   # docs and comments only
    ('"""Doc."""\n\n\ndef f(x):\n    return (x\n            + 1)\n', True),                     # formatting only
    ('"""Doc."""\n\ndef f(x):\n    """Add one."""\n    return x + 2  # comment\n', False),  # the code
    ('"""Doc."""\n\ndef f(x, y=0):\n    """Add one."""\n    return x + 1\n', False),          # a signature
])
def test_code_version_follows_the_code_not_the_prose(tmp_path, monkeypatch, edited, same):
    name = f"fakemetric_{tmp_path.name.replace('-', '_').replace('[', '_').replace(']', '_')}"
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "rules.py").write_text(ORIGINAL, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    code_version.cache_clear()
    before = code_version((name,))
    (pkg / "rules.py").write_text(edited, encoding="utf-8")
    code_version.cache_clear()
    assert (code_version((name,)) == before) is same
    code_version.cache_clear()


def test_a_new_module_in_a_hashed_package_changes_the_version(tmp_path, monkeypatch):
    pkg = tmp_path / "fakemetric2"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    code_version.cache_clear()
    before = code_version(("fakemetric2",))
    (pkg / "extra.py").write_text("Y = 2\n", encoding="utf-8")
    code_version.cache_clear()
    assert code_version(("fakemetric2",)) != before
    code_version.cache_clear()


@pytest.mark.parametrize("name", ["rouge", "factcheck"])
def test_metric_signatures_carry_their_code_version(name):
    metric = build_metric(name, {})
    fields = metric.signature_fields()
    assert fields["code"] == code_version(tuple(CODE_MODULES[name])) and fields["code"].startswith("code.sha1:")


def test_faithfulness_reuses_the_calibration_code_hash():
    from sumcheck.faithfulness.calibrate import code_version as calibrate_code
    from sumcheck.faithfulness.metric import FaithfulnessMetric

    assert FaithfulnessMetric.code_version(FaithfulnessMetric.__new__(FaithfulnessMetric)) == calibrate_code()


def _code_runs(tmp_path, rows, code_b="code.sha1:aaaaaaaaaaaa", code_c="code.sha1:bbbbbbbbbbbb"):
    return (write_run(tmp_path / "b", rows, settings={m: {"code": code_b} for m in ("rouge1", "fact_precision")}),
            write_run(tmp_path / "c", rows, settings={m: {"code": code_c} for m in ("rouge1", "fact_precision")}))


def test_the_gate_refuses_numbers_from_different_checker_code(tmp_path, capsys):
    rows = base_rows(20)
    base, cand = _code_runs(tmp_path, rows)
    code, _, err = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 2
    assert "code: baseline 'code.sha1:aaaaaaaaaaaa' != candidate 'code.sha1:bbbbbbbbbbbb'" in err
    assert "--allow-code-change" in err
    code, out, _ = _run(cmd_gate, "gate", [base, cand, "--allow-code-change"], capsys)
    assert code == 0 and "compared across a change of checker code" in out
    assert "lead3: rouge1, fact_precision: code 'code.sha1:aaaaaaaaaaaa' -> 'code.sha1:bbbbbbbbbbbb'" in out


def test_allow_code_change_does_not_allow_other_differences(tmp_path, capsys):
    rows = base_rows(20)
    base = write_run(tmp_path / "b", rows, settings={"rouge1": {"code": "code.sha1:a", "stem": "yes"}})
    cand = write_run(tmp_path / "c", rows, settings={"rouge1": {"code": "code.sha1:b", "stem": "no"}})
    code, _, err = _run(cmd_gate, "gate", [base, cand, "--allow-code-change"], capsys)
    assert code == 2 and "stem: baseline 'yes' != candidate 'no'" in err and "code: baseline" not in err


# -- diffs that name the real difference ----------------------------------------------------------

def test_a_truncation_change_is_named_trunc_once_for_every_metric(tmp_path, capsys):
    rows = base_rows(10)
    metrics = list(rows[0]["values"])
    # the data hash is taken after the cut, so a different --max-document-chars changes both
    base = write_run(tmp_path / "b", rows, data="11111111", settings={m: {"trunc": "200000c"} for m in metrics})
    cand = write_run(tmp_path / "c", rows, data="22222222", settings={m: {"trunc": "5000c"} for m in metrics})
    code, _, err = _run(cmd_compare, "compare", [base, cand], capsys)
    assert code == 2
    assert err.count("trunc: baseline '200000c' != candidate '5000c'") == 1
    assert "lead3: rouge1, rouge2, rougeL, rougeLsum, faithfulness" in err
    assert "data: baseline" not in err


def test_a_different_input_is_named_data(tmp_path, capsys):
    rows = base_rows(10)
    base = write_run(tmp_path / "b", rows, data="11111111")
    cand = write_run(tmp_path / "c", rows, data="22222222")
    code, _, err = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 2 and err.count("data: baseline 'sha1:11111111' != candidate 'sha1:22222222'") == 1
    assert "trunc" not in err


# -- counts that agree ------------------------------------------------------------------------------

def _worse_everything(rows):
    rows = changed(rows, "faithfulness", lambda i, v: v - 0.2)
    rows = changed(rows, "rouge1", lambda i, v: v - 0.2)
    return add_flag(add_flag(rows, "doc-3", number_flag("3,000")), "doc-4", number_flag("4,000"))


@pytest.mark.parametrize(("make", "expected"), [
    (lambda rows: rows, 0),
    (lambda rows: changed(rows, "faithfulness", lambda i, v: v - 0.2), 1),
    # two metrics, plus two documents with new unsupported numbers (one check: the system's)
    (_worse_everything, 3),
])
def test_junit_markdown_and_text_count_the_same_failures(tmp_path, make, expected):
    rows = base_rows(40)
    result = run_gate(write_run(tmp_path / "b", rows), write_run(tmp_path / "c", make(rows)), GateConfig())
    junit = ET.fromstring(to_junit(result))
    assert failed_checks(result) == expected == int(junit.get("failures"))
    assert len([c for c in junit.iter("testcase") if c.find("failure") is not None]) == expected
    text, md = to_table(result), to_markdown(result)
    if expected:
        assert f"FAIL: {expected} check" in text or f"FAIL: {expected} regression" in text
        assert text.splitlines()[-1] in md.splitlines()[0]
    else:
        assert "PASS" in text and "PASS" in md.splitlines()[0]


def test_a_baseline_from_before_code_versions_says_how_to_fix_it(tmp_path, capsys):
    rows = base_rows(10)
    base = write_run(tmp_path / "b", rows)  # no code field at all
    cand = write_run(tmp_path / "c", rows, settings={"rouge1": {"code": "code.sha1:bbbbbbbbbbbb"}})
    code, _, err = _run(cmd_gate, "gate", [base, cand], capsys)
    assert code == 2 and "code: baseline (absent) != candidate 'code.sha1:bbbbbbbbbbbb'" in err
    assert "made before signatures carried a code version" in err
    code, _, _ = _run(cmd_gate, "gate", [base, cand, "--allow-code-change"], capsys)
    assert code == 0
