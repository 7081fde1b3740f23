"""Build run folders for the gate tests, writing the files of docs/run-folder.md directly.

Per-document values are drawn from a seeded generator, so every test knows exactly what differs
between its baseline and its candidate: the expected deltas come from the construction, not from
the code under test.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any, Callable, Iterable

from sumcheck.flags import flag_id, sentence_at

CONTINUOUS = ("rouge1", "rouge2", "rougeL", "rougeLsum", "faithfulness")
PRECISIONS = ("fact_precision", "number_precision", "entity_precision")

# settings per metric, in the documented signature layout; n, data and model are filled in per run
SIG_SETTINGS = {
    "rouge": "tok:rouge-score|stem:yes|lsum-split:sumcheck-sentences-1|refs:1",
    "faithfulness": "backend:offline|chunks:sentences|sent-agg:mean",
    "factcheck": "ner:en_core_web_sm-3.8.0|numbers:v1",
}
FAMILY = {"rouge1": "rouge", "rouge2": "rouge", "rougeL": "rouge", "rougeLsum": "rouge", "faithfulness": "faithfulness"}


def number_flag(text: str, start: int = 10, kind: str = "number") -> dict[str, Any]:
    return {"kind": kind, "text": text, "start": start, "end": start + len(text), "reason": f"no {text} in source",
            "evidence": []}


def base_rows(n_docs: int = 40, systems: Iterable[str] = ("lead3",), seed: int = 0) -> list[dict[str, Any]]:
    """Result rows in input order (documents outer, systems inner).

    Every 5th document (doc-0, doc-5, ...) has one unsupported entity; about a fifth of the others
    have nothing checkable, so the fact-check leaves them unscored (precisions None).
    """
    rng = random.Random(seed)
    rows = []
    for i in range(n_docs):
        for system in systems:
            values: dict[str, float | None] = {m: round(rng.uniform(0.2, 0.8), 4) for m in CONTINUOUS}
            flags = [number_flag("Moscow", start=20, kind="entity")] if i % 5 == 0 else []
            # a summary with nothing checkable is unscored by the fact-check (never one with a flag)
            checkable = bool(flags) or rng.random() > 0.2
            for m in PRECISIONS:
                values[m] = rng.choice([0.5, 0.75, 1.0, 1.0]) if checkable else None
            rows.append({
                "id": f"doc-{i}", "system": system, "summary": f"summary {i}",
                "factcheck": {"precision": values["fact_precision"], "number_precision": values["number_precision"],
                              "entity_precision": values["entity_precision"], "reason": None, "flags": flags, "items": []},
                "rouge": {m: {"precision": values[m], "recall": values[m], "fmeasure": values[m]} for m in CONTINUOUS[:4]},
                "faithfulness": {"score": values["faithfulness"], "label": "faithful", "sentences": []},
                "values": values,
            })
    return rows


def changed(rows: list[dict[str, Any]], metric: str, fn: Callable[[int, float], float], *, docs: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """A deep copy with ``values[metric] = fn(index, old)`` on the chosen documents (all by default)."""
    out = copy.deepcopy(rows)
    chosen = None if docs is None else set(docs)
    for i, row in enumerate(out):
        old = row["values"].get(metric)
        if old is not None and (chosen is None or row["id"] in chosen):
            row["values"][metric] = fn(i, old)
    return out


def add_flag(rows: list[dict[str, Any]], doc_id: str, flag: dict[str, Any], system: str = "lead3") -> list[dict[str, Any]]:
    """A deep copy with ``flag`` added to one row; a row that had nothing checkable now has one
    unsupported item, so its precisions become 0.0."""
    out = copy.deepcopy(rows)
    for row in out:
        if row["id"] == doc_id and row["system"] == system:
            row["factcheck"]["flags"].append(flag)
            if row["factcheck"]["precision"] is None:
                for key, name in (("precision", "fact_precision"), ("number_precision", "number_precision"), ("entity_precision", "entity_precision")):
                    row["factcheck"][key] = row["values"][name] = 0.0
    return out


def review_row(doc_id: str, flag: dict[str, Any], verdict: str, *, system: str = "lead3", reviewer: str = "ana",
               time: str = "2026-11-25T10:00:00Z", summary: str | None = None) -> dict[str, Any]:
    """A reviews.jsonl row; ``summary`` defaults to the one :func:`base_rows` writes for ``doc_id``."""
    summary = f"summary {doc_id.removeprefix('doc-')}" if summary is None else summary
    fid = flag_id(doc_id=doc_id, system=system, kind=flag["kind"], text=flag["text"], sentence=sentence_at(summary, flag["start"]))
    return {"flag_id": fid, "id": doc_id, "system": system, "kind": flag["kind"], "text": flag["text"],
            "start": flag["start"], "end": flag["end"], "verdict": verdict, "reviewer": reviewer, "time": time, "comment": ""}


def signature(metric: str, *, n: int, data: str, model: str, settings: dict[str, str] | None = None) -> str:
    family = FAMILY.get(metric, "factcheck")
    fields = SIG_SETTINGS[family]
    if settings:
        parts = dict(p.split(":", 1) for p in fields.split("|"))
        parts.update(settings)
        fields = "|".join(f"{k}:{v}" for k, v in parts.items())
    return f"{metric}|{fields}|n:{n}|data:sha1:{data}|model:{model}|agg:mean|ci:bootstrap-1000|seed:12345|v:0.1.0"


def write_run(folder: Path, rows: list[dict[str, Any]], *, model: str = "lead-3", data: str = "ab12cd34",
              settings: dict[str, dict[str, str]] | None = None, reviews: Iterable[dict[str, Any]] = ()) -> Path:
    """Write results.jsonl, scores.json, run.json, documents.jsonl (and reviews.jsonl) into ``folder``.

    ``settings`` maps a metric to signature fields that replace the defaults (to make a mismatch).
    """
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "results.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    doc_ids = list(dict.fromkeys(r["id"] for r in rows))
    with (folder / "documents.jsonl").open("w", encoding="utf-8") as f:
        for d in doc_ids:
            f.write(json.dumps({"id": d, "document": f"text of {d}", "references": [], "meta": {}}) + "\n")
    systems: dict[str, dict[str, Any]] = {}
    for system in dict.fromkeys(r["system"] for r in rows):
        mine = [r["values"] for r in rows if r["system"] == system]
        systems[system] = {}
        for metric in dict.fromkeys(k for v in mine for k in v):
            scored = [v[metric] for v in mine if v.get(metric) is not None]
            systems[system][metric] = {
                "mean": sum(scored) / len(scored) if scored else None, "ci_low": None, "ci_high": None,
                "n": len(scored), "unscored": len(mine) - len(scored),
                "signature": signature(metric, n=len(scored), data=data, model=model, settings=(settings or {}).get(metric)),
            }
    (folder / "scores.json").write_text(json.dumps({"version": 1, "n_documents": len(doc_ids), "systems": systems}), encoding="utf-8")
    (folder / "run.json").write_text(json.dumps({"status": "complete", "data_hash": f"sha1:{data}", "git_commit": "0" * 40}), encoding="utf-8")
    reviews = list(reviews)
    if reviews:
        with (folder / "reviews.jsonl").open("w", encoding="utf-8") as f:
            for r in reviews:
                f.write(json.dumps(r) + "\n")
    return folder


# -- real ROUGE rows (the 60-comparison case) -------------------------------------------------------
XSUM_SPANS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "xsum_hallucination_spans_val.jsonl"
XSUM_SYSTEMS = ("BERTS2S", "PtGen", "TConvS2S", "TranS2S")  # abstractive outputs, human-written references
ROUGE_KEYS = ("rouge1", "rouge2", "rougeL", "rougeLsum", "rouge1_precision", "rouge1_recall",
              "rouge2_precision", "rouge2_recall", "rougeL_precision", "rougeL_recall")  # ten metrics


def xsum_summaries(n_docs: int = 40) -> dict[str, list[tuple[str, str, str]]]:
    """Six systems' ``(doc id, reference, summary)`` from the XSum hallucination annotations.

    The four annotated abstractive systems (their first ``n_docs`` rows each), plus two extractive
    ones on the Gold rows' documents: ``lead-1`` and ``lead-2`` (the first one or two sentences).
    """
    from sumcheck.summarize.text import sentence_texts

    by: dict[str, list[dict[str, Any]]] = {}
    with XSUM_SPANS.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            by.setdefault(row["system"], []).append(row)
    out = {s: [(r["bbcid"], r["reference"], r["summary"]) for r in by[s][:n_docs]] for s in XSUM_SYSTEMS}
    gold = by["Gold"][:n_docs]
    for k in (1, 2):
        out[f"lead-{k}"] = [(r["bbcid"], r["reference"], " ".join(sentence_texts(r["document"])[:k])) for r in gold]
    return out


def rouge_rows(summaries: dict[str, list[tuple[str, str, str]]]) -> list[dict[str, Any]]:
    """Result rows with the ten ROUGE values of :data:`ROUGE_KEYS`, scored by sumcheck's ROUGE scorer."""
    from sumcheck.rouge.scorer import RougeScorer

    scorer = RougeScorer()
    rows = []
    for system, items in summaries.items():
        scores = scorer.score_many(references=[[ref] for _, ref, _ in items], summaries=[s for _, _, s in items])
        for (doc_id, _, summary), item in zip(items, scores):
            s = item.scores
            values = {k: (None if s is None else s[k].fmeasure) for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")}
            for t in ("rouge1", "rouge2", "rougeL"):
                values[f"{t}_precision"] = None if s is None else s[t].precision
                values[f"{t}_recall"] = None if s is None else s[t].recall
            rows.append({"id": doc_id, "system": system, "summary": summary, "values": values})
    return rows


def halved(summaries: dict[str, list[tuple[str, str, str]]], system: str) -> dict[str, list[tuple[str, str, str]]]:
    """A copy where ``system``'s summaries keep only their first half of words (a generation cut short)."""
    out = dict(summaries)
    out[system] = [(d, ref, " ".join(s.split()[: len(s.split()) // 2])) for d, ref, s in summaries[system]]
    return out


def run_subcommand(module, name: str, argv: Iterable[Any], capsys) -> tuple[int, str, str]:  # noqa: ANN001
    """Parse ``name *argv`` with only ``module``'s subparser and run it; returns (exit code, stdout, stderr)."""
    import argparse

    parser = argparse.ArgumentParser(prog="sumcheck")
    module.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args([name, *map(str, argv)])
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err
