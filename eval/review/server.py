"""The local review server: the report page plus a two-route JSON API, nothing else.

Routes: ``GET /`` (or ``/report.html``) the page; ``GET /api/reviews`` the latest verdict per flag;
``POST /api/review`` record a verdict. There is no file serving at all, so no path can leave the run
folder. Every request needs the per-session token (a fresh random one each start), which the page
never contains: the URL ``sumcheck review`` prints carries it once (``/?token=...``); the page it
opens comes with a cookie holding it (``HttpOnly``: no script reads it; ``SameSite=Strict``: no
other site's page sends it; named after the port, so two sessions do not overwrite each other's),
and the page's script takes the token out of the address bar (``history.replaceState``; not a
redirect, whose follow-up a browser would send without the Strict cookie when the link was clicked on
another site's page). Later requests prove the token with
the cookie, or, for scripts, an ``X-Sumcheck-Token`` header; without it the answer is 403 and no
document, verdict or token. POSTs also need a JSON body and, when the browser sends one, a
same-origin ``Origin``. Every request's ``Host`` header must
name the server (the bound address, a loopback name or this machine's host name, with the port; on a
wildcard bind such as ``0.0.0.0``, also any IP address literal with the port, since a colleague reaches
it by this machine's address and an address, unlike a name, cannot be rebound), on any bind: a
defence against DNS rebinding, where a page on another site reads ``GET /`` (documents
and token) through a name that resolves to this machine. A connection that stalls (a declared body
never sent) is dropped after :attr:`_Handler.timeout` seconds. The server answers each connection
in its own (daemon) thread, with a listen backlog of :data:`LISTEN_BACKLOG`, so a team's browsers
saving at once are queued, not reset.
"""

from __future__ import annotations

import hmac
import json
import secrets
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from sumcheck.summarize import redact, safejson
from sumcheck.summarize.errors import NoSpaceError
from sumcheck.review.store import ReviewError, Verdict, append_verdict, latest_verdicts, utc_now

MAX_BODY = 64 * 1024
LISTEN_BACKLOG = 128  # connections the kernel queues before the server accepts them (socketserver's default: 5)
TOKEN_PARAM = "token"
NO_TOKEN = (b"missing or wrong session token: open the URL that `sumcheck review` printed "
            b"(it carries the token)\n")
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass
class ReviewApp:
    """What one review session serves: the page (built once), the known flags and the token."""

    run_dir: Path
    page: bytes
    known_flags: Mapping[str, Mapping[str, Any]]  # flags and low-faithfulness sentences, by item id
    token: str
    reviewer: str
    reviewer_fixed: bool = False  # the name was given (--reviewer): every verdict of the session is recorded under it
    allowed_hosts: set[str] = field(default_factory=set)
    any_address_port: int | None = None  # bound to a wildcard address: IP literals with this port are allowed too
    lock: threading.Lock = field(default_factory=threading.Lock)
    aliases: Mapping[str, str] = field(default_factory=dict)  # offset-based ids of older verdicts

    def latest(self) -> dict[str, dict[str, str]]:
        return {fid: {"v": v.verdict, "who": v.reviewer, "at": v.time, "c": v.comment}
                for fid, v in latest_verdicts(self.run_dir, self.aliases).items() if fid in self.known_flags}

    def record(self, body: Mapping[str, Any]) -> Verdict:
        fid = body.get("flag_id")
        if not isinstance(fid, str) or fid not in self.known_flags:
            raise ReviewError("unknown flag_id")
        reviewer = body.get("reviewer") or self.reviewer
        comment = body.get("comment") or ""
        if not isinstance(reviewer, str) or not isinstance(comment, str) or not isinstance(body.get("verdict"), str):
            raise ReviewError("reviewer, verdict and comment must be strings")
        if self.reviewer_fixed and reviewer.strip() != self.reviewer.strip():
            # a session started with --reviewer records that name: the provenance is the server's, not the client's
            raise ReviewError(f"this review session records verdicts as {self.reviewer.strip()!r} (sumcheck review "
                              "--reviewer); start a session without --reviewer, or with another name, for someone else")
        flag = self.known_flags[fid]
        verdict = Verdict(flag_id=fid, doc_id=flag["id"], system=flag["system"], kind=flag["kind"],
                          text=flag["text"], start=flag["start"], end=flag["end"], verdict=body["verdict"],
                          reviewer=reviewer.strip(), time=utc_now(), comment=comment.strip())
        append_verdict(self.run_dir, verdict)
        return verdict


