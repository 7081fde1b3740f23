"""Labelled faithfulness data: JSONL rows with ``document``, ``summary``, ``label`` (1 = consistent),
optionally ``error_type`` (FRANK), ``reference``/``references`` and an id (``id``, ``bbcid``, ``hash``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from sumcheck.summarize.errors import InputError


@dataclass(frozen=True)
class LabelledPair:
    document: str
    summary: str
    label: int
    group: str  # the source document's SHA-1 (pairs of one document share it; folds split by it)
    error_type: str | None = None
    references: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelledData:
    name: str
    path: str
    sha1: str
    pairs: tuple[LabelledPair, ...]

    @property
    def labels(self) -> list[int]:
        return [p.label for p in self.pairs]

    @property
    def groups(self) -> list[str]:
        return [p.group for p in self.pairs]


def file_sha1(path: str | Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def dataset_name(path: str | Path) -> str:
    """``frank_val.jsonl`` -> ``frank``.

    >>> dataset_name("/x/xsumfaith_val.jsonl")
    'xsumfaith'
    """
    stem = Path(path).name.split(".")[0]
    for suffix in ("_val", "_test", "_dev"):
        if stem.endswith(suffix):
            return stem[: -len(suffix)]
    return stem


def load_labelled(path: str | Path, *, limit: int | None = None) -> LabelledData:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    from sumcheck.summarize.io import iter_jsonl  # the one JSONL reader: same errors as `sumcheck score`

    pairs = []
    for n, row in iter_jsonl(p):
        label = row.get("label", row.get("faithful_majority"))
        if "document" not in row or "summary" not in row or label not in (0, 1):
            raise InputError(f"{p}:{n}: needs 'document', 'summary' and a 0/1 'label'")
        refs = row.get("references") or ([row["reference"]] if row.get("reference") else [])
        doc = str(row["document"])
        pairs.append(LabelledPair(doc, str(row["summary"]), int(label), hashlib.sha1(doc.encode()).hexdigest(),
                                  row.get("error_type"), tuple(str(r) for r in refs),
                                  {k: row[k] for k in ("id", "bbcid", "hash", "model_name", "system") if k in row}))
        if limit is not None and len(pairs) >= limit:
            break
    if not pairs:
        raise InputError(f"{p}: no rows")
    return LabelledData(dataset_name(p), str(p), file_sha1(p), tuple(pairs))
