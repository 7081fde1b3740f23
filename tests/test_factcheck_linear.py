"""Issue 28, row 3: the fact-check stays linear in hostile text, one test per class found.

Each test asserts a structural bound (what is handed to spaCy or difflib, how often a summary is
walked) or, for a regular expression whose steps cannot be counted, runs a size that the quadratic
version needed hours for under a generous alarm (seconds now). Timings belong in bench/hostile.py.
"""

from __future__ import annotations

import random
import re
import signal
from contextlib import contextmanager

import pytest

from sumcheck.factcheck import check as C
from sumcheck.factcheck import context as X
from sumcheck.factcheck import entities as E
from sumcheck.factcheck import numscan as S
from sumcheck.factcheck import textview as T


@contextmanager
def alarm(seconds: int):
    """Fail (instead of hanging) when the block runs past ``seconds``."""
    def late(*_):
        raise TimeoutError(f"still running after {seconds} s: super-linear")

    old = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# --- class 1: a run of stop punctuation not followed by white space ------------------------------

_OLD_STOP_RE = re.compile(r"[.!?]+(?=\s|$)")  # the pattern as it was (backtracks from every character of a run)


def test_stop_runs_match_as_before_and_in_one_pass():
    rng = random.Random(28)
    for _ in range(2000):  # same matches as the old pattern on random texts of stops, letters and spaces
        text = "".join(rng.choice("..!?a B\n") for _ in range(rng.randint(0, 30)))
        assert [m.span() for m in E._STOP_RE.finditer(text)] == [m.span() for m in _OLD_STOP_RE.finditer(text)], text
    # a million characters of each stop run: (10**6)**2 / 2 regex steps before (hours), one pass now
    for stop in (".", "!", "?", "?!", ".!?"):
        text = "it rained" + stop * (10**6 // len(stop)) + "xyz. And then."
        with alarm(30):
            spans = E.lowercased_spans(text)
        assert spans == [(0, len(text) - len(" And then."))]  # the run ends no sentence; the cased one is left out


# --- class 2: symbol runs in a summary (spaCy's tokenizer) -------------------------------------


@pytest.mark.parametrize("run", ["!", "$", "=", "'s", "…", "😀", "?!", ")", "°"])
def test_spacy_never_reads_a_long_run(run):
    text = "The vote was close " + run * (3 * C.MAX_RUN) + " and 300 soldiers" + run * 5
    shown = C.break_long_runs(text)
    assert len(shown) == len(text)  # offsets unchanged
    assert max(len(w) for w in shown.split()) <= C.MAX_RUN
    # only characters of long runs change, each to a space
    assert all(a == b or (b == " " and a in run) for a, b in zip(text, shown))
    assert shown.startswith("The vote was close ") and shown.endswith(" and 300 soldiers" + run * 5)


def test_ordinary_text_reaches_spacy_unchanged():
    text = "Mr. Smith's 1,234.5 km trip to https://example.com/a/b?c=d cost $5m!!! Wow..."
    assert C.break_long_runs(text) == text


@pytest.mark.slow
def test_degenerate_reply_is_checked_with_short_runs_only(monkeypatch):
    from sumcheck.factcheck.nlp import load_nlp

    nlp = load_nlp()
    seen: list[str] = []
    real_pipe = nlp.pipe

    def spy(texts, **kw):
        texts = list(texts)
        seen.extend(texts)
        return real_pipe(texts, **kw)

    monkeypatch.setattr(nlp, "pipe", spy)
    summary = "Smith won. " + "!" * 4096  # a reply that degenerated up to max_tokens
    fc = C.check_summary(summary=summary, source="John Smith won the vote.")
    assert seen and max(len(w) for t in seen for w in t.split()) <= C.MAX_RUN
    assert [(i.text, i.verdict) for i in fc.items] == [("Smith", "supported")]


# --- class 3: many numbers in one summary (counted_noun) ---------------------------------------


class _CountingDoc:
    """A spaCy Doc that counts how often it is walked from the start."""

    def __init__(self, doc):
        self.doc, self.walks = doc, 0

    def __iter__(self):
        self.walks += 1
        return iter(self.doc)

    def __getitem__(self, k):
        return self.doc[k]

    def __len__(self):
        return len(self.doc)


def _counted_noun_reference(doc, start, end):
    """counted_noun as it was: a walk over the summary for each number."""
    tok = before = None
    for t in doc:
        if t.idx >= end:
            tok = t
            break
        if t.idx + len(t.text) <= start:
            before = t
    if before is not None and before.lower_ == "in":
        return None
    if tok is None or tok.idx - end > 1:
        return None
    noun = None
    for t in doc[tok.i: tok.i + X.WINDOW]:
        tag = X.pos(t)
        if tag == "NOUN":
            noun = t.lower_
        elif tag in X._NOUNISH and noun is None:
            continue
        else:
            break
    if noun is None or not noun.isalpha() or noun in X._STOP:
        return None
    return noun


@pytest.mark.slow
def test_counted_noun_walks_the_summary_once():
    from sumcheck.factcheck.nlp import load_nlp
    from sumcheck.factcheck.numbers import extract_numbers

    words = ["soldiers", "new cars", "of them", "in 2014", "Smith", "died", "big red buses", "-", "people"]
    summary = " ".join(f"{i} {words[i % len(words)]}" for i in range(400)) + " one in seven residents"
    doc = load_nlp()(summary, disable=["parser", "lemmatizer", "attribute_ruler"])
    counting = _CountingDoc(doc)
    numbers = extract_numbers(summary)
    assert len(numbers) >= 400
    got = [X.counted_noun(counting, m.start, m.end) for m in numbers]
    assert counting.walks == 1  # was one walk per number (280k characters: 2 min 35 s)
    assert got == [_counted_noun_reference(doc, m.start, m.end) for m in numbers]
    assert {"soldiers", "cars", "buses"} <= set(got) and None in got


def test_a_value_repeated_in_the_source_is_gathered_once():
    from sumcheck.factcheck.numbers import extract_numbers
    from sumcheck.factcheck.tolerance import NumberIndex

    index = NumberIndex(extract_numbers("5 cars, " * 100_000))
    summary = extract_numbers("He sold 5 cars.")[0]
    with alarm(60):  # the evidence list was searched for each of the 10**5 occurrences: 5 * 10**9 steps
        found = index.match(summary)
    assert found.supported and list(found.evidence) == sorted(found.evidence) and len(set(found.evidence)) == 100_000


def test_span_containment_agrees_with_the_pairwise_rule():
    rng = random.Random(3)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 40)
            spans.append((a, a + rng.randint(0, 8)))
        cover = E.SpanCover(spans)
        for s in range(0, 45):
            for e in range(s, s + 6):
                assert cover.contains(s, e) == any(a <= s and e <= b for a, b in spans)
                assert cover.contains(s, e, proper=True) == any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)
            assert cover.covers(s) == any(a <= s < b for a, b in spans)


