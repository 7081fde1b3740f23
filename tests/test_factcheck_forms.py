"""Issue 14: every way a number is written. One table per class: the issue's own case first, then
at least three more members of the class; every expected value is worked out from first principles
(the arithmetic of the notation, named in the last column), never read off the checker's output.
"""

from __future__ import annotations

import pytest

from sumcheck.factcheck.numbers import extract_numbers
from sumcheck.factcheck.tolerance import NumberIndex


def _values(text: str) -> list[tuple[str, list[float], str | None]]:
    """(mention text, values of the first reading set, unit of its first reading) per mention."""
    return [(m.text, [r.value for r in m.alternatives[0]], m.alternatives[0][0].unit) for m in extract_numbers(text)]


def _supported(summary: str, source: str) -> bool:
    (m,) = [m for m in extract_numbers(summary)]
    return NumberIndex(extract_numbers(source)).match(m).supported


# (text, expected [(mention text, values)], where the right value comes from)
FORMS = [
    # 1. ranges sharing one scale
    ("Repairs will cost $5-7.5m.", [("$5-7.5m", [5e6, 7.5e6])], "issue 14 case 1: the 'm' applies to both ends"),
    ("between 2 and 3 billion", [("between 2 and 3 billion", [2e9, 3e9])], "one scale word for both ends"),
    ("£1-2bn", [("£1-2bn", [1e9, 2e9])], "bn = 1e9 for both ends"),
    ("3-4 million people", [("3-4 million", [3e6, 4e6])], "million = 1e6 for both ends"),
    ("€10-12k", [("€10-12k", [1e4, 1.2e4])], "k = 1e3 for both ends"),
    # 2. digit grouping
    ("The club paid €1.200.000.", [("€1.200.000", [1.2e6])], "issue 14 case 2: '.' groups thousands (continental Europe)"),
    ("12,34,567 voters", [("12,34,567", [1234567])], "Indian grouping: 12 lakh 34 thousand 567"),
    ("Rs 1,00,000", [("Rs 1,00,000", [1e5])], "Indian grouping: one lakh = 100,000"),
    ("CHF 1'250'000", [("1'250'000", [1.25e6])], "Swiss apostrophe grouping"),
    ("1\u202f234\u202f567 km", [("1\u202f234\u202f567 km", [1234567])], "SI narrow no-break space grouping"),
    ("1\u2009500 people", [("1\u2009500", [1500])], "thin space grouping"),
    ("2.500.000,50 euros", [("2.500.000,50 euros", [2500000.5])], "continental grouping with a decimal comma"),
    # 3. scale words and abbreviations
    ("Turnover was $1.8 bln.", [("$1.8 bln", [1.8e9])], "issue 14 case 3: bln = billion (Reuters style)"),
    ("a 250 mln euro loan", [("250 mln euro", [2.5e8])], "mln = million (euro makes it money)"),
    ("$3.5 Mn in fees", [("$3.5 Mn", [3.5e6])], "Mn = million, any case"),
    ("a £2.1 TN debt", [("£2.1 TN", [2.1e12])], "tn = trillion, any case"),
    ("5 lakh homes", [("5 lakh", [5e5])], "lakh = 100,000"),
    ("Rs 3 crore", [("Rs 3 crore", [3e7])], "crore = 10,000,000"),
    ("40K fans", [("40K", [4e4])], "K = thousand"),
    ("$2 trn. of debt", [("$2 trn.", [2e12])], "trn. = trillion (abbreviation's full stop mid-sentence)"),
    # 4. digits outside ASCII (offsets into the original text)
    ("About ３,０００ people left.", [("３,０００", [3000])], "issue 14 case 4: fullwidth digits"),
    ("٣٠٠ شخص", [("٣٠٠", [300])], "Arabic-Indic digits: ٣=3, ٠=0"),
    ("२५ लोग", [("२५", [25])], "Devanagari digits: २=2, ५=5"),
    ("৪২ জন", [("৪২", [42])], "Bengali digits: ৪=4, ২=2"),
    ("๑๒ คน", [("๑๒", [12])], "Thai digits: ๑=1, ๒=2"),
    # 5. signs
    ("It fell to -5°C.", [("-5°C", [-5])], "issue 14 case 5: hyphen-minus"),
    ("It fell to \u22123.5 degrees", [("\u22123.5 degrees", [-3.5])], "U+2212 MINUS SIGN"),
    ("minus 40 degrees", [("minus 40 degrees", [-40])], "the word 'minus'"),
    ("a -2% change", [("-2%", [-2])], "a negative percentage"),
    # 6. numbers glued to units
    ("It reached 25C.", [("25C", [25])], "issue 14 case 6: C = degrees Celsius"),
    ("a 5kg bag", [("5kg", [5])], "kg"),
    ("a 10km run", [("10km", [10])], "km"),
    ("3GB of data", [("3GB", [3])], "GB"),
    ("a 2.4GHz chip", [("2.4GHz", [2.4])], "GHz"),
    ("a 330ml can", [("330ml", [330])], "ml"),
    # 7. fractions: one value each (as a percentage)
    ("2/3 of voters agreed.", [("2/3", [200 / 3])], "issue 14 case 7: 2/3 = 66.7%"),
    ("⅔ of voters", [("⅔", [200 / 3])], "U+2154 VULGAR FRACTION TWO THIRDS"),
    ("¾ of homes", [("¾", [75])], "U+00BE = 3/4"),
    ("1/4 of staff", [("1/4", [25])], "1/4 = 25%"),
    ("three-quarters of staff", [("three-quarters", [75])], "spelled: 3/4"),
    ("2½ miles", [("2½ miles", [2.5])], "mixed number: 2 + 1/2"),
    ("jailed for two-and-a-half years", [("two-and-a-half years", [2.5])], "FRANK val row 166: spelled mixed number, 2 + 1/2"),
    ("two and a half hours", [("two and a half hours", [2.5])], "spelled mixed number, unhyphenated"),
    ("3 and a quarter miles", [("3 and a quarter miles", [3.25])], "3 + 1/4"),
    ("ten and a third", [("ten and a third", [10 + 1 / 3])], "10 + 1/3"),
    # shares written as ratios: one value each (as a percentage)
    ("one in five parents", [("one in five", [20])], "FRANK val row 192: 1/5 = 20%"),
    ("four out of five children", [("four out of five", [80])], "4/5 = 80%"),
    ("four in 10 children", [("four in 10", [40])], "4/10 = 40%"),
    ("one in every three voters", [("one in every three", [100 / 3])], "1/3"),
    ("1 in 1,000 people", [("1 in 1,000", [0.1])], "1/1000 = 0.1%"),
    ("won 3 in 2014", [("3", [3]), ("2014", [2014])], "a year after `in` is not a denominator"),
    ("one in the morning", [], "a lone `one` is still not a fact to check"),
    # 10 (CJK): numbers in every script
    ("投资120亿元", [("120亿元", [1.2e10])], "亿 = 1e8: 120 x 1e8"),
    ("三千五百人", [("三千五百", [3500])], "三千五百 = 3 x 1000 + 5 x 100"),
    ("5万人", [("5万", [5e4])], "万 = 1e4"),
    ("两万", [("两万", [2e4])], "两 = 2, 万 = 1e4"),
]


