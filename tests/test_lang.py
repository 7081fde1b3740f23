"""Issue 14: language detection (sumcheck.lang), the faithfulness guard and other bad input."""

from __future__ import annotations

import json

import pytest

from sumcheck import lang as L
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.io import load_rows


@pytest.mark.parametrize(
    "text,code",
    [("The government announced a new budget for schools and hospitals on Monday.", "en"),
     ("Le gouvernement a annoncé lundi un nouveau budget pour les écoles et les hôpitaux.", "fr"),
     ("Правительство в понедельник объявило о новом бюджете для школ и больниц.", "ru"),
     ("政府周一宣布了学校和医院的新预算。", "zh"),
     ("政府は月曜日に学校と病院の新しい予算を発表した。", "ja")],
)
def test_detect_whole_sentences(text: str, code: str) -> None:
    """Each sentence is written in the language named (a translation of one English sentence)."""
    assert L.detect(text).code == code


@pytest.mark.parametrize("text", ["", ".", "3,000", "?!"])
def test_too_few_letters_is_undetermined(text: str) -> None:
    assert L.detect(text).code == L.UNDETERMINED


def test_short_summary_follows_its_document() -> None:
    """A short Latin-script summary is read in its document's language (detectors misread short text)."""
    doc = L.Detected("en", 0.99, 2000, "Latn")
    assert L.pair_language(doc, L.detect("man utd win 2-0")) == "en"
    assert L.pair_language(doc, L.detect("莫斯科是俄罗斯的首都")) == "zh"  # another script: the summary's own


@pytest.mark.parametrize(
    "summary,source,reason",
    [(".", "A source.", "summary has no words (punctuation only)"),
     ("…", "A source.", "summary has no words (punctuation only)"),
     ("?!", "A source.", "summary has no words (punctuation only)"),
     ("政府周一宣布了学校和医院的新预算。", "政府周一宣布了学校和医院的新预算，总额为一百亿元。", "language 'zh' not supported by the offline model"),
     ("Правительство объявило о новом бюджете.", "Правительство в понедельник объявило о новом бюджете для школ и больниц.",
      "language 'ru' not supported by the offline model")],
)
def test_faithfulness_unscored_with_reason(summary: str, source: str, reason: str) -> None:
    """issue 14: punctuation-only and unsupported-language summaries are unscored, not given 0.52."""
    from sumcheck.faithfulness.metric import FaithfulnessMetric
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    assert L.faithfulness_unscored_reason(source, summary) == reason
    (row,) = FaithfulnessMetric().score([Pair(Document("d", source), Prediction("d", "s", summary))])
    assert row["score"] is None and row["reason"] == reason


def test_english_pair_is_scored() -> None:
    assert L.faithfulness_unscored_reason("The council approved the budget on Monday.", "The budget was approved.") is None


