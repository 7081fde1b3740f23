"""Printing shared by the subcommands: the scores table, its JSON and Markdown forms, and why values are unscored.

Results go to stdout in the format ``--format`` chose; logs and progress bars go to stderr, so
``sumcheck score ... --format json | jq`` reads clean JSON.

System names, metric keys, reasons and paths come from user data: the table shows their control and
bidi formatting characters as escapes, Markdown gets :func:`sumcheck.textsafe.md`, JSON
:func:`sumcheck.textsafe.json_text` (the gate's and compare's escaping, :mod:`sumcheck.textsafe`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from sumcheck.textsafe import json_text, md, plain

FORMATS = ("table", "json", "markdown")
TABLE_WIDTH = 100  # columns: the default table fits a 100-column terminal (systems wrap into blocks)


def add_format_argument(parser) -> None:  # noqa: ANN001
    """``--format table|json|markdown`` (results on stdout; logs and progress on stderr)."""
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="how to print the results on stdout: table (default, fits 100 columns), json, markdown; "
                             "logs and progress go to stderr")


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` with the noun in the right number.

    >>> counted(1, "doc"), counted(2, "doc"), counted(1, "summary", "summaries"), counted(0, "row")
    ('1 doc', '2 docs', '1 summary', '0 rows')
    """
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def fmt(value: float | None, digits: int = 4) -> str:
    """A number for a table, or ``-`` when unscored.

    >>> fmt(0.123456), fmt(None)
    ('0.1235', '-')
    """
    return "-" if value is None else f"{value:.{digits}f}"


def _cell(est: Mapping[str, Any] | None, rows: int | None) -> str:
    if est is None:
        return ""
    if est.get("mean") is None:
        return "unscored"
    cell = f"{fmt(est['mean'])} [{fmt(est['ci_low'])}, {fmt(est['ci_high'])}]"
    if rows is not None and est.get("n") != rows:
        cell += f" n={est['n']}"
    return cell


def _system_rows(entry: Mapping[str, Any]) -> int | None:
    """Rows of one system: scored plus unscored of any value (all values share the rows)."""
    for est in entry.values():
        if isinstance(est, Mapping) and "n" in est:
            return int(est["n"]) + int(est.get("unscored") or 0)
    return None


def _grid(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *body]]


def scores_table(scores: Mapping[str, Any], *, width: int = TABLE_WIDTH) -> str:
    """Metrics down, systems across, ``mean [95% CI]`` per cell; systems that do not fit in ``width``
    columns continue in further blocks below (each repeating the metric column).

    A cell shows ``n=K`` only when fewer than the system's rows were scored; ``(N docs)`` in the
    header is the system's row count.

    >>> print(scores_table({"systems": {"a": {"rouge1": {"mean": 0.5, "ci_low": 0.4, "ci_high": 0.6, "n": 3, "unscored": 1}}}}))
    metric  a (4 docs)
    rouge1  0.5000 [0.4000, 0.6000] n=3
    """
    systems = scores.get("systems", {})
    keys = sorted({k for entry in systems.values() for k in entry})
    if not systems:
        return "(no systems)"
    columns = []  # (header, cells) per system
    for name, entry in systems.items():
        rows = _system_rows(entry)
        head = f"{plain(str(name))} ({counted(rows, 'doc')})" if rows is not None else plain(str(name))
        columns.append((head, [_cell(entry.get(k), rows) for k in keys]))
    keys = [plain(str(k)) for k in keys]
    key_width = max(len("metric"), *(len(k) for k in keys))
    blocks: list[list[tuple[str, list[str]]]] = [[]]
    used = key_width
    for col in columns:
        w = max(len(col[0]), *(len(c) for c in col[1])) + 2
        if blocks[-1] and used + w > width:
            blocks.append([])
            used = key_width
        blocks[-1].append(col)
        used += w
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        header = ["metric", *(h for h, _ in block)]
        body = [[k, *(cells[i] for _, cells in block)] for i, k in enumerate(keys)]
        out += _grid(header, body)
    return "\n".join(out)


