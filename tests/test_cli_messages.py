"""Honest messages of meta-eval and calibrate (issue 17): bad files, one-class labels, too few rows."""

import json

import pytest

from sumcheck.cli import main
from sumcheck.metaeval.data import load_labelled
from sumcheck.metaeval.run import MetricScores, meta_evaluate


def _labelled(path, labels):
    path.write_text("".join(json.dumps({"document": f"Document {i} about Paris.", "summary": f"Summary {i}.",
                                        "label": y}) + "\n" for i, y in enumerate(labels)), encoding="utf-8")
    return path


@pytest.mark.parametrize("content,message", [
    (b'{"document": "d", "summary": "s", "label": 1}\n{"document": "caf\xe9"}\n', ":2: not valid UTF-8"),
    (b'[{"document": "d", "summary": "s", "label": 1}]\n', ":1: expected a JSON object"),
], ids=["non-utf8", "json-list"])
def test_meta_eval_bad_file_is_exit_2_naming_the_line(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    assert main(["meta-eval", str(bad), "--out", str(tmp_path / "me"), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}{message}" in err and "internal error" not in err and err.count("\n") == 1


def _fake_scores(data):
    # a perfect metric: the label itself
    return [MetricScores("m", [float(y) for y in data.labels])]


def test_one_class_labels_leave_agreement_unscored(tmp_path):
    one = load_labelled(_labelled(tmp_path / "one_val.jsonl", [1, 1, 1, 1]))
    two = load_labelled(_labelled(tmp_path / "two_val.jsonl", [1, 0, 1, 0]))
    report = meta_evaluate([one, two], scorer=_fake_scores, resamples=20)
    by = {r["dataset"]: r for r in report["results"]}
    assert by["one"]["balanced_accuracy"] is None and by["one"]["auc"]["value"] is None
    assert "one class" in by["one"]["threshold"]
    # a perfect metric on two classes: ROC-AUC 1 (by definition), balanced accuracy 1
    assert by["two"]["auc"]["value"] == 1.0
    # the mean is over the datasets that have a value, and says which (the one-class file is left out, not 0)
    assert report["mean_over"]["m"] == ["two"]
    assert report["mean_balanced_accuracy"]["m"] == by["two"]["balanced_accuracy"]


def test_meta_eval_warns_about_one_class_and_shows_progress(tmp_path, capsys, monkeypatch):
    import sumcheck.metaeval.run as run_module

    def fake(data, *, faithfulness=None, progress=None, **_):
        if progress is not None:
            progress(len(data.pairs))
        return _fake_scores(data)

    monkeypatch.setattr(run_module, "score_dataset", fake)
    data = _labelled(tmp_path / "allgood_val.jsonl", [1, 1, 1])
    assert main(["meta-eval", str(data), "--out", str(tmp_path / "me"), "--resamples", "20"]) == 0
    captured = capsys.readouterr()
    assert "warning: allgood: every label is the same class" in captured.err
    assert "meta-eval: scoring" in captured.err  # the progress bar, on stderr
    row = next(line for line in captured.out.splitlines() if line.startswith("m "))
    assert row.split()[1:] == ["-", "-"]  # no balanced accuracy, no mean
    rep = json.loads((tmp_path / "me" / "meta_eval.json").read_text())
    assert rep["results"][0]["balanced_accuracy"] is None


def test_meta_eval_warns_when_a_class_is_nearly_absent(tmp_path, capsys, monkeypatch):
    import sumcheck.metaeval.run as run_module

    monkeypatch.setattr(run_module, "score_dataset", lambda data, **_: _fake_scores(data))
    few = _labelled(tmp_path / "few_val.jsonl", [1] + [0] * 20)  # one consistent pair: its AUC is one pair's luck
    fine = _labelled(tmp_path / "fine_val.jsonl", [1, 0] * 6)
    assert main(["meta-eval", str(few), str(fine), "--out", str(tmp_path / "me"), "--resamples", "20", "-q"]) == 0
    err = capsys.readouterr().err
    assert "warning: few: only 1 consistent and 20 inconsistent pairs" in err and "fine:" not in err


def test_calibrate_refuses_too_few_rows_of_a_class(tmp_path, capsys):
    from sumcheck.cli.cmd_calibrate import MIN_PER_CLASS

    data = _labelled(tmp_path / "tiny_val.jsonl", [1] * 20 + [0] * 3)
    out = tmp_path / "model.yaml"
    assert main(["calibrate", str(data), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"20 consistent (label 1) and 3 inconsistent (label 0)" in err and f"at least {MIN_PER_CLASS}" in err
    assert not out.exists()
    assert main(["calibrate", str(data), "--limit", "5", "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "the first 5 rows (--limit) hold 5 consistent" in err and "raise --limit" in err
    assert not out.exists()


def test_calibrate_refuses_a_static_encoder_in_bfloat16(tmp_path, capsys):
    """Issue 26: the static vectors exist in float32 only; the mistake is named before any work."""
    data = _labelled(tmp_path / "some_val.jsonl", [1, 0] * 6)
    out = tmp_path / "model.yaml"
    assert main(["calibrate", str(data), "--encoder", "static", "--encoder-dtype", "bfloat16", "--out", str(out), "-q"]) == 2
    assert "--encoder static has float32 vectors only" in capsys.readouterr().err and not out.exists()
