"""ROUGE scoring functions against published values and the reference implementation.

Sources of expected values:
* rouge-score's own test suite (google-research/rouge, ``rouge_scorer_test.py``) pins ROUGE-1.5.5
  numbers on its ``testdata`` files (copied read-only to ../shared/data/rouge_score_testdata);
* Lin (2004) / rouge-score's worked summary-level LCS example (``w1 .. w5``);
* rouge-score 0.1.2 itself (installed), run side by side as the oracle on generated inputs.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer as reference
from rouge_score import tokenize as reference_tokenize

from sumcheck.rouge import core
from sumcheck.rouge.scorer import RougeConfig, RougeScorer
from sumcheck.rouge.tokenize import tokenize_rouge_score, tokenize_unicode

ROOT = Path(__file__).resolve().parents[1]
TESTDATA = ROOT.parent / "shared" / "data" / "rouge_score_testdata"
needs_testdata = pytest.mark.skipif(not TESTDATA.is_dir(), reason=f"{TESTDATA} absent (CI keeps ../shared beside the clone)")


def _lines(name: str) -> list[str]:
    with open(TESTDATA / name, encoding="utf-8") as f:
        return f.readlines()  # as rouge-score's test reads them


# (line, type, stem, R, P, F): ROUGE-1.5.5 values pinned in rouge-score's rouge_scorer_test.py
PINNED = [
    (0, "rouge1", False, 0.40741, 0.68750, 0.51163),
    (1, "rouge1", False, 0.40476, 0.65385, 0.50000),
    (0, "rouge1", True, 0.40741, 0.68750, 0.51163),
    (1, "rouge1", True, 0.42857, 0.69231, 0.52941),
    (0, "rouge2", False, 0.30769, 0.53333, 0.39024),
    (1, "rouge2", False, 0.29268, 0.48000, 0.36364),
    (0, "rouge2", True, 0.30769, 0.53333, 0.39024),
    (1, "rouge2", True, 0.29268, 0.48000, 0.36364),
    (0, "rougeL", False, 0.40741, 0.68750, 0.51163),
    (1, "rougeL", False, 0.40476, 0.65385, 0.50000),
]


@needs_testdata
@pytest.mark.parametrize("impl", ["python", "rust"])
@pytest.mark.parametrize("line,rouge_type,stem,r,p,f", PINNED)
def test_rouge155_values_pinned_by_rouge_score(impl, line, rouge_type, stem, r, p, f):
    scorer = RougeScorer(RougeConfig(types=(rouge_type,), stem=stem, impl=impl))
    got = scorer.score_item(references=[_lines("target.txt")[line]], summary=_lines("prediction.txt")[line]).scores[rouge_type]
    assert (round(got.recall, 5), round(got.precision, 5), round(got.fmeasure, 5)) == (r, p, f)


@needs_testdata
@pytest.mark.parametrize("impl", ["python", "rust"])
def test_rougelsum_multiline_with_stemming_pinned_by_rouge_score(impl):
    # rouge-score: testRougeLSumAgainstRouge155WithStemming (R 0.36538, P 0.66667, F 0.47205)
    scorer = RougeScorer(RougeConfig(types=("rougeLsum",), stem=True, impl=impl, lsum_split="newline"))
    target = (TESTDATA / "target_multi.0.txt").read_text(encoding="utf-8")
    prediction = (TESTDATA / "prediction_multi.0.txt").read_text(encoding="utf-8")
    got = scorer.score_item(references=[target], summary=prediction).scores["rougeLsum"]
    assert (round(got.recall, 5), round(got.precision, 5), round(got.fmeasure, 5)) == (0.36538, 0.66667, 0.47205)


def test_summary_level_lcs_worked_example():
    # Lin (2004) section 3.2 style example used in rouge-score's tests: union LCS {w1,w2,w3,w5}: R 4/5, P 4/10
    got = core.summary_lcs_score([["w1", "w2", "w3", "w4", "w5"]], [["w1", "w2", "w6", "w7", "w8"], ["w1", "w3", "w8", "w9", "w5"]])
    assert (got.recall, got.precision) == (0.8, 0.4)
    assert got.fmeasure == pytest.approx(0.5333, abs=1e-4)


def test_lcs_examples_from_rouge_score_tests():
    # Lin (2004) section 3.2 example as indices into ref (rouge-score testUnionLcs), and testLcsTable
    ref = [1, 2, 3, 4, 5]
    assert core.lcs_indices(ref, [1, 2, 6, 7, 8]) == [0, 1]
    assert core.lcs_indices(ref, [1, 3, 8, 9, 5]) == [0, 2, 4]
    assert core.lcs_indices(ref, [2, 5, 3, 4]) == [1, 2, 3]
    assert core.lcs_length(ref, [2, 5, 3, 4]) == 3
    assert core.lcs_indices(ref, [8, 9]) == [] and core.lcs_length(ref, [8, 9]) == 0


tokens = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(tokens, tokens)
def test_lcs_matches_reference_table_and_backtrack(ref, can):
    assert core.lcs_indices(ref, can) == reference.lcs_ind(ref, can)
    expected = reference.lcs_ind(ref, can) if ref and can else []
    assert core.lcs_length(ref, can) == len(expected)


@settings(max_examples=300, deadline=None)
@given(st.lists(tokens, max_size=4), st.lists(tokens, max_size=4))
def test_summary_lcs_matches_reference(ref_sents, can_sents):
    text_r = "\n".join(" ".join(s) for s in ref_sents)
    text_c = "\n".join(" ".join(s) for s in can_sents)
    want = reference.RougeScorer(["rougeLsum"]).score(text_r, text_c)["rougeLsum"]
    got = core.summary_lcs_score([s for s in ref_sents if s], [s for s in can_sents if s])
    assert (got.precision, got.recall, got.fmeasure) == (want.precision, want.recall, want.fmeasure)


@settings(max_examples=200, deadline=None)
@given(tokens, tokens, st.integers(min_value=1, max_value=3))
def test_ngram_matches_reference(ref, can, n):
    want = reference.RougeScorer([f"rouge{n}"]).score(" ".join(ref), " ".join(can))[f"rouge{n}"]
    got = core.ngram_score(ref, can, n)
    assert (got.precision, got.recall, got.fmeasure) == (want.precision, want.recall, want.fmeasure)


texts = st.lists(st.sampled_from(list("abcXYZ019 .,'-\n\t\u0130\u212a") + ["\u00e9", "\u4e2d", "\u0416", "running", "flies", "ing", "ATION"]),
                 max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_rouge_score_tokenizer_equals_reference(text, stem):
    from nltk.stem import porter

    want = reference_tokenize.tokenize(text, porter.PorterStemmer() if stem else None)
    assert tokenize_rouge_score(text, stem=stem) == want


@pytest.mark.parametrize("text,expected", [
    ("Москва — столица России", ["москва", "столица", "россии"]),  # Cyrillic words kept whole
    ("北京欢迎你", ["北", "京", "欢", "迎", "你"]),  # one token per Han character
    ("Café ＡＢＣ 2024", ["café", "abc", "2024"]),  # NFKC folds full-width letters
    ("STRASSE straße", ["strasse", "strasse"]),  # case folding (ß -> ss)
])
def test_unicode_tokenizer(text, expected):
    assert tokenize_unicode(text, stem=False) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["The", "cats", "ran", "running", "flies", "3.5", "U.S.", "won't", "\n", ". ", "Dr."]), max_size=25),
       st.lists(st.sampled_from(["the", "cat", "runs", "ran", "fly", "3", "5", "us", "\n", ". ", "said"]), max_size=25),
       st.booleans())
def test_python_backend_equals_rouge_score(ref_words, can_words, stem):
    ref, can = " ".join(ref_words), " ".join(can_words)
    types = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
    want = reference.RougeScorer(types, use_stemmer=stem).score(ref, can)
    scorer = RougeScorer(RougeConfig(stem=stem, impl="python", lsum_split="newline"))
    got = scorer._python_one(ref, can)  # the backend itself, without the unscored-item rules
    for t in types:
        assert (got[t].precision, got[t].recall, got[t].fmeasure) == tuple(want[t]), t


def _long_texts(words: int, vocab: int) -> tuple[str, str]:
    rng = random.Random(7)
    pool = [f"w{i}" for i in range(vocab)]
    return " ".join(rng.choice(pool) for _ in range(words)), " ".join(rng.choice(pool) for _ in range(words))


def test_memory_bounded_on_20k_by_20k_words():
    """One 20,000-word sentence each side: rouge-score's LCS tables would hold 4e8 Python ints
    (over 3 GB of pointers alone); the bit-parallel LCS must stay within a few tens of MB."""
    ref, can = _long_texts(20_000, 20_000)
    scorer = RougeScorer(RougeConfig(stem=False, impl="python"))
    tracemalloc.start()
    try:
        got = scorer.score_item(references=[ref], summary=can)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    # the LCS is at least the number of tokens the two share in order; sanity: F is in (0, 1)
    assert 0.0 < got.scores["rougeL"].fmeasure < 1.0
    assert got.scores["rougeL"].fmeasure == got.scores["rougeLsum"].fmeasure  # one sentence: Lsum == L


def test_memory_bounded_with_default_backend_in_a_fresh_process():
    """rouge-score-rs keeps a full int32 table for ROUGE-Lsum (1.6 GB here); the scorer must route
    such items to the bounded backend. Measured as peak RSS growth of a fresh interpreter, after
    the imports (NLTK's stemmer is imported by the Python backend on first use)."""
    code = textwrap.dedent(f"""
        import random, resource, sys
        sys.path.insert(0, {str(ROOT)!r})
        from sumcheck.rouge.scorer import RougeConfig, RougeScorer
        rng = random.Random(7); pool = [f"w{{i}}" for i in range(5000)]
        a = " ".join(rng.choice(pool) for _ in range(20000)); b = " ".join(rng.choice(pool) for _ in range(20000))
        from sumcheck.rouge.tokenize import stem_token
        scorer = RougeScorer(RougeConfig(stem=True))
        scorer.score_item(references=["warm up"], summary="warm up")
        stem_token("warming")  # imports NLTK (about 150 MB of modules) before measuring
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        scorer.score_item(references=[a], summary=b)
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert int(out.stdout.strip()) < 100, f"RSS grew by {out.stdout.strip()} MiB"
