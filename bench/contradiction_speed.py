"""Issue 26: the offline faithfulness backend's speed with and without the contradiction check,
side by side in one process (same encoder, same calibrated model, fact-check rows precomputed as in
a run), alternating the two so that a change in the machine's load hits both.

* ``without``: ``OfflineScorer(contradictions=False)``: today's code path (no parse, no findings);
* ``with``: the default scorer (spaCy parse of the sentences the lexical trigger selects).

Each timed run starts with an empty per-document cache and an empty parse cache; the models (MiniLM,
spaCy) are loaded before the clock. The load average is printed before and after, and the process
CPU time of each run beside its wall time (on a shared machine the wall time says little; run with
``--threads 1`` there, since OpenMP threads spin and burn CPU under contention).

    .venv/bin/python bench/contradiction_speed.py --threads 2 [--limit N] [--data FILE] [--rounds 2]
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
    model = load_model()
    load_nlp()
    encoder = OfflineScorer(model).encoder  # loaded once, shared

    def timed(check: bool) -> tuple[float, list]:
        C._CHECKER = None  # a fresh parse cache
        if check:
            C.checker()
        scorer = OfflineScorer(model, encoder=encoder, contradictions=check)
        t, c = time.perf_counter(), time.process_time()
        out = []
        for i in range(0, len(rows), args.batch):
            out += scorer.score(sources[i:i + args.batch], summaries[i:i + args.batch], fc[i:i + args.batch])
        cpu[check].append(time.process_time() - c)
        return time.perf_counter() - t, out

    cpu: dict[bool, list[float]] = {False: [], True: []}

    res = {False: [], True: []}
    for _ in range(args.rounds):
        for check in ((True, False) if args.with_first else (False, True)):
            dt, out = timed(check)
            res[check].append(dt)
            print(f"  {'with' if check else 'without'} contradiction check: {len(rows) / dt:.1f} pairs/s ({dt:.1f} s wall, "
                  f"{cpu[check][-1]:.1f} s CPU)", flush=True)
    found = sum(1 for r in out for s in r.sentences if s.findings)
    best = {k: min(v) for k, v in res.items()}
    print(f"{Path(args.data).name}, {len(rows)} pairs: without {len(rows) / best[False]:.1f} pairs/s, with "
          f"{len(rows) / best[True]:.1f} pairs/s (best of {args.rounds}; x{best[True] / best[False]:.2f} time); "
          f"sentences with a finding: {found}")
    c0, c1 = min(cpu[False]), min(cpu[True])
    print(f"CPU time (process, all threads): without {c0:.1f} s, with {c1:.1f} s: the check costs {1000 * (c1 - c0) / len(rows):.1f} "
          f"CPU-ms per pair (x{c1 / c0:.2f} CPU); on a loaded machine CPU time is the steadier figure (with torch threads 1: "
          "no spinning OpenMP threads)")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
