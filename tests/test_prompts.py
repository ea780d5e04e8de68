"""Prompts are files under test: a change to a prompt shows up as a diff of tests/golden/, whose files
start with the prompt's version; and a template whose text changes must get a new version
(tests/golden/prompt_sources.json keeps the sha256 of each template per version).
Regenerate after an intended change with UPDATE_GOLDEN=1 pytest tests/test_prompts.py."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from jinja2 import UndefinedError

from summarizer import prompts
from summarizer.ingest.document import load_document, parse_document

from .helpers import ROOT, SEED_000

GOLDEN = ROOT / "tests" / "golden"
SOURCES = GOLDEN / "prompt_sources.json"


def _as_text(messages) -> str:
    return "".join(f"=== {m['role']} ===\n{m['content']}" for m in messages)


def _check_golden(name: str, prompt: str, text: str) -> None:
    """The rendered messages of `prompt` against tests/golden/<name>, which starts with the version."""
    path = GOLDEN / name
    text = f"version: {prompts.version(prompt)}\n{text}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.read_text() == text, f"prompt output changed; if intended, run UPDATE_GOLDEN=1 and review {path}"


def _extract_messages(doc, sid):
    sentences = [{"id": s.id, "text": s.text} for s in doc.sentences]
    return prompts.render("extract", boundary=prompts.boundary_for(doc.text), sentences=sentences,
                          targets=[sentences[int(sid[1:]) - 1]])


def test_extract_prompt_golden():
    _check_golden("extract_seed000_S5.txt", "extract", _as_text(_extract_messages(load_document(SEED_000), "S5")))


def test_brief_prompt_golden():
    points = [{"text": "North Korean troops were probably forced to withdraw after heavy losses "
                       "(Oleksandr Kindratenko via CNN).", "claims": ["C1", "C3"]},
              {"text": "Russia recaptured the Kursk region (the Russian Military).", "claims": ["C2"]}]
    messages = prompts.render("brief", boundary=prompts.boundary_for("points"), points=points,
                              title=None, date="2025-02-01")
    _check_golden("brief_two_claims.txt", "brief", _as_text(messages))


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
    points = [{"text": "Troops sent: About 12,000 North Korean soldiers (Ukrainian officials, ANI, 2025-02-01); "
                       "in A2: 11,000 troops (Yonhap, IANS, 2025-04-02).", "claims": ["A1:C5", "A2:C3"]}]
    articles = [{"id": "A1", "outlet": "ANI", "date": "2025-02-01", "title": None},
                {"id": "A2", "outlet": "IANS", "date": "2025-04-02", "title": "North Korean troops suffer losses"}]
    messages = prompts.render("brief", boundary=prompts.boundary_for("pair"), points=points, title=None, date=None,
                              articles=articles)
    _check_golden("brief_two_articles.txt", "brief", _as_text(messages))


def _template_files() -> dict[str, list[str]]:
    return {name: [f"{name}.{role}.j2" for role in prompts.ROLES] for name in prompts.names()}


def test_a_changed_template_gets_a_new_version():
    """The version in prompt_versions (and in every cache key) must change whenever a template's text does:
    each version's templates are recorded by sha256 in tests/golden/prompt_sources.json. UPDATE_GOLDEN=1
    records a new version, never a new text under a recorded one."""
    recorded = json.loads(SOURCES.read_text()) if SOURCES.exists() else {}
    assert {"brief", "extract"} <= set(prompts.names())  # the loop below is not empty
    for name, files in _template_files().items():
        version = prompts.version(name)
        now = {f: hashlib.sha256(prompts.template_source(f).encode("utf-8")).hexdigest() for f in files}
        if version not in recorded and os.environ.get("UPDATE_GOLDEN"):
            recorded[version] = now
            SOURCES.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n")
        assert version in recorded, f"{version} is new: run UPDATE_GOLDEN=1 pytest tests/test_prompts.py"
        changed = sorted(f for f in files if recorded[version].get(f) != now[f])
        assert not changed, (f"prompts/{', '.join(changed)} changed but still declare {version}: "
                             f"bump the version in both {name} templates")
