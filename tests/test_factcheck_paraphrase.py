"""Abstractive rewordings of numbers and names (issue 26; rules in sumcheck.factcheck.paraphrase).

Each class both ways: the correct rewording is not flagged, a wrong value of the same form is.
Expected verdicts are read by hand from first principles (what the source says); the pairs were
written for this test in the style of the blind probes (tests/data/contradiction_pairs.jsonl,
rows blind2-q4/q14/q26/q30/q65/q70/q75/q80, trial8-t11).
"""

from __future__ import annotations

import pytest

from sumcheck.factcheck.check import check_summary
from sumcheck.factcheck.numbers import Reading
from sumcheck.factcheck.paraphrase import base_span, name_lists, same_thing, score_words, span_words, split_glued

pytestmark = pytest.mark.slow  # loads the spaCy pipeline

RANK = "Harper, ranked 48th in the world, beat the second seed."
SPAN = "The Christian Union had governed the region for 40 years."
WEEKS = "The strike lasted two weeks."
DAYS = "The strike lasted 14 days."
SHOPS = "The chain opened 20 shops last year."
STAFF = "The chain hired 20 staff last year."
FIRMS = "The regulator blocked the merger of Vantel and Orion."
MEN = "Police arrested Adam Cole, Ben Dunn and Carl Eke on Friday."
GOALLESS = "Harlow were held to a goalless draw at home."
ONE_ONE = "Harlow drew 1-1 with Stevenage."
HALF = "Barnet striker Adam Marriott scored twice before half-time."
NEVER = "Harper had never previously beaten a top-10 player."
SECOND_TIME = "It was the second time he had won the title."
JURY = "A jury found Daniel Okafor not guilty of dangerous driving."
RANGERS = "Park rangers closed the trail after a rock fall."
EURO = "Spain coach Luis Ferrer named his squad for the European Championship."
OSLO = "Shares in Halvard Air rose after the Oslo-based carrier reported a record profit."
FLIGHTS = "Storm Freya forced the cancellation of more than 200 flights at Dublin Airport."
CRAFT = "The lander became the first privately built spacecraft to land in the region."

