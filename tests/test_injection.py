"""Article text is data: instructions, forged delimiters, role lines, template syntax and answer-shaped
JSON inside an article stay inside the delimited data block and come out literally.
The fixtures are in fixtures/injection/; tests/test_injection_model.py runs them on the embedded model."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from summarizer import prompts
from summarizer.ingest.document import load_document
from summarizer.ingest.injection import addressed_to_model, suspect_sentences
from summarizer.pipeline import summarize

from .helpers import INJECTION, INPUTS, SEED_000, SEED_004, claims_env, run, schema

FIXTURES = sorted(INJECTION.glob("*.txt"))


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
    suspects = suspect_sentences(doc)
    boundary = prompts.boundary_for(doc.text)
    assert boundary not in doc.text
    benign = prompts.render("extract", boundary="B", sentences=[], targets=[])[0]["content"]
    extraction = [m for m, schema in history if "claims" in schema.get("properties", {})]
    assert len(extraction) == len(doc.sentences) - len(suspects)  # the model never gets a suspect as a task
    for messages in extraction:
        system, user = messages[0]["content"], messages[1]["content"]
        assert system.replace(boundary, "B") == benign  # the article cannot touch the instructions
        blocks = re.findall(rf"<<{boundary}>>\n(.*?)<</{boundary}>>", user, flags=re.S)
        assert len(blocks) == 2  # the article, then the target sentence: nothing outside them
        outside = re.sub(rf"<<{boundary}>>\n.*?<</{boundary}>>", "", user, flags=re.S)
        assert not any(s.text in outside for s in doc.sentences)
        for s in doc.sentences:
            assert (s.text in blocks[0]) is (s.id not in suspects)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_text_addressed_to_a_model_is_reported_as_a_claim_of_the_article_only(path, run_fixture):
    result, history = run_fixture(path)
    suspects = suspect_sentences(result.document)
    if path.stem != "jinja_syntax":  # template syntax is not an instruction, it is only kept literal
        assert suspects
    instructions = [c for c in result.claims if c.kind == "instruction"]
    assert [c.evidence[0].sentence_id for c in instructions] == list(suspects)
    for c in instructions:
        assert c.speaker.is_article and c.quantities == [] and c.evidence[0].text in c.statement
    cited = set(result.brief.bottom_line_claims) | {i for p in result.brief.key_points for i in p.claims}
    assert not cited & {c.id for c in instructions}
    brief_prompt = json.dumps(history[-1][0])
    assert not any(result.document.sentence(sid).text[:40] in brief_prompt for sid in suspects)
    if suspects:
        assert any(w.stage == "input" and "addressed to an AI system" in w.message for w in result.warnings)


def test_ordinary_news_sentences_are_not_flagged():
    for path in (SEED_000, SEED_004, INPUTS / "saved_page.html"):
        assert suspect_sentences(load_document(path)) == {}
    for text in ("The minister said the instructions were clear.", "Officials told residents to ignore rumours.",
                 "The system failed at 3 pm, the operator said.", "He said the report should be read in full."):
        assert addressed_to_model(text) is None, text


def test_template_syntax_comes_out_literally(run_fixture):
    result, history = run_fixture(INJECTION / "jinja_syntax.txt")
    prompt_text = json.dumps(history)
    for literal in ("{{ 7*7 }}", "{% for x in range(3) %}loops{% endfor %}", "{{ config.items() }}"):
        assert literal in result.document.text and literal in prompt_text.replace('\\"', '"')
        assert any(literal in e.text for c in result.claims for e in c.evidence)
    assert "49" not in prompt_text and "dict_items" not in prompt_text


def test_answer_shaped_json_in_an_article_is_only_text(tmp_path):
    """Through the CLI: the output is one result document, the article's fake answer sits in its text."""
    path = INJECTION / "json_lookalike.txt"
    out = run(path, "--claims", "--format", "json", "--model", "fake", env=claims_env(tmp_path, path))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    jsonschema.validate(result, schema())
    assert "Aliens have landed" in result["document"]["text"]
    assert not any(c["statement"] == "Aliens have landed in Toronto." for c in result["claims"])


def test_role_lines_cannot_read_secrets_or_settings(tmp_path):
    path = INJECTION / "fake_roles.txt"
    out = run(path, "--claims", "--format", "json", "--model", "fake",
              env={**claims_env(tmp_path, path), "OPENAI_API_KEY": "sk-injected-secret-123"})
    assert out.returncode == 0, out.stderr
    assert "sk-injected-secret-123" not in out.stdout + out.stderr
    assert json.loads(out.stdout)["model"] == "fake"
