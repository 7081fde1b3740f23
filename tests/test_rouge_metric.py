"""The ``rouge`` metric: rows, unscored items, several references, settings, signature, paired tests.

Expected values come from rouge-score 0.1.2 run side by side (the reference implementation),
rouge-score's own documented examples, definitions (identical texts score 1) and, for the
randomisation test, exact enumeration of all sign flips.
"""

from __future__ import annotations

import itertools
import json
import logging
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score.rouge_scorer import RougeScorer as Reference

from sumcheck.metric import Pair, build_metric
from sumcheck.rouge.metric import RougeMetric
from sumcheck.rouge.scorer import RougeScorer
from sumcheck.rouge.significance import approximate_randomization, compare_systems, corpus_rouge
from sumcheck.stats import paired_bootstrap
from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.records import Document, Prediction
from sumcheck.summarize.text import SPLITTER_NAME, sentence_texts

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "xsum_docs_with_reference.jsonl"


def pair(summary: str, *references: str, doc_id: str = "d1", system: str = "s") -> Pair:
    return Pair(Document(id=doc_id, text="source text", references=tuple(references)), Prediction(doc_id=doc_id, system=system, summary=summary))


def test_registered_and_row_shape_matches_rouge_score():
    metric = build_metric("rouge", {"lsum_split": "newline"})
    assert isinstance(metric, RougeMetric)
    ref, summ = "The quick brown fox jumps over the lazy dog", "The quick brown dog jumps on the log."
    [row] = metric.score([pair(summ, ref)])
    want = Reference(TYPES, use_stemmer=True).score(ref, summ)  # stemmer defaults to true
    assert set(row) == set(TYPES)
    for t in TYPES:
        assert row[t] == {"precision": want[t].precision, "recall": want[t].recall, "fmeasure": want[t].fmeasure}
    assert metric.item_values(row) == {t: want[t].fmeasure for t in TYPES}
    json.dumps(row)  # JSON-able


def test_signature_fields_default_and_explicit():
    metric = RougeMetric()
    code = metric.code_version()  # the hash of the ROUGE code (tests/test_gate_signatures.py)
    assert metric.signature_fields() == {
        "tok": "rouge-score", "stem": "yes", "lsum-split": SPLITTER_NAME, "refs": "1",
        "impl": f"rouge-score-rs-{version('rouge-score-rs')}", "code": code,
    }
    metric = RougeMetric({"stemmer": False, "tokenizer": "unicode", "lsum_split": "newline", "impl": "python", "types": ["rouge1", "rougeL"]})
    metric.score([pair("a b c", "a b", "b c", "c")])
    assert metric.signature_fields() == {"tok": "sumcheck-unicode-v2", "stem": "no", "lsum-split": "newline", "refs": "3",
                                         "impl": "sumcheck-python-1", "code": code}
    assert set(metric.item_values(metric.score([pair("a b", "a")])[0])) == {"rouge1", "rougeL"}


# (summary, references, start of the reason) -- texts in scripts the rouge-score tokenizer drops entirely
UNSCORED = [
    ("北京今天下雨了。", ("It rained in Beijing today.",), "summary has no tokens"),
    ("วันนี้ฝนตกที่กรุงเทพ", ("It rained in Bangkok today.",), "summary has no tokens"),
    ("Сегодня в Москве шёл дождь.", ("It rained in Moscow today.",), "summary has no tokens"),
    ("It rained in Moscow today.", ("Сегодня в Москве шёл дождь.",), "reference has no tokens"),
    # new-user trial: digits alone were scored (rouge1 0.5 from "2020" and "300"); most letters unread -> unscored
    ("В 2020 году построили 300 домов.", ("В 2020 году построено 300 домов.",), "summary: 100% of its letters are outside"),
    ("Совет построил 73 дома в Лидсе.", ("The council built 73 houses in Leeds.",), "summary: 100% of its letters are outside"),
    ("The council built 73 houses.", ("Совет построил 73 дома.",), "reference has no tokens"),
    ("", ("A reference.",), "empty summary"),
    ("   \n", ("A reference.",), "empty summary"),
    ("A summary.", (), "no reference summary"),
    ("A summary.", ("", "  "), "no reference summary"),
]