# (source, summary, the item's text, flagged?)
CASES = [
    # 1. ranks
    (RANK, "World No 48 Harper beat the second seed.", "48", False),
    (RANK, "World No. 48 Harper beat the second seed.", "48", False),
    (RANK, "World number 48 Harper beat the second seed.", "48", False),
    (RANK, "World No 47 Harper beat the second seed.", "47", True),
    ("World No 48 Harper beat the second seed.", "Harper, ranked 48th in the world, won.", "48th", False),
    ("World No 48 Harper beat the second seed.", "The 48th-ranked Harper won.", "48th", False),
    ("World No 48 Harper beat the second seed.", "The 47th-ranked Harper won.", "47th", True),
    # 2. spans of time in another unit (exact factors only)
    (SPAN, "The Christian Union had governed for four decades.", "four decades", False),
    (SPAN, "The Christian Union had governed for three decades.", "three decades", True),
    ("The Christian Union had governed the region for four decades.", "It had governed for 40 years.", "40 years", False),
    ("The Christian Union had governed the region for four decades.", "It had governed for 38 years.", "38 years", True),
    (WEEKS, "The strike lasted a fortnight.", "a fortnight", False),
    (DAYS, "The strike lasted a fortnight.", "a fortnight", False),
    ("The strike lasted 10 days.", "The strike lasted a fortnight.", "a fortnight", True),
    ("The strike lasted three weeks.", "The strike lasted a fortnight.", "a fortnight", True),
    ("The firm has traded for 50 years.", "The firm has traded for half a century.", "half a century", False),
    ("The firm has traded for 40 years.", "The firm has traded for half a century.", "half a century", True),
    ("The bridge is 100 years old.", "The bridge is a century old.", "a century", False),
    ("The siege lasted two days.", "The siege lasted 48 hours.", "48 hours", False),
    ("The siege lasted two days.", "The siege lasted 36 hours.", "36 hours", True),
    ("The meeting lasted 30 minutes.", "The meeting lasted half an hour.", "half an hour", False),
    ("The meeting lasted 20 minutes.", "The meeting lasted half an hour.", "half an hour", True),
    ("The dispute has lasted three years.", "The dispute has lasted 36 months.", "36 months", False),
    ("The dispute has lasted three years.", "The dispute has lasted 30 months.", "30 months", True),
    ("The firm sold 12 houses.", "The firm sold a dozen houses.", "a dozen", False),
    ("The firm sold 10 houses.", "The firm sold a dozen houses.", "a dozen", True),
    # 3. the same count with a synonym noun or a compound's head
    (SHOPS, "The chain opened 20 stores last year.", "20", False),
    (STAFF, "The chain opened 20 stores last year.", "20", True),
    ("The club has 20 employees.", "The club has 20 workers.", "20", False),
    ("The club has 20 employees.", "The club has 20 shops.", "20", True),
    ("The airline ordered 20 new aircraft.", "The airline ordered 20 jets.", "20", False),  # (blind5-80, session 10)
    ("The airline ordered 20 new aircraft.", "The airline ordered 20 pilots.", "20", True),
    (CRAFT, "It was the first private craft to land there.", "first", False),
    (FLIGHTS, "The storm caused more than 200 flight cancellations.", "200", False),
    (FLIGHTS, "The storm caused more than 200 flight delays.", "200", True),
    # 4. counts of listed names
    (FIRMS, "The regulator blocked the deal, and the two firms may appeal.", "two", False),
    (FIRMS, "The regulator blocked the deal, and the three firms may appeal.", "three", True),
    (MEN, "The three men were arrested on Friday.", "three", False),
    (MEN, "The four men were arrested on Friday.", "four", True),
    ("Police arrested John Smith and Paul Jones.", "The two men were charged on Friday.", "two", False),
    # an indefinite count may count others than the names listed (XSum: "two men have been arrested"
    # against a source naming two victims): not read as the list
    ("Daniel Timbers and Barry Joy were killed at the site.", "Two men have been arrested over the deaths.", "Two", True),
    ("The nostrils: the ring pierces the wall between the two nostrils.", "The ring pierces the wall between the two cheeks.", "two", True),
    # 5. scores in words
    (GOALLESS, "Harlow were held 0-0 at home.", "0-0", False),
    (GOALLESS, "Harlow were held 0-1 at home.", "0-1", True),
    ("Harlow were held 0-0 at home.", "Harlow were held to a goalless draw.", "goalless", False),
    (ONE_ONE, "Harlow were held to a goalless draw.", "goalless", True),
    (ONE_ONE, "Harlow were held to a one-all draw.", "one-all", False),
    (ONE_ONE, "Harlow were held to a two-all draw.", "two-all", True),
    ("Celtic won 2-nil at Hearts.", "Celtic won 2-0 at Hearts.", "2-0", False),
    ("Celtic won 2-nil at Hearts.", "Celtic won 3-0 at Hearts.", "3-0", True),
    # 6. ordinals that count nothing
    (HALF, "Marriott struck twice in the first half.", "first", False),
    ("Marriott scored twice after half-time.", "Marriott struck twice in the first half.", "first", True),
    ("Marriott scored twice in the match.", "Marriott struck twice in the second half.", "second", False),
    (NEVER, "Harper claimed the first top-10 win of her career.", "first", False),
    (NEVER, "It was the first time Harper had beaten a top-10 player.", "first", False),
    (SECOND_TIME, "It was the third time he had won the title.", "third", True),
    ("He won the title again.", "It was the first time he had won the title.", "first", True),
    ("She won her maiden Grand Slam title.", "She won her first Grand Slam title.", "first", False),
    ("She made her debut for Wales.", "She won her first Grand Slam title.", "first", True),
    ("Sales rose in the first half of the year.", "Sales rose in the second half of the year.", "second", True),
    # 8. demonyms from a capital where something is based
    (OSLO, "The Norwegian carrier posted a record profit.", "Norwegian", False),
    (OSLO, "The Swedish carrier posted a record profit.", "Swedish", True),
]


@pytest.mark.parametrize("source,summary,text,flagged", CASES, ids=[f"{c[2]}-{'flag' if c[3] else 'ok'}-{k}" for k, c in enumerate(CASES)])
def test_rewording(source: str, summary: str, text: str, flagged: bool) -> None:
    fc = check_summary(summary=summary, source=source)
    found = [i for i in fc.items if i.text == text]
    assert found, f"{text!r} not among {[(i.text, i.verdict) for i in fc.items]}"
    assert (found[0].verdict == "unsupported") is flagged, found[0].reason


# 7. capitalised common nouns and glued names (entities): (source, summary, the names flagged, texts that must not be items)
NAME_CASES = [
    (JURY, "Jurors cleared Daniel Okafor of dangerous driving.", set(), {"Jurors"}),
    (RANGERS, "Rangers closed the trail after a rock fall.", set(), set()),
    ("The council approved the plan.", "Councillors approved the plan.", set(), {"Councillors"}),
    (JURY, "Jurors cleared Mendes of dangerous driving.", {"Mendes"}, {"Jurors"}),
    (EURO, "Álvaro Mendes was left out of the European Championship because Ferrer judged him unfit.", {"Álvaro Mendes"},
     {"European Championship because Ferrer"}),
    (EURO, "Álvaro Mendes was left out of the European Championship because Moreno judged him unfit.", {"Álvaro Mendes", "Moreno"},
     {"European Championship because Moreno"}),
]


