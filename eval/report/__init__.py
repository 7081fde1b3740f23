"""The self-contained HTML review report of a run folder (``RUN/report.html``).

``write_report(run_dir)`` writes it (``sumcheck report RUN`` and the end of ``sumcheck run`` call it);
``render_report(run_dir, config=...)`` returns the page, which the review server serves with a token.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Mapping

from sumcheck.report.data import RunFolderError, load_run, run_from_files

__all__ = ["RunFolderError", "render_report", "write_report"]

REPORT_FILE = "report.html"


def render_report(run_dir: Path | str, *, config: Mapping[str, Any] | None = None,
                  files: Mapping[str, Any] | None = None) -> str:
    """The report page of ``run_dir`` as a string (``config`` switches on review mode). ``files``: the
    contents of the run's files, when the caller has them in memory (see
    :func:`sumcheck.report.data.run_from_files`); else they are read from ``run_dir``."""
    from sumcheck.report.page import render_html
    from sumcheck.report.payload import build_payload

    from sumcheck.summarize.redact import redact

    run = load_run(run_dir) if files is None else run_from_files(run_dir, files)
    payload = build_payload(run)  # reads the run's verdicts
    return redact(render_html(payload, scores=run.scores, config=config))


def write_report(run_dir: Path | str, *, files: Mapping[str, Any] | None = None) -> Path:
    """Write ``RUN/report.html`` atomically (temporary file + ``os.replace``) and return its path.
    ``files`` as in :func:`render_report`."""
    from sumcheck.summarize.errors import writing

    run_path = Path(run_dir)
    html = render_report(run_path, files=files)  # API keys masked (render_report), wherever in the run they came from
    target = run_path / REPORT_FILE
    with writing(target):  # a full disk: NoSpaceError naming the file; the old report stays
        fd, tmp = tempfile.mkstemp(prefix=".report.", suffix=".tmp", dir=run_path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as f:
                f.write(html)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target
