"""sumcheck.summarize.text.split_sentences: one splitter for the summarizers, the checks and ROUGE-Lsum."""

import pytest

from sumcheck.summarize.text import split_sentences

CASES = [
    # (text, expected sentences, why)
    ("", [], "empty"),
    ("   \n ", [], "blank"),
    ("One. Two.", ["One.", "Two."], "plain"),
    ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."], "titles are not ends"),
    ("The U.S. Army said so. Others agreed.", ["The U.S. Army said so.", "Others agreed."], "U.S. inside a sentence"),
    ("It rose 3.5 per cent. Shares fell.", ["It rose 3.5 per cent.", "Shares fell."], "decimals"),
    ("J. K. Rowling wrote it. It sold.", ["J. K. Rowling wrote it.", "It sold."], "initials"),
    ('"Go home!" he said. "Now?" she asked.', ['"Go home!" he said.', '"Now?" she asked.'], "quotes"),
    ('He said: "We won." Then he left.', ['He said: "We won."', "Then he left."], "closing quote after the stop"),
    ("First line\nSecond line", ["First line", "Second line"], "line breaks end sentences"),
    ("the u.s. army said it was ready . officials denied it .", ["the u.s. army said it was ready .", "officials denied it ."], "lower-cased, tokenised benchmark text"),
    ("Prices hit $2.3bn in 2019. In 2020 they fell.", ["Prices hit $2.3bn in 2019.", "In 2020 they fell."], "a digit starts the next sentence"),
    ("Wait... what?", ["Wait... what?"], "ellipsis before a lower-case word"),
    ("北京是首都。上海很大。", ["北京是首都。上海很大。"], "no Latin stops: one span, nothing dropped"),
]


@pytest.mark.parametrize("text,expected,why", CASES, ids=[c[2] for c in CASES])
def test_split_sentences(text, expected, why):
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    for s in got:
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", [c[0] for c in CASES])
def test_no_character_is_dropped(text):
    spans = split_sentences(text)
    covered = "".join(text[s.start:s.end] for s in spans)
    assert covered.replace(" ", "") == "".join(text.split())