def build_app(run_dir: Path | str, *, reviewer: str = "", reviewer_fixed: bool = False) -> ReviewApp:
    """Load the run once and render the review page with a fresh token.

    ``reviewer``: the name the page starts with; with ``reviewer_fixed`` (``--reviewer`` given) the
    only name the session records, and the page's name field is read-only. Otherwise each verdict
    carries the name typed on the page (several colleagues may share a session on a wildcard bind)."""
    from sumcheck.report.data import load_run
    from sumcheck.report.page import render_html
    from sumcheck.report.payload import build_payload

    run = load_run(run_dir)
    payload = build_payload(run, {})
    token = secrets.token_urlsafe(32)
    # the token is not in the page: the browser proves it with the session cookie (module docstring)
    config = {"mode": "review", "reviewer": reviewer, "reviewer_fixed": reviewer_fixed}
    page = render_html(payload, scores=run.scores, config=config).encode("utf-8", "replace")
    return ReviewApp(run_dir=run.path, page=page, known_flags=payload.known_flags, token=token, reviewer=reviewer,
                     reviewer_fixed=reviewer_fixed, aliases=payload.aliases)


class _Handler(BaseHTTPRequestHandler):
    server_version = "sumcheck-review"
    sys_version = ""
    timeout = 30  # seconds a connection may stall (e.g. a Content-Length with no body) before it is dropped
    app: ReviewApp  # set on the subclass made by make_server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8", cookie: str | None = None) -> None:
        if redact.active():  # an API key a server repeated into the run is never served
            body = redact.redact(body.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
        self.send_response(status)
        if cookie is not None:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in _SECURITY_HEADERS.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    @property
    def cookie_name(self) -> str:
        return f"sumcheck_review_{self.server.server_address[1]}"

    def _token_ok(self) -> bool:
        """The request carries the session token: in the session cookie or an ``X-Sumcheck-Token`` header."""
        from http.cookies import CookieError, SimpleCookie

        expected = self.app.token.encode("utf-8")
        header = self.headers.get("X-Sumcheck-Token")
        if header is not None and hmac.compare_digest(header.encode("utf-8", "replace"), expected):
            return True
        jar = SimpleCookie()
        for raw in self.headers.get_all("Cookie") or []:
            try:
                jar.load(raw)
            except CookieError:
                continue
        morsel = jar.get(self.cookie_name)
        return morsel is not None and hmac.compare_digest(morsel.value.encode("utf-8", "replace"), expected)

    def _enter(self, query: str) -> bool:
        """``GET /?token=T`` with the right token: the page, with the session cookie. True if answered."""
        from urllib.parse import parse_qs

        given = parse_qs(query).get(TOKEN_PARAM)
        if not given:
            return False
        if not hmac.compare_digest(given[0].encode("utf-8", "replace"), self.app.token.encode("utf-8")):
            self._send(403, NO_TOKEN)
            return True
        self._send(200, self.app.page, "text/html; charset=utf-8",
                   cookie=f"{self.cookie_name}={self.app.token}; Path=/; HttpOnly; SameSite=Strict")
        return True

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").lower()
        return host in self.app.allowed_hosts or (self.app.any_address_port is not None
                                                  and ip_literal_host(host, self.app.any_address_port))

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok():
            return self._send(403, b"forbidden host\n")
        url = urlsplit(self.path)
        path = url.path
        if path in ("/", "/report.html") and self._enter(url.query):
            return None
        if not self._token_ok():
            return self._send(403, NO_TOKEN)
        if path in ("/", "/report.html"):
            return self._send(200, self.app.page, "text/html; charset=utf-8")
        if path == "/api/reviews":
            return self._json(200, self.app.latest())
        return self._send(404, b"not found\n")

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok():
            return self._send(403, b"forbidden host\n")
        if urlsplit(self.path).path != "/api/review":
            return self._send(404, b"not found\n")
        origin = self.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() not in self.app.allowed_hosts | {self.headers.get("Host", "").lower()}:
            return self._send(403, b"cross-origin request refused\n")
        if not self._token_ok():
            return self._send(403, NO_TOKEN)
        if (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
            return self._send(415, b"send application/json\n")
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            return self._send(400, b"bad Content-Length\n")
        if length <= 0 or length > MAX_BODY:
            return self._send(413 if length > MAX_BODY else 400, b"body missing or too large\n")
        try:
            raw = self.rfile.read(length)
        except TimeoutError:
            self.close_connection = True
            return self._send(408, b"body not received in time\n")
        try:
            body = safejson.loads(raw.decode("utf-8"))  # a body nested 30,000 deep is a 400, not a dropped connection
            if not isinstance(body, dict):
                raise ValueError("expected an object")
        except (ValueError, UnicodeDecodeError):
            return self._send(400, b"body is not a JSON object\n")
        try:
            verdict = self.app.record(body)
        except ReviewError as exc:
            return self._send(400, (str(exc) + "\n").encode("utf-8"))
        except NoSpaceError as exc:  # a full disk: nothing was written; say so rather than drop the connection
            return self._send(507, (str(exc) + "\n").encode("utf-8"))
        return self._json(200, verdict.to_json())

    def _refuse(self) -> None:
        self._send(405, b"method not allowed\n")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse


class ReviewHTTPServer(ThreadingHTTPServer):
    """One daemon thread per connection, and a listen backlog a team's browsers fit in."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG


def make_server(app: ReviewApp, *, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A threading HTTP server for ``app`` bound to ``host:port`` (port 0 picks a free one)."""
    handler = type("ReviewHandler", (_Handler,), {"app": app})
    server = ReviewHTTPServer((host, port), handler)
    app.allowed_hosts = allowed_hosts(host, server.server_address[1])
    app.any_address_port = server.server_address[1] if host in ("0.0.0.0", "::", "") else None
    return server


def ip_literal_host(host: str, port: int) -> bool:
    """Is ``host`` (a ``Host`` header) an IP address literal with ``port``?

    >>> ip_literal_host("192.0.2.2:8765", 8765), ip_literal_host("[2001:db8::1]:8765", 8765)
    (True, True)
    >>> ip_literal_host("evil.example:8765", 8765), ip_literal_host("192.0.2.2:9999", 8765)
    (False, False)
    >>> ip_literal_host("192.0.2.2", 80), ip_literal_host("192.0.2.2", 8765)
    (True, False)
    """
    import ipaddress

    name, sep, got = host.rpartition(":")
    if sep and name.count(":") and not name.startswith("["):  # a bare IPv6 address: no port in it
        name, sep, got = host, "", ""
    if not sep or got != str(port):
        if port != 80 or sep and got:  # a browser leaves the default port out of Host
            return False
        name = host
    try:
        ipaddress.ip_address(name[1:-1] if name.startswith("[") and name.endswith("]") else name)
    except ValueError:
        return False
    return True


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` headers the server answers: the bind address, loopback names and this machine's name.

    >>> {"127.0.0.1:8765", "localhost:8765", "[::1]:8765", "0.0.0.0:8765"} <= allowed_hosts("0.0.0.0", 8765)
    True
    >>> "evil.example:8765" in allowed_hosts("0.0.0.0", 8765)
    False
    """
    names = {"127.0.0.1", "localhost", "[::1]", socket.gethostname().lower(), host.lower()}
    names = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names if n}
    out = {f"{n}:{port}" for n in names}
    if port == 80:  # a browser leaves the default port out of Host
        out |= names
    return out