@pytest.mark.parametrize("impl", ["rust", "python"])
@pytest.mark.parametrize("summary,references,reason", UNSCORED)
def test_unscored_items_are_none_with_reason_not_zero(impl, summary, references, reason, caplog):
    metric = RougeMetric({"impl": impl})
    with caplog.at_level(logging.WARNING, logger="sumcheck.rouge.metric"):
        [row] = metric.score([pair(summary, *references)])
    assert row["score"] is None and row["reason"].startswith(reason)
    assert metric.item_values(row) == {t: None for t in TYPES}
    warned = any("cannot read their script" in r.getMessage() for r in caplog.records)
    assert warned == ("another script?" in row["reason"])


def test_unicode_tokenizer_scores_other_scripts():
    metric = RougeMetric({"tokenizer": "unicode", "stemmer": False})
    same, half = metric.score([pair("北京今天下雨了。", "北京今天下雨了。"), pair("Москва столица", "Москва город")])
    assert all(same[t]["fmeasure"] == 1.0 for t in TYPES)  # identical texts
    assert half["rouge1"] == {"precision": 0.5, "recall": 0.5, "fmeasure": 0.5}  # one of two words shared


def test_a_latin_text_with_a_few_other_letters_is_scored():
    # accents and one foreign name leave most letters in a-z: scored as rouge-score would
    [row] = RougeMetric().score([pair("The café in Zürich opened.", "A café opened in Zürich.")])
    assert row["rouge1"]["fmeasure"] > 0
    [row] = RougeMetric().score([pair("Putin (Путин) met Biden.", "Putin met Biden in Geneva.")])
    assert row["rouge1"]["fmeasure"] > 0


def test_tokenless_reference_is_skipped_when_another_reference_has_tokens():
    [row] = RougeMetric().score([pair("the cat sat", "Кошка сидела", "the cat sat down")])
    want = Reference(TYPES, use_stemmer=True).score("the cat sat down", "the cat sat")
    assert row["rouge1"]["fmeasure"] == want["rouge1"].fmeasure


@pytest.mark.parametrize("impl", ["rust", "python"])
def test_several_references_best_per_type_like_score_multi(impl):
    refs = ("police arrested the man on friday in london",  # best unigram overlap
            "the man was arrested",                          # best bigram / order
            "nothing in common here")
    summary = "the man was arrested by police in london"
    [row] = RougeMetric({"impl": impl, "lsum_split": "newline"}).score([pair(summary, *refs)])
    want = Reference(TYPES, use_stemmer=True).score_multi(list(refs), summary)
    for t in TYPES:
        assert row[t]["fmeasure"] == want[t].fmeasure, t
        assert row[t]["precision"] == want[t].precision, t


def test_lsum_split_is_explicit():
    """rouge-score's testRougeLSumSentenceSplitting: swapped sentences on one line give Lsum F 0.5
    when only newlines split; split into sentences they give 1.0."""
    target, prediction = "First sentence. Second Sentence.", "Second sentence. First Sentence."
    [newline] = RougeMetric({"lsum_split": "newline"}).score([pair(prediction, target)])
    [sentences] = RougeMetric({"lsum_split": "sentences"}).score([pair(prediction, target)])
    assert newline["rougeLsum"]["fmeasure"] == pytest.approx(0.5, abs=1e-9)
    assert sentences["rougeLsum"]["fmeasure"] == pytest.approx(1.0, abs=1e-9)
    assert newline["rougeL"] == sentences["rougeL"]


@pytest.mark.skipif(not DOCS.is_file(), reason=f"{DOCS} absent")
def test_backends_agree_on_multi_sentence_texts():
    rows = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines()[:40]]
    pairs = [pair(" ".join(sentence_texts(r["document"])[:3]), r["reference"], r["document"][:2000], doc_id=str(i)) for i, r in enumerate(rows)]
    rust = RougeMetric({"impl": "rust"}).score(pairs)
    python = RougeMetric({"impl": "python"}).score(pairs)
    assert rust == python


@pytest.mark.parametrize("settings", [
    {"stemer": True}, {"types": ["rouge0"]}, {"types": ["rougeX"]}, {"types": "rouge1"}, {"types": []},
    {"tokenizer": "spacy"}, {"lsum_split": "nltk"}, {"impl": "java"}, {"stemmer": "yes"},
])
def test_bad_settings_raise_config_error(settings):
    with pytest.raises(ConfigError):
        RougeMetric(settings)


