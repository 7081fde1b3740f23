"""Issue 14: the `unicode` ROUGE tokenizer keeps combining marks inside words; the `char` tokenizer.

ROUGE-1 F by hand: "नमस्ते दुनिया" vs "नमस्ते भारत" share 1 of 2 unigrams each way -> P = R = F = 0.5.
"""

from __future__ import annotations

import pytest

from sumcheck.rouge.tokenize import TOKENIZER_NAMES, get_tokenizer, tokenize_char, tokenize_unicode

# (text, words, script) -- each is two words separated by one space, so the tokenizer must give 2 tokens
WORDS = [
    ("नमस्ते दुनिया", ["नमस्ते", "दुनिया"], "Devanagari: virama and vowel signs (Mn/Mc)"),
    ("নমস্কার পৃথিবী", ["নমস্কার", "পৃথিবী"], "Bengali"),
    ("สวัสดี ชาวโลก", ["สวัสดี", "ชาวโลก"], "Thai vowel and tone marks (Mn)"),
    ("שָׁלוֹם עוֹלָם", ["שָׁלוֹם", "עוֹלָם"], "Hebrew points (Mn)"),
    ("مَرْحَبًا عَالَم", ["مَرْحَبًا", "عَالَم"], "Arabic harakat (Mn)"),
]


@pytest.mark.parametrize("text,words,why", WORDS, ids=[w[2] for w in WORDS])
def test_marks_stay_inside_words(text: str, words: list[str], why: str) -> None:
    import unicodedata

    assert tokenize_unicode(text, stem=False) == [unicodedata.normalize("NFKC", w) for w in words]


def test_rouge1_devanagari_is_one_half() -> None:
    from sumcheck.rouge.scorer import RougeConfig, RougeScorer

    scorer = RougeScorer(RougeConfig(types=("rouge1",), stem=False, tokenizer="unicode", impl="python"))
    got = scorer._python_one("नमस्ते भारत", "नमस्ते दुनिया")
    assert got["rouge1"].fmeasure == pytest.approx(0.5)


@pytest.mark.parametrize(
    "text,tokens",
    [("東京タワー", ["東", "京", "タ", "ワ", "ー"]), ("北京，你好", ["北", "京", "你", "好"]),
     ("กิน ข้าว", ["กิ", "น", "ข้", "า", "ว"]), ("ab 12", ["a", "b", "1", "2"])],
)
def test_char_tokenizer(text: str, tokens: list[str]) -> None:
    """One token per character, a combining mark with its base (กิ = ก + U+0E34), punctuation dropped."""
    assert tokenize_char(text) == tokens


def test_char_is_a_setting_recorded_in_the_signature() -> None:
    assert TOKENIZER_NAMES["char"] == "sumcheck-char-v1"
    assert get_tokenizer("char") is tokenize_char


@pytest.mark.parametrize("summary", [".", "…", "?!"])
def test_punctuation_only_summary_is_unscored_with_the_shared_reason(summary: str) -> None:
    from sumcheck.rouge.scorer import RougeConfig, RougeScorer

    scorer = RougeScorer(RougeConfig(types=("rouge1",), stem=False, impl="python"))
    reason, refs = scorer._unscored_reason(references=["A reference."], summary=summary)
    assert reason == "summary has no words (punctuation only)" and refs == []
