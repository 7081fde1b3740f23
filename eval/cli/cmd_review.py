"""``sumcheck review RUN``: serve the report locally with confirm/dismiss on every flag.

``sumcheck review RUN --export FILE`` writes the reviewed flags as labelled JSONL instead.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import sys

from sumcheck.textsafe import plain_lines  # light: no heavy import at module level


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "review", help="review flags in the browser (confirm/dismiss), or export the verdicts",
        description="Serve RUN's report on http://127.0.0.1:PORT/ with confirm/dismiss buttons on every flag. "
                    "Every request needs the session token, which the URL printed at start carries. "
                    "Verdicts are appended to RUN/reviews.jsonl (readable by you only); the latest verdict per flag wins.")
    p.add_argument("run", metavar="RUN", help="a run folder")
    p.add_argument("--port", type=port_number, default=8765,
                   help="port to listen on (default 8765; 0 picks a free one, and the URL printed says which)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1; anything else exposes the review to the network)")
    p.add_argument("--reviewer", default=None, help="name recorded with every verdict of the session (the page's name field is then "
                        "read-only); without it the page starts with your login name and records the name typed there")
    p.add_argument("--export", metavar="FILE", default=None,
                   help="write reviewed flags as labelled JSONL (label 1 = dismissed/consistent) and exit")
    p.set_defaults(func=run)


def port_number(text: str) -> int:
    """An ``argparse`` type: a TCP port, 0-65535 (0 asks the system for a free one).

    >>> port_number("8765")
    8765
    >>> port_number("99999")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: port must be between 0 and 65535, got 99999
    """
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a whole number, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 0 and 65535, got {port}")
    return port


def review_url(host: str, port: int, token: str | None = None) -> str:
    """The address a reviewer opens, with the session's ``token`` (every request needs it: the first
    one trades it for a cookie, see :mod:`sumcheck.review.server`). A wildcard bind is opened through
    the loopback address (which the server accepts).

    >>> review_url("0.0.0.0", 8765, "T0k"), review_url("::1", 40000), review_url("localhost", 80)
    ('http://127.0.0.1:8765/?token=T0k', 'http://[::1]:40000/', 'http://localhost:80/')
    """
    if host in ("0.0.0.0", "", "::"):
        host = "127.0.0.1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _export(args: argparse.Namespace) -> int:
    from sumcheck.review.export import export_reviews
    from sumcheck.summarize.errors import SumcheckError

    try:
        result = export_reviews(args.run, args.export)
    except SumcheckError as exc:
        print(f"sumcheck review: error: {plain_lines(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"sumcheck review: error: cannot write {args.export}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {result.written} reviewed item(s) ({result.flags} flag(s), {result.sentences} sentence(s)) to {result.path}"
          + (f"; {result.orphaned} verdict(s) name flags this run does not have" if result.orphaned else ""))
    return 0


def run(args: argparse.Namespace) -> int:
    from sumcheck.summarize.errors import SumcheckError

    if args.export:
        return _export(args)
    try:
        from sumcheck.review.server import build_app, make_server

        app = build_app(args.run, reviewer=args.reviewer if args.reviewer is not None else _default_reviewer(),
                        reviewer_fixed=bool(args.reviewer and args.reviewer.strip()))
        server = make_server(app, host=args.host, port=args.port)
    except SumcheckError as exc:
        print(f"sumcheck review: error: {plain_lines(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:
        busy = exc.errno == errno.EADDRINUSE
        why = f"port {args.port} is already in use; pick another with --port, or --port 0 for a free one" if busy \
            else (exc.strerror or str(exc))
        print(f"sumcheck review: error: cannot listen on {args.host}:{args.port}: {why}", file=sys.stderr)
        return 2
    port = server.server_address[1]
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {args.host}: anyone who can reach this address can read the documents",
              file=sys.stderr)
    print(f"reviewing {app.run_dir} (verdicts go to {app.run_dir / 'reviews.jsonl'}; Ctrl-C to stop)")
    print(f"open {review_url(args.host, port, app.token)} (the link carries this session's token: share it only "
          "with whoever may review)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.server_close()
    return 0