def test_compare_systems_bootstrap_uses_paired_bootstrap():
    base = RougeMetric().score([pair("a cat sat", "the cat sat on the mat", doc_id=str(i)) for i in range(5)] + [pair("", "x")])
    cand = RougeMetric().score([pair("the cat sat on a mat", "the cat sat on the mat", doc_id=str(i)) for i in range(6)])
    got = compare_systems(base, cand, rouge_type="rouge1", resamples=200, seed=3)
    want = paired_bootstrap([r.get("rouge1", {}).get("fmeasure") for r in base], [r["rouge1"]["fmeasure"] for r in cand], resamples=200, seed=3)
    assert got == want and got.n == 5 and got.delta > 0
    est = corpus_rouge(base, types=["rouge1"], resamples=100, seed=1)["rouge1"]
    assert (est.n, est.unscored) == (5, 1)
    with pytest.raises(ValueError):
        compare_systems(base, cand[:3], rouge_type="rouge1")


def test_approximate_randomization_matches_exact_enumeration():
    rng = np.random.default_rng(0)
    base = rng.uniform(0.2, 0.5, size=10)
    cand = base + rng.normal(0.04, 0.05, size=10)
    d = cand - base
    observed = abs(d.mean())
    flips = np.array(list(itertools.product([-1, 1], repeat=10)))
    exact = np.mean(np.abs((flips * d).mean(axis=1)) >= observed - 1e-12)
    got = approximate_randomization(list(base), list(cand), resamples=20000, seed=5)
    assert got.p_value == pytest.approx(exact, abs=0.01)
    assert got.delta == pytest.approx(d.mean())
    same = approximate_randomization([0.1, 0.2], [0.1, 0.2])
    assert same.p_value == 1.0 and same.delta == 0.0
    assert approximate_randomization([None, 0.2], [0.3, None]).n == 0


def test_backends_agree_with_unicode_tokenizer():
    pairs = [
        pair("Москва — столица России. Там живут люди.", "Столица России — Москва.\nЛюди живут там."),
        pair("東京は日本の首都です。", "日本の首都は東京です。", "首都"),
        pair("Café au lait, s'il vous plaît. Merci!", "Un café au lait. Merci beaucoup."),
    ]
    for split in ("sentences", "newline"):
        rust = RougeMetric({"tokenizer": "unicode", "impl": "rust", "lsum_split": split}).score(pairs)
        python = RougeMetric({"tokenizer": "unicode", "impl": "python", "lsum_split": split}).score(pairs)
        assert rust == python
        assert all(row["rouge1"]["fmeasure"] > 0 for row in rust)


def test_without_rust_backend_auto_falls_back_and_rust_is_refused(monkeypatch):
    import sumcheck.rouge.scorer as scorer_module

    monkeypatch.setattr(scorer_module, "rust_version", lambda: None)
    metric = RougeMetric()
    assert metric.signature_fields()["impl"] == "sumcheck-python-1"
    [row] = metric.score([pair("the cat sat", "the cat sat down")])
    want = Reference(TYPES, use_stemmer=True).score("the cat sat down", "the cat sat")
    assert row["rougeL"]["fmeasure"] == want["rougeL"].fmeasure
    with pytest.raises(ConfigError):
        RougeMetric({"impl": "rust"})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "7", " ", "  ", "\t", "\r", "\u00a0", "\n", ".", "!", "?", "\u2026", "\"", "'", ")",
                                 "\u201d", "]", "(", "Mr", "U.S", "e.g", "J", "x", "3.5"]), max_size=30).map("".join))
def test_lsum_shortcut_only_skips_texts_the_splitter_keeps_whole(text):
    """lsum_text skips sumcheck.summarize.text.split_sentences when no cut is possible; if the splitter's
    rules change so that it would cut such a text, this fails."""
    scorer = RougeScorer()
    joined = "\n".join(sentence_texts(text))
    got = scorer.lsum_text(text)
    assert [line.split() for line in got.split("\n") if line.strip()] == [line.split() for line in joined.split("\n") if line.strip()]


@pytest.mark.parametrize("tokenizer", ["rouge-score", "unicode"])
def test_metric_pickles_for_worker_processes(tokenizer):
    import pickle

    metric = RougeMetric({"tokenizer": tokenizer})
    rows = metric.score([pair("the cat sat", "the cat sat down")])
    clone = pickle.loads(pickle.dumps(metric))
    assert clone.score([pair("the cat sat", "the cat sat down")]) == rows


def test_refs_in_signature_from_noted_documents():
    metric = RougeMetric()
    metric.note_documents([Document(id="a", text="t", references=("r1", "r2", " ")), Document(id="b", text="t", references=("r",))])
    assert metric.signature_fields()["refs"] == "2"
