"""Cost of the gate's paired test: the sign-flip permutation test against the paired bootstrap it replaced.

Per (system, metric) test, side by side in one process, for paired document counts n and three kinds
of change (none, small, large): the old paired bootstrap (2,000 resamples; its smallest p is 2/2001,
which no Holm correction over 51+ tests lets pass) and the new sign-flip test with the budget the
gate gives 60 tests (``resamples_for(60, 0.05)``; early stop on a clearly large p). Prints seconds
per test, the ratio, and both p-values. Usage: ``.venv/bin/python bench/gate.py``.
"""

from __future__ import annotations

import time

import numpy as np

from sumcheck.stats import paired_bootstrap, resamples_for, sign_flip_test


def main() -> None:
    budget = resamples_for(60, 0.05)
    print(f"sign-flip budget for 60 tests at alpha 0.05: {budget} patterns")
    print(f"{'n':>6} {'shift':>6} {'bootstrap s':>12} {'sign-flip s':>12} {'ratio':>7} {'p boot':>9} {'p flip':>9}")
    for n in (40, 500, 5000):
        rng = np.random.default_rng(n)
        base = rng.uniform(0.2, 0.6, n)
        for shift in (0.0, -0.005, -0.05):
            cand = base + shift + rng.normal(0, 0.1, n)
            t0 = time.perf_counter()
            boot = paired_bootstrap(list(base), list(cand), resamples=2000, seed=12345)
            t1 = time.perf_counter()
            p = sign_flip_test(cand - base, resamples=budget, seed=12345)
            t2 = time.perf_counter()
            print(f"{n:>6} {shift:>6} {t1 - t0:>12.3f} {t2 - t1:>12.3f} {(t2 - t1) / (t1 - t0):>7.1f} "
                  f"{boot.p_value:>9.2g} {p:>9.2g}")


if __name__ == "__main__":
    main()
