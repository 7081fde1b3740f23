"""The two jobs behind ``sumcheck run`` and ``sumcheck score``, built on :class:`sumcheck.pipeline.Run`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from sumcheck.pipeline import Run, RunOutcome, build_metrics, unique_documents, write_report_if_available
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.io import InputRow, load_rows
from sumcheck.summarize.records import Prediction

if TYPE_CHECKING:  # pragma: no cover - the config model (pydantic) is imported only by `run`, not by `score`
    from sumcheck.config import RunConfig

log = logging.getLogger(__name__)

DEFAULT_SCORE_METRICS = ("factcheck", "rouge", "faithfulness")


def _finish(run: Run, order, metrics, models, *, resamples: int, seed: int, truncation: str, report: bool, generated: int, scored: int) -> RunOutcome:
    scores = run.finalize(order, metrics, models, resamples=resamples, seed=seed, truncation=truncation)
    files = run.contents()  # what was just written, kept in memory: the report and the caller read no file back
    if report:
        try:
            write_report_if_available(run.dir, files)
        except Exception as exc:  # noqa: BLE001 - the run is complete; the report can be rebuilt
            log.warning("report.html not written (%s: %s); rebuild it with `sumcheck report %s`", type(exc).__name__, exc, run.dir)
    preds = run.existing_predictions()
    failed = sum(1 for key in order if key in preds and preds[key].meta.get("error"))
    truncated = sum(1 for key in order if key in preds and preds[key].meta.get("completion_truncated"))
    by_system: dict[str, tuple[int, int]] = {}
    if run.info.get("kind") == "run":
        for key in order:
            rows, bad = by_system.get(key[1], (0, 0))
            by_system[key[1]] = (rows + 1, bad + bool(key in preds and preds[key].meta.get("error")))
    return RunOutcome(run.dir, len(run.documents), len(order), generated, scored, scores, from_cache=run.from_cache, failed=failed,
                      truncated=truncated, generation=by_system, files=files)


def _scoring(metrics) -> dict[str, Any]:  # noqa: ANN001
    """Every metric's signature fields (its code version, calibration digest, settings)."""
    return {name: {"version": m.version, **m.signature_fields()} for name, m in metrics.items()}


def _guarded(run: Run, work):  # noqa: ANN001, ANN202
    """Run ``work()``; on failure or Ctrl-C mark the run folder (what was computed stays) and re-raise.
    The run folder's writer lock is released in every case."""
    try:
        return work()
    except KeyboardInterrupt:
        run.mark("interrupted", "interrupted by the user; run the same command again to resume")
        raise
    except Exception as exc:
        run.mark("failed", f"{type(exc).__name__}: {exc}")
        raise
    finally:
        run.close()


