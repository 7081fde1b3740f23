"""Throughput of the whole pipeline, side by side with its baselines in one run (issue 13).

Three measurements, each printed with its ratio:

1. ``rouge``: ``sumcheck score --metrics rouge`` end to end (process start to exit, run folder and
   scores.json with bootstrap intervals included) on 10,800 pairs made by repeating the 634
   PolyTope pairs (../shared/data/polytope_val.jsonl: CNN/DM document, system summary; the reference is
   the document's first three sentences, one a line: the CNN/DM lead-3), against a plain ``rouge_score`` loop over the
   same pairs (also process start to exit: read the JSONL, score every pair with
   ``RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)``). Rounds alternate
   the two so that both see the same machine load; the best of each is compared.
2. ``factcheck``: pairs/s of the scoring phase of ``sumcheck score --metrics factcheck`` (the bench
   drives :class:`sumcheck.pipeline.Run` the way ``sumcheck score`` does, metric signatures first, and
   times ``Run.score`` with a wall clock: ``score:factcheck`` in run.json sums the workers' seconds) with 1 and 2 workers on
   the 1,250 XSumFaith validation pairs (485 documents), and checks that the rows are identical.
3. ``faithfulness``: the same for ``--metrics factcheck,faithfulness`` (faithfulness reads the
   fact-check rows; pairs/s counts pairs through both).

4. ``--marginal``: the fact-check's steady-state rate, the fixed cost of a job removed (the first
   N/10 and N pairs timed, single core and 2 workers; see :func:`bench_marginal`).

    .venv/bin/python bench/throughput.py [--only rouge,factcheck,faithfulness] [--pairs N] [--rounds 2] [--marginal]

The machine is shared: the script prints the load average before and after each part.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared/data") if Path("/work/shared/data").is_dir() else ROOT.parent / "shared" / "data"
POLYTOPE = SHARED / "polytope_val.jsonl"
XSUMFAITH = SHARED / "xsumfaith_val.jsonl"  # 1250 pairs over 485 documents
TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]

BASELINE = r"""
import json, sys
from rouge_score.rouge_scorer import RougeScorer
scorer = RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    s = scorer.score(row["reference"], row["summary"])
    out.append({k: v.fmeasure for k, v in s.items()})
json.dump(out, open(sys.argv[2], "w"))
"""


def load() -> str:
    return f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"


def rouge_pairs(path: Path, n: int, systems: int = 10) -> None:
    """``n`` pairs laid out like a benchmark: ``n // systems`` documents x ``systems`` systems. Document
    ``k`` is PolyTope's ``k``-th distinct article (cycled over its 178), system ``j``'s summary is the
    ``j``-th PolyTope summary of that article (cycled over its 1-8 summaries), and the reference is the
    article's lead-3 (first three sentences, one a line)."""
    from sumcheck.summarize.text import sentence_texts

    by_doc: dict[str, list[str]] = {}
    for line in POLYTOPE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_doc.setdefault(row["document"], []).append(row["summary"])
    docs = list(by_doc)
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n // systems):
            doc = docs[k % len(docs)]
            ref = "\n".join(sentence_texts(doc)[:3])
            for j in range(systems):
                fh.write(json.dumps({"id": f"p{k}", "system": f"sys{j}", "document": doc, "reference": ref,
                                     "summary": by_doc[doc][j % len(by_doc[doc])]}) + "\n")


