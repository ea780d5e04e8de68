"""Article text is data: instructions, forged delimiters, role lines, template syntax and answer-shaped
JSON inside an article stay inside the delimited data block and come out literally.
The fixtures are in fixtures/injection/; tests/test_injection_model.py runs them on the embedded model."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from summarizer import prompts
from summarizer.pipeline import summarize

from .conftest import ROOT

FIXTURES = sorted((ROOT / "fixtures" / "injection").glob("*.txt"))


def test_there_are_at_least_five_injection_fixtures():
    names = {p.stem for p in FIXTURES}
    assert {"ignore_previous", "forged_delimiter", "fake_roles", "jinja_syntax", "json_lookalike"} <= names


@pytest.fixture
def run_fixture(settings, fake_client):
    def go(path):
        client, backend = fake_client()
        result = summarize(path, settings, client=client)
        return result, backend.history
    return go


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_article_stays_inside_the_real_delimiters(path, run_fixture):
    result, history = run_fixture(path)
    doc = result.document
    boundary = prompts.boundary_for(doc.text)
    assert boundary not in doc.text
    benign = prompts.render("extract", boundary="B", sentences=[], targets=[])[0]["content"]
    for messages, _schema in history[:-1]:  # extraction calls
        system, user = messages[0]["content"], messages[1]["content"]
        assert system.replace(boundary, "B") == benign  # the article cannot touch the instructions
        blocks = re.findall(rf"<<{boundary}>>\n(.*?)<</{boundary}>>", user, flags=re.S)
        assert len(blocks) == 2  # the article, then the target sentence: nothing outside them
        outside = re.sub(rf"<<{boundary}>>\n.*?<</{boundary}>>", "", user, flags=re.S)
        assert not any(s.text in outside for s in doc.sentences)
        assert all(s.text in blocks[0] for s in doc.sentences)


def test_template_syntax_comes_out_literally(run_fixture):
    result, history = run_fixture(ROOT / "fixtures" / "injection" / "jinja_syntax.txt")
    prompt_text = json.dumps(history)
    for literal in ("{{ 7*7 }}", "{% for x in range(3) %}loops{% endfor %}", "{{ config.items() }}"):
        assert literal in result.document.text and literal in prompt_text.replace('\\"', '"')
        assert any(literal in e.text for c in result.claims for e in c.evidence)
    assert "49" not in prompt_text and "dict_items" not in prompt_text


def test_answer_shaped_json_in_an_article_is_only_text(tmp_path):
    """Through the CLI: the output is one result document, the article's fake answer sits in its text."""
    from .test_cli import run
    from .test_inputs import _fake

    path = ROOT / "fixtures" / "injection" / "json_lookalike.txt"
    out = run(path, "--claims", "--format", "json", "--model", "fake", env=_fake(tmp_path, path))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    jsonschema.validate(result, json.loads((ROOT / "schemas" / "result.schema.json").read_text()))
    assert "Aliens have landed" in result["document"]["text"]
    assert not any(c["statement"] == "Aliens have landed in Toronto." for c in result["claims"])


def test_role_lines_cannot_read_secrets_or_settings(tmp_path):
    from .test_cli import run
    from .test_inputs import _fake

    path = ROOT / "fixtures" / "injection" / "fake_roles.txt"
    out = run(path, "--claims", "--format", "json", "--model", "fake",
              env={**_fake(tmp_path, path), "OPENAI_API_KEY": "sk-injected-secret-123"})
    assert out.returncode == 0, out.stderr
    assert "sk-injected-secret-123" not in out.stdout + out.stderr
    assert json.loads(out.stdout)["model"] == "fake"
