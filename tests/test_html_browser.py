"""The HTML report opened in a real browser: headless Chromium driven by Playwright.

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it when it is
missing); ``PLANCLI_CHROMIUM`` names another binary. Without a browser or
without Playwright these tests skip and say why; they never pass silently.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli

AS_OF = dt.date(2016, 12, 31)


def _chromium() -> str | None:
    explicit = os.environ.get("PLANCLI_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if os.environ.get("PLANCLI_NO_BROWSER_TESTS"):
        pytest.skip("PLANCLI_NO_BROWSER_TESTS is set (a quick local gate; CI runs these)")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set PLANCLI_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install '.[test]')")
    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report as a user makes it: ``plancli report --format html -o FILE``."""
    path = tmp_path_factory.mktemp("report") / "report.html"
    outcome = Cli()("report", "--as-of", AS_OF.isoformat(), "--format", "html", "-o", path)
    assert outcome.code == 0, outcome.stderr
    return path


@pytest.fixture
def page(browser: Any, report_file: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.on("request", lambda r: requests.append(r.url))
    opened.goto(report_file.as_uri())
    opened.wait_for_load_state("load")
    yield opened, errors, requests
    context.close()


def test_no_console_errors_and_no_network(page: Any, report_file: Path) -> None:
    _opened, errors, requests = page
    assert errors == []
    assert requests == [report_file.as_uri()]  # the file itself, nothing else


def test_every_measure_row_is_present(page: Any, dataset: Any) -> None:
    opened, _, _ = page
    ids = opened.eval_on_selector_all(
        "table.measures tbody tr", "rows => rows.map(r => r.cells[0].textContent.trim())"
    )
    assert ids == [m.id for m in dataset.plan.measures]
    assert len(ids) == 106


def test_the_filter_box_narrows_the_table(page: Any, dataset: Any) -> None:
    opened, _, _ = page
    assert opened.is_visible("#filter")
    opened.fill("#filter", "Соттор Кеңеши")  # two words, any case: both must occur
    found = opened.eval_on_selector_all(
        "table.measures tbody tr:not([hidden])",
        "rows => rows.map(r => r.cells[0].textContent.trim())",
    )
    expected = [
        m.id
        for m in dataset.plan.measures
        if any(e.name == "Соттор Кеңеши" for e in m.executors)
        or "соттор кеңеши" in " ".join((m.text, *m.items)).lower()
    ]
    assert found == expected and 0 < len(found) < 106
    assert opened.inner_text("#shown") == f"{len(expected)} of 106 measures shown"
    opened.fill("#filter", "")
    assert (
        opened.eval_on_selector_all("table.measures tbody tr:not([hidden])", "rows => rows.length")
        == 106
    )


def test_columns_sort(page: Any) -> None:
    opened, _, _ = page
    due_header = opened.locator("table.measures").first.locator("th").nth(6).locator("button")
    read = (
        "tables => tables.map(t => Array.from(t.tBodies[0].rows,"
        " r => r.cells[6].getAttribute('data-sort')))"
    )
    before = opened.eval_on_selector_all("table.measures", read)
    assert any(dues != sorted(dues) for dues in before)  # plan order is not due order
    due_header.click()
    assert opened.eval_on_selector_all("table.measures", read) == [sorted(d) for d in before]
    due_header.click()
    assert opened.eval_on_selector_all("table.measures", read) == [
        sorted(d, reverse=True) for d in before
    ]
    opened.click("#plan-order")
    assert opened.eval_on_selector_all("table.measures", read) == before


def test_charts_have_a_size(page: Any) -> None:
    opened, _, _ = page
    boxes = opened.eval_on_selector_all(
        "svg.chart",
        "charts => charts.map(c => { const b = c.getBoundingClientRect();"
        " return [c.getAttribute('class'), b.width, b.height]; })",
    )
    assert [b[0] for b in boxes] == [
        "chart sections",
        "chart agencies",
        "chart timeline",
        "chart overdue",
    ]
    assert all(width > 300 and height > 100 for _, width, height in boxes)


def test_print_to_pdf_gives_a4_pages(page: Any) -> None:
    opened, _, _ = page
    pdf = opened.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert sizes, "no page boxes in the PDF"
    for width, height in sizes:  # A4 is 595.28 x 841.89 points
        assert abs(float(width) - 595.28) < 1 and abs(float(height) - 841.89) < 1
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 13  # a page break before each of the 12 sections' measures


def test_the_page_works_without_javascript(browser: Any, report_file: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    opened = context.new_page()
    opened.goto(report_file.as_uri())
    assert opened.eval_on_selector_all("table.measures tbody tr", "rows => rows.length") == 106
    assert not opened.is_visible("#filter")  # no dead controls without the script
    context.close()
