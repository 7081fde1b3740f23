"""The checker end to end on the seed article (issue 3, "On the seed article"), with the real spaCy model.

What the article says (read by hand): "roughly 300 North Korean soldiers have died, with another
2,700 injured"; "approximately 10,000 to 12,000 troops to Russia last October"; it names Kim Jong Un,
the U.S. and the United States, Russia and Ukraine, but never Moscow or China.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sumcheck.factcheck.check import FactCheck, analyse_source, check_pairs, check_summary, clear_cache
from sumcheck.factcheck.names import normalise_name
from factcheck_helpers import seed_text

pytestmark = pytest.mark.slow  # loads the spaCy pipeline


def _item(fc: FactCheck, text: str):
    found = [i for i in fc.items if i.text == text]
    assert found, f"{text!r} not among {[i.text for i in fc.items]}"
    return found[0]


def test_seed_died_3000_is_flagged_against_300() -> None:
    summary = "South Korea says 3,000 North Korean soldiers died in Ukraine."
    fc = check_summary(summary=summary, source=seed_text())
    item = _item(fc, "3,000")
    assert (item.kind, item.verdict) == ("number", "unsupported")
    assert summary[item.start:item.end] == "3,000"
    assert "300" in item.reason and "2,700" in item.reason
    assert item in fc.flags
    assert fc.number_precision == 0.0


def test_seed_troop_range_supported_with_evidence() -> None:
    source = seed_text()
    fc = check_summary(summary="North Korea sent 10,000 to 12,000 troops to Russia.", source=source)
    item = _item(fc, "10,000 to 12,000")
    assert item.verdict == "supported"
    assert any(source[e.start:e.end] == e.text and "10,000" in e.text for e in item.evidence)


@pytest.mark.parametrize("summary", ["Kim could seek talks with the U.S.", "kim could seek talks with the u.s. ."])
def test_seed_kim_and_us_supported(summary: str) -> None:
    fc = check_summary(summary=summary, source=seed_text())
    by_norm = {normalise_name(i.text): i for i in fc.items}
    assert set(by_norm) == {("kim",), ("us",)}
    assert all(i.verdict == "supported" and i.evidence for i in fc.items)
    assert fc.precision == 1.0


@pytest.mark.parametrize("place", ["Moscow", "China"])
def test_seed_invented_place_flagged(place: str) -> None:
    fc = check_summary(summary=f"North Korean troops were flown to {place} last October.", source=seed_text())
    item = _item(fc, place)
    assert (item.kind, item.verdict) == ("entity", "unsupported")
    assert place in item.reason
    assert _item(fc, "North Korean").verdict == "supported"
    assert _item(fc, "October").verdict == "supported"


def test_nothing_checkable_is_unscored_with_reason() -> None:
    fc = check_summary(summary="the soldiers were tired .", source=seed_text())
    assert (fc.precision, fc.number_precision, fc.entity_precision) == (None, None, None)
    assert fc.reason == "no number or named entity in the summary"
    empty = check_summary(summary="   ", source=seed_text())
    assert empty.precision is None and empty.reason == "empty summary"


def test_batch_equals_one_by_one_and_source_is_cached() -> None:
    source = seed_text()
    summaries = ["Kim met Trump three times.", "Putin sent 4,000 troops to China.", ""]
    clear_cache()
    batch = check_pairs(summaries=summaries, sources=[source] * len(summaries))
    single = [check_summary(summary=s, source=source) for s in summaries]
    assert [b.to_json() for b in batch] == [s.to_json() for s in single]
    assert analyse_source(source) is analyse_source(source)


def test_records_are_frozen() -> None:
    fc = check_summary(summary="Kim met Trump.", source=seed_text())
    with pytest.raises(AttributeError):
        fc.items[0].verdict = "supported"  # type: ignore[misc]


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=120), st.text(max_size=300))
def test_arbitrary_unicode_never_raises(summary: str, source: str) -> None:
    """issue 3, Robustness: any text (lone surrogates, NULs, RTL marks...) gives a well-formed check."""
    fc = check_summary(summary=summary, source=source)
    for item in fc.items:
        assert summary[item.start:item.end] == item.text
        assert item.verdict in ("supported", "unsupported")
        for ev in item.evidence:
            assert source[ev.start:ev.end] == ev.text
    assert (fc.precision is None) == (fc.reason is not None)


def test_mismatched_batch_is_an_input_error() -> None:
    from sumcheck.summarize.errors import InputError

    with pytest.raises(InputError):
        check_pairs(summaries=["a", "b"], sources=["a"])
