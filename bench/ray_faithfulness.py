"""The same faithfulness job on the local engine and on Ray, with 1 and 2 workers, side by side.

The job: ``sumcheck score PAIRS --metrics faithfulness --no-report`` on the first ``--pairs`` pairs
(default 2,000) of the validation cuts xsumfaith_val, frank_val and factcc_val (in that order), run
four times as separate processes, alternating engines: local --workers 1, local --workers 2,
ray --workers 1, ray --workers 2 (interleaved so that machine load hits both engines alike). Each run
is timed end to end, process start to exit: for Ray this includes starting a private local Ray
instance and the actors loading their models, which is the fixed cost a user pays on one machine.
The four ``results.jsonl`` are compared byte for byte.

    .venv/bin/python bench/ray_faithfulness.py [--pairs 2000]
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

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = ["xsumfaith_val.jsonl", "frank_val.jsonl", "factcc_val.jsonl"]


def make_pairs(path: Path, n: int) -> None:
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        for name in SOURCES:
            for i, line in enumerate((SHARED / name).read_text(encoding="utf-8").splitlines()):
                if written == n:
                    return
                row = json.loads(line)
                fh.write(json.dumps({"id": f"{name}:{i}", "document": row["document"], "summary": row["summary"]}) + "\n")
                written += 1


def load() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=2000)
    args = ap.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs visible; {load()}")
    env = dict(os.environ, RAY_ADDRESS="")  # never join someone else's Ray: start a private local one
    results = {}
    with tempfile.TemporaryDirectory(prefix="sumcheck-raybench-") as tmpdir:
        tmp = Path(tmpdir)
        data = tmp / "pairs.jsonl"
        make_pairs(data, args.pairs)
        print(f"job: {args.pairs:,} pairs, --metrics faithfulness (fact-check features computed inside)")
        for engine, workers in (("local", 1), ("ray", 1), ("local", 2), ("ray", 2)):
            out = tmp / f"{engine}-{workers}"
            cmd = [sys.executable, "-m", "sumcheck.cli", "score", str(data), "--out", str(out), "--metrics", "faithfulness",
                   "--no-report", "-q", "--engine", engine, "--workers", str(workers)]
            t0 = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, env=env)
            wall = time.perf_counter() - t0
            if done.returncode != 0:
                print(f"  {engine} x{workers}: FAILED ({done.returncode}) {done.stderr.strip()[-800:]}")
                continue
            timings = json.loads((out / "run.json").read_text())["timings"]
            results[(engine, workers)] = (wall, (out / "results.jsonl").read_bytes())
            print(f"  {engine:5s} --workers {workers}: {wall:7.1f} s end to end, {args.pairs / wall:6.1f} pairs/s "
                  f"(run.json total {timings.get('total', float('nan')):.1f} s); {load()}")
    if ("local", 1) in results:
        base = results[("local", 1)][0]
        print("ratios (local --workers 1 wall / this wall): " + ", ".join(
            f"{e} x{w}: {base / wall:.2f}x" for (e, w), (wall, _) in results.items()))
    same = {k: v[1] == results[("local", 2)][1] for k, v in results.items()} if ("local", 2) in results else {}
    print(f"results.jsonl identical to local --workers 2 (same threads per process): {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
