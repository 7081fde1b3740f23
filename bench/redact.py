"""Cost of masking API keys (sumcheck.summarize.redact) at three text sizes, against ``str.replace``.

Every file sumcheck writes and every line it prints passes through :func:`redact` once a key is
registered (a run with an ``openai`` system or the ``llm-judge`` that names ``api_key_env``); with no
key it returns at once. This prints, for texts of 1, 10 and 50 MB, the seconds of ``redact`` and of
the floor any masking pays (one ``str.replace`` of the key), their ratio, and the seconds per MB, so
that linear growth can be read off. Three kinds of text: prose; prose with an elision (``***`` or
``...``) every 11th word (each is looked at, since a starred-out key is one); and prose holding the
key, part of it and a starred echo every 10,000 words.

    .venv/bin/python bench/redact.py [--sizes 1,10,50] [--key-chars 164]
"""

from __future__ import annotations

import argparse
import os
import random
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sumcheck.summarize.redact import MASK, Redactor  # noqa: E402

WORDS = ["council", "approved", "3", "million", "euros", "on", "Monday", "the", "harbour", "in", "Leeds"]


def texts(mb: int, key: str, rng: random.Random) -> dict[str, str]:
    n = mb * 1024 * 1024 // 7
    prose = [rng.choice(WORDS) for _ in range(n)]
    elided = [w if i % 11 else rng.choice(("***", "...")) for i, w in enumerate(prose)]
    echoes = [w if i % 10_000 else rng.choice((key, key[:20], f"{key[:9]}{'*' * 20}{key[-4:]}")) for i, w in enumerate(prose)]
    return {"prose": " ".join(prose), "elided": " ".join(elided), "echoes": " ".join(echoes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="text sizes in MB")
    parser.add_argument("--key-chars", type=int, default=164, help="key length (OpenAI project keys: 164)")
    args = parser.parse_args()
    rng = random.Random(1)
    key = "sk-proj-" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(args.key_chars - 8))
    r = Redactor()
    r.register(key)
    print(f"load average {os.getloadavg()[0]:.1f}, key of {len(key)} characters")
    print(f"{'text':8} {'MB':>4} {'replace s':>10} {'redact s':>9} {'ratio':>7} {'s/MB':>6}  leaks")
    for mb in (int(x) for x in args.sizes.split(",")):
        for kind, text in texts(mb, key, rng).items():
            t0 = time.perf_counter()
            text.replace(key, MASK)
            t1 = time.perf_counter()
            out = r.redact(text)
            t2 = time.perf_counter()
            leaks = key[:10] in out or key[-10:] in out
            print(f"{kind:8} {mb:>4} {t1 - t0:>10.3f} {t2 - t1:>9.3f} {(t2 - t1) / max(t1 - t0, 1e-9):>6.0f}x "
                  f"{(t2 - t1) / mb:>6.3f}  {leaks}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
