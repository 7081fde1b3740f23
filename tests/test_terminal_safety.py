"""System names and ids with terminal control sequences or bidi controls are printed inert by `score`
(table, Markdown, JSON), as `gate` and `compare` already did (issue 28, rows 7 and 8).
"""

from __future__ import annotations

import json
import re

import pytest

from sumcheck.cli import main
from sumcheck.cli.output import scores_markdown, scores_table

HOSTILE = [
    "\x1b]0;pwned\x07",          # OSC: set the terminal title, ended by BEL
    "\x1b[2J\x1b[H",             # CSI: clear the screen, cursor home
    "\x9b31m",                   # C1 CSI (8-bit)
    "a\rb\x08c\x7f\x00",         # carriage return, backspace, DEL, NUL
    "id6\u202eevil\u202c",       # RLO ... PDF: shows as "id6live" where text is reordered
    "x\u2066y\u2069\u200f",      # an isolate and RLM
    "line\u2028break",
]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
EST = {"mean": 0.5, "ci_low": 0.4, "ci_high": 0.6, "n": 2, "unscored": 0}


@pytest.mark.parametrize("name", HOSTILE)
def test_table_and_markdown_escape_control_characters(name):
    scores = {"systems": {name: {"rouge1": EST, f"k{name}": EST}}}
    for text in (scores_table(scores), scores_markdown(scores)):
        assert not RAW.search(text), repr(text)
        assert re.search(r"(\\|&#92;)(x[0-9a-f]{2}|u[0-9a-f]{4})", text)  # shown as an escape, not dropped


def test_score_prints_hostile_system_names_and_ids_inert_in_every_format(tmp_path, capsys):
    rows = [{"id": f"id{i}{name}", "system": name, "document": "The council approved 3 million euros on Monday.",
             "summary": "The council approved 3 million euros.", "reference": "3 million euros."}
            for i, name in enumerate(HOSTILE)]
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for fmt in ("table", "markdown", "json"):
        out = tmp_path / f"run-{fmt}"
        assert main(["score", str(data), "--out", str(out), "--metrics", "rouge", "--resamples", "10", "--format", fmt]) == 0
        captured = capsys.readouterr()
        assert not RAW.search(captured.out), (fmt, captured.out)
        assert not RAW.search(captured.err.replace("\r", "")), (fmt, captured.err)  # progress bars use \r themselves
        if fmt == "json":
            systems = json.loads(captured.out)["scores"]["systems"]
            assert set(systems) == set(HOSTILE)  # the same names, only escaped in the JSON text
        elif fmt == "table":
            assert "\\x1b]0;pwned\\x07" in captured.out and "id6\\u202eevil\\u202c" in captured.out
        else:
            assert "&#92;x1b&#93;0;pwned&#92;x07" in captured.out


def test_an_error_naming_a_hostile_value_is_printed_inert(tmp_path, capsys):
    data = tmp_path / "in.jsonl"
    row = {"id": "\x1b]0;pwned\x07", "system": "s", "document": "d", "summary": "s"}
    data.write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n", encoding="utf-8")  # a duplicate (id, system)
    assert main(["score", str(data), "--out", str(tmp_path / "run"), "--metrics", "rouge"]) == 2
    err = capsys.readouterr().err
    assert "sumcheck: error:" in err and not RAW.search(err)


# ---- row 8: the report -------------------------------------------------------------------------------------

OVERRIDES = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def test_report_shows_bidi_controls_in_ids_and_system_names_marked_and_isolated(tmp_path):
    from sumcheck.report.page import json_for_script  # noqa: F401 - the page's own encoder is what is parsed back

    rows = [{"id": "id6\u202eevil\u202c", "system": "sys\u2067A\u2069", "document": "Revenue rose 5% to 3 million euros.",
             "summary": "Revenue rose 7%.", "reference": "Revenue rose."},
            {"id": "id7", "system": "plain", "document": "Doc \u202e kept as written.", "summary": "Doc kept.", "reference": "Doc."}]
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "run"
    assert main(["score", str(data), "--out", str(out), "--metrics", "rouge", "--resamples", "10"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    payload = json.loads(re.search(r'id="sumcheck-data">(.*?)</script>', page).group(1))
    assert [d["id"] for d in payload["docs"]] == ["id6\u27e8RLO\u27e9evil\u27e8PDF\u27e9", "id7"]
    assert payload["systems"] == ["sys\u27e8RLI\u27e9A\u27e8PDI\u27e9", "plain"]
    assert payload["docs"][1]["t"] == rows[1]["document"]  # a document's own text is shown as written
    overview = page[page.index('<section id="overview">'):page.index('<section id="docs"')]
    assert "sys\u27e8RLI\u27e9A\u27e8PDI\u27e9" in overview and not OVERRIDES.search(overview)
    assert "unicode-bidi:isolate" in page
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert {r["id"] for r in results} == {"id6\u202eevil\u202c", "id7"}  # the data keeps the real ids