@pytest.mark.parametrize("value", ["NaN", "3.5", "12", "true"])
def test_a_number_where_a_summary_should_be_is_an_input_error(tmp_path, value: str) -> None:
    """issue 14: JSON NaN (Python's json reads it as a float) or a number is not a summary."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"document": "A text.", "summary": "ok"}) + "\n" + f'{{"document": "B text.", "summary": {value}}}\n')
    with pytest.raises(InputError, match=r"in\.jsonl:2: field 'summary' must be text"):
        load_rows(str(path))


# regression (new-user trial): one-sentence English inputs were read as Dutch or Nigerian Pidgin and
# their entity check switched off; a wrong place or product name must still be flagged.
@pytest.mark.parametrize("document, summary, flagged", [
    ("Merkel met Macron in Berlin.", "Merkel met Macron in Bonn.", "Bonn"),
    ("The G20 met in Rome.", "The G7 met in Rome.", "G7"),
    ("Bayern beat Ajax in Munich.", "Bayern beat Ajax in Madrid.", "Madrid"),
])
def test_short_english_pairs_keep_their_entity_check(document, summary, flagged):
    import sumcheck

    result = sumcheck.check_facts(document=document, summary=summary)
    unsupported = [item.text for item in result.items if item.verdict == "unsupported"]
    assert flagged in unsupported


def test_a_short_latin_text_is_not_acted_on_but_another_script_is():
    from sumcheck.lang import Detected, pair_language, trusted_code

    assert trusted_code(Detected("pcm", 0.52, 17, "Latn")) == "und"
    assert trusted_code(Detected("de", 0.99, 300, "Latn")) == "de"  # long and confident: acted on
    assert trusted_code(Detected("ru", 0.40, 6, "Cyrl")) == "ru"    # not English in any case
    assert pair_language(Detected("de", 0.99, 300, "Latn"), Detected("nl", 0.6, 20, "Latn")) == "de"


# new-user trial: a short English document with a short English summary was recorded as checked_as "und"
def test_short_texts_both_read_as_english_are_recorded_as_english():
    import sumcheck
    from sumcheck.lang import detect

    document, summary = "The council approved the new library on Monday.", "The council approved the library."
    assert detect(document).code == detect(summary).code == "en"  # the detector's own reading (py3langid)
    result = sumcheck.check_facts(document=document, summary=summary)
    assert result.language["checked_as"] == "en"
    # agreement on a language the models do not cover is still not acted on (short English reads as Dutch)
    from sumcheck.lang import Detected, pair_language

    assert pair_language(Detected("nl", 0.7, 30, "Latn"), Detected("nl", 0.7, 20, "Latn")) == "und"


# new-user trial: a one-line German summary of an English article was checked as English ("Der" flagged
# as a person). Each line below is written in the language named (the expectation), none is English.
FOREIGN_LINES = [
    ("Der Dirigent Christopher Hogwood ist im Alter von 73 Jahren in London gestorben.", "de"),
    ("Die Polizei hat mehr als 300 Menschen festgenommen.", "de"),
    ("Bayern hat Ajax in München geschlagen.", "de"),
    ("La police a arrêté plus de 300 personnes.", "fr"),
    ("El director murió en Londres a los 73 años.", "es"),
    ("La policía detuvo a más de 300 personas.", "es"),
    ("Il direttore è morto a Londra a 73 anni.", "it"),
    ("De politie heeft meer dan 300 mensen gearresteerd.", "nl"),
    ("A polícia prendeu mais de 300 pessoas.", "pt"),
    ("Policja aresztowała ponad 300 osób.", "pl"),
]
SHORT_ENGLISH = ["man utd win 2-0", "Merkel met Macron in Berlin.", "Bayern beat Ajax in Munich.", "The G20 met in Rome.",
                 "Lidl opens in Blaby.", "De Bruyne scores twice.", "Van Gogh sold for $80m.", "Jaco van Zyl shot 67.",
                 "Wales beat England 24-19 in Cardiff.", "Mo Farah wins gold in Rio.",
                 # review: names alone read as Polish (P(en) 0.0007 and 0.0004); the lower-case words are English
                 "Jakub Blaszczykowski joins Wisla Krakow.", "Wojciech Szczesny, Krzysztof Piatek and Robert Lewandowski named.",
                 "Wojciech Szczesny, Krzysztof Piatek and Robert Lewandowski named in squad.",
                 "Nguyen Van Thieu dies aged 78 in Boston."]
ENGLISH_DOCUMENT = ("The conductor Christopher Hogwood has died in London at the age of 73, his agent said on Wednesday. "
                    "He founded the Academy of Ancient Music in 1973 and recorded more than 200 albums with it.")


@pytest.mark.parametrize("summary, code", FOREIGN_LINES)
def test_a_short_foreign_summary_of_an_english_article_is_not_checked_as_english(summary, code):
    from sumcheck.lang import detect, pair_language

    checked = pair_language(detect(ENGLISH_DOCUMENT), detect(summary))
    assert checked == code  # acted on: English-only checks are unscored, not guessed


@pytest.mark.parametrize("summary", SHORT_ENGLISH)
def test_short_english_summaries_stay_english(summary):
    from sumcheck.lang import UNDETERMINED, detect, pair_language

    assert pair_language(detect(ENGLISH_DOCUMENT), detect(summary)) in ("en", UNDETERMINED)
