"""Name normalisation and matching (eval/factcheck/names.py, SourceNames in entities.py); no model needed.

Each case cites its source: the issue text's list of what must match (issue 3, "Named entities"),
the seed article, or a FRANK / XSum validation pair we read while tuning.
"""

from __future__ import annotations

import pytest

from sumcheck.factcheck.entities import SourceNames
from sumcheck.factcheck.names import normalise_name

SEED_LIKE = (
    "South Korea's Joint Chiefs of Staff said on Friday that North Korea may send more troops to Russia. "
    "Former President Donald Trump held three summits with North Korean leader Kim Jong Un. "
    "U.S., South Korean, and Ukrainian intelligence noted the deployment. Dr Venter said so; Craig Venter agreed. "
    "The Confederation of African Football (Caf) met. Mr Salmond and Mr McNeil spoke. Those who told us so left."
)

# (summary entity text, supported?, rule, source of the expectation)
CASES = [
    ("trump's", True, "exact", "issue 3: possessives (`Trump's`)"),
    ("trump 's", True, "exact", "issue 3: tokenised benchmark text"),
    ("US", True, "exact", "issue 3: aliases U.S./US"),
    ("United States", True, "exact", "issue 3: aliases U.S./United States"),
    ("America", True, "exact", "issue 3: aliases U.S./America"),
    ("North Korean", True, "exact", "issue 3: demonyms (`North Korean` ~ `North Korea`)"),
    ("russian", True, "exact", "issue 3: demonyms, lower-cased"),
    ("Kim", True, "exact", "issue 3: partial names (`Kim` ~ `Kim Jong Un`)"),
    ("Mr Venter", True, "exact", "issue 3: partial names (`Mr Venter` ~ `Craig Venter`)"),
    ("JCS", True, "acronym", "issue 3: acronyms (`JCS` ~ `Joint Chiefs of Staff`)"),
    ("jcs", True, "acronym", "issue 3: acronyms, lower-cased benchmark text"),
    ("confederation of african football", True, "exact", "XSum summary / FRANK EntE pair (Caf)"),
    ("President Kim", True, "exact", "title dropped, then the name"),
    ("Jong Un Kim", True, "partial", "all words inside one source name"),
    ("Donald Putin", False, "", "words from two different people are not a partial match"),
    ("Moscow", False, "", "seed article: the article never names Moscow"),
    ("China", False, "", "seed article: the article never names China"),
    ("jk venter", False, "", "XSum hallucination annotations (bbcid 10138849): `jk` marked hallucinated; the source says Craig"),
    ("alex salmond", True, "surname", "FRANK NoE pair: source says only `Mr Salmond`"),
    ("United Kingdom", False, "", "seed-like source never names the UK"),
    ("World Health Organization", False, "", "XSum summary: `who` the pronoun in a source is not the WHO"),
    ("Former Salmond", True, "exact", "title words are dropped before matching"),
]


@pytest.mark.parametrize("text,supported,rule,why", CASES, ids=[c[0] for c in CASES])
def test_name_matching_table(text: str, supported: bool, rule: str, why: str) -> None:
    names = SourceNames(SEED_LIKE)
    found = names.match(normalise_name(text))
    assert (found.supported, found.rule) == (supported, rule), why
    for start, end in found.evidence:
        assert 0 <= start < end <= len(SEED_LIKE)


@pytest.mark.parametrize(
    "raw,expected",
    [("U.S.", ("us",)), ("u.s.", ("us",)), ("the U.S.'s", ("us",)), ("Trump’s", ("trump",)), ("trump \\'s", ("trump",)),
     ("Pérez", ("perez",)), ("Kim Jong-un", ("kim", "jong", "un")), ("steven UNK", ("steven",)), ("-lrb- psu", ("psu",))],
)
def test_normalise_name(raw: str, expected: tuple[str, ...]) -> None:
    """Case, punctuation, possessives, accents and benchmark placeholders (FRANK's UNK, -lrb-) are ignored."""
    assert normalise_name(raw) == expected


def test_truecase_keeps_length_and_capitalises_source_names() -> None:
    names = SourceNames(SEED_LIKE)
    lower = "kim jong un met donald trump and the joint chiefs of staff in russia ."
    cased = names.truecase(lower)
    assert len(cased) == len(lower)
    assert cased.startswith("Kim Jong Un met Donald Trump and the Joint Chiefs of Staff in Russia")


