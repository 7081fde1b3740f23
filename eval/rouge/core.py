"""ROUGE-N, ROUGE-L and ROUGE-Lsum over token lists: pure functions, memory-bounded LCS.

The definitions follow rouge-score 0.1.2 (which follows ROUGE-1.5.5) exactly, down to the order
of floating-point operations, so that scores are bit-identical:

* ROUGE-N: clipped n-gram overlap; precision over the prediction's n-grams, recall over the
  reference's (each denominator at least 1).
* ROUGE-L: length of the longest common subsequence of the two token lists.
* ROUGE-Lsum (summary-level LCS, Lin 2004 section 3.2): for each reference sentence, the union of
  its LCS hits with every prediction sentence, counted with per-token clipping so no token is
  matched more often than it occurs on either side.
* F = 2PR / (P + R), 0 when P + R = 0.

Memory. rouge-score fills an ``(m+1) x (n+1)`` table of Python ints; for two 20,000-token texts
that is 400 million cells (several GB). Here the LCS uses the bit-parallel row recurrence
(Allison & Dix 1986; Hyyro 2004): one DP row is a single ``n``-bit integer whose zero bits mark
where the row value steps up, so ``lcs_length`` needs O(n) bits. ``lcs_indices`` (needed for the
union LCS) must walk the table backwards; it keeps every k-th row (k = sqrt(m)) as a checkpoint
and recomputes one block of k rows at a time during the walk: O(sqrt(m) * n) bits of memory and
about twice the forward work, with the same tie-break as rouge-score's backtracking.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Hashable, NamedTuple, Sequence


class Score(NamedTuple):
    """Precision, recall and F-measure of one ROUGE type for one (reference, prediction) pair.

    Immutable and typed like the project's frozen dataclasses, but a NamedTuple: four are made per
    scored item on the hot path, and a tuple is several times cheaper to create.
    """

    precision: float
    recall: float
    fmeasure: float

    def to_json(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "fmeasure": self.fmeasure}


ZERO = Score(0.0, 0.0, 0.0)


def fmeasure(precision: float, recall: float) -> float:
    """Harmonic mean, computed in the same operation order as rouge-score.

    >>> fmeasure(0.5, 0.25)
    0.3333333333333333
    """
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


def _ngram_counts(tokens: Sequence[Hashable], n: int) -> Counter:
    if n == 1:
        return Counter(tokens)
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def ngram_score(reference: Sequence[Hashable], prediction: Sequence[Hashable], n: int) -> Score:
    """ROUGE-N.

    >>> ngram_score("the cat sat on the mat".split(), "the cat on the mat".split(), 2)
    Score(precision=0.75, recall=0.6, fmeasure=0.6666666666666665)
    """
    if n <= 0:
        raise ValueError(f"ROUGE-N needs n >= 1, got {n}")
    ref = _ngram_counts(reference, n)
    pred = _ngram_counts(prediction, n)
    overlap = sum(min(c, pred[g]) for g, c in ref.items() if g in pred)
    precision = overlap / max(sum(pred.values()), 1)
    recall = overlap / max(sum(ref.values()), 1)
    return Score(precision, recall, fmeasure(precision, recall))


def _match_masks(reference: Sequence[Hashable], prediction: Sequence[Hashable]) -> dict[Hashable, int]:
    """Bit ``j`` of ``masks[t]`` is set where ``prediction[j] == t``, for tokens also in ``reference``."""
    wanted = set(reference)
    masks: dict[Hashable, int] = {}
    for j, tok in enumerate(prediction):
        if tok in wanted:
            masks[tok] = masks.get(tok, 0) | (1 << j)
    return masks


def _next_row(row: int, mask: int, full: int) -> int:
    # Row invariant: table[i][j] == j - popcount(row & ((1 << j) - 1)), i.e. zero bits mark steps.
    u = row & mask
    return ((row + u) | (row - u)) & full


def lcs_length(reference: Sequence[Hashable], prediction: Sequence[Hashable]) -> int:
    """Length of the longest common subsequence, in O(len(prediction)) bits of working memory.

    >>> lcs_length("ABCBDAB", "BDCABA")
    4
    """
    n = len(prediction)
    if not reference or not n:
        return 0
    masks = _match_masks(reference, prediction)
    full = (1 << n) - 1
    row = full
    for tok in reference:
        mask = masks.get(tok)
        if mask:
            row = _next_row(row, mask, full)
    return n - row.bit_count()


def lcs_indices(reference: Sequence[Hashable], prediction: Sequence[Hashable]) -> list[int]:
    """Indices into ``reference`` of one LCS, the one rouge-score's ``lcs_ind`` backtracking picks.

    The walk starts at the bottom-right cell; on a match it takes the diagonal, otherwise it moves
    left when ``table[i][j-1] > table[i-1][j]`` and up otherwise.

    >>> lcs_indices("ABCBDAB", "BDCABA")  # B C B A, as rouge_score.rouge_scorer.lcs_ind gives
    [1, 2, 3, 5]
    """
    m, n = len(reference), len(prediction)
    if not m or not n:
        return []
    masks = _match_masks(reference, prediction)
    full = (1 << n) - 1
    block = max(1, math.isqrt(m))
    checkpoints = [full]  # rows 0, block, 2*block, ...
    row = full
    for i, tok in enumerate(reference, start=1):
        mask = masks.get(tok)
        if mask:
            row = _next_row(row, mask, full)
        if i % block == 0:
            checkpoints.append(row)

    def block_rows(start: int) -> list[int]:
        """Rows ``start .. min(start + block, m)`` recomputed from the checkpoint at ``start``."""
        rows = [checkpoints[start // block]]
        r = rows[0]
        for tok in reference[start:min(start + block, m)]:
            mask = masks.get(tok)
            if mask:
                r = _next_row(r, mask, full)
            rows.append(r)
        return rows

    def value(r: int, j: int) -> int:
        return j - (r & ((1 << j) - 1)).bit_count()

    hits: list[int] = []
    i, j = m, n
    start = ((i - 1) // block) * block
    rows = block_rows(start)
    while i > 0 and j > 0:
        if i - 1 < start:
            start = ((i - 1) // block) * block
            rows = block_rows(start)
        if reference[i - 1] == prediction[j - 1]:
            hits.append(i - 1)
            i -= 1
            j -= 1
        elif value(rows[i - start], j - 1) > value(rows[i - 1 - start], j):
            j -= 1
        else:
            i -= 1
    hits.reverse()
    return hits


def lcs_score(reference: Sequence[Hashable], prediction: Sequence[Hashable]) -> Score:
    """ROUGE-L (one sequence each side).

    >>> lcs_score("the cat sat on the mat".split(), "the cat on the mat".split())
    Score(precision=1.0, recall=0.8333333333333334, fmeasure=0.9090909090909091)
    """
    if not reference or not prediction:
        return ZERO
    length = lcs_length(reference, prediction)
    precision = length / len(prediction)
    recall = length / len(reference)
    return Score(precision, recall, fmeasure(precision, recall))


def summary_lcs_score(reference_sentences: Sequence[Sequence[Hashable]], prediction_sentences: Sequence[Sequence[Hashable]]) -> Score:
    """ROUGE-Lsum: summary-level union LCS over tokenised sentences, with per-token clipping.

    >>> summary_lcs_score([["a", "b", "c"], ["d", "e"]], [["a", "c"], ["b", "d", "e"]])
    Score(precision=1.0, recall=1.0, fmeasure=1.0)
    """
    if not reference_sentences or not prediction_sentences:
        return ZERO
    m = sum(map(len, reference_sentences))
    n = sum(map(len, prediction_sentences))
    if not m or not n:
        return ZERO
    left_ref: Counter = Counter()
    left_pred: Counter = Counter()
    for s in reference_sentences:
        left_ref.update(s)
    for s in prediction_sentences:
        left_pred.update(s)
    hits = 0
    for ref in reference_sentences:
        union: set[int] = set()
        for pred in prediction_sentences:
            union.update(lcs_indices(ref, pred))
        for k in sorted(union):
            tok = ref[k]
            if left_pred[tok] > 0 and left_ref[tok] > 0:
                hits += 1
                left_pred[tok] -= 1
                left_ref[tok] -= 1
    recall = hits / m
    precision = hits / n
    return Score(precision, recall, fmeasure(precision, recall))
