"""What ``sumcheck compare``, ``sumcheck gate`` and ``sumcheck baseline`` do once arguments are parsed.

Exit codes: 0 no regression (``compare`` always 0 once it could compare); 1 one or more regressions
(``gate`` only); 2 the runs cannot be compared: their signatures differ (the diff is printed), or a
run, baseline or config cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from sumcheck.summarize.errors import SumcheckError

NOT_COMPARABLE = 2


def _err(stream: TextIO, command: str, message: str) -> None:
    from sumcheck.gate.render import plain_block

    stream.write(plain_block(f"sumcheck {command}: {message}"))


def _write_error(stream: TextIO, command: str, message: str, out: str, *, name: str) -> None:
    """Overwrite every output in ``out`` with the error, so none left from an earlier gate says it passed."""
    from sumcheck.gate.render import write_error_outputs

    try:
        write_error_outputs(message, out, name=name)
    except OSError as exc:
        _err(stream, command, f"error: cannot write to {out} ({exc.strerror})")


def _error_document(stream: TextIO, fmt: str, command: str, error: str, *, mismatches: tuple = (), diff: str = "") -> None:
    """With ``--format json`` or ``markdown``, the error as that document on stdout (text goes to stderr only).

    JSON: ``{"command", "comparable": false, "exit_code": 2, "error", "diff", "mismatches"}``, each
    mismatch ``{"system", "metric", "field", "baseline", "candidate"}`` (a value None: absent there).
    """
    if fmt == "json":
        import json

        doc = {"command": command, "comparable": False, "exit_code": NOT_COMPARABLE, "error": error, "diff": diff,
               "mismatches": [dict(zip(("system", "metric", "field", "baseline", "candidate"), m)) for m in mismatches]}
        from sumcheck.textsafe import json_text  # C1 and bidi controls, which JSON leaves raw, as \u escapes

        stream.write(json_text(json.dumps(doc, indent=1, ensure_ascii=False)) + "\n")
    elif fmt == "markdown":
        text = f"### sumcheck {command}: not comparable\n\n{error}\n"
        if diff:
            fence = "````" if "```" in diff else "```"
            text += f"\n{fence}\n{diff.rstrip()}\n{fence}\n"
        stream.write(text)


def execute(args: argparse.Namespace, *, command: str, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``compare`` or ``gate`` (``command``) for parsed ``args``; returns the exit code."""
    from sumcheck.gate import SignatureMismatchError, load_gate_config, parse_gate_config, run_gate
    from sumcheck.gate.render import to_json, to_markdown, to_table, write_outputs

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    fmt = getattr(args, "format", "table") or "table"
    if args.out and os.path.exists(args.out) and not os.path.isdir(args.out):
        # before comparing: a verdict printed and then "cannot write" would read as PASS in a CI log
        _err(stderr, command, f"error: --out {args.out} is a file; it must be a folder (created if missing)")
        _error_document(stdout, fmt, command, f"--out {args.out} is a file; it must be a folder")
        return NOT_COMPARABLE
    try:
        config = load_gate_config(args.config)
        overrides = {k: getattr(args, k) for k in ("resamples", "seed", "alpha", "min_n") if getattr(args, k, None) is not None}
        if getattr(args, "allow_code_change", False):
            overrides["allow_code_change"] = True
        if overrides:
            config = parse_gate_config({**config.model_dump(), **overrides}, source="command-line option")
        result = run_gate(args.baseline, args.candidate, config)
    except SignatureMismatchError as exc:
        _err(stderr, command, f"the runs are not comparable: metric signatures differ\n{exc.diff}")
        _error_document(stdout, fmt, command, "the runs are not comparable: metric signatures differ",
                        mismatches=exc.mismatches, diff=exc.diff)
        if args.out:
            _write_error(stderr, command, f"signatures differ; the runs are not comparable\n{exc.diff}", args.out,
                         name="signatures match")
        return NOT_COMPARABLE
    except SumcheckError as exc:
        _err(stderr, command, f"error: {exc}")
        _error_document(stdout, fmt, command, str(exc))
        if args.out:
            _write_error(stderr, command, f"the runs could not be compared\n{exc}", args.out, name="inputs can be read")
        return NOT_COMPARABLE
    paths = None
    if args.out:  # written before anything is printed: a run that cannot write its outputs says no verdict
        try:
            paths = write_outputs(result, args.out, mode=command)
        except OSError as exc:
            _err(stderr, command, f"error: cannot write to {args.out} ({exc.strerror})")
            _error_document(stdout, fmt, command, f"cannot write to {args.out} ({exc.strerror})")
            return NOT_COMPARABLE
    if fmt == "json":
        import json

        from sumcheck.textsafe import json_text  # C1 and bidi controls, which JSON leaves raw, as \u escapes

        stdout.write(json_text(json.dumps(to_json(result, mode=command), indent=1, ensure_ascii=False)) + "\n")
    elif fmt == "markdown":
        stdout.write(to_markdown(result, mode=command))
    else:
        stdout.write(to_table(result, mode=command))
    if paths is not None:
        # with json or markdown on stdout, the file list goes to stderr so stdout stays one document
        (stdout if fmt == "table" else stderr).write("wrote " + ", ".join(str(p) for p in paths.values()) + "\n")
    if command == "gate" and not result.passed:
        return 1
    return 0


def execute_baseline(args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Write ``args.run``'s baseline file to ``args.out``."""
    from sumcheck.gate.baseline import write_baseline
    from sumcheck.gate.render import plain
    from sumcheck.gate.snapshot import load_baseline

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        path = write_baseline(args.run, args.out)
        written = load_baseline(path)
    except SumcheckError as exc:
        _err(stderr, "baseline", f"error: {exc}")
        return NOT_COMPARABLE
    except OSError as exc:
        _err(stderr, "baseline", f"error: cannot write {args.out} ({exc.strerror})")
        return NOT_COMPARABLE
    stdout.write(plain(f"wrote {path}: {len(written.rows)} rows, {len(written.systems())} system(s), "
                       f"{len(written.dismissed)} dismissed flag(s) excluded") + "\n")
    return 0
