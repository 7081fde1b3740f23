"""``sumcheck pull [CONFIG] | --model REPO [--revision REV]``: fetch models (and a config's ``hf:`` data) into the local caches."""

from __future__ import annotations

import argparse


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser(
        "pull", help="download every model a config names (or one --model) and its hf: data into the local caches; print repo, commit, size",
        description="Fetch every model a run config names (its systems' models and a metric's checkpoint) into the local "
                    "Hugging Face cache, and its data: source when that is hf:NAME[:CONFIG][@REVISION] into the datasets "
                    "cache, so that later runs (or an air-gapped machine sharing HF_HOME) need no network. "
                    "Prints one line per model or dataset: its name, the commit it resolved to (or its checksum) and its size. "
                    "Tries everything, then lists each one it could not get (exit 3).")
    p.add_argument("config", nargs="?", default=None, help="a YAML run config or a shipped config name (default: seed)")
    p.add_argument("--model", help="one model instead of a config: a hub id (org/name), a folder, a .gguf or pip:PACKAGE")
    p.add_argument("--revision", help="with --model: branch, tag or commit (default: main, unpinned)")
    p.add_argument("--offline", action="store_true", help="download nothing: only check that every model (and the hf: data) is already cached")
    p.set_defaults(func=run)


def models_of(config) -> list[tuple[str, str, str | None]]:  # noqa: ANN001
    """``(where, model, revision)`` for every model a config names, in config order, without repeats."""
    found: list[tuple[str, str, str | None]] = []
    for i, spec in enumerate(config.systems):
        if spec.type in ("openai",):
            continue  # served elsewhere: nothing to fetch
        model = getattr(spec, "model", None)
        if model:
            found.append((f"systems[{i}] ({spec.name})", model, getattr(spec, "revision", None)))
    for name, settings in config.metrics.items():
        model = settings.get("model") if isinstance(settings, dict) else None
        if isinstance(model, str) and model:
            found.append((f"metrics.{name}", model, settings.get("revision")))
    seen, unique = set(), []
    for where, model, revision in found:
        if (model, revision) not in seen:
            seen.add((model, revision))
            unique.append((where, model, revision))
    return unique


def run(args: argparse.Namespace) -> int:
    """Fetch (or, offline, check) every model and the ``data:`` source; report every failure, not just the
    first: one stderr line each, then exit 3 (2 when a failure is a mistake in the config, such as a
    revision that does not exist)."""
    import sys

    from sumcheck.summarize.errors import InputError

    if args.offline:
        from sumcheck.cli.cmd_run import set_offline

        set_offline()
    data = None
    if args.model:
        if args.config:
            raise InputError("give a CONFIG or --model, not both")
        wanted = [("--model", args.model, args.revision)]
        source = "--model"
    else:
        if args.revision:
            raise InputError("--revision goes with --model")
        from sumcheck.config import load_config
        from sumcheck.resources import run_config_path

        config = load_config(run_config_path(args.config))
        wanted = models_of(config)
        source = config.source
        data = config.data
    failures: list[tuple[int, str]] = []  # (exit code, message)
    if data is not None:
        failure = _pull_data(data, source=source, config_arg=args.config, offline=args.offline)
        if failure:
            failures.append(failure)
    if not wanted:
        print(f"{source}: names no model to fetch (extractive and API systems need none)")
    backends = {} if args.model else {f"metrics.{n}": str(s.get("backend", "")) for n, s in config.metrics.items()
                                       if isinstance(s, dict)}
    queue = list(wanted)
    while queue:
        where, model, revision = queue.pop(0)
        failure = _pull_model(where, model, revision, source=source, single=bool(args.model),
                              progress=not args.quiet, offline=args.offline)
        if failure:
            failures.append(failure)
            continue
        # what the checkpoint names by hub id: AlignScore's backbone, HHEM's Flan-T5 foundation (tokenizer, config)
        needs = _checker_needs(backends.get(where, ""), model, revision, failures, where=where, source=source)
        for what, hub_id in needs:
            wanted.append((f"{where} ({what})", hub_id, None))
            queue.append(wanted[-1])
    for _, message in failures:
        print(f"sumcheck: error: {message}", file=sys.stderr)
    if failures:
        total = len(wanted) + (1 if data is not None and data.path.startswith("hf:") else 0)
        if total > 1:
            print(f"sumcheck: error: {len(failures)} of {total} could not be fetched; fix or fetch each of the above",
                  file=sys.stderr)
        return 2 if any(code == 2 for code, _ in failures) else 3
    return 0


