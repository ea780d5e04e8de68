"""The whole library path on the scripted fake backend: grounding, validators, re-asks, warnings."""

from __future__ import annotations

import json

from summarizer.ingest.document import load_document
from summarizer.pipeline import summarize

from .helpers import SEED_000, careful_extractor, target_sentence


def _claim(sid, statement, speaker="the article"):
    return {"evidence": [sid], "statement": statement, "speaker": speaker, "role": None, "organisation": None,
            "via": [], "kind": "fact"}


def test_every_claim_is_grounded_at_exact_offsets(settings, fake_client):
    client, backend = fake_client()
    result = summarize(SEED_000, settings, client=client)
    doc = result.document
    assert len(result.claims) == len(doc.sentences)
    for claim in result.claims:
        for ev in claim.evidence:
            assert doc.text[ev.start:ev.end] == ev.text
    s3 = next(c for c in result.claims if c.evidence[0].sentence_id == "S3")
    assert s3.certainty.hedged and s3.certainty.level == "likely"
    s5 = next(c for c in result.claims if c.evidence[0].sentence_id == "S5")
    assert [(q.value, q.qualifier) for q in s5.quantities] == [(12000.0, "about"), (4000.0, "around")]
    ids = {c.id for c in result.claims}
    assert result.brief is not None and result.brief.key_points
    assert all(p.claims and set(p.claims) <= ids for p in result.brief.key_points)
    assert result.brief.bottom_line_claims and set(result.brief.bottom_line_claims) <= ids
    # one call per sentence plus one for the brief, and the evidence ids offered are only the target's
    assert len(backend.history) == len(doc.sentences) + 1
    messages, schema = backend.history[4]
    assert target_sentence(messages)[0] == "S5"
    assert '"S5"' in json.dumps(schema) and '"S4"' not in json.dumps(schema)


def test_fabricated_figure_is_reasked_and_then_fixed(settings, fake_client):
    doc = load_document(SEED_000)
    bad = {"claims": [_claim("S1", "About 20,000 North Korean troops withdrew from Kursk, CNN reported.")]}
    client, backend = fake_client(bad)  # first answer fabricates a figure, then careful answers
    result = summarize(doc, settings, client=client, with_brief=False)
    reask = backend.history[1][0]
    assert "20,000" in reask[-1]["content"]  # the validator's message went back to the model
    assert result.usage.reasks == 1 and not result.warnings
    assert all("20,000" not in c.statement for c in result.claims)


def test_a_quote_kept_in_its_own_words_is_the_quote_without_who_said_it():
    from summarizer.analysis.extract import _sentence_draft
    from summarizer.analysis.reported import read_speakers
    from summarizer.ingest.document import parse_document
    doc = parse_document("Rovers manager Gary Bell said he expected Okafor to stay. \"He's our top scorer and he's "
                         "under contract for three more years,\" he said at his news conference.")
    draft = _sentence_draft(doc, "S2", read_speakers(doc))
    assert (draft["statement"], draft["speaker"], draft["kind"]) == (
        "He's our top scorer and he's under contract for three more years.", "Rovers manager Gary Bell", "quote")


def test_claim_still_invalid_after_reasks_is_dropped_with_a_warning(settings, fake_client):
    bad = {"claims": [_claim("S1", "About 20,000 North Korean troops withdrew from Kursk, CNN reported."),
                      _claim("S1", "North Korean forces probably withdrew from Kursk after heavy losses.")]}
    client, _ = fake_client(bad, bad)  # wrong twice: retry budget (1 re-ask) is spent
    result = summarize(SEED_000, settings, client=client, with_brief=False)
    s1 = [c for c in result.claims if c.evidence[0].sentence_id == "S1"]
    assert [c.statement for c in s1] == ["North Korean forces probably withdrew from Kursk after heavy losses."]
    assert any("20,000" in w.message and w.stage == "extract" for w in result.warnings)


