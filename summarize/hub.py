"""One resolver for every model sumcheck loads: a ``model:`` string (plus a revision) -> a local folder.

Summarizers, the faithfulness NLI or judge checkpoints and encoders all go through
:func:`resolve_model`, so that downloads, pinning and offline mode behave the same everywhere::

    from sumcheck.summarize.hub import resolve_model
    resolved = resolve_model("org/name", revision="v1.0")   # or a local folder, a .gguf, pip:PACKAGE
    model = AutoModel.from_pretrained(resolved.path, local_files_only=True)
    signature = resolved.identity                            # "org/name@<40-hex commit>"

What a ``model:`` string means is :func:`sumcheck.summarize.spec.model_kind`'s answer (``hub``,
``local``, ``gguf``, ``pip``); a bare name without a slash that is not an existing folder (e.g. the
legacy ``roberta-large-mnli``) is taken as a hub id too.

Hub ids (:func:`hub_snapshot`):

* online, the revision (branch, tag or commit; ``main`` when left out) is resolved to a commit with
  the Hub API (skipped for a full commit hash whose snapshot is complete in the cache) (``HF_ENDPOINT``, default https://huggingface.co); files missing from the local Hugging
  Face cache (``HF_HUB_CACHE`` / ``HF_HOME``) are downloaded by ``huggingface_hub.snapshot_download``
  with its own progress bar, after one INFO log line giving the repo id, revision, commit, file count
  and size. Only what ``transformers`` loads is fetched: other frameworks' weights (TF, Flax, ONNX,
  Core ML, OpenVINO, GGUF) are skipped, and ``*.bin``/``*.pt`` when the repo has ``*.safetensors``.
* offline (``offline=True``, or ``HF_HUB_OFFLINE=1`` / ``TRANSFORMERS_OFFLINE=1`` in the environment
  when ``offline`` is ``None``), only the local cache is read; a missing or partial snapshot is a
  :class:`~sumcheck.summarize.errors.ModelNotAvailableError` whose one-line message holds the command
  that fetches it (:func:`pull_command`).
* no revision given: it still runs, with a WARNING that the model is unpinned (``pinned=False`` in
  the result, recorded in ``run.json``).

Errors (all :class:`~sumcheck.summarize.errors.SumcheckError` subclasses, one-line messages):
:class:`RevisionNotFoundError` (the repo exists, the revision does not; a :class:`ConfigError`),
:class:`~sumcheck.summarize.errors.ModelNotAvailableError` (unknown/gated repo, Hub unreachable and
nothing cached, offline and nothing cached, a local path that holds no model).

The signature of :func:`resolve_model` and :func:`hub_snapshot` and the fields of
:class:`~sumcheck.summarize.systems.resolve.ResolvedModel` are stable; new keyword arguments may
be added at the end, with defaults.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError
from sumcheck.summarize.systems.resolve import ResolvedModel, has_weights, resolve_local

log = logging.getLogger(__name__)

COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
DEFAULT_REVISION = "main"

# Files of other frameworks or formats that transformers' PyTorch loaders never read.
IGNORE_ALWAYS = (
    "*.h5", "*.msgpack", "*.ot", "*.onnx", "*.onnx_data", "onnx/*", "*.tflite", "*.mlmodel", "*.mlpackage/*",
    "coreml/*", "openvino/*", "*.gguf", "tf_model*", "flax_model*", "rust_model*", ".gitattributes",
)
# Skipped when the repo has safetensors weights (transformers prefers those).
IGNORE_WITH_SAFETENSORS = ("*.bin", "*.pt", "*.pth", "*.ckpt")


class RevisionNotFoundError(ConfigError):
    """The Hub has the repository but not the revision asked for."""


@dataclass(frozen=True)
class HubSnapshot:
    """A hub model present in the local cache.

    ``path`` is the snapshot folder (``.../models--org--name/snapshots/<commit>``); ``size_bytes`` the
    total size of its selected files in bytes; ``downloaded`` the bytes this call fetched (0 when all
    were cached); ``pinned`` whether the caller named a revision.
    """

    repo_id: str
    revision: str
    commit: str
    path: Path
    size_bytes: int
    files: int
    downloaded: int
    pinned: bool

    @property
    def identity(self) -> str:
        return f"{self.repo_id}@{self.commit}"


def is_offline(offline: bool | None = None) -> bool:
    """``offline`` when given, else whether ``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE`` is 1/true/yes/on.

    >>> is_offline(True), is_offline(False)
    (True, False)
    """
    if offline is not None:
        return bool(offline)
    return any(os.environ.get(v, "").strip().upper() in ("1", "ON", "YES", "TRUE") for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def pull_command(repo_id: str, revision: str | None = None) -> str:
    """The shell command that fetches one hub model into the local cache.

    >>> pull_command("org/name", "v1")
    'sumcheck pull --model org/name --revision v1'
    """
    cmd = f"sumcheck pull --model {shlex.quote(repo_id)}"
    return cmd + (f" --revision {shlex.quote(revision)}" if revision else "")


def human_size(n: int) -> str:
    """Bytes in decimal units, as the Hub shows them.

    >>> human_size(0), human_size(1234), human_size(269_060_552)
    ('0 B', '1.2 kB', '269.1 MB')
    """
    size = float(n)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache, read from the environment now (``HF_HUB_CACHE``, ``HF_HOME``/hub,
    ``XDG_CACHE_HOME``/huggingface/hub, ``~/.cache/huggingface/hub``)."""
    explicit = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if explicit:
        return Path(os.path.expandvars(explicit)).expanduser()
    home = os.environ.get("HF_HOME")
    if home:
        return Path(os.path.expandvars(home)).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "huggingface" / "hub"


