"""Files that ship inside the package: the default configs and the seed documents.

In a wheel they are package data (``sumcheck/configs/``, ``sumcheck/seeds/``); in a checkout (editable
install) the same packages map to the repository's ``configs/`` and ``seeds/`` folders. Either way
they are found through :mod:`importlib.resources`, never through the current directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def config_path(name: str) -> Path:
    """Path of a shipped config, e.g. ``config_path("seed.yaml")``.

    Raises :class:`FileNotFoundError` when no such config ships.
    """
    return _path("sumcheck.configs", name)


def seed_path(name: str = "documents.jsonl") -> Path:
    """Path of a shipped seed file (default: the seed documents)."""
    return _path("sumcheck.seeds", name)


def shipped_configs() -> list[str]:
    """Names of the configs that ship with the package, sorted."""
    root = resources.files("sumcheck.configs")
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".yaml"))


def run_config_path(name: str | None) -> Path:
    """A file path as given, or the name of a shipped config (``seed``, ``news``, ``api``...; None: seed)."""
    if name is None:
        return config_path("seed.yaml")
    if not Path(name).exists() and "/" not in name and f"{name.removesuffix('.yaml')}.yaml" in shipped_configs():
        return config_path(f"{name.removesuffix('.yaml')}.yaml")
    return Path(name)


def _path(package: str, name: str) -> Path:
    ref = resources.files(package) / name
    path = Path(str(ref))
    if not path.is_file():
        raise FileNotFoundError(f"{name} is not shipped in {package}")
    return path
