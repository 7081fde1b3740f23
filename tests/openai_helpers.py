"""A loopback OpenAI-compatible server for tests: answers ``/v1/chat/completions`` and ``/v1/completions``
with a canned summary, or injects a fault chosen by the request's ``model``:

* ``rate-limited``: the first request of each prompt gets 429 with ``Retry-After: 1``, the next 200;
* ``flaky``: 500 once per prompt, then 200;
* ``garbage``: 200 with an HTML body (not JSON), until a test sets ``server.healed``;
* ``slow``: answers after ``SLOW_SECONDS`` (longer than the tests' timeout);
* ``drop``: closes the connection without answering;
* ``long``: 200 with ``finish_reason: length``;
* ``hold``: answers after ``HOLD_SECONDS`` (to measure how many requests overlap);
* ``unavailable``: 503 every time; ``hostile``: 503 whose error message holds ``HOSTILE`` (terminal escapes:
  a title-setting OSC sequence and a right-to-left override);
* ``unauthorized``: 401 every time; ``missing``: 404 (no such model) every time;
* ``echo-key`` / ``echo-key-401``: 500 / 401 every time, with a message that repeats the request's
  key in several forms (whole, its ``Authorization`` header, URL-encoded, starred out, its tail);
* ``parts``: 200 whose ``message.content`` is a list of parts: a ``thinking`` part (``REASONING``), then
  the text cut in two ``text`` parts;
* ``reasoning-field``: 200 with the reasoning in ``message.reasoning_content``, the text in ``content``;
* ``reasoning-only``: 200 with ``content: null``, ``reasoning_content`` and ``finish_reason: length``
  (a reasoning model that spent its token budget thinking);
* anything else: 200, ``finish_reason: stop``.

A 200's text is ``server.reply(prompt)``: :func:`summary_for` unless a test sets another (a judge's
verdict, say). Every request is logged (time, path, model, Authorization header, body) in
``server.requests``.
Built on the standard library's ``ThreadingHTTPServer``; bound to 127.0.0.1 on a free port.
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote
from collections import Counter
from http.server import BaseHTTPRequestHandler
from typing import Any, Callable

from loopback import LoopbackServer

SLOW_SECONDS = 3.0
REASONING = "The article says 1999 and mentions Kyoto; let me check the numbers."
HOLD_SECONDS = 0.3


# a server's error text that would set the terminal's title (OSC 0 ... BEL) and reverse the rest of the line
HOSTILE = "busy \x1b]0;pwned\x07 try \u202elater"


def summary_for(prompt: str) -> str:
    """The canned summary: the prompt's first five words, so a test can predict it."""
    return " ".join(prompt.split()[:5])


class FaultServer(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.requests: list[dict[str, Any]] = []
        self.seen: Counter = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self.reply: Callable[[str], str] = summary_for
        self.healed = False  # True: ``garbage`` answers like ``ok`` (an upstream fault that went away)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def count(self, model: str | None = None) -> int:
        with self.lock:
            return sum(1 for r in self.requests if model is None or r["model"] == model)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, *args: Any) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        model = str(payload.get("model"))
        chat = self.path.endswith("/chat/completions")
        prompt = payload["messages"][-1]["content"] if chat else str(payload.get("prompt"))
        with self.server.lock:
            self.server.requests.append({"t": time.monotonic(), "path": self.path, "model": model,
                                         "authorization": self.headers.get("Authorization"), "body": payload})
            self.server.seen[(model, prompt)] += 1
            nth = self.server.seen[(model, prompt)]
        if model == "rate-limited" and nth == 1:
            return self._send(429, b'{"error": {"message": "slow down"}}', headers={"Retry-After": "1"})
        if model == "flaky" and nth == 1:
            return self._send(500, b'{"error": {"message": "boom"}}')
        if model == "unavailable":
            return self._send(503, b'{"error": {"message": "overloaded"}}')
        if model in ("echo-key", "echo-key-401"):
            auth = self.headers.get("Authorization") or ""
            key = auth.removeprefix("Bearer ")
            message = (f"Incorrect API key provided: {key}. You sent {auth!r} (url: {quote(key, safe='')}; "
                       f"{key[:8]}{'*' * 20}{key[-4:]}; ends {key[-12:]})")
            return self._send(401 if model.endswith("401") else 500, json.dumps({"error": {"message": message}}).encode())

        if model == "hostile":
            return self._send(503, json.dumps({"error": {"message": HOSTILE}}).encode())
        if model == "unauthorized":
            return self._send(401, b'{"error": {"message": "invalid api key", "code": "invalid_api_key"}}')
        if model == "missing":
            return self._send(404, json.dumps({"error": {"message": f"The model `{model}` does not exist",
                                                         "code": "model_not_found"}}).encode())
        if model == "garbage" and not self.server.healed:
            return self._send(200, b"<html><body>502 Bad Gateway</body></html>", content_type="text/html")
        if model == "slow":
            time.sleep(SLOW_SECONDS)
        if model == "hold":
            with self.server.lock:
                self.server.in_flight += 1
                self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
            time.sleep(HOLD_SECONDS)
            with self.server.lock:
                self.server.in_flight -= 1
        if model == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return None
        text = self.server.reply(prompt)
        finish = "length" if model in ("long", "reasoning-only") else "stop"
        usage = {"prompt_tokens": len(prompt.split()), "completion_tokens": len(text.split()),
                 "total_tokens": len(prompt.split()) + len(text.split())}
        choice: dict[str, Any] = {"index": 0, "finish_reason": finish, "logprobs": None}
        if chat and model == "parts":
            half = len(text) // 2
            choice["message"] = {"role": "assistant", "content": [
                {"type": "thinking", "thinking": REASONING}, {"type": "text", "text": text[:half]},
                {"type": "text", "text": text[half:]}]}
            obj = "chat.completion"
        elif chat and model in ("reasoning-field", "reasoning-only"):
            choice["message"] = {"role": "assistant", "content": None if model == "reasoning-only" else text,
                                 "reasoning_content": REASONING}
            obj = "chat.completion"
        elif chat:
            choice["message"] = {"role": "assistant", "content": text}
            obj = "chat.completion"
        else:
            choice["text"] = text
            obj = "text_completion"
        body = {"id": f"cmpl-{nth}", "object": obj, "created": int(time.time()), "model": f"served/{model}",
                "choices": [choice], "usage": usage}
        try:
            self._send(200, json.dumps(body).encode())
        except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
            pass