def timed(cmd: list[str], **kw) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the child and its threads) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_rouge(tmp: Path, n: int, rounds: int) -> None:
    data = tmp / "rouge_pairs.jsonl"
    rouge_pairs(data, n)
    sumcheck = [sys.executable, "-m", "sumcheck.cli", "score", str(data), "--metrics", "rouge", "--no-report", "-q"]
    base_t, ours_t, base_c, ours_c = [], [], [], []
    for r in range(rounds):
        wall, cpu = timed([sys.executable, "-c", BASELINE, str(data), str(tmp / f"base{r}.json")])
        base_t.append(wall)
        base_c.append(cpu)
        wall, cpu = timed(sumcheck + ["--out", str(tmp / f"run{r}")])
        ours_t.append(wall)
        ours_c.append(cpu)
        print(f"  round {r + 1}: rouge-score loop {base_t[-1]:.2f} s wall / {base_c[-1]:.2f} s CPU, sumcheck score {ours_t[-1]:.2f} s wall / "
              f"{ours_c[-1]:.2f} s CPU: {base_t[-1] / ours_t[-1]:.1f}x wall, {base_c[-1] / ours_c[-1]:.1f}x CPU; {load()}")
    base = json.loads((tmp / "base0.json").read_text())
    ours = [json.loads(line) for line in (tmp / "run0" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    same = sum(all(abs(o["rouge"][t]["fmeasure"] - b[t]) < 1e-12 for t in TYPES[:3]) for o, b in zip(ours, base))
    info = json.loads((tmp / "run0" / "run.json").read_text())
    print(f"  best wall: rouge-score loop {min(base_t):.2f} s ({n / min(base_t):,.0f} pairs/s), sumcheck score end to end {min(ours_t):.2f} s "
          f"({n / min(ours_t):,.0f} pairs/s): {min(base_t) / min(ours_t):.1f}x")
    print(f"  best CPU: rouge-score loop {min(base_c):.2f} s, sumcheck score {min(ours_c):.2f} s (2 rayon threads in the ROUGE kernel): "
          f"{min(base_c) / min(ours_c):.1f}x")
    print(f"  sumcheck timings (run.json): {', '.join(f'{k} {v:.2f} s' for k, v in info['timings'].items())}")
    print(f"  rouge1/2/L F identical to rouge-score on {same:,}/{n:,} pairs (Lsum uses sumcheck's recorded sentence split); {load()}")


SCORE_ONE = r"""
import json, sys, time
from pathlib import Path
from sumcheck.jobs import parse_metric_list
from sumcheck.pipeline import Run, build_metrics
from sumcheck.parallel import LocalEngine
from sumcheck.summarize.records import Document, Prediction
rows = [json.loads(l) for l in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
n, metrics_arg, workers, out = int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
rows = rows[:n]
ids, docs = {}, []
for r in rows:
    if r["document"] not in ids:
        ids[r["document"]] = f"d{len(ids)}"
        docs.append(Document(ids[r["document"]], r["document"]))
preds = [Prediction(ids[r["document"]], f"s{i}", r["summary"]) for i, r in enumerate(rows)]
order = [(p.doc_id, p.system) for p in preds]
metrics = build_metrics(parse_metric_list(metrics_arg))
scoring = {name: m.signature_fields() for name, m in metrics.items()}  # as `sumcheck score` does before scoring
engine = LocalEngine(workers)
with Run(out, documents=docs, info={"kind": "bench"}, quiet=True, scoring=scoring, engine=engine.describe()) as run:
    run.add_predictions(preds)
    import resource
    c0, k0, t0 = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    run.score(order, metrics, engine=engine)
    elapsed = time.perf_counter() - t0
    k1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, waited for at its shutdown
    cpu = time.process_time() - c0 + (k1.ru_utime - k0.ru_utime) + (k1.ru_stime - k0.ru_stime)
    run.finalize(order, metrics, {}, resamples=100, seed=1, truncation="200000c")
print(json.dumps({"seconds": elapsed, "cpu": cpu, "pairs": n}))
"""


def _max_diff(a: Path, b: Path) -> float:
    """Largest |difference| between two results.jsonl files' values, row by row; infinity when the
    files differ in rows, ids or which values are scored (a None against a number)."""
    rows_a, rows_b = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
    if len(rows_a) != len(rows_b):
        return float("inf")
    worst = 0.0
    for la, lb in zip(rows_a, rows_b):
        ra, rb = json.loads(la), json.loads(lb)
        va, vb = ra.get("values", {}), rb.get("values", {})
        if (ra.get("id"), ra.get("system")) != (rb.get("id"), rb.get("system")) or set(va) != set(vb):
            return float("inf")
        for k in va:
            if (va[k] is None) != (vb[k] is None):
                return float("inf")
            if isinstance(va[k], (int, float)) and isinstance(vb[k], (int, float)):
                worst = max(worst, abs(va[k] - vb[k]))
    return worst


def bench_metric(tmp: Path, metrics: str, n: int, label: str) -> None:
    """Rounds of: the single-core path (1 worker, 1 thread), 1 worker (all cores' threads), 2 workers
    (1 thread each). Results must be byte-identical to the single-core path with 2 workers; with one
    process on 2 threads, bfloat16 matrix products may round differently (the difference is printed)."""
    print(f"\n[{label}] the first {n:,} pairs of {XSUMFAITH.name}, metrics {metrics}; {load()}")
    results: dict[str, list] = {}
    for config in ("1c", "1", "2", "1c", "1", "2"):
        workers = 2 if config == "2" else 1
        out = tmp / f"{label}-{config}-{sum(len(v) for v in results.values())}"
        env = dict(os.environ, **({"OMP_NUM_THREADS": "1"} if config == "1c" else {}))
        done = subprocess.run([sys.executable, "-c", SCORE_ONE, str(XSUMFAITH), str(n), metrics, str(workers), str(out)],
                              capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"{label} with {workers} workers failed: {done.stderr.strip()[-2000:]}")
        got = json.loads(done.stdout.strip().splitlines()[-1])
        sec, cpu = got["seconds"], got["cpu"]
        results.setdefault(config, []).append((sec, out))
        what = {"1c": "1 worker, 1 thread (single core)", "1": "1 worker, all threads", "2": "2 workers, 1 thread each"}[config]
        print(f"  {what}: {n / sec:,.1f} pairs/s ({sec:.1f} s wall for the scoring phase, models loaded in each worker "
              f"included; {cpu:.1f} s CPU over all processes = {n / cpu:,.1f} pairs per CPU-second); {load()}")
    best = {c: min(r)[0] for c, r in results.items()}
    ref = results["1c"][0][1] / "results.jsonl"
    same = {c: all(ref.read_bytes() == (o / "results.jsonl").read_bytes() for _, o in r) for c, r in results.items()}
    print(f"  best: single core {n / best['1c']:,.1f} pairs/s, 1 worker {n / best['1']:,.1f} pairs/s, 2 workers {n / best['2']:,.1f} "
          f"pairs/s: 2 workers / single core {best['1c'] / best['2']:.2f}x; results.jsonl byte-identical to the single-core path: "
          f"single core {same['1c']}, 2 workers {same['2']}, 1 worker on all threads {same['1']} "
          f"(max |difference| {_max_diff(ref, results['1'][0][1] / 'results.jsonl'):.1e}); {load()}")


def bench_marginal(tmp: Path, metrics: str, n: int, label: str, rounds: int = 2) -> None:
    """Steady-state pairs/s with the fixed cost of a job removed: each configuration (single core; 2
    workers) scores the first ``n // 10`` and the first ``n`` pairs, interleaved, ``rounds`` times; the
    marginal rate is ``(n - n // 10) / (best time for n - best time for n // 10)``. The fixed cost
    (a worker's first call: language model, text repair, spaCy's first batch; the pool's start) is
    what a large corpus amortises; both figures are printed."""
    small = max(1, n // 10)
    print(f"\n[{label}: marginal rate] {metrics}, the first {small:,} and {n:,} pairs of {XSUMFAITH.name}; {load()}")
    best: dict[tuple[str, int], float] = {}
    for r in range(rounds):
        for config in ("1c", "2"):
            for size in (small, n):
                out = tmp / f"{label}-m-{config}-{size}-{r}"
                env = dict(os.environ, **({"OMP_NUM_THREADS": "1"} if config == "1c" else {}))
                done = subprocess.run([sys.executable, "-c", SCORE_ONE, str(XSUMFAITH), str(size), metrics,
                                       "1" if config == "1c" else "2", str(out)], capture_output=True, text=True, env=env)
                if done.returncode != 0:
                    raise SystemExit(f"{label} ({config}, {size} pairs) failed: {done.stderr.strip()[-2000:]}")
                sec = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
                best[(config, size)] = min(best.get((config, size), float("inf")), sec)
    for config, what in (("1c", "single core"), ("2", "2 workers")):
        t_small, t_n = best[(config, small)], best[(config, n)]
        print(f"  {what}: {small:,} pairs in {t_small:.2f} s, {n:,} in {t_n:.2f} s: end to end {n / t_n:,.1f} pairs/s, "
              f"marginal {(n - small) / (t_n - t_small):,.1f} pairs/s (fixed cost about {t_small - small * (t_n - t_small) / (n - small):.2f} s)")
    print(f"  {load()}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="rouge,factcheck,faithfulness")
    ap.add_argument("--pairs", type=int, default=10_800, help="ROUGE pairs")
    ap.add_argument("--fc-pairs", type=int, default=1_250, help="fact-check pairs")
    ap.add_argument("--faith-pairs", type=int, default=400, help="faithfulness pairs")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--marginal", action="store_true",
                    help="also print the fact-check's steady-state (marginal) pairs/s, fixed cost removed")
    args = ap.parse_args()
    only = set(args.only.split(","))
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs visible, python {platform.python_version()}; {load()}")
    with tempfile.TemporaryDirectory(prefix="sumcheck-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if "rouge" in only:
            bench_rouge(tmp, args.pairs, args.rounds)
        if "factcheck" in only:
            bench_metric(tmp, "factcheck", args.fc_pairs, "factcheck")
            if args.marginal:
                bench_marginal(tmp, "factcheck", args.fc_pairs, "factcheck")
        if "faithfulness" in only:
            bench_metric(tmp, "factcheck,faithfulness", args.faith_pairs, "faithfulness")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
