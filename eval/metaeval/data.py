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


def distinct_names(datasets: "list[LabelledData]") -> "list[LabelledData]":
    """``datasets`` with every name unique: files whose names collide (``a/mix.jsonl``, ``b/mix.jsonl``)
    are named by their path as given, so their figures are not reported under one name.

    >>> d = [LabelledData("mix", "a/mix.jsonl", "", ()), LabelledData("mix", "b/mix.jsonl", "", ()), LabelledData("x", "x.jsonl", "", ())]
    >>> [x.name for x in distinct_names(d)]
    ['a/mix.jsonl', 'b/mix.jsonl', 'x']
    """
    import dataclasses

    names = [d.name for d in datasets]
    return [dataclasses.replace(d, name=d.path) if names.count(d.name) > 1 else d for d in datasets]


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
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be at least 1, got {limit}")
    # the one JSONL reader and the same field checks as `sumcheck score`: a null, numeric or NaN text
    # is an error naming the line, never the text "None" or "nan"
    from sumcheck.summarize.io import field_text, iter_jsonl, references_of, summary_text

    pairs = []
    for n, row in iter_jsonl(p):
        label = row.get("label", row.get("faithful_majority"))
        if "document" not in row or "summary" not in row or label not in (0, 1) or isinstance(label, bool):
            raise InputError(f"{p}:{n}: needs 'document', 'summary' and a 0/1 'label'")
        where = f"{p}:{n}"
        doc = field_text(row["document"], what="document", where=where, numbers=False)
        if not doc.strip():
            raise InputError(f"{where}: field 'document' is empty or null: a labelled pair needs its source")
        summary = summary_text(row["summary"], where=where)
        refs = references_of(row.get("references") if row.get("references") is not None else row.get("reference"), where)
        pairs.append(LabelledPair(doc, summary, int(label), hashlib.sha1(doc.encode()).hexdigest(),
                                  row.get("error_type"), refs,
                                  {k: row[k] for k in ("id", "bbcid", "hash", "model_name", "system") if k in row}))
        if limit is not None and len(pairs) >= limit:
            break
    if not pairs:
        raise InputError(f"{p}: no rows")
    return LabelledData(dataset_name(p), str(p), file_sha1(p), tuple(pairs))
