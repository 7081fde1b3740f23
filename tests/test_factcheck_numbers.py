"""Number extraction and normalisation (eval/factcheck/numbers.py).

Every case in the tables below names where it comes from: the issue text that specifies the
extractor ("issue 3"), the seed article (../shared/seeds/000_7d9a15cf7702496c.txt), or a FRANK /
XSum validation summary that we looked at while tuning.
"""

from __future__ import annotations

import pytest

from sumcheck.factcheck.numbers import Reading, extract_numbers

# (text, expected mention text, kind, readings of the first alternative as (family, value, unit), source)
EXTRACTION = [
    ("10,000", "10,000", "cardinal", [("n", 10000, None)], "issue 3: digits with separators"),
    ("10 000", "10 000", "cardinal", [("n", 10000, None)], "issue 3: digits with separators"),
    ("1.5", "1.5", "cardinal", [("n", 1.5, None)], "issue 3: decimals"),
    ("three", "three", "cardinal", [("n", 3, None)], "issue 3: words"),
    ("twenty-five", "twenty-five", "cardinal", [("n", 25, None)], "issue 3: words"),
    ("a dozen", "a dozen", "cardinal", [("n", 12, None)], "issue 3: words"),
    ("half of them", "half", "fraction", [("pct", 50, None)], "issue 3: words (half)"),
    ("1.2bn", "1.2bn", "cardinal", [("n", 1.2e9, None)], "issue 3: scales"),
    ("3 million", "3 million", "cardinal", [("n", 3e6, None)], "issue 3: scales"),
    ("10K", "10K", "cardinal", [("n", 1e4, None)], "issue 3: scales"),
    ("£5m", "£5m", "money", [("money", 5e6, "GBP")], "issue 3: money with currency"),
    ("$2.3 billion", "$2.3 billion", "money", [("money", 2.3e9, "USD")], "issue 3: money with currency"),
    ("30%", "30%", "percent", [("pct", 30, None)], "issue 3: percentages"),
    ("30 per cent", "30 per cent", "percent", [("pct", 30, None)], "issue 3: percentages"),
    ("thirty percent", "thirty percent", "percent", [("pct", 30, None)], "issue 3: percentages"),
    ("the third attempt", "third", "ordinal", [("ord", 3, None)], "issue 3: ordinals"),
    ("the 21st century", "21st", "ordinal", [("ord", 21, None)], "issue 3: ordinals"),
    ("two-thirds", "two-thirds", "fraction", [("pct", 200 / 3, None)], "issue 3: fractions"),
    ("10,000 to 12,000 troops", "10,000 to 12,000", "range", [("n", 10000, None), ("n", 12000, None)], "seed article / issue 3: ranges"),
    ("between 5 and 7", "between 5 and 7", "range", [("n", 5, None), ("n", 7, None)], "issue 3: ranges"),
    ("in 2018-19", "2018-19", "range", [("n", 2018, None), ("n", 2019, None)], "seed article / issue 3: ranges"),
    ("in 1967", "1967", "year", [("n", 1967, None)], "issue 3: years"),
    ("last October", "October", "date", [("month", 10, None)], "seed article / issue 3: dates"),
    ("on 3 March 2014", "3 March 2014", "date", [("ymd", 20140303, None)], "issue 3: dates"),
    ("at 21:45", "21:45", "time", [("time", 21 * 60 + 45, None)], "issue 3: times"),
    ("at 9.30 a.m.", "9.30 a.m.", "time", [("time", 9 * 60 + 30, None)], "times as BBC copy writes them"),
    ("a man extorted # 100,000", "# 100,000", "money", [("money", 1e5, "GBP")], "FRANK NoE summary: CNN/DM writes £ as #"),
    ("a £2million levy", "£2million", "money", [("money", 2e6, "GBP")], "FRANK NoE source: scale word glued to the digits"),
    ("a five-year deal", "five-year", "cardinal", [("n", 5, "year")], "XSum summaries: unit after a hyphen"),
    ("a 5 km run", "5 km", "cardinal", [("n", 5, "km")], "issue 3: units"),
    ("lost 2-0 to hull", "2-0", "score", [("score", 200, None)], "XSum summary (score): issue 14 reads a score as one fact"),
]


@pytest.mark.parametrize("text,shown,kind,readings,source", EXTRACTION, ids=[c[0] for c in EXTRACTION])
def test_extraction_table(text: str, shown: str, kind: str, readings: list, source: str) -> None:
    found = extract_numbers(text)
    assert len(found) == 1, (source, found)
    m = found[0]
    assert (m.text, m.kind) == (shown, kind)
    assert text[m.start:m.end] == m.text
    got = [(r.family, r.value, r.unit) for r in m.alternatives[0]]
    assert [(f, u) for f, _, u in got] == [(f, u) for f, _, u in readings]
    assert all(v == pytest.approx(w) for (_, v, _), (_, w, _) in zip(got, readings))


@pytest.mark.parametrize(
    "text,qualifier",
    [("roughly 300 soldiers", "roughly"), ("approximately 10,000", "approximately"), ("more than 1,000", "more than"),
     ("nearly 50", "nearly"), ("about 4,000", "about"), ("300 soldiers", None)],
)
def test_approximation_words(text: str, qualifier: str | None) -> None:
    """issue 3: approximations (about, roughly, more than, nearly); the seed article says 'roughly 300'."""
    (m,) = extract_numbers(text)
    assert m.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    ["the G20 summit", "flight MH370", "the Covid-19 pandemic", "a 3D film", "one of the best", "Theresa May said", "it may rain",
     "Formula One", "formula 1 teams", "world war two veterans", "a twenty20 international"],
)
def test_not_numbers(text: str) -> None:
    """Names with digits and a lone 'one' / modal 'may' are not numbers to check (XSum summaries hold all of these)."""
    assert extract_numbers(text) == []


def test_ambiguous_m_has_both_readings() -> None:
    """'1.5m' in BBC copy is 1.5 million, but '100m' in athletics is metres: both readings are kept."""
    (m,) = extract_numbers("a 1.5m deal")
    values = {(alt[0].family, alt[0].value, alt[0].unit) for alt in m.alternatives}
    assert values == {("n", 1.5e6, None), ("n", 1.5, "m")}


def test_seed_article_numbers() -> None:
    """The seed article's figures (read off the article by hand)."""
    from factcheck_helpers import seed_text

    found = {(m.text, m.kind) for m in extract_numbers(seed_text())}
    for expected in [("300", "cardinal"), ("2,700", "cardinal"), ("4,000", "cardinal"), ("1,200", "cardinal"),
                     ("10,000 to 12,000", "range"), ("2018-19", "range"), ("three", "cardinal"), ("October", "date")]:
        assert expected in found


def test_reading_is_frozen() -> None:
    r = Reading("n", 1.0)
    with pytest.raises(AttributeError):
        r.value = 2.0  # type: ignore[misc]
