"""The two jobs behind ``sumcheck run`` and ``sumcheck score``, built on :class:`sumcheck.pipeline.Run`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping, Sequence

from sumcheck.config import RunConfig
from sumcheck.pipeline import Run, RunOutcome, build_metrics, unique_documents, write_report_if_available
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.io import load_rows
from sumcheck.summarize.records import Prediction

log = logging.getLogger(__name__)

DEFAULT_SCORE_METRICS = ("factcheck", "rouge", "faithfulness")


def _finish(run: Run, order, metrics, models, *, resamples: int, seed: int, truncation: str, report: bool, generated: int, scored: int) -> RunOutcome:
    scores = run.finalize(order, metrics, models, resamples=resamples, seed=seed, truncation=truncation)
    if report:
        try:
            write_report_if_available(run.dir)
        except Exception as exc:  # noqa: BLE001 - the run is complete; the report can be rebuilt
            log.warning("report.html not written (%s: %s); rebuild it with `sumcheck report %s`", type(exc).__name__, exc, run.dir)
    return RunOutcome(run.dir, len(run.documents), len(order), generated, scored, scores)


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


def run_config(config: RunConfig, *, out: Path, use_cache: bool = True, quiet: bool = False, engine: str | None = None,
               workers: int | None = None, ray_address: str | None = None) -> RunOutcome:
    """Summarise the configured documents with every system, then check and score them.

    ``engine``, ``workers`` and ``ray_address`` override the config's ``engine:`` section (see
    :func:`sumcheck.parallel.make_engine`); none of them changes the results or the run's identity.
    """
    from sumcheck.parallel import make_engine
    from sumcheck.summarize.systems import build_system

    if not config.systems:
        raise InputError(f"config {config.name!r} names no systems; add one under 'systems:' or use `sumcheck score` for existing summaries")
    runner = make_engine(engine or config.engine.name, workers=workers if workers is not None else config.engine.workers,
                         ray_address=ray_address or config.engine.ray_address)
    rows = load_rows(config.data.path, fields=config.data.fields, split=config.data.split, limit=config.data.limit)
    documents = unique_documents(rows, config.data.max_document_chars)
    metrics = build_metrics(config.metrics)
    # the engine is left out of the run's identity: the same run may be resumed on another engine
    info = {"kind": "run", "config": config.model_dump(mode="json", exclude={"engine"}), "input": config.data.path}
    systems = [build_system(spec, use_cache=use_cache, progress=False) for spec in config.systems]
    models = {s.name: s.model_signature() for s in systems}
    run = Run(out, documents=documents, info=info | {"models": models}, quiet=quiet, scoring=_scoring(metrics), engine=runner.describe())
    order = [(d.id, s.name) for d in documents for s in systems]

    def work() -> RunOutcome:
        try:
            generated = runner.generate(run, systems, use_cache=use_cache) if runner.name == "ray" else run.generate(systems)
            scored = run.score(order, metrics, engine=runner)
        finally:
            runner.close()
        return _finish(run, order, metrics, models, resamples=config.statistics.resamples, seed=config.statistics.seed,
                       truncation=f"{config.data.max_document_chars}c", report=config.report, generated=generated, scored=scored)

    return _guarded(run, work)


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


def score_input(source: str, *, out: Path, fields: Mapping[str, str] | None = None, metrics: Mapping[str, Mapping[str, Any]] | None = None,
                split: str | None = None, limit: int | None = None, system: str | None = None, max_document_chars: int = 200_000,
                resamples: int = 1000, seed: int = 12345, quiet: bool = False, report: bool = True, engine: str = "local",
                workers: int | None = None, ray_address: str | None = None) -> RunOutcome:
    """Score summaries the user brings (no generation) into the same run-folder layout.

    ``engine``/``workers``/``ray_address``: where the scoring runs (:func:`sumcheck.parallel.make_engine`;
    default: this machine, every core); the results and the run's identity do not depend on them.
    """
    from sumcheck.parallel import make_engine

    runner = make_engine(engine, workers=workers, ray_address=ray_address)
    rows = load_rows(source, fields=fields, split=split, limit=limit)
    without = [r.line for r in rows if r.summary is None]
    if without:
        raise InputError(f"{source}: no summary column (looked for summary, claim, prediction...); map one with --field summary=COLUMN")
    documents = unique_documents(rows, max_document_chars)
    chosen = build_metrics(metrics or {n: {} for n in DEFAULT_SCORE_METRICS})
    predictions = [Prediction(r.document.id, system or r.system or "input", r.summary or "", {"input_line": r.line}) for r in rows]
    order = [(p.doc_id, p.system) for p in predictions]
    if len(set(order)) != len(order):
        raise InputError(f"{source}: two rows give the same document and system; pass --system only when the file holds one system")
    extras = {(p.doc_id, p.system): r.extra for p, r in zip(predictions, rows) if r.extra}
    info = {"kind": "score", "input": str(source), "fields": dict(fields or {}), "metrics": {k: dict(v) for k, v in (metrics or {}).items()} or list(chosen),
            "limit": limit, "split": split, "system": system, "max_document_chars": max_document_chars,
            "statistics": {"resamples": resamples, "seed": seed}, "summaries_sha1": _summaries_hash(predictions)}
    run = Run(out, documents=documents, info=info, quiet=quiet, scoring=_scoring(chosen), engine=runner.describe())

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


def _summaries_hash(predictions: Sequence[Prediction]) -> str:
    import hashlib

    h = hashlib.sha1()
    for p in predictions:
        h.update(f"{p.doc_id}\x1f{p.system}\x1f{p.summary}\n".encode("utf-8"))
    return h.hexdigest()