def run_config(config: RunConfig, *, out: Path, use_cache: bool = True, quiet: bool = False, overwrite: bool = False,
               offline: bool | None = None, engine: str | None = None, workers: int | None = None,
               ray_address: str | None = None) -> RunOutcome:
    """Summarise the configured documents with every system, then check and score them.

    ``offline`` forbids model downloads (``None``: ``HF_HUB_OFFLINE`` decides); every system is
    checked and its model resolved (downloaded if need be) before any model loads or request goes out.
    ``engine``, ``workers`` and ``ray_address`` override the config's ``engine:`` section (see
    :func:`sumcheck.parallel.make_engine`); none of them changes the results or the run's identity.
    """
    from sumcheck.parallel import make_engine
    from sumcheck.summarize.systems import build_systems

    if not config.systems:
        raise InputError(f"config {config.name!r} names no systems; add one under 'systems:' or use `sumcheck score` for existing summaries")
    runner = make_engine(engine or config.engine.name, workers=workers if workers is not None else config.engine.workers,
                         ray_address=ray_address or config.engine.ray_address)
    rows = load_rows(config.data.path, fields=config.data.fields, split=config.data.split, limit=config.data.limit)
    documents = unique_documents(rows, config.data.max_document_chars)
    systems = build_systems(config.systems, source=config.source, use_cache=use_cache, progress=False, offline=offline, quiet=quiet)
    _warn_cut(documents, config.data.max_document_chars)
    metrics = build_metrics(config.metrics)
    # the engine is left out of the run's identity: the same run may be resumed on another engine
    info = {"kind": "run", "config": config.model_dump(mode="json", exclude={"engine"}), "input": config.data.path}
    models = {s.name: s.model_signature() for s in systems}
    # where each model came from: hub id, revision asked, commit it resolved to, pinned or not
    sources = {s.name: s.resolved.record() for s in systems if getattr(s, "resolved", None) is not None}
    run = Run(out, documents=documents, info=info | {"models": models, "model_sources": sources}, quiet=quiet,
              scoring=_scoring(metrics), overwrite=overwrite, engine=runner.describe())
    order = [(d.id, s.name) for d in documents for s in systems]

    def work() -> RunOutcome:
        try:
            generated = runner.generate(run, systems, use_cache=use_cache) if runner.name == "ray" else run.generate(systems)
            run.info["usage"] = generation_usage(run.existing_predictions().values())
            scored = run.score(order, metrics, engine=runner)
        finally:
            runner.close()
        return _finish(run, order, metrics, models, resamples=config.statistics.resamples, seed=config.statistics.seed,
                       truncation=f"{config.data.max_document_chars}c", report=config.report, generated=generated, scored=scored)

    return _guarded(run, work)


def generation_usage(predictions) -> dict[str, dict[str, Any]]:  # noqa: ANN001
    """Per system, from the predictions' meta: requests made, tokens (prompt/completion), failures,
    completions cut at the token limit (``completion_truncated``: ``finish_reason`` ``length``), prompts
    whose system prompt went into the user turn (a chat template without a system role), and the
    model names servers reported. Systems whose predictions record neither token counts nor a
    ``finish_reason`` are left out.

    >>> from sumcheck.summarize.records import Prediction as P
    >>> generation_usage([P("d1", "api", "x", {"prompt_tokens": 10, "completion_tokens": 3, "cache": "miss", "served_model": "m"}),
    ...                   P("d2", "api", "", {"prompt_tokens": None, "completion_tokens": None, "error": "timeout", "cache": "miss"}),
    ...                   P("d1", "lead", "x", {})])["api"]["prompt_tokens"]
    10
    """
    usage: dict[str, dict[str, Any]] = {}
    for p in predictions:
        meta = p.meta
        if "prompt_tokens" not in meta and "completion_tokens" not in meta and "finish_reason" not in meta:
            continue
        u = usage.setdefault(p.system, {"rows": 0, "from_cache": 0, "prompt_tokens": 0, "completion_tokens": 0,
                                        "failed": 0, "completion_truncated": 0, "system_prompt_in_user_turn": 0,
                                        "served_models": []})
        u["system_prompt_in_user_turn"] += bool(meta.get("system_prompt_in_user_turn"))
        u["rows"] += 1
        u["from_cache"] += meta.get("cache") == "hit"
        u["prompt_tokens"] += int(meta.get("prompt_tokens") or 0)
        u["completion_tokens"] += int(meta.get("completion_tokens") or 0)
        u["failed"] += bool(meta.get("error"))
        u["completion_truncated"] += bool(meta.get("completion_truncated"))
        served = meta.get("served_model")
        if served and served not in u["served_models"]:
            u["served_models"].append(served)
    return usage


def parse_metric_list(text: str | None) -> dict[str, dict[str, Any]]:
    """``"factcheck,rouge"`` -> ``{"factcheck": {}, "rouge": {}}`` with did-you-mean on a typo."""
    from sumcheck.metric import REGISTRY, nearest
    from sumcheck.summarize.errors import ConfigError

    names = [n.strip() for n in (text or ",".join(DEFAULT_SCORE_METRICS)).split(",") if n.strip()]
    for name in names:
        if name not in REGISTRY:
            hint = nearest(name, sorted(REGISTRY))
            raise ConfigError(f"--metrics: unknown metric {name!r}" + (f"; did you mean {hint!r}?" if hint else f"; known: {', '.join(sorted(REGISTRY))}"))
    return {n: {} for n in names}


