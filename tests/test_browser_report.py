"""The report and the review server in a real browser (Debian chromium driven by Playwright).

Opens a run folder's report, clicks a flagged number and sees its source evidence highlighted, walks
flags with the keyboard, filters, then dismisses a flag in the review server, reloads and sees it
still dismissed. Hostile documents are loaded throughout and must never execute. Screenshots go to
``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import pytest

from sumcheck.report import write_report
from sumcheck.review.server import build_app, make_server
from report_helpers import (HOSTILE_ID, SRC1, edit_documents, edit_results, first_flag, make_run, set_sentence_score,
                            set_signature)

from sumcheck.flags import sentence_id

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-quic", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (.ci/browser-setup installs it)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    yield pg
    context.close()


def _open(pg, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)


def test_static_report_click_flag_highlights_evidence(tmp_path: Path, page) -> None:
    run = make_run(tmp_path, hostile=True)
    url = write_report(run).as_uri()
    _open(page, url + "#doc=doc-1")
    assert page.text_content("#docid") == "doc-1"
    page.click("mark.flag >> text=3,000")
    hl = page.locator("#srctext .hl")
    assert hl.all_text_contents() == ["300"]  # the fixture's evidence for the flagged 3,000
    assert hl.first.is_visible()
    tip = page.text_content("#tip")
    assert "3,000 does not match 300 in the source" in tip and 'source: "300"' in tip
    assert "&flag=" in page.evaluate("location.hash")
    # j: the next flag (smollm2's "Jean Dupont", no evidence) lights the nearest source sentence
    page.keyboard.press("j")
    near = page.locator("#srctext .hl.nearhl")
    assert "".join(near.all_text_contents()) == "Mayor Anne Hidalgo said the money would fund 12 new schools in Paris."
    assert page.evaluate("document.activeElement.textContent") == "Jean Dupont"
    page.keyboard.press("k")
    assert page.locator("#srctext .hl").all_text_contents() == ["300"]
    # low-faithfulness sentences are shaded (fixture: 0.2 for the first lead3 sentence, 0.9 for the second)
    shaded = page.locator('[data-system="lead3"] .sum .lowf').all_text_contents()
    assert "".join(shaded) == "The council approved a budget of 3,000 million euros."
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-static.png"))
    # clicking a sentence (not a flag) lights its best-aligned source passage (fixture: the first sentence)
    page.locator('[data-system="lead3"] .sum .lowf').first.click()
    assert "".join(page.locator("#srctext .hl").all_text_contents()) == SRC1[:SRC1.index(".") + 1]
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_filters_sorting_and_hostile_fragment(tmp_path: Path, page) -> None:
    run = make_run(tmp_path, hostile=True)
    url = write_report(run).as_uri()
    _open(page, url + "#documents")
    assert page.text_content("#count") == "3 of 3 documents"
    assert page.text_content("#docid") == "doc-1"
    page.keyboard.press("n")  # next document, and its stable fragment
    assert page.text_content("#docid") == "doc-2" and page.evaluate("location.hash") == "#doc=doc-2"
    page.keyboard.press("p")
    assert page.text_content("#docid") == "doc-1"
    page.check("#f-flagged")  # doc-2 has no flags
    assert page.text_content("#count") == "2 of 3 documents"
    page.select_option("#f-sort", "risk")
    assert page.locator("#list li .lid").first.text_content() == "doc-1"  # 4 open flags, the most
    page.uncheck("#f-flagged")
    page.uncheck("#f-kind label:has-text('number') input")
    page.check("#f-flagged")
    assert page.text_content("#count") == "1 of 3 documents"  # only doc-1 has entity flags
    page.check("#f-kind label:has-text('number') input")
    # the stable fragment of a document whose id is markup opens it as text (same-document navigation)
    _open(page, url + "#doc=" + quote(HOSTILE_ID, safe=""))
    assert page.text_content("#docid") == HOSTILE_ID
    assert page.locator("#srctext img, #summaries img, #srctext script, #summaries script").count() == 0
    page.click("mark.flag >> text=7")
    assert page.locator("#srctext .hl").all_text_contents() == ["5"]
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


@pytest.fixture()
def review_server(tmp_path: Path) -> Iterator[tuple[Path, int, str]]:
    run = make_run(tmp_path, hostile=True)
    app = build_app(run, reviewer="ana")
    server = make_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield run, server.server_address[1], app.token
    finally:
        server.shutdown()
        server.server_close()


def test_dismiss_in_review_server_survives_reload(review_server, page) -> None:
    run, port, token = review_server
    flag = first_flag(run)
    _open(page, f"http://127.0.0.1:{port}/?token={token}#doc=doc-1")  # the URL `sumcheck review` prints
    assert page.input_value("#reviewer") == "ana"
    page.click("mark.flag >> text=3,000")
    assert page.locator("#srctext .hl").all_text_contents() == ["300"]
    row = page.locator(f'ul.flags li[data-fid="{flag["flag_id"]}"]')
    row.locator("input").fill("same amount, unit slip")
    row.locator("button.dismiss").click()
    page.wait_for_selector(f'ul.flags li[data-fid="{flag["flag_id"]}"] .state.dismiss')
    saved = [json.loads(line) for line in (run / "reviews.jsonl").read_text().splitlines()]
    assert [(r["flag_id"], r["verdict"], r["reviewer"], r["comment"]) for r in saved] == [
        (flag["flag_id"], "dismiss", "ana", "same amount, unit slip")]
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    state = page.locator(f'ul.flags li[data-fid="{flag["flag_id"]}"] .state')
    assert state.text_content() == "dismissed by ana: same amount, unit slip"
    assert "dismiss" in page.get_attribute(f'mark.flag[data-fid="{flag["flag_id"]}"]', "class")
    # keyboard review: j goes to the next open flag, x dismisses it, c confirms
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.wait_for_selector("ul.flags li.cur .state.confirm")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-dismissed.png"))
    assert len((run / "reviews.jsonl").read_text().splitlines()) == 2
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


LOW1 = "The council approved a budget of 3,000 million euros."  # lead3 doc-1, sentence score 0.2
SECOND = "Anne Hidalgo said it funds 12 schools."  # lead3 doc-1, set to 0.7 below


def test_shading_follows_the_calibrated_threshold_and_the_legend_matches(tmp_path: Path, page) -> None:
    from sumcheck.faithfulness.model import load_model

    run = make_run(tmp_path, hostile=True)
    model = load_model(None)
    set_signature(run, "faithfulness", f"faithfulness|backend:offline|metric-model:{model.digest()}|n:2|v:0.1.0")
    # both sentences just below the shipped model's own threshold (not a hard-coded 0.5)
    set_sentence_score(run, "doc-1", "lead3", LOW1, round(model.threshold * 0.5, 4))
    set_sentence_score(run, "doc-1", "lead3", SECOND, round(model.threshold * 0.9, 4))
    _open(page, write_report(run).as_uri() + "#doc=doc-1")
    shaded = page.locator('[data-system="lead3"] .sum .lowf').all_text_contents()
    assert "".join(shaded) == LOW1 + SECOND  # both sentences shaded
    assert page.locator('[data-system="lead3"] ul.sents li').count() == 2
    assert page.text_content("#legend-low") == f"sentence faithfulness below {model.threshold:.3f}"
    style = "(e) => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderBottomColor, s.borderBottomStyle]; }"
    assert page.eval_on_selector("#legend-low", style)[0] == page.eval_on_selector('[data-system="lead3"] .sum .lowf', style)[0]
    for kind, text in (("number", "3,000"), ("entity", "Jean Dupont")):
        legend = page.eval_on_selector(f'#legend mark[data-kind="{kind}"]', style)
        mark = page.eval_on_selector(f'#summaries mark.flag:has-text("{text}")', style)
        assert legend == mark, kind
    assert page.eval_on_selector('#legend mark[data-kind="number"]', style)[1] != page.eval_on_selector('#legend mark[data-kind="entity"]', style)[1]
    # (the checked item sits in a shaded sentence, so only its underline is its own)
    assert page.eval_on_selector("#legend .chk", style)[1:] == page.eval_on_selector('[data-system="lead3"] .sum .chk', style)[1:]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-threshold.png"))
    assert page.problems == []


def test_filtered_list_keeps_the_open_document_and_counts_agree(tmp_path: Path, page) -> None:
    run = make_run(tmp_path, hostile=True)
    edit_documents(run, lambda d: d.update(references=["Rain cut power to 200 Welsh homes."]) if d["id"] == "doc-2" else None)
    edit_results(run, lambda r: r.update(document_truncated_from_chars=9000) if r["id"] == "doc-2" else None)
    _open(page, write_report(run).as_uri() + "#doc=doc-2")
    # doc-2: the reference summary next to the systems', and a banner because it was cut
    assert page.text_content('[data-system="reference"] .sum') == "Rain cut power to 200 Welsh homes."
    assert page.is_visible("#cutnote") and "of 9000 characters" in page.text_content("#cutnote")
    assert page.text_content("#docpos") == "document 2 of 3 in the list"
    assert page.locator("#list li .rk").first.text_content().startswith("risk ")
    assert "risk score" in page.locator("#list li .rk").first.get_attribute("title")
    page.check("#f-flagged")  # doc-2 has no flag: the open document must not fall out of the list
    page.select_option("#f-sort", "risk")
    opened = page.text_content("#docid")
    listed = page.locator("#list li .lid").all_text_contents()
    assert opened in listed and opened != "doc-2"
    assert page.locator("#list li.sel .lid").text_content() == opened
    assert page.text_content("#count") == f"{len(listed)} of 3 documents"
    assert page.text_content("#docpos") == f"document {listed.index(opened) + 1} of {len(listed)} in the list"
    assert not page.is_visible("#cutnote")
    page.fill("#f-q", "no-such-document")
    assert page.text_content("#count") == "0 of 3 documents" and page.text_content("#docid") == "no document matches the filters"
    assert page.problems == []


def test_sentence_verdicts_in_the_review_server(review_server, page) -> None:
    run, port, token = review_server
    sid = sentence_id(doc_id="doc-1", system="lead3", sentence=LOW1)
    _open(page, f"http://127.0.0.1:{port}/?token={token}#doc=doc-1")  # the URL `sumcheck review` prints
    row = page.locator(f'ul.sents li[data-fid="{sid}"]')
    assert row.locator(".ftext").text_content() == LOW1
    row.locator("input").fill("the budget was 300 million")
    row.locator("button.confirm").click()
    page.wait_for_selector(f'ul.sents li[data-fid="{sid}"] .state.confirm')
    saved = [json.loads(line) for line in (run / "reviews.jsonl").read_text().splitlines()]
    assert [(r["flag_id"], r["kind"], r["text"], r["verdict"]) for r in saved] == [(sid, "sentence", LOW1, "confirm")]
    row.locator("button.dismiss").click()
    page.wait_for_selector(f'ul.sents li[data-fid="{sid}"] .state.dismiss')
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.text_content(f'ul.sents li[data-fid="{sid}"] .state').startswith("dismissed by ana")
    assert "dismiss" in page.get_attribute(f'.sum [data-sid="{sid}"]', "class")
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_a_contradiction_finding_lights_the_source_it_contradicts(tmp_path: Path, page) -> None:
    """A faithfulness finding is a flag like the fact-check's; its source span is named as the text it
    contradicts, not as "nearest evidence" (new-user trial, session 16)."""
    run = make_run(tmp_path)
    sent = "Anne Hidalgo said it funds 12 schools."

    def fn(r):
        if r["id"] == "doc-1" and r["system"] == "lead3":
            summary = r["summary"]
            at, src_at = summary.index("funds"), SRC1.index("would fund")
            for s in r["faithfulness"]["sentences"]:
                s["verdict"], s["findings"] = "supported", []
                if s["text"] == sent:
                    s["verdict"] = "contradicted"
                    s["findings"] = [{"kind": "negation", "start": at, "end": at + 5, "text": "funds",
                                      "source": {"start": src_at, "end": src_at + 10, "text": "would fund"},
                                      "reason": "the summary says 'funds' (not negated); the source says 'would not fund'"}]
    edit_results(run, fn)
    _open(page, write_report(run).as_uri() + "#doc=doc-1")
    page.click('[data-system="lead3"] mark.flag >> text=funds')
    hl = page.locator("#srctext .hl")
    assert hl.all_text_contents() == ["would fund"]
    assert hl.first.get_attribute("title") == "source text contradicted by the summary of lead3"
    assert "would not fund" in page.text_content("#tip")
    assert page.problems == []
