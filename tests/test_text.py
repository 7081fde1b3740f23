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


# -- the fast splitter gives exactly the spans of the per-character one it replaced (sumcheck 0.1.0) --------
import glob  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sumcheck.summarize import text as text_module  # noqa: E402

_CLOSERS, _OPENERS = "\"'”’»)]}", "\"'“‘«([{`"
_OLD_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*")


def _old_word_before(text, end):
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:end]


def _old_is_boundary(text, match, lowercase_text):
    nxt = j = match.end()
    n = len(text)
    while j < n and text[j] in " \t\r\u00a0":
        j += 1
    if (j == nxt and j < n) or j >= n:
        return False
    if text[j] == "\n":
        return True
    first = text[j]
    if not (first.isupper() or first.isdigit() or first in _OPENERS or (lowercase_text and first.isalpha())):
        return False
    punct = match.group(0)
    if punct.startswith(".") and len(punct.rstrip(_CLOSERS)) == 1:
        word = _old_word_before(text, match.start()).lower().rstrip(".")
        if word in text_module._ABBREVIATIONS or (len(word) == 1 and word.isalpha() and first.isupper()):
            return False
    return True


def old_split(text):
    """The splitter as it was before it was made fast: a generator over every character."""
    if not text or text.isspace():
        return []
    lowercase_text = not any(ch.isupper() for ch in text)
    cuts = {m.end() for m in _OLD_END.finditer(text) if _old_is_boundary(text, m, lowercase_text)}
    cuts |= {m.start() for m in re.finditer(r"\n\s*", text)}
    out, start = [], 0
    for cut in sorted(cuts) + [len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e, text[s:e]))
        start = cut
    return out


def spans(text):
    return [(s.start, s.end, s.text) for s in split_sentences(text)]


TRICKY = list("aZ .!?…\n\t\r\u00a0\u3000\"'”’»)]}“‘«([{`3²ǅⒶ𝐀_é") + ["Mr", "e.g", "U.S", "J", "...", " . ", ". 3", ". a", ". (", "\n \n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), max_size=40).map("".join))
def test_same_spans_as_the_per_character_splitter(text):
    assert spans(text) == old_split(text)


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared validation cuts are not on this machine")
def test_same_spans_on_every_text_of_the_shared_data():
    seen = 0
    for path in sorted(glob.glob(str(SHARED / "*.jsonl")))[:4]:
        for line in Path(path).read_text(encoding="utf-8").splitlines()[:300]:
            for value in json.loads(line).values():
                if isinstance(value, str):
                    assert spans(value) == old_split(value), value[:80]
                    seen += 1
    assert seen > 1000