def hub_endpoint() -> str:
    """``HF_ENDPOINT`` read now (default https://huggingface.co), without a trailing slash."""
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def ignore_patterns(files: Iterable[str]) -> list[str]:
    """What not to fetch from a repo holding ``files``.

    >>> ignore_patterns(["model.safetensors", "pytorch_model.bin"])[-4:]
    ['*.bin', '*.pt', '*.pth', '*.ckpt']
    >>> "*.bin" in ignore_patterns(["pytorch_model.bin"])
    False
    """
    files = list(files)
    patterns = list(IGNORE_ALWAYS)
    if any(f.endswith(".safetensors") for f in files):
        patterns += IGNORE_WITH_SAFETENSORS
    return patterns


def _selected(files: Iterable[str], patterns: list[str]) -> list[str]:
    return [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)]


def _folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _unpinned_warning(repo_id: str) -> None:
    log.warning("%s has no `revision:`: it resolves to whatever `main` is today and the run may not repeat; "
                "pin the commit recorded in run.json", repo_id)


def hub_snapshot(repo_id: str, *, revision: str | None = None, offline: bool | None = None,
                 progress: bool = True) -> HubSnapshot:
    """Make the hub model ``repo_id`` at ``revision`` present in the local cache and return where it is.

    ``revision`` is a branch, tag or commit (``None``: ``main``, with a warning that the model is
    unpinned). ``offline`` forbids network access (``None``: the environment decides, see
    :func:`is_offline`). ``progress`` shows huggingface_hub's download progress bars on stderr.

    Raises :class:`RevisionNotFoundError` or :class:`ModelNotAvailableError` (see the module docstring).
    """
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        raise ModelNotAvailableError(f"{repo_id!r} is neither a local model folder nor a valid hub id ({exc})") from None
    pinned = bool(revision)
    rev = revision or DEFAULT_REVISION
    if not pinned:
        _unpinned_warning(repo_id)
    if is_offline(offline):
        return _from_cache(repo_id, rev, pinned=pinned, why="downloads are off (--offline or HF_HUB_OFFLINE=1)")
    if COMMIT_RE.match(rev):  # a commit never moves: a complete cached snapshot needs no network at all
        try:
            return _from_cache(repo_id, rev, pinned=pinned, why="")
        except ModelNotAvailableError:
            pass
    return _download(repo_id, rev, pinned=pinned, progress=progress)


def _from_cache(repo_id: str, rev: str, *, pinned: bool, why: str) -> HubSnapshot:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError

    cache = hub_cache_dir()
    tree: list[str] | None = None
    commit = rev if COMMIT_RE.match(rev) else None
    ref = cache / f"models--{repo_id.replace('/', '--')}" / "refs" / rev
    if commit is None and ref.is_file():
        commit = ref.read_text().strip()
    if commit is not None:
        try:
            from huggingface_hub import get_cached_repo_tree

            tree = [f.path for f in get_cached_repo_tree(repo_id, revision=commit, cache_dir=cache)]
        except Exception:  # noqa: BLE001 - no cached listing (e.g. a cache filled by another tool): check the weights below
            tree = None
    patterns = ignore_patterns(tree) if tree is not None else None
    try:
        folder = Path(snapshot_download(repo_id, revision=rev, cache_dir=cache, local_files_only=True,
                                        ignore_patterns=patterns))
    except (OSError, HFValidationError) as exc:  # LocalEntryNotFoundError / IncompleteSnapshotError are OSErrors
        partly = "only partly" if type(exc).__name__ == "IncompleteSnapshotError" else "not"
        raise ModelNotAvailableError(
            f"{repo_id}@{rev} is {partly} in the local Hugging Face cache ({cache}) and {why}: "
            f"fetch it with `{pull_command(repo_id, rev if pinned else None)}` (same HF_HOME)"
        ) from None
    if not has_weights(folder):
        raise ModelNotAvailableError(
            f"{repo_id}@{rev} is only partly in the local cache (no config.json + weights in {folder}) and {why}: "
            f"fetch it with `{pull_command(repo_id, rev if pinned else None)}`"
        )
    size, count = _folder_size(folder)
    return HubSnapshot(repo_id, rev, folder.name, folder, size, count, 0, pinned)


