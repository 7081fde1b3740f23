"""configs/gate.yaml: the shipped file, its defaults, and one-line errors for bad keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from sumcheck.gate.config import GateConfig, load_gate_config, parse_gate_config
from sumcheck.summarize.errors import ConfigError

SHIPPED = Path(__file__).resolve().parents[1] / "configs" / "gate.yaml"


def test_shipped_config_equals_the_built_in_defaults():
    assert load_gate_config(SHIPPED) == GateConfig()


def test_directions_of_known_and_unknown_metrics():
    config = GateConfig()
    assert config.rule("faithfulness").direction == "higher"
    assert config.rule("unsupported_numbers").direction == "lower"
    assert config.rule("unsupported_dates").direction == "lower"  # not listed: by name
    assert config.rule("bertscore").direction == "higher" and config.rule("bertscore").tolerance == 0.0


@pytest.mark.parametrize(("data", "message"), [
    ({"resampels": 10}, "unknown key 'resampels'; did you mean 'resamples'?"),
    ({"metrics": {"faithfulness": {"directon": "lower"}}}, "unknown key 'metrics.faithfulness.directon'; did you mean 'direction'?"),
    ({"zzz": 1}, "unknown key 'zzz'; valid: alpha"),
    ({"alpha": 0}, "alpha: Input should be greater than 0"),
    ({"metrics": {"rouge1": {"tolerance": -0.1}}}, "metrics.rouge1.tolerance"),
    ([1, 2], "expected a mapping"),
    # new-user trial, session 5: a misspelt metric silently left rouge1 at the default tolerance;
    # YAML's true was read as 1
    ({"metrics": {"rogue1": {"tolerance": 0.5}}}, "metrics: no metric writes a value named 'rogue1'; did you mean 'rouge1'?"),
    ({"metrics": {"bleu": {}}}, "no metric writes a value named 'bleu'; known: entity_precision"),
    ({"alpha": True}, "alpha: Input should be a valid number"),
    ({"min_n": 2.5}, "min_n: Input should be a valid integer"),
    ({"fail_on_missing": "no"}, "fail_on_missing: Input should be a valid boolean"),
    ({"metrics": {"rouge1": {"tolerance": True}}}, "metrics.rouge1.tolerance: Input should be a valid number"),
])
def test_invalid_settings_give_one_line(data, message):
    with pytest.raises(ConfigError) as info:
        parse_gate_config(data, source="gate.yaml")
    assert message in str(info.value) and "\n" not in str(info.value)


def test_unreadable_and_malformed_files(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_gate_config(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("alpha: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_gate_config(bad)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert load_gate_config(empty) == GateConfig()


def test_ci_example_workflow_is_valid_yaml_and_calls_the_gate_correctly():
    import argparse
    import shlex

    import yaml

    from sumcheck.cli import cmd_gate

    path = SHIPPED.parents[1] / "docs" / "ci-gate-example.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["gate"]["steps"]
    scripts = [s["run"] for s in steps if "run" in s]
    gate_lines = [line.strip() for script in scripts for line in script.splitlines() if line.strip().startswith("sumcheck gate ")]
    assert len(gate_lines) == 1
    parser = argparse.ArgumentParser(prog="sumcheck")
    cmd_gate.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(shlex.split(gate_lines[0])[1:])
    assert args.config == "configs/gate.yaml" and args.out == "gate-out"
    assert any(s.get("if") == "steps.gate.outputs.code != '0'" for s in steps)  # the job really fails


def test_valid_settings_of_every_type_still_load():
    # ROUGE-N beyond the default types (the rouge metric's `types` takes rouge1..rouge9); YAML lists
    # for ignore_signature_fields; an int where a float is wanted
    config = parse_gate_config({"metrics": {"rouge3": {"tolerance": 0}}, "ignore_signature_fields": ["model", "n"], "alpha": 0.1})
    assert config.rule("rouge3").tolerance == 0.0 and config.ignore_signature_fields == ("model", "n")
    # PyYAML reads 1e-3 (no dot) as text; it is still the number it spells (code review, session 5)
    import yaml

    config = parse_gate_config(yaml.safe_load("alpha: 1e-2\nmetrics: {rouge1: {tolerance: 1e-3}}"))
    assert config.alpha == 0.01 and config.rule("rouge1").tolerance == 0.001