# --- class 4: two-digit comma groups (the lakh pattern) ----------------------------------------


def test_lakh_groups_are_scanned_once():
    assert [t.text for t in S.tokenize("Rs 12,34,567 and 1,23,45,678.50 or 10,00,000")] == \
        ["Rs", "12,34,567", "and", "1,23,45,678.50", "or", "10,00,000"]
    # runs of two-digit groups that never end in a three-digit group: the lakh pattern was re-tried
    # from every group, each time to the end of the run ((10**5)**2 / 2 group steps: hours)
    for run in ("12," * 100_000 + "12", "1," + "34," * 100_000 + "5", ",".join(["99"] * 100_000) + ",1234"):
        with alarm(30):
            toks = S.tokenize(run)
        assert all(len(t.text) <= 4 for t in toks)


# --- class 5: one mojibake pair in a long run without spaces (CJK text) ------------------------


def test_long_chunks_are_repaired_in_bounded_pieces(monkeypatch):
    import difflib
    import ftfy

    aligned: list[int] = []
    fixed: list[int] = []
    real_matcher, real_fix = difflib.SequenceMatcher, ftfy.fix_encoding

    def matcher(junk, a, b, **kw):
        aligned.append(max(len(a), len(b)))
        assert len(a) <= T.MAX_CHUNK, "a whole long chunk handed to difflib (quadratic)"
        return real_matcher(junk, a, b, **kw)

    def fix(text):
        fixed.append(len(text))
        assert len(text) <= T.MAX_CHUNK, "a whole long chunk handed to ftfy"
        return real_fix(text)

    monkeypatch.setattr(T.difflib, "SequenceMatcher", matcher)
    monkeypatch.setattr(ftfy, "fix_encoding", fix)
    article = "北京" * 50_000 + "JosÃ© Mourinho" + "说" * 100_000  # a CJK article with one mis-decoded name
    view = T.TextView.of(article)
    assert "José Mourinho" in view.text and len(view.text) == len(article) - 1
    k = view.text.index("José")
    assert article[slice(*view.span(k, k + 4))] == "JosÃ©"
    assert fixed and len(fixed) <= 2
    # pairs everywhere, and a run of continuation characters: still pieces of bounded size
    for text in ("Ã©" * 20_000, "Ã" + "©" * 20_000 + "Ã©", "Â£" + "中" * 50_000 + "Â£"):
        aligned.clear()
        T.TextView.of(text)
        assert aligned and max(aligned) <= T.MAX_CHUNK


