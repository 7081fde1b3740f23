"""Write a :class:`~sumcheck.gate.decide.GateResult` as a plain-text table, JSON, Markdown and JUnit XML.

System names, document ids, paths and flagged texts come from user data and summaries, so each
format escapes them its own way: control characters are shown as ``\\xNN`` in text, Markdown gets
HTML numeric entities for every character GitHub would act on (``@`` mentions, ``#`` references,
tables, emphasis, HTML), and XML gets ElementTree's escaping with the characters XML 1.0 forbids
replaced.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from sumcheck.gate.decide import FAIL, NA, GateResult, Regression
from sumcheck.textsafe import md, plain  # noqa: F401 - re-exported: sumcheck.gate.render.plain/md
from sumcheck.summarize.errors import writing
from sumcheck.summarize.redact import redact

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# plain (terminal) and md (GitHub Markdown): shared with score's and run's printing (sumcheck.textsafe)


def xml_text(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry replaced by U+FFFD (ElementTree escapes the rest)."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def _f(x: float | None, signed: bool = False) -> str:
    if x is None:
        return "n/a"
    return f"{x:+.4f}" if signed else f"{x:.4f}"


def _p(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.4f}"


def _level(result: GateResult) -> str:
    return f"{100 * (1 - result.comparison.alpha):g}%"


def _rows(result: GateResult) -> list[list[str]]:
    rows = []
    for v in result.verdicts:
        c = v.comparison
        ci = "n/a" if c.ci_low is None else f"[{_f(c.ci_low, True)}, {_f(c.ci_high, True)}]"
        rows.append([c.system, c.metric, v.direction, _f(c.baseline), _f(c.candidate), _f(c.delta, True), ci,
                     _p(c.p_value), _p(v.p_adjusted), str(c.n), _coverage(c), v.status])
    return rows


def _coverage(c: Any) -> str:
    """``38/40``: documents the baseline scored that the candidate scored too, of those the baseline scored."""
    return f"{c.baseline_scored_shared - c.newly_unscored}/{c.baseline_scored_shared}"


def _header(result: GateResult) -> list[str]:
    return ["system", "metric", "better", "baseline", "candidate", "delta", f"{_level(result)} CI", "p", "p adj", "n",
            "coverage", "status"]


MODES = ("gate", "compare")
"""``gate`` judges (PASS/FAIL); ``compare`` is informational and only says what the gate would do."""


def check_key(r: Regression) -> tuple[str, str, str]:
    """The check (one JUnit test case) a regression fails: every output counts failed checks this way.

    Metric, coverage, unscored and power regressions fail the ``(system, metric)`` case; new unsupported items
    fail the system's "no new unsupported items" case; a missing system or metric its own case.
    """
    if r.kind in ("metric", "coverage", "unscored", "power"):
        return ("metric", r.system, r.metric or "")
    if r.kind == "new_unsupported":
        return ("new_unsupported", r.system, "")
    return (r.kind, r.system, r.metric or "")


def failed_checks(result: GateResult) -> int:
    """How many checks fail: the number the verdict line, Markdown, and JUnit ``failures`` all report."""
    return len({check_key(r) for r in result.regressions})


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


def _verdict_line(result: GateResult, mode: str = "gate") -> str:
    _check_mode(mode)
    n = failed_checks(result)
    checks = f"{n} check{'s' if n != 1 else ''}"
    r = len(result.regressions)
    detail = f"{checks} ({r} regressions)" if r != n else f"{r} regression{'s' if r != 1 else ''}"
    if mode == "compare":
        return "would pass the gate: no regression" if result.passed else f"would fail the gate: {detail}"
    return "PASS: no regression" if result.passed else f"FAIL: {detail}"


def _status(status: str, mode: str) -> str:
    return "worse>tol" if mode == "compare" and status == FAIL else status


def _settings_line(result: GateResult) -> str:
    c = result.comparison
    corr = "Holm-corrected" if result.correction == "holm" else "uncorrected"
    perms = c.permutations or c.resamples
    return (f"paired sign-flip permutation test over the documents both runs scored: {perms} sign patterns per test "
            f"(all 2^n when fewer), p-values {corr}, alpha {result.alpha:g}; bootstrap intervals from "
            f"{c.resamples} resamples, seed {c.seed}")


def to_table(result: GateResult, *, mode: str = "gate") -> str:
    """The plain-text table the CLI prints and the pytest plugin fails with (``mode``: see :data:`MODES`)."""
    _check_mode(mode)
    c = result.comparison
    header = _header(result)
    rows = [[plain(cell) for cell in row[:-1]] + [_status(row[-1], mode)] for row in _rows(result)]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    numeric = set(range(3, 11))

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w) for i, (cell, w) in enumerate(zip(cells, widths))).rstrip()

    out = [f"baseline:  {plain(c.baseline_source)}", f"candidate: {plain(c.candidate_source)}", _settings_line(result), ""]
    out += [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    if not rows:
        out.append("(no metric in common)")
    if result.regressions:
        title = "Regressions:" if mode == "gate" else "Would fail the gate:"
        out += ["", title] + [f"  - {plain(r.message)}" for r in result.regressions]
    if result.notes:
        out += ["", "Notes:"] + [f"  - {plain(n)}" for n in result.notes]
    out += ["", _verdict_line(result, mode)]
    return "\n".join(out) + "\n"


def to_json(result: GateResult, *, mode: str = "gate") -> dict[str, Any]:
    _check_mode(mode)
    c = result.comparison
    return {
        "mode": mode,
        "passed": result.passed,
        "failed_checks": failed_checks(result),
        "baseline": c.baseline_source,
        "candidate": c.candidate_source,
        "settings": {"resamples": c.resamples, "permutations": c.permutations, "seed": c.seed, "alpha": result.alpha,
                     "correction": result.correction, "test": "paired sign-flip permutation"},
        "code_changes": list(c.code_changes),
        "metrics": [
            {**v.comparison.__dict__, "coverage": v.comparison.coverage, "direction": v.direction, "tolerance": v.tolerance,
             "p_adjusted": v.p_adjusted, "status": _status(v.status, mode)}
            for v in result.verdicts
        ],
        "new_unsupported": [{**n.__dict__, "texts": list(n.texts)} for n in c.new_unsupported],
        "missing": [m.__dict__ for m in c.missing],
        "regressions": [r.__dict__ for r in result.regressions],
        "notes": list(result.notes),
    }


MD_MAX_ITEMS = 50  # a GitHub comment holds at most 65,536 characters


def to_markdown(result: GateResult, *, mode: str = "gate") -> str:
    """A pull-request comment: verdict, table, the first regressions, notes."""
    _check_mode(mode)
    c = result.comparison
    mark = "✅" if result.passed else ("❌" if mode == "gate" else "⚠️")
    out = [f"### {mark} sumcheck {mode}: {_verdict_line(result, mode)}", "",
           f"Baseline {md(c.baseline_source)} vs candidate {md(c.candidate_source)}; {md(_settings_line(result))}.", ""]
    header = _header(result)
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join(["---"] * 3 + ["---:"] * 8 + [":---:"]) + "|")
    lost = {(r.system, r.metric) for r in result.regressions if r.kind == "coverage"}
    for v, row in zip(result.verdicts, _rows(result)):
        cells = [md(row[0]), md(row[1]), *row[2:-1], _status(row[-1], mode)]  # the rest: numbers and fixed words
        if row[-1] == FAIL:
            cells = [f"**{cell}**" for cell in cells]
        elif (v.comparison.system, v.comparison.metric) in lost:
            cells[-2] = f"**{cells[-2]}**"  # the coverage that fails the gate
        out.append("| " + " | ".join(cells) + " |")
    if result.regressions:
        shown = result.regressions[:MD_MAX_ITEMS]
        out += ["", "**Regressions**" if mode == "gate" else "**Would fail the gate**", ""] + [f"- {md(r.message)}" for r in shown]
        if len(result.regressions) > len(shown):
            out.append(f"- … and {len(result.regressions) - len(shown)} more (see comparison.json)")
    if result.notes:
        out += ["", "<details><summary>Notes</summary>", ""] + [f"- {md(n)}" for n in result.notes] + ["", "</details>"]
    return "\n".join(out) + "\n"


def to_junit(result: GateResult, *, mode: str = "gate") -> str:
    """JUnit XML: one test case per check of :func:`check_key` (per (system, metric), per system for new
    unsupported items, per missing item), so ``failures`` equals :func:`failed_checks`.

    In ``compare`` mode nothing fails: a case the gate would fail carries ``system-out`` saying so,
    and the suite's ``would_fail_gate`` property counts them.
    """
    _check_mode(mode)
    c = result.comparison
    suite = ET.Element("testsuite", name=f"sumcheck {mode}")
    props = ET.SubElement(suite, "properties")
    for key, value in (("baseline", c.baseline_source), ("candidate", c.candidate_source), ("settings", _settings_line(result))):
        ET.SubElement(props, "property", name=key, value=xml_text(value))
    by_check: dict[tuple[str, str, str], list[Regression]] = {}
    for r in result.regressions:
        by_check.setdefault(check_key(r), []).append(r)
    tests = failures = skipped = 0

    def case(classname: str, name: str, key: tuple[str, str, str] | None, detail: str | None = None) -> ET.Element:
        nonlocal tests, failures
        tests += 1
        node = ET.SubElement(suite, "testcase", classname=xml_text(classname), name=xml_text(name))
        mine = by_check.get(key, []) if key else []
        text = "\n".join(r.message for r in mine)
        if mine and mode == "gate":
            failures += 1
            ET.SubElement(node, "failure", message=xml_text("; ".join(r.message for r in mine)[:2000]),
                          type=mine[0].kind).text = xml_text(text + ("\n" + detail if detail else ""))
        elif mine:
            failures += 1  # counted for the property only
            detail = "would fail the gate: " + text + ("\n" + detail if detail else "")
        if detail:
            ET.SubElement(node, "system-out").text = xml_text(detail)
        return node

    header = _header(result)
    for v, row in zip(result.verdicts, _rows(result)):
        system, metric = v.comparison.system, v.comparison.metric
        detail = ", ".join(f"{h}={cell}" for h, cell in zip(header, row[:-1] + [_status(row[-1], mode)]))
        node = case(f"sumcheck.{system}", metric, ("metric", system, metric), detail)
        if v.status == NA and ("metric", system, metric) not in by_check:
            skipped += 1
            ET.SubElement(node, "skipped", message="no document scored by both runs")
    for system in dict.fromkeys(v.comparison.system for v in result.verdicts):
        case(f"sumcheck.{system}", "no new unsupported items", ("new_unsupported", system, ""))
    for key in by_check:
        if key[0] in ("metric", "new_unsupported"):
            continue
        case(f"sumcheck.{key[1]}", f"present: {key[2] or 'system'}", key)
    would_fail = failures
    if mode == "compare":
        ET.SubElement(props, "property", name="would_fail_gate", value=str(would_fail))
        failures = 0
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    root = ET.Element("testsuites", name="sumcheck", tests=str(tests), failures=str(failures), errors="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def junit_error(message: str, *, name: str = "signatures match") -> str:
    """JUnit XML for a gate that could not compare at all (one test case in error)."""
    root = ET.Element("testsuites", name="sumcheck", tests="1", failures="0", errors="1")
    suite = ET.SubElement(root, "testsuite", name="sumcheck gate", tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname="sumcheck", name=name)
    ET.SubElement(case, "error", message=xml_text(message.splitlines()[0] if message else "error"), type="not_comparable").text = xml_text(message)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


OUTPUT_NAMES = {"table": "comparison.txt", "json": "comparison.json", "markdown": "comparison.md", "junit": "junit.xml"}


def write_outputs(result: GateResult, out_dir: str | Path, *, mode: str = "gate") -> dict[str, Path]:
    """Write all four formats into ``out_dir`` (created if needed); returns format -> path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = {
        "table": to_table(result, mode=mode),
        "json": json.dumps(to_json(result, mode=mode), indent=2, ensure_ascii=False) + "\n",
        "markdown": to_markdown(result, mode=mode),
        "junit": to_junit(result, mode=mode),
    }
    paths = {}
    for fmt, text in texts.items():
        paths[fmt] = out / OUTPUT_NAMES[fmt]
        with writing(paths[fmt]):
            paths[fmt].write_text(redact(text), encoding="utf-8")
    return paths


