"""Issue 26: the offline faithfulness backend's speed with and without the contradiction check,
side by side in one process (same encoder, same calibrated model, fact-check rows precomputed as in
a run), alternating the two so that a change in the machine's load hits both.

* ``without``: ``OfflineScorer(contradictions=False)``: today's code path (no parse, no findings);
* ``with``: the default scorer (spaCy parse of the sentences the lexical trigger selects).

Each timed run starts with an empty per-document cache and an empty parse cache; the models (MiniLM,
spaCy) are loaded before the clock. The load average is printed before and after, and the process
CPU time of each run beside its wall time (on a shared machine the wall time says little; run with
``--threads 1`` there, since OpenMP threads spin and burn CPU under contention).

    .venv/bin/python bench/contradiction_speed.py --threads 2 [--limit N] [--data FILE] [--rounds 2] [--model FILE ...]

With ``--model`` (repeatable; default: the shipped ``configs/faithfulness.yaml``) each calibrated model
is timed with its own encoder (issue 26's encoder trial: ``encoder: minilm`` against ``static`` or a
truncated MiniLM), the models taking turns in each round.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "xsumfaith_val.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--with-first", action="store_true", help="time the run with the check first in each round")
    ap.add_argument("--model", action="append", default=None, metavar="FILE",
                    help="a calibrated model to time (repeatable; default: the shipped configs/faithfulness.yaml)")
    ap.add_argument("--with-only", action="store_true", help="time only the runs with the contradiction check")
    args = ap.parse_args()

    import torch

    import sumcheck.faithfulness.contradiction as C
    from sumcheck.factcheck.metric import FactCheckMetric
    from sumcheck.factcheck.nlp import load_nlp
    from sumcheck.faithfulness.model import load_model
    from sumcheck.faithfulness.offline import OfflineScorer
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    torch.set_num_threads(args.threads)
    print(f"load average at start: {os.getloadavg()}; torch threads {args.threads}; cores {os.cpu_count()}")
    rows = [json.loads(line) for line in open(args.data, encoding="utf-8")][: args.limit]
    sources = [r["document"] for r in rows]
    summaries = [r["summary"] for r in rows]
    pairs = [Pair(Document(id=str(i), text=s), Prediction(doc_id=str(i), system="x", summary=m))
             for i, (s, m) in enumerate(zip(sources, summaries))]
    fc = FactCheckMetric().score(pairs)
    paths = args.model or [None]
    models = [load_model(p) for p in paths]
    names = [f"{Path(p).name if p else 'shipped'} ({getattr(m, 'encoder', 'minilm')})" for p, m in zip(paths, models)]
    load_nlp()
    encoders = [OfflineScorer(m).encoder for m in models]  # loaded once each, before the clock

    def timed(key: tuple[int, bool]) -> tuple[float, list]:
        k, check = key
        C._CHECKER = None  # a fresh parse cache
        if check:
            C.checker()
        scorer = OfflineScorer(models[k], encoder=encoders[k], contradictions=check)
        t, c = time.perf_counter(), time.process_time()
        out = []
        for i in range(0, len(rows), args.batch):
            out += scorer.score(sources[i:i + args.batch], summaries[i:i + args.batch], fc[i:i + args.batch])
        cpu[key].append(time.process_time() - c)
        return time.perf_counter() - t, out

    checks = (True,) if args.with_only else ((True, False) if args.with_first else (False, True))
    keys = [(k, check) for k in range(len(models)) for check in checks]
    cpu: dict[tuple[int, bool], list[float]] = {key: [] for key in keys}
    res: dict[tuple[int, bool], list[float]] = {key: [] for key in keys}
    found = {}
    for _ in range(args.rounds):
        for key in keys:
            dt, out = timed(key)
            res[key].append(dt)
            if key[1]:
                found[key[0]] = sum(1 for r in out for s in r.sentences if s.findings)
            print(f"  {names[key[0]]}, {'with' if key[1] else 'without'} contradiction check: {len(rows) / dt:.1f} pairs/s "
                  f"({dt:.1f} s wall, {cpu[key][-1]:.1f} s CPU)", flush=True)
    for k, name in enumerate(names):
        best = {check: min(res[(k, check)]) for check in checks}
        line = ", ".join(f"{'with' if check else 'without'} {len(rows) / best[check]:.1f} pairs/s" for check in checks)
        print(f"{name}: {Path(args.data).name}, {len(rows)} pairs: {line} (best of {args.rounds}); "
              f"sentences with a finding: {found.get(k)}")
        if len(checks) == 2:
            c0, c1 = min(cpu[(k, False)]), min(cpu[(k, True)])
            print(f"  CPU time (process, all threads): without {c0:.1f} s, with {c1:.1f} s: the check costs "
                  f"{1000 * (c1 - c0) / len(rows):.1f} CPU-ms per pair (x{c1 / c0:.2f} CPU); on a loaded machine CPU time is "
                  "the steadier figure (with torch threads 1: no spinning OpenMP threads)")
    if len(models) > 1:
        base = min(res[(0, True)])
        for k in range(1, len(models)):
            print(f"{names[k]} against {names[0]}, with the check: x{base / min(res[(k, True)]):.2f} pairs/s "
                  f"(CPU x{min(cpu[(0, True)]) / min(cpu[(k, True)]):.2f})")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