def _download(repo_id: str, rev: str, *, pinned: bool, progress: bool) -> HubSnapshot:
    import httpx2
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
    )
    from huggingface_hub.errors import RevisionNotFoundError as HubRevisionNotFound
    from huggingface_hub.hf_api import RepoFile

    endpoint, cache = hub_endpoint(), hub_cache_dir()
    api = HfApi(endpoint=endpoint)
    try:
        info = api.repo_info(repo_id, revision=rev, repo_type="model")
        commit = str(info.sha)
        entries = [e for e in api.list_repo_tree(repo_id, revision=commit, recursive=True) if isinstance(e, RepoFile)]
    except HubRevisionNotFound:
        raise RevisionNotFoundError(f"revision {rev!r} of {repo_id} does not exist on {endpoint}") from None
    except GatedRepoError:
        raise ModelNotAvailableError(f"{repo_id} is gated on {endpoint}: accept its terms and `hf auth login` "
                                     "(or set HF_TOKEN)") from None
    except RepositoryNotFoundError:
        raise ModelNotAvailableError(f"{repo_id} does not exist on {endpoint} (or is private: set HF_TOKEN)") from None
    except (httpx2.TransportError, OfflineModeIsEnabled, HfHubHTTPError) as exc:
        try:
            return _from_cache(repo_id, rev, pinned=pinned, why=f"the Hub ({endpoint}) cannot be reached")
        except ModelNotAvailableError:
            raise ModelNotAvailableError(f"cannot reach the Hub at {endpoint} to fetch {repo_id}@{rev} "
                                         f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}) and it is not "
                                         "in the local cache") from None
    patterns = ignore_patterns(e.path for e in entries)
    wanted = _selected((e.path for e in entries), patterns)
    sizes = {e.path: int(e.size or 0) for e in entries}
    total = sum(sizes[f] for f in wanted)
    snap = cache / f"models--{repo_id.replace('/', '--')}" / "snapshots" / commit
    missing = [f for f in wanted if not (snap / f).exists()]
    fetched = sum(sizes[f] for f in missing)
    if missing:
        log.info("downloading %s (revision %s, commit %s): %d of %d files, %s of %s, into %s", repo_id, rev, commit,
                 len(missing), len(wanted), human_size(fetched), human_size(total), cache)
    try:
        folder = Path(snapshot_download(repo_id, revision=rev, cache_dir=cache, endpoint=endpoint,
                                        ignore_patterns=patterns, tqdm_class=_bar_class(progress and bool(missing))))
    except HubRevisionNotFound:
        raise RevisionNotFoundError(f"revision {rev!r} of {repo_id} does not exist on {endpoint}") from None
    except (OSError, httpx2.TransportError) as exc:
        raise ModelNotAvailableError(f"downloading {repo_id}@{rev} from {endpoint} failed ({type(exc).__name__}: "
                                     f"{str(exc).splitlines()[0] if str(exc) else ''}); run the same command again to resume") from None
    if not has_weights(folder):
        raise ModelNotAvailableError(f"{repo_id}@{rev} holds no transformers model (config.json + *.safetensors or "
                                     f"pytorch_model*.bin) in {folder}")
    return HubSnapshot(repo_id, rev, folder.name, folder, total, len(wanted), fetched, pinned)


def _bar_class(enabled: bool) -> Any:
    """A plain tqdm class (so that huggingface_hub draws its bars whatever HF_HUB_DISABLE_PROGRESS_BARS
    says), disabled when ``enabled`` is false."""
    from tqdm.auto import tqdm

    class _Bar(tqdm):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.pop("name", None)
            kwargs["disable"] = not enabled
            super().__init__(*args, **kwargs)

    return _Bar


def resolve_model(model: str, *, revision: str | None = None, offline: bool | None = None,
                  progress: bool = True) -> ResolvedModel:
    """Any ``model:`` string -> a :class:`ResolvedModel` (a local transformers folder and its identity).

    * hub id ``org/name``: :func:`hub_snapshot` (downloads unless offline); identity ``org/name@<commit>``;
    * local folder: identity ``local:<name>@sha256:<digest of its files>``;
    * ``.gguf`` file or ``pip:PACKAGE``: converted once to a folder under the sumcheck cache.

    ``revision`` applies to hub ids only (a :class:`ConfigError` otherwise). Raises
    :class:`RevisionNotFoundError`, :class:`ModelNotAvailableError`.
    """
    from sumcheck.summarize.spec import model_kind

    kind = model_kind(model)
    if kind == "local" and _looks_like_bare_hub_id(model):
        kind = "hub"
    if kind != "hub":
        if revision:
            raise ConfigError(f"`revision:` applies to hub ids only, not to {model!r}")
        return resolve_local(model)
    snap = hub_snapshot(model, revision=revision, offline=offline, progress=progress)
    return ResolvedModel(model, snap.path, snap.identity, commit=snap.commit, revision=snap.revision,
                         size_bytes=snap.size_bytes, downloaded_bytes=snap.downloaded, pinned=snap.pinned)


def _looks_like_bare_hub_id(model: str) -> bool:
    """``roberta-large-mnli``: no slash, not an existing path, only hub-id characters.

    >>> _looks_like_bare_hub_id("roberta-large-mnli"), _looks_like_bare_hub_id("./x"), _looks_like_bare_hub_id("a/b/c")
    (True, False, False)
    """
    return "/" not in model and not model.startswith(("~", ".")) and not Path(model).exists() \
        and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", model) is not None