def test_a_sentence_whose_every_claim_fails_twice_is_kept_in_its_own_words(settings, fake_client, tmp_path):
    # a small model asked about one sentence sometimes restates another one; after the re-ask the
    # sentence would be lost, so it is kept as a rule claim: its own words, its pronoun resolved
    article = tmp_path / "bank.txt"
    article.write_text("The central bank of Ruritania said it expected inflation to fall to 4% next year.\n\n"
                       "It raised its key rate to 6.25% last week.\n", encoding="utf-8")
    wrong = {"claims": [_claim("S2", "The central bank expected inflation to fall to 4% next year.")]}
    client, _ = fake_client(careful_extractor, wrong, wrong)  # S1 answered well, S2 wrong twice
    result = summarize(article, settings, client=client, with_brief=False)
    s2 = [c for c in result.claims if c.evidence[0].sentence_id == "S2"]
    assert [(c.statement, c.origin, c.speaker.is_article) for c in s2] == [
        ("The central bank of Ruritania raised its key rate to 6.25% last week.", "rule", True)]
    assert [q.value for q in s2[0].quantities] == [6.25]
    assert any(w.message.startswith("S2: no claim of the model passed") for w in result.warnings)
    assert all(c.origin == "model" for c in result.claims if c not in s2)


def test_a_statement_that_shares_only_its_speaker_with_the_sentence_is_reasked(settings, fake_client, tmp_path):
    # the small model fills the quote's sentence with what its speaker says next: the name and "told
    # reporters" match, nothing else does
    article = tmp_path / "ferry.txt"
    article.write_text("'We are not cutting any lifeline route,' managing director Alison Rae told reporters.\n\n"
                       "She said the company would instead retire two of its oldest vessels.\n", encoding="utf-8")
    wrong = {"claims": [{**_claim("S1", "Managing director Alison Rae told reporters that the company would "
                                  "instead retire two of its oldest vessels.", "Alison Rae"),
                         "role": "managing director"}]}
    client, backend = fake_client(wrong)  # then careful answers
    result = summarize(article, settings, client=client, with_brief=False)
    assert "does not restate its evidence" in backend.history[1][0][-1]["content"]
    s1 = [c.statement for c in result.claims if c.evidence[0].sentence_id == "S1"]
    assert s1 == ["'We are not cutting any lifeline route,' managing director Alison Rae told reporters."]
    assert result.usage.reasks == 1


def test_a_statement_cut_off_at_a_quotation_mark_is_reasked(settings, fake_client, tmp_path):
    # the model closes its JSON string at the evidence's quotation mark and goes on in a second claim
    article = tmp_path / "nhs.txt"
    article.write_text('Health Secretary Fiona Baird said the rise was "almost entirely" caused by two strikes.\n',
                       encoding="utf-8")
    cut = {"claims": [_claim("S1", "Health Secretary Fiona Baird said the rise was", "Fiona Baird"),
                      _claim("S1", "caused by two strikes, Fiona Baird said.", "Fiona Baird")]}
    client, backend = fake_client(cut)  # then careful answers
    result = summarize(article, settings, client=client, with_brief=False)
    assert "is cut off or does not start a sentence" in backend.history[1][0][-1]["content"]
    assert [c.statement for c in result.claims] == [
        'Health Secretary Fiona Baird said the rise was "almost entirely" caused by two strikes.']
    from summarizer.analysis.extract import draft_problems  # a sentence may end on "that" or a preposition

    for whole in ["The association rejected that.", "It was the plan the union voted for."]:
        assert draft_problems(whole, whole) == [], whole


# a brief whose bottom line gives a figure none of its cited claims has
UNSUPPORTED_FIGURE = {"title": "Kursk", "bottom_line": "About 99,000 troops were sent.", "bottom_line_claims": ["C5"],
                      "open_questions": []}
# one citing a claim that does not exist
UNKNOWN_CLAIM = {"title": "Kursk", "bottom_line": "Russia says it retook Kursk.", "bottom_line_claims": ["C99"],
                 "open_questions": []}


def _seed_then_briefs(fake_client, *briefs, max_retries=1):
    """Seed 000, each sentence answered carefully, then the given brief answers (the careful brief after them)."""
    doc = load_document(SEED_000)
    client, backend = fake_client(*[careful_extractor] * len(doc.sentences), *briefs, max_retries=max_retries)
    return doc, client, backend


def test_brief_number_not_in_cited_claims_is_stated_by_rule_without_a_reask(settings, fake_client):
    doc, client, backend = _seed_then_briefs(fake_client, UNSUPPORTED_FIGURE)
    result = summarize(doc, settings, client=client)
    assert len(backend.history) == len(doc.sentences) + 1  # the brief was asked once
    assert result.usage.reasks == 0 and result.usage.budget.brief_reasks == 0
    assert "99,000" not in result.brief.model_dump_json()
    assert any(w.stage == "brief" and "bottom line stated by rule" in w.message for w in result.warnings)


