"""Scoring blocks of pairs on the cores a run is given: the local engine behind ``--workers N``.

The pipeline cuts the pairs still to score into blocks (``sumcheck.pipeline.SCORE_BATCH`` pairs) and
hands them to an engine; the engine yields each finished block, in completion order, and the driver
appends it to ``results.partial.jsonl`` with one ``fsync`` (so an interruption loses at most the
blocks in flight). Every metric scores a whole block in one worker, so the faithfulness metric reads
the fact-check rows of the same block, exactly as in one process.

* ``workers=1`` (or a single block, or only light metrics such as ROUGE): blocks are scored in this
  process, one after another.
* ``workers=N>1``: a pool of ``N`` worker processes (``fork`` on Linux: workers inherit the loaded
  code and the spaCy pipeline the driver already loaded for the signatures; ``forkserver`` when the
  workers get more than one math thread and torch is loaded, since an OpenMP pool does not survive a
  fork; ``spawn`` elsewhere). Each
  worker builds its own metric objects from the driver's (same class, same settings) for each job,
  and limits its math libraries to ``cores // N`` threads (torch, OpenMP, BLAS) so that workers x
  threads never exceeds the cores: no oversubscription. The pool outlives the job: a later job of
  the same process (``sumcheck.score`` called again, say) reuses its workers, whose models (spaCy,
  language identification, text repair: cached per process) are loaded already, so the pool's
  start-up is paid once per process, not per job. :func:`shutdown_pool` ends it (it also ends at exit).
  Workers end with their driver, even one killed with ``kill -9`` (:func:`die_with_parent`).

Results do not depend on the engine: a pair is scored in the same block, with the same metric code and
settings, whichever process scores it (``tests/test_pipeline.py`` checks equality with one core).
"""

from __future__ import annotations

import atexit
import itertools
import os
import signal
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Iterator, Mapping, Sequence

from sumcheck.metric import Metric, Pair
from sumcheck.summarize.errors import ConfigError

# Metrics that are cheap per pair (ROUGE: a compiled kernel, ~0.1 ms a pair): shipping their blocks to
# another process costs more than it saves, so a run of only these stays in one process.
LIGHT_METRICS = frozenset({"rouge"})

# Pairs per block when every metric is light: a block of ROUGE takes milliseconds, so blocks of 64 would
# spend more time in fsync than in scoring; an interruption still loses at most one block (< 1 s of work).
LIGHT_BLOCK = 2048

Block = Sequence[Pair]
BlockResult = tuple[int, list[dict[str, Any]], dict[str, float]]


def available_cores() -> int:
    """Cores this process may run on (the CPU affinity mask where the OS has one, else ``os.cpu_count``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int | None) -> int:
    """``None`` or ``0`` -> every available core; a negative number is a :class:`ConfigError`."""
    if workers is None or workers == 0:
        return available_cores()
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 0:
        raise ConfigError(f"--workers must be a positive number of processes (0: all cores), got {workers!r}")
    return workers


def block_size_for(metrics: Mapping[str, Metric], default: int) -> int:
    """``LIGHT_BLOCK`` when every metric is light (see ``LIGHT_METRICS``), else ``default``."""
    return LIGHT_BLOCK if metrics and all(name in LIGHT_METRICS for name in metrics) else default


def score_block(pairs: Block, metrics: Mapping[str, Metric]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Score one block with every metric, in ``metrics`` order; returns the rows (input order of
    ``pairs``) and the seconds each metric took. A pair with an empty document or summary gets every
    metric's unscored row with its reason."""
    rows = [{"id": p.prediction.doc_id, "system": p.prediction.system, "summary": p.prediction.summary, "values": {}} for p in pairs]
    for row, pair in zip(rows, pairs):
        if "truncated_from_chars" in pair.document.meta:
            row["document_truncated_from_chars"] = pair.document.meta["truncated_from_chars"]
    live = [i for i, p in enumerate(pairs) if p.document.text.strip() and p.prediction.summary.strip()]
    live_set = set(live)
    for i, p in enumerate(pairs):
        if i not in live_set:
            error = p.prediction.meta.get("error")  # generation failed (e.g. an API request timed out)
            reason = "empty document" if not p.document.text.strip() else f"generation failed: {error}" if error else "empty summary"
            for name, metric in metrics.items():
                rows[i][name] = {metric.headline: None, "reason": reason}
                rows[i]["values"].update(metric.item_values({}))
    upstream: dict[str, list[dict[str, Any]]] = {}
    timings: dict[str, float] = {}
    for name, metric in metrics.items():
        t0 = time.perf_counter()
        scored = metric.score([pairs[i] for i in live], upstream=upstream) if live else []
        if len(scored) != len(live):
            raise RuntimeError(f"metric {name} returned {len(scored)} rows for {len(live)} pairs")
        upstream[name] = scored
        for i, out in zip(live, scored):
            rows[i][name] = out
            rows[i]["values"].update(metric.item_values(out))
        timings[f"score:{name}"] = time.perf_counter() - t0
    return rows, timings