def error_json(message: str) -> dict[str, Any]:
    """``comparison.json`` for a gate that could not compare: never ``passed``."""
    return {"passed": False, "comparable": False, "error": message}


def write_error_outputs(message: str, out_dir: str | Path, *, name: str = "signatures match") -> dict[str, Path]:
    """When the gate could not compare: the message as text, JSON, Markdown and a JUnit error.

    All four files are (over)written, so no output of an earlier successful gate in ``out_dir``
    survives to say ``passed``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = {
        "table": plain_block(message),
        "json": json.dumps(error_json(message), indent=2, ensure_ascii=False) + "\n",
        "markdown": f"### ⚠️ sumcheck gate: not comparable\n\n{md_code_block(plain_block(message))}",
        "junit": junit_error(message, name=name),
    }
    paths = {}
    for fmt, text in texts.items():
        paths[fmt] = out / OUTPUT_NAMES[fmt]
        with writing(paths[fmt]):
            paths[fmt].write_text(redact(text), encoding="utf-8")
    return paths


def md_code_block(text: str) -> str:
    """A fenced code block that no run of backticks inside ``text`` can close early.

    >>> md_code_block("a ```` b")
    '`````\\na ```` b\\n`````\\n'
    """
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text.rstrip(chr(10))}\n{fence}\n"


def plain_block(message: str) -> str:
    """Multi-line text with each line made terminal-safe."""
    return "\n".join(plain(line) for line in message.splitlines()) + "\n"