def test_brief_number_not_in_cited_claims_is_reasked_when_brief_retries_allow(settings, fake_client):
    doc, client, backend = _seed_then_briefs(fake_client, UNSUPPORTED_FIGURE, max_retries=0)  # client: no re-asks
    result = summarize(doc, settings.model_copy(update={"brief_retries": 1}), client=client)
    assert "99,000" in backend.history[-1][0][-1]["content"]  # the validator's message went back to the model
    assert result.usage.reasks == 1 and "99,000" not in result.brief.model_dump_json()
    assert not any("stated by rule" in w.message for w in result.warnings)
    assert result.usage.budget.brief_reasks == 1


def test_a_brief_still_wrong_after_its_reask_is_stated_by_rule(settings, fake_client):
    doc, client, backend = _seed_then_briefs(fake_client, UNKNOWN_CLAIM, UNKNOWN_CLAIM)
    result = summarize(doc, settings.model_copy(update={"brief_retries": 1}), client=client)
    assert len(backend.history) == len(doc.sentences) + 2 and result.usage.reasks == 1
    assert result.brief.bottom_line != "Russia says it retook Kursk."
    assert any(w.stage == "brief" and "bottom line stated by rule" in w.message for w in result.warnings)


def test_bottom_line_citing_an_unknown_claim_is_stated_by_rule_with_a_warning(settings, fake_client):
    doc, client, _ = _seed_then_briefs(fake_client, UNKNOWN_CLAIM)
    result = summarize(doc, settings, client=client)
    brief = result.brief
    assert "C99" not in brief.model_dump_json() and brief.bottom_line != "Russia says it retook Kursk."
    by_id = {c.id: c for c in result.claims}
    assert brief.bottom_line_claims and brief.bottom_line in [by_id[i].statement for i in brief.bottom_line_claims]
    assert any(w.stage == "brief" and "bottom line stated by rule" in w.message for w in result.warnings)


def test_second_run_is_served_from_cache(settings, fake_client):
    client, backend = fake_client()
    first = summarize(SEED_000, settings, client=client)
    calls = len(backend.history)
    second = summarize(SEED_000, settings, client=client)
    assert len(backend.history) == calls  # no new model call
    assert second.usage.cache_hits == calls and second.usage.cache_misses == 0
    assert second.claims == first.claims and second.brief == first.brief


def test_a_second_run_of_the_same_text_settings_and_code_is_the_stored_result(settings, fake_client, monkeypatch):
    import summarizer.pipeline as pipeline

    client, backend = fake_client()
    first = summarize(SEED_000, settings, client=client)
    monkeypatch.setattr(pipeline, "document_from_raw", lambda raw: (_ for _ in ()).throw(AssertionError("parsed")))
    second = summarize(SEED_000, settings, client=client)  # nothing parsed, checked or asked again
    assert second.model_dump(exclude={"usage"}) == first.model_dump(exclude={"usage"})
    assert (second.usage.cache_hits, second.usage.cache_misses, second.usage.calls) == (len(backend.history), 0, 0)
    # other settings or other code: not the same result
    with __import__("pytest").raises(AssertionError, match="parsed"):
        summarize(SEED_000, settings.model_copy(update={"part_chars": 600}), client=client)
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "changed")
    with __import__("pytest").raises(AssertionError, match="parsed"):
        summarize(SEED_000, settings, client=client)


def test_a_run_with_a_failed_call_stores_no_result(settings, fake_client, monkeypatch):
    import summarizer.pipeline as pipeline
    from summarizer.errors import TaskFailed

    def broken(messages, schema):  # one sentence's task fails alone (a decoder error); the others go on
        if "[S3]" in messages[-1]["content"].split("Target sentence")[-1]:
            raise TaskFailed("constrained decoder error")
        return careful_extractor(messages, schema)

    client, _ = fake_client(cache=True)
    client.backend.default = broken
    summarize(SEED_000, settings, client=client, with_brief=False)
    monkeypatch.setattr(pipeline, "document_from_raw", lambda raw: (_ for _ in ()).throw(AssertionError("parsed")))
    with __import__("pytest").raises(AssertionError, match="parsed"):  # asked again, not served whole
        summarize(SEED_000, settings, client=client, with_brief=False)


def test_hedge_in_statement_and_evidence_marks_the_claim_hedged(settings, fake_client):
    doc = load_document(SEED_000)
    unhedged = {"claims": [_claim("S1", "North Korean forces have probably withdrawn from Kursk, CNN reported.")]}
    client, _ = fake_client(unhedged)
    result = summarize(doc, settings, client=client, with_brief=False)
    c1 = result.claims[0]
    assert c1.certainty.hedged and c1.certainty.hedge_words == ["probably"] and c1.certainty.level == "likely"
    s6 = next(c for c in result.claims if c.evidence[0].sentence_id == "S6")
    assert not s6.certainty.hedged and s6.certainty.level == "asserted"


