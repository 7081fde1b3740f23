"""Reproducibility signatures: parse them, and refuse to compare runs whose settings differ.

A signature (see ``docs/run-folder.md``) is ``name|key:value|key:value|...``, e.g.
``rouge1|tok:rouge-score|stem:yes|n:6|data:sha1:ab12cd34|model:lead-3|agg:mean|ci:bootstrap-1000|seed:12345|v:0.1.0``:
the metric's own settings, then the pipeline's fields (:data:`PIPELINE_FIELDS`) in a fixed order. A
metric setting named like a pipeline field is written with a ``metric-`` prefix (faithfulness's
weights digest is ``metric-model``, its aggregation ``metric-agg``), and a ``|`` inside the
summarizer's model signature is written ``;``, so each key appears once.

What must match between baseline and candidate: every field except those in
:data:`DEFAULT_IGNORED`: the metric name, tokenizer (``tok``), stemming (``stem``), the sentence
splitter (``lsum-split`` and the like), the number of references, the version (``v``), the
aggregation (``agg``), any backend/model/aggregation of the *metric* itself (``backend``, ``enc``,
``metric-model``, ``metric-agg``...), the hash of the metric's code (``code``; see
:meth:`sumcheck.metric.Metric.code_version`), and the data hash (``data``; documents are paired by id,
so the same ids must mean the same texts). ``code`` and ``v`` may differ only when the caller allows
a code change (``--allow-code-change``); the gate then says so in its notes.

What may differ by design:

* ``model``: the summarizer that produced the summaries; a gate exists to compare a new model or
  prompt against the old one under the same system name.
* ``n``: how many items the metric scored; a different summary can have a different number of
  checkable facts (fact precision is unscored on a summary with none). The gate pairs only items
  both runs scored and reports that count itself.
* ``ci`` and ``seed``: how ``scores.json`` drew *its* bootstrap interval. The gate never reads those
  intervals; it recomputes its paired test and interval from the per-item values with its own settings.
* ``impl``: which ROUGE implementation ran, ``rouge-score-rs`` (Rust) or the pure-Python fallback.
  The two are parity-tested to give identical numbers (``tests/test_rouge_parity.py``), so a run
  on a machine without the Rust wheel is comparable with one on a machine with it.

A field that is absent on one side counts as a difference (absent is not the same as default).

Signatures written before the ``metric-`` prefix and the ``;`` sanitising are read the same way:
an earlier repeat of a pipeline field is the metric's own (``metric-<field>``), and the parts
between the pipeline's ``model:`` (right after ``data:``) and its ``agg:`` are one model value.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from sumcheck.gate.errors import SignatureMismatchError

DEFAULT_IGNORED: tuple[str, ...] = ("model", "n", "ci", "seed", "impl")
"""Fields allowed to differ; see the module docstring for why each one may."""

PIPELINE_FIELDS: tuple[str, ...] = ("trunc", "n", "data", "model", "agg", "ci", "seed", "v")
"""Fields the pipeline appends to every signature; a metric setting of the same name is ``metric-<name>``."""


def _join_legacy_model(parts: list[str]) -> list[str]:
    """Glue a summarizer model signature that still contains ``|`` back into one ``model:`` part.

    >>> _join_legacy_model(["data:sha1:ab", "model:mmr-3", "w:0.7", "agg:mean", "v:1"])
    ['data:sha1:ab', 'model:mmr-3;w:0.7', 'agg:mean', 'v:1']
    """
    data = max((i for i, p in enumerate(parts) if p.startswith("data:")), default=None)
    agg = max((i for i, p in enumerate(parts) if p.startswith("agg:")), default=None)
    if data is None or agg is None or agg <= data + 2 or not parts[data + 1].startswith("model:"):
        return parts
    return parts[:data + 1] + [";".join(parts[data + 1:agg])] + parts[agg:]


def parse_signature(signature: str) -> tuple[str, dict[str, str]]:
    """Split a signature into its metric name and its ``key:value`` fields.

    Only the first ``:`` separates key from value (a data hash is ``data:sha1:...``). A pipeline
    field that appears twice (a signature from before the ``metric-`` prefix) keeps its last value,
    the pipeline's; the earlier one is the metric's own, ``metric-<field>``.

    >>> parse_signature("rouge1|tok:rouge-score|stem:yes|data:sha1:ab12")
    ('rouge1', {'tok': 'rouge-score', 'stem': 'yes', 'data': 'sha1:ab12'})
    >>> new = "faithfulness|metric-agg:min|metric-model:ab12|data:sha1:cd|model:mmr-3;w:0.7|agg:mean"
    >>> parse_signature(new)[1]
    {'metric-agg': 'min', 'metric-model': 'ab12', 'data': 'sha1:cd', 'model': 'mmr-3;w:0.7', 'agg': 'mean'}
    >>> parse_signature("faithfulness|agg:min|model:ab12|data:sha1:cd|model:mmr-3|w:0.7|agg:mean") == parse_signature(new)
    True
    """
    name, *parts = signature.split("|")
    fields: dict[str, str] = {}
    for part in _join_legacy_model(parts):
        key, _, value = part.partition(":")
        if key in fields and key in PIPELINE_FIELDS and f"metric-{key}" not in fields:
            fields[f"metric-{key}"] = fields[key]
        fields[key] = value
    return name, fields


def signature_diff(baseline: str | None, candidate: str | None, *, ignore: Iterable[str] = DEFAULT_IGNORED) -> list[tuple[str, str | None, str | None]]:
    """The fields that differ, as ``(field, baseline_value, candidate_value)``; ignored fields skipped.

    ``None`` for a whole signature means that side has none; the pseudo-field ``signature`` then
    carries the difference. The metric name is compared as the pseudo-field ``name``.

    >>> signature_diff("rouge1|stem:yes|model:a|n:5", "rouge1|stem:no|model:b|n:6")
    [('stem', 'yes', 'no')]
    >>> signature_diff("rouge1|stem:yes", "rouge1|stem:yes|tok:x")
    [('tok', None, 'x')]
    """
    if baseline is None or candidate is None:
        return [] if baseline == candidate else [("signature", baseline, candidate)]
    skip = set(ignore)
    b_name, b_fields = parse_signature(baseline)
    c_name, c_fields = parse_signature(candidate)
    out: list[tuple[str, str | None, str | None]] = []
    if b_name != c_name:
        out.append(("name", b_name, c_name))
    keys = list(b_fields) + [k for k in c_fields if k not in b_fields]
    for key in keys:
        if key in skip:
            continue
        b_value, c_value = b_fields.get(key), c_fields.get(key)
        if b_value != c_value:
            out.append((key, b_value, c_value))
    return out


def _show(value: str | None) -> str:
    return "(absent)" if value is None else repr(value)


CODE_FIELDS: tuple[str, ...] = ("code", "v")
"""Fields that name the code that made a number: the hash of a metric's source (``code``) and the
sumcheck version (``v``). They differ whenever the checker changed; ``allow_code_change`` lets the
gate compare anyway (and say so)."""

_WHY = {
    "trunc": "the documents were cut at a different length (--max-document-chars / max_document_chars)",
    "code": "the metric's code changed (its source hash differs); pass --allow-code-change to compare anyway",
    "v": "a different sumcheck version made the numbers; pass --allow-code-change to compare anyway",
    "data": "the documents differ (ids, texts or references); a value 'sha1:...' comes from a sumcheck before the "
            "data hash ignored row order ('set-sha1:...'): write that baseline again from a new run",
}


def _explained(diffs: list[tuple[str, str | None, str | None]]) -> list[tuple[str, str | None, str | None, str]]:
    """Each differing field with why it matters; ``data`` folded into ``trunc`` when both differ.

    The data hash is taken over the documents as scored, after truncation, so two runs that differ
    only in truncation differ in ``data`` too; the real difference is ``trunc``.

    >>> [d[0] for d in _explained([("trunc", "200000c", "5000c"), ("data", "sha1:a", "sha1:b")])]
    ['trunc']
    """
    keys = {d[0] for d in diffs}
    out = []
    for key, b, c in diffs:
        if key == "data" and "trunc" in keys:
            continue
        why = _WHY.get(key, "")
        if key == "code" and (b is None or c is None):
            why = ("one side was made before signatures carried a code version; write the baseline again "
                   "with this sumcheck, or pass --allow-code-change to compare anyway")
        if key == "trunc" and "data" in keys:
            why += "; the data hash is taken after the cut, so it differs too"
        out.append((key, b, c, why))
    return out


def _members(group: list[tuple[str, str]]) -> str:
    """``system: metric, metric; system: ...`` for the metrics that share one difference."""
    by_system: dict[str, list[str]] = {}
    for system, metric in group:
        by_system.setdefault(system, []).append(metric)
    return "; ".join(f"{system}: {', '.join(metrics)}" for system, metrics in by_system.items())


def check_signatures(
    baseline: Mapping[str, Mapping[str, str | None]],
    candidate: Mapping[str, Mapping[str, str | None]],
    *,
    shared: Iterable[tuple[str, str]],
    ignore: Iterable[str] = DEFAULT_IGNORED,
    allow_code_change: bool = False,
) -> list[str]:
    """Raise :class:`SignatureMismatchError` unless every shared ``(system, metric)`` signature matches.

    ``baseline`` and ``candidate`` map system -> metric -> signature (``None`` or missing: none
    recorded). A pair with no signature on either side is not checked: there is nothing to compare.
    With ``allow_code_change`` a difference in :data:`CODE_FIELDS` alone is allowed; the allowed
    differences come back as readable lines (one per distinct difference), else the list is empty.

    The diff names each distinct difference once, with every metric that shares it.
    """
    ignore = tuple(ignore)
    mismatches: list[tuple[str, str, str, str | None, str | None]] = []
    groups: dict[tuple[tuple[str, str | None, str | None], ...], list[tuple[str, str]]] = {}
    allowed: dict[tuple[tuple[str, str | None, str | None], ...], list[tuple[str, str]]] = {}
    examples: dict[tuple[tuple[str, str | None, str | None], ...], tuple[str | None, str | None]] = {}
    for system, metric in shared:
        b_sig = baseline.get(system, {}).get(metric)
        c_sig = candidate.get(system, {}).get(metric)
        diffs = signature_diff(b_sig, c_sig, ignore=ignore)
        if not diffs:
            continue
        if allow_code_change:
            code = tuple(d for d in diffs if d[0] in CODE_FIELDS)
            if code:
                allowed.setdefault(code, []).append((system, metric))
            diffs = [d for d in diffs if d[0] not in CODE_FIELDS]
            if not diffs:
                continue
        key = tuple(diffs)
        groups.setdefault(key, []).append((system, metric))
        examples.setdefault(key, (b_sig, c_sig))
        mismatches.extend((system, metric, field, b, c) for field, b, c in diffs)
    if mismatches:
        lines: list[str] = []
        for key, members in groups.items():
            lines.append(f"{_members(members)}:")
            for field, b_value, c_value, why in _explained(list(key)):
                lines.append(f"  {field}: baseline {_show(b_value)} != candidate {_show(c_value)}" + (f" ({why})" if why else ""))
            b_sig, c_sig = examples[key]
            lines.append(f"    baseline  {_show(b_sig)}")
            lines.append(f"    candidate {_show(c_sig)}")
        ignored = ", ".join(ignore) if ignore else "none"
        lines.append(f"(fields allowed to differ: {ignored}; regenerate the baseline with the candidate's settings, "
                     "or run the candidate with the baseline's)")
        raise SignatureMismatchError(tuple(mismatches), "\n".join(lines))
    return [f"{_members(members)}: " + "; ".join(f"{f} {_show(b)} -> {_show(c)}" for f, b, c in key)
            for key, members in allowed.items()]
