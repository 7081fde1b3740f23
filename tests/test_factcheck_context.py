"""Issue 14: numbers in their context, document cuts, numbers inside names, text in any language,
checked end to end with the real spaCy model. Expected verdicts are read from the sentences by hand.
"""

from __future__ import annotations

import pytest

from sumcheck.factcheck.check import check_summary

pytestmark = pytest.mark.slow  # loads the spaCy pipeline


def _numbers(summary: str, source: str, **kw):
    fc = check_summary(summary=summary, source=source, **kw)
    return [(i.text, i.verdict, i.reason) for i in fc.items if i.kind == "number"]


# (summary, source, number text, supported?, why)
CONTEXT = [
    ("The company sold 300 cars.", "The company hired 300 workers and sold 120 cars.", "300", False,
     "issue 14: the source uses 300 for workers and 120 for cars"),
    ("The company hired 300 workers.", "The company hired 300 workers and sold 120 cars.", "300", True, "same noun"),
    ("The firm hired 300 people.", "The firm hired 300 workers and sold 120 cars.", "300", True, "'people' is generic"),
    ("Police arrested 12 men.", "Police questioned 40 women and arrested 12 men.", "12", True, "12 men in both"),
    ("Police arrested 40 men.", "Police questioned 40 women and arrested 12 men.", "40", False, "40 counts women"),
    ("The club signed 3 players.", "The club sold 3 stadium seats and signed 5 players.", "3", False, "3 counts seats"),
    ("The club signed 5 new players.", "The club signed 5 players from Spain.", "5", True, "adjective between: still players"),
    ("Around 300 attended.", "The company hired 300 workers.", "300", True, "no noun in the summary: value only"),
    ("The firm sold 300 cars.", "Of the cars, 300 were sold.", "300", True, "no noun after the source number: value only"),
]


@pytest.mark.parametrize("summary,source,number,supported,why", CONTEXT, ids=[c[0] + "|" + c[1] for c in CONTEXT])
def test_numbers_in_context(summary: str, source: str, number: str, supported: bool, why: str) -> None:
    found = [n for n in _numbers(summary, source) if n[0] == number]
    assert found, _numbers(summary, source)
    assert (found[0][1] == "supported") is supported, (why, found[0][2])


def test_context_reason_says_what_the_source_counts() -> None:
    (item,) = _numbers("The company sold 300 cars.", "The company hired 300 workers and sold 120 cars.")
    assert item[2] == "no 300 for cars in source: source has 300 for workers, 120 for cars"


def test_value_only_fallback_says_so() -> None:
    (item,) = _numbers("Around 300 attended.", "The company hired 300 workers.")
    assert "value only" in item[2]


def test_document_cut_reason() -> None:
    """issue 14: a number beyond max_document_chars is 'not in the first N characters checked'."""
    source = "The council met. " * 10
    (item,) = _numbers("It cost 5,000 dollars.", source, cut_at=len(source))
    assert item[1] == "unsupported"
    assert f"not in the first {len(source):,} characters checked (document cut)" in item[2]


def test_number_word_inside_an_entity_is_checked_once() -> None:
    """issue 14 case 10: 'Two' in 'Scottish League Two' belongs to the entity."""
    fc = check_summary(summary="Arbroath play in Scottish League Two.", source="Arbroath play in Scottish League Two this season.")
    assert not [i for i in fc.items if i.kind == "number"]
    assert [i.text for i in fc.items if i.kind == "entity" and "League" in i.text]


@pytest.mark.parametrize(
    "summary,source,lang",
    [("Москва — столица России.", "Москвы — столица России, город на реке Москве.", "ru"),
     ("Angela Merkel traf gestern in Berlin den Präsidenten.", "Die Bundeskanzlerin Angela Merkel hat am Montag in Berlin den französischen Präsidenten getroffen und über die Zukunft der Europäischen Union gesprochen.", "de"),
     ("习近平在北京会见了代表团。", "国家主席习近平今天在北京人民大会堂会见了来访的代表团。", "zh")],
)
def test_no_ner_model_means_unscored_entities(summary: str, source: str, lang: str) -> None:
    """issue 14: no NER model for the language -> entity check unscored with the reason, never a flag."""
    fc = check_summary(summary=summary, source=source)
    assert fc.language is not None and fc.language["checked_as"] == lang
    assert fc.entity_reason == f"no NER model for {lang!r}"
    assert not fc.flags and fc.entity_precision is None


def test_chinese_numbers_are_checked() -> None:
    """issue 14: '50所学校，投资120亿元' yields two numbers, 50 and 1.2e10 yuan."""
    fc = check_summary(summary="50所学校，投资120亿元", source="政府宣布向50所学校投资120亿元。")
    assert [(i.text, i.verdict) for i in fc.items] == [("50", "supported"), ("120亿元", "supported")]
    fc = check_summary(summary="80所学校，投资120亿元", source="政府宣布向50所学校投资120亿元。")
    assert [(i.text, i.verdict) for i in fc.items] == [("80", "unsupported"), ("120亿元", "supported")]


@pytest.mark.parametrize("summary", [".", "…", "?!", " -- "])
def test_punctuation_only_summary_is_unscored(summary: str) -> None:
    fc = check_summary(summary=summary, source="Some source text about 300 workers.")
    assert fc.precision is None and fc.reason == "summary has no words (punctuation only)"


def test_metric_reads_the_cut_from_the_document() -> None:
    """The run marks a cut document (``truncated_from_chars``); the metric's reason names the cut length."""
    from sumcheck.factcheck.metric import FactCheckMetric
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    text = "The council met on Monday. " * 40
    doc = Document("d1", text, meta={"truncated_from_chars": 1_600_000})
    (row,) = FactCheckMetric().score([Pair(doc, Prediction("d1", "s", "It cost 5,000 dollars."))])
    (flag,) = row["flags"]
    assert f"not in the first {len(text):,} characters checked (document cut)" in flag["reason"]


def test_one_console_warning_per_run_with_the_count_of_cut_documents(tmp_path, caplog) -> None:
    import json
    import logging

    from sumcheck.jobs import score_input

    long_doc = "Officials said 300 people attended. " * 60  # 2,160 characters, cut at 1,000
    rows = [{"id": f"d{k}", "document": long_doc + str(k), "summary": "Some 300 people attended."} for k in range(2)]
    rows.append({"id": "short", "document": "Officials said 300 people attended.", "summary": "300 people attended."})
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with caplog.at_level(logging.WARNING):
        score_input(str(src), out=tmp_path / "run", metrics={"factcheck": {}}, max_document_chars=1000, quiet=True, report=False)
    cut = [r.getMessage() for r in caplog.records if "max_document_chars" in r.getMessage()]
    assert len(cut) == 1 and cut[0].startswith("2 of 3 documents")


def test_mojibake_in_the_source_is_repaired_for_names_and_numbers() -> None:
    """issue 14 case 11: 'PokÃ©mon', 'SÃ£o Paulo', 'Â£80m' are UTF-8 read as Windows-1252; the
    evidence still points at the text as given."""
    src = "Fans of PokÃ©mon Go met in SÃ£o Paulo, the mayor said. It cost Â£80m."
    fc = check_summary(summary="Pokémon Go fans met in São Paulo at a cost of £80m.", source=src)
    got = {i.text: (i.verdict, [src[e.start:e.end] for e in i.evidence][:1]) for i in fc.items}
    assert got == {"Pokémon Go": ("supported", ["PokÃ©mon Go"]), "São Paulo": ("supported", ["SÃ£o Paulo"]),
                   "£80m": ("supported", ["Â£80m"])}
