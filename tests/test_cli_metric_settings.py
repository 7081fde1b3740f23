"""`sumcheck score --metric-settings FILE`: metric settings for summaries the user brings, with
one-line errors for a bad file, and the offline backend refusing a `model:` it would ignore."""

from __future__ import annotations

import json

import pytest

from sumcheck.cli import main


def _pairs(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "document": f"The council met on Monday {i}. It approved 3 plans.",
                                        "summary": "The council approved 3 plans.", "reference": "The council approved plans."}) + "\n"
                                        for i in range(3)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("text,message", [
    ("faithfulness: {model: mine.yaml}\n", "reads its calibrated model from `config:`"),
    ("faithfulnes: {}\n", "unknown metric 'faithfulnes'; did you mean 'faithfulness'?"),
    ("rouge: {bogus_setting: 1}\n", "bogus_setting"),
    ("- rouge\n", "expected a mapping of metric name to settings"),
    ("rouge: [\n", "not valid YAML"),
], ids=["offline-model", "typo", "unknown-setting", "list", "yaml"])
def test_bad_settings_file_is_one_line_exit_2(tmp_path, capsys, text, message):
    settings = tmp_path / "m.yaml"
    settings.write_text(text, encoding="utf-8")
    assert main(["score", str(_pairs(tmp_path)), "--out", str(tmp_path / "r"), "--metric-settings", str(settings), "-q"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "r" / "results.jsonl").exists()


def test_settings_choose_the_metrics_and_reach_them(tmp_path, capsys):
    settings = tmp_path / "m.yaml"
    settings.write_text("metrics:\n  rouge: {lsum_split: newline}\n", encoding="utf-8")  # a run config's section
    out = tmp_path / "r"
    assert main(["score", str(_pairs(tmp_path)), "--out", str(out), "--metric-settings", str(settings), "-q", "--no-report"]) == 0
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    sigs = json.dumps(scores)
    assert "lsum-split:newline" in sigs and "factcheck" not in sigs  # only the file's metric, with its setting
    # --metrics given: the file must not set a metric it leaves out
    assert main(["score", str(_pairs(tmp_path)), "--out", str(tmp_path / "r2"), "--metric-settings", str(settings),
                 "--metrics", "factcheck", "-q"]) == 2
    assert "which --metrics leaves out" in capsys.readouterr().err
