"""Report size and speed at 5,000 documents x 3 systems.

Builds a synthetic run folder (XSum validation documents from ../shared/data cycled as sources when
present, otherwise generated text; synthetic summaries with numbers and entities, ~40% flagged),
then times, side by side in one process:

* baseline: reading ``documents.jsonl`` + ``results.jsonl`` with :mod:`json` (the floor any report pays);
* ``write_report`` (read, build the payload, render, write atomically);
* optionally (``--browser``) headless chromium: page load to ready, opening a document, and
  filtering+sorting all documents by risk.

    .venv/bin/python bench/report.py [--docs 5000] [--systems 3] [--browser] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sumcheck.report import write_report  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "xsum_docs_with_reference.jsonl"
WORDS = ("the council said on Tuesday that a new plan would cost money and that officials in the region "
         "were still reviewing proposals from local groups after weeks of talks").split()
NAMES = ["Anne Hidalgo", "Wales", "Paris", "BBC", "Lyon", "John Smith", "Glasgow", "the UN", "Apple", "Rome"]


def _sources(n: int, rng: random.Random) -> list[str]:
    base: list[str] = []
    if DATA.exists():
        base = [json.loads(line)["document"] for line in DATA.read_text(encoding="utf-8").splitlines()]
    if not base:
        for _ in range(200):
            sents = []
            for _ in range(15):
                words = rng.choices(WORDS, k=20) + [rng.choice(NAMES), str(rng.randint(2, 5000))]
                rng.shuffle(words)
                sents.append(" ".join(words).capitalize() + ".")
            base.append(" ".join(sents))
    return [base[i % len(base)] for i in range(n)]


def _pick(pool: list[str], fallback: str, rng: random.Random) -> str:
    """From the source 60% of the time (so most items are supported), otherwise made up."""
    return rng.choice(pool) if pool and rng.random() < 0.6 else fallback


def _row(doc_id: str, system: str, source: str, rng: random.Random) -> dict:
    names = re.findall(r"\b[A-Z][a-z]{3,}\b", source)
    numbers = re.findall(r"\b\d{1,4}\b", source)
    picks = [_pick(names, rng.choice(NAMES), rng), _pick(numbers, str(rng.randint(2, 900)), rng),
             _pick(names, rng.choice(NAMES), rng), _pick(numbers, str(rng.randint(2, 900)), rng)]
    summary = f"{picks[0]} said {picks[1]} people met. Later {picks[2]} counted {picks[3]} more in the city."
    items, flags, cursor = [], [], 0
    for k, text in enumerate(picks):
        start = summary.index(text, cursor)
        cursor = start + len(text)
        kind = "number" if text.isdigit() else "entity"
        found = source.find(text)
        evidence = [{"start": found, "end": found + len(text), "text": text}] if found >= 0 else []
        supported = found >= 0 and rng.random() < 0.9
        item = {"kind": kind, "text": text, "start": start, "end": cursor, "evidence": evidence,
                "verdict": "supported" if supported else "unsupported"}
        if not supported:
            item["reason"] = f"{kind} {text!r} not found in the source"
            flags.append({k2: v for k2, v in item.items() if k2 != "verdict"})
        items.append(item)
    precision = 1 - len(flags) / len(items)
    cut = summary.index(" Later")
    faith = round(rng.random(), 3)
    sents = [{"start": 0, "end": cut, "text": summary[:cut], "score": round(rng.random(), 3), "evidence": {"start": 0, "end": 80}},
             {"start": cut + 1, "end": len(summary), "text": summary[cut + 1:], "score": faith, "evidence": {"start": 80, "end": 160}}]
    return {"id": doc_id, "system": system, "summary": summary,
            "factcheck": {"precision": precision, "reason": None, "flags": flags, "items": items},
            "rouge": {"rouge1": {"precision": 0.3, "recall": 0.2, "fmeasure": 0.25}},
            "faithfulness": {"score": faith, "label": "faithful" if faith >= 0.5 else "unfaithful", "sentences": sents},
            "values": {"rouge1": 0.25, "fact_precision": precision, "faithfulness": faith}}


def make_big_run(root: Path, *, docs: int, systems: int, seed: int = 12345) -> Path:
    rng = random.Random(seed)
    run = root / f"bench-{docs}x{systems}"
    run.mkdir(parents=True)
    names = ["lead3", "textrank", "smollm2"][:systems] + [f"sys{i}" for i in range(3, systems)]
    sources = _sources(docs, rng)
    with (run / "documents.jsonl").open("w", encoding="utf-8") as d, (run / "results.jsonl").open("w", encoding="utf-8") as r:
        for i, src in enumerate(sources):
            doc_id = f"doc-{i:05d}"
            d.write(json.dumps({"id": doc_id, "document": src, "references": [], "meta": {}}) + "\n")
            for system in names:
                r.write(json.dumps(_row(doc_id, system, src, rng)) + "\n")
    stats = {m: {"mean": 0.5, "ci_low": 0.48, "ci_high": 0.52, "n": docs, "unscored": 0}
             for m in ("fact_precision", "faithfulness", "rouge1")}
    (run / "scores.json").write_text(json.dumps({"version": 1, "n_documents": docs, "systems": {s: stats for s in names}}))
    (run / "run.json").write_text(json.dumps({"status": "complete"}))
    return run


def _baseline(run: Path) -> float:
    t = time.perf_counter()
    for name in ("documents.jsonl", "results.jsonl"):
        for line in (run / name).read_text(encoding="utf-8").splitlines():
            json.loads(line)
    return time.perf_counter() - t


def _browser(path: Path, repeat: int = 3) -> dict[str, float]:
    """Median over ``repeat`` fresh page loads in one headless chromium."""
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-quic", "--disable-sync"]
    runs: list[dict[str, float]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
        for _ in range(repeat):
            runs.append(_browser_once(browser, path))
        browser.close()
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def _browser_once(browser, path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    t = time.perf_counter()
    page.goto(path.as_uri() + "#documents")
    page.wait_for_selector("body[data-ready='1']", timeout=120000)
    out["load to ready (s)"] = time.perf_counter() - t
    t = time.perf_counter()
    page.evaluate("location.hash = '#doc=doc-04321'")
    page.wait_for_function("document.getElementById('docid').textContent === 'doc-04321'")
    out["open one document (s)"] = time.perf_counter() - t
    t = time.perf_counter()
    page.check("#f-flagged")
    page.select_option("#f-sort", "risk")
    out["only flagged + sort by risk (s)"] = time.perf_counter() - t
    out["JS heap (MB)"] = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize / 1e6 : -1")
    page.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--systems", type=int, default=3)
    ap.add_argument("--browser", action="store_true", help="also time page load in headless /usr/bin/chromium")
    ap.add_argument("--keep", type=Path, default=None, help="build the run here and keep it")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="sumcheck-bench-")) if args.keep is None else args.keep
    try:
        run = make_big_run(root, docs=args.docs, systems=args.systems)
        inputs = sum((run / n).stat().st_size for n in ("documents.jsonl", "results.jsonl"))
        base = _baseline(run)
        t = time.perf_counter()
        path = write_report(run)
        took = time.perf_counter() - t
        size = path.stat().st_size
        print(f"run: {args.docs} documents x {args.systems} systems; inputs {inputs / 1e6:.1f} MB")
        print(f"baseline  json-parse inputs      {base:7.2f} s")
        print(f"report    write_report           {took:7.2f} s   ({took / base:.1f}x baseline)")
        print(f"report.html size                 {size / 1e6:7.1f} MB  ({size / inputs:.2f}x inputs)")
        if args.browser:
            for key, value in _browser(path).items():
                print(f"chromium  {key:<30} {value:7.2f}   (median of 3 loads)")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
