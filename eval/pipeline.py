"""Runs: documents -> summaries -> checks and scores -> a run folder that survives interruption.

``run_config`` generates with the configured systems and then scores; ``score_input`` scores
summaries that the user brings. Both go through :class:`Run`, which owns the run folder:

1. ``run.json`` is written first (status ``running``) with a fingerprint of the resolved config and
   data; a folder holding a different run is refused, the same run is resumed.
2. Each summary is appended to ``predictions.jsonl`` as it is made; a resumed run skips those.
3. Pairs are scored in batches, each batch appended to ``results.partial.jsonl``; a resumed run skips
   pairs already scored.
4. ``results.jsonl`` (input order), ``scores.json`` (means, bootstrap intervals, signatures) and the
   final ``run.json`` are written atomically; then the report.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from sumcheck import __version__
from sumcheck.metric import Metric, Pair, build_metric
from sumcheck.provenance import data_hash, fingerprint, in_order_data_hash, session, session_history, signature
from sumcheck.runfolder import (
    DOCUMENTS, LOCK, PARTIAL, PREDICTIONS, RESULTS, RUN_JSON, SCORES, AppendLog, RunFolderLock, atomic_write_json,
    atomic_write_jsonl, atomic_write_text, encode_row, read_jsonl, read_jsonl_lines,
)
from sumcheck.stats import bootstrap_mean
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.io import InputRow
from sumcheck.summarize.records import Document, Prediction

log = logging.getLogger(__name__)

METRIC_ORDER = ("factcheck", "rouge", "faithfulness")  # faithfulness reads the fact-check rows
SCORE_BATCH = 64


def document_blocks(keys: Sequence[tuple[str, str]], size: int) -> list[list[tuple[str, str]]]:
    """Cut ``(document, system)`` keys, each document's keys adjacent, into blocks of at most ``size``
    keys that never split a document (a document with more than ``size`` pairs is a block of its own).
    The pipeline passes a key per distinct source *text*, so documents with the same text count as one.

    So every pair of a document is scored in one call of each metric, whichever engine and however
    many workers: a source is analysed and embedded once, in the same company, and a result does not
    depend on how blocks were spread over processes (MiniLM in bfloat16 gives 1e-4 differences when a
    text is encoded in another batch).

    >>> document_blocks([("a", "x"), ("a", "y"), ("b", "x"), ("c", "x"), ("c", "y"), ("c", "z")], 3)
    [[('a', 'x'), ('a', 'y'), ('b', 'x')], [('c', 'x'), ('c', 'y'), ('c', 'z')]]
    >>> document_blocks([("a", "x"), ("b", "x"), ("b", "y"), ("b", "z")], 2)
    [[('a', 'x')], [('b', 'x'), ('b', 'y'), ('b', 'z')]]
    """
    blocks: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    i = 0
    while i < len(keys):
        j = i
        while j < len(keys) and keys[j][0] == keys[i][0]:
            j += 1
        group = list(keys[i:j])
        if current and len(current) + len(group) > size:
            blocks.append(current)
            current = []
        current.extend(group)
        i = j
    if current:
        blocks.append(current)
    return blocks


@dataclass(frozen=True)
class RunOutcome:
    run_dir: Path
    n_documents: int
    n_rows: int
    generated: int  # summaries made in this session: by the models or taken from the summary cache
    scored: int
    scores: Mapping[str, Any]
    from_cache: int = 0  # of ``generated``, how many came from the summary cache
    failed: int = 0  # rows whose summary could not be generated (API errors after retries); asked again on resume
    truncated: int = 0  # rows whose completion stopped at the token limit (meta.completion_truncated)
    # per system: (rows, failed generations) of the systems that generate (empty for `score`)
    generation: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    # what this process wrote into the run folder's files, by file name (Run.contents); None: read run_dir
    files: Mapping[str, Any] | None = dataclasses.field(default=None, repr=False, compare=False)

    def systems_without_output(self) -> list[str]:
        """The systems every generation of which failed: they produced nothing to score."""
        return [name for name, (rows, failed) in self.generation.items() if rows and failed == rows]


def truncate_document(doc: Document, max_chars: int) -> Document:
    """Cut an over-long document at the last whitespace before ``max_chars`` and record the cut."""
    if len(doc.text) <= max_chars:
        return doc
    cut = doc.text.rfind(" ", 0, max_chars)
    cut = cut if cut > max_chars // 2 else max_chars  # no space in the second half: cut mid-word
    meta = dict(doc.meta) | {"truncated_from_chars": len(doc.text)}
    return Document(id=doc.id, text=doc.text[:cut], references=doc.references, meta=meta, origin=doc.origin)


def unique_documents(rows: Sequence[InputRow], max_chars: int) -> list[Document]:
    """The documents of ``rows`` in first-seen order.

    One id naming two different texts, or two different non-empty sets of references, is an
    :class:`InputError` (every system's summary of a document is scored against the same
    references). A row without references takes those another row of the same id gives."""
    docs: dict[str, Document] = {}
    first_line: dict[str, str] = {}
    refs_line: dict[str, str] = {}
    for row in rows:
        doc = row.document
        if doc.id in docs:
            if docs[doc.id].text != truncate_document(doc, max_chars).text:
                raise InputError(f"id {doc.id!r} names two different documents ({first_line[doc.id]} and {doc.origin})")
            known = docs[doc.id].references
            if doc.references and known and tuple(doc.references) != tuple(known):
                raise InputError(f"id {doc.id!r} has two different references ({refs_line[doc.id]} and {doc.origin}); "
                                 "give every row of a document the same reference(s), or a list of all of them on each")
            if doc.references and not known:
                docs[doc.id] = dataclasses.replace(docs[doc.id], references=doc.references)
                refs_line[doc.id] = doc.origin
            continue
        docs[doc.id] = truncate_document(doc, max_chars)
        first_line[doc.id] = refs_line[doc.id] = doc.origin
    return list(docs.values())


def _progress(total: int, desc: str, quiet: bool, unit: str = "doc"):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, disable=quiet, leave=False, dynamic_ncols=True)


class Run:
    """One run folder being written. See the module docstring for the order of events."""

    def __init__(self, run_dir: Path, *, documents: list[Document], info: Mapping[str, Any], quiet: bool = False,
                 scoring: Mapping[str, Any] | None = None, overwrite: bool = False,
                 engine: Mapping[str, Any] | None = None) -> None:
        self.dir = run_dir
        self.documents = documents
        self.by_id = {d.id: d for d in documents}
        self.quiet = quiet
        self.data_sha1 = data_hash(documents)
        # the input path as typed is left out: `data.jsonl` and `./data.jsonl` are the same run
        identity = {k: v for k, v in info.items() if k != "input"}
        self.identity = identity
        self.fingerprint = fingerprint({"info": identity, "data": self.data_sha1, "version": __version__})
        self.overwrite = overwrite
        self.from_cache = 0
        self.retried: set[tuple[str, str]] = set()  # rows whose earlier generation failed, asked again this session
        self.info = dict(info)
        # what the metrics' code and calibration would sign: when it changes under a kept run, the
        # summaries stay and only the scoring is redone (generation is kept apart from scoring)
        self.scoring = dict(scoring or {})
        self.scoring_fingerprint = fingerprint(self.scoring)
        # where this session scores (recorded in run.json and scores.json, never in the fingerprint)
        self.engine = dict(engine or {"engine": "local", "workers": 1})
        self.timings: dict[str, float] = {}
        self.started = time.time()
        self._predictions: dict[tuple[str, str], Prediction] | None = None
        # results.partial.jsonl as rows and their stored lines, by (id, system): read once (a resumed
        # run's earlier rows), then kept up to date with every block appended; finalize writes from it
        self._partial: dict[tuple[str, str], tuple[dict[str, Any], str]] | None = None
        self._run_json: dict[str, Any] = {}  # the last run.json written
        self._results: list[dict[str, Any]] | None = None  # results.jsonl's rows, once finalize wrote it
        self._scores: dict[str, Any] | None = None
        self._open()

    # -- folder ---------------------------------------------------------------------------
    def _open(self) -> None:
        existing = self.dir / RUN_JSON
        if self.dir.exists() and not self.dir.is_dir():
            raise InputError(f"--out {self.dir}: a file is in the way of the run folder")
        if not existing.exists() and self.dir.is_dir() and any(p.name != LOCK for p in self.dir.iterdir()):
            raise InputError(f"--out {self.dir}: the folder is not empty and holds no sumcheck run; choose a new or empty folder")
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"--out {self.dir}: cannot create the run folder ({exc.strerror})") from None
        # one writer per run folder: a second process on the same --out is refused here, naming the holder
        self._lock = RunFolderLock(self.dir).acquire()
        try:
            self._open_locked(existing)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Release the run folder's writer lock (also dropped by the kernel when the process ends)."""
        lock = getattr(self, "_lock", None)
        if lock is not None:
            lock.release()
            self._lock = None

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open_locked(self, existing: Path) -> None:
        if self.overwrite and existing.exists():  # only ever a sumcheck run folder: it holds run.json
            import shutil

            log.info("--overwrite: deleting the run in %s", self.dir)
            for child in self.dir.iterdir():  # the lock file stays: this process holds it
                if child.name == LOCK:
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        self.resumed, old = False, None
        if existing.exists():
            from sumcheck.runfolder import load_run_json

            old = load_run_json(self.dir)
            if old.get("fingerprint") != self.fingerprint:
                raise InputError(f"{self.dir} holds a different run; what differs: {self._what_differs(old)}; choose "
                                 "another --out, or pass --overwrite (overwrite=True in Python) to delete the old run")
            self.resumed = True
            # time spent by earlier sessions of this run still counts
            self.timings = {k: float(v) for k, v in (old.get("timings") or {}).items() if k != "total"}
            self.started = float(old.get("started") or self.started)
            log.info("resuming the run in %s", self.dir)
            self._set_aside_stale_scores(str(old.get("scoring_fingerprint", "")))
        # one entry per session (version, commit, packages): a resumed run keeps the earlier ones
        self.sessions = session_history(old, session(started=time.time()))
        self._write_run_json("running")
        if not (self.dir / DOCUMENTS).exists() or not self.resumed:
            atomic_write_jsonl(self.dir / DOCUMENTS, (d.to_json() for d in self.documents))

    def _what_differs(self, old: Mapping[str, Any]) -> str:
        """What differs between the run in the folder and this one: config keys, documents, summaries, version.

        ``config.systems, config.metrics, the documents (data sha1 3114347b there, 2e520aff here)``.
        """
        import json

        new = json.loads(json.dumps(self.identity))
        parts = []
        for key in sorted(set(new) | {k for k in old if k in ("kind", "config", "fields", "metrics", "summaries_sha1")}):
            if old.get(key) == new.get(key):
                continue
            if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):  # name the keys inside
                parts += [f"{key}.{k}" for k in sorted(set(old[key]) | set(new[key]), key=str) if old[key].get(k) != new[key].get(k)]
            elif key == "summaries_sha1":
                parts.append("the summaries")
            elif key == "kind":
                parts.append(f"the command (`sumcheck {old.get(key)}` there, `sumcheck {new.get(key)}` here)")
            else:
                parts.append(f"{key} ({old.get(key)!r} there, {new.get(key)!r} here)")
        if old.get("data_sha1") != self.data_sha1:
            if old.get("data_sha1") == in_order_data_hash(self.documents):
                parts.append("the data hash's scheme only (the same documents: the folder was written by a sumcheck whose "
                             "data hash depended on row order; --overwrite starts it again)")
            else:
                parts.append(f"the documents (data sha1 {str(old.get('data_sha1'))[:8]} there, {self.data_sha1[:8]} here)")
        if old.get("sumcheck_version") != __version__:
            parts.append(f"the sumcheck version ({old.get('sumcheck_version')} there, {__version__} here)")
        return ", ".join(parts) or "its fingerprint"

    def _set_aside_stale_scores(self, old_scoring: str) -> None:
        """Scores made by other metric code or calibration are moved aside (kept, not deleted)."""
        partial = self.dir / PARTIAL
        if old_scoring == self.scoring_fingerprint or not partial.exists():
            return
        aside = self.dir / f"results.partial.stale-{old_scoring[:8] or 'unknown'}.jsonl"
        partial.replace(aside)
        log.warning("the metrics changed since %s was scored; re-scoring the kept summaries (earlier scores kept in %s)", self.dir, aside.name)

    def _write_run_json(self, status: str, **extra: Any) -> None:
        payload = {
            "sumcheck_version": __version__, "status": status, "fingerprint": self.fingerprint,
            "scoring_fingerprint": self.scoring_fingerprint, "metric_settings": self.scoring,
            "data_sha1": self.data_sha1, "n_documents": len(self.documents),
            **self.info, "packages": self.sessions[-1]["packages"], "git": self.sessions[-1]["git"],
            "timings": dict(self.timings), "started": self.started, "sessions": self.sessions, "engine": self.engine, **extra,
        }
        atomic_write_json(self.dir / RUN_JSON, payload)
        self._run_json = payload

    # -- generation -------------------------------------------------------------------------
    def existing_predictions(self) -> dict[tuple[str, str], Prediction]:
        """The summaries in ``predictions.jsonl``, read once and then kept up to date in memory
        (every append goes through :meth:`generate` or :meth:`add_predictions`)."""
        if self._predictions is None:
            self._predictions = self._read_predictions()
        return self._predictions

    def _read_predictions(self) -> dict[tuple[str, str], Prediction]:
        out: dict[tuple[str, str], Prediction] = {}
        for row in read_jsonl(self.dir / PREDICTIONS, tolerate_torn_tail=True):
            try:
                p = Prediction.from_json(row)
            except (KeyError, TypeError):
                raise InputError(f"{self.dir / PREDICTIONS}: a row without id, system and summary; is this a sumcheck run folder?") from None
            out[(p.doc_id, p.system)] = p
        return out

    def todo_for(self, system: str) -> list[Document]:
        """The documents ``system`` still has to summarise: those without a summary in the run folder,
        and those whose generation failed there (an API error after retries: ``meta.error``), which
        are asked again; their new summary is appended to ``predictions.jsonl`` and replaces the
        failed one, and their rows are scored again."""
        have = self.existing_predictions()
        failed = {d.id for d in self.documents if (d.id, system) in have and have[(d.id, system)].meta.get("error")}
        if failed:
            log.warning("%s: asking again for %d summaries whose generation failed before", system, len(failed))
            self.retried.update((doc_id, system) for doc_id in failed)
        return [d for d in self.documents if (d.id, system) not in have or d.id in failed]

    def generate(self, systems: Sequence[Any]) -> int:
        """Run each system on the documents it has not summarised yet; returns how many were made."""
        have = self.existing_predictions()
        made = 0
        # each summary is written as it is made; fsync at most once a second (see AppendLog)
        with AppendLog(self.dir / PREDICTIONS, sync_interval=1.0) as sink:
            for system in systems:
                todo = self.todo_for(system.name)
                if not todo:
                    log.info("%s: all %d summaries already in the run folder", system.name, len(self.documents))
                    continue
                t0 = time.perf_counter()
                bar = _progress(len(todo), f"generate {system.name}", self.quiet)

                # progress the system reported within a batch, in documents: [reported, shown as whole]
                ahead = [0.0, 0]

                cached = [0]  # summaries of this system taken from the cache

                def persist(_i: int, pred: Prediction, bar=bar, ahead=ahead, cached=cached) -> None:  # noqa: ANN001
                    sink.append(pred.to_json())
                    have[(pred.doc_id, pred.system)] = pred
                    if pred.meta.get("cache") == "hit":  # instant: kept out of the rate, so the ETA stays sane
                        self.from_cache += 1
                        cached[0] += 1
                        bar.total -= 1
                        # the total shrinks by each summary taken from the cache; the note says why (a trial: a bar
                        # going 0/7, 0/6, ... read as lost work)
                        bar.set_postfix_str(f"{cached[0]} from the cache", refresh=False)
                        bar.refresh()
                    elif ahead[1] > 0:  # already counted while its batch ran
                        ahead[0] -= 1
                        ahead[1] -= 1
                    else:
                        bar.update(1)

                def advanced(docs: float, bar=bar, ahead=ahead) -> None:
                    if docs == 0 and bar.n == 0:  # the model is loaded: time the ETA from here
                        bar.reset(total=bar.total)
                    ahead[0] += docs
                    whole = min(int(ahead[0] + 1e-6) - ahead[1], (bar.total or 0) - bar.n)
                    if whole > 0:
                        ahead[1] += whole
                        bar.update(whole)

                hooked = hasattr(system, "on_progress")
                if hooked:
                    system.on_progress = advanced
                try:
                    system.generate(todo, on_result=persist)
                finally:
                    bar.close()
                    if hooked:
                        system.on_progress = None
                    self.timings[f"generate:{system.name}"] = self.timings.get(f"generate:{system.name}", 0.0) + time.perf_counter() - t0
                made += len(todo)
        return made

    def add_predictions(self, predictions: Sequence[Prediction]) -> None:
        """Record summaries that came with the input (``sumcheck score``)."""
        have = self.existing_predictions()
        # a row asked again (its earlier generation failed: see todo_for) replaces the failed one
        new = [p for p in predictions if (p.doc_id, p.system) not in have or (p.doc_id, p.system) in self.retried]
        with AppendLog(self.dir / PREDICTIONS) as sink:
            sink.extend(p.to_json() for p in new)
        have.update(((p.doc_id, p.system), p) for p in new)

    # -- scoring ------------------------------------------------------------------------------
    def score(self, order: Sequence[tuple[str, str]], metrics: Mapping[str, Metric], extras: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
              *, engine: Any = None, block_size: int | None = None) -> int:
        """Score every ``(doc_id, system)`` in ``order`` not yet in the partial results.

        The pairs are cut into blocks of ``block_size`` (default: ``SCORE_BATCH``, or
        ``LIGHT_BLOCK`` when every metric is light, see :func:`sumcheck.parallel.block_size_for`) and
        scored by ``engine`` (default: this process; see :mod:`sumcheck.parallel` and
        :mod:`sumcheck.engine_ray`); each finished block is appended to ``results.partial.jsonl``
        with one ``fsync`` as it arrives. Returns how many pairs were scored.
        """
        from sumcheck.parallel import LocalEngine, block_size_for

        block_size = block_size or block_size_for(metrics, SCORE_BATCH)

        for metric in metrics.values():
            metric.note_documents(self.documents)
        preds = self.existing_predictions()
        missing = [k for k in order if k not in preds]
        if missing:
            raise InputError(f"no summary for document {missing[0][0]!r} of system {missing[0][1]!r}; the run is incomplete")
        # a partial row counts as done only for the summary it scored: a summary asked again after a failed
        # generation (this session or an interrupted earlier one) is scored again
        stored = self._stored_rows()
        done = {key for key, (r, _line) in stored.items() if key in preds and r.get("summary") == preds[key].summary}
        todo = [k for k in order if k not in done]
        # the pairs of one source text (one document, or several documents with the same text) go
        # into the same block (stable otherwise): the source is analysed and embedded once, by the
        # worker that holds the block, and the numbers do not depend on the engine or the workers
        first_seen: dict[str, int] = {}
        for doc_id, _system in todo:
            first_seen.setdefault(self.by_id[doc_id].text, len(first_seen))
        todo.sort(key=lambda key: first_seen[self.by_id[key[0]].text])
        engine = engine if engine is not None else LocalEngine(workers=1)
        cut = document_blocks([(str(first_seen[self.by_id[d].text]), s) for d, s in todo], block_size)
        at, blocks = 0, []
        for block in cut:
            blocks.append([Pair(self.by_id[d], preds[(d, s)]) for d, s in todo[at:at + len(block)]])
            at += len(block)
        bar = _progress(len(todo), "score", self.quiet, unit="pair")
        t0 = time.perf_counter()
        try:
            with AppendLog(self.dir / PARTIAL) as sink:
                for _index, rows, timings in engine.map_blocks(blocks, metrics):
                    if extras:
                        for row in rows:
                            extra = extras.get((row["id"], row["system"]))
                            if extra:
                                row["input"] = dict(extra)
                    lines = [encode_row(r) for r in rows]
                    sink.extend_encoded(lines)
                    for row, line in zip(rows, lines):
                        stored[(row["id"], row["system"])] = (row, line)
                    for key, seconds in timings.items():
                        self.timings[key] = self.timings.get(key, 0.0) + seconds
                    bar.update(len(rows))
        finally:
            bar.close()
            # the per-metric seconds above are summed over the workers; this is the phase's wall clock
            self.timings["scoring_wall"] = self.timings.get("scoring_wall", 0.0) + time.perf_counter() - t0
        return len(todo)

    # -- finishing ----------------------------------------------------------------------------
    def finalize(self, order: Sequence[tuple[str, str]], metrics: Mapping[str, Metric], models: Mapping[str, str], *, resamples: int, seed: int, truncation: str) -> dict[str, Any]:
        by_key = self._stored_rows()  # the rows scored in this process, and those of earlier sessions (read once)
        rows = [by_key[k][0] for k in order]
        atomic_write_text(self.dir / RESULTS, "".join(by_key[k][1] + "\n" for k in order))  # the stored lines, reordered
        key_fields = _value_owners(rows, metrics)
        systems: dict[str, dict[str, Any]] = {}
        signatures: dict[str, str] = {}
        per_system: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            per_system.setdefault(r["system"], []).append(r)
        draws: dict[tuple[int, int, int], Any] = {}  # resample indices by (n, resamples, seed): drawn once per size
        for system in dict.fromkeys(s for _, s in order):
            # in id order, so that the bootstrap interval, like the data hash, does not depend on the input's order
            sys_rows = sorted(per_system.get(system, ()), key=lambda r: r["id"])
            keys = sorted({k for r in sys_rows for k in r["values"]})
            entry: dict[str, Any] = {}
            for key in keys:
                est = bootstrap_mean([r["values"].get(key) for r in sys_rows], resamples=resamples, seed=seed, draws=draws)
                sig = signature(key, key_fields.get(key, {}), n=est.n, data=self.data_sha1, model=models.get(system, "external"),
                                resamples=resamples, seed=seed, version=__version__, truncation=truncation)
                entry[key] = est.to_json() | {"signature": sig}
                signatures[f"{system}/{key}"] = sig
            systems[system] = entry
        scores = {"version": 1, "n_documents": len(self.documents), "n_rows": len(rows), "engine": self.engine, "systems": systems}
        atomic_write_json(self.dir / SCORES, scores)
        self._results, self._scores = rows, scores
        self.timings["total"] = time.time() - self.started
        self._write_run_json("complete", signatures=signatures, finished=time.time())
        return scores

    def _stored_rows(self) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
        """``results.partial.jsonl`` by ``(id, system)`` (the last row of a key wins, as a re-scored row
        is appended after the one it replaces), read from disk once per process: after that,
        :meth:`score` adds each block it appends."""
        if self._partial is None:  # a new run (or one --overwrite emptied) has no earlier rows to read
            self._partial = {} if not self.resumed else {
                (r["id"], r["system"]): (r, raw.decode("utf-8")) for r, raw in read_jsonl_lines(self.dir / PARTIAL, tolerate_torn_tail=True)}
        return self._partial

    def contents(self) -> dict[str, Any] | None:
        """What this process wrote into the finished run folder, by file name, as a reader of the files
        would parse it: ``documents.jsonl``, ``predictions.jsonl``, ``results.jsonl`` (lists of rows),
        ``scores.json`` and ``run.json`` (objects). ``None`` before :meth:`finalize`, and for a resumed
        run (its files hold rows of earlier sessions that this process did not keep)."""
        if self._results is None or self._scores is None or self.resumed:
            return None
        return {
            DOCUMENTS: [d.to_json() for d in self.documents],
            PREDICTIONS: [p.to_json() for p in self.existing_predictions().values()],
            RESULTS: self._results,
            # the small files as a reader decodes them (tuples become lists, keys strings)
            SCORES: json.loads(json.dumps(self._scores, ensure_ascii=False)),
            RUN_JSON: json.loads(json.dumps(self._run_json, ensure_ascii=False)),
        }

    def mark(self, status: str, reason: str) -> None:
        """Record a failure or an interruption; what an earlier session finished stays recorded."""
        from sumcheck.runfolder import load_run_json

        try:
            old = load_run_json(self.dir)
        except InputError:
            old = {}
        keep = {k: old[k] for k in ("signatures", "finished") if k in old}
        self._write_run_json(status, reason=reason, **keep)


