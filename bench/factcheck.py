"""Fact-checker quality and speed on the shared validation cuts.

    .venv/bin/python bench/factcheck.py                 # everything
    .venv/bin/python bench/factcheck.py --only quality  # FRANK + XSum hallucination spans
    .venv/bin/python bench/factcheck.py --only speed --naive-sample 300
    .venv/bin/python bench/factcheck.py --only extraction --baseline-ref 93c89b4 --rounds 3

Quality
  * frank_val.jsonl: share of summaries labelled EntE or CircE that get >= 1 flag (higher is better)
    and share of NoE summaries that get no flag (higher is better); flag rate per error type.
  * xsum_hallucination_spans_val.jsonl: flag precision = share of flags that lie inside a span that
    at least one annotator marked as hallucinated. The annotators' offsets are mostly shifted by one
    character; each span is re-located by its text (nearest occurrence to the given offset).
Speed (xsumfaith_val.jsonl, 1250 pairs over ~485 documents), in one process, side by side:
  * optimised: ``check_pairs`` (source analysis cached per document, summaries through ``nlp.pipe``
    with parser and lemmatizer off);
  * naive (as the issue defines it): per pair, the full spaCy pipeline on source and summary, no cache;
  * naive-summary-only: per pair, no cache, the full pipeline on the summary only (what the checker
    actually reads; a stricter baseline).
  The naive runs take a seeded random sample of pairs (``--naive-sample``); pairs/s does not depend
  on which pairs since nothing is shared between them.
  * ``--baseline-ref REF`` (e.g. ``0566d1e``): the fact-checker as it was at git commit REF, loaded
    side by side in the same process (its files are copied from git into a temporary package), run
    on the same pairs, alternating with the current one (``--rounds``, fastest of each kept): the
    ratio is what a contended machine can measure.
  One-time loads (spaCy model, language-detector model, digit tables) are warmed up before timing.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def frank_quality() -> dict:
    from sumcheck.factcheck.check import check_pairs

    rows = _rows("frank_val.jsonl")
    checks = check_pairs(summaries=[r["summary"] for r in rows], sources=[r["document"] for r in rows])
    flagged: Counter = Counter()
    total: Counter = Counter()
    for r, c in zip(rows, checks):
        total[r["error_type"]] += 1
        flagged[r["error_type"]] += bool(c.flags)
    err = total["EntE"] + total["CircE"]
    return {
        "ent_circ_flagged": (flagged["EntE"] + flagged["CircE"]) / err,
        "ent_circ_n": err,
        "noe_clean": 1 - flagged["NoE"] / total["NoE"],
        "noe_n": total["NoE"],
        "flag_rate_by_type": {k: round(flagged[k] / total[k], 3) for k in sorted(total)},
        "label0_flagged": sum(bool(c.flags) for r, c in zip(rows, checks) if str(r["label"]) == "0") / max(1, sum(str(r["label"]) == "0" for r in rows)),
        "label1_clean": sum(not c.flags for r, c in zip(rows, checks) if str(r["label"]) == "1") / max(1, sum(str(r["label"]) == "1" for r in rows)),
    }


def _locate(summary: str, span: dict) -> tuple[int, int] | None:
    text, a, b = span.get("span") or "", int(span["start"]), int(span["end"])
    if not text:
        return None
    for shift in (0, -1, 1):
        if summary[a + shift:b + shift] == text:
            return a + shift, b + shift
    hits = []
    i = summary.find(text)
    while i >= 0:
        hits.append(i)
        i = summary.find(text, i + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - a))
    return best, best + len(text)


def xsum_span_precision() -> dict:
    from sumcheck.factcheck.check import check_pairs

    rows = _rows("xsum_hallucination_spans_val.jsonl")
    checks = check_pairs(summaries=[r["summary"] for r in rows], sources=[r["document"] for r in rows])
    inside = overlap = n = lost = 0
    by_kind: Counter = Counter()
    by_kind_in: Counter = Counter()
    for r, c in zip(rows, checks):
        spans = r["hallucination_spans"]
        spans = ast.literal_eval(spans) if isinstance(spans, str) else spans
        located = []
        for s in spans:
            loc = _locate(r["summary"], s)
            if loc is None:
                lost += 1
            else:
                located.append(loc)
        for f in c.flags:
            n += 1
            by_kind[f.kind] += 1
            if any(a <= f.start and f.end <= b for a, b in located):
                inside += 1
                by_kind_in[f.kind] += 1
            if any(f.start < b and a < f.end for a, b in located):
                overlap += 1
    return {
        "flags": n,
        "flag_precision_inside": inside / n if n else None,
        "flag_precision_overlap": overlap / n if n else None,
        "by_kind": {k: {"flags": by_kind[k], "inside": round(by_kind_in[k] / by_kind[k], 3)} for k in by_kind},
        "spans_not_located": lost,
        "summaries_flagged": sum(bool(c.flags) for c in checks) / len(checks),
    }


def _baseline_package(ref: str):
    """The ``sumcheck.factcheck`` package as of git ``ref``, importable as ``fc_baseline``."""
    import importlib
    import subprocess
    import tempfile

    files = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", ref, "eval/factcheck/"],
                           check=True, capture_output=True, text=True).stdout.split()
    tmp = Path(tempfile.mkdtemp(prefix="fc_baseline_"))
    pkg = tmp / "fc_baseline"
    pkg.mkdir()
    for f in files:
        if f.endswith(".py"):
            text = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:{f}"], check=True, capture_output=True, text=True).stdout
            (pkg / Path(f).name).write_text(text.replace("sumcheck.factcheck", "fc_baseline"), encoding="utf-8")
    sys.path.insert(0, str(tmp))
    return importlib.import_module("fc_baseline.check")


def speed(naive_sample: int, seed: int = 12345, baseline_ref: str | None = None, rounds: int = 2) -> dict:
    from sumcheck import lang
    from sumcheck.factcheck import check as C
    from sumcheck.factcheck.entities import summary_entities
    from sumcheck.factcheck.nlp import load_nlp
    from sumcheck.factcheck.textview import TextView

    rows = _rows("xsumfaith_val.jsonl")
    pairs = [(r["summary"], r["document"]) for r in rows]
    nlp = load_nlp()
    nlp("warm up")
    lang.detect("warm up the detector")
    TextView.of("warm up: é")
    C.clear_cache()
    t0 = time.perf_counter()
    fast = C.check_pairs(summaries=[p[0] for p in pairs], sources=[p[1] for p in pairs])
    t_fast = time.perf_counter() - t0

    sample = random.Random(seed).sample(range(len(pairs)), min(naive_sample, len(pairs)))

    def naive(with_source: bool) -> tuple[float, list]:
        out = []
        t = time.perf_counter()
        for k in sample:
            summ, src = pairs[k]
            analysed = C.analyse_source(src, use_cache=False)
            if with_source:
                nlp(src)
            said = lang.detect(summ)
            lg = {"document": analysed.language.code, "summary": said.code, "checked_as": lang.pair_language(analysed.language, said)}
            if lg["checked_as"] in lang.NER_LANGUAGES or lg["checked_as"] == lang.UNDETERMINED:
                doc = nlp(C._render_for_ner(summ, analysed)) if summ.strip() else None
                ents = summary_entities(doc, summ, analysed.names) if doc is not None else []
            else:
                doc, ents = None, None
            out.append(C.assemble(summary=summ, source=analysed, entities=ents, doc=doc, language=lg))
        return time.perf_counter() - t, out

    base: dict = {}
    if baseline_ref:
        B = _baseline_package(baseline_ref)
        from fc_baseline.nlp import load_nlp as base_nlp  # type: ignore[import-not-found]

        base_nlp()("warm up")
        t_base = t_again = float("inf")
        for _ in range(rounds):  # alternate, keep each side's fastest round (contention only ever slows a run down)
            B.clear_cache()
            t0 = time.perf_counter()
            B.check_pairs(summaries=[p[0] for p in pairs], sources=[p[1] for p in pairs])
            t_base = min(t_base, time.perf_counter() - t0)
            C.clear_cache()
            t0 = time.perf_counter()
            C.check_pairs(summaries=[p[0] for p in pairs], sources=[p[1] for p in pairs])
            t_again = min(t_again, time.perf_counter() - t0)
        base = {"baseline_ref": baseline_ref, "rounds": rounds, "baseline_pairs_per_s": len(pairs) / t_base,
                "optimised_pairs_per_s_rerun": len(pairs) / t_again, "ratio_vs_baseline": t_base / t_again}
    t_naive, slow = naive(True)
    t_naive_s, _ = naive(False)
    same = sum(fast[k].to_json() == s.to_json() for k, s in zip(sample, slow))
    fast_ps = len(pairs) / t_fast
    return base | {
        "pairs": len(pairs),
        "documents": len(set(p[1] for p in pairs)),
        "optimised_pairs_per_s": fast_ps,
        "naive_pairs_per_s": len(sample) / t_naive,
        "naive_summary_only_pairs_per_s": len(sample) / t_naive_s,
        "speedup_vs_naive": fast_ps / (len(sample) / t_naive),
        "speedup_vs_naive_summary_only": fast_ps / (len(sample) / t_naive_s),
        "naive_sample": len(sample),
        "identical_rows_on_sample": f"{same}/{len(sample)}",
    }


def extraction_speed(baseline_ref: str, rounds: int = 3) -> dict:
    """Number extraction and source indexing alone (no spaCy, no cache) on the 485 documents and 1250
    summaries of xsumfaith_val, the code at ``baseline_ref`` and the current code alternating, fastest
    round of each kept: the part of the fact-check the number rules change, timed without the tagger
    that dominates ``check_pairs``."""
    from sumcheck.factcheck.numbers import extract_numbers
    from sumcheck.factcheck.textview import TextView
    from sumcheck.factcheck.tolerance import NumberIndex

    _baseline_package(baseline_ref)
    from fc_baseline.numbers import extract_numbers as base_extract  # type: ignore[import-not-found]
    from fc_baseline.tolerance import NumberIndex as BaseIndex  # type: ignore[import-not-found]

    rows = _rows("xsumfaith_val.jsonl")
    texts = list(dict.fromkeys(r["document"] for r in rows)) + [r["summary"] for r in rows]
    TextView.of("warm up: é")
    best = {"baseline": float("inf"), "current": float("inf")}
    for _ in range(rounds):
        for name, extract, index in (("baseline", base_extract, BaseIndex), ("current", extract_numbers, NumberIndex)):
            t0 = time.perf_counter()
            for t in texts:
                index(extract(t))
            best[name] = min(best[name], time.perf_counter() - t0)
    return {"baseline_ref": baseline_ref, "texts": len(texts), "rounds": rounds, "baseline_s": best["baseline"],
            "current_s": best["current"], "ratio_vs_baseline": best["baseline"] / best["current"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["quality", "speed", "extraction"])
    ap.add_argument("--naive-sample", type=int, default=300)
    ap.add_argument("--baseline-ref", help="also time the fact-checker as of this git commit, side by side")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds of baseline and current (fastest kept)")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"no validation data at {DATA}", file=sys.stderr)
        return 2
    out = {}
    if args.only in (None, "quality"):
        out["frank"] = frank_quality()
        out["xsum_spans"] = xsum_span_precision()
    if args.only == "extraction":
        if not args.baseline_ref:
            ap.error("--only extraction needs --baseline-ref")
        out["extraction"] = extraction_speed(args.baseline_ref, rounds=max(args.rounds, 1))
    if args.only in (None, "speed"):
        out["speed"] = speed(args.naive_sample, baseline_ref=args.baseline_ref, rounds=args.rounds)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
