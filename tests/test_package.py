"""sumcheck as a built wheel, installed on its own, used from folders that are not this repository.

The wheel is built from the repository's files, installed into a fresh venv WITHOUT the editable
sumcheck, and driven as a user would: from empty temporary folders, through the installed
`sumcheck` console script and the `pytest11` plugin. The fresh venv borrows the third-party packages
of the venv running these tests through a ``.pth`` line naming its site-packages (a plain path line
does not run that folder's own ``.pth`` files, so the editable install's import hook stays off).

The default `sumcheck run` (SmolLM2 generation) takes 1 to 8 minutes on a 2-core machine (8 with a
cold summary cache): it runs when ``SUMCHECK_TEST_DEFAULT_RUN=1``; CI runs the same shipped seed
documents with the extractive systems and all metrics instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from faithfulness_helpers import shared_file

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "eval", "summarize", "configs", "seeds")


class WheelEnv:
    def __init__(self, root: Path, wheel: Path, python: Path) -> None:
        self.root, self.wheel, self.python = root, wheel, python
        self.bin = python.parent

    def run(self, *args: str, cwd: Path, timeout: int = 900, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
        environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        environ.update(env or {})
        proc = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environ)
        if check and proc.returncode != 0:
            pytest.fail(f"{' '.join(args)} exited {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}")
        return proc

    def sumcheck(self, *args: str, cwd: Path, **kw) -> subprocess.CompletedProcess:
        return self.run(str(self.bin / "sumcheck"), *args, cwd=cwd, **kw)

    def empty_dir(self, name: str) -> Path:
        path = self.root / name
        path.mkdir()
        return path


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory) -> WheelEnv:
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    src.mkdir()
    for name in SOURCES:
        item = REPO / name
        if item.is_dir():
            shutil.copytree(item, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(item, src / name)
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--disable-pip-version-check",
                    "-w", str(dist), str(src)], check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("sumcheck-*.whl")
    venv = root / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    (purelib / "borrowed-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    # pip comes from the borrowed site-packages; --ignore-installed: never touch the editable sumcheck there
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed", "--disable-pip-version-check",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    return WheelEnv(root, wheel, python)


@pytest.fixture(scope="module")
def frank_run(wheel_env) -> Path:
    """`sumcheck score` on the first 20 rows of FRANK validation, from an empty folder (all metrics)."""
    where = wheel_env.empty_dir("score")
    with open(shared_file("frank_val.jsonl"), encoding="utf-8") as fh:
        (where / "in.jsonl").write_text("".join(next(fh) for _ in range(20)), encoding="utf-8")
    wheel_env.sumcheck("score", "in.jsonl", "--out", "r", "-q", cwd=where)
    return where / "r"


def test_the_wheel_installs_only_sumcheck(wheel_env):
    with zipfile.ZipFile(wheel_env.wheel) as zf:
        names = zf.namelist()
        top_level = zf.read(next(n for n in names if n.endswith(".dist-info/top_level.txt"))).decode().split()
        entry_points = zf.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert top_level == ["sumcheck"]
    assert {n.split("/")[0] for n in names} == {"sumcheck", wheel_env.wheel.name.split("-py3")[0] + ".dist-info"}
    for shipped in ("sumcheck/configs/faithfulness.yaml", "sumcheck/configs/seed.yaml", "sumcheck/seeds/documents.jsonl",
                    "sumcheck/summarize/io.py", "sumcheck/api.py"):
        assert shipped in names
    assert "sumcheck = sumcheck.cli:main" in entry_points and "sumcheck = sumcheck.gate.pytest_plugin" in entry_points


def test_eval_and_summarize_are_not_importable(wheel_env):
    where = wheel_env.empty_dir("imports")
    for name in ("eval", "summarize"):
        proc = wheel_env.run(str(wheel_env.python), "-c", f"import {name}", cwd=where, check=False)
        assert proc.returncode == 1 and f"No module named '{name}'" in proc.stderr
    proc = wheel_env.run(str(wheel_env.python), "-c", "import sumcheck.summarize, sumcheck.api; print(sumcheck.summarize.__file__)", cwd=where)
    assert Path(proc.stdout.strip()).is_relative_to(wheel_env.root / "venv")


def test_score_works_with_all_three_metrics(frank_run):
    rows = [json.loads(line) for line in (frank_run / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20
    assert all(r["faithfulness"]["score"] is not None for r in rows)  # the calibrated model shipped in the wheel
    assert sum(r["factcheck"]["precision"] is not None for r in rows) >= 15
    assert all(r["rouge"].get("reason") for r in rows)  # FRANK gives no references: unscored with its reason, never 0
    info = json.loads((frank_run / "run.json").read_text(encoding="utf-8"))
    assert info["status"] == "complete"
    assert info["git"] == {"commit": None, "dirty": None}  # a wheel has no commit; the caller's repository is not reported
    assert info["sessions"][0]["sumcheck_version"] == info["sumcheck_version"]
    assert (frank_run / "report.html").is_file()


def test_run_the_shipped_seed_documents(wheel_env):
    """The shipped seed documents (package data) through `sumcheck run`, extractive systems, all metrics."""
    where = wheel_env.empty_dir("seed-run")
    seeds = wheel_env.run(str(wheel_env.python), "-c", "from sumcheck.resources import seed_path; print(seed_path())", cwd=where).stdout.strip()
    (where / "mine.yaml").write_text(
        f"version: 1\nname: mine\ndata: {{path: {json.dumps(seeds)}}}\n"
        "systems:\n  - {name: lead3, type: lead, k: 3}\n  - {name: mmr3, type: mmr, k: 3}\n"
        "metrics: {factcheck: {}, rouge: {}, faithfulness: {}}\n", encoding="utf-8")
    wheel_env.sumcheck("run", "mine.yaml", "-q", cwd=where)
    scores = json.loads((where / "runs" / "mine" / "scores.json").read_text(encoding="utf-8"))["systems"]
    assert set(scores) == {"lead3", "mmr3"}
    for values in scores.values():
        for name in ("fact_precision", "rouge1", "faithfulness"):
            assert values[name]["mean"] is not None and values[name]["n"] >= 6


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("SUMCHECK_TEST_DEFAULT_RUN") != "1",
                    reason="the default run generates with SmolLM2 (1-8 min); set SUMCHECK_TEST_DEFAULT_RUN=1")
def test_run_without_a_config_runs_the_built_in_default(wheel_env):
    where = wheel_env.empty_dir("default-run")
    wheel_env.sumcheck("run", "-q", cwd=where, timeout=1800)
    scores = json.loads((where / "runs" / "seed" / "scores.json").read_text(encoding="utf-8"))["systems"]
    assert set(scores) == {"lead3", "mmr3", "smollm2-135m"}
    for values in scores.values():
        for name in ("fact_precision", "rouge1", "faithfulness"):
            assert values[name]["mean"] is not None


def test_a_user_project_with_its_own_eval_package_keeps_working(wheel_env, frank_run):
    """The issue's report: with sumcheck installed, a project whose own package is `eval` could not start pytest."""
    project = wheel_env.empty_dir("user-project")
    (project / "eval").mkdir()
    (project / "eval" / "__init__.py").write_text("from eval.metrics import accuracy\n", encoding="utf-8")
    (project / "eval" / "metrics.py").write_text(
        "def accuracy(gold, predicted):\n    return sum(g == p for g, p in zip(gold, predicted)) / len(gold)\n", encoding="utf-8")
    (project / "pytest.ini").write_text("[pytest]\npythonpath = .\n", encoding="utf-8")
    wheel_env.sumcheck("baseline", str(frank_run), "--out", "sumcheck-baseline.json", cwd=project)
    (project / "tests").mkdir()
    (project / "tests" / "test_mine.py").write_text(
        "from eval import accuracy\n"
        "from eval.metrics import accuracy as same\n\n\n"
        "def test_own_eval_package():\n"
        "    assert accuracy([1, 0, 1], [1, 1, 1]) == 2 / 3 and same is accuracy\n\n\n"
        "def test_the_sumcheck_fixture(sumcheck):\n"
        f"    result = sumcheck.assert_no_regression(baseline='sumcheck-baseline.json', candidate={str(frank_run)!r})\n"
        "    assert result.passed\n", encoding="utf-8")
    proc = wheel_env.run(str(wheel_env.python), "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "2 passed" in proc.stdout
    # the fixture came from the installed wheel, not from this repository
    where = wheel_env.run(str(wheel_env.python), "-c", "import sumcheck.gate.pytest_plugin as p; print(p.__file__)", cwd=project).stdout
    assert Path(where.strip()).is_relative_to(wheel_env.root / "venv")
