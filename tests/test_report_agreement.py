"""The report agrees with the metric: shading threshold, kind colours, reference, cut banner, legend."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from report_helpers import (SUM1_LEAD, edit_documents, edit_results, make_run, set_sentence_score, set_signature)

from sumcheck.flags import sentence_id
from sumcheck.report import render_report
from sumcheck.report.data import LOW_FAITHFULNESS, faithfulness_threshold, load_run
from sumcheck.report.payload import build_payload
from sumcheck.report.plots import flags_by_kind_svg, kind_colour

SECOND = "Anne Hidalgo said it funds 12 schools."  # the second lead3 sentence of doc-1 (score 0.9 in the fixture)


def _calibrated():
    from sumcheck.faithfulness.model import load_model

    return load_model(None)


def _with_threshold_source(run: Path, how: str) -> float | None:
    """Make the run record its threshold one way; returns the threshold expected from first principles."""
    if how == "row":
        edit_results(run, lambda r: r["faithfulness"].update(threshold=0.77) if r["faithfulness"].get("score") is not None else None)
        return 0.77
    if how == "model":
        m = _calibrated()  # configs/faithfulness.yaml: the calibrated label threshold
        set_signature(run, "faithfulness", f"faithfulness|backend:offline|metric-model:{m.digest()}|n:2|v:0.1.0")
        return m.threshold
    if how == "nli":
        set_signature(run, "faithfulness", "faithfulness|backend:nli|ckpt:x|thr:0.6|n:2|v:0.1.0")
        return 0.6
    if how == "labels":  # labelled faithful iff score >= threshold: the lowest faithful score bounds it
        return 0.62  # the fixture's faithful scores are 0.62 and 0.95
    if how == "none":
        edit_results(run, lambda r: r["faithfulness"].pop("label", None))
        return LOW_FAITHFULNESS
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["row", "model", "nli", "labels", "none"])
def test_threshold_comes_from_the_metric(tmp_path, how):
    run = make_run(tmp_path)
    expected = _with_threshold_source(run, how)
    value, source = faithfulness_threshold(load_run(run))
    assert value == pytest.approx(expected) and source
    if how == "model":
        assert _calibrated().digest() in source


def test_a_stale_model_digest_is_not_trusted(tmp_path):
    run = make_run(tmp_path)
    set_signature(run, "faithfulness", "faithfulness|backend:offline|metric-model:00000000|n:2|v:0.1.0")
    assert faithfulness_threshold(load_run(run)) == (0.62, "the lowest score labelled faithful in this run")


def test_sentences_just_below_the_calibrated_threshold_are_low(tmp_path):
    # the issue: shaded below a hard-coded 0.5 while the calibrated threshold was ~0.846, so a summary
    # labelled unfaithful could have no sentence shaded. The shading follows the shipped model's own
    # threshold, whatever it is: a sentence just below it is low, whichever side of 0.5 it falls.
    threshold = _calibrated().threshold
    score = round(threshold * 0.9, 3)
    run = make_run(tmp_path)
    _with_threshold_source(run, "model")
    set_sentence_score(run, "doc-1", "lead3", SECOND, score)
    payload = build_payload(load_run(run), {})
    assert payload.data["meta"]["low"] == pytest.approx(threshold)
    sid = sentence_id(doc_id="doc-1", system="lead3", sentence=SECOND)
    assert payload.known_flags[sid]["kind"] == "sentence"  # low, so shaded and reviewable
    (doc1,) = [d for d in payload.data["docs"] if d["id"] == "doc-1"]
    lead = doc1["r"][payload.data["systems"].index("lead3")]
    assert [x[5] == sid for x in lead["se"]] == [False, True] and lead["se"][1][2] == score
    html = render_report(run)
    assert re.search(r'id="legend-low"[^>]*>sentence faithfulness below ' + re.escape(f"{threshold:.3f}") + "<", html)


def test_every_unfaithful_summary_has_a_shaded_sentence_under_min_aggregation(tmp_path):
    # with min aggregation a summary is unfaithful iff some sentence is below the threshold
    run = make_run(tmp_path)
    _with_threshold_source(run, "row")
    payload = build_payload(load_run(run), {})
    low = payload.data["meta"]["low"]
    for doc in payload.data["docs"]:
        for row in doc["r"]:
            if row and row["fa"] is not None and row["se"] and row["fa"] < low:
                assert any(x[2] is not None and x[2] < low for x in row["se"])


def test_one_colour_per_kind_whatever_the_order(tmp_path):
    first = make_run(tmp_path, name="a")
    second = make_run(tmp_path, name="b")
    # in b, doc-1/lead3 has nothing checked, so the first kind seen is smollm2's entity: kinds are
    # interned in the other order, and a colour by position would swap
    edit_results(second, lambda r: r["factcheck"].update(flags=[], items=[]) if (r["id"], r["system"]) == ("doc-1", "lead3") else None)
    pa, pb = build_payload(load_run(first), {}), build_payload(load_run(second), {})
    assert pa.data["kinds"] != pb.data["kinds"]
    for p in (pa, pb):
        assert dict(zip(p.data["kinds"], p.data["kc"])) == {"number": kind_colour("number"), "entity": kind_colour("entity")}
    svg_a = flags_by_kind_svg(pa.flag_counts, pa.data["kinds"])
    svg_b = flags_by_kind_svg(pb.flag_counts, pb.data["kinds"])
    for svg in (svg_a, svg_b):
        assert re.search(r'fill="#d1495b"><title>[^<]*number', svg) and re.search(r'fill="#30638e"><title>[^<]*entit', svg)
    assert kind_colour("number") != kind_colour("entity")


def test_the_five_flag_kinds_have_five_colours_and_whole_names_in_the_plot_legend():
    # a new user's report (session 18) showed "contradiction: oppos" and "contradiction: negat" in one purple, and no
    # legend entry for roles (it ran past the plot's width)
    kinds = ["number", "entity", "contradiction: negation", "contradiction: opposite", "contradiction: roles"]
    assert len({kind_colour(k) for k in kinds}) == 5
    svg = flags_by_kind_svg({"smollm2": {k: 1 for k in kinds}}, kinds)
    width = float(re.search(r'viewBox="0 0 (\d+)', svg).group(1))
    entries = re.findall(r'<rect x="([\d.]+)" y="(\d+)" width="10" height="10" fill="(#\w+)"/><text [^>]*>([^<]*)<', svg)
    assert [e[3] for e in entries] == kinds
    assert [e[2] for e in entries] == [kind_colour(k) for k in kinds]
    assert all(float(x) + 14 + 6.5 * len(name) <= width + 1 for x, _, _, name in entries)  # each drawn inside the plot


def test_reference_and_cut_are_in_the_payload(tmp_path):
    run = make_run(tmp_path)
    edit_documents(run, lambda d: d.update(references=["The council passed a 300m euro budget."]) if d["id"] == "doc-1" else None)
    edit_results(run, lambda r: r.update(document_truncated_from_chars=5000) if r["id"] == "doc-2" else None)
    payload = build_payload(load_run(run), {})
    docs = {d["id"]: d for d in payload.data["docs"]}
    assert docs["doc-1"]["ref"] == "The council passed a 300m euro budget." and docs["doc-2"]["ref"] is None
    assert docs["doc-2"]["cut"] == [len(docs["doc-2"]["t"]), 5000] and docs["doc-1"]["cut"] is None


def test_legend_draws_each_kind_with_its_colour(tmp_path):
    html = render_report(make_run(tmp_path))
    legend = html[html.index('<div id="legend">'):]
    legend = legend[:legend.index("</div>")]
    assert f'data-kind="number" style="--kc:{kind_colour("number")}"' in legend
    assert f'data-kind="entity" style="--kc:{kind_colour("entity")}"' in legend
    for cls in ('class="chk"', 'class="lowf"', 'class="ev-ok"', 'class="ev-flag"', 'class="flag confirm"', 'class="flag dismiss"'):
        assert cls in legend
    json.dumps(legend)  # plain text


def test_flags_keep_their_id_in_the_report_when_an_earlier_sentence_changes(tmp_path):
    a, b = make_run(tmp_path, name="a"), make_run(tmp_path, name="b")
    longer = "Officials met. " + SUM1_LEAD

    def shift(r):
        if r["id"] == "doc-1" and r["system"] == "lead3":
            r["summary"] = longer
            for f in r["factcheck"]["flags"] + r["factcheck"]["items"]:
                f["start"] += 15
                f["end"] += 15
            for s in r["faithfulness"]["sentences"]:
                s["start"] += 15
                s["end"] += 15
    edit_results(b, shift)
    ids_a = set(build_payload(load_run(a), {}).known_flags)
    ids_b = set(build_payload(load_run(b), {}).known_flags)
    assert ids_a == ids_b
