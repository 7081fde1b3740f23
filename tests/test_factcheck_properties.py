"""Property tests for the extractors and normalisers (issue 3, "Robustness").

* arbitrary Unicode never raises, and every span points back at its own text;
* a 1 MB input runs in linear time (no regex backtracking blow-up): 1 MB may take at most ~2.5x
  what ten times the 100 kB run would suggest;
* normalising a number's own rendering (digits, separators, words, scales, money, percent) gives
  the same value back.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sumcheck.factcheck.entities import SourceNames
from sumcheck.factcheck.names import normalise_name, variants
from sumcheck.factcheck.numbers import extract_numbers
from sumcheck.factcheck.tolerance import NumberIndex
from factcheck_helpers import number_words

NUMBERISH = st.lists(st.sampled_from(list("0123456789,. -–%£$#:apmkbnst") + ["million", " to ", "twenty", "-five", " and ", "third", "March ", "per cent"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), NUMBERISH))
def test_numbers_never_raise_and_spans_hold(text: str) -> None:
    for m in extract_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.alternatives and all(alt for alt in m.alternatives)
    NumberIndex(extract_numbers(text))


def test_very_long_digit_strings_do_not_raise() -> None:
    """Python refuses int() on > 4300 digits; such a token is noise, not a number."""
    assert extract_numbers("1" * 5000) == []
    assert [m.value for m in extract_numbers("id " + "9" * 5000 + " and 12 people")] == [12]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=28), st.integers(min_value=1, max_value=12), st.integers(min_value=1900, max_value=2099))
def test_date_renderings_round_trip(day: int, month: int, year: int) -> None:
    names = "January February March April May June July August September October November December".split()
    for shown in (f"{day} {names[month - 1]} {year}", f"{names[month - 1]} {day}, {year}"):
        (m,) = extract_numbers(f"it happened on {shown} in the end")
        assert (m.kind, m.value) == ("date", year * 10000 + month * 100 + day)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_ordinal_renderings_round_trip(n: int) -> None:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    (m,) = extract_numbers(f"the {n}{suffix} time")
    assert (m.kind, m.value) == ("ordinal", n)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_names_never_raise(text: str) -> None:
    names = SourceNames(text)
    toks = normalise_name(text)
    names.match(toks)
    variants(toks)
    assert len(names.truecase(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_digit_renderings_round_trip(n: int) -> None:
    for shown in (str(n), f"{n:,}"):
        (m,) = extract_numbers(f"they counted {shown} of them")
        assert m.value == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=999_999_999))
def test_word_renderings_round_trip(n: int) -> None:
    (m,) = extract_numbers(f"they counted {number_words(n)} of them")
    assert m.value == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from([("million", 1e6), ("bn", 1e9), ("m", 1e6), ("k", 1e3)]), st.sampled_from(["£", "$", "€"]))
def test_scaled_money_round_trips(tenths: int, scale: tuple[str, float], symbol: str) -> None:
    word, factor = scale
    shown = f"{symbol}{tenths / 10:g}{'' if len(word) <= 2 else ' '}{word}"
    (m,) = extract_numbers(f"a deal worth {shown} was signed")
    assert m.kind == "money"
    assert m.value == pytest.approx(tenths / 10 * factor)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=100))
def test_percent_round_trips(p: int) -> None:
    for shown in (f"{p}%", f"{p} per cent", f"{p} percent"):
        (m,) = extract_numbers(f"turnout was {shown} last time")
        assert (m.kind, m.value) == ("percent", p)


# Shapes that would make a backtracking regex or a quadratic scan blow up, mixed into one chunk.
ADVERSARIAL = (
    "1,000,000,000,000,0 twenty-twenty-twenty- a a a a hundred and and $$$$ £ # 1. 2. 3. U.S.U.S.U.S. "
    "between 5 and between 6 and 2018-19-20-21- Mr Mr Of The Of The 3 March 2014 10 000 000 "
)


@pytest.mark.parametrize("which", ["numbers", "names"])
def test_one_megabyte_is_linear(which: str) -> None:
    run_one = extract_numbers if which == "numbers" else SourceNames
    small = ADVERSARIAL * (100_000 // len(ADVERSARIAL))
    big = ADVERSARIAL * (1_000_000 // len(ADVERSARIAL))

    def run(text: str) -> float:
        t = time.perf_counter()
        run_one(text)
        return time.perf_counter() - t

    t_small = min(run(small) for _ in range(2))
    t_big = run(big)
    assert t_big < 25 * t_small + 0.5, (t_small, t_big)
