"""The CLI: fast --help, one-line errors with non-zero exits, never a traceback for a user mistake."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sumcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_help_imports_nothing_heavy():
    code = (
        "import sys\n"
        "from sumcheck.cli import build_parser\n"
        "p = build_parser()\n"
        "for name in list(p._subparsers._group_actions[0].choices):\n"
        "    p._subparsers._group_actions[0].choices[name].format_help()\n"
        "heavy = [m for m in ('torch', 'transformers', 'spacy', 'datasets', 'numpy', 'sklearn') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("argv,message", [
    (["run", "does-not-exist.yaml"], "no such config file"),
    (["score", "does-not-exist.jsonl", "--out", "OUT"], "no such file"),
    (["score", "INPUT", "--out", "OUT", "--metrics", "rogue"], "did you mean 'rouge'"),
    (["score", "INPUT", "--out", "OUT", "--field", "document"], "NAME=COLUMN"),
])
def test_user_mistakes_are_one_line_and_exit_2(tmp_path, capsys, argv, message):
    good = tmp_path / "in.jsonl"
    good.write_text(json.dumps({"document": "A doc.", "summary": "A."}) + "\n")
    argv = [str(good) if a == "INPUT" else str(tmp_path / "o") if a == "OUT" else a for a in argv]
    assert main(argv + ["-q"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_malformed_input_through_the_cli(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"document": "x", "summary": "y"}\n{oops\n')
    assert main(["score", str(bad), "--out", str(tmp_path / "o"), "-q"]) == 2
    assert f"{bad}:2: malformed JSON" in capsys.readouterr().err


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage: sumcheck" in capsys.readouterr().out


@pytest.mark.parametrize("extra,message", [
    (["--seed", "-1"], "--seed must be 0 or more"),
    (["--resamples", "0"], "--resamples must be at least 1"),
    (["--max-document-chars", "10"], "--max-document-chars must be at least 1000"),
])
def test_score_rejects_values_that_give_wrong_numbers(tmp_path, capsys, extra, message):
    good = tmp_path / "in.jsonl"
    good.write_text(json.dumps({"document": "A doc.", "summary": "A."}) + "\n")
    assert main(["score", str(good), "--out", str(tmp_path / "o"), "-q", *extra]) == 2
    assert message in capsys.readouterr().err


def test_a_bug_is_an_internal_error_never_exit_1(monkeypatch, capsys):
    import sumcheck.cli.cmd_score as cmd

    def boom(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cmd, "run", boom)
    assert main(["score", "x", "--out", "y", "-q"]) == 4
    assert "internal error: ZeroDivisionError" in capsys.readouterr().err


def test_a_row_without_its_system_among_named_ones_is_an_error(tmp_path, capsys):
    # new-user trial, session 5: the row was scored as a made-up system called "input"
    rows = [{"id": "a", "document": "The council approved 300 homes.", "summary": "300 homes.", "system": "A"},
            {"id": "b", "document": "Rain closed the A1.", "summary": "A1 closed.", "system": None}]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["score", str(data), "--out", str(tmp_path / "o"), "--metrics", "rouge", "-q"]) == 2
    assert "d.jsonl:2: no system (the field is missing or empty) while other rows name one" in capsys.readouterr().err
    assert main(["score", str(data), "--out", str(tmp_path / "o2"), "--metrics", "rouge", "-q", "--system", "X"]) == 0