def metric_specs(metrics: Mapping[str, Metric]) -> list[tuple[str, type[Metric], dict[str, Any]]]:
    """What a worker needs to rebuild the driver's metrics: name, class (pickled by reference), settings."""
    return [(name, type(m), dict(m.settings)) for name, m in metrics.items()]


def build_from_specs(specs: Sequence[tuple[str, type[Metric], Mapping[str, Any]]]) -> dict[str, Metric]:
    return {name: cls(settings) for name, cls, settings in specs}


def limit_threads(threads: int) -> None:
    """Limit this (worker) process's math libraries to ``threads`` threads. Only ever called inside a
    worker process that sumcheck started, never in the user's process."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(threads)
    if "torch" in sys.modules:
        import torch

        torch.set_num_threads(threads)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass


# -- worker side of the process pool ---------------------------------------------------------------
_WORKER_METRICS: tuple[int, dict[str, Metric]] | None = None  # (job, that job's metric objects)
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_PARENT_SECONDS = 1.0  # how often a worker's watchdog looks for its driver


def die_with_parent(driver: int) -> None:
    """Make this (worker) process end when its driver ``driver`` (a pid) ends, however it ends (``kill -9``
    included), so that no worker lives on under PID 1 holding memory and the run's files.

    Two mechanisms: on Linux the kernel's parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``
    through ctypes: the worker is killed the moment its parent exits; with ``forkserver`` the parent
    is the fork server, which itself exits when the driver does); everywhere, a daemon thread that
    every :data:`WATCH_PARENT_SECONDS` checks that the parent is unchanged (``os.getppid()``) and the
    driver alive, and ends the process (``os._exit``) otherwise. A driver already gone when this
    runs ends the worker at once."""
    import threading

    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the watchdog alone
            pass
    if not _driver_alive(parent, driver):  # died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_PARENT_SECONDS)
            if not _driver_alive(parent, driver):
                os._exit(1)

    threading.Thread(target=watch, name="sumcheck-watch-driver", daemon=True).start()


def _driver_alive(parent: int, driver: int) -> bool:
    if os.getppid() != parent:  # re-parented: the parent is gone
        return False
    try:
        os.kill(driver, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a pid reused by another user's process: the driver is gone
        return False
    return True


def _worker_init(threads: int, driver: int | None = None) -> None:
    # Ctrl-C reaches the whole process group: the driver handles it (and stops the workers); a worker
    # that also raised would print its traceback, and one interrupted mid-shutdown could hang the exit.
    # SIGTERM gets its default action back (a forked worker inherits the CLI's "raise KeyboardInterrupt").
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if driver is not None:
        die_with_parent(driver)
    from sumcheck.summarize import redact

    redact.protect_process()  # a spawned worker's own logging and stderr mask API keys too
    limit_threads(threads)


def _worker_score(index: int, pairs: Block, job: int, specs: Sequence[tuple[str, type[Metric], Mapping[str, Any]]]) -> BlockResult:
    global _WORKER_METRICS
    # fresh metric objects per job, as in one process (a metric's own state, such as a cache of
    # embedded sources, never carries from one job into another); what the metrics load through
    # per-process caches (spaCy, language identification) is loaded once per worker
    if _WORKER_METRICS is None or _WORKER_METRICS[0] != job:
        _WORKER_METRICS = (job, build_from_specs(specs))
    rows, timings = score_block(pairs, _WORKER_METRICS[1])
    return index, rows, timings


# -- driver side: one pool per process, kept between jobs ---------------------------------------------
_POOL: tuple[tuple[int, int, str], ProcessPoolExecutor] | None = None  # ((processes, threads, start method), pool)
_JOBS = itertools.count(1)


def _shared_pool(procs: int, threads: int, method: str) -> ProcessPoolExecutor:
    """The process's pool for ``procs`` workers of ``threads`` math threads started by ``method``:
    the one a previous job left when it has that shape, else a new one (the old one is shut down)."""
    global _POOL
    import multiprocessing as mp

    key = (procs, threads, method)
    if _POOL is not None and _POOL[0] == key and not getattr(_POOL[1], "_broken", False) \
            and not getattr(_POOL[1], "_shutdown_thread", False):
        return _POOL[1]
    shutdown_pool()
    pool = ProcessPoolExecutor(max_workers=procs, mp_context=mp.get_context(method), initializer=_worker_init,
                               initargs=(threads, os.getpid()))
    _POOL = (key, pool)
    return pool


def shutdown_pool() -> None:
    """Stop the worker processes kept for the next job, if any (waits for them to exit). Called at
    exit; call it to free the workers' memory in a long-lived process that will not score again."""
    global _POOL
    if _POOL is not None:
        _, pool = _POOL
        _POOL = None
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pool)