DEMONYM_SOURCE = (
    "The Commission said on Monday that it would look again. Gloucester reached the last eight of the "
    "European Cup. Mr Salmond and Ms Sturgeon spoke at Holyrood."
)

# (summary entity, supported?, rule, source of the expectation): the surname rule (a given name before a
# source surname) never takes a demonym for a given name.
DEMONYM_CASES = [
    ("european commission", False, "", "FRANK val row 289 (EntE): the source names only `the Commission`"),
    ("european champions cup", False, "", "FRANK val row 158 (EntE): the source names the European Cup"),
    ("French Commission", False, "", "a demonym is not a given name"),
    ("Scottish Sturgeon", False, "", "a demonym is not a given name"),
    ("Alex Salmond", True, "surname", "the surname rule still holds for a given name (`Alex Salmond` ~ `Mr Salmond`)"),
    ("Nicola Sturgeon", True, "surname", "the surname rule still holds for a given name"),
    ("european cup", True, "exact", "the source's own name"),
]


@pytest.mark.parametrize("text,supported,rule,why", DEMONYM_CASES, ids=[c[0] for c in DEMONYM_CASES])
def test_surname_rule_takes_no_demonym_for_a_given_name(text: str, supported: bool, rule: str, why: str) -> None:
    found = SourceNames(DEMONYM_SOURCE).match(normalise_name(text))
    assert (found.supported, found.rule) == (supported, rule), why


# new-user trial, AggreFact-SOTA XSum (the golf article): the source writes "overnight leader Van Zyl of South
# Africa" and "McIlroy of Northern Ireland"; "of ..." after a surname is not another given name.
OF_SOURCE = ("Westwood shot a 67 to tie with overnight leader Van Zyl of South Africa on 16 under par. "
             "\"I feel good,\" said four-time major winner McIlroy of Northern Ireland. Striker James Keatings signed.")
OF_CASES = [
    ("Jaco van Zyl", True, "surname", "AggreFact-SOTA XSum: the source's Van Zyl, given name added"),
    ("Rory McIlroy", True, "surname", "AggreFact-SOTA XSum: the source's McIlroy, given name added"),
    ("JK Keatings", False, "", "the source pairs Keatings with James: another given name (rule 3)"),
    ("port vale striker", False, "", "XSum hallucination annotations: `port vale striker` marked by 3 of 3 workers; "
                                     "`Striker` is followed by another name in the source"),
]


@pytest.mark.parametrize("text,supported,rule,why", OF_CASES, ids=[c[0] for c in OF_CASES])
def test_surname_rule_reads_a_name_followed_by_of(text: str, supported: bool, rule: str, why: str) -> None:
    found = SourceNames(OF_SOURCE).match(normalise_name(text))
    assert (found.supported, found.rule) == (supported, rule), why


@pytest.mark.parametrize("text,supported", [
    ("CMA", True),   # issue 26 blind probe (blind2-q80): "Competition and Markets Authority" is the CMA
    ("ONS", True),   # "Office for National Statistics" (the UK's statistics body) is the ONS
    ("FDA", True),   # "Food and Drug Administration"
    ("CMMA", False),  # not the initials of any run of the source's names
    ("MCA", False),  # initials in another order
])
def test_acronyms_of_names_joined_by_and_or_for(text: str, supported: bool) -> None:
    """A body's name may hold "and" or "for", which otherwise split two names ("Mr A and Mr B"): its initials
    still name it (first principles: the initials of the capitalised words in order, link words skipped)."""
    source = ("Britain's Competition and Markets Authority blocked the merger on Wednesday. The Office for National "
              "Statistics said prices rose. The US Food and Drug Administration approved the treatment.")
    found = SourceNames(source).match(normalise_name(text))
    assert found.supported is supported
    if supported:
        assert found.rule == "acronym"


@pytest.mark.parametrize("text,supported", [
    ("Greens", True),  # issue 26 blind probe (blind2-q30): "the Greens" for "Green Alliance"
    ("Farnes", True),  # (blind2-q41): "the Farnes" for "the Farne Islands"
    ("Alliances", False),  # only a name's first word
    ("Westmarks", False),  # a one-word name in the plural is another word
])
def test_a_names_first_word_in_the_plural_names_its_members(text: str, supported: bool) -> None:
    source = "The opposition Green Alliance won 54 seats in Westmark. Puffins on the Farne Islands declined."
    assert SourceNames(source).match(normalise_name(text)).supported is supported
