"""``--engine ray``: scoring as Ray Data ``map_batches`` over an actor pool; the run folder stays on the driver.

What runs where:

* The **driver** (the ``sumcheck`` process) owns the run folder exactly as with the local engine: it
  cuts the pairs still to score into blocks, and appends each finished block to
  ``results.partial.jsonl`` (one ``fsync``) as it arrives, in completion order. Killing the driver
  loses at most the blocks in flight; running the command again scores only the missing pairs.
* Each **actor** of the pool (``workers`` of them, one CPU each) rebuilds the run's metrics from their
  class and settings once, so spaCy, MiniLM or an NLI model is loaded once per actor and reused for
  every block it scores. A block is scored by :func:`sumcheck.parallel.score_block`, the function the
  local engine uses, so the rows are the same.
* Generation (``sumcheck run``) runs on actors that each hold a system's model (one GPU per actor
  where the cluster has GPUs), through ``ray.util.ActorPool.map_unordered`` over blocks of documents;
  finished blocks are appended to ``predictions.jsonl`` at the driver as they arrive.
* An actor that dies mid-block is restarted by Ray and the block is retried (Ray Data gives pool actors
  ``max_restarts=-1`` and ``max_task_retries=-1``); a block's rows reach the driver once, so nothing is
  lost or doubled.

Why Ray Data and ``iter_batches``: the dataset is one Ray block per sumcheck block and
``iter_batches(batch_size=None)`` hands the driver each output block as soon as it exists (with
``preserve_order`` off, in completion order), which is exactly the incremental append the run folder
needs; no result waits for the whole dataset.

``address``: ``None`` joins the Ray instance this process already started, else the one named by
``RAY_ADDRESS`` or the latest local one, else starts a local instance (bound to 127.0.0.1, no
dashboard); ``"auto"`` or ``"ray://host:10001"`` joins an existing cluster.
"""

from __future__ import annotations

import contextlib
import json
import logging
import pickle
from typing import Any, Iterator, Mapping, Sequence

from sumcheck.metric import Metric
from sumcheck.parallel import Block, BlockResult, available_cores, build_from_specs, limit_threads, metric_specs, resolve_workers, score_block

log = logging.getLogger(__name__)


class _BlockScorer:
    """The Ray Data UDF: one instance per actor, holding that actor's metrics (models load once)."""

    def __init__(self, specs: Sequence[tuple[str, type[Metric], Mapping[str, Any]]], threads: int) -> None:
        limit_threads(threads)
        self.metrics = build_from_specs(specs)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        from sumcheck.summarize.errors import SumcheckError

        out_index, out_rows, out_timings, out_errors = [], [], [], []
        for index, payload in zip(batch["index"], batch["pairs"]):
            try:
                rows, timings = score_block(pickle.loads(payload), self.metrics)
                error = ""
            except SumcheckError as exc:  # a user mistake (a checker's labels...): sent back typed, raised at the driver
                rows, timings, error = [], {}, _portable(exc)
            out_index.append(int(index))
            out_rows.append(json.dumps(rows, ensure_ascii=False))
            out_timings.append(json.dumps(timings))
            out_errors.append(error)
        return {"index": out_index, "rows": out_rows, "timings": out_timings, "error": out_errors}


def _portable(exc: Exception) -> str:
    """``exc`` pickled (hex) so the driver can raise it; an error class that does not survive the
    round trip (constructor arguments other than the message) travels as its nearest sumcheck base
    class with the same one-line text, keeping the CLI's exit code."""
    from sumcheck.summarize.errors import ConfigError, InputError, ModelNotAvailableError, SumcheckError

    try:
        data = pickle.dumps(exc)
        pickle.loads(data)  # noqa: S301 - our own exception, checked before it travels
        return data.hex()
    except Exception:  # noqa: BLE001 - any pickling trouble: fall back to the base class
        base = next(c for c in (ModelNotAvailableError, InputError, ConfigError, SumcheckError) if isinstance(exc, c))
        return pickle.dumps(base(str(exc))).hex()


