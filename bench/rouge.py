"""Pairs per second: the harness's ROUGE metric vs a plain rouge-score ``RougeScorer`` loop.

Same process, same 2000 pairs (../shared/data/rouge155_oracle_xsum.jsonl), all four ROUGE types
with stemming. The harness is timed through ``RougeMetric.score`` (tokenless checks, sentence
splitting and row dicts included). Scores must be identical: with ``lsum_split: newline`` (the
rouge-score convention) every P/R/F of every type is compared for exact float equality; with the
default ``lsum_split: sentences`` ROUGE-1/2/L are compared exactly and ROUGE-Lsum differences are
counted (a different, recorded, sentence split).

    .venv/bin/python bench/rouge.py [--threads N] [--rounds 3] [--repeats 5] [--memory-words 2000]

``--threads`` sets RAYON_NUM_THREADS for rouge-score-rs before it is imported (default: all cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "rouge155_oracle_xsum.jsonl"
TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=0, help="RAYON_NUM_THREADS for rouge-score-rs (0: all cores)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of (baseline once, harness --repeats times); best of each is reported")
    ap.add_argument("--repeats", type=int, default=5, help="harness runs per round")
    ap.add_argument("--memory-words", type=int, default=0, help="also compare peak memory on one N x N-word pair (e.g. 2000)")
    args = ap.parse_args()
    if args.threads:
        os.environ["RAYON_NUM_THREADS"] = str(args.threads)
    sys.path.insert(0, str(ROOT))

    from rouge_score.rouge_scorer import RougeScorer as Reference

    from sumcheck.metric import Pair
    from sumcheck.rouge.metric import RougeMetric
    from sumcheck.summarize.records import Document, Prediction

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    pairs = [Pair(Document(id=str(i), text="", references=(r["reference"],)), Prediction(doc_id=str(i), system=r["system"], summary=r["candidate"]))
             for i, r in enumerate(rows)]
    n = len(pairs)

    reference = Reference(TYPES, use_stemmer=True)
    metrics = {split: RougeMetric({"stemmer": True, "lsum_split": split}) for split in ("newline", "sentences")}
    base_times: list[float] = []
    times: dict[str, list[float]] = {split: [] for split in metrics}
    outs: dict[str, list] = {}
    base_out: list = []
    # Rounds interleave the baseline and the harness so both see the same machine load.
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        base_out = [reference.score(p.document.references[0], p.prediction.summary) for p in pairs]
        base_times.append(time.perf_counter() - t0)
        for split, metric in metrics.items():
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                outs[split] = metric.score(pairs)
                times[split].append(time.perf_counter() - t0)
    base = min(base_times)

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs visible, RAYON_NUM_THREADS={os.environ.get('RAYON_NUM_THREADS', 'all')}")
    print(f"pairs: {n}; types: {', '.join(TYPES)}; stemming: yes; best of {args.rounds} baseline runs and {args.rounds * args.repeats} harness runs, interleaved")
    print(f"rouge-score 0.1.2 RougeScorer loop: {base:.3f} s  {n / base:,.0f} pairs/s")
    ok = True
    for split, metric in metrics.items():
        best, out = min(times[split]), outs[split]
        per_round = [base_times[r] / statistics.median(times[split][r * args.repeats:(r + 1) * args.repeats]) for r in range(args.rounds)]
        exact_types = TYPES if split == "newline" else TYPES[:3]
        mismatches = sum(
            any(row[t][k] != getattr(ref[t], k) for t in exact_types for k in ("precision", "recall", "fmeasure"))
            for row, ref in zip(out, base_out)
        )
        lsum_diff = sum(row["rougeLsum"]["fmeasure"] != ref["rougeLsum"].fmeasure for row, ref in zip(out, base_out))
        sig = metric.signature_fields()
        print(f"harness ({sig['impl']}, lsum-split:{sig['lsum-split']}): {best:.4f} s  {n / best:,.0f} pairs/s  "
              f"ratio {base / best:.1f}x (best/best; per round baseline/median harness: {', '.join(f'{x:.1f}x' for x in per_round)})\n"
              f"    pairs differing on {'/'.join(exact_types)}: {mismatches}  rougeLsum F differing: {lsum_diff}")
        ok = ok and mismatches == 0
    print("identical scores" if ok else "SCORES DIFFER")
    if args.memory_words:
        memory(args.memory_words, reference, RougeMetric)
    return 0 if ok else 1


def memory(words: int, reference, metric_class) -> None:
    """Peak traced Python memory of one words x words single-sentence pair, rouge-score vs ours."""
    import random
    import tracemalloc

    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    rng = random.Random(7)
    pool = [f"w{i}" for i in range(5000)]

    def texts(n: int) -> tuple[str, str]:
        return " ".join(rng.choice(pool) for _ in range(n)), " ".join(rng.choice(pool) for _ in range(n))

    def peak(fn) -> tuple[float, float]:
        tracemalloc.start()
        t0 = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - t0
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top / 2**20, elapsed

    ref, can = texts(words)
    ours = metric_class({"impl": "python", "stemmer": False})
    base_mib, base_s = peak(lambda: reference.score(ref, can))
    ours_mib, ours_s = peak(lambda: ours.score([Pair(Document(id="m", text="", references=(ref,)), Prediction(doc_id="m", system="s", summary=can))]))
    print(f"memory, {words} x {words} words, one sentence, all four types: rouge-score peak {base_mib:,.0f} MiB ({base_s:.1f} s), "
          f"ours (python backend) peak {ours_mib:,.1f} MiB ({ours_s:.2f} s)")
    big_ref, big_can = texts(20_000)
    big_mib, big_s = peak(lambda: ours.score([Pair(Document(id="m", text="", references=(big_ref,)), Prediction(doc_id="m", system="s", summary=big_can))]))
    print(f"memory, 20000 x 20000 words: ours peak {big_mib:,.1f} MiB ({big_s:.2f} s); rouge-score would hold a 4e8-cell table (3.2 GB of pointers alone)")


if __name__ == "__main__":
    raise SystemExit(main())
