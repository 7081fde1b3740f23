"""The tolerance rules of eval/factcheck/tolerance.py, one table row per rule, each with its source.

Expected verdicts come from the issue text (issue 3, "Match by value and kind...") or from the
rule as the module docstring states it; none were read off the code's output.
"""

from __future__ import annotations

import pytest

from sumcheck.factcheck.numbers import extract_numbers
from sumcheck.factcheck.tolerance import NumberIndex

# (summary number text, source text, supported?, source of the expectation)
CASES = [
    ("ten thousand", "about 10,000 people", True, "issue 3: `ten thousand` equals `10,000`"),
    ("2018-19", "talks in 2018 and again in 2019", True, "issue 3: `2018-19` supported by 2018 and 2019"),
    ("2018-19", "their interactions in 2018-19", True, "issue 3: ... or by the same range"),
    ("2018-19", "talks in 2018", False, "rule 5: a range needs both ends"),
    ("roughly 300", "300 soldiers died", True, "issue 3: `roughly 300` is supported by `300`"),
    ("3,000", "roughly 300 soldiers died", False, "issue 3: `3,000` is NOT supported by `300`"),
    ("£5m", "$5m was paid", False, "issue 3: a currency mismatch is not support"),
    ("£5m", "it cost £5 million", True, "rule 3: same value, same currency"),
    ("5 km", "a 5 miles walk", False, "issue 3: a unit mismatch is not support"),
    ("5 km", "about 5 of them", True, "rule 2: a unit only has to agree when both sides name one"),
    ("1.2bn", "revenue of 1.23bn", True, "rule 3: the summary's rounding step (0.1bn)"),
    ("1.2bn", "revenue of 1.3bn", False, "rule 3: outside half a step"),
    ("3,012", "about 3,000", False, "rule 3: the summary may not be more precise than the source"),
    ("nearly 300", "290 people", True, "rule 4: approximate numbers may differ by up to 5%"),
    ("an estimated 3,000", "another 2,700 injured", False, "rule 4: 10% off is more than 'estimated' allows"),
    ("third", "three summits", False, "rule 1: an ordinal is not supported by a count"),
    ("30%", "30 people", False, "rule 1: a percentage is not supported by a count"),
    ("30 per cent", "thirty percent", True, "issue 3: the percentage spellings are one value"),
    ("two-thirds", "67% of voters", True, "rule 1: fractions compare as percentages (to one point)"),
    ("10,000", "10,000 to 12,000 troops", True, "rule 5: a source range offers both ends"),
    ("March 2014", "on 3 March 2014", True, "rule 1: a full date supports its coarser parts"),
    ("2014", "on 3 March 2014", True, "rule 1: ... including its year"),
    ("4 March 2014", "on 3 March 2014", False, "rule 1: a different day"),
    ("October", "troops to Russia last October", True, "seed article: `last October`"),
    ("2,100", "an extra £2,100 a year", True, "rule 2: a bare number may be supported by money of that value"),
    ("21:45", "at 9.45pm", True, "issue 3: times (21:45 = 9.45pm)"),
]


@pytest.mark.parametrize("summary,source,supported,why", CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_tolerance_table(summary: str, source: str, supported: bool, why: str) -> None:
    (mention,) = extract_numbers(summary)
    index = NumberIndex(extract_numbers(source))
    result = index.match(mention)
    assert result.supported is supported, why
    if supported:
        assert result.evidence, "a supported number points at its source span"


def test_nearest_for_a_slipped_zero() -> None:
    """issue 3's example reason: 3,000 against a source with 300 and 2,700 names both as nearest."""
    source = "roughly 300 North Korean soldiers have died, with another 2,700 injured. Ukraine said 4,000."
    mentions = extract_numbers(source)
    index = NumberIndex(mentions)
    (m,) = extract_numbers("3,000")
    nearest = [mentions[i].text for i in index.match(m).nearest]
    assert nearest == ["300", "2,700"]


# new-user trial: "more than 300" for a source's 1,000 was flagged with a reason that did not say why
@pytest.mark.parametrize("summary, window", [
    ("Police arrested more than 300 people.", "(more than 300: a source value from 300 to 315)"),  # rule 4, lower bound: +5%
    ("Police arrested up to 2,000 people.", "(up to 2,000: a source value from 1,900 to 2,000)"),  # upper bound: -5%
    ("Police arrested about 3,000 people.", "(about 3,000: a source value from 2,850 to 3,150)"),  # approximation: +-5%
])
def test_a_flagged_qualified_number_gives_its_window(summary: str, window: str) -> None:
    import sumcheck

    [item] = [i for i in sumcheck.check_facts(document="The police arrested 1,000 people at the march.", summary=summary).items
              if i.kind == "number"]
    assert item.verdict == "unsupported" and window in item.reason


def test_an_unqualified_flag_has_no_window() -> None:
    import sumcheck

    [item] = sumcheck.check_facts(document="The police arrested 1,000 people.", summary="Police arrested 300 people.").items
    assert item.verdict == "unsupported" and "a source value from" not in item.reason