@pytest.mark.parametrize("source,summary,flagged,absent", NAME_CASES, ids=[f"names-{k}" for k in range(len(NAME_CASES))])
def test_names(source: str, summary: str, flagged: set, absent: set) -> None:
    fc = check_summary(summary=summary, source=source)
    items = {i.text: i.verdict for i in fc.items if i.kind == "entity"}
    assert {t for t, v in items.items() if v == "unsupported"} == flagged, items
    assert not absent & set(items), items


def test_pure_rules() -> None:
    assert base_span(Reading("n", 4.0, "decade")) == Reading("n", 480.0, "=month", 12.0)  # 4 x 10 years x 12 months
    assert base_span(Reading("n", 2.0, "week")).value == base_span(Reading("n", 14.0, "day")).value == 14 * 24 * 60
    assert base_span(Reading("n", 3.0, "km")) is None
    assert [(m.text, m.value) for m in span_words("for half a century after a fortnight")] == [("half a century", 0.5), ("a fortnight", 1.0)]
    assert [m.value for m in score_words("a goalless draw, a 3-all draw, a pointless exercise")] == [0.0, 303.0]
    assert name_lists("Vantel and Orion merged; Ann Lee, Bob Marsh and Cy Dunn left.") == {2, 3}
    assert name_lists("The Tories would raise taxes.") == set()
    assert split_glued(["European", "Championship", "because", "Ferrer"]) == [(0, 2), (3, 4)]
    # a result, not any "scoreless" ("seven scoreless innings" is baseball pitching, no score)
    assert [m.text for m in score_words("He threw seven scoreless innings. The match ended goalless.")] == ["goalless"]
    assert span_words("Root hit a century off 120 balls.") == []  # a hundred runs, not years
    # a compound's head names its kind; an ending that makes another word does not
    assert same_thing("craft", "spacecraft") and same_thing("shop", "bookshop") and same_thing("store", "shop")
    assert not same_thing("ship", "relationship") and not same_thing("port", "report") and not same_thing("shop", "staff")


# -- jobs counted as the people who hold them (a new user's false flag, session 18) ----------------------------------
@pytest.mark.parametrize("source, summary, flagged", [
    ("The firm is to close its factory in Coldhaven, with the loss of 140 jobs.",
     "140 staff will lose their jobs when the firm shuts its Coldhaven site.", False),
    ("The bank will cut 300 posts by March.", "By March, 300 employees of the bank will lose their jobs.", False),
    ("The bank will cut 300 posts by March.", "The bank will hire 300 workers by March.", True),  # no jobs said
    # the count of another thing stays a flag
    ("The firm is to close its factory in Coldhaven, with the loss of 140 jobs.",
     "140 shops will close when the firm shuts its Coldhaven site.", True),
    ("The factory employs 300 staff and will cut 50 jobs.", "The factory will cut 300 jobs.", True),
])
def test_jobs_and_staff_count_the_same_thing(source, summary, flagged):
    fc = check_summary(summary=summary, source=source)
    items = [i for i in fc.items if i.kind == "number"]
    assert items, [(i.text, i.verdict) for i in fc.items]
    assert any(i.verdict == "unsupported" for i in items) is flagged, [(i.text, i.reason) for i in items]


# -- acronyms of a source phrase in any case (session 9, from the third blind probe set) --------------------
@pytest.mark.parametrize("source, summary, flagged", [
    ("The company is shifting investment towards artificial intelligence products.", "The company is moving spending to AI.", False),
    ("Waiting times at accident and emergency departments in Wales worsened in October.", "Welsh A&E waiting times got worse in October.", False),
    ("The European Medicines Agency has recommended approval of the drug. The agency rejected a higher dose.", "The EMA backed the drug.", False),
    # a wrong acronym, and a right acronym after the wrong demonym, stay flagged
    ("The company is shifting investment towards artificial intelligence products.", "The company is moving spending to VR.", True),
    ("Waiting times at accident and emergency departments in Wales worsened in October.", "Scottish A&E waiting times got worse in October.", True),
])
def test_an_acronym_of_a_source_phrase_is_supported(source, summary, flagged):
    fc = check_summary(summary=summary, source=source)
    items = [i for i in fc.items if i.kind == "entity"]
    assert any(i.text.split()[-1].isupper() for i in items), [(i.text, i.verdict) for i in fc.items]
    assert any(i.verdict == "unsupported" for i in items) is flagged, [(i.text, i.reason) for i in items]
