"""Build small run folders for the report/review tests by writing the files docs/run-folder.md documents.

Every offset is computed with ``str.find`` on the text it points into, so the fixtures cannot drift
from their texts. ``HOSTILE`` strings go into documents, summaries, ids, reasons and system names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sumcheck.flags import flag_id, sentence_at

HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">'\""
HOSTILE_ID = "doc-<img src=x onerror=window.__pwned=3>\"'&"


def _at(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def item(kind: str, summary: str, text: str, source: str, evidence: list[str], *, verdict: str, reason: str | None = None) -> dict[str, Any]:
    a, b = _at(summary, text)
    out: dict[str, Any] = {"kind": kind, "text": text, "start": a, "end": b, "verdict": verdict,
                           "evidence": [dict(zip(("start", "end"), _at(source, e)), text=e) for e in evidence]}
    if reason is not None:
        out["reason"] = reason
    return out


def row(doc_id: str, system: str, summary: str, source: str, items: list[dict[str, Any]], *,
        faith: float | None, sentences: list[tuple[str, float]] | None = None) -> dict[str, Any]:
    flags = [{k: v for k, v in it.items() if k != "verdict"} for it in items if it["verdict"] != "supported"]
    checked = len(items)
    precision = (checked - len(flags)) / checked if checked else None
    fc: dict[str, Any] = {"precision": precision, "reason": None if checked else "no number or named entity in the summary",
                          "flags": flags, "items": items}
    sents = []
    for text, score in sentences or []:
        a, b = _at(summary, text)
        first = source.index(".") + 1  # every sentence's best-aligned chunk: the source's first sentence
        sents.append({"start": a, "end": b, "text": text, "score": score, "evidence": {"start": 0, "end": first}})
    fa: dict[str, Any] = ({"score": faith, "label": "faithful" if faith >= 0.5 else "unfaithful", "sentences": sents}
                          if faith is not None else {"score": None, "reason": "empty summary", "sentences": []})
    return {"id": doc_id, "system": system, "summary": summary, "factcheck": fc,
            "rouge": {"rouge1": {"precision": 0.4, "recall": 0.3, "fmeasure": 0.34}},
            "faithfulness": fa, "values": {"rouge1": 0.34, "fact_precision": precision, "faithfulness": faith}}


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


SRC1 = ("The council approved a budget of 300 million euros on Tuesday. Mayor Anne Hidalgo said the money "
        "would fund 12 new schools in Paris. Critics in Lyon called the plan reckless.")
SUM1_LEAD = "The council approved a budget of 3,000 million euros. Anne Hidalgo said it funds 12 schools."
SUM1_GEN = "Mayor Jean Dupont of Marseille opened 40 schools."
SRC2 = "Heavy rain fell across Wales overnight. About 200 homes lost power, the utility said."
SUM2_LEAD = "Heavy rain fell across Wales. About 200 homes lost power."


def make_run(root: Path, *, hostile: bool = False, name: str = "run1") -> Path:
    """A complete run folder: 3 documents (one hostile when asked) x 2 systems, scores, no reviews."""
    run = root / name
    run.mkdir(parents=True)
    docs = [{"id": "doc-1", "document": SRC1, "references": [], "meta": {}},
            {"id": "doc-2", "document": SRC2, "references": [], "meta": {}}]
    rows = [
        row("doc-1", "lead3", SUM1_LEAD, SRC1, [
            item("number", SUM1_LEAD, "3,000", SRC1, ["300"], verdict="unsupported", reason="3,000 does not match 300 in the source"),
            item("entity", SUM1_LEAD, "Anne Hidalgo", SRC1, ["Anne Hidalgo"], verdict="supported"),
            item("number", SUM1_LEAD, "12", SRC1, ["12"], verdict="supported"),
        ], faith=0.62, sentences=[("The council approved a budget of 3,000 million euros.", 0.2),
                                  ("Anne Hidalgo said it funds 12 schools.", 0.9)]),
        row("doc-1", "smollm2", SUM1_GEN, SRC1, [
            item("entity", SUM1_GEN, "Jean Dupont", SRC1, [], verdict="unsupported", reason="no person of that name in the source"),
            item("entity", SUM1_GEN, "Marseille", SRC1, [], verdict="unsupported", reason="Marseille is not in the source"),
            item("number", SUM1_GEN, "40", SRC1, [], verdict="unsupported", reason="no 40 in the source"),
        ], faith=0.1, sentences=[(SUM1_GEN, 0.1)]),
        row("doc-2", "lead3", SUM2_LEAD, SRC2, [
            item("number", SUM2_LEAD, "200", SRC2, ["200"], verdict="supported"),
            item("entity", SUM2_LEAD, "Wales", SRC2, ["Wales"], verdict="supported"),
        ], faith=0.95, sentences=[("Heavy rain fell across Wales.", 0.95), ("About 200 homes lost power.", 0.95)]),
        row("doc-2", "smollm2", "", SRC2, [], faith=None),
    ]
    if hostile:
        src = f"Officials said {HOSTILE} and 5 people {HOSTILE} met in Rome."
        summ = f"{HOSTILE} 7 people met in Rome {HOSTILE}."
        docs.append({"id": HOSTILE_ID, "document": src, "references": [], "meta": {}})
        bad = item("number", summ, "7", src, ["5"], verdict="unsupported", reason=f"7 vs 5 {HOSTILE}")
        rows.append(row(HOSTILE_ID, "lead3", summ, src, [bad, item("entity", summ, "Rome", src, ["Rome"], verdict="supported")], faith=0.3))
        rows.append(row(HOSTILE_ID, "smollm2", HOSTILE, src, [], faith=0.5))
    _write_jsonl(run / "documents.jsonl", docs)
    _write_jsonl(run / "results.jsonl", rows)
    (run / "run.json").write_text(json.dumps({"status": "complete", "created": "2026-11-25T02:00:00Z"}), encoding="utf-8")
    systems: dict[str, Any] = {}
    for system in ("lead3", "smollm2"):
        systems[system] = {m: {"mean": 0.5, "ci_low": 0.4, "ci_high": 0.6, "n": 2, "unscored": 0,
                               "signature": f"{m}|n:2|v:0.1.0"} for m in ("fact_precision", "faithfulness", "rouge1")}
    systems["smollm2"]["faithfulness"] = {"mean": 0.1, "ci_low": 0.1, "ci_high": 0.1, "n": 1, "unscored": 1}
    (run / "scores.json").write_text(json.dumps({"version": 1, "n_documents": len(docs), "systems": systems}), encoding="utf-8")
    return run


def first_flag(run: Path, *, doc_id: str = "doc-1", system: str = "lead3") -> dict[str, Any]:
    """The first flag of one row, with its ``flag_id``."""
    for line in (run / "results.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["id"] == doc_id and r["system"] == system and r["factcheck"]["flags"]:
            f = r["factcheck"]["flags"][0]
            return dict(f, flag_id=flag_id(doc_id=doc_id, system=system, kind=f["kind"], text=f["text"],
                                           sentence=sentence_at(r["summary"], f["start"])))
    raise LookupError(f"no flag for {doc_id}/{system}")


def edit_results(run: Path, fn) -> None:
    """Rewrite ``results.jsonl`` with ``fn(row)`` applied to every row (in place)."""
    rows = [json.loads(line) for line in (run / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in rows:
        fn(r)
    _write_jsonl(run / "results.jsonl", rows)


def set_sentence_score(run: Path, doc_id: str, system: str, text: str, score: float) -> None:
    def fn(r: dict[str, Any]) -> None:
        if r["id"] == doc_id and r["system"] == system:
            for s in r["faithfulness"]["sentences"]:
                if s["text"] == text:
                    s["score"] = score
    edit_results(run, fn)


def set_signature(run: Path, metric: str, signature: str) -> None:
    """Give ``metric`` of every system the signature ``signature`` in ``scores.json``."""
    scores = json.loads((run / "scores.json").read_text(encoding="utf-8"))
    for metrics in scores["systems"].values():
        if metric in metrics:
            metrics[metric]["signature"] = signature
    (run / "scores.json").write_text(json.dumps(scores), encoding="utf-8")


def edit_documents(run: Path, fn) -> None:
    docs = [json.loads(line) for line in (run / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    for d in docs:
        fn(d)
    _write_jsonl(run / "documents.jsonl", docs)
