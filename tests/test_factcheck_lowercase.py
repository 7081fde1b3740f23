"""Lower-cased benchmark summaries (FRANK, XSum): names whose case was lost upstream.

spaCy's NER misses most names in lower-cased text. The checker truecases the words the source
writes capitalised, but a name the source never mentions cannot be truecased, so it used to go
unchecked. A word the tagger reads as a proper noun, in a lower-cased summary of a cased source,
that the source never uses in any case, is now checked as a name (``is_lowercased``/``_unseen_name``
in ``sumcheck.factcheck.entities``). Each expected verdict is read off the source text by hand.
"""

from __future__ import annotations

import pytest

from sumcheck.factcheck.check import check_summary
from sumcheck.factcheck.entities import is_lowercased

SOURCE = (
    "Promise Tamang, a make-up artist from California, has transformed herself into Maleficent, the "
    "character Angelina Jolie played in the film of the same name. The mother-of-six posted the video on YouTube."
)

# (summary, word that must be flagged or None, a word that must stay supported or None, why)
CASES = [
    ("new tutorial promises UNK turns herself into lana del rey .", "lana del rey", None,
     "FRANK val row 305 (EntE): the source never names Lana Del Rey"),
    ("promise tamang has turned herself into the character played by jennifer lawrence .", "jennifer lawrence", "promise tamang",
     "a person the source never names; the make-up artist it does name stays supported"),
    ("promise tamang from california has turned into angelina jolie 's character .", None, "angelina jolie",
     "every name is in the source: nothing to flag"),
    ("the mother-of-six posted the video on youtube in los angeles .", "los angeles", None,
     "a place the source never names (it says California)"),
]


def _flagged(fc) -> list[str]:
    return [i.text for i in fc.flags if i.kind == "entity"]


@pytest.mark.parametrize("summary,flag,keep,why", CASES, ids=[c[3][:30] for c in CASES])
def test_lower_cased_names_unseen_in_source(summary: str, flag: str | None, keep: str | None, why: str) -> None:
    fc = check_summary(summary=summary, source=SOURCE)
    flagged = _flagged(fc)
    if flag is None:
        assert flagged == [], why
    else:
        assert any(flag in f or f in flag for f in flagged), (why, flagged)
    if keep is not None:
        assert any(i.text == keep and i.verdict == "supported" for i in fc.items), (why, [(i.text, i.verdict) for i in fc.items])


@pytest.mark.parametrize("text,expected", [
    ("new tutorial promises UNK turns herself into lana del rey .", True),  # FRANK placeholder token
    ("the man , -LRB- UNK -RRB- , was arrested .", True),  # PTB bracket tokens of CNN/DM preprocessing
    ("jk venter is one of the world's most successful scientists.", True),
    ("Lana Del Rey sang.", False),
    ("an UNKNOWN band", False),  # a capitalised word that merely starts with UNK
])
def test_is_lowercased(text: str, expected: bool) -> None:
    assert is_lowercased(text) is expected


def test_cased_summary_is_left_to_ner() -> None:
    """A cased summary's lower-case words are never promoted to names (the fallback is for lost case only)."""
    fc = check_summary(summary="Promise Tamang posted the video on youtube.", source=SOURCE)
    assert _flagged(fc) == []


# A summary can be lower-cased benchmark text in one sentence and cased in another (a system that
# appends a sentence of its own). Each sentence is read as it is written, so a cased sentence added
# next to a lower-cased one cannot hide the lower-cased one's names (new-user trial, session 5:
# appending "It was good." used to clear the flag on "carrow road", lowering a gate's count).
IPSWICH = ("Ipswich Town ended QPR's winning run with a comfortable 2-0 win at Portman Road on Saturday. "
           "Manager Paul Hurst said he was pleased.")


@pytest.mark.parametrize("summary", [
    "ipswich town won at carrow road.",
    "ipswich town won at carrow road. It was good.",
    "It was good. ipswich town won at carrow road.",
    "Hurst was pleased. ipswich town won at carrow road.",
], ids=["lower", "lower+cased", "cased+lower", "named+lower"])
def test_mixed_case_summary_reads_each_sentence_as_written(summary: str) -> None:
    # The source plays at Portman Road; Carrow Road is Norwich's ground, named nowhere in it.
    fc = check_summary(summary=summary, source=IPSWICH)
    assert any("carrow" in f for f in _flagged(fc)), [(i.text, i.verdict) for i in fc.items]
    assert not any("ipswich" in f.lower() for f in _flagged(fc))


def test_lowercased_spans() -> None:
    from sumcheck.factcheck.entities import lowercased_spans

    text = "it rained. It rained. it UNK rained. 2019."
    # the third sentence counts as lower case only when placeholders may be upper case; "2019." has no letter
    assert [text[s:e] for s, e in lowercased_spans(text)] == ["it rained.", "it UNK rained."]
    assert [text[s:e] for s, e in lowercased_spans(text, placeholders=False)] == ["it rained."]


def test_an_abbreviation_inside_a_cased_sentence_does_not_make_the_rest_lower_cased():
    # code review, session 5: splitting at every ". " read "washington officials said..." after
    # "3 p.m." as a lower-cased sentence, and "officials" became a name
    source = "The ship left port at 3 p.m. on Monday. Officials in Washington said it went to Guam."
    fc = check_summary(summary="The ship left at 3 p.m. washington officials said it went to guam.", source=source)
    assert "officials" not in [i.text.lower() for i in fc.items]
