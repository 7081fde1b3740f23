"""Synthetic labelled claims made from source documents, for calibrating the offline model on the
error types the human-labelled cuts have few of (FactCC's recipe, Kryscinski et al. 2020):

* consistent (label 1): a source sentence cut to its first clause (``clause``), or two adjacent
  source sentences fused with "and" (``fusion``);
* inconsistent (label 0), each made from a consistent claim by one edit: ``number-swap`` (a number
  replaced by another number of the document, or shifted), ``entity-swap`` (a capitalised name
  replaced by another name of the document), ``negation`` (an auxiliary negated, or a "not"
  removed), ``pronoun-swap`` (he <-> she), ``addition`` (a clause from another document appended).

Deterministic given the seed and the documents (sorted first, so input order does not matter).

>>> claims = synthesize(["Ann Lee won the race in 2019. She was not tired. Bob Stone came 3rd."], seed=1, per_doc=2)
>>> sorted({c.kind for c in claims}) != [] and all(c.label in (0, 1) for c in claims)
True
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from sumcheck.summarize.text import split_sentences

_NUM_RE = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_NAME_RE = re.compile(r"\b(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)*\b")
_AUX_RE = re.compile(r"\b(is|was|are|were|has|have|had|will|would|can|could|did|does|should)\b")
_NOT_RE = re.compile(r"\s+not\b|n't\b")
_PRON = {"he": "she", "she": "he", "his": "her", "her": "his", "him": "her", "He": "She", "She": "He", "His": "Her", "Her": "His"}
_PRON_RE = re.compile(r"\b(" + "|".join(_PRON) + r")\b")
KINDS = ("number-swap", "entity-swap", "negation", "pronoun-swap", "addition")


@dataclass(frozen=True)
class Claim:
    document: str
    claim: str
    label: int
    kind: str

    @property
    def group(self) -> str:
        return hashlib.sha1(self.document.encode()).hexdigest()


def _usable(text: str) -> bool:
    n = len(text.split())
    return 6 <= n <= 45 and not text.startswith(('"', "'", "`"))


def _corrupt(kind: str, claim: str, doc: str, other: str, rng: np.random.Generator) -> str | None:
    if kind == "number-swap":
        nums = list(_NUM_RE.finditer(claim))
        if not nums:
            return None
        m = nums[int(rng.integers(len(nums)))]
        pool = sorted({x for x in _NUM_RE.findall(doc) if x != m.group(0)})
        new = pool[int(rng.integers(len(pool)))] if pool else str(int(float(m.group(0).replace(",", ""))) + int(rng.integers(2, 9)))
        return claim[:m.start()] + new + claim[m.end():]
    if kind == "entity-swap":
        names = [m for m in _NAME_RE.finditer(claim) if m.start() > 0]
        if not names:
            return None
        m = names[int(rng.integers(len(names)))]
        pool = sorted({x for x in _NAME_RE.findall(doc) if x not in claim and len(x) > 3})
        if not pool:
            return None
        return claim[:m.start()] + pool[int(rng.integers(len(pool)))] + claim[m.end():]
    if kind == "negation":
        m = _NOT_RE.search(claim)
        if m:
            return claim[:m.start()] + claim[m.end():]
        m = _AUX_RE.search(claim)
        return None if not m else claim[:m.end()] + " not" + claim[m.end():]
    if kind == "pronoun-swap":
        m = _PRON_RE.search(claim)
        return None if not m else claim[:m.start()] + _PRON[m.group(0)] + claim[m.end():]
    if kind == "addition":
        frags = [s.text.rstrip(".!? ") for s in split_sentences(other) if _usable(s.text)]
        if not frags:
            return None
        frag = frags[int(rng.integers(len(frags)))]
        return claim.rstrip(".!? ") + ", and " + frag[0].lower() + frag[1:] + "."
    raise ValueError(kind)


def synthesize(documents: Sequence[str], *, seed: int = 12345, per_doc: int = 4) -> list[Claim]:
    """Up to ``per_doc`` consistent claims per document, each with one corrupted twin."""
    docs = sorted(set(d for d in documents if d.strip()))
    rng = np.random.default_rng(seed)
    out: list[Claim] = []
    for k, doc in enumerate(docs):
        sents = [s.text for s in split_sentences(doc)]
        idx = [i for i, s in enumerate(sents) if _usable(s)]
        if not idx:
            continue
        other = docs[(k + 1 + int(rng.integers(max(len(docs) - 1, 1)))) % len(docs)] if len(docs) > 1 else ""
        for i in rng.permutation(idx)[:per_doc]:
            s = sents[int(i)]
            if (rng.random() < 0.5 and int(i) + 1 < len(sents) and _usable(sents[int(i) + 1])
                    and len(s.split()) + len(sents[int(i) + 1].split()) <= 45):
                nxt = sents[int(i) + 1]
                claim, how = s.rstrip(".!? ") + ", and " + nxt[0].lower() + nxt[1:], "fusion"
            else:
                head = re.split(r",\s", s, maxsplit=1)[0]
                claim, how = (head.rstrip(".!? ") + ".", "clause") if len(head.split()) >= 6 else (s, "clause")
            for kind in rng.permutation(KINDS):
                bad = _corrupt(str(kind), claim, doc, other, rng)
                if bad and bad != claim:
                    out.append(Claim(doc, claim, 1, how))
                    out.append(Claim(doc, bad, 0, str(kind)))
                    break
    return out


def synthetic_data(datasets, *, per_doc: int, seed: int = 12345):
    """The synthetic claims of every document of ``datasets`` as one
    :class:`~sumcheck.metaeval.data.LabelledData` named ``synthetic`` (its ``sha1`` names the recipe)."""
    from sumcheck.metaeval.data import LabelledData, LabelledPair

    claims = synthesize([p.document for d in datasets for p in d.pairs], seed=seed, per_doc=per_doc)
    pairs = tuple(LabelledPair(c.document, c.claim, c.label, c.group, c.kind) for c in claims)
    h = hashlib.sha1(repr((sorted(d.sha1 for d in datasets), per_doc, seed)).encode()).hexdigest()
    return LabelledData("synthetic", f"synthetic:{per_doc}-per-document", h, pairs)
