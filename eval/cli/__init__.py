"""The ``sumcheck`` command line: a thin layer that parses, calls one library function, and turns
typed exceptions into a one-line message and an exit code.

Exit codes: 0 success; 1 a gate found a regression; 2 a user error (bad input, config or arguments),
incomparable runs, or a full disk or quota (the message names the path and the free space); 3 a model
that is not on this machine; 4 an internal error (a bug: please report it); 130 interrupted by Ctrl-C
or SIGTERM (run again to resume).

Everything the CLI prints passes through :mod:`sumcheck.summarize.redact`, so an API key a server
repeats in a message is masked on stdout and stderr (log lines and tracebacks included).
Subcommands live in ``eval/cli/cmd_<name>.py`` modules that import nothing heavy at module level.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import traceback
from typing import Sequence

from sumcheck import __version__

COMMAND_MODULES = (
    "run", "score", "pull", "report", "review", "compare", "gate", "baseline", "calibrate", "calibrate_conv", "meta_eval", "metrics",
)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars, warnings and errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sumcheck",
        description="Summarize with pretrained models, fact-check numbers and named entities against the source, score with ROUGE and faithfulness.",
    )
    parser.add_argument("--version", action="version", version=f"sumcheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"sumcheck.cli.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"sumcheck.cli.cmd_{name}":
                continue  # that capability is not part of this build
            raise
        before = set(subparsers.choices)
        module.add_parser(subparsers)
        for added in set(subparsers.choices) - before:
            _add_common(subparsers.choices[added])
    return parser


def _setup_logging(quiet: bool, verbose: bool) -> None:
    # sumcheck draws its own progress bars; the libraries' ("Loading weights") only add noise. Model
    # downloads draw huggingface_hub's bars through sumcheck.summarize.hub whatever this says.
    # Read by huggingface_hub and transformers when they are imported.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_TerminalSafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    if not verbose:
        for noisy in ("transformers", "datasets", "httpx", "urllib3", "filelock", "huggingface_hub"):
            logging.getLogger(noisy).setLevel(logging.ERROR)


class _TerminalSafeFormatter(logging.Formatter):
    """Log lines with control and bidi formatting characters escaped (a system name or id from the data
    cannot set the terminal's title or clear the screen; see :mod:`sumcheck.textsafe`)."""

    def format(self, record: logging.LogRecord) -> str:
        from sumcheck.textsafe import plain_lines

        return plain_lines(super().format(record))


def _error(message: object) -> str:
    from sumcheck.textsafe import plain_lines

    return plain_lines(str(message))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from sumcheck.summarize import redact

    streams = sys.stdout, sys.stderr
    redact.protect_process()  # before logging is set up, so that its handler writes through the mask
    try:
        return _main(args)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = streams


def _main(args) -> int:  # noqa: ANN001
    _setup_logging(getattr(args, "quiet", False), getattr(args, "verbose", False))
    # a CI cancel or `timeout` sends SIGTERM: treat it as Ctrl-C so the run folder records it
    signal.signal(signal.SIGTERM, _raise_interrupt)
    # Ctrl-C landing inside a library object's __del__ (seen: regex's Group.__del__) is printed by
    # Python as "Exception ignored in ..." with a traceback; the interrupt itself is handled below
    previous_hook, sys.unraisablehook = sys.unraisablehook, _quiet_interrupts(sys.unraisablehook)
    try:
        return _run(args)
    finally:
        sys.unraisablehook = previous_hook


def _run(args) -> int:  # noqa: ANN001
    from sumcheck.summarize.errors import ModelNotAvailableError, SumcheckError

    try:
        return int(args.func(args) or 0)
    except ModelNotAvailableError as exc:
        print(f"sumcheck: error: {_error(exc)}", file=sys.stderr)
        return 3
    except SumcheckError as exc:
        print(f"sumcheck: error: {_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sumcheck: interrupted; everything computed so far is kept: run the same command again to resume", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug, not a user mistake: never exit 1 (a "regression")
        from sumcheck.summarize.errors import no_space_error

        # a full disk or quota met by a write no library function wrapped: still the user's to fix
        full = no_space_error(exc, None if getattr(exc, "filename", None) else getattr(args, "out", None))
        if full is not None:
            print(f"sumcheck: error: {_error(full)}", file=sys.stderr)
            return 2
        print(f"sumcheck: internal error: {type(exc).__name__}: {_error(exc)} (run with -v for the traceback; please report it)", file=sys.stderr)
        if getattr(args, "verbose", False):
            traceback.print_exc()
        return 4


def _raise_interrupt(signum, frame) -> None:  # noqa: ANN001
    raise KeyboardInterrupt


def _quiet_interrupts(previous):  # noqa: ANN001, ANN202
    """An unraisable-exception hook that drops KeyboardInterrupt and passes everything else on."""
    if getattr(previous, "_sumcheck", False):
        return previous

    def hook(unraisable) -> None:  # noqa: ANN001
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            previous(unraisable)

    hook._sumcheck = True  # type: ignore[attr-defined]
    return hook


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
