"""Throughput of the whole pipeline, side by side with its baselines in one run (issue 13).

Three measurements, each printed with its ratio:

1. ``rouge`` (issue 27): ``sumcheck score --metrics rouge`` and ``sumcheck run`` (ten ``lead`` systems,
   no model) end to end, as a user times them: process start to exit, the run folder, scores.json with
   1,000-resample bootstrap intervals and report.html (on by default) included. Three programs run side
   by side, interleaved, on the same input: a plain ``rouge_score`` loop (read the JSONL, score every
   pair with ``RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)``, write the
   F-measures), sumcheck at the baseline commit (``--baseline``, default 93c89b4: its tree is
   extracted with ``git archive`` into a temporary package folder put first on ``PYTHONPATH``; the
   same virtualenv) and sumcheck as checked out. ``score`` reads 10,800 pairs made by repeating the
   634 PolyTope pairs (../shared/data/polytope_val.jsonl: CNN/DM document, system summary; the
   reference is the document's first three sentences, one a line: the CNN/DM lead-3) as 1,080
   documents x 10 systems; ``run`` summarises the same 1,080 documents with ``lead`` k=1..10. The
   results.jsonl and scores.json of the baseline and the new code must be byte-identical, and
   the data report.html embeds too (its ``sumcheck-config`` and ``sumcheck-data`` JSON) but for its ``created`` time. Then, in this process: the report's and the
   bootstrap's cost per 1,000 rows (timed on the first 2,160 and all 10,800 rows of the run: the
   slope), and the profile's top entries of one ``sumcheck score`` (``--profile``).
2. ``factcheck``: pairs/s of the scoring phase of ``sumcheck score --metrics factcheck`` (the bench
   drives :class:`sumcheck.pipeline.Run` the way ``sumcheck score`` does, metric signatures first, and
   times ``Run.score`` with a wall clock: ``score:factcheck`` in run.json sums the workers' seconds) with 1 and 2 workers on
   the 1,250 XSumFaith validation pairs (485 documents), and checks that the rows are identical.
3. ``faithfulness``: the same for ``--metrics factcheck,faithfulness`` (faithfulness reads the
   fact-check rows; pairs/s counts pairs through both).

4. ``--marginal``: the fact-check's steady-state rate, the fixed cost of a job removed (the first
   N/10 and N pairs timed, single core and 2 workers; see :func:`bench_marginal`).

5. ``api`` (issue 27): ``sumcheck.score(rows, metrics=["factcheck"])`` called 100 times with 12 pairs,
   and 10 times with 125 pairs on 2 workers, in one process, baseline vs new (pairs/s over all calls).

    .venv/bin/python bench/throughput.py [--only rouge,api,factcheck,faithfulness] [--pairs N] [--rounds 2] [--marginal]

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
SHARED = ROOT.parent / "shared" / "data"
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


def baseline_package(commit: str, tmp: Path) -> Path:
    """A folder to put first on ``PYTHONPATH`` so that ``import sumcheck`` is the code at ``commit``:
    ``git archive`` of the commit, laid out as the installed package (``eval/`` is ``sumcheck``,
    ``summarize/``, ``configs/`` and ``seeds/`` its subpackages). Nothing in the checkout changes."""
    import shutil
    import tarfile

    src, pkg = tmp / f"base-src-{commit}", tmp / f"base-pkg-{commit}"
    src.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(src)
    shutil.copytree(src / "eval", pkg / "sumcheck")
    for sub in ("summarize", "configs", "seeds"):
        shutil.copytree(src / sub, pkg / "sumcheck" / sub)
    return pkg


def _env(base_pkg: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if base_pkg is not None:
        env["PYTHONPATH"] = str(base_pkg)
    return env


def _same_report(a: Path, b: Path) -> bool:
    """The data two report.html pages show are byte-identical but for the ``created`` time (run.json's
    start): the page's embedded ``sumcheck-config`` and ``sumcheck-data`` JSON. The page's own code
    (style and script) is not compared: it changed on purpose since the baseline (issue 26's
    contradiction flags, issue 28's inert bidi), which changes its bytes and its CSP hash."""
    import re

    def data(p: Path) -> list[bytes]:
        page = re.sub(rb'"created":"[^"]*"', b'"created":""', p.read_bytes())
        found = re.findall(rb'<script type="application/json" id="sumcheck-(?:config|data)">(.*?)</script>', page, re.S)
        return found if len(found) == 2 else [page]

    return data(a) == data(b)


def lead_config(tmp: Path, data: Path) -> tuple[Path, Path]:
    """The ``run`` job: the score input's 1,080 documents (id, document, lead-3 reference), summarised by
    ``lead`` k=1..10 (extractive: no model), scored with ROUGE; returns (config, documents file)."""
    docs = tmp / "run_docs.jsonl"
    seen: dict[str, str] = {}
    with docs.open("w", encoding="utf-8") as fh:
        for line in data.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["id"] not in seen:
                seen[row["id"]] = row["id"]
                fh.write(json.dumps({"id": row["id"], "document": row["document"], "reference": row["reference"]}) + "\n")
    config = tmp / "lead10.yaml"
    systems = "\n".join(f"  - {{name: lead{k}, type: lead, k: {k}}}" for k in range(1, 11))
    config.write_text(f"version: 1\nname: lead10\ndata:\n  path: {docs}\nsystems:\n{systems}\nmetrics:\n  rouge: {{}}\n"
                      "statistics:\n  resamples: 1000\n  seed: 12345\n", encoding="utf-8")
    return config, docs


def _run_pairs(run_dir: Path, out: Path) -> None:
    """The (reference, summary) pairs a finished ``run`` scored, as the rouge-score loop reads them."""
    refs = {}
    for line in (run_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        refs[d["id"]] = d["references"][0]
    with out.open("w", encoding="utf-8") as fh:
        for line in (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines():
            p = json.loads(line)
            fh.write(json.dumps({"reference": refs[p["id"]], "summary": p["summary"]}) + "\n")


def bench_rouge(tmp: Path, n: int, rounds: int, base_pkg: Path, baseline: str, profile: bool) -> None:
    data = tmp / "rouge_pairs.jsonl"
    rouge_pairs(data, n)
    config, _docs = lead_config(tmp, data)
    sumcheck = str(Path(sys.executable).parent / "sumcheck")  # the console script a user runs
    if not Path(sumcheck).exists():
        sumcheck = None
    cli = [sumcheck] if sumcheck else [sys.executable, "-m", "sumcheck.cli"]
    jobs = {
        "score": lambda out: cli + ["score", str(data), "--out", str(out), "--metrics", "rouge", "--quiet"],
        "run": lambda out: cli + ["run", str(config), "--out", str(out), "--quiet"],
    }
    print(f"\n[rouge end to end] {n:,} pairs; baseline = sumcheck at {baseline}; `{' '.join(Path(c).name for c in cli)} score|run ...`, "
          f"report on; {load()}")
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for r in range(rounds):
        for job in ("score", "run"):
            order = ("loop", "old", "new") if r % 2 == 0 else ("new", "old", "loop")
            for who in order:
                if who == "loop":
                    pairs = data if job == "score" else tmp / "run_pairs.jsonl"
                    if job == "run" and not pairs.exists():
                        continue  # made from the first run's predictions: timed from round 2 (or after)
                    wall, cpu = timed([sys.executable, "-c", BASELINE, str(pairs), str(tmp / f"loop-{job}{r}.json")])
                else:
                    out = tmp / who / f"{job}{r}"  # the same folder name for old and new: same report title
                    wall, cpu = timed(jobs[job](out), env=_env(base_pkg if who == "old" else None))
                    if job == "run" and who == "new" and not (tmp / "run_pairs.jsonl").exists():
                        _run_pairs(out, tmp / "run_pairs.jsonl")
                        wall_l, cpu_l = timed([sys.executable, "-c", BASELINE, str(tmp / "run_pairs.jsonl"), str(tmp / f"loop-{job}{r}.json")])
                        times.setdefault((job, "loop"), []).append((wall_l, cpu_l))
                        print(f"  round {r + 1} {job:5s} rouge-score loop  {wall_l:6.2f} s wall / {cpu_l:6.2f} s CPU; {load()}")
                times.setdefault((job, who), []).append((wall, cpu))
                name = {"loop": "rouge-score loop", "old": f"sumcheck {baseline}", "new": "sumcheck new"}[who]
                print(f"  round {r + 1} {job:5s} {name:17s} {wall:6.2f} s wall / {cpu:6.2f} s CPU; {load()}")
    print("\n  | job | rouge-score loop | sumcheck " + baseline + " | sumcheck new | loop / " + baseline + " | loop / new | new vs " + baseline + " |")
    print("  |---|---|---|---|---|---|---|")
    for job in ("score", "run"):
        best = {who: min(w for w, _ in times[(job, who)]) for who in ("loop", "old", "new")}
        cpu = {who: min(c for _, c in times[(job, who)]) for who in ("loop", "old", "new")}
        print(f"  | {job} (best wall) | {best['loop']:.2f} s | {best['old']:.2f} s | {best['new']:.2f} s | {best['loop'] / best['old']:.1f}x | "
              f"**{best['loop'] / best['new']:.1f}x** | {best['old'] / best['new']:.2f}x faster |")
        print(f"  | {job} (best CPU) | {cpu['loop']:.2f} s | {cpu['old']:.2f} s | {cpu['new']:.2f} s | {cpu['loop'] / cpu['old']:.1f}x | "
              f"{cpu['loop'] / cpu['new']:.1f}x | {cpu['old'] / cpu['new']:.2f}x less |")
        walls = [(lw, nw) for (lw, _), (nw, _) in zip(times[(job, "loop")], times[(job, "new")])]
        print(f"  | {job} (per round, loop / new wall) | " + ", ".join(f"{lw / nw:.1f}x" for lw, nw in walls) + " | | | | | |")
    for job in ("score", "run"):
        same = []
        for r in range(rounds):
            old, new = tmp / "old" / f"{job}{r}", tmp / "new" / f"{job}{r}"
            same.append(all((old / f).read_bytes() == (new / f).read_bytes() for f in ("results.jsonl", "scores.json"))
                        and _same_report(old / "report.html", new / "report.html"))
        info = json.loads((tmp / "new" / f"{job}0" / "run.json").read_text())
        print(f"  {job}: results.jsonl and scores.json byte-identical to {baseline}'s, and the data report.html embeds too (but "
              f"for its `created` time): {all(same)} ({rounds} rounds); new timings (run.json): "
              + ", ".join(f"{k} {v:.2f} s" for k, v in info["timings"].items()))
    base = json.loads((tmp / "loop-score0.json").read_text())
    ours = [json.loads(line) for line in (tmp / "new" / "score0" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    agree = sum(all(abs(o["rouge"][t]["fmeasure"] - b[t]) < 1e-12 for t in TYPES[:3]) for o, b in zip(ours, base))
    print(f"  rouge1/2/L F identical to rouge-score on {agree:,}/{n:,} pairs (Lsum uses sumcheck's recorded sentence split); {load()}")
    bench_costs(tmp / "new" / "score0")
    if profile:
        prof = tmp / "score.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "sumcheck.cli", "score", str(data), "--out",
                        str(tmp / "profiled"), "--metrics", "rouge", "--quiet"], capture_output=True, check=True, env=_env(None))
        import io
        import pstats

        text = io.StringIO()
        pstats.Stats(str(prof), stream=text).sort_stats("tottime").print_stats(15)
        print("\n  cProfile of one `sumcheck score` (new code), top 15 by own time:")
        print("\n".join("  " + line for line in text.getvalue().splitlines() if line.strip() and not line.startswith(("   Ordered", "   List"))))


def bench_costs(run_dir: Path, small_share: float = 0.2, repeats: int = 3) -> None:
    """The report's and the bootstrap's cost per 1,000 rows: each timed (best of ``repeats``, in this
    process, with the rows in memory as a run hands them over) on the rows of the first
    ``small_share`` of the documents and on all rows; the slope between the two is the cost per row,
    the intercept the fixed cost."""
    from sumcheck.report import render_report
    from sumcheck.stats import bootstrap_mean

    rows = [json.loads(line) for line in (run_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = [json.loads(line) for line in (run_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    files = {"run.json": json.loads((run_dir / "run.json").read_text()), "scores.json": json.loads((run_dir / "scores.json").read_text()),
             "documents.jsonl": docs, "results.jsonl": rows, "predictions.jsonl": []}
    keep = {d["id"] for d in docs[: int(len(docs) * small_share)]}
    small = dict(files, **{"documents.jsonl": [d for d in docs if d["id"] in keep], "results.jsonl": [r for r in rows if r["id"] in keep]})

    def report(f):
        return render_report(run_dir, files=f)

    def bootstrap(f):
        draws: dict = {}
        by_system: dict[str, list] = {}
        for r in f["results.jsonl"]:
            by_system.setdefault(r["system"], []).append(r)
        for sys_rows in by_system.values():
            sys_rows.sort(key=lambda r: r["id"])
            for key in sorted({k for r in sys_rows for k in r["values"]}):
                bootstrap_mean([r["values"].get(key) for r in sys_rows], resamples=1000, seed=12345, draws=draws)

    for label, fn in (("report (render_report: payload + page)", report), ("bootstrap (1,000 resamples, 4 ROUGE values)", bootstrap)):
        best = {}
        for name, f in (("small", small), ("all", files)):
            runs = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                fn(f)
                runs.append(time.perf_counter() - t0)
            best[name] = min(runs)
        n_small, n_all = len(small["results.jsonl"]), len(rows)
        slope = (best["all"] - best["small"]) / (n_all - n_small)
        print(f"  {label}: {n_small:,} rows {best['small'] * 1000:.0f} ms, {n_all:,} rows {best['all'] * 1000:.0f} ms: "
              f"**{slope * 1e6:.0f} ms per 1,000 rows** + {max(0.0, best['small'] - slope * n_small) * 1000:.0f} ms fixed; {load()}")


API = r"""
import json, sys, time
import sumcheck
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
calls, size, workers = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
extra = {} if workers == "default" else {"workers": int(workers)}
t0 = time.perf_counter()
first = None
for i in range(calls):
    batch = [{"id": f"{i}-{j}", "document": r["document"], "summary": r["summary"]} for j, r in enumerate(rows[i * size:(i + 1) * size])]
    t = time.perf_counter()
    sumcheck.score(batch, metrics=["factcheck"], report=False)
    first = first if first is not None else time.perf_counter() - t
print(json.dumps({"seconds": time.perf_counter() - t0, "first": first, "pairs": calls * size}))
"""


def bench_api(tmp: Path, base_pkg: Path, baseline: str, rounds: int) -> None:
    """``sumcheck.score`` called many times in one process: 100 calls of 12 pairs (each call one block,
    scored in the calling process), and 10 calls of 125 pairs (two blocks or more: the 2-worker pool)."""
    print(f"\n[api] sumcheck.score(rows, metrics=['factcheck']) in one process, on the first pairs of {XSUMFAITH.name}; {load()}")
    shapes = ((100, 12), (10, 125))
    best: dict[tuple[str, int], float] = {}
    for r in range(rounds):
        for calls, size in shapes:
            for who in (("old", "new") if r % 2 == 0 else ("new", "old")):
                done = subprocess.run([sys.executable, "-c", API, str(XSUMFAITH), str(calls), str(size), "default"], capture_output=True,
                                      text=True, env=_env(base_pkg if who == "old" else None))
                if done.returncode != 0:
                    raise SystemExit(f"api bench ({who}) failed: {done.stderr.strip()[-2000:]}")
                got = json.loads(done.stdout.strip().splitlines()[-1])
                rate = got["pairs"] / got["seconds"]
                best[(who, size)] = max(best.get((who, size), 0.0), rate)
                print(f"  round {r + 1} {'sumcheck ' + baseline if who == 'old' else 'sumcheck new':16s} {calls} calls x {size} pairs: "
                      f"{rate:6.1f} pairs/s over all calls ({got['seconds']:.1f} s; the first call, models loading, {got['first']:.1f} s); {load()}")
    for calls, size in shapes:
        print(f"  best, {calls} calls x {size} pairs: {baseline} {best[('old', size)]:.1f} pairs/s, new {best[('new', size)]:.1f} pairs/s "
              f"({best[('new', size)] / best[('old', size)]:.2f}x)")


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
    ap.add_argument("--only", default="rouge,api,factcheck,faithfulness")
    ap.add_argument("--pairs", type=int, default=10_800, help="ROUGE pairs")
    ap.add_argument("--fc-pairs", type=int, default=1_250, help="fact-check pairs")
    ap.add_argument("--faith-pairs", type=int, default=400, help="faithfulness pairs")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--marginal", action="store_true",
                    help="also print the fact-check's steady-state (marginal) pairs/s, fixed cost removed")
    ap.add_argument("--baseline", default="93c89b4", help="the commit the rouge and api parts compare against")
    ap.add_argument("--profile", action="store_true", help="also print the top of a cProfile of one `sumcheck score` (rouge part)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs visible, python {platform.python_version()}; {load()}")
    with tempfile.TemporaryDirectory(prefix="sumcheck-bench-") as tmpdir:
        tmp = Path(tmpdir)
        base_pkg = baseline_package(args.baseline, tmp) if only & {"rouge", "api"} else None
        if "rouge" in only:
            bench_rouge(tmp, args.pairs, args.rounds, base_pkg, args.baseline, args.profile)
        if "api" in only:
            bench_api(tmp, base_pkg, args.baseline, args.rounds)
        if "factcheck" in only:
            bench_metric(tmp, "factcheck", args.fc_pairs, "factcheck")
            if args.marginal:
                bench_marginal(tmp, "factcheck", args.fc_pairs, "factcheck")
        if "faithfulness" in only:
            bench_metric(tmp, "factcheck,faithfulness", args.faith_pairs, "faithfulness")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