def read_metric_settings(path: str | Path, names: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """The metrics and their settings from a YAML file: a mapping of metric name to settings, or a run
    config's ``metrics:`` section (``{metrics: {faithfulness: {backend: nli, model: ...}}}``).

    ``names`` (from ``--metrics``): when given, exactly those metrics are scored, each taking its
    settings from the file; a metric the file sets but ``names`` leaves out is an error (it would be
    silently unused). Without ``names`` the file's metrics are the ones scored. Paths inside settings
    are read as given (relative to the current directory). Raises :class:`ConfigError` with the file
    and key for a missing/unreadable file, bad YAML, an unknown metric or a bad setting.
    """
    import yaml

    from sumcheck.metric import REGISTRY, metric_class, nearest
    from sumcheck.summarize.errors import ConfigError

    file = Path(path)
    try:
        from sumcheck.config import safe_load_unique

        data = safe_load_unique(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"--metric-settings {path}: cannot read it ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"--metric-settings {path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if isinstance(data, dict) and set(data) == {"metrics"}:
        data = data["metrics"]
    if not isinstance(data, dict) or not data or not all(isinstance(v, dict) or v is None for v in data.values()):
        raise ConfigError(f"--metric-settings {path}: expected a mapping of metric name to settings, "
                          "e.g. `faithfulness: {backend: nli, model: ...}`")
    out: dict[str, dict[str, Any]] = {}
    for name, settings in data.items():
        if name not in REGISTRY:
            hint = nearest(str(name), sorted(REGISTRY))
            raise ConfigError(f"--metric-settings {path}: unknown metric {name!r}" + (f"; did you mean {hint!r}?" if hint else ""))
        try:
            metric_class(name).check_settings(settings or {})
        except ConfigError as exc:
            raise ConfigError(f"--metric-settings {path}: {name}: {exc}") from None
        out[name] = dict(settings or {})
    if names is None:
        return out
    unused = sorted(set(out) - set(names))
    if unused:
        raise ConfigError(f"--metric-settings {path} sets {', '.join(unused)}, which --metrics leaves out; add it to "
                          "--metrics or drop --metrics to score the file's metrics")
    return {n: out.get(n, {}) for n in names}


def score_input(source: str, *, out: Path, fields: Mapping[str, str] | None = None, metrics: Mapping[str, Mapping[str, Any]] | None = None,
                split: str | None = None, limit: int | None = None, system: str | None = None, max_document_chars: int = 200_000,
                resamples: int = 1000, seed: int = 12345, quiet: bool = False, report: bool = True, overwrite: bool = False,
                engine: str = "local", workers: int | None = None, ray_address: str | None = None) -> RunOutcome:
    """Score summaries the user brings (no generation) into the same run-folder layout.

    ``engine``/``workers``/``ray_address``: where the scoring runs (:func:`sumcheck.parallel.make_engine`;
    default: this machine, every core); the results and the run's identity do not depend on them.
    """
    rows = load_rows(source, fields=fields, split=split, limit=limit)
    return score_rows(rows, source=str(source), out=out, fields=fields, metrics=metrics, split=split, limit=limit, system=system,
                      max_document_chars=max_document_chars, resamples=resamples, seed=seed, quiet=quiet, report=report,
                      overwrite=overwrite, engine=engine, workers=workers, ray_address=ray_address)


def score_rows(rows: Sequence[InputRow], *, source: str, out: Path, fields: Mapping[str, str] | None = None,
               metrics: Mapping[str, Mapping[str, Any]] | None = None, split: str | None = None, limit: int | None = None,
               system: str | None = None, max_document_chars: int = 200_000, resamples: int = 1000, seed: int = 12345,
               quiet: bool = False, report: bool = True, overwrite: bool = False, engine: str = "local",
               workers: int | None = None, ray_address: str | None = None) -> RunOutcome:
    """:func:`score_input` for rows already read (``sumcheck.score`` passes in-memory tables here).

    ``source`` names the input in ``run.json`` and in error messages. Raises :class:`InputError` when
    no row has a summary, or naming the first row that has none.
    """
    from sumcheck.parallel import make_engine

    without = [r for r in rows if r.summary is None]
    if len(without) == len(rows) and not any(r.summary_column for r in rows):
        unused = sorted({k for r in rows for k in r.extra})  # (the columns read but not used: a typo shows here)
        found = f"; other columns: {', '.join(unused[:8])}{', ...' if len(unused) > 8 else ''}" if unused else ""
        raise InputError(f"{source}: no summary column (looked for summary, claim, prediction...{found}); map one with "
                         "--field summary=COLUMN (fields={'summary': COLUMN} in Python)")
    if without:
        raise InputError(f"{without[0].document.origin}: no summary (the field is missing or null); every row to score needs one")
    unnamed = [r for r in rows if not r.system]
    if system is None and unnamed and len(unnamed) < len(rows):
        # some rows name their system and this one does not: scoring it as a made-up system "input" would hide it
        raise InputError(f"{unnamed[0].document.origin}: no system (the field is missing or empty) while other rows name one; "
                         "give every row its system, or pass --system NAME when the file holds one system")
    documents = unique_documents(rows, max_document_chars)
    _warn_cut(documents, max_document_chars)
    chosen = build_metrics(metrics or {n: {} for n in DEFAULT_SCORE_METRICS})
    predictions = [Prediction(r.document.id, system or r.system or "input", r.summary or "", {"input_line": r.line}) for r in rows]
    order = [(p.doc_id, p.system) for p in predictions]
    if len(set(order)) != len(order):
        raise InputError(f"{source}: two rows give the same document and system; pass --system only when the file holds one system")
    extras = {(p.doc_id, p.system): r.extra for p, r in zip(predictions, rows) if r.extra}
    info = {"kind": "score", "input": str(source), "fields": dict(fields or {}), "metrics": {k: dict(v) for k, v in (metrics or {}).items()} or list(chosen),
            "limit": limit, "split": split, "system": system, "max_document_chars": max_document_chars,
            "statistics": {"resamples": resamples, "seed": seed}, "summaries_sha1": _summaries_hash(predictions)}
    runner = make_engine(engine, workers=workers, ray_address=ray_address)
    run = Run(out, documents=documents, info=info, quiet=quiet, scoring=_scoring(chosen), overwrite=overwrite,
              engine=runner.describe())

    def work() -> RunOutcome:
        run.add_predictions(predictions)
        try:
            scored = run.score(order, chosen, extras=extras, engine=runner)
        finally:
            runner.close()
        models = {p.system: "external" for p in predictions}
        return _finish(run, order, chosen, models, resamples=resamples, seed=seed, truncation=f"{max_document_chars}c",
                       report=report, generated=0, scored=scored)

    return _guarded(run, work)


def _warn_cut(documents, max_chars: int) -> None:
    """One console warning per run with the number of documents cut at ``max_chars`` (issue 14)."""
    cut = sum(1 for d in documents if d.meta.get("truncated_from_chars"))
    if cut:
        log.warning("%d of %d documents are longer than max_document_chars=%d and were cut; numbers and names beyond the cut "
                    "are reported as not in the checked part of the document", cut, len(documents), max_chars)


def _summaries_hash(predictions: Sequence[Prediction]) -> str:
    import hashlib

    h = hashlib.sha1()
    for p in predictions:
        h.update(f"{p.doc_id}\x1f{p.system}\x1f{p.summary}\n".encode("utf-8"))
    return h.hexdigest()
