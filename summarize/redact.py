"""Masking secrets (API keys) in every text sumcheck records or prints.

sumcheck knows the value of each key it sends: whoever reads one (:func:`sumcheck.summarize.openai_client.read_api_key`)
registers it here with :func:`register`. From then on :func:`redact` replaces it in any text, whatever
the text came from (a server's error message that repeats the key, a summary, an exception). The
places where text leaves the process pass through :func:`redact`: the run folder's files
(:mod:`sumcheck.runfolder`), ``report.html`` and the review page, the summary cache, the gate's
files, and the CLI's stdout and stderr (:func:`wrap_stream`, which covers logging, warnings and
tracebacks too).

What is masked, for each registered key of at least :data:`MIN_KEY_CHARS` characters:

* the key itself, so its ``Bearer`` form and any header a server echoes lose it too;
* the key as URL-encoding, JSON, Python ``repr`` and HTML escaping write it (the same as the key
  for the usual ``[A-Za-z0-9_-]`` keys);
* any run of :data:`MIN_PARTIAL_CHARS` or more consecutive characters of the key (a server that
  prints the first or last part of it);
* a token in which the key is starred out or elided (``sk-ab12****************wxyz``, OpenAI's
  "Incorrect API key provided" form, or ``sk-ab...wxyz``) when each part left of it is a part of
  the key.

A key shorter than :data:`MIN_KEY_CHARS` (a test server's ``x``) is masked only where it stands as a
whole word. The mask is :data:`MASK`.
"""

from __future__ import annotations

import html
import io
import json
import re
import threading
from typing import Any, TextIO
from urllib.parse import quote, quote_plus

MASK = "[redacted]"
MIN_KEY_CHARS = 8
MIN_PARTIAL_CHARS = 10