def test_a_figures_qualifier_is_no_hedge(settings, fake_client):
    # "about 12,000" qualifies a figure; it does not put the claim below certainty
    doc = load_document(SEED_000)
    s5 = doc.sentence("S5").text
    qualified = {"claims": [_claim("S5", "About 12,000 North Korean soldiers were sent to Russia.")]}
    client, _ = fake_client(*[careful_extractor] * 4, qualified)
    assert "About 12,000" in s5 or "about 12,000" in s5
    result = summarize(doc, settings, client=client, with_brief=False)
    c5 = next(c for c in result.claims if c.evidence[0].sentence_id == "S5")
    assert (c5.certainty.hedged, c5.certainty.hedge_words, c5.certainty.level) == (False, [], "asserted")


def test_contrasting_sources_become_a_rule_disagreement(settings, fake_client):
    def with_speakers(messages, schema):
        answer = careful_extractor(messages, schema)
        if "claims" in answer:
            sid = answer["claims"][0]["evidence"][0]
            answer["claims"][0]["speaker"] = {"S7": "ISW", "S8": "the Russian Military"}.get(sid, "the article")
        return answer

    doc = load_document(SEED_000)
    client, _ = fake_client(*[with_speakers] * len(doc.sentences))
    result = summarize(doc, settings, client=client)
    [d] = result.brief.disagreements
    assert d.origin == "rule" and [s.claims for s in d.sides] == [["C7"], ["C8"]]
    assert d.sides[1].source == "the Russian Military" and "recaptured" in d.sides[1].position


def test_key_points_repeat_neither_the_bottom_line_nor_each_other(settings, fake_client):
    doc = load_document(SEED_000)
    s5 = doc.sentence("S5").text  # the model's bottom line restates the claim of S5 word for word
    brief = {"title": "Kursk", "bottom_line": s5, "bottom_line_claims": ["C5"], "open_questions": []}
    client, _ = fake_client(*[careful_extractor] * len(doc.sentences), brief)
    result = summarize(doc, settings, client=client)
    assert result.brief.bottom_line == s5 and not result.warnings
    texts = [p.text for p in result.brief.key_points]
    assert len(texts) >= 3 and len(set(texts)) == len(texts)
    assert not any("12,000" in t for t in texts)  # the one point on the troops sent would repeat the bottom line


def test_brief_may_only_attribute_to_the_sources_of_its_cited_claims():
    """The 1.5B model copied 'according to Ukrainian officials' from the prompt into a brief about a
    Munich software company; an attribution must name a source of the claims it cites."""
    from summarizer.analysis.brief import attribution_problem
    from summarizer.models import Certainty, Claim, Evidence, Speaker

    text = "A Munich software company said a bug exposed the data of 4,800 customers."
    claim = Claim(id="C1", statement=text, speaker=Speaker(name="the company"), attribution=["dpa"], kind="fact",
                  certainty=Certainty(hedged=False, level="asserted"),
                  evidence=[Evidence(sentence_id="S1", start=0, end=len(text), text=text)])
    claims = {"C1": claim}
    assert attribution_problem("The bug exposed 4,800 customers, according to Ukrainian officials.", claims, ["C1"])
    for fine in ("The bug exposed 4,800 customers, according to the company.",
                 "According to dpa, a Munich company was hit.", "A bug exposed customer data."):
        assert attribution_problem(fine, claims, ["C1"]) is None, fine


def test_an_answer_cached_under_one_reask_count_is_not_served_for_another(fake_client):
    from pydantic import BaseModel

    class Title(BaseModel):
        title: str

    client, backend = fake_client({"title": "first"}, {"title": "second"}, max_retries=1)
    messages = [{"role": "user", "content": "Write a title."}]
    assert client.ask(messages, Title, max_tokens=20, reasks=0).data == {"title": "first"}
    assert client.ask(messages, Title, max_tokens=20, reasks=1).data == {"title": "second"}  # asked again
    assert client.ask(messages, Title, max_tokens=20).data == {"title": "second"}  # the client's own count: 1
    assert client.ask(messages, Title, max_tokens=20, reasks=0).data == {"title": "first"} and len(backend.history) == 2
