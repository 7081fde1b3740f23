"""The baseline file a repository commits: per-document values, signatures, dismissed flags.

Written by ``sumcheck baseline RUN --out FILE`` and read back by
:func:`sumcheck.gate.snapshot.load_baseline`. It holds, for every ``(id, system)`` row of the run, the
per-item ``values`` with the fact-check figures recomputed as if the flags that a reviewer dismissed
were supported items (unsupported counts and precisions, :meth:`sumcheck.gate.snapshot.Row.effective_values`), the signature of every metric from ``scores.json``, and the dismissed flags themselves
(id, where, who, why), so that the same false alarm in a candidate run is not counted either.
No summaries or documents are stored; each row sits on its own line so that a diff reads well.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sumcheck.gate.snapshot import BASELINE_FORMAT, BASELINE_VERSION, Snapshot, load_snapshot

_REVIEW_FIELDS = ("flag_id", "id", "system", "kind", "text", "start", "end", "reviewer", "time", "comment")


def build_baseline(snapshot: Snapshot) -> dict[str, Any]:
    """The baseline object for a snapshot (pure)."""
    source: dict[str, Any] = {"name": Path(snapshot.source).name}
    source.update({k: v for k, v in snapshot.meta.items() if k != "name"})
    dismissed = [
        {k: snapshot.reviews[fid][k] for k in _REVIEW_FIELDS if k in snapshot.reviews.get(fid, {})} or {"flag_id": fid}
        for fid in sorted(snapshot.dismissed)
    ]
    rows = [{"id": r.doc_id, "system": r.system, "values": r.effective_values(snapshot.dismissed)} for r in snapshot.rows]
    return {
        "format": BASELINE_FORMAT,
        "version": BASELINE_VERSION,
        "source": source,
        "signatures": {system: dict(metrics) for system, metrics in snapshot.signatures.items()},
        "dismissed": dismissed,
        "rows": rows,
    }


def dumps_baseline(baseline: dict[str, Any]) -> str:
    """JSON text with the header indented and one line per row and per dismissed flag."""
    lines = ["{"]
    head = [k for k in baseline if k not in ("dismissed", "rows")]
    for key in head:
        body = json.dumps(baseline[key], indent=2, ensure_ascii=False, sort_keys=True).replace("\n", "\n  ")
        lines.append(f"  {json.dumps(key)}: {body},")
    for key in ("dismissed", "rows"):
        items = baseline.get(key, [])
        inner = ",\n".join("    " + json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items)
        lines.append(f"  {json.dumps(key)}: [" + (f"\n{inner}\n  ]" if items else "]") + ("," if key == "dismissed" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_baseline(run: str | Path, out: str | Path) -> Path:
    """Read ``run`` (a run folder, or an older baseline file) and write its baseline to ``out`` atomically."""
    text = dumps_baseline(build_baseline(load_snapshot(run)))
    out = Path(out)
    if out.parent != Path(""):
        out.parent.mkdir(parents=True, exist_ok=True)
    from sumcheck.summarize.errors import writing
    from sumcheck.summarize.redact import redact

    tmp = out.with_name(out.name + ".tmp")
    with writing(out):
        try:
            tmp.write_text(redact(text), encoding="utf-8")
            os.replace(tmp, out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return out
