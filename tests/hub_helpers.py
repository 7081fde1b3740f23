"""A loopback server answering the part of the Hugging Face Hub HTTP API that ``snapshot_download`` uses.

Read from huggingface_hub 2.4's own code (``HfApi.repo_info``, ``HfApi.list_repo_tree``,
``file_download.get_hf_file_metadata`` / ``http_get``):

* ``GET /api/models/{repo}/revision/{rev}``: the repo's info; ``sha`` is the commit ``rev`` points to;
* ``GET /api/models/{repo}/tree/{rev}``: the files (``type``, ``path``, ``size``, ``oid``; ``lfs``
  with ``oid`` = SHA-256 for weights);
* ``HEAD``/``GET /{repo}/resolve/{rev}/{path}``: the file, with ``X-Repo-Commit``, ``ETag`` (the git
  blob id, or for LFS files ``X-Linked-Etag`` = SHA-256 and ``X-Linked-Size``) and ``Content-Length``.

An unknown repo is a 404 with ``X-Error-Code: RepoNotFound``, an unknown revision a 404 with
``X-Error-Code: RevisionNotFound``, as the Hub answers. Every request is logged in ``hub.log``
(method, path) so tests can count downloads. Standard library only; bound to 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from loopback import LoopbackServer

LFS_SUFFIXES = (".safetensors", ".bin")


def git_blob_id(data: bytes) -> str:
    """The id git gives a file's content: SHA-1 over ``blob <size>\\0`` and the bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class FakeHub(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.repos: dict[str, dict[str, Any]] = {}
        self.log: list[tuple[str, str]] = []

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def add_repo(self, repo_id: str, folder: Path, *, refs: tuple[str, ...] = ("main",), extra: dict[str, bytes] | None = None) -> str:
        """Publish ``folder``'s files (plus ``extra``) as one commit that ``refs`` point to; return the commit."""
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
        files.update(extra or {})
        commit = hashlib.sha1(b"".join(name.encode() + git_blob_id(data).encode() for name, data in sorted(files.items()))).hexdigest()
        repo = self.repos.setdefault(repo_id, {"refs": {}, "commits": {}})
        repo["commits"][commit] = files
        for ref in refs:
            repo["refs"][ref] = commit
        return commit

    def downloads(self) -> list[str]:
        """Paths of the files fetched with GET, in order."""
        with self.lock:
            return [path for method, path in self.log if method == "GET" and "/resolve/" in path]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeHub

    def log_message(self, *args: Any) -> None:
        pass

    def _reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None, *, head: bool = False) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_found(self, code: str, head: bool = False) -> None:
        self._reply(404, json.dumps({"error": code}).encode(), {"X-Error-Code": code, "Content-Type": "application/json"}, head=head)

    def _lookup(self, repo_id: str, rev: str) -> tuple[str, dict[str, bytes]] | str:
        repo = self.server.repos.get(repo_id)
        if repo is None:
            return "RepoNotFound"
        commit = rev if rev in repo["commits"] else repo["refs"].get(rev)
        if commit is None:
            return "RevisionNotFound"
        return commit, repo["commits"][commit]

    def _handle(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        with self.server.lock:
            self.server.log.append(("HEAD" if head else "GET", path))
        parts = path.strip("/").split("/")
        if parts[:2] == ["api", "models"] and len(parts) >= 6 and parts[4] in ("revision", "tree"):
            repo_id, kind, rev = f"{parts[2]}/{parts[3]}", parts[4], parts[5]
            found = self._lookup(repo_id, rev)
            if isinstance(found, str):
                return self._not_found(found, head)
            commit, files = found
            if kind == "revision":
                body = {"id": repo_id, "modelId": repo_id, "sha": commit, "private": False, "disabled": False,
                        "siblings": [{"rfilename": name} for name in files]}
            else:
                body = []
                for name, data in files.items():
                    entry: dict[str, Any] = {"type": "file", "path": name, "size": len(data), "oid": git_blob_id(data)}
                    if name.endswith(LFS_SUFFIXES):
                        entry["lfs"] = {"oid": hashlib.sha256(data).hexdigest(), "size": len(data), "pointerSize": 134}
                    body.append(entry)
            return self._reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"}, head=head)
        if len(parts) >= 5 and parts[2] == "resolve":
            repo_id, rev, name = f"{parts[0]}/{parts[1]}", parts[3], "/".join(parts[4:])
            found = self._lookup(repo_id, rev)
            if isinstance(found, str):
                return self._not_found(found, head)
            commit, files = found
            if name not in files:
                return self._not_found("EntryNotFound", head)
            data = files[name]
            headers = {"X-Repo-Commit": commit, "ETag": f'"{git_blob_id(data)}"', "Content-Type": "application/octet-stream"}
            if name.endswith(LFS_SUFFIXES):
                headers.update({"X-Linked-Etag": f'"{hashlib.sha256(data).hexdigest()}"', "X-Linked-Size": str(len(data))})
            return self._reply(200, data, headers, head=head)
        self._reply(404, b"{}", {"Content-Type": "application/json"}, head=head)

    def do_GET(self) -> None:  # noqa: N802
        self._handle(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(head=True)
