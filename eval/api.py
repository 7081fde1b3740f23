"""The Python API: score summaries from your own code and get typed results back.

``score(data)`` runs the same pipeline as ``sumcheck score`` (:func:`sumcheck.jobs.score_rows`): the
rows are checked and scored into a run folder (a temporary one unless ``out=`` names it) and read
back as a :class:`ScoreResult`. The one-pair helpers :func:`check_facts`, :func:`score_rouge` and
:func:`score_faithfulness` take keyword-only texts, so a document and a summary cannot be swapped.

Every mistake in the arguments raises a :class:`~sumcheck.summarize.errors.SumcheckError`
subclass with a one-line message naming the row or setting: :class:`InputError` for data,
:class:`ConfigError` for metrics and settings. Nothing here exits the process.

>>> score([{"document": "Rain fell.", "summary": "Rain fell."}], metrics=["rogue"])
Traceback (most recent call last):
...
sumcheck.summarize.errors.ConfigError: metrics: unknown metric 'rogue'; did you mean 'rouge'?
>>> score([{"document": "Rain fell.", "summary": "Rain fell."}], resamples="many")
Traceback (most recent call last):
...
sumcheck.summarize.errors.ConfigError: setting resamples must be an int, got str ('many')
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from sumcheck.summarize.errors import ConfigError, InputError, SumcheckError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from sumcheck.factcheck.check import FactCheck
    from sumcheck.faithfulness.result import FaithfulnessResult
    from sumcheck.rouge.scorer import ItemScore

DEFAULT_METRICS = ("factcheck", "rouge", "faithfulness")

# setting -> (accepted types, what the message calls them, default); `None` is accepted where the default is None
_SETTINGS: dict[str, tuple[tuple[type, ...], str, Any]] = {
    "fields": ((Mapping,), "a mapping of field name to column", None),
    "split": ((str,), "a str", None),
    "limit": ((int,), "an int", None),
    "system": ((str,), "a str", None),
    "max_document_chars": ((int,), "an int", 200_000),
    "resamples": ((int,), "an int", 1000),
    "seed": ((int,), "an int", 12345),
    "out": ((str, os.PathLike), "a path", None),
    "quiet": ((bool,), "a bool", True),
    "report": ((bool,), "a bool", True),
    "overwrite": ((bool,), "a bool", False),
}
# smallest allowed values, the same as the CLI's
_MINIMUM = {"limit": 1, "max_document_chars": 1000, "resamples": 1, "seed": 0}


class UnknownScoreError(SumcheckError, LookupError):
    """A corpus score or system that the result does not hold."""


@dataclass(frozen=True)
class CorpusScore:
    """One corpus value of one system: the mean of the per-row values with its bootstrap 95% interval.

    ``n`` rows were scored and ``unscored`` were not (they count in neither the mean nor ``n``).
    ``ci_low``/``ci_high`` are None with fewer than two scored rows; ``mean`` is None with none.
    ``signature`` names every setting that made the number (see ``docs/run-folder.md``).
    """

    system: str
    name: str
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    unscored: int
    signature: str


@dataclass(frozen=True)
class RowScore:
    """One scored (document, summary) pair: a row of ``results.jsonl``.

    ``values`` holds the per-row numbers corpus scores average (None when unscored), e.g.
    ``fact_precision``, ``rouge1`` (F1), ``faithfulness``. ``metrics`` holds each metric's full
    object: ``metrics["factcheck"]["flags"]`` lists the unsupported numbers and names with their
    reasons and evidence spans, ``metrics["faithfulness"]["sentences"]`` the per-sentence evidence.
    """

    id: str
    system: str
    summary: str
    values: Mapping[str, float | None]
    metrics: Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class ScoreResult:
    """What :func:`score` returns: per-row records and corpus scores, plus the run folder's contents.

    ``rows`` are in input order; ``corpus`` holds every (system, value) pair. ``run_info`` is the
    run's ``run.json`` (versions, data hash, settings, timings).
    """

    rows: tuple[RowScore, ...]
    corpus: tuple[CorpusScore, ...]
    run_info: Mapping[str, Any]
    _files: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def systems(self) -> tuple[str, ...]:
        """The systems scored, in input order."""
        return tuple(dict.fromkeys(c.system for c in self.corpus))

    @property
    def signatures(self) -> dict[str, str]:
        """``"system/name" -> signature`` for every corpus value."""
        return {f"{c.system}/{c.name}": c.signature for c in self.corpus}

    def corpus_score(self, name: str, system: str | None = None) -> CorpusScore:
        """The corpus value ``name`` (``"rouge1"``, ``"fact_precision"``...) of ``system``.

        ``system`` may be left out when one system was scored. Raises :class:`UnknownScoreError`.
        """
        systems = self.systems
        if system is None:
            if len(systems) != 1:
                raise UnknownScoreError(f"{len(systems)} systems were scored ({', '.join(systems)}); name one with system=")
            system = systems[0]
        for c in self.corpus:
            if c.system == system and c.name == name:
                return c
        if system not in systems:
            raise UnknownScoreError(f"no system {system!r}; scored: {', '.join(systems)}")
        names = sorted({c.name for c in self.corpus if c.system == system})
        raise UnknownScoreError(f"no corpus value {name!r} for system {system!r}; there are: {', '.join(names)}")

    def to_pandas(self, level: str = "rows") -> "pandas.DataFrame":
        """A DataFrame: ``level="rows"`` one row per pair (``id``, ``system``, ``summary`` and every
        value), ``level="corpus"`` one row per system and value (mean, interval, n, signature)."""
        import pandas as pd

        if level == "rows":
            return pd.DataFrame([{"id": r.id, "system": r.system, "summary": r.summary, **r.values} for r in self.rows])
        if level == "corpus":
            return pd.DataFrame([vars(c) for c in self.corpus])
        raise ConfigError(f"to_pandas: level must be 'rows' or 'corpus', got {level!r}")

    def save(self, run_dir: str | os.PathLike[str], *, report: bool = True) -> Path:
        """Write the usual run folder (``run.json``, ``documents.jsonl``, ``predictions.jsonl``,
        ``results.jsonl``, ``scores.json`` and, with ``report``, ``report.html``) to ``run_dir``,
        which must be new or empty (else :class:`InputError`). Returns the folder."""
        from sumcheck.pipeline import write_report_if_available
        from sumcheck.runfolder import (
            DOCUMENTS, PREDICTIONS, RESULTS, RUN_JSON, SCORES, atomic_write_json, atomic_write_jsonl,
        )

        path = Path(run_dir)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise InputError(f"save: {path} exists and is not an empty folder; choose a new or empty folder")
        path.mkdir(parents=True, exist_ok=True)
        for name in (DOCUMENTS, PREDICTIONS, RESULTS):
            atomic_write_jsonl(path / name, self._files[name])
        atomic_write_json(path / SCORES, self._files[SCORES])
        atomic_write_json(path / RUN_JSON, self._files[RUN_JSON])  # last: a folder with run.json is complete
        if report:
            write_report_if_available(path)
        return path


def score(data: Any, *, metrics: Sequence[str] | Mapping[str, Mapping[str, Any]] | str = DEFAULT_METRICS,
          **settings: Any) -> ScoreResult:
    """Check and score summaries; the same pipeline and numbers as ``sumcheck score``.

    ``data``: a path (JSONL, CSV, Parquet, a folder of .txt, a ``datasets`` folder, ``hf:NAME``), a
    list of dicts, a pandas DataFrame or a ``datasets.Dataset``. Fields ``document`` and ``summary``
    are required, ``reference`` (text or list), ``id`` and ``system`` optional; common aliases
    (``article``, ``claim``...) are recognised, others mapped with ``fields={"document": "article"}``.

    ``metrics``: names from ``factcheck``, ``rouge``, ``faithfulness``, or a mapping of name to that
    metric's settings (``{"rouge": {"stemmer": False}}``).

    Settings: ``fields``, ``split``, ``limit``, ``system`` (name for every row), ``max_document_chars``
    (default 200,000), ``resamples`` (default 1000), ``seed`` (default 12345), ``out`` (write the run
    folder there, resumable as with the CLI; default a temporary folder), ``quiet`` (no progress bars;
    default True), ``report`` (write ``report.html`` into ``out``; default True), ``overwrite``
    (delete the run already in ``out`` when it is a different run, as ``--overwrite``; default False:
    such a folder is an :class:`InputError`).

    Raises :class:`InputError` (a missing path, a row without a summary, a malformed table) or
    :class:`ConfigError` (an unknown metric or setting, a setting of the wrong type).
    """
    from sumcheck.jobs import score_rows

    chosen = _metrics(metrics)
    opts = _settings(settings)
    source, rows = _rows(data, fields=opts["fields"], split=opts["split"], limit=opts["limit"])

    def run(out: Path) -> ScoreResult:
        outcome = score_rows(rows, source=source, out=out, metrics=chosen, fields=opts["fields"], split=opts["split"],
                             limit=opts["limit"], system=opts["system"], max_document_chars=opts["max_document_chars"],
                             resamples=opts["resamples"], seed=opts["seed"], quiet=opts["quiet"],
                             report=opts["report"] and opts["out"] is not None, overwrite=opts["overwrite"])
        return _result_of(outcome)

    if opts["out"] is not None:
        return run(Path(opts["out"]))
    with tempfile.TemporaryDirectory(prefix="sumcheck-") as tmp:
        return run(Path(tmp) / "run")


def run(config: Any = None, *, out: str | Path | None = None, use_cache: bool = True, offline: bool | None = None,
        overwrite: bool = False, quiet: bool = True, workers: int | None = None) -> ScoreResult:
    """Generate summaries with the systems a run config names, then check and score them: the same
    pipeline and numbers as ``sumcheck run``.

    ``config``: a path to a YAML run config, the name of a shipped one (``"seed"``, ``"news"``...;
    None: ``seed``), or the config as a mapping (relative paths in it are read from the current
    directory). ``out``: the run folder (resumable as with the CLI; default a temporary folder, gone
    when this returns). ``use_cache``: take summaries from the summary cache when it has them.
    ``offline``: forbid downloads of the systems' models (None: ``HF_HUB_OFFLINE`` decides); unlike
    the CLI's ``--offline`` it does not change this process's environment, so a trained faithfulness
    checkpoint or ``hf:`` data obey ``HF_HUB_OFFLINE``/``HF_DATASETS_OFFLINE`` as set by the caller.
    ``workers``: scoring processes (None: every core). The summaries are in ``result.rows[i].summary``;
    ``report.html`` is written only when ``out`` is given (as the config's ``report:`` says).

    Raises :class:`ConfigError` (a bad config, an unset API key variable, a chat template that refuses
    the prompt), :class:`InputError` (bad data) or :class:`ModelNotAvailableError` (a model not on this
    machine while downloads are off). A system whose every generation failed gives a ``RuntimeWarning``.
    """
    from sumcheck.config import load_config, parse_config
    from sumcheck.jobs import run_config

    if isinstance(config, Mapping):
        parsed = parse_config(dict(config), file="<config mapping>", base_dir=Path.cwd())
    else:
        from sumcheck.resources import run_config_path

        parsed = load_config(run_config_path(None if config is None else str(config)))

    if out is None:  # a temporary folder: no page to keep
        parsed = parsed.model_copy(update={"report": False})

    def go(folder: Path) -> ScoreResult:
        outcome = run_config(parsed, out=folder, use_cache=use_cache, quiet=quiet, overwrite=overwrite, offline=offline,
                             workers=workers)
        for name in outcome.systems_without_output():  # the CLI exits 3 here; Python warns (issue 25)
            import warnings

            warnings.warn(f"system {name!r} produced no summary: every generation failed (see meta.error in the "
                          "result rows); its rows are unscored", RuntimeWarning, stacklevel=3)
        return _result_of(outcome)

    if out is not None:
        return go(Path(out))
    with tempfile.TemporaryDirectory(prefix="sumcheck-") as tmp:
        return go(Path(tmp) / "run")


def check_facts(*, document: str, summary: str) -> "FactCheck":
    """Fact-check every number and named entity of ``summary`` against ``document``.

    Returns a :class:`~sumcheck.factcheck.check.FactCheck`: ``items`` (each with ``verdict``,
    character span in the summary, ``reason`` and supporting ``evidence`` spans in the document),
    ``flags`` (the unsupported ones) and ``precision`` (None with a ``reason`` when nothing is checkable).
    """
    from sumcheck.factcheck.check import check_summary

    _text_argument("check_facts", "document", document)
    _text_argument("check_facts", "summary", summary)
    return check_summary(summary=summary, source=document)


def score_rouge(*, summary: str, references: str | Sequence[str], **settings: Any) -> "ItemScore":
    """ROUGE of ``summary`` against one reference or several (the best per type, as rouge-score does).

    Settings as ``metrics: {rouge: ...}`` in a config: ``types``, ``stemmer``, ``tokenizer``,
    ``lsum_split``, ``impl``. Returns an :class:`~sumcheck.rouge.scorer.ItemScore`: ``scores`` maps
    each type to ``(precision, recall, fmeasure)``, or is None with a ``reason``.
    """
    from sumcheck.rouge.metric import config_from_settings
    from sumcheck.rouge.scorer import RougeScorer

    _text_argument("score_rouge", "summary", summary)
    refs = [references] if isinstance(references, str) else references
    if not isinstance(refs, Sequence) or not all(isinstance(r, str) for r in refs):
        raise InputError(f"score_rouge: references must be a str or a list of str, got {type(references).__name__}")
    return RougeScorer(config_from_settings(settings)).score_item(references=list(refs), summary=summary)


def score_faithfulness(*, document: str, summary: str, **settings: Any) -> "FaithfulnessResult":
    """How faithful ``summary`` is to ``document``: a score in [0, 1], a label and per-sentence evidence.

    Settings as ``metrics: {faithfulness: ...}`` in a config (``backend``, ``config``, ``device``...;
    the default is the calibrated ``offline`` model). Returns a
    :class:`~sumcheck.faithfulness.result.FaithfulnessResult` (``score`` None with a ``reason`` when
    the pair cannot be scored).
    """
    from sumcheck.faithfulness.metric import FaithfulnessMetric
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    _text_argument("score_faithfulness", "document", document)
    _text_argument("score_faithfulness", "summary", summary)
    metric = FaithfulnessMetric(settings)
    if metric.backend != "offline":
        return metric.scorer().score([document], [summary])[0]
    pair = Pair(Document(id="", text=document), Prediction("", "api", summary))
    return metric.scorer().score([document], [summary], metric._factcheck_rows([pair], None))[0]


# -- helpers --------------------------------------------------------------------------------------
def _text_argument(function: str, name: str, value: object) -> None:
    if not isinstance(value, str):
        raise InputError(f"{function}: {name} must be a str, got {type(value).__name__}")


def _metrics(metrics: Sequence[str] | Mapping[str, Mapping[str, Any]] | str) -> dict[str, dict[str, Any]]:
    from sumcheck.metric import REGISTRY, nearest

    if isinstance(metrics, str):
        metrics = [m.strip() for m in metrics.split(",") if m.strip()]
    if isinstance(metrics, Mapping):
        chosen = {}
        for name, value in metrics.items():
            if value is not None and not isinstance(value, Mapping):
                raise ConfigError(f"metrics[{name!r}]: settings must be a mapping, got {type(value).__name__}")
            chosen[name] = dict(value or {})
    elif isinstance(metrics, Iterable):
        chosen = {}
        for name in metrics:
            if not isinstance(name, str):
                raise ConfigError(f"metrics: names must be str, got {type(name).__name__}")
            chosen[name] = {}
    else:
        raise ConfigError(f"metrics must be a list of names or a mapping of name to settings, got {type(metrics).__name__}")
    if not chosen:
        raise ConfigError(f"metrics: none chosen; choose from {', '.join(DEFAULT_METRICS)}")
    for name in chosen:
        if name not in REGISTRY:
            hint = nearest(str(name), sorted(REGISTRY))
            raise ConfigError(f"metrics: unknown metric {name!r}" + (f"; did you mean {hint!r}?" if hint else f"; known: {', '.join(sorted(REGISTRY))}"))
    return chosen


def _settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    from sumcheck.metric import nearest

    out = {name: default for name, (_, _, default) in _SETTINGS.items()}
    for name, value in settings.items():
        if name not in _SETTINGS:
            hint = nearest(name, sorted(_SETTINGS))
            raise ConfigError(f"unknown setting {name!r}" + (f"; did you mean {hint!r}?" if hint else f"; settings are {', '.join(_SETTINGS)}"))
        types, what, default = _SETTINGS[name]
        if value is None and default is None:
            continue
        # bool is an int subclass: True is not a row limit
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise ConfigError(f"setting {name} must be {what}, got {type(value).__name__} ({value!r:.40})")
        if name in _MINIMUM and value < _MINIMUM[name]:
            raise ConfigError(f"setting {name} must be at least {_MINIMUM[name]}, got {value}")
        out[name] = value
    if out["fields"] is not None:
        bad = [k for k, v in out["fields"].items() if not isinstance(k, str) or not isinstance(v, str)]
        if bad:
            raise ConfigError(f"setting fields must map field names to column names (str to str); {bad[0]!r} does not")
        out["fields"] = dict(out["fields"])
    return out


def _rows(data: Any, *, fields: Mapping[str, str] | None, split: str | None, limit: int | None) -> tuple[str, list]:
    """``(name of the source, input rows)`` for any accepted kind of ``data``."""
    from sumcheck.summarize.io import load_records, load_rows

    if isinstance(data, (str, os.PathLike)):
        return str(data), load_rows(str(data), fields=fields, split=split, limit=limit)
    pandas = sys.modules.get("pandas")  # only a table the caller made: pandas is not imported for a list
    if pandas is not None and isinstance(data, pandas.DataFrame):
        records = (_plain_record(r, pandas) for r in data.to_dict("records"))
        return "DataFrame", load_records(records, origin="DataFrame", fields=fields, limit=limit)
    datasets = sys.modules.get("datasets")
    if datasets is not None and isinstance(data, datasets.DatasetDict):
        raise InputError(f"data is a datasets.DatasetDict with splits {', '.join(data)}; pass one split, e.g. data[{next(iter(data))!r}]")
    if datasets is not None and isinstance(data, datasets.Dataset):
        return "Dataset", load_records((dict(r) for r in data), origin="Dataset", fields=fields, limit=limit)
    if isinstance(data, (list, tuple)):
        return "data", load_records(data, origin="data", fields=fields, limit=limit)
    raise InputError(f"data must be a path, a list of dicts, a pandas DataFrame or a datasets.Dataset; got {type(data).__name__}")


def _plain_record(record: Mapping[Any, Any], pandas: Any) -> dict[str, Any]:
    """A DataFrame row as plain Python values: missing cells (NaN, None, ``pd.NA``) become None."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if getattr(value, "ndim", 0) == 0 and not isinstance(value, (list, dict, tuple)) and pandas.isna(value):
            value = None
        elif hasattr(value, "item") and getattr(value, "ndim", None) == 0:
            value = value.item()  # numpy scalars
        out[str(key)] = value
    return out


def _result_of(outcome: Any) -> ScoreResult:
    """The typed result of a finished run (a :class:`~sumcheck.pipeline.RunOutcome`): from the files' contents
    the run kept in memory, else read from its folder."""
    from sumcheck.runfolder import DOCUMENTS, PREDICTIONS, RESULTS, RUN_JSON, SCORES, load_run_json, read_jsonl

    if getattr(outcome, "files", None) is not None:  # what the run just wrote, kept in memory: nothing read back
        return _result(dict(outcome.files))
    files: dict[str, Any] = {name: list(read_jsonl(outcome.run_dir / name)) for name in (DOCUMENTS, PREDICTIONS, RESULTS)}
    files[SCORES] = dict(outcome.scores)
    files[RUN_JSON] = load_run_json(outcome.run_dir)
    return _result(files)


def _result(files: Mapping[str, Any]) -> ScoreResult:
    from sumcheck.runfolder import RESULTS, RUN_JSON, SCORES

    skip = {"id", "system", "summary", "values", "input", "document_truncated_from_chars"}
    rows = tuple(
        RowScore(id=str(r["id"]), system=str(r["system"]), summary=str(r["summary"]), values=dict(r.get("values") or {}),
                 metrics={k: v for k, v in r.items() if k not in skip and isinstance(v, Mapping)})
        for r in files[RESULTS]
    )
    corpus = tuple(
        CorpusScore(system=system, name=name, mean=v.get("mean"), ci_low=v.get("ci_low"), ci_high=v.get("ci_high"),
                    n=int(v.get("n") or 0), unscored=int(v.get("unscored") or 0), signature=str(v.get("signature", "")))
        for system, values in (files[SCORES].get("systems") or {}).items()
        for name, v in values.items()
    )
    return ScoreResult(rows=rows, corpus=corpus, run_info=files[RUN_JSON], _files=files)
