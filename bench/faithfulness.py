"""Offline faithfulness speed on xsumfaith_val.jsonl (1250 pairs over 485 documents), side by side
in one process:

* cached: the default scorer (each source chunked, encoded and indexed once per document);
* uncached: the same scorer with the per-document cache off (``cache: 0``): every pair re-encodes
  its source, repeats included;
* with ``--baseline-config FILE``: the cached scorer with another calibrated model (e.g. the
  previous ``configs/faithfulness.yaml`` from git), to show what new features cost.

Both get the fact-check rows precomputed (as in a run, where the fact-check metric runs first),
so the figure is the faithfulness metric's own cost; the fact-check's time is printed beside it.
Both are scored in batches of ``--batch`` pairs, as the pipeline does.

    .venv/bin/python bench/faithfulness.py [--limit N] [--threads 2]
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
    ap.add_argument("--limit", type=int, default=None, help="first N pairs only")
    ap.add_argument("--batch", type=int, default=256, help="pairs per score() call (default: %(default)s)")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    ap.add_argument("--baseline-config", default=None, help="another calibrated model to time side by side")
    args = ap.parse_args()

    import numpy as np
    import torch

    from sumcheck.factcheck.metric import FactCheckMetric
    from sumcheck.faithfulness.metric import FaithfulnessMetric
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    if args.threads:
        torch.set_num_threads(args.threads)
    rows = [json.loads(line) for line in open(args.data, encoding="utf-8")][: args.limit]
    pairs = [Pair(Document(id=str(i), text=r["document"]), Prediction(doc_id=str(i), system=r.get("model_name", "x"),
                                                                       summary=r["summary"])) for i, r in enumerate(rows)]
    t0 = time.perf_counter()
    fc = FactCheckMetric().score(pairs)
    t_fc = time.perf_counter() - t0

    def timed(settings):
        metric = FaithfulnessMetric(settings)
        metric.scorer()  # load the encoder outside the clock
        t = time.perf_counter()
        out = []
        for lo in range(0, len(pairs), args.batch):
            out += metric.score(pairs[lo:lo + args.batch], upstream={"factcheck": fc[lo:lo + args.batch]})
        return time.perf_counter() - t, out

    load = os.getloadavg()[0]
    t_cached, a = timed({})
    t_plain, b = timed({"cache": 0})
    t_base = timed({"config": args.baseline_config})[0] if args.baseline_config else None
    sa = np.array([np.nan if r["score"] is None else r["score"] for r in a])
    sb = np.array([np.nan if r["score"] is None else r["score"] for r in b])
    same = np.allclose(sa, sb, atol=1e-5, equal_nan=True)
    max_diff = float(np.nanmax(np.abs(sa - sb))) if len(sa) else 0.0
    labels = float(np.mean([x.get("label") == y.get("label") for x, y in zip(a, b)]))
    n = len(pairs)
    print(f"pairs: {n} over {len({r['document'] for r in rows})} documents; torch threads {torch.get_num_threads()}; "
          f"cpus {os.cpu_count()}; load average at start {load:.1f}")
    print(f"fact-check (upstream, not in the figures below): {n / t_fc:.1f} pairs/s")
    print(f"faithfulness offline, cached:   {n / t_cached:7.1f} pairs/s ({t_cached:.1f} s)")
    print(f"faithfulness offline, uncached: {n / t_plain:7.1f} pairs/s ({t_plain:.1f} s)")
    if t_base is not None:
        print(f"faithfulness offline, cached, {Path(args.baseline_config).name}: {n / t_base:7.1f} pairs/s ({t_base:.1f} s); "
              f"shipped model / baseline time x{t_cached / t_base:.2f}")
    print(f"speed-up from the per-document cache: x{t_plain / t_cached:.2f}; identical scores (1e-5): {same}; "
          f"max |difference| {max_diff:.2e}; same label {100 * labels:.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