class Redactor:
    """A set of keys and the masking of them (the module keeps one, :data:`DEFAULT`, for the process).

    >>> r = Redactor()
    >>> r.register("sk-test-0123456789abcdefghij")
    >>> r.redact("Incorrect API key provided: sk-test-0123456789abcdefghij. Bearer sk-test-0123456789abcdefghij")
    'Incorrect API key provided: [redacted]. Bearer [redacted]'
    >>> r.redact("key sk-test-01******************ghij. refused; tail 456789abcdefghij, end")
    'key [redacted]. refused; tail [redacted], end'
    >>> r.redact("sk-test-0123456789abcdefghij"[:9] + " is only the public prefix")
    'sk-test-0 is only the public prefix'
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.keys: tuple[str, ...] = ()
        self._forms: tuple[str, ...] = ()  # every encoded form of the long keys, longest first
        self._short: re.Pattern[str] | None = None

    def register(self, value: str | None) -> None:
        """Mask ``value`` from now on. Blank values and the placeholder ``EMPTY`` are ignored."""
        value = (value or "").strip()
        if not value or value == "EMPTY" or value in self.keys:
            return
        with self._lock:
            keys = (*self.keys, value)
            forms: set[str] = set()
            shorts: list[str] = []
            for key in keys:
                if len(key) < MIN_KEY_CHARS:
                    shorts.append(key)
                    continue
                forms.update({key, quote(key, safe=""), quote_plus(key), json.dumps(key)[1:-1],
                              json.dumps(key, ensure_ascii=False)[1:-1], repr(key)[1:-1], html.escape(key, quote=True),
                              # the report's JSON inside <script> also escapes < > & (sumcheck.report.page)
                              json.dumps(key)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")})
            self._forms = tuple(sorted(forms, key=len, reverse=True))
            self._short = (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in sorted(shorts, key=len, reverse=True))
                                      + r")(?!\w)") if shorts else None)
            self.keys = keys

    def redact(self, text: str) -> str:
        """``text`` with every key masked (module docstring); ``text`` itself when there is no key."""
        if not self.keys or not text or not isinstance(text, str):
            return text
        for form in self._forms:
            if form in text:
                text = text.replace(form, MASK)
        spans: list[tuple[int, int]] = []
        for key in self.keys:
            if len(key) >= MIN_KEY_CHARS:
                spans += _partial_spans(text, key)
        if "***" in text or "..." in text or "\u2026" in text:
            spans += self._starred_spans(text)
        if spans:
            text = _mask_spans(text, spans)
        if self._short is not None:
            text = self._short.sub(MASK, text)
        return text

    def _starred_spans(self, text: str) -> list[tuple[int, int]]:
        """Tokens with an elision (3+ ``*``, 3+ ``.``, ``\u2026``) whose other parts are each a part of a key
        (one of them 3+ characters, 4+ in all)."""
        out: list[tuple[int, int]] = []
        pos = 0
        long_keys = [k for k in self.keys if len(k) >= MIN_KEY_CHARS]
        for start, end in _elisions(text):
            if start < pos:
                continue
            before, after = text[max(0, start - 3):start], text[end:end + 3]
            if not any((len(before) == 3 and before in k) or (len(after) == 3 and after in k) for k in long_keys):
                continue  # no part of a key next to it: an ordinary ellipsis or row of stars
            a, b = start, end
            while a > max(pos, start - _MAX_TOKEN) and text[a - 1] not in _DELIMS:
                a -= 1
            while b < min(len(text), end + _MAX_TOKEN) and text[b] not in _DELIMS:
                b += 1
            if a > 0 and text[a - 1] == "\\" and a < start and text[a] in "nrtbf":
                a += 1  # "\\nsk-...": the letter of a JSON escape is not part of the token
            while b > end and text[b - 1] in ".:!?":
                b -= 1
            pos = b
            parts = [p for p in _ELISION.split(text[a:b]) if p]
            if (parts and max(len(p) for p in parts) >= 3 and sum(len(p) for p in parts) >= 4
                    and any(all(p in k for p in parts) for k in long_keys)):
                out.append((a, b))
        return out


_ELISION = re.compile("\\*{3,}|\\.{3,}|\u2026")
def _elisions(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of 3+ ``*``, 3+ ``.`` or an ``\u2026``, in text order (found with
    ``str.find``, which is much faster than a regular expression without a literal prefix)."""
    spans: list[tuple[int, int]] = []
    for mark, unit in (("***", "*"), ("...", "."), ("\u2026", "")):
        i = text.find(mark)
        while i >= 0:
            j = i + len(mark)
            while unit and j < len(text) and text[j] == unit:
                j += 1
            spans.append((i, j))
            i = text.find(mark, j)
    spans.sort()
    return spans


_MAX_TOKEN = 256  # characters looked at on each side of a run of stars
_DELIMS = frozenset(" \t\r\n\"'<>`,;()[]{}\\")  # the backslash too: a JSON-encoded text's escapes