def test_short_chunks_are_repaired_whole_as_before():
    # a chunk up to MAX_CHUNK characters is one piece, as the old whole-chunk rule gave
    assert list(T._chunks("a JosÃ©-Ã©cole b")) == [(2, 14)]
    assert list(T._chunks("x " + "Ã©" * 40 + " y")) == [(2, 82)]
    pieces = list(T._chunks("中" * 1000 + "Ã©" + "中" * 1000))
    assert len(pieces) == 1 and pieces[0][0] <= 1000 < 1002 <= pieces[0][1] and pieces[0][1] - pieces[0][0] <= T.MAX_CHUNK


# --- class: many summary numbers whose noun differs from the source's (what the source counts) ---


def _uses_reference(src, noun, skip, limit=3):
    """The walk as it was before the per-source map: every source mention, for each summary number."""
    out = []
    for idx, sm in enumerate(src.numbers.mentions):
        if idx not in skip and sm.kind in C.CONTEXT_KINDS and noun in src.words(idx):
            out.append(idx)
            if len(out) >= limit:
                break
    return out


def test_what_the_source_counts_is_looked_up_not_walked(monkeypatch):
    from sumcheck.factcheck.numbers import extract_numbers

    k = 3000
    src = C.analyse_source(" ".join(f"{i} apples." for i in range(k)), use_cache=False)
    calls = {"words": 0}
    words = C.SourceAnalysis.words

    def counted(self, idx):
        calls["words"] += 1
        return words(self, idx)

    monkeypatch.setattr(C.SourceAnalysis, "words", counted)
    items = [C._number_item(m, src, "cars") for m in extract_numbers(" ".join(f"{i} cars." for i in range(k)))]
    assert len(items) == k  # 1000-2099 read as years: those are checked on the value alone
    assert all(i.verdict == "unsupported" for i in items if i.label == "cardinal") and sum(i.label == "cardinal" for i in items) >= 1800
    assert items[5].reason == "no 5 for cars in source: source has 5 for apples"
    # one pass over the source's mentions to build the map, then a bounded number per summary number
    # (was one walk over all k source mentions per summary number: k * k = 9 * 10**6 calls)
    assert calls["words"] <= 4 * k


def test_what_the_source_counts_is_as_before_on_mixed_text():
    rng = random.Random(28)
    nouns = ["cars", "apples", "car", "people", "of cars", "new cars", "", "in 2014", "% of cars", "buses"]
    for _ in range(200):
        text = " ".join(f"{rng.randint(1, 12)} {rng.choice(nouns)}{rng.choice(['.', ',', ''])}" for _ in range(rng.randint(0, 25)))
        src = C.analyse_source(text, use_cache=False)
        n = len(src.numbers.mentions)
        for noun in ("car", "apple", "people", "bus", "new", "of", "train"):
            skip = [i for i in range(n) if rng.random() < 0.3]
            assert C._uses(src, noun, skip) == _uses_reference(src, noun, set(skip)), (text, noun, skip)
    # hand-worked: the first three other counts of cars, in source order, after the value's own noun
    src = C.analyse_source("3 cars. 5 apples. 7 cars. 9 cars. 11 cars.", use_cache=False)
    assert [src.numbers.mentions[i].text for i in C._uses(src, "car", [1])] == ["3", "7", "9"]
