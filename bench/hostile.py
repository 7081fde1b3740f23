"""Fact-check time on hostile text (issue 28, row 3): each super-linear class at three sizes, the
fact-checker as of a baseline commit and the current one side by side, in one process.

    .venv/bin/python bench/hostile.py                      # timings (baseline 93c89b4 vs now)
    .venv/bin/python bench/hostile.py --only same          # identical results on the shared cuts
    .venv/bin/python bench/hostile.py --scale 0.5          # smaller sizes (a loaded machine)
    .venv/bin/python bench/hostile.py --only time --member apples   # one member (name contains the text)

Timings: each class is a family of inputs (other punctuation, other number layouts) at sizes n, 2n,
4n. The entry point timed is the one a user hits: ``check_pairs`` (summary classes: spaCy, numbers,
entities, counted nouns; ``check-both``: summary and source both of size n), ``analyse_source``
(source classes, no cache) or ``extract_numbers``.
The baseline package is copied out of git into a temporary package (as ``bench/factcheck.py
--baseline-ref`` does) and loaded beside the current one; models are warmed up first. ``x2`` is
the time at 2n over the time at n, and so on: about 2 and 4 for linear time, 4 and 16 for quadratic.
A baseline run is stopped after ``--limit`` seconds (shown as ``>limit``).

``--only same``: the fact-check rows (``FactCheck.to_json()``) of every pair of the shared cuts named by
``--cuts`` from both packages, and, on every document and summary of every shared cut, the repaired
text view, the number mentions and the lower-case sentence spans (no model needed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_spec = importlib.util.spec_from_file_location("bench_factcheck", ROOT / "bench" / "factcheck.py")
FB = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(FB)  # type: ignore[union-attr]
DATA = FB.DATA
BASELINE = "93c89b4"
SOURCE = "The council said 300 soldiers died in 2014, costing $5m. Mr Smith agreed with the figures."


def _classes(scale: float) -> list[tuple[str, str, str, int, object]]:
    """(class, member, entry point, base size n, n -> input)."""
    def s(n: int) -> int:
        return max(10, int(n * scale))

    return [
        ("stop run", "'.' x n + 'x'", "check", s(4000), lambda n: "It rained" + "." * n + "x"),
        ("stop run", "'?!' x n/2 + 'x'", "check", s(4000), lambda n: "Really" + "?!" * (n // 2) + "x"),
        ("symbol run", "'!' x n", "check", s(2000), lambda n: "!" * n),
        ("symbol run", "'$' x n", "check", s(2000), lambda n: "$" * n),
        ("symbol run", "'=' x n", "check", s(2000), lambda n: "=" * n),
        ("symbol run", "\"'s\" x n/2", "check", s(2000), lambda n: "'s" * (n // 2)),
        ("many numbers", "'<i> soldiers' x n/11", "check", s(12000), lambda n: " ".join(f"{i} soldiers" for i in range(n // 11))),
        ("many numbers", "'<i> Smith' x n/9", "check", s(12000), lambda n: " ".join(f"{i} Smith" for i in range(n // 9))),
        ("many numbers", "source: '5 cars, ' x n/8", "check-source", s(40000), lambda n: "5 cars, " * (n // 8)),
        ("many numbers", "'<i> cars.' x n/11, source '<i> apples.' x n/11", "check-both", s(11000),
         lambda n: (" ".join(f"{i} cars." for i in range(n // 11)), " ".join(f"{i} apples." for i in range(n // 11)))),
        ("lakh groups", "'12,' x n/3 (summary)", "numbers", s(20000), lambda n: "It cost " + ",".join(["12"] * (n // 3)) + " rupees."),
        ("lakh groups", "'1,' + '34,' x n/3 (source)", "source", s(20000), lambda n: "It cost 1," + ",".join(["34"] * (n // 3)) + " rupees."),
        ("mojibake chunk", "'Â£' + CJK x n", "source", s(2000), lambda n: "Â£" + "中" * n),
        ("mojibake chunk", "CJK x n/2 + 'JosÃ©' + CJK x n/2", "source", s(2000), lambda n: "北" * (n // 2) + "JosÃ©" + "京" * (n // 2)),
        ("mojibake chunk", "'Ã©' + 'a' x n", "source", s(2000), lambda n: "Ã©" + "a" * n),
    ]


class _Late(Exception):
    pass


def _timed(fn, limit: float) -> float:
    """Seconds ``fn()`` took, or inf when it ran past ``limit`` (stopped by SIGALRM)."""
    def late(*_):
        raise _Late()

    old = signal.signal(signal.SIGALRM, late)
    signal.setitimer(signal.ITIMER_REAL, limit)
    t0 = time.perf_counter()
    try:
        fn()
        return time.perf_counter() - t0
    except _Late:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _runner(check_mod, numbers_mod, kind: str):
    if kind == "check":
        def run(text: str) -> None:
            check_mod.clear_cache()
            check_mod.check_pairs(summaries=[text], sources=[SOURCE], use_cache=False)
    elif kind == "check-source":
        def run(text: str) -> None:
            check_mod.clear_cache()
            check_mod.check_pairs(summaries=["He sold 5 cars and 5 buses."], sources=[text], use_cache=False)
    elif kind == "check-both":
        def run(pair: tuple[str, str]) -> None:
            check_mod.clear_cache()
            check_mod.check_pairs(summaries=[pair[0]], sources=[pair[1]], use_cache=False)
    elif kind == "source":
        def run(text: str) -> None:
            check_mod.analyse_source(text, use_cache=False)
    else:
        def run(text: str) -> None:
            numbers_mod.extract_numbers(text)
    return run


def timings(scale: float, limit: float, baseline: str, member: str = "") -> list[dict]:
    import sumcheck.factcheck.check as C
    import sumcheck.factcheck.numbers as N

    B = FB._baseline_package(baseline)
    BN = importlib.import_module("fc_baseline.numbers")
    for mod in (C, B):  # one-time loads: spaCy model, language detector, digit tables
        mod.check_pairs(summaries=["About 300 soldiers died. é"], sources=[SOURCE + " é"], use_cache=False)
    rows = []
    for cls, name, kind, n, make in _classes(scale):
        if member not in name:
            continue
        row = {"class": cls, "member": name, "entry": kind, "sizes": [n, 2 * n, 4 * n]}
        for side, (cm, nm) in (("before", (B, BN)), ("after", (C, N))):
            run = _runner(cm, nm, kind)
            times = []
            for size in row["sizes"]:
                text = make(size)
                t = _timed(lambda: run(text), limit) if not times or times[-1] != float("inf") else float("inf")
                times.append(t)
            row[side] = times
        rows.append(row)
        print(_line(row), flush=True)
    return rows


def _fmt(t: float, limit: float) -> str:
    return f">{limit:.0f}" if t == float("inf") else f"{t:.3f}"


def _ratio(a: float, b: float) -> str:
    if a == float("inf") or b == float("inf") or a <= 0:
        return "-"
    return f"{b / a:.1f}"


LIMIT = 60.0


def _line(row: dict) -> str:
    b, a = row["before"], row["after"]
    return (f"| {row['class']} | {row['member']} | {row['entry']} | {' / '.join(str(x) for x in row['sizes'])} | "
            f"{' / '.join(_fmt(t, LIMIT) for t in b)} | x{_ratio(b[0], b[1])} x{_ratio(b[0], b[2])} | "
            f"{' / '.join(_fmt(t, LIMIT) for t in a)} | x{_ratio(a[0], a[1])} x{_ratio(a[0], a[2])} |")


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _mentions(found) -> list[tuple]:
    """Number mentions as plain tuples (the two packages' Reading classes differ)."""
    def readings(rs) -> tuple:
        return tuple((r.family, r.value, r.unit, r.step) for r in rs)

    return [(m.start, m.end, m.text, m.kind, tuple(readings(a) for a in m.alternatives), m.qualifier, readings(m.offers))
            for m in found]


def same(cuts: list[str], baseline: str) -> dict:
    """Rows that differ between the baseline and the current fact-checker (none expected)."""
    import sumcheck.factcheck.check as C
    from sumcheck.factcheck import entities as E
    from sumcheck.factcheck import numbers as N
    from sumcheck.factcheck import textview as T

    B = FB._baseline_package(baseline)
    BE = importlib.import_module("fc_baseline.entities")
    BN = importlib.import_module("fc_baseline.numbers")
    BT = importlib.import_module("fc_baseline.textview")
    out: dict = {"baseline": baseline, "cuts": {}, "texts": {}}
    for name in cuts:
        rows = _rows(name)
        summaries, sources = [r["summary"] for r in rows], [r["document"] for r in rows]
        new = C.check_pairs(summaries=summaries, sources=sources, use_cache=False)
        old = B.check_pairs(summaries=summaries, sources=sources, use_cache=False)
        diff = [k for k, (a, b) in enumerate(zip(old, new)) if a.to_json() != b.to_json()]
        out["cuts"][name] = {"pairs": len(rows), "rows_differing": len(diff), "first": diff[:5],
                             "items": sum(len(c.items) for c in new), "flags": sum(len(c.flags) for c in new)}
        print(name, out["cuts"][name], flush=True)
    texts, summaries_all = set(), set()
    for f in sorted(DATA.glob("*.jsonl")):
        for r in _rows(f.name):
            for key in ("summary", "document"):
                if isinstance(r.get(key), str):
                    texts.add(r[key])
            if isinstance(r.get("summary"), str):
                summaries_all.add(r["summary"])
    differ = {"view": 0, "numbers": 0, "lowercased_spans": 0, "spacy_input": 0}
    for t in texts:
        a, b = BT.TextView.of(t), T.TextView.of(t)
        if (a.text, list(a.starts or []), list(a.ends or [])) != (b.text, list(b.starts or []), list(b.ends or [])):
            differ["view"] += 1
        if _mentions(BN.extract_numbers(t)) != _mentions(N.extract_numbers(t)):
            differ["numbers"] += 1
        if BE.lowercased_spans(t) != E.lowercased_spans(t):
            differ["lowercased_spans"] += 1
    differ["spacy_input"] = sum(C.break_long_runs(t) != t for t in summaries_all)
    out["texts"] = {"distinct_texts": len(texts), "summaries": len(summaries_all), "differing": differ}
    print(out["texts"], flush=True)
    return out


def main() -> int:
    global LIMIT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["time", "same"])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    ap.add_argument("--limit", type=float, default=LIMIT, help="seconds after which a run is stopped")
    ap.add_argument("--baseline-ref", default=BASELINE)
    ap.add_argument("--member", default="", help="time only the members whose name contains this text")
    ap.add_argument("--cuts", default="frank_val.jsonl,xsumfaith_val.jsonl")
    args = ap.parse_args()
    LIMIT = args.limit
    print(f"load average {os.getloadavg()}; cpus {os.cpu_count()}; python {sys.version.split()[0]}", flush=True)
    if args.only in (None, "same"):
        same([c for c in args.cuts.split(",") if c], args.baseline_ref)
    if args.only in (None, "time"):
        print("| class | member | entry | sizes (chars) | before s | before growth | after s | after growth |")
        print("|---|---|---|---|---|---|---|---|")
        timings(args.scale, args.limit, args.baseline_ref, args.member)
    print(f"load average {os.getloadavg()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
