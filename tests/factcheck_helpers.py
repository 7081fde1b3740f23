"""Shared fixtures for the fact-checker tests: paths to the seed article and the validation data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEED = SHARED / "seeds" / "000_7d9a15cf7702496c.txt"
CASES = Path(__file__).resolve().parent / "data" / "factcheck"


def seed_text() -> str:
    """The seed article's body (the file holds a title, a label, an id, then the text)."""
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (CI keeps ../shared beside the clone)")
    return SEED.read_text(encoding="utf-8")


def data_rows(name: str) -> list[dict]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"validation data {name} not found under {DATA}")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words_below_1000(n: int) -> str:
    """English words for 0 <= n < 1000 (British style, "one hundred and five"); written for the tests."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    head = _ONES[hundreds] + " hundred"
    return head + (" and " + words_below_1000(rest) if rest else "")


def number_words(n: int) -> str:
    """English words for 0 <= n < 10**12."""
    if n < 1000:
        return words_below_1000(n)
    parts = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            parts.append(words_below_1000(n // scale) + " " + name)
            n %= scale
    if n:
        parts.append(("and " if n < 100 else "") + words_below_1000(n))
    return " ".join(parts)
