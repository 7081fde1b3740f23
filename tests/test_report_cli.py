"""`sumcheck report RUN` and `sumcheck review RUN --export FILE` through their argparse entry points."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sumcheck.cli import cmd_report, cmd_review
from sumcheck.review.store import Verdict, append_verdict
from report_helpers import first_flag, make_run


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sumcheck")
    sub = parser.add_subparsers()
    cmd_report.add_parser(sub)
    cmd_review.add_parser(sub)
    return parser.parse_args(argv)


def test_report_command_writes_the_page(tmp_path: Path, capsys) -> None:
    run = make_run(tmp_path)
    args = _parse(["report", str(run)])
    assert args.func(args) == 0
    assert (run / "report.html").stat().st_size > 0
    assert str(run / "report.html") in capsys.readouterr().out


def test_report_command_on_a_non_run_says_why(tmp_path: Path, capsys) -> None:
    args = _parse(["report", str(tmp_path)])
    assert args.func(args) == 2
    assert "no documents.jsonl" in capsys.readouterr().err


def test_review_export_command(tmp_path: Path, capsys) -> None:
    run = make_run(tmp_path)
    flag = first_flag(run)
    append_verdict(run, Verdict(flag_id=flag["flag_id"], doc_id="doc-1", system="lead3", kind="number", text="3,000",
                                start=flag["start"], end=flag["end"], verdict="confirm", reviewer="ana",
                                time="2026-11-25T10:00:00Z"))
    out = tmp_path / "labels.jsonl"
    args = _parse(["review", str(run), "--export", str(out)])
    assert args.func(args) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (row["flag_id"], row["level"], row["flag_label"], row["verdict"]) == (flag["flag_id"], "flag", 0, "confirm")
    assert "wrote 1 reviewed item(s) (1 flag(s), 0 sentence(s))" in capsys.readouterr().out


def test_review_on_a_busy_port_says_why(tmp_path: Path, capsys) -> None:
    import socket

    run = make_run(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        args = _parse(["review", str(run), "--port", str(s.getsockname()[1])])
        assert args.func(args) == 2
    err = capsys.readouterr().err
    assert "cannot listen on 127.0.0.1" in err and "already in use" in err and "--port 0" in err


def test_review_prints_a_url_that_opens_and_port_0_picks_a_free_port(tmp_path: Path) -> None:
    import subprocess
    import sys
    import urllib.request

    run = make_run(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "sumcheck.cli", "review", str(run), "--port", "0", "--reviewer", "ana"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(2)]
        url = next(line.split()[1] for line in lines if line.startswith("open "))
        assert url.startswith("http://127.0.0.1:") and ":0/" not in url
        base, token = url.split("?token=")
        assert len(token) >= 32 and sum(token in line for line in lines) == 1  # printed once, in the URL
        import http.cookiejar

        import pytest
        import urllib.error

        with pytest.raises(urllib.error.HTTPError) as refused:  # without the token: nothing
            urllib.request.urlopen(base, timeout=10)
        assert refused.value.code == 403
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(url, timeout=10) as res:
            page = res.read().decode("utf-8")
        assert res.status == 200 and '"mode":"review"' in page and token not in page
        with browser.open(base, timeout=10) as res:  # like a browser: the cookie goes with the next request
            assert res.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_report_draws_a_distribution_only_for_a_metric_the_run_computed(tmp_path: Path, capsys) -> None:
    from sumcheck.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"document": "The council approved 300 new homes in Leeds on Tuesday.",
                               "summary": "Leeds approved 300 homes."}) + "\n", encoding="utf-8")
    for metrics, shown, absent in (("rouge", [], ["Faithfulness per summary", "Fact precision per summary"]),
                                   ("factcheck", ["Fact precision per summary"], ["Faithfulness per summary"])):
        out = tmp_path / metrics
        assert main(["score", str(src), "--out", str(out), "--metrics", metrics, "-q"]) == 0
        html = (out / "report.html").read_text(encoding="utf-8")
        assert all(t in html for t in shown) and not any(t in html for t in absent), metrics
    capsys.readouterr()