def _value_owners(rows: Sequence[Mapping[str, Any]], metrics: Mapping[str, Metric]) -> dict[str, dict[str, str]]:
    """Which metric's settings sign each per-item value key (from the first row each metric scored;
    when it scored none, from its first row at all: a corpus of unscored rows still carries the
    metric's settings in its signature)."""
    owners: dict[str, dict[str, str]] = {}
    for name, metric in metrics.items():
        outs = [row.get(name) for row in rows if isinstance(row.get(name), dict)]
        first = next((o for o in outs if o.get("reason") is None), outs[0] if outs else None)
        if first is not None:
            try:
                keys = list(metric.item_values(first))
            except Exception:  # noqa: BLE001 - an unscored row some metric cannot read: no keys from it
                keys = []
            fields = metric.signature_fields() if keys else {}
            for key in keys:
                owners.setdefault(key, fields)
    return owners


def build_metrics(selected: Mapping[str, Mapping[str, Any]]) -> dict[str, Metric]:
    names = sorted(selected, key=lambda n: METRIC_ORDER.index(n) if n in METRIC_ORDER else len(METRIC_ORDER))
    return {name: build_metric(name, selected[name]) for name in names}


def write_report_if_available(run_dir: Path, files: Mapping[str, Any] | None = None) -> Path | None:
    """Write ``report.html``; ``files`` (:meth:`Run.contents`) spares reading back what was just written."""
    try:
        from sumcheck.report import write_report
    except ImportError:
        log.info("report module not installed; skipping report.html")
        return None
    return write_report(run_dir, files=files)
