"""Issue 26, quick look: how often the contradiction check fires on the shared validation cuts, on
consistent (label 1) and inconsistent (label 0) summaries, without the MiniLM encoder.

Each summary sentence is compared with the ``ALIGNED`` (3) source sentences sharing most content words with it
(``candidate_chunks(..., ALIGNED)``: the lexical candidates; the offline backend compares the encoder's
best ``ALIGNED`` of its 5 candidates, so this is close to, not the same as, what scoring compares), and the
sentences after them that open with a pronoun (``compared_sentences``, as scoring does). ``N`` random
pairs per cut (seed 1). Prints per cut the pairs with a finding by label, the findings by kind, and the
first findings on consistent summaries (the false alarms to read).

    .venv/bin/python bench/contradiction_findings.py [N] [--data ../shared/data]
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CUTS = ("xsumfaith", "frank", "factcc", "cogensumm", "polytope", "aggrefact_sota_cnndm", "aggrefact_sota_xsum")


def main() -> int:
    from sumcheck.faithfulness.contradiction import ALIGNED, checker, compared_sentences
    from sumcheck.faithfulness.lexical import candidate_chunks, index_source
    from sumcheck.summarize.text import split_sentences

    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 150
    data = Path(sys.argv[sys.argv.index("--data") + 1]) if "--data" in sys.argv else ROOT.parent / "shared" / "data"
    print(f"load average: {os.getloadavg()}")
    ck = checker()
    alarms = []
    print("| cut | label 0 with a finding | label 1 with a finding | negation / opposite / roles |")
    print("|---|---|---|---|")
    for name in CUTS:
        rows = [json.loads(line) for line in open(data / f"{name}_val.jsonl", encoding="utf-8")]
        random.Random(1).shuffle(rows)
        rows = rows[:n]
        c: Counter = Counter()
        t0 = time.time()
        for r in rows:
            doc = r["document"]
            sents = split_sentences(doc)
            idx = index_source(doc, [s.text for s in sents])
            pairs = [(x.text, x.start) for x in sents]
            jobs = [(s.text, s.start, *compared_sentences(pairs, candidate_chunks(s.text, idx, ALIGNED)))
                    for s in split_sentences(r["summary"])]
            found = [f for chk in ck.check_many(jobs) for f in chk.findings]
            c[(r["label"], bool(found))] += 1
            for f in found:
                c[f.kind] += 1
                if r["label"] == 1:
                    alarms.append((name, f.kind, f.text, f.source_text, r["summary"][:120]))
        n0, n1 = c[(0, True)] + c[(0, False)], c[(1, True)] + c[(1, False)]
        print(f"| {name} | {c[(0, True)]}/{n0} | {c[(1, True)]}/{n1} | {c['negation']} / {c['opposite']} / {c['roles']} |"
              f"  <!-- {time.time() - t0:.0f} s -->", flush=True)
    print("\nfindings on consistent summaries:")
    for a in alarms:
        print(" ", a)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