class LocalEngine:
    """Scores blocks in this process (``workers=1``) or in a pool of worker processes.

    :param workers: processes to use; ``None``/``0`` means every available core.
    :raises ConfigError: ``workers`` is negative or more than the cores this process may use (each
        worker loads every model, so more workers than cores only multiplies memory).
    """

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = resolve_workers(workers)
        cores = available_cores()
        if self.workers > cores:
            raise ConfigError(f"--workers {self.workers} is more than the {cores} core(s) this process may use: each worker "
                              f"loads every model, so use at most {cores} (or --engine ray to spread over more machines)")

    def describe(self) -> dict[str, Any]:
        return {"engine": "local", "workers": self.workers}

    def close(self) -> None:
        """Nothing to release per job: the worker pool is kept for the process's next job (see
        :func:`shutdown_pool`)."""

    def processes_for(self, n_blocks: int, metrics: Mapping[str, Metric]) -> int:
        """How many processes a job of ``n_blocks`` blocks gets: 1 when parallelism cannot pay."""
        if all(name in LIGHT_METRICS for name in metrics):
            return 1
        return max(1, min(self.workers, n_blocks))

    def map_blocks(self, blocks: Sequence[Block], metrics: Mapping[str, Metric]) -> Iterator[BlockResult]:
        """Yield ``(block index, rows, metric seconds)`` for every block, in completion order."""
        procs = self.processes_for(len(blocks), metrics)
        if procs == 1:
            for i, block in enumerate(blocks):
                rows, timings = score_block(block, metrics)
                yield i, rows, timings
            return
        yield from self._pool(blocks, metrics, procs)

    def _pool(self, blocks: Sequence[Block], metrics: Mapping[str, Metric], procs: int) -> Iterator[BlockResult]:
        threads = max(1, available_cores() // procs)
        # fork is cheap (workers inherit loaded code and spaCy), but an OpenMP thread pool the driver
        # may have used (torch, e.g. generation in `sumcheck run`) does not survive a fork: a forked
        # worker is safe only if it stays on one math thread. Otherwise workers start from a clean
        # forkserver process.
        if not sys.platform.startswith("linux"):
            method = "spawn"
        elif threads == 1 or "torch" not in sys.modules:
            method = "fork"
        else:
            method = "forkserver"
        pending: set[Future[BlockResult]] = set()
        todo = iter(enumerate(blocks))
        pool = _shared_pool(procs, threads, method)
        job, specs = next(_JOBS), metric_specs(metrics)
        finished = False
        try:
            while True:
                while len(pending) < 2 * procs:  # bounded: a few blocks in flight per worker
                    nxt = next(todo, None)
                    if nxt is None:
                        break
                    pending.add(pool.submit(_worker_score, nxt[0], nxt[1], job, specs))
                if not pending:
                    finished = True
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
        finally:
            if not finished:  # interrupted, a failed block, or the caller stopped early: nothing in flight is wanted
                _stop_pool(pool)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` now: its workers are killed rather than waited for, so a second Ctrl-C cannot
    find the pool half shut down (the process then waited forever on a worker at exit), and no
    worker outlives the run. Blocks in flight are lost; the run folder has every block scored before.
    The next job starts a new pool."""
    global _POOL
    if _POOL is not None and _POOL[1] is pool:
        _POOL = None
    processes = list((getattr(pool, "_processes", None) or {}).values())  # 3.11-3.13 have no public way to reach them
    for process in processes:
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)


ENGINES = ("local", "ray")
RAY_INSTALL_HINT = "--engine ray needs Ray, which is not installed; install it with: pip install 'sumcheck[ray]'"


class EngineNotAvailableError(ConfigError):
    """The chosen engine's optional dependency is not installed (the message says how to install it)."""


def make_engine(name: str = "local", *, workers: int | None = None, ray_address: str | None = None) -> Any:
    """The engine a run scores with: ``local`` (this machine, ``workers`` processes) or ``ray``
    (actor pools on a Ray cluster at ``ray_address``; default: start or join a local instance).

    Raises :class:`ConfigError` for an unknown name or a bad worker count, and
    :class:`EngineNotAvailableError` when ``ray`` is chosen but not installed.
    """
    if name not in ENGINES:
        raise ConfigError(f"--engine must be one of {', '.join(ENGINES)}, got {name!r}")
    if ray_address is not None and name != "ray":
        raise ConfigError("--ray-address is only used with --engine ray")
    if name == "local":
        return LocalEngine(workers)
    import importlib.util

    try:
        found = importlib.util.find_spec("ray") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise EngineNotAvailableError(RAY_INSTALL_HINT)
    from sumcheck.engine_ray import RayEngine

    return RayEngine(workers=workers, address=ray_address)
