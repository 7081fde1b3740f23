"""FactCheckMetric: registry name, the exact `factcheck` row shape of docs/run-folder.md, item values."""

from __future__ import annotations

import pytest

from sumcheck.metric import Pair, build_metric
from factcheck_helpers import seed_text
from sumcheck.summarize.records import Document, Prediction

pytestmark = pytest.mark.slow  # loads the spaCy pipeline

ROW_KEYS = {"precision", "number_precision", "entity_precision", "reason", "flags", "items", "language"}  # docs/run-folder.md (+ language, issue 14)
FLAG_KEYS = {"kind", "text", "start", "end", "reason", "evidence"}


def _pairs() -> list[Pair]:
    doc = Document(id="seed", text=seed_text())
    return [
        Pair(doc, Prediction("seed", "a", "Kim said 3,000 soldiers died in Moscow.")),
        Pair(doc, Prediction("seed", "b", "")),
        Pair(doc, Prediction("seed", "c", "roughly 300 soldiers died.")),
    ]


def test_registered_and_row_shape() -> None:
    metric = build_metric("factcheck")
    assert metric.name == "factcheck"
    rows = metric.score(_pairs())
    assert len(rows) == 3
    for row in rows:
        assert set(row) == ROW_KEYS
        for flag in row["flags"]:
            assert FLAG_KEYS <= set(flag)
            assert all({"start", "end", "text"} == set(e) for e in flag["evidence"])
        for item in row["items"]:
            assert FLAG_KEYS | {"verdict"} <= set(item)
    first, empty, third = rows
    summary = _pairs()[0].prediction.summary
    flagged = {(f["kind"], summary[f["start"]:f["end"]]) for f in first["flags"]}
    assert flagged == {("number", "3,000"), ("entity", "Moscow")}
    assert first["precision"] == pytest.approx(1 / 3)  # Kim supported; 3,000 and Moscow not
    assert (empty["precision"], empty["reason"]) == (None, "empty summary")
    assert third["precision"] == 1.0 and third["reason"] is None


def test_item_values() -> None:
    metric = build_metric("factcheck")
    first, empty, _ = metric.score(_pairs())
    values = metric.item_values(first)
    assert set(values) == {"fact_precision", "number_precision", "entity_precision", "unsupported_numbers", "unsupported_entities"}
    assert values["unsupported_numbers"] == 1.0 and values["unsupported_entities"] == 1.0
    assert values["number_precision"] == 0.0 and values["entity_precision"] == 0.5
    assert all(v is None for v in metric.item_values(empty).values())


def test_signature_names_model_and_rules() -> None:
    sig = build_metric("factcheck").signature_fields()
    assert sig["ner"] == "en_core_web_sm-3.8.0"
    assert sig["rules"].startswith("fc-rules-")
    assert build_metric("factcheck").score([]) == []


def test_missing_model_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sumcheck.factcheck import nlp
    from sumcheck.summarize.errors import ModelNotAvailableError

    nlp._load.cache_clear()
    monkeypatch.setitem(sys.modules, nlp.PACKAGE, None)  # makes the import fail as if not installed
    try:
        with pytest.raises(ModelNotAvailableError, match="pip install"):
            nlp.load_nlp()
    finally:
        monkeypatch.undo()
        nlp._load.cache_clear()
    assert nlp.load_nlp() is nlp.load_nlp()


@pytest.mark.parametrize(("settings", "named"), [
    ({"foo": 1}, ["'foo'"]),
    ({"threshold": 0.5, "model": "x"}, ["'model'", "'threshold'"]),
])
def test_unknown_settings_are_refused(settings, named) -> None:
    # regression: metrics: {factcheck: {foo: 1}} was accepted silently
    from sumcheck.summarize.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        build_metric("factcheck", settings)
    message = str(info.value)
    assert "unknown factcheck setting" in message and all(n in message for n in named)


def test_no_settings_are_accepted() -> None:
    assert build_metric("factcheck", {}).settings == {}
    assert build_metric("factcheck", None).settings == {}