def scores_markdown(scores: Mapping[str, Any]) -> str:
    """A Markdown table (metrics down, systems across), e.g. for a pull-request comment.

    >>> print(scores_markdown({"systems": {"a": {"rouge1": {"mean": 0.5, "ci_low": 0.4, "ci_high": 0.6, "n": 3, "unscored": 0}}}}))
    | metric | a |
    |---|---|
    | rouge1 | 0.5000 [0.4000, 0.6000] |
    """
    systems = scores.get("systems", {})
    keys = sorted({k for entry in systems.values() for k in entry})
    esc = lambda t: md(str(t))  # noqa: E731 - | < @ and control characters too
    out = ["| metric | " + " | ".join(esc(s) for s in systems) + " |", "|" + "---|" * (len(systems) + 1)]
    for k in keys:
        cells = [_cell(entry.get(k), _system_rows(entry)) or "" for entry in systems.values()]
        out.append(f"| {esc(k)} | " + " | ".join(cells) + " |")
    return "\n".join(out)


_NOT_METRICS = {"id", "system", "summary", "values", "input", "document_truncated_from_chars"}


def unscored_reasons(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Why values are unscored, grouped: one entry per (metric or value, reason) with counts per system.

    ``count`` rows of the run's ``of`` rows (every system's) were unscored for that reason;
    ``systems`` maps each system affected to its count.

    A metric that could not score a row says why in the row (``{"score": None, "reason": ...}``); a
    value that is unscored while its metric scored the row (``number_precision`` of a summary with
    no number) takes the reason from the metric's declared ``values``.

    >>> rows = [{"system": "a", "rouge": {"score": None, "reason": "no reference summary"}, "values": {"rouge1": None}}] * 2
    >>> unscored_reasons(rows)
    [{'what': 'rouge', 'reason': 'no reference summary', 'count': 2, 'of': 2, 'systems': {'a': 2}}]
    """
    from sumcheck.metric import REGISTRY, metric_class

    rows = list(rows)
    per_system: dict[str, int] = {}
    for r in rows:
        per_system[r["system"]] = per_system.get(r["system"], 0) + 1
    groups: dict[tuple[str, str], dict[str, int]] = {}

    def add(what: str, reason: str, system: str) -> None:
        g = groups.setdefault((what, reason), {})
        g[system] = g.get(system, 0) + 1

    classes: dict[str, Any] = {}
    for r in rows:
        for name, out in r.items():
            if name in _NOT_METRICS or name not in REGISTRY or not isinstance(out, Mapping):
                continue
            cls = classes.get(name) or classes.setdefault(name, metric_class(name))
            if out.get("reason") is not None and out.get(cls.headline) is None:  # the metric could not score the row
                add(name, str(out["reason"]), r["system"])
                continue
            for value_key, value in (r.get("values") or {}).items():
                if value is None and value_key in cls.values:
                    declared = cls.values[value_key]
                    why = (cls.value_reason(out, value_key)
                           or declared.partition("unscored when ")[2] or declared.partition("unscored ")[2])
                    add(value_key, why or "not applicable to this summary", r["system"])
    # "of" is every row of the run (all systems), as in the other lines; "systems" says where they fell
    return [{"what": what, "reason": reason, "count": sum(counts.values()), "of": len(rows), "systems": counts}
            for (what, reason), counts in groups.items()]


def unscored_lines(reasons: Sequence[Mapping[str, Any]], n_systems: int) -> list[str]:
    """``rouge: unscored 21/21 - no reference summary`` (with the systems named when not all are affected).

    The denominator is every row of the run, whichever systems the unscored rows belong to.

    >>> unscored_lines([{"what": "rouge", "reason": "no reference summary", "count": 30, "of": 30, "systems": {"a": 30}}], 1)
    ['rouge: unscored 30/30 - no reference summary']
    >>> unscored_lines([{"what": "factcheck", "reason": "no checkable item", "count": 3, "of": 25,
    ...                  "systems": {"TConvS2S": 2, "BERTS2S": 1}}], 5)
    ['factcheck: unscored 3/25 on TConvS2S (2), BERTS2S (1) - no checkable item']
    """
    lines = []
    for r in reasons:
        systems = r["systems"]
        if len(systems) == n_systems:
            where = ""
        elif len(systems) == 1:
            where = f" on {next(iter(systems))}"
        else:
            where = " on " + ", ".join(f"{s} ({k})" for s, k in systems.items())
        lines.append(f"{r['what']}: unscored {r['count']}/{r['of']}{where} - {r['reason']}")
    return lines


def read_results(run_dir: Path) -> list[dict[str, Any]]:
    """``results.jsonl`` of a finished run (empty when absent)."""
    from sumcheck.runfolder import RESULTS, read_jsonl

    return list(read_jsonl(Path(run_dir) / RESULTS))


def run_notes(run_dir: Path, results: Sequence[Mapping[str, Any]]) -> list[str]:
    """The notes of :mod:`sumcheck.notes` for a finished run folder (cut completions, failed
    generations, system prompts in the user turn, letters the ROUGE tokenizer dropped, the faithfulness
    label's counts)."""
    from sumcheck.notes import faithfulness_label_note, generation_notes, rouge_tokenizer_note
    from sumcheck.runfolder import DOCUMENTS, RUN_JSON, read_jsonl

    try:
        run_json = json.loads((Path(run_dir) / RUN_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return faithfulness_label_note(results)
    notes = generation_notes(run_json)
    rouge_tok = ((run_json.get("metric_settings") or {}).get("rouge") or {}).get("tok")
    if rouge_tok == "rouge-score":  # only then are the documents (for their references) read again
        note = rouge_tokenizer_note(run_json, results, read_jsonl(Path(run_dir) / DOCUMENTS))
        if note:
            notes.append(note)
    return notes + faithfulness_label_note(results)


def score_tally(n_rows: int, results: Iterable[Mapping[str, Any]], run_dir: Any) -> str:
    """The closing line of ``score``: how many rows have at least one scored value.

    >>> score_tally(2, [{"values": {"rouge1": 0.5}}, {"values": {"rouge1": None}}], "out")
    '2 rows: 1 with a score, 1 unscored by every metric (reasons above) -> out'
    >>> score_tally(1, [{"values": {"rouge1": 0.5}}], "out")
    '1 row scored -> out'
    """
    valued = sum(any(v is not None for v in (r.get("values") or {}).values()) for r in results)
    if valued == n_rows:
        return f"{counted(n_rows, 'row')} scored -> {run_dir}"
    return f"{counted(n_rows, 'row')}: {valued} with a score, {n_rows - valued} unscored by every metric (reasons above) -> {run_dir}"


def outcome_results(outcome: Any) -> list[dict[str, Any]]:
    """A finished run's rows: those this process wrote, when it kept them, else read from its folder."""
    files = getattr(outcome, "files", None)
    return files["results.jsonl"] if files is not None else read_results(outcome.run_dir)


def render_outcome(outcome: Any, fmt_name: str, *, summary: str,
                   results: Sequence[Mapping[str, Any]] | None = None) -> str:
    """What ``score`` and ``run`` print on stdout for a finished run (``summary`` is the one-line tally;
    ``results``: the run's rows when the caller has them already, else :func:`outcome_results`)."""
    scores = outcome.scores
    if results is None:
        results = outcome_results(outcome)
    reasons = unscored_reasons(results)
    n_systems = len(scores.get("systems", {}))
    notes = run_notes(outcome.run_dir, results)
    if fmt_name == "json":
        payload = {"run_dir": str(outcome.run_dir), "n_documents": outcome.n_documents, "n_rows": outcome.n_rows,
                   "generated": outcome.generated, "from_cache": getattr(outcome, "from_cache", 0), "failed": getattr(outcome, "failed", 0),
                   "truncated": getattr(outcome, "truncated", 0), "scored": outcome.scored, "unscored": reasons,
                   "notes": notes, "scores": scores}
        return json_text(json.dumps(payload, indent=1, ensure_ascii=False))
    lines = unscored_lines(reasons, n_systems) + notes
    if fmt_name == "markdown":
        text = scores_markdown(scores)
        if lines:
            text += "\n\n" + "\n".join(f"- {md(line)}" for line in lines)
        return text + f"\n\n{md(summary)}"
    text = scores_table(scores)
    if lines:
        text += "\n\n" + "\n".join(plain(line) for line in lines)
    return text + f"\n\n{plain(summary)}"