def _partial_spans(text: str, key: str) -> list[tuple[int, int]]:
    """Every run of at least MIN_PARTIAL_CHARS consecutive characters of ``key`` in ``text``.

    Any such run contains one of the key's windows of ``w = MIN_PARTIAL_CHARS // 2`` characters that
    start at a multiple of ``w``, so only those windows are searched for (``str.find``, in C), and each
    hit is grown to the longest run of the key around it."""
    w = max(1, MIN_PARTIAL_CHARS // 2)
    spans: list[tuple[int, int]] = []
    for k in range(0, len(key) - w + 1, w):
        window = key[k:k + w]
        places = [i for i in range(len(key) - w + 1) if key.startswith(window, i)]
        start = text.find(window)
        while start >= 0:
            best = (start, start)
            for off in places:
                a, b, ka, kb = start, start + w, off, off + w
                while a > 0 and ka > 0 and text[a - 1] == key[ka - 1]:
                    a, ka = a - 1, ka - 1
                while b < len(text) and kb < len(key) and text[b] == key[kb]:
                    b, kb = b + 1, kb + 1
                if b - a > best[1] - best[0]:
                    best = (a, b)
            if best[1] - best[0] >= MIN_PARTIAL_CHARS:
                spans.append(best)
            start = text.find(window, start + 1)
    return spans


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the (possibly overlapping) ``spans`` replaced by one MASK."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out += [text[pos:a], MASK]
        pos = b
    out.append(text[pos:])
    return "".join(out)


DEFAULT = Redactor()


def register(value: str | None) -> None:
    """Remember ``value`` (an API key) so that :func:`redact` masks it from now on in this process."""
    DEFAULT.register(value)


def register_env(name: str | None) -> None:
    """Register the value of the environment variable ``name`` (nothing when unset)."""
    import os

    if name:
        register(os.environ.get(name))


def active() -> bool:
    """Is any key registered in this process?"""
    return bool(DEFAULT.keys)


def redact(text: str) -> str:
    """``text`` with every key registered in this process masked (see :class:`Redactor`)."""
    return DEFAULT.redact(text)


def redact_value(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, strings) with every string passed through :func:`redact`."""
    if not DEFAULT.keys:
        return value
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact(k) if isinstance(k, str) else k: redact_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(v) for v in value) if isinstance(value, list) else tuple(redact_value(v) for v in value)
    return value


def redact_exception(exc: BaseException) -> BaseException:
    """``exc`` with its message masked (its ``args`` rewritten in place); returns ``exc``."""
    if DEFAULT.keys and exc.args:
        exc.args = tuple(redact(a) if isinstance(a, str) else a for a in exc.args)
    return exc


class RedactingStream(io.TextIOBase):
    """A text stream that masks registered keys in everything written, then passes it to ``stream``.

    Text is passed on at each newline (or flush) so that a key written in two pieces is still seen
    whole; everything else (``isatty``, ``fileno``, ``encoding``, ``buffer``) is the wrapped stream's.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = ""
        self._wlock = threading.RLock()

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, s: str) -> int:  # type: ignore[override]
        if not DEFAULT.keys:
            if self._pending:
                self.flush()
            return self._stream.write(s)
        with self._wlock:
            self._pending += s
            cut = max(self._pending.rfind("\n"), self._pending.rfind("\r"))
            if cut >= 0:
                ready, self._pending = self._pending[:cut + 1], self._pending[cut + 1:]
                self._stream.write(redact(ready))
            elif len(self._pending) > 65536:
                ready, self._pending = self._pending, ""
                self._stream.write(redact(ready))
        return len(s)

    def flush(self) -> None:
        with self._wlock:
            if self._pending:
                ready, self._pending = self._pending, ""
                self._stream.write(redact(ready))
        self._stream.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def wrap_stream(stream: TextIO) -> TextIO:
    """``stream`` behind a :class:`RedactingStream` (itself when it already is one)."""
    return stream if isinstance(stream, RedactingStream) else RedactingStream(stream)  # type: ignore[return-value]


def install_log_redaction() -> None:
    """Make every log record created from now on carry its message masked (a log record factory:
    it reaches every handler, whatever stream or file it writes to). Idempotent."""
    import logging

    previous = logging.getLogRecordFactory()
    if getattr(previous, "_sumcheck_redacting", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if DEFAULT.keys:
            try:
                message = record.getMessage()
            except Exception:  # noqa: BLE001 - a bad format string is logging's own error to report
                return record
            masked = redact(message)
            if masked != message:
                record.msg, record.args = masked, None
            if record.exc_info and record.exc_info[1] is not None:
                redact_exception(record.exc_info[1])
        return record

    factory._sumcheck_redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def protect_process() -> None:
    """Mask keys in this process's stdout, stderr and logging (the CLI and each worker call it)."""
    import sys

    sys.stdout = wrap_stream(sys.stdout)
    sys.stderr = wrap_stream(sys.stderr)
    install_log_redaction()


def _reset_for_tests() -> None:
    DEFAULT.__init__()  # type: ignore[misc]
