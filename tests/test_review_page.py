"""`--format html`: one self-contained review page. Checked as text (escaping, no external resource) and
in a real headless Chromium: clicking a citation or a claim marks its evidence, conflicts are marked,
the page stays readable at phone width. Screenshots go to test-artifacts/ (kept by CI)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .helpers import ROOT, SEED_000, SEED_004, claims_env, pair_env, run

ARTIFACTS = Path(os.environ.get("SUMMARIZER_TEST_ARTIFACTS", ROOT / "test-artifacts"))
HOSTILE = ('Oslo, May 1 (NTB): The mayor said <script>window.__pwned = 1</script> was found in 3 forms.\n\n'
           'A clerk wrote "><img src=x onerror="window.__pwned=2"> and </textarea></mark></div> in 2 fields, '
           'the council said.\n')


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The review page of the two seeds (a collection) and of an article full of markup."""
    tmp = tmp_path_factory.mktemp("pages")
    pair = tmp / "pair.html"
    out = run(SEED_000, SEED_004, "--format", "html", "-o", pair, "--model", "fake", "--no-cache",
              env=pair_env(tmp))
    assert out.returncode == 0, out.stderr
    hostile_article = tmp / "hostile.txt"
    hostile_article.write_text(HOSTILE)
    hostile = tmp / "hostile.html"
    out = run(hostile_article, "--claims", "--format", "html", "-o", hostile, "--model", "fake", "--no-cache",
              env=claims_env(tmp, hostile_article))
    assert out.returncode == 0, out.stderr
    return {"pair": pair, "hostile": hostile}


def test_page_is_self_contained_and_escapes_article_text(pages):
    html = pages["hostile"].read_text()
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert 'onerror="window' not in html and "&lt;/textarea&gt;&lt;/mark&gt;&lt;/div&gt;" in html
    assert html.count("<script>") == 1  # the page's own
    for page in pages.values():
        text = page.read_text()
        assert not re.search(r"<(script|link|img|iframe|object|embed|source|video|audio)\b[^>]*\b(src|href)=", text)
        assert "default-src 'none'" in text  # the browser itself refuses any fetch


def test_every_evidence_sentence_is_highlighted(pages):
    html = pages["pair"].read_text()
    claims = re.findall(r'<tr class="claim[^"]*" id="claim-([^"]+)"', html)
    marked = set(" ".join(re.findall(r'data-claims="([^"]+)"', html)).split())
    assert claims and set(claims) <= marked


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Debian's headless Chromium, driven over the DevTools protocol (tests/browser.py)."""
    from .browser import Browser, chromium_path  # needs websocket-client, a test extra

    if not chromium_path():
        pytest.fail("Debian's chromium is needed for the review page tests: apt-get install chromium "
                    "(the README's test command installs it)")
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


@pytest.mark.browser
def test_clicking_a_citation_marks_its_evidence_in_chromium(pages, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.open(pages["pair"].as_uri())
    assert all(u.startswith(("file://", "data:")) for u in browser.requested_urls()), browser.requested_urls()
    browser.screenshot(ARTIFACTS / "review-page.png")
    assert browser.eval("document.querySelectorAll('mark.ev.active').length") == 0
    cite = browser.eval("document.querySelector('.bluf button.cite').getAttribute('data-claim')")
    browser.click(".bluf button.cite")
    assert browser.eval("document.body.getAttribute('data-selected')") == cite
    active = browser.eval("[].map.call(document.querySelectorAll('mark.ev.active'), function(m){"
                          "var r=m.getBoundingClientRect(); return [m.getAttribute('data-claims'), r.top, r.bottom,"
                          " getComputedStyle(m).backgroundColor];})")
    assert active and all(cite in ids.split() for ids, *_ in active)
    height = browser.eval("window.innerHeight")
    assert any(0 <= top and bottom <= height for _, top, bottom, _ in active), "evidence scrolled into view"
    assert {bg for *_, bg in active} == {"rgb(255, 184, 77)"}  # the marked colour, not the plain highlight
    assert browser.eval(f"document.getElementById('claim-{cite}').classList.contains('active')")
    browser.screenshot(ARTIFACTS / "review-page-after-click.png", full_page=False)


@pytest.mark.browser
def test_clicking_a_claim_row_marks_its_evidence(pages, browser):
    browser.open(pages["pair"].as_uri())
    row_id = browser.eval("document.querySelectorAll('tr.claim')[3].getAttribute('data-claim')")
    browser.click(f"tr.claim[data-claim='{row_id}'] td:nth-child(2)")
    marks = browser.eval("[].map.call(document.querySelectorAll('mark.ev.active'), function(m){"
                         "return m.getAttribute('data-claims');})")
    assert marks and all(row_id in m.split() for m in marks)


@pytest.mark.browser
def test_conflicts_are_visibly_marked(pages, browser):
    browser.open(pages["pair"].as_uri())
    assert browser.eval("document.querySelectorAll('.disagreement').length") >= 1
    assert browser.eval("getComputedStyle(document.querySelector('.disagreement .flag')).color") == "rgb(198, 40, 40)"
    assert browser.eval("document.querySelectorAll('mark.ev.conflicting').length") >= 2
    assert browser.eval("document.querySelectorAll('tr.claim.conflicting').length") >= 2


@pytest.mark.browser
def test_readable_on_a_narrow_screen(pages, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.open(pages["pair"].as_uri(), width=375, height=812)
    assert browser.eval("document.documentElement.scrollWidth") <= 375  # no sideways scrolling of the page
    assert browser.eval("parseFloat(getComputedStyle(document.querySelector('.article')).fontSize)") >= 14
    browser.click(".bluf button.cite")
    assert browser.eval("document.querySelectorAll('mark.ev.active').length") >= 1
    browser.screenshot(ARTIFACTS / "review-page-narrow.png")


@pytest.mark.browser
def test_script_in_an_article_is_shown_as_text_and_never_runs(pages, browser):
    browser.open(pages["hostile"].as_uri())
    assert browser.eval("typeof window.__pwned") == "undefined"
    text = browser.eval("document.getElementById('text-A1').innerText")
    assert "<script>window.__pwned = 1</script>" in text and 'onerror="window.__pwned=2"' in text
    assert all(u.startswith(("file://", "data:")) for u in browser.requested_urls())
