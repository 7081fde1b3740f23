"""The review server: token-protected POSTs, no file serving, loopback binding, verdicts that persist."""

from __future__ import annotations

import argparse
import http.client
import json
import re
import threading
from pathlib import Path
from typing import Iterator

import pytest

from sumcheck.cli import cmd_review
from sumcheck.review.export import export_reviews
from sumcheck.review.server import build_app, make_server
from sumcheck.review.store import ReviewError, latest_verdicts
from report_helpers import first_flag, make_run


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[Path, str, int]]:
    run = make_run(tmp_path)
    app = build_app(run, reviewer="ana")
    server = make_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield run, app.token, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _req(port: int, method: str, path: str, body: object = None, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
    hdrs = {"Content-Type": "application/json"} if data is not None else {}
    hdrs.update(headers or {})
    conn.request(method, path, body=data, headers=hdrs)
    res = conn.getresponse()
    out = res.status, res.read()
    conn.close()
    return out


def test_page_is_in_review_mode_and_never_holds_the_token(served) -> None:
    run, token, port = served
    status, body = _req(port, "GET", "/", headers={"X-Sumcheck-Token": token})
    assert status == 200 and token.encode() not in body
    cfg = json.loads(re.search(rb'id="sumcheck-config">(.*?)</script>', body).group(1))
    assert cfg == {"mode": "review", "reviewer": "ana", "reviewer_fixed": False}
    assert _req(port, "GET", "/report.html", headers={"X-Sumcheck-Token": token})[0] == 200


def _open(port: int, path: str, cookie: str | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    res = conn.getresponse()
    res.body = res.read()  # type: ignore[attr-defined]
    conn.close()
    return res


@pytest.mark.parametrize("path", ["/", "/report.html", "/api/reviews", "/?token=", "/?token=wrong", "/api/reviews?token=x"])
def test_every_get_needs_the_token(served, path) -> None:
    run, token, port = served
    res = _open(port, path)
    assert res.status == 403 and token.encode() not in res.body and b"doc-1" not in res.body
    assert res.getheader("Set-Cookie") is None
    assert _open(port, path, cookie=f"sumcheck_review_{port}=not-it").status == 403


def test_the_printed_url_trades_the_token_for_a_strict_httponly_cookie(served) -> None:
    run, token, port = served
    url = cmd_review.review_url("127.0.0.1", port, token)
    assert url == f"http://127.0.0.1:{port}/?token={token}"
    res = _open(port, url.split(str(port), 1)[1])
    assert res.status == 200 and token.encode() not in res.body  # the page, without the token in it
    assert b"history.replaceState" in res.body  # its script takes the token out of the address bar
    cookie = res.getheader("Set-Cookie")
    attrs = {a.strip().split("=")[0].lower() for a in cookie.split(";")}
    assert cookie.startswith(f"sumcheck_review_{port}={token};") and {"httponly", "path", "samesite"} <= attrs
    assert "samesite=strict" in cookie.lower().replace(" ", "")
    jar = cookie.split(";")[0]
    page = _open(port, "/", cookie=jar)
    assert page.status == 200 and b"doc-1" in page.body and token.encode() not in page.body
    assert _open(port, "/api/reviews", cookie="other=1; " + jar).status == 200
    flag = first_flag(run)
    status, _ = _req(port, "POST", "/api/review", {"flag_id": flag["flag_id"], "verdict": "confirm"}, {"Cookie": jar})
    assert status == 200  # the page's own save: the cookie, no token in the script
    assert (run / "reviews.jsonl").stat().st_mode & 0o777 == 0o600


def test_fifty_concurrent_saves_are_all_answered(served) -> None:
    # issue 28, row 10: with the default listen backlog (5), 1-15 of 20-50 simultaneous connections were reset
    run, token, port = served
    flag = first_flag(run)
    n = 50
    start = threading.Barrier(n)
    results: list[object] = []

    def save(i: int) -> None:
        start.wait()
        try:
            results.append(_req(port, "POST", "/api/review", {"flag_id": flag["flag_id"], "verdict": "confirm",
                                                               "reviewer": f"r{i}"}, {"X-Sumcheck-Token": token})[0])
        except OSError as exc:  # a reset connection
            results.append(repr(exc))

    threads = [threading.Thread(target=save, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * n
    assert len((run / "reviews.jsonl").read_text().splitlines()) == n


def test_post_needs_the_token(served) -> None:
    run, token, port = served
    flag = first_flag(run)
    body = {"flag_id": flag["flag_id"], "verdict": "dismiss"}
    assert _req(port, "POST", "/api/review", body)[0] == 403
    assert _req(port, "POST", "/api/review", body, {"X-Sumcheck-Token": token[:-1] + "x"})[0] == 403
    assert _req(port, "POST", "/api/review", body, {"Cookie": f"sumcheck_review_{port}={token[:-1]}x"})[0] == 403
    assert not (run / "reviews.jsonl").exists()
    status, out = _req(port, "POST", "/api/review", dict(body, comment="unit slip"), {"X-Sumcheck-Token": token})
    assert status == 200
    row = json.loads(out)
    assert (row["flag_id"], row["verdict"], row["reviewer"], row["comment"]) == (flag["flag_id"], "dismiss", "ana", "unit slip")
    assert (row["id"], row["system"], row["kind"], row["text"], row["start"], row["end"]) == (
        "doc-1", "lead3", "number", "3,000", flag["start"], flag["end"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["time"])
    assert latest_verdicts(run)[flag["flag_id"]].verdict == "dismiss"
    status, out = _req(port, "GET", "/api/reviews", headers={"X-Sumcheck-Token": token})
    assert json.loads(out)[flag["flag_id"]]["v"] == "dismiss"


@pytest.mark.parametrize("body,headers,code", [
    ({"flag_id": "0000000000000000", "verdict": "dismiss"}, {}, 400),   # not a flag of this run
    ({"flag_id": None, "verdict": "dismiss"}, {}, 400),
    ("FLAG", {"Content-Type": "text/plain"}, 415),                      # a form post from another page
    (b"[1, 2]", {}, 400),
    (b"{not json", {}, 400),
    ("FLAG", {"Origin": "http://evil.example"}, 403),
    ("FLAG", {"Host": "evil.example:80"}, 403),                          # DNS rebinding
])
def test_bad_posts_are_refused(served, body, headers, code) -> None:
    run, token, port = served
    if body == "FLAG":
        body = {"flag_id": first_flag(run)["flag_id"], "verdict": "confirm"}
    assert _req(port, "POST", "/api/review", body, {"X-Sumcheck-Token": token, **headers})[0] == code
    assert not (run / "reviews.jsonl").exists()


def test_bad_verdict_is_refused(served) -> None:
    run, token, port = served
    body = {"flag_id": first_flag(run)["flag_id"], "verdict": "delete"}
    assert _req(port, "POST", "/api/review", body, {"X-Sumcheck-Token": token})[0] == 400


@pytest.mark.parametrize("path", [
    "/run.json", "/documents.jsonl", "/reviews.jsonl", "/../run.json", "/%2e%2e/run.json", "/..%2frun.json",
    "//etc/passwd", "/report.html/../../documents.jsonl", "/api/../documents.jsonl", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
])
def test_no_file_leaves_the_run_folder(served, path: str) -> None:
    run, token, port = served
    assert _req(port, "GET", path)[0] == 403  # no token: nothing at all
    status, body = _req(port, "GET", path, headers={"X-Sumcheck-Token": token})
    assert status == 404  # with it: still no file
    assert b"council" not in body and b"root:" not in body


def test_other_methods_refused(served) -> None:
    run, token, port = served
    assert _req(port, "PUT", "/api/review", {"x": 1}, {"X-Sumcheck-Token": token})[0] == 405
    assert _req(port, "DELETE", "/api/review")[0] == 405


def test_concurrent_saves_lose_nothing(served) -> None:
    run, token, port = served
    rows = [json.loads(line) for line in (run / "results.jsonl").read_text().splitlines()]
    flags = [first_flag(run, doc_id=r["id"], system=r["system"]) for r in rows if r["factcheck"]["flags"]]
    errors: list[int] = []

    def reviewer(name: str) -> None:
        for i in range(10):
            for flag in flags:
                status, _ = _req(port, "POST", "/api/review",
                                 {"flag_id": flag["flag_id"], "verdict": "dismiss" if i % 2 else "confirm", "reviewer": name},
                                 {"X-Sumcheck-Token": token})
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=reviewer, args=(n,)) for n in ("ana", "bo", "cy")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    lines = (run / "reviews.jsonl").read_text().splitlines()
    assert len(lines) == 3 * 10 * len(flags)
    assert {json.loads(line)["reviewer"] for line in lines} == {"ana", "bo", "cy"}


def test_cli_binds_loopback_by_default() -> None:
    parser = argparse.ArgumentParser()
    cmd_review.add_parser(parser.add_subparsers())
    args = parser.parse_args(["review", "RUN"])
    assert args.host == "127.0.0.1" and args.func is cmd_review.run


def test_export_labels_latest_verdicts(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    app = build_app(run, reviewer="ana")
    flag = first_flag(run)
    other = first_flag(run, system="smollm2")
    app.record({"flag_id": flag["flag_id"], "verdict": "confirm"})
    app.record({"flag_id": flag["flag_id"], "verdict": "dismiss", "reviewer": "bo", "comment": "same amount"})
    app.record({"flag_id": other["flag_id"], "verdict": "confirm"})
    with (run / "reviews.jsonl").open("a") as f:  # a verdict on a flag this run no longer has
        f.write(json.dumps({"flag_id": "ffffffffffffffff", "verdict": "confirm"}) + "\n")
    result = export_reviews(run, tmp_path / "out" / "labels.jsonl")
    assert (result.written, result.orphaned) == (2, 1)
    rows = [json.loads(line) for line in result.path.read_text().splitlines()]
    by_id = {r["flag_id"]: r for r in rows}
    # flag_label follows the validation data: 1 = consistent (dismissed false alarm), 0 = confirmed
    # hallucination; there is no summary-level "label", which meta-eval would read as one
    assert (by_id[flag["flag_id"]]["flag_label"], by_id[flag["flag_id"]]["reviewer"], by_id[flag["flag_id"]]["history"]) == (1, "bo", 2)
    assert by_id[other["flag_id"]]["flag_label"] == 0
    assert all(r["level"] == "flag" and "label" not in r for r in rows)
    assert by_id[flag["flag_id"]]["sentence"] == "The council approved a budget of 3,000 million euros."
    assert "300 million euros" in by_id[flag["flag_id"]]["document"]


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cmd_review.add_parser(parser.add_subparsers())
    return parser.parse_args(argv)


@pytest.mark.parametrize("port", ["99999", "-1", "65536", "http"])
def test_out_of_range_port_is_a_usage_error(port: str, capsys) -> None:
    # regression: --port 99999 / -1 gave an OverflowError traceback
    with pytest.raises(SystemExit) as info:
        _parse(["review", "RUN", "--port", port])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--port" in err and "port must be" in err and "Traceback" not in err


def test_port_bounds_are_accepted() -> None:
    assert _parse(["review", "RUN", "--port", "0"]).port == 0
    assert _parse(["review", "RUN", "--port", "65535"]).port == 65535


def test_export_to_an_unwritable_path_says_cannot_write(tmp_path: Path, capsys) -> None:
    # regression: --export under a regular file reported "cannot listen on ..."
    run = make_run(tmp_path)
    (tmp_path / "afile").write_text("", encoding="utf-8")
    target = tmp_path / "afile" / "e.jsonl"
    assert cmd_review.run(_parse(["review", str(run), "--export", str(target)])) == 2
    err = capsys.readouterr().err
    assert f"cannot write {target}:" in err and "listen" not in err


def test_export_of_a_missing_run_is_an_error(tmp_path: Path, capsys) -> None:
    assert cmd_review.run(_parse(["review", str(tmp_path / "none"), "--export", str(tmp_path / "e.jsonl")])) == 2
    assert "sumcheck review: error:" in capsys.readouterr().err


@pytest.fixture()
def served_any(tmp_path: Path) -> Iterator[tuple[Path, str, object]]:
    run = make_run(tmp_path)
    app = build_app(run, reviewer="ana")
    server = make_server(app, host="0.0.0.0", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield run, app.token, server
    finally:
        server.shutdown()
        server.server_close()


def test_wildcard_bind_still_checks_the_host_header(served_any) -> None:
    # regression: --host 0.0.0.0 left allowed_hosts empty (DNS rebinding could read documents and token)
    import socket

    run, token, server = served_any
    port = server.server_address[1]
    status, body = _req(port, "GET", "/", headers={"Host": f"evil.example:{port}", "X-Sumcheck-Token": token})
    assert status == 403 and token.encode() not in body
    assert _req(port, "GET", "/api/reviews", headers={"Host": f"evil.example:{port}", "X-Sumcheck-Token": token})[0] == 403
    flag = {"flag_id": first_flag(run)["flag_id"], "verdict": "confirm"}
    assert _req(port, "POST", "/api/review", flag, {"X-Sumcheck-Token": token, "Host": f"evil.example:{port}"})[0] == 403
    for host in ("127.0.0.1", "localhost", "[::1]", socket.gethostname(), "0.0.0.0"):
        assert _req(port, "GET", "/", headers={"Host": f"{host}:{port}", "X-Sumcheck-Token": token})[0] == 200, host
    assert _req(port, "GET", "/", headers={"Host": "localhost:1", "X-Sumcheck-Token": token})[0] == 403  # another port: another origin
    # a colleague opens http://<this machine's address>:port/ (new-user trial, session 5: refused);
    # an address literal cannot be rebound to another site, so any one is accepted on a wildcard bind
    for host in ("192.0.2.2", "10.1.2.3", "[2001:db8::1]"):
        assert _req(port, "GET", "/", headers={"Host": f"{host}:{port}", "X-Sumcheck-Token": token})[0] == 200, host
    assert _req(port, "GET", "/", headers={"Host": "192.0.2.2:1", "X-Sumcheck-Token": token})[0] == 403


def test_loopback_bind_refuses_a_foreign_host_on_get(served) -> None:
    run, token, port = served
    status, body = _req(port, "GET", "/", headers={"Host": f"evil.example:{port}", "X-Sumcheck-Token": token})
    assert status == 403 and token.encode() not in body
    assert _req(port, "GET", "/", headers={"Host": f"192.0.2.2:{port}", "X-Sumcheck-Token": token})[0] == 403  # only a wildcard bind takes any address


def test_a_declared_body_that_never_comes_times_out(served_any) -> None:
    # regression: a POST with Content-Length and no body held a handler thread forever
    import socket
    import time

    from sumcheck.review.server import _Handler

    assert _Handler.timeout == 30
    run, token, server = served_any
    server.RequestHandlerClass.timeout = 0.5  # the subclass made for this server only
    port = server.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall((f"POST /api/review HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Sumcheck-Token: {token}\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n").encode())
        start = time.monotonic()
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.0 408") or reply.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - start < 5
    assert not (run / "reviews.jsonl").exists()


def test_low_faithfulness_sentences_can_be_confirmed_or_dismissed_and_export_apart(tmp_path: Path) -> None:
    from sumcheck.flags import sentence_id

    run = make_run(tmp_path)
    app = build_app(run, reviewer="ana")
    low = "The council approved a budget of 3,000 million euros."  # sentence score 0.2, below the threshold
    high = "Anne Hidalgo said it funds 12 schools."  # 0.9: not a low-faithfulness sentence, not reviewable
    sid = sentence_id(doc_id="doc-1", system="lead3", sentence=low)
    assert app.known_flags[sid]["kind"] == "sentence" and app.known_flags[sid]["text"] == low
    with pytest.raises(ReviewError, match="unknown flag_id"):
        app.record({"flag_id": sentence_id(doc_id="doc-1", system="lead3", sentence=high), "verdict": "dismiss"})
    flag = first_flag(run)
    app.record({"flag_id": sid, "verdict": "confirm", "comment": "budget is wrong"})
    app.record({"flag_id": flag["flag_id"], "verdict": "dismiss"})
    assert app.latest()[sid]["v"] == "confirm"
    result = export_reviews(run, tmp_path / "labels.jsonl")
    assert (result.written, result.flags, result.sentences) == (2, 1, 1)
    rows = {r["level"]: r for r in map(json.loads, result.path.read_text().splitlines())}
    assert rows["sentence"]["text"] == low and rows["sentence"]["sentence_label"] == 0 and rows["sentence"]["score"] == 0.2
    assert rows["flag"]["flag_label"] == 1 and "sentence_label" not in rows["flag"]
    assert not any("label" in r for r in rows.values())


def test_a_named_session_records_only_its_name(tmp_path: Path) -> None:
    # new-user trial, session 5: a client could post "reviewer": "mallory\nfake" to a session started
    # with --reviewer ana, and the provenance said mallory
    run = make_run(tmp_path)
    flag = first_flag(run)
    app = build_app(run, reviewer="ana", reviewer_fixed=True)
    with pytest.raises(ReviewError, match="records verdicts as 'ana'"):
        app.record({"flag_id": flag["flag_id"], "verdict": "confirm", "reviewer": "mallory"})
    app.record({"flag_id": flag["flag_id"], "verdict": "confirm"})
    app.record({"flag_id": flag["flag_id"], "verdict": "dismiss", "reviewer": "ana"})
    assert {v.reviewer for v in latest_verdicts(run).values()} == {"ana"}
    page = app.page.decode("utf-8")
    assert '"reviewer_fixed": true' in page or '"reviewer_fixed":true' in page


@pytest.mark.parametrize("name", ["mallory\nfake", "a\rb", "a\u2028b", "bo\x00", "ana\u202egnp.exe"])
def test_a_reviewer_name_is_one_printable_line(tmp_path: Path, name: str) -> None:
    run = make_run(tmp_path)
    app = build_app(run, reviewer="ana")
    with pytest.raises(ReviewError, match="one line of printable text"):
        app.record({"flag_id": first_flag(run)["flag_id"], "verdict": "confirm", "reviewer": name})
    assert latest_verdicts(run) == {}


@pytest.mark.parametrize("name", ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "Zo\u00eb", "a\u00adb"])
def test_reviewer_names_with_joiners_and_accents_are_accepted(tmp_path: Path, name: str) -> None:
    # a Persian name with a zero-width non-joiner, an accent, a soft hyphen: printable, one line
    run = make_run(tmp_path)
    app = build_app(run, reviewer="ana")
    app.record({"flag_id": first_flag(run)["flag_id"], "verdict": "confirm", "reviewer": name})
    assert [v.reviewer for v in latest_verdicts(run).values()] == [name]