def _pull_model(where: str, model: str, revision: str | None, *, source: str, single: bool, progress: bool,
                offline: bool) -> tuple[int, str] | None:
    """Resolve one model and print ``model  commit  size  status``; a failure is returned, not raised."""
    from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError
    from sumcheck.summarize.hub import RevisionNotFoundError, human_size, resolve_model

    if model.lower().endswith(".ckpt"):  # AlignScore's published checkpoint: a file given by path
        from pathlib import Path

        from sumcheck.summarize.systems.resolve import file_digest

        path = Path(model).expanduser()
        if not path.is_file():
            text = f"{model}: no such file (AlignScore's .ckpt is given by path: download it from its release)"
            return 3, text if single else f"{source}: {where}.model: {text}"
        print(f"{model}\tsha256:{file_digest(path)}\t{human_size(path.stat().st_size)}\ton disk")
        return None
    try:
        resolved = resolve_model(model, revision=revision, progress=progress, offline=True if offline else None)
    except RevisionNotFoundError as exc:
        return 2, str(exc) if single else f"{source}: {where}.revision: {exc}"
    except ModelNotAvailableError as exc:
        text = str(exc) + _offline_hint(offline)
        return 3, text if single else f"{source}: {where}.model: {text}"
    except ConfigError as exc:
        return 2, str(exc) if single else f"{source}: {where}.model: {exc}"
    size = resolved.size_bytes
    if size is None:
        size = sum(p.stat().st_size for p in resolved.path.rglob("*") if p.is_file())
    if resolved.commit:
        got = f"downloaded {human_size(resolved.downloaded_bytes)}" if resolved.downloaded_bytes else "already cached"
        named_by_checkpoint = where.endswith(("backbone)", "foundation)"))  # no `revision:` of ours can pin it
        pin = "" if resolved.pinned or named_by_checkpoint else "  (unpinned: add `revision: " + resolved.commit + "` to pin it)"
        print(f"{model}\t{resolved.commit}\t{human_size(size)}\t{got}{pin}")
    else:
        print(f"{model}\t{resolved.identity.rsplit('@', 1)[-1]}\t{human_size(size)}\ton disk")
    return None


def _checker_needs(backend: str, model: str, revision: str | None, failures: list, *, where: str,
                   source: str) -> list[tuple[str, str]]:
    """Hub repos a faithfulness checkpoint needs besides itself (read from the checkpoint once it is here)."""
    if backend not in ("alignscore", "hhem"):
        return []
    from sumcheck.faithfulness.checkers import checkpoint_needs
    from sumcheck.summarize.errors import SumcheckError

    try:
        return checkpoint_needs(backend, model, revision)
    except SumcheckError as exc:
        failures.append((3, f"{source}: {where}.model: {exc}"))
        return []


def _offline_hint(offline: bool) -> str:
    """`sumcheck pull` is the fetcher: when downloads are off, its own advice needs them back on."""
    import os

    if offline or os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return "; `sumcheck pull` itself downloads only without --offline and with HF_HUB_OFFLINE unset"
    return ""


def _pull_data(data, *, source: str, config_arg: str | None, offline: bool) -> tuple[int, str] | None:  # noqa: ANN001
    """Fetch a ``hf:`` data source into the `datasets` cache (the loader runs use: :func:`load_hf_dataset`)
    and print ``source  commit  size  split S, N rows``; a local path is only checked to exist."""
    import re
    import shlex
    from pathlib import Path

    from sumcheck.summarize.errors import InputError
    from sumcheck.summarize.hub import human_size
    from sumcheck.summarize.io import load_hf_dataset, parse_hf_source

    if not data.path.startswith("hf:"):
        if not Path(data.path).exists():
            return 2, f"{source}: data.path: {data.path}: no such file or folder"
        return None
    split = data.split or "validation"
    try:
        ds = load_hf_dataset(data.path, split)
    except InputError as exc:
        if not offline:
            return 3, f"{source}: data.path: {exc}"
        fetch = "sumcheck pull" + (f" {shlex.quote(config_arg)}" if config_arg else "")
        return 3, (f"{source}: data.path: {data.path} (split {split}) is not in the local `datasets` cache and downloads "
                   f"are off (--offline or HF_HUB_OFFLINE=1): fetch it with `{fetch}` (same HF_HOME)" + _offline_hint(offline))
    files = [Path(f["filename"]) for f in getattr(ds, "cache_files", None) or []]
    # the `datasets` cache keeps a Hub dataset under .../<config>/<version>/<commit>/
    commits = {part for f in files for part in f.parts if re.fullmatch(r"[0-9a-f]{40}", part)}
    revision = commits.pop() if len(commits) == 1 else (parse_hf_source(data.path)[2] or "unpinned")
    size = sum(f.stat().st_size for f in files if f.is_file())
    print(f"{data.path}\t{revision}\t{human_size(size)}\tsplit {split}, {len(ds)} rows")
    return None
