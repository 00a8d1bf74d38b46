"""The dashboard in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

The server runs in a thread on a free loopback port over the hand-built store of
tests/api_support.py. Skipped, with the reason, when Chromium or Playwright is missing.
Set SITREP_SCREENSHOTS=DIR to keep the screenshots (they go to the test's tmp_path anyway).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from api_support import MAP_EVENTS, XSS_TEXT, build_store
from sitrep.config import Settings

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"{CHROMIUM} is missing (Debian's chromium package; .ci/run installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(folder: Path):
    """Base URL of a live server (uvicorn in a thread) over a fresh hand-built store in `folder`."""
    import uvicorn

    from sitrep.api import create_app

    url = f"sqlite:///{folder / 'dash.db'}"
    settings = Settings(db_url=url)
    store = build_store(url, settings)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(settings, store, host="127.0.0.1"), host="127.0.0.1",
                                        port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The read-only tests' server."""
    with live_server(tmp_path_factory.mktemp("dash")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


def open_dashboard(browser, base: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append(f"dialog opened: {d.message}"), d.dismiss()))
    pg.goto(base + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
    return context, pg, errors


@pytest.fixture
def page(browser, server):
    """A fresh page on the dashboard, loaded; fails the test on any script error or dialog."""
    context, pg, errors = open_dashboard(browser, server)
    yield pg
    context.close()
    assert not errors, errors


@pytest.fixture
def write_page(browser, tmp_path):
    """A dashboard on a server of its own, for tests that add records."""
    with live_server(tmp_path) as base:
        context, pg, errors = open_dashboard(browser, base)
        yield pg
        context.close()
    assert not errors, errors


def screenshot(pg, tmp_path, name: str) -> Path:
    path = tmp_path / name
    pg.screenshot(path=str(path))
    keep = os.environ.get("SITREP_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


def markers(pg) -> int:
    return pg.evaluate("() => sitrep.visibleMarkerCount()")


def wait_until(pg, script: str, arg=None, timeout: float = 15) -> None:
    """Poll `script` (a JS function) until it returns true. page.wait_for_function would eval a
    string in the page, which the dashboard's content security policy forbids."""
    deadline = time.time() + timeout
    while not pg.evaluate(script, arg):
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {script}")
        time.sleep(0.05)


def redrawn(pg, action) -> None:
    """Run `action` and wait until the map has redrawn its markers."""
    before = pg.evaluate("() => sitrep.renders")
    action()
    wait_until(pg, "(n) => sitrep.renders > n", before)


def api(pg, path: str) -> dict:
    return pg.evaluate("async (p) => (await fetch(p)).json()", path)


def test_map_shows_every_event_and_a_click_shows_its_evidence(page, tmp_path):
    assert markers(page) == MAP_EVENTS
    assert page.text_content("#status").startswith(f"{MAP_EVENTS} events")
    assert page.locator("#timeline svg .bars rect").count() > 0
    zabid = api(page, "/api/events?text=market")["events"][0]
    redrawn(page, lambda: page.select_option("#f-country", "YE"))
    assert markers(page) == 1
    page.click(f".ev-marker[data-event-id='{zabid['id']}']")
    page.wait_for_selector("#event-panel mark.current")
    marked = page.locator("#event-panel mark.current").all_text_contents()
    assert marked == [zabid["evidence"][0]["text"]]
    assert page.text_content("#event-panel .report-text").startswith(zabid["evidence"][0]["text"])
    assert "9" in page.text_content("#event-panel dl.fields")
    screenshot(page, tmp_path, "dashboard-event.png")


def test_event_panel_lists_every_source_of_the_incident(page):
    hajin = api(page, "/api/events?doc_id=t-hajin-2")["events"][0]
    page.evaluate("(id) => sitrep.showEvent(id)", hajin["id"])
    page.wait_for_selector("#event-panel ul.sources li")
    sources = page.locator("#event-panel ul.sources li")
    assert sources.count() == 2
    assert "this report" in sources.nth(1).text_content() or "this report" in sources.nth(0).text_content()
    page.locator("#event-panel ul.sources button").first.click()  # the other source's report
    page.wait_for_selector("#event-panel .doc-title:text-is('SDF takes Hajin')")
    assert page.locator("#event-panel mark.current").count() == 2


def test_brushing_the_timeline_filters_the_map(page, tmp_path):
    box = page.locator("#timeline svg .overlay").bounding_box()
    y = box["y"] + box["height"] / 2

    def drag():
        page.mouse.move(box["x"] + box["width"] * 0.75, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=5)
        page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
        page.mouse.up()
    redrawn(page, drag)
    brush = page.evaluate("() => sitrep.state.brush")
    expected = api(page, f"/api/events?since={brush['since']}&until={brush['until']}")["total"]
    assert 0 < expected < MAP_EVENTS
    assert markers(page) == expected
    assert "between" in page.text_content("#status")
    assert page.get_attribute("#timeline svg .brush", "visibility") == "visible"
    path = screenshot(page, tmp_path, "dashboard-brushed.png")
    assert path.stat().st_size > 10_000
    redrawn(page, lambda: page.click("#clear-brush"))
    assert markers(page) == MAP_EVENTS


def test_filters_narrow_the_map_and_the_timeline(page):
    redrawn(page, lambda: page.select_option("#f-type", "battles"))
    assert markers(page) == 3
    redrawn(page, lambda: page.select_option("#f-country", "UA"))
    assert markers(page) == 0 and page.text_content("#timeline").strip() == "no dated events"
    redrawn(page, lambda: page.select_option("#f-type", ""))
    assert markers(page) == 2


def check_report_html_stays_text(page) -> None:
    xss = api(page, "/api/events?doc_id=t-xss")["events"][0]
    redrawn(page, lambda: page.select_option("#f-country", "SY"))
    page.click(f".ev-marker[data-event-id='{xss['id']}']")
    page.wait_for_selector("#event-panel .report-text mark")
    time.sleep(0.3)  # give an injected onerror handler time to fire, were there one
    assert page.text_content("#event-panel .report-text") == XSS_TEXT
    assert "<script>window.__pwned = 1</script>" in page.locator("#event-panel mark.current").all_text_contents()
    assert page.text_content("#event-panel .doc-title") == "Checkpoint <b>attack</b>"
    assert page.locator("#event-panel img, #event-panel script, #event-panel b").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_report_html_is_shown_as_text_and_no_script_runs(page, tmp_path):
    check_report_html_stays_text(page)
    screenshot(page, tmp_path, "dashboard-xss.png")


def test_report_html_stays_text_even_without_the_content_security_policy(browser, server):
    """The escaping alone keeps the page safe: the same check with the browser ignoring the CSP."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    try:
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(server + "/")
        pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
        check_report_html_stays_text(pg)
        assert not errors, errors
    finally:
        context.close()


def test_pasted_report_is_stored_and_its_records_shown_as_text(write_page):
    page = write_page
    page.click("[data-tab=report]")
    text = ("Government forces shelled the town of Maarat al-Numan in Idlib on Tuesday, killing four civilians, "
            "rescuers said. <script>window.__pwned = 3</script><img src=x onerror=\"window.__pwned = 4\">")
    page.fill("#report-form [name=title]", "Pasted <i>report</i>")
    page.fill("#report-form [name=published]", "2019-03-10")
    page.fill("#report-form [name=text]", text)
    redrawn(page, lambda: page.click("#report-form button[type=submit]"))
    page.wait_for_selector("#report-result .report-text")
    assert page.text_content("#report-result .report-text") == text
    assert page.text_content("#report-result .doc-title") == "Pasted <i>report</i>"
    assert "Stored as api-" in page.text_content("#report-result .ok")
    assert page.locator("#report-result img, #report-result script, #report-result i").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    records = page.locator("#report-result ul.records li").count()
    assert records >= 1 and markers(page) >= MAP_EVENTS


def test_tally_chart_has_a_line_per_claimant_and_control_timeline_lists_holders(page):
    page.click("[data-tab=tallies]")
    page.wait_for_selector("#tally-panel svg.tally-chart")
    page.select_option("#tally-group", "captured|Islamic State")
    assert page.locator("#tally-panel svg polyline").count() == 2
    assert page.locator("#tally-panel svg circle").count() == 3
    legend = page.text_content("#tally-panel .series-legend")
    assert "SDF" in legend and "SOHR" in legend
    page.click("[data-tab=control]")
    page.fill("#control-place", "Hajin")
    page.click("#control-form button[type=submit]")
    page.wait_for_selector("#control-result table")
    rows = page.locator("#control-result tbody tr").all_text_contents()
    assert len(rows) == 2 and rows[0].startswith("SDF") and rows[1].startswith("Islamic State")
