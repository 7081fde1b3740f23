"""Shared fixtures for the faithfulness and meta-evaluation tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CONFIG = Path(__file__).resolve().parents[1] / "configs" / "faithfulness.yaml"


def shared_file(name: str) -> Path:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"shared validation data {path} is not present (CI keeps ../shared beside the clone)")
    return path


def read_rows(name: str, limit: int | None = None) -> list[dict]:
    rows = []
    with open(shared_file(name), encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def write_slice(tmp_path: Path, name: str, rows: list[dict]) -> Path:
    out = tmp_path / name
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return out


def need_config() -> Path:
    if not CONFIG.is_file():
        pytest.skip("configs/faithfulness.yaml has not been written by `sumcheck calibrate` yet")
    return CONFIG
