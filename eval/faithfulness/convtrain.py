"""Train a SummaC-Conv head on labelled summaries, in SummaC's own architecture and file format.

An option beside the published heads (``conv: summac_conv_vitc_sent_perc_e.bin``), not a published
method: the result has SummaC-Conv's layers (``mlp``: 23 percentile-bin counts of P(entail) -> 1,
``layer_final``: 3 -> 2) and is saved as SummaC saves them (``torch.save`` of the state dict), so
``conv:`` loads it exactly like a released head and scores with the published forward pass
(:class:`sumcheck.faithfulness.published.SummaCConvHead`). The histograms are the published ones (the
``nli`` backend's :class:`~sumcheck.faithfulness.published.SummaC` sentences and cells).

Training (sumcheck's, not SummaC's ``train_summac.py`` recipe): full-batch Adam (lr 0.01) on a
class-balanced cross-entropy for ``epochs`` steps from a seeded initialisation, deterministic on CPU.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from sumcheck.summarize.errors import InputError

LABELS = "e"


def histograms(scorer, sources: Sequence[str], summaries: Sequence[str], bins=None) -> np.ndarray:
    """``[n, 10, 23]`` SummaC-Conv input rows (raw counts over the percentile bins of P(entail)) for each pair,
    from a :class:`~sumcheck.faithfulness.published.SummaC` scorer's sentences and model."""
    from sumcheck.faithfulness.published import PERCENTILE_BINS, SUMMAC_MAX_DOC_SENTS, SummaCConvHead, summac_sentences

    edges = tuple(bins or PERCENTILE_BINS)
    probe = SummaCConvHead(np.zeros((1, len(edges) - 1), np.float32), np.zeros(1, np.float32),
                           np.zeros((2, 3), np.float32), np.zeros(2, np.float32), edges, LABELS, "", "percentile")
    plans, prem, hyp = [], [], []
    for src, summ in zip(sources, summaries):
        d = summac_sentences(src)[:SUMMAC_MAX_DOC_SENTS]
        s = summac_sentences(summ)
        plans.append((len(d), len(s), len(prem)))
        prem += [src[a:b] for _ in s for a, b in d]
        hyp += [summ[a:b] for a, b in s for _ in d]
    probs = scorer.cells(prem, hyp) if prem else np.zeros((0, 3), np.float32)
    out = []
    for nd, ns, at in plans:
        e = probs[at:at + nd * ns, scorer.labels.entailment].reshape(ns, nd) if nd and ns else np.zeros((1, 1))
        out.append(probe.histogram({"e": e.astype(np.float64)}))
    return np.asarray(out, dtype=np.float32)


def train(hists: np.ndarray, labels: Sequence[int], *, epochs: int = 300, seed: int = 0) -> dict:
    """SummaC-Conv's state dict (``mlp.*``, ``layer_final.*``) fitted to ``labels`` (1 = consistent)."""
    import torch

    y = torch.tensor(list(labels), dtype=torch.long)
    if len(set(y.tolist())) < 2:
        raise InputError("training a SummaC-Conv head needs both consistent (1) and inconsistent (0) summaries")
    g = torch.Generator().manual_seed(seed)
    width = hists.shape[-1]
    mlp, final = torch.nn.Linear(width, 1), torch.nn.Linear(3, 2)
    with torch.no_grad():
        for layer in (mlp, final):
            bound = 1 / layer.in_features ** 0.5
            layer.weight.copy_(torch.rand(layer.weight.shape, generator=g) * 2 * bound - bound)
            layer.bias.copy_(torch.rand(layer.bias.shape, generator=g) * 2 * bound - bound)
    x = torch.tensor(hists, dtype=torch.float32)
    used = (x.sum(dim=-1) != 0).float()  # [n, 10]
    counts = torch.bincount(y, minlength=2).float()
    loss_fn = torch.nn.CrossEntropyLoss(weight=counts.sum() / (2 * counts))
    opt = torch.optim.Adam([*mlp.parameters(), *final.parameters()], lr=0.01)
    for _ in range(int(epochs)):
        opt.zero_grad()
        rows = mlp(x)[..., 0]  # [n, 10]
        m = (rows * used).sum(dim=1) / used.sum(dim=1).clamp(min=1)  # SummaC-Conv agg="mean" over non-zero rows
        loss = loss_fn(final(torch.stack([m, m, m], dim=1)), y)
        loss.backward()
        opt.step()
    return {"mlp.weight": mlp.weight.detach().clone(), "mlp.bias": mlp.bias.detach().clone(),
            "layer_final.weight": final.weight.detach().clone(), "layer_final.bias": final.bias.detach().clone()}


def save(state: dict, path: str | Path) -> Path:
    """Write the head as SummaC does (``torch.save`` of the state dict)."""
    import torch

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, str(p))
    return p