@pytest.mark.parametrize("text,expected,why", FORMS, ids=[c[0] for c in FORMS])
def test_number_forms(text: str, expected: list, why: str) -> None:
    got = _values(text)
    assert [(t, v) for t, v, _ in got] == [(t, pytest.approx(v)) for t, v in expected], why
    for m in extract_numbers(text):
        assert text[m.start:m.end] == m.text  # offsets point into the text as given


# (text, why): product names and the like stay names, not numbers
NAMES = [
    ("the G20 summit", "issue 14: G20 is a name"),
    ("a 3D film", "issue 14: 3D"),
    ("4G and 5G phones", "issue 14: 4G / 5G network generations"),
    ("the 9/11 attacks", "a date used as a name"),
    ("open 24/7", "24/7 is an idiom, not 24 sevenths"),
    ("Covid-19 cases", "a disease name"),
]


@pytest.mark.parametrize("text,why", NAMES, ids=[c[0] for c in NAMES])
def test_names_stay_names(text: str, why: str) -> None:
    assert extract_numbers(text) == [], why


# (summary, source, supported?, why)
SUPPORT = [
    ("Repairs will cost $5m to $7.5m.", "Repairs will cost $5-7.5m.", True, "issue 14 case 1"),
    ("It cost £2bn to £3bn", "It cost £2-3bn", True, "same class: bn shared"),
    ("The club paid €1.200.000.", "The club paid €1,200,000.", True, "issue 14 case 2"),
    ("Rs 1,00,000 was paid", "Rs 100,000 was paid", True, "lakh grouping = 100,000"),
    ("Turnover was $1.8 bln.", "Turnover was $1.8 billion.", True, "issue 14 case 3"),
    ("a $250 MLN loan", "a $250 million loan", True, "MLN = million"),
    ("About ３,０００ people left.", "About 300 people left.", False, "issue 14 case 4: 3,000 is not 300"),
    ("About ３００ people left.", "About 300 people left.", True, "fullwidth 300 = 300"),
    ("It rose to 5°C.", "It fell to -5°C.", False, "issue 14 case 5: 5 is not -5"),
    ("It fell to minus 5C.", "It fell to -5°C.", True, "'minus' carries the sign"),
    ("It fell to \u22125 degrees.", "It fell to -5°C.", True, "U+2212 carries the sign; degrees ~ °C"),
    ("It reached 35C.", "It reached 25C.", False, "issue 14 case 6: 35 is not 25"),
    ("It reached 25 degrees.", "It reached 25C.", True, "issue 14 case 6: degrees agrees with C"),
    ("It reached 25C.", "It reached 25F.", False, "Celsius is not Fahrenheit"),
    ("a 5kg bag", "a 5 kg bag", True, "glued and spaced kg are one unit"),
    ("a 5kg bag", "a 5 miles walk", False, "kg is not miles"),
    ("2/3 of voters agreed.", "Two-thirds of voters agreed.", True, "issue 14 case 7"),
    ("⅔ of voters", "two thirds of voters", True, "vulgar fraction = spelled fraction"),
    ("3/4 of voters", "two-thirds of voters", False, "75% is not 66.7%"),
    ("One in five parents agreed.", "Four out of five children ate lunch.", False, "FRANK val row 192: 20% is not 80%"),
    ("Four in five children ate lunch.", "Four out of five children ate lunch.", True, "in / out of: the same share"),
    ("One in five pupils", "A fifth of pupils", True, "1 in 5 = a fifth = 20%"),
    ("Jailed for two-and-a-half years.", "She was sentenced to five years.", False, "FRANK val row 166 (EntE): 2.5 years is not 5"),
    ("Jailed for two and a half years.", "She was jailed for 2.5 years.", True, "2 + 1/2 = 2.5"),
    ("More than 300 people attended.", "About 290 people attended.", False, "issue 14 case 8: the truth is above 300; 290 is below"),
    ("More than 300 people attended.", "Some 310 people attended.", True, "310 > 300, within the 5% bound slack"),
    ("More than 300 people attended.", "Some 3,000 people attended.", False, "a slipped zero is not a bound's paraphrase"),
    ("He moved up to fourth.", "He was third.", False, "an ordinal takes no bound: fourth is 4"),
    ("The 2014/15 deficit", "the deficit for 2014-15", True, "2014/15 is the range 2014-2015"),
    ("At least 50 died", "48 died", False, "48 < 50"),
    ("Up to 50 died", "48 died", True, "48 <= 50"),
    ("Fewer than 50 died", "52 died", False, "52 > 50"),
    ("No more than 20 people", "25 people", False, "25 > 20"),
    ("Under 20 people", "19 people", True, "19 < 20, within the 5% bound slack"),
    ("Under 20 people", "12 people", False, "12 is too far below 20 to be what the summary paraphrases"),
    ("Over 1,000 fans", "1,030 fans", True, "1,030 > 1,000"),
    ("Work starts in May.", "Work starts in May.", True, "issue 14 case 9"),
    ("Villa lost 3-0 to United.", "Villa drew 3-3 with United and lost 1-0 later.", False, "a score is one fact: 3-3 and 1-0 hold a 3 and a 0, not 3-0"),
    ("United beat Villa 2-1.", "Villa lost 1-2 to United.", True, "the same score seen from the other side"),
    ("Villa won 2-0 at home.", "A 2-0 home win for Villa.", True, "same score"),
    ("It took 3-4 weeks.", "It took three to four weeks.", True, "a range of counts, not a score (a unit follows)"),
    ("3-4 people were hurt", "three or four people were hurt: 3 adults and 4 children", True, "a range of counts: each end on its own"),
    ("Villa won 2-0.", "Villa's 2 goals, none conceded: final score 2-0.", True, "a source score also offers its numbers: 2-0"),
    ("They drew 1-1 at home.", "The match ended one apiece; 1 goal each.", True, "no score in the source: each number on its own"),
    ("It cost £80m.", "It cost Â£80m.", True, "issue 14 case 11: mojibake repaired in the source"),
    ("It cost €5m.", "It cost â‚¬5m.", True, "mojibake of the euro sign"),
    ("投资120亿元", "政府宣布投资120亿元", True, "Chinese: 120亿元 in both"),
    ("投资150亿元", "政府宣布投资120亿元", False, "Chinese: 150亿 is not 120亿"),
]


@pytest.mark.parametrize("summary,source,supported,why", SUPPORT, ids=[f"{c[0]}|{c[1]}" for c in SUPPORT])
def test_support_by_form(summary: str, source: str, supported: bool, why: str) -> None:
    assert _supported(summary, source) is supported, why


@pytest.mark.parametrize(
    "text,shown",
    [("Work starts in May.", "May"), ("It ends in June.", "June"), ("It began in March.", "March"), ("on 3 July.", "3 July"),
     ("by Jan. 2014", "Jan. 2014")],
)
def test_sentence_full_stop_is_not_part_of_a_date(text: str, shown: str) -> None:
    """issue 14 case 9: a full month name never takes the sentence's full stop; an abbreviation keeps its own."""
    (m,) = extract_numbers(text)
    assert m.text == shown


def test_mojibake_offsets_point_into_the_given_text() -> None:
    """issue 14 case 11: the repaired '£80m' is reported at the span of 'Â£80m' as given."""
    text = "It cost Â£80m, says donâ€™t-panic group."
    (m,) = extract_numbers(text)
    assert (m.text, text[m.start:m.end]) == ("Â£80m", "Â£80m")
    assert m.alternatives[0][0].value == 80e6 and m.alternatives[0][0].unit == "GBP"
