"""Prompts are files under test: a change to a prompt shows up as a diff of tests/golden/.
Regenerate after an intended change with UPDATE_GOLDEN=1 pytest tests/test_prompts.py."""

from __future__ import annotations

import os

import pytest
from jinja2 import UndefinedError

from summarizer import prompts
from summarizer.ingest.document import load_document, parse_document

from .conftest import ROOT, SEED_000

GOLDEN = ROOT / "tests" / "golden"


def _as_text(messages) -> str:
    return "".join(f"=== {m['role']} ===\n{m['content']}" for m in messages)


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.read_text() == text, f"prompt output changed; if intended, run UPDATE_GOLDEN=1 and review {path}"


def _extract_messages(doc, sid):
    sentences = [{"id": s.id, "text": s.text} for s in doc.sentences]
    return prompts.render("extract", boundary=prompts.boundary_for(doc.text), sentences=sentences,
                          targets=[sentences[int(sid[1:]) - 1]])


def test_extract_prompt_golden():
    _check_golden("extract_seed000_S5.txt", _as_text(_extract_messages(load_document(SEED_000), "S5")))


def test_brief_prompt_golden():
    claims = [{"id": "C1", "speaker": "Oleksandr Kindratenko", "via": ["CNN"], "hedges": ["probably"],
               "statement": "North Korean troops were probably forced to withdraw after heavy losses."},
              {"id": "C2", "speaker": "the Russian Military", "via": [], "hedges": [],
               "statement": "Russia recaptured the Kursk region."}]
    messages = prompts.render("brief", boundary=prompts.boundary_for("claims"), claims=claims,
                              title=None, date="2025-02-01")
    _check_golden("brief_two_claims.txt", _as_text(messages))


def test_article_text_is_data_never_template_source():
    doc = parse_document('Kyiv, May 1 (ANI): He wrote "{{ 7*7 }}" and {% for x in y %}loop{% endfor %} here.')
    user = _extract_messages(doc, "S1")[1]["content"]
    assert "{{ 7*7 }}" in user and "{% for x in y %}loop{% endfor %}" in user and "49" not in user


def test_boundary_is_derived_from_the_text_it_encloses():
    a, b = prompts.boundary_for("article one"), prompts.boundary_for("article two")
    assert a != b and a.startswith("DATA-") and a not in "article one"


def test_missing_variable_fails_loudly():
    with pytest.raises(UndefinedError):
        prompts.render("extract", boundary="X", sentences=[])


def test_every_prompt_declares_one_version():
    assert prompts.version("extract").startswith("extract-")
    assert prompts.version("brief").startswith("brief-")


def test_collection_brief_prompt_golden():
    claims = [{"id": "A1:C5", "speaker": "Ukrainian officials", "via": [], "hedges": [],
               "statement": "About 12,000 North Korean soldiers have been sent to Russia."},
              {"id": "A2:C3", "speaker": "Yonhap", "via": [], "hedges": [],
               "statement": "North Korea sent 11,000 troops to Russia last year."}]
    articles = [{"id": "A1", "outlet": "ANI", "date": "2025-02-01", "title": None},
                {"id": "A2", "outlet": "IANS", "date": "2025-04-02", "title": "North Korean troops suffer losses"}]
    messages = prompts.render("brief", boundary=prompts.boundary_for("pair"), claims=claims, title=None, date=None,
                              articles=articles)
    _check_golden("brief_two_articles.txt", _as_text(messages))
