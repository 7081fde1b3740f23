"""``sumcheck pull [CONFIG] | --model REPO [--revision REV]``: fetch models into the local caches."""

from __future__ import annotations

import argparse


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser(
        "pull", help="download every model a config names (or one --model) into the local cache; print repo, commit, size",
        description="Fetch every model a run config names (its systems' models and a metric's checkpoint) into the local "
                    "Hugging Face cache, so that later runs (or an air-gapped machine sharing HF_HOME) need no network. "
                    "Prints one line per model: the model, the commit it resolved to (or its checksum) and its size.")
    p.add_argument("config", nargs="?", default=None, help="a YAML run config or a shipped config name (default: seed)")
    p.add_argument("--model", help="one model instead of a config: a hub id (org/name), a folder, a .gguf or pip:PACKAGE")
    p.add_argument("--revision", help="with --model: branch, tag or commit (default: main, unpinned)")
    p.add_argument("--offline", action="store_true", help="download nothing: only check that every model is already cached")
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
    from sumcheck.summarize.errors import ConfigError, InputError, ModelNotAvailableError
    from sumcheck.summarize.hub import RevisionNotFoundError, human_size, resolve_model

    if args.offline:
        from sumcheck.cli.cmd_run import set_offline

        set_offline()
    if args.model:
        if args.config:
            raise InputError("give a CONFIG or --model, not both")
        wanted = [("--model", args.model, args.revision)]
        source = "--model"
    else:
        if args.revision:
            raise InputError("--revision goes with --model")
        from sumcheck.cli.cmd_run import _config_path
        from sumcheck.config import load_config

        config = load_config(_config_path(args.config))
        wanted = models_of(config)
        source = config.source
    if not wanted:
        print(f"{source}: names no model to fetch (extractive and API systems need none)")
        return 0
    for where, model, revision in wanted:
        try:
            resolved = resolve_model(model, revision=revision, progress=not args.quiet, offline=True if args.offline else None)
        except RevisionNotFoundError as exc:
            raise ConfigError(str(exc) if args.model else f"{source}: {where}.revision: {exc}") from None
        except ModelNotAvailableError as exc:
            raise ModelNotAvailableError(str(exc) if args.model else f"{source}: {where}.model: {exc}") from None
        size = resolved.size_bytes
        if size is None:
            size = sum(p.stat().st_size for p in resolved.path.rglob("*") if p.is_file())
        if resolved.commit:
            got = f"downloaded {human_size(resolved.downloaded_bytes)}" if resolved.downloaded_bytes else "already cached"
            pin = "" if resolved.pinned else "  (unpinned: add `revision: " + resolved.commit + "` to pin it)"
            print(f"{model}\t{resolved.commit}\t{human_size(size)}\t{got}{pin}")
        else:
            print(f"{model}\t{resolved.identity.rsplit('@', 1)[-1]}\t{human_size(size)}\ton disk")
    return 0