class RayEngine:
    """Scores blocks of pairs on a Ray cluster (see the module docstring).

    :param workers: actors in the pool (default: the cluster's CPUs, at most one per block).
    :param address: Ray address to join (default: start or join a local instance).
    """

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        self.requested = None if workers in (None, 0) else resolve_workers(workers)
        self.address = address
        self._started_here = False  # True when connect() started the Ray instance (close() stops it)

    def describe(self) -> dict[str, Any]:
        return {"engine": "ray", "workers": self.requested or "all", "address": self.address or "local"}

    # -- cluster ------------------------------------------------------------------------------
    def connect(self) -> Any:
        import ray

        if not ray.is_initialized():
            if self.address:
                check_reachable(self.address)
                try:
                    ray.init(address=self.address, include_dashboard=False, log_to_driver=False)
                except ConnectionError as exc:
                    from sumcheck.parallel import EngineNotAvailableError

                    raise EngineNotAvailableError(
                        f"--ray-address {self.address}: no running Ray instance found ({str(exc).splitlines()[0]}); start "
                        "one with `ray start --head`, or leave --ray-address out to start a local one") from None
            else:
                # join RAY_ADDRESS or the latest local instance if there is one, else start one on 127.0.0.1
                try:
                    ray.init(address="auto", include_dashboard=False, log_to_driver=False)
                except (ConnectionError, RuntimeError):
                    ray.init(include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
                    self._started_here = True
        return ray

    def close(self) -> None:
        """Stop the local Ray instance if this engine started it (its actors and their models with it);
        a joined cluster, or one the caller started, is left running."""
        if self._started_here:
            import ray

            ray.shutdown()
            self._started_here = False

    def _pool_size(self, ray: Any, n_blocks: int) -> int:
        cpus = int(ray.cluster_resources().get("CPU", 1)) or 1
        return max(1, min(self.requested or cpus, n_blocks))

    # -- generation ---------------------------------------------------------------------------
    def generate(self, run: Any, systems: Sequence[Any], *, use_cache: bool = True) -> int:
        """Generation on actors that hold a model (see :func:`generate_on_ray`)."""
        return generate_on_ray(self, run, systems, use_cache=use_cache)

    # -- scoring ------------------------------------------------------------------------------
    def map_blocks(self, blocks: Sequence[Block], metrics: Mapping[str, Metric]) -> Iterator[BlockResult]:
        """Yield ``(block index, rows, metric seconds)`` for every block as it finishes on the cluster."""
        if not blocks:
            return
        ray = self.connect()
        from ray.data import ActorPoolStrategy

        size = self._pool_size(ray, len(blocks))
        # threads per actor: the node's cores shared by the actors placed on it (never more than one
        # thread per core; on a one-node cluster this is the local engine's rule)
        threads = max(1, available_cores() // size) if not self.address else 1
        items = [{"index": i, "pairs": pickle.dumps(list(block))} for i, block in enumerate(blocks)]
        ds = ray.data.from_items(items, override_num_blocks=len(items))
        # this dataset's own context (a copy): completion order, no progress bars; global state untouched
        ds.context.execution_options.preserve_order = False
        ds.context.enable_progress_bars = False
        ds = ds.map_batches(
            _BlockScorer,
            fn_constructor_kwargs={"specs": metric_specs(metrics), "threads": threads},  # cloudpickled by Ray
            batch_size=1,
            compute=ActorPoolStrategy(size=size),
            num_cpus=1,
            batch_format="numpy",
        )
        with _user_errors():
            for batch in ds.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=0):
                for index, rows, timings, error in zip(batch["index"], batch["rows"], batch["timings"], batch["error"]):
                    if str(error):
                        raise pickle.loads(bytes.fromhex(str(error)))  # noqa: S301 - our own actor's exception
                    yield int(index), json.loads(str(rows)), json.loads(str(timings))


class _Generator:
    """A Ray actor holding one summarization system (its model loaded once, on the actor's GPU when
    the actor was given one)."""

    def __init__(self, spec: Any, use_cache: bool) -> None:
        from sumcheck.summarize.systems import build_system

        self.system = build_system(spec, use_cache=use_cache, progress=False)

    def generate(self, documents: list[Any]) -> list[Any]:
        return list(self.system.generate(documents))


def _needs_gpu(spec: Any) -> bool:
    return getattr(spec, "type", None) in ("seq2seq", "causal")


def generate_on_ray(engine: RayEngine, run: Any, systems: Sequence[Any], *, use_cache: bool = True, block_size: int = 8) -> int:
    """Summarise the documents each system has not summarised yet on a pool of actors per system.

    Each actor builds the system from its spec once (``num_gpus=1`` per actor for model-based systems
    when the cluster has GPUs). Blocks of ``block_size`` documents go out with
    ``ray.util.ActorPool.map_unordered``; each finished block is appended to ``predictions.jsonl`` at
    the driver (one ``fsync``) as it arrives, so a killed run keeps every finished block. Actors are
    restarted and their calls retried if a worker dies. Returns how many summaries were made.
    """
    import time

    ray = engine.connect()
    from ray.util import ActorPool

    gpus = ray.cluster_resources().get("GPU", 0) > 0
    made = 0
    for system in systems:
        todo = run.todo_for(system.name)
        if not todo:
            continue
        t0 = time.perf_counter()
        blocks = [todo[i:i + block_size] for i in range(0, len(todo), block_size)]
        size = engine._pool_size(ray, len(blocks))
        options = {"num_cpus": 1, "max_restarts": -1, "max_task_retries": -1}
        if gpus and _needs_gpu(system.spec):
            options["num_gpus"] = 1
        actor_cls = ray.remote(**options)(_Generator)
        actors = [actor_cls.remote(system.spec, use_cache) for _ in range(size)]
        try:
            pool = ActorPool(actors)
            with _user_errors():
                for preds in pool.map_unordered(lambda actor, block: actor.generate.remote(block), blocks):
                    run.add_predictions(preds)
                    made += len(preds)
        finally:
            for actor in actors:
                ray.kill(actor)
            run.timings[f"generate:{system.name}"] = run.timings.get(f"generate:{system.name}", 0.0) + time.perf_counter() - t0
    return made


@contextlib.contextmanager
def _user_errors():
    """Re-raise a sumcheck error (a bad checker setting, a model not on the node...) that a Ray task
    or actor raised as that error, not as Ray's wrapper with the remote traceback, so the CLI gives
    the same one line (and exit code) as on the local engine."""
    from sumcheck.summarize.errors import SumcheckError

    from ray.exceptions import RayError

    try:
        yield
    except Exception as exc:  # noqa: BLE001 - inspected, then re-raised unchanged when not ours
        if isinstance(exc, SumcheckError) and not isinstance(exc, RayError):
            raise
        # an actor method's error arrives as RayTaskError(<its class>), the original in .cause
        seen, todo = set(), [exc]
        while todo:
            e = todo.pop()
            if e is None or id(e) in seen:
                continue
            seen.add(id(e))
            if isinstance(e, SumcheckError) and not isinstance(e, RayError):
                raise e from None
            todo.extend([getattr(e, "cause", None), e.__cause__, e.__context__])
        raise


def check_reachable(address: str, *, timeout: float = 3.0) -> None:
    """Fail fast when nothing listens at a ``host:port`` or ``ray://host:port`` Ray address.

    ``ray.init`` retries an unreachable address for minutes; a wrong ``--ray-address`` is a user
    mistake that deserves one line at once. ``auto`` (and any address without a port) is left to Ray.
    Raises :class:`~sumcheck.parallel.EngineNotAvailableError`.

    >>> check_reachable("auto")
    """
    import socket

    from sumcheck.parallel import EngineNotAvailableError

    target = address.removeprefix("ray://")
    host, sep, port = target.rpartition(":")
    if not sep or not port.isdigit() or not host:
        return
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise EngineNotAvailableError(
            f"--ray-address {address}: nothing answers at {host}:{port} ({reason}); start the cluster "
            "(`ray start --head`) or give its address (`auto` joins the local one)") from None
