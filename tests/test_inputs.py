"""Every kind of input a user can hand the tool either works or ends in a one-line error with a
non-zero exit and no output file: encodings, saved web pages, huge files, articles longer than a part."""

from __future__ import annotations

import base64
import json
import os
import time

import pytest

from summarizer.analysis.parts import split_parts
from summarizer.errors import InputError
from summarizer.ingest.document import load_document
from summarizer.pipeline import summarize

from .helpers import INPUTS, SEED_004, claims_env, run

PAGE = INPUTS / "saved_page.html"
LATIN1 = "Zürich, May 2 (SDA): The café owners' association said prices rose by 4 percent.\n\nIt was «probably» the weather.\n"


def test_latin1_text_is_read_as_windows_1252_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1.encode("latin-1"))
    doc = load_document(path)
    assert doc.encoding == "cp1252" and doc.text == LATIN1
    assert doc.sentences[0].text.startswith("The café owners' association")
    out = run(path, "--claims", "--format", "json", "--model", "fake", env=claims_env(tmp_path, path))
    assert out.returncode == 0, out.stderr
    assert "not UTF-8; read it as Windows-1252" in out.stderr
    result = json.loads(out.stdout)
    assert result["document"]["encoding"] == "cp1252"
    for c in result["claims"]:
        for e in c["evidence"]:
            assert result["document"]["text"][e["start"]:e["end"]] == e["text"]


def test_windows_1252_quotes_are_decoded():
    from summarizer.ingest.read import decode

    text, encoding = decode("He said \u201cno\u201d \u2013 twice.".encode("cp1252"), "x")
    assert (text, encoding) == ("He said \u201cno\u201d \u2013 twice.", "cp1252")


@pytest.mark.parametrize("content, message", [
    (bytes(range(1, 32)) * 40, "binary"),  # control bytes, no NUL: valid UTF-8, still not text
    (bytes(range(1, 256)) * 40, "binary"),  # not UTF-8, and as Latin-1 full of control characters
    (b"\xff\xfe\x00\xd8", "not valid UTF-16"),
])
def test_binary_without_nul_bytes_and_broken_utf16_are_refused(tmp_path, content, message):
    path = tmp_path / "blob.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_document(path)


def test_unreadable_file_gives_one_line_error(tmp_path):
    target = tmp_path / "out.md"
    out = run("/proc/self/mem", "-o", target, "--model", "fake")  # exists, opens, fails on read (even as root)
    assert out.returncode == 3 and out.stderr.startswith("Error: /proc/self/mem: cannot be read")
    assert out.stderr.count("\n") == 1 and not target.exists()


def test_saved_web_page_yields_the_article_text_only():
    doc = load_document(PAGE)
    assert doc.encoding == "html" and doc.date == "2025-03-14"
    assert doc.title == "Flood barriers hold in Dresden as Elbe peaks"
    assert doc.dateline is not None and doc.dateline.outlet == "Reuters"
    texts = [s.text for s in doc.sentences]
    assert texts[0].startswith("The Elbe river peaked at 7.2 metres")
    assert len(texts) == 4 and "probably fall below 6 metres by Sunday & warned" in texts[2]  # &amp; decoded
    for junk in ("cookies", "Subscribe", "dataLayer", "Ignore previous", "Related stories", "All rights"):
        assert junk not in doc.text
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text


def test_saved_web_page_through_the_cli(tmp_path):
    out = run(PAGE, "--claims", "--format", "json", "--model", "fake", env=claims_env(tmp_path, PAGE))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    # four sentences, five claims: "..., the fire service said, adding that no injuries had been reported"
    # is two claims of the fire service on the same sentence (fixtures/gold/GUIDE.md)
    assert result["document"]["encoding"] == "html" and len(result["claims"]) == 5
    added = [c for c in result["claims"] if c["statement"] == "No injuries had been reported."]
    assert len(added) == 1 and added[0]["speaker"]["name"] == "the fire service"


def test_ten_megabytes_of_text_is_refused_quickly_without_output(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(("The council said 3 roads were closed. " * 40 + "\n\n") * 6_600)
    assert path.stat().st_size > 10_000_000
    target = tmp_path / "out.md"
    started = time.perf_counter()
    out = run(path, "-o", target, "--model", "fake")
    assert out.returncode == 3, out.stderr
    assert "more than the limit of 200,000" in out.stderr and out.stderr.count("\n") == 1
    assert not target.exists() and time.perf_counter() - started < 30


def test_ten_megabyte_web_page_with_an_inline_image_works(tmp_path):
    image = base64.b64encode(os.urandom(7_600_000)).decode()
    page = PAGE.read_text().replace("<footer>", f'<img src="data:image/png;base64,{image}"><footer>')
    path = tmp_path / "page.html"
    path.write_text(page)
    assert path.stat().st_size > 10_000_000
    doc = load_document(path)
    assert len(doc.sentences) == 4 and "base64" not in doc.text


def test_files_over_fifty_megabytes_are_refused(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_001)
    with pytest.raises(InputError, match="larger than 50 MB"):
        load_document(path)


def _long_article(paragraphs: int) -> str:
    body = []
    for i in range(1, paragraphs + 1):
        body.append(f"Officials in district {i} said {i * 10} homes lost power on Monday. "
                    f"Repair crews from company number {i} expected to finish by Friday, a spokesperson said. "
                    f"Residents of district {i} were probably told to boil water.")
    return "Oslo, May 1 (NTB): " + "\n\n".join(body) + "\n"


def test_long_article_is_split_into_overlapping_parts_that_cover_every_sentence_once(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(_long_article(120))
    doc = load_document(path)
    parts = split_parts(doc, part_chars=4_000)
    assert len(parts) > 5
    targets = [sid for p in parts for sid in p.targets]
    assert targets == [s.id for s in doc.sentences]  # each sentence extracted once, in order
    for p, nxt in zip(parts, parts[1:]):
        assert set(p.context) & set(nxt.context), "neighbouring parts share context sentences"
        assert set(p.targets) <= set(p.context)
    for p in parts:
        assert sum(len(doc.sentence(i).text) + 8 for i in p.context) <= 4_000


def test_long_article_claims_keep_offsets_into_the_original(tmp_path, settings, fake_client):
    path = tmp_path / "long.txt"
    path.write_text(_long_article(60))
    client, backend = fake_client()
    result = summarize(path, settings.model_copy(update={"part_chars": 3_000}), client=client, with_brief=False)
    assert len(result.claims) == len(result.document.sentences)
    for c in result.claims:
        for e in c.evidence:
            assert result.document.text[e.start:e.end] == e.text
    prompts = [m[1]["content"] for m, _ in backend.history]
    assert all(len(p) < 3_000 + 600 for p in prompts), max(map(len, prompts))
    assert prompts[0].startswith("Part 1 of ") and prompts[-1].split("\n")[0].endswith("(the sentences around it "
                                                                                       "are repeated for context):")


def test_short_articles_are_one_part(settings):
    doc = load_document(SEED_004)
    assert split_parts(doc, settings.part_chars) == [split_parts(doc, 10**9)[0]]
