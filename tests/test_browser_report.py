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
from report_helpers import HOSTILE_ID, SRC1, first_flag, make_run

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
def review_server(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    run = make_run(tmp_path, hostile=True)
    server = make_server(build_app(run, reviewer="ana"), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield run, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_dismiss_in_review_server_survives_reload(review_server, page) -> None:
    run, port = review_server
    flag = first_flag(run)
    _open(page, f"http://127.0.0.1:{port}/#doc=doc-1")
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
