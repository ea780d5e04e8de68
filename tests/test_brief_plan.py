"""The brief by plan: key points stated by rule from their claims (source and hedge kept), each side of a
disagreement its own point, no point repeating the bottom line, and a model bottom line that overstates
a hedge or names the wrong source is refused and replaced by rule. Articles written here for the test."""

from __future__ import annotations

from summarizer.analysis.brief import write_brief
from summarizer.analysis.extract import merge
from summarizer.analysis.brief import title_problem
from summarizer.analysis.fidelity import (attribution_problem, bound_problem, hedge_problem, idle_citation_problem,
                                         misattribution_problem, negation_problem, quantifier_problem,
                                         unnamed_source_problem)
from summarizer.analysis.plan import say, side_point
from summarizer.analysis.speakers import same_source, sources
from summarizer.backends.fake import FakeBackend
from summarizer.ingest.document import parse_document
from summarizer.structured.cache import AnswerCache
from summarizer.structured.client import StructuredClient

ARTICLE = """BRASILIA, May 4 (Reuters) - The drought has probably destroyed 12 million tonnes of soy this year, the farm ministry said on Monday.

The growers' association said the drought had destroyed 20 million tonnes of soy.

Trade minister Paulo Reis said exports would recover by August.

The central bank kept its key rate at 10.5%.
"""
DRAFTS = [  # what a careful model extracts, one claim per sentence
    ("S1", "The drought has probably destroyed 12 million tonnes of soy this year.", "the farm ministry", ["probably"]),
    ("S2", "The drought has destroyed 20 million tonnes of soy.", "the growers' association", []),
    ("S3", "Brazil's exports would recover by August.", "Paulo Reis", []),
    ("S4", "The central bank kept its key rate at 10.5%.", "the article", []),
]


def claims():
    doc = parse_document(ARTICLE)
    drafts = [{"evidence": [sid], "statement": st, "speaker": sp, "role": None, "organisation": None, "via": [],
               "kind": "fact", "hedges": h, "time": None} for sid, st, sp, h in DRAFTS]
    return doc, merge(doc, drafts)


def merged(text: str, rows: list[tuple[str, str, str]]):
    """The document and the claims merge() makes of one draft per row: (sentence id, statement, speaker)."""
    doc = parse_document(text)
    return doc, merge(doc, [{"evidence": [sid], "statement": st, "speaker": sp, "role": None, "organisation": None,
                             "via": [], "kind": "fact"} for sid, st, sp in rows])


def brief_with(bottom_line: str, cited: list[str], title: str = "Drought cuts Brazil's soy harvest"):
    doc, found = claims()
    backend = FakeBackend("fake", default={"title": title, "bottom_line": bottom_line,
                                           "bottom_line_claims": cited, "open_questions": []})
    client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False), max_retries=1)
    return found, write_brief(doc, found, client, reasks=1)  # a re-ask allowed: the checks below say none was needed


def test_points_keep_source_and_hedge_and_each_side_of_a_disagreement_gets_one():
    found, written = brief_with("Trade minister Paulo Reis says Brazil's exports will recover by August.", ["C3"])
    brief = written.brief
    assert brief.bottom_line.startswith("Trade minister Paulo Reis says")
    texts = [p.text for p in brief.key_points]
    cited = [p.claims for p in brief.key_points]
    assert ["C1"] in cited and ["C2"] in cited  # each side of the disagreement its own point
    assert any("probably destroyed 12 million" in t and "farm ministry" in t for t in texts)
    assert any("20 million" in t and "growers' association" in t for t in texts)
    assert not any("Paulo Reis" in t for t in texts)  # the bottom line says it already: no repeat
    assert [d.sides[0].claims + d.sides[1].claims for d in brief.disagreements] == [["C1", "C2"]]
    by_id = {c.id: c for c in found}
    for p in brief.key_points:
        assert hedge_problem(p.text, by_id, p.claims) is None
        assert attribution_problem(p.text, by_id, p.claims, ["farm ministry", "growers' association", "Paulo Reis"]) \
            is None
    assert brief.sources[:2] == ["the farm ministry", "the growers' association"]


def test_a_bottom_line_that_drops_the_hedge_is_replaced_by_rule():
    found, written = brief_with("The drought destroyed 12 million tonnes of soy.", ["C1"])
    brief = written.brief
    assert "destroyed 12 million tonnes of soy." not in brief.bottom_line  # the overstated line is gone
    assert hedge_problem(brief.bottom_line, {c.id: c for c in found}, brief.bottom_line_claims) is None
    assert any("stated by rule" in w.message for w in written.warnings)


def test_a_title_is_held_to_the_same_checks_and_replaced_when_it_overstates():
    line = "The farm ministry says the drought has probably destroyed 12 million tonnes of soy."
    assert brief_with(line, ["C1"])[1].brief.title == "Drought cuts Brazil's soy harvest"  # restates no hedged claim
    _, written = brief_with(line, ["C1"], title="Drought destroyed 12 million tonnes of soy this year")
    title = written.brief.title
    assert "probably" in title and title.startswith("The farm ministry says")  # the bottom line's opening words
    assert any("title 'Drought destroyed 12 million" in w.message and "probably" in w.message
               for w in written.warnings)
    assert "40 million" not in brief_with(line, ["C1"], title="Drought wipes out 40 million tonnes")[1].brief.title


def test_a_figure_keeps_its_bound_in_the_title_and_the_bottom_line():
    # "at least 312" is a floor, not the toll; "nearly 300" is below 300, not 300
    doc, found = merged("The death toll from the earthquake rose to at least 312, the disaster agency said.\n\n"
                        "Rescuers said nearly 300 buildings had collapsed in the province.\n\n"
                        "The governor said 300 soldiers had been sent to the province.\n",
                        [("S1", "The death toll from the earthquake rose to at least 312.", "the disaster agency"),
                         ("S2", "Nearly 300 buildings had collapsed in the province.", "Rescuers"),
                         ("S3", "300 soldiers had been sent to the province.", "The governor")])
    by_id = {c.id: c for c in found}
    assert "'at least 312'" in bound_problem("Earthquake toll rises to 312", by_id, list(by_id))
    assert title_problem("Earthquake toll rises to 312", by_id, []) is not None
    assert title_problem("Earthquake toll rises to at least 312", by_id, []) is None
    assert title_problem("Earthquake toll passes 300", by_id, []) is None  # the governor's 300 is bare
    assert "'nearly 300 buildings'" in bound_problem("Rescuers said 300 buildings collapsed.", by_id, ["C2"])
    assert bound_problem("Rescuers said nearly 300 buildings collapsed.", by_id, ["C2"]) is None
    assert bound_problem("More than 300 soldiers were sent.", by_id, ["C3"]) is None  # says more, not less: other checks


def test_a_title_gives_each_source_only_its_own_account():
    doc, found = merged("The defence ministry said rebel fighters had fired at least 40 mortar rounds at army positions."
                        "\n\nThe Northern Front denied firing first.\n",
                        [("S1", "The defence ministry said rebel fighters had fired at least 40 mortar rounds at army "
                                "positions.", "The defence ministry"),
                         ("S2", "The Northern Front denied firing first.", "The Northern Front")])
    by_id, known = {c.id: c for c in found}, ["The defence ministry", "The Northern Front"]
    assert "Northern Front" in title_problem("Northern Front Claims Rebels Fired Mortar Rounds at Army Positions",
                                             by_id, known)
    assert title_problem("Northern Front denies firing first, defence ministry says rebels fired mortar rounds",
                         by_id, known) is None
    assert title_problem("Ceasefire under strain as both sides trade blame", by_id, known) is None


def test_a_bottom_line_that_puts_words_in_another_mouth_is_replaced_by_rule():
    # "according to the growers' association" for the ministry's claim: refused
    _, written = brief_with("According to the growers' association, the drought probably destroyed 12 million "
                            "tonnes of soy.", ["C1"])
    assert "growers" not in written.brief.bottom_line.split("(")[0]
    assert any("stated by rule" in w.message for w in written.warnings)


def test_a_bottom_line_may_not_name_sources_in_the_plural_or_hide_a_clause_its_claim_lacks():
    # "... and Paulo Reis claim" names a source as surely as "Paulo Reis said"; and a long sentence that restates
    # its claim may not add a clause of another source's ("but exports would recover") under that one citation
    found, written = brief_with("The farm ministry and Paulo Reis claim the drought has probably destroyed 12 million "
                                "tonnes of soy this year.", ["C1"])
    b = written.brief  # either Reis goes, or the bottom line cites his claim (the citations are corrected)
    assert "Reis" not in b.bottom_line or "C3" in b.bottom_line_claims
    assert b.bottom_line_claims != ["C1"]
    found, written = brief_with("The farm ministry said the drought has probably destroyed 12 million tonnes of soy "
                                "this year, but soy exports to China would recover by August.", ["C1"])
    assert "recover" not in written.brief.bottom_line.split("(")[0]
    assert any("stated by rule" in w.message for w in written.warnings)
    found, written = brief_with("The farm ministry said the drought has probably destroyed 12 million tonnes of soy "
                                "this year, and soy exports to China would recover by August.", ["C1"])
    assert "recover" not in written.brief.bottom_line.split("(")[0]
    # nor a reason nobody gave ("citing ...")
    found, written = brief_with("The farm ministry said on Monday the drought has probably destroyed 12 million "
                                "tonnes of soy this year, citing bad soy seed.", ["C1"])
    assert "citing" not in written.brief.bottom_line


def test_a_bottom_line_that_states_a_sources_claim_as_fact_is_replaced_by_rule():
    # the growers' figure, with no word of who gives it: the brief would assert it itself
    found, written = brief_with("The drought has destroyed 20 million tonnes of soy.", ["C2"])
    assert written.brief.bottom_line != "The drought has destroyed 20 million tonnes of soy."
    assert any("without naming its source" in w.message for w in written.warnings)
    assert unnamed_source_problem(written.brief.bottom_line, {c.id: c for c in found},
                                  written.brief.bottom_line_claims) is None
    named = brief_with("The growers' association says the drought has destroyed 20 million tonnes of soy.", ["C2"])
    assert not any("without naming its source" in w.message for w in named[1].warnings)  # (it takes a side:
    # see test_a_bottom_line_that_takes_one_side_of_a_disagreement_is_replaced_by_rule)


def test_a_bottom_line_stated_by_rule_is_no_opening_quote():
    # a feature opens on a farmer's words; when the model's bottom line fails, the rule's is the story
    doc = parse_document('"The sea is cooking them," farmer Ana Ruiz said of her 500 ropes.\n\n'
                         "Mussel harvests fell 40% this summer, the regional institute said.\n")
    found = merge(doc, [{"evidence": [sid], "statement": st, "speaker": sp, "role": None, "organisation": None,
                         "via": [], "kind": kind, "hedges": [], "time": None} for sid, st, sp, kind in [
        ("S1", "The sea is cooking the mussels on Ana Ruiz's 500 ropes.", "Ana Ruiz", "quote"),
        ("S2", "Mussel harvests fell 40% this summer.", "the regional institute", "fact")]])
    backend = FakeBackend("fake", default={"title": "Mussels", "bottom_line": "Harvests collapsed.",
                                           "bottom_line_claims": ["C2"], "open_questions": []})
    client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False), max_retries=1)
    written = write_brief(doc, found, client)
    assert written.brief.bottom_line_claims == ["C2"] and "40%" in written.brief.bottom_line
    assert any("stated by rule" in w.message for w in written.warnings)


def test_an_article_with_no_speakers_a_single_claim_or_only_hedges_still_gets_a_brief():
    for text, drafts in [
        ("The river rose two metres overnight.\n\nSchools in the valley closed.\n",
         [("S1", "The river rose two metres overnight.", [])], ),
        ("The bridge reopened on Monday.\n", [("S1", "The bridge reopened on Monday.", [])]),
        ("The storm will probably reach the coast by Friday, forecasters said.\n",
         [("S1", "The storm will probably reach the coast by Friday.", ["probably"])]),
    ]:
        doc = parse_document(text)
        found = merge(doc, [{"evidence": [sid], "statement": st, "speaker": "the article", "role": None,
                             "organisation": None, "via": [], "kind": "fact", "hedges": h, "time": None}
                            for sid, st, h in drafts])
        backend = FakeBackend("fake", default={"title": "News", "bottom_line": "Nothing can be said for sure.",
                                               "bottom_line_claims": ["C1"], "open_questions": []})
        client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False))
        brief = write_brief(doc, found, client).brief
        assert brief is not None and brief.bottom_line
        for c in found:
            if c.certainty.hedged:
                assert "probably" in brief.bottom_line


def test_a_source_is_listed_once_and_a_pronoun_point_names_its_speaker():
    doc = parse_document("Finance Minister Ivo Kovač said prices would fall by the summer. He said wages had "
                         "risen 12% in a year. Kovač said the central bank agreed. The National Bank of Ruritania "
                         "kept its rate at 6%, the bank said.")
    speakers = ["Finance Minister Ivo Kovač", "Ivo Kovač", "Kovač", "the National Bank of Ruritania"]
    statements = ["Prices would fall by the summer.", "He said wages had risen 12% in a year.",
                  "The central bank agreed.", "The National Bank of Ruritania kept its rate at 6%."]
    drafts = [{"evidence": [s.id], "statement": st, "speaker": sp, "role": None,
               "organisation": "National Bank of Ruritania", "via": [], "kind": "fact", "hedges": [], "time": None}
              for s, st, sp in zip(doc.sentences, statements, speakers)]
    found = merge(doc, drafts)
    # the bank two sentences away is not the minister's organisation; it is the bank's own
    assert [c.speaker.organisation for c in found] == [None, None, None, "National Bank of Ruritania"]
    assert sources(found) == ["Finance Minister Ivo Kovač", "the National Bank of Ruritania"]
    assert say(found[1]) == "Ivo Kovač said wages had risen 12% in a year."


def test_a_pronoun_that_ends_a_statement_as_its_attribution_is_its_source_named():
    doc = parse_document("Ana Correia, a deputy for the opposition, said the minister should step aside. The "
                         "government could face a confidence vote, she told broadcaster SIC. The ministry said "
                         "it would not comment. Berg said the line would reopen, he told reporters.")
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
               "via": via, "kind": "fact", "hedges": [], "time": None}
              for s, sp, via in zip(doc.sentences, ["Ana Correia", "Ana Correia", "the ministry", "Tom Berg"],
                                   [[], ["SIC"], [], []])]
    found = merge(doc, drafts)
    # the source is named where the pronoun stood, not repeated in brackets beside it
    assert say(found[1]) == "The government could face a confidence vote, Ana Correia told broadcaster SIC."
    # a statement that names its source keeps its pronoun
    assert say(found[3]) == "Berg said the line would reopen, he told reporters."
    # after the source's own sentence the pronoun stays: the point reads as the source's two sentences
    assert say(found[1], after_own=True) == "The government could face a confidence vote, she told broadcaster SIC."
    # only an attribution that ends the statement: a pronoun in a story the source tells is not the source
    # ("When police arrived, he called an ambulance", she said), nor is one that the name does not fit
    def spoken_by(c, name, statement):
        return c.model_copy(update={"statement": statement, "speaker": c.speaker.model_copy(
            update={"name": name, "is_article": False})})
    assert say(spoken_by(found[0], "Maria Lopes", "When police arrived, he called an ambulance.")) == \
        "When police arrived, he called an ambulance (Maria Lopes)."
    assert say(spoken_by(found[0], "Her deputy Rui Lopes", "Spending would be cut by 2%, she said.")) == \
        "Spending would be cut by 2%, she said (Her deputy Rui Lopes)."
    assert say(spoken_by(found[0], "Doctors", "Beds had run out by noon, they said.")) == \
        "Beds had run out by noon, they said (Doctors)."
    assert say(spoken_by(found[0], "the union", "The strike would go ahead, they said.")) == \
        "The strike would go ahead, the union said."


def test_a_point_names_its_source_unless_the_statement_names_that_person():
    # "Island councillor" is a role; "the islands" in the statement is no mention of the councillor
    doc = parse_document("Island councillor Magnus Flett said sailings to the islands had fallen from 14 a week "
                         "to nine since 2022. Flett said the ferry company had broken its promises.\n")
    found = merge(doc, [{"evidence": ["S1"], "statement": "Sailings to the islands had fallen from 14 a week to nine "
                         "since 2022.", "speaker": "Island councillor Magnus Flett", "role": "Island councillor",
                         "organisation": None, "via": [], "kind": "fact"},
                        {"evidence": ["S2"], "statement": "Flett said the ferry company had broken its promises.",
                         "speaker": "Magnus Flett", "role": None, "organisation": None, "via": [], "kind": "fact"}])
    by_id = {c.id: c for c in found}
    assert "(Island councillor Magnus Flett)" in say(found[0])
    assert say(found[1]) == "Flett said the ferry company had broken its promises."
    assert unnamed_source_problem(found[0].statement, by_id, ["C1"]) is not None
    for named in ["Councillor Magnus Flett says sailings to the islands fell from 14 a week to nine.",
                  "An island councillor says sailings fell from 14 a week to nine.",
                  "Flett's figures show sailings fell from 14 a week to nine."]:
        assert unnamed_source_problem(named, by_id, ["C1"]) is None, named
    # the owner in an organisation's name is not the organisation
    doc = parse_document("Floods have killed at least 23 people in northern Peru, said Peru's civil defence agency.\n")
    found = merge(doc, [{"evidence": ["S1"], "statement": "Floods have killed at least 23 people in northern Peru.",
                         "speaker": "Peru's civil defence agency", "role": None, "organisation": None, "via": [],
                         "kind": "fact"}])
    assert found[0].speaker.name == "Peru's civil defence agency"
    assert unnamed_source_problem("Floods in northern Peru kill at least 23 people.", {"C1": found[0]}, ["C1"])
    assert unnamed_source_problem("Peru's civil defence agency says floods killed 23.", {"C1": found[0]},
                                  ["C1"]) is None
    # unnamed sources counted and described are named only as described: "two years" is no mention of "two
    # people familiar with the matter"
    doc = parse_document("Varrow has delayed its plant by two years, two people familiar with the matter told Reuters.\n")
    found = merge(doc, [{"evidence": ["S1"], "statement": "Varrow has delayed its plant by two years.",
                         "speaker": "two people familiar with the matter", "role": None, "organisation": None,
                         "via": ["Reuters"], "kind": "fact"}])
    assert say(found[0]) == ("Varrow has delayed its plant by two years (two people familiar with the matter via "
                             "Reuters).")
    assert unnamed_source_problem("Varrow has delayed its plant by two years.", {"C1": found[0]}, ["C1"])
    assert unnamed_source_problem("People familiar with the matter say Varrow has delayed its plant by two years.",
                                  {"C1": found[0]}, ["C1"]) is None


def test_a_bottom_line_says_how_many_as_its_claims_do():
    doc = parse_document("Most economists polled by Reuters had expected the bank to hold its rate at 5.75%.\n\n"
                         "Governor Adam Glapa said the bank would not lower rates this year.\n")
    found = merge(doc, [{"evidence": ["S1"], "statement": "Most economists polled by Reuters had expected the bank "
                         "to hold its rate at 5.75%.", "speaker": "economists polled by Reuters", "role": None,
                         "organisation": None, "via": ["Reuters"], "kind": "estimate"},
                        {"evidence": ["S2"], "statement": "The bank would not lower rates this year.",
                         "speaker": "Adam Glapa", "role": "Governor", "organisation": None, "via": [],
                         "kind": "prediction"}])
    by_id = {c.id: c for c in found}
    swapped = "Several economists polled by Reuters had expected the bank to hold its rate at 5.75%."
    assert "'several'" in quantifier_problem(swapped, by_id, ["C1"]) and "'most'" in quantifier_problem(
        swapped, by_id, ["C1"])
    assert quantifier_problem("All economists polled by Reuters expected a hold at 5.75%.", by_id, ["C1"])
    assert quantifier_problem("Most economists polled by Reuters expected a hold at 5.75%.", by_id, ["C1"]) is None
    assert quantifier_problem("Governor Adam Glapa said the bank would not lower rates.", by_id, ["C2"]) is None
    backend = FakeBackend("fake", default={"title": "Bank holds", "bottom_line": swapped,
                                           "bottom_line_claims": ["C1"], "open_questions": []})
    client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False), max_retries=1)
    written = write_brief(doc, found, client)
    assert "Several" not in written.brief.bottom_line
    assert any("'several'" in w.message for w in written.warnings)


def test_two_bodies_that_share_a_word_are_two_sources():
    # "the defence ministry" is not the civil defence agency: the word they share is not the name
    doc = parse_document("Floods killed 23 people, the civil defence agency said. The defence ministry said it had "
                         "sent 14 helicopters. The agency added that 11 people were missing.")
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None, "via": [],
               "kind": "fact"} for s, sp in zip(doc.sentences, ["the civil defence agency", "The defence ministry",
                                                                "the agency"])]
    assert sources(merge(doc, drafts)) == ["the civil defence agency", "the defence ministry"]


def test_a_bottom_line_citing_one_claim_too_many_keeps_its_words_with_the_right_citation():
    # the model restates the farm ministry's figure but also cites the trade minister, whom it does not
    # name: the sentence is faithful to C1, so it stands, citing C1, with no re-ask and no warning
    found, written = brief_with("The farm ministry says the drought has probably destroyed 12 million tonnes of soy.",
                                ["C1", "C3"])
    assert written.brief.bottom_line.startswith("The farm ministry says")
    assert written.brief.bottom_line_claims == ["C1"]
    assert written.usage.reasks == 0 and not written.warnings


def test_a_bottom_line_no_offered_claim_supports_is_still_replaced_by_rule():
    # citations are corrected only among the claims of the points the model was given, and only to a set
    # with which every check passes: an unhedged figure stays refused
    found, written = brief_with("The drought destroyed 12 million tonnes of soy.", ["C1", "C3"])
    assert not written.brief.bottom_line.startswith("The drought destroyed 12 million")
    assert any("stated by rule" in w.message for w in written.warnings)


def test_a_bottom_line_citing_one_claim_too_few_gets_the_point_it_restates():
    # the sentence restates the trade minister's claim too, by name, but cites only the ministry's figure
    found, written = brief_with("The farm ministry says the drought has probably destroyed 12 million tonnes of "
                                "soy, and trade minister Paulo Reis says exports will recover by August.", ["C1"])
    assert written.brief.bottom_line.startswith("The farm ministry says")
    assert sorted(written.brief.bottom_line_claims) == ["C1", "C3"]


def test_a_point_the_bottom_line_makes_in_other_words_is_left_out_but_one_it_only_cites_stays():
    # the bottom line restates C3 in its own words (few characters in common with the point) and cites C4
    # without stating it: the point on exports goes, the one on the key rate stays (and the bottom line no
    # longer cites the key rate it does not state)
    found, written = brief_with("The farm ministry says the drought has probably destroyed 12 million tonnes of soy. "
                                "Trade minister Paulo Reis expects soy exports to recover by August.",
                                ["C1", "C3", "C4"])
    brief = written.brief
    assert "Paulo Reis" in brief.bottom_line, written.warnings
    cited = [p.claims for p in brief.key_points]
    assert ["C3"] not in cited and ["C4"] in cited and ["C2"] in cited
    assert brief.bottom_line_claims == ["C1", "C3"]


def test_a_bottom_line_citing_a_claim_it_does_not_state_keeps_its_words_without_that_citation():
    # the line restates the farm ministry's hedged figure and also cites the article's own claim on the key
    # rate, which it never mentions: every other check passes (the rate is nobody's claim to name, the line
    # adds no word or figure), but the citation would send the reader to a claim the line does not make.
    # It is dropped by rule, with no re-ask
    line = "The farm ministry says the drought has probably destroyed 12 million tonnes of soy this year."
    found, written = brief_with(line, ["C1", "C4"])
    assert written.brief.bottom_line == line
    assert written.brief.bottom_line_claims == ["C1"]
    assert written.usage.reasks == 0 and not written.warnings
    by_id = {c.id: c for c in found}
    assert idle_citation_problem(line, by_id, ["C1", "C4"]) is not None
    both = line[:-1] + ", and the central bank kept its key rate at 10.5%."
    assert idle_citation_problem(both, by_id, ["C1", "C4"]) is None


def test_a_rule_bottom_line_states_both_sides_when_the_lead_is_disputed():
    # the model's line fails (no hedge); the lead claim (12 million tonnes, S1) is one side of a disagreement
    # with the growers' 20 million: the rule line gives both, not a lesser point such as exports
    found, written = brief_with("The drought destroyed 12 million tonnes of soy.", ["C1"])
    brief = written.brief
    assert brief.bottom_line_claims == ["C1", "C2"]
    assert "12 million" in brief.bottom_line and "20 million" in brief.bottom_line
    assert "probably" in brief.bottom_line and "growers' association" in brief.bottom_line
    assert not any(set(p.claims) & {"C1", "C2"} for p in brief.key_points)  # neither side repeated as a point
    assert any("Paulo Reis" in p.text for p in brief.key_points)


def test_one_source_under_two_names_is_one_side_of_a_disagreement():
    doc = parse_document(ARTICLE + "\nFarm ministry spokeswoman Ana Lima said the drought had destroyed 12 million "
                                   "tonnes.\n")
    rows = DRAFTS + [("S5", "The drought has destroyed 12 million tonnes of soy.", "Ana Lima", [])]
    drafts = [{"evidence": [sid], "statement": st, "speaker": sp, "role": None, "organisation": None, "via": [],
               "kind": "fact", "hedges": h, "time": None} for sid, st, sp, h in rows]
    drafts[-1].update(role="spokeswoman", organisation="farm ministry")
    found = merge(doc, drafts)
    backend = FakeBackend("fake", default={"title": "Drought", "bottom_line": "Brazil's exports would recover by "
                                           "August, trade minister Paulo Reis said.", "bottom_line_claims": ["C3"],
                                           "open_questions": []})
    client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False), max_retries=1)
    [disagreement] = write_brief(doc, found, client).brief.disagreements
    assert [side.claims for side in disagreement.sides] == [["C1", "C5"], ["C2"]]
    assert disagreement.sides[0].source == "the farm ministry"


def test_a_role_is_kept_only_where_the_article_gives_it_to_that_speaker():
    doc = parse_document("LIMA, March 3 (Reuters) - Floods have killed 23 people, the civil defence agency said.\n\n"
                         "The regional governor, Rosa Huaman, said she had counted 27 dead, more than the agency's "
                         "total.\n\nHuaman added that roads were cut.\n")
    drafts = [{"evidence": [sid], "statement": st, "speaker": sp, "role": role, "organisation": None, "via": [],
               "kind": "fact"} for sid, st, sp, role in [
        ("S1", "Floods have killed 23 people.", "the civil defence agency", "regional governor"),
        ("S3", "Roads were cut.", "Rosa Huaman", "regional governor")]]
    agency, governor = merge(doc, drafts)
    assert agency.speaker.role is None  # "the agency's total" in the governor's sentence does not name the agency
    assert governor.speaker.role == "regional governor"  # her surname names her where the role is given
    # the people a body speaks of are not its role; a role in the model's words ("of the") still stands
    doc = parse_document("The Aircrew Association disputed that. It said the airline had told 140 first officers "
                         "their contracts would end. The World Food Programme's representative in Peru, Andrea "
                         "Toller, said rations of rice would run out.\n")
    drafts = [{"evidence": [sid], "statement": st, "speaker": sp, "role": role, "organisation": None, "via": [],
               "kind": "fact"} for sid, st, sp, role in [
        ("S2", "The airline had told 140 first officers their contracts would end,", "The Aircrew Association",
         "first officers"),
        ("S3", "Rations would run out.", "Andrea Toller", "representative of the World Food Programme")]]
    association, toller = merge(doc, drafts)
    assert association.speaker.role is None and toller.speaker.role == "representative of the World Food Programme"
    assert association.statement == "The airline had told 140 first officers their contracts would end"
    # a body's officer is not what the body is: the association has no chief executive's role, she has
    doc = parse_document("The Beef Exporters Association dismissed the minister's figure as too low. Its own estimate, "
                         "published in a report on Wednesday, put the annual loss at up to A$1.1 billion. \"The "
                         "government is counting only direct sales,\" said Fiona Ralston, the association's chief "
                         "executive.\n")
    drafts = [{"evidence": [sid], "statement": st, "speaker": sp, "role": "chief executive", "organisation": None,
               "via": [], "kind": "fact"} for sid, st, sp in [
        ("S2", "Its own estimate put the loss at A$1.1 billion.", "Its own estimate"),
        ("S3", "The government is counting only direct sales.", "Fiona Ralston")]]
    association, ralston = merge(doc, drafts)
    assert association.speaker.name.lower() == "the beef exporters association"
    assert association.speaker.role is None and ralston.speaker.role == "chief executive"


def test_a_bottom_line_that_takes_one_side_of_a_disagreement_is_replaced_by_rule():
    # the growers' 20 million tonnes as the bottom line would settle what the ministry's lead figure (12
    # million) disputes; the article's own lead claim may stand alone (the other tests here), a side picked
    # from further down may not
    found, written = brief_with("The growers' association says the drought has destroyed 20 million tonnes of soy.",
                                ["C2"])
    brief = written.brief
    assert brief.bottom_line_claims == ["C1", "C2"]
    assert "12 million" in brief.bottom_line and "20 million" in brief.bottom_line
    assert any("one side of a disagreement" in w.message for w in written.warnings)


def test_a_denial_that_says_what_it_denies_may_be_the_bottom_line():
    from summarizer.analysis.brief import one_sided

    doc = parse_document("Carmaker Voss denied a newspaper report that it plans to close two plants.\n\n"
                         "The daily Nordkurier reported that the board was preparing to shut the plants.\n")
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
               "via": [], "kind": "fact", "hedges": [], "time": None}
              for s, sp in zip(doc.sentences, ["Carmaker Voss", "Nordkurier"])]
    by_id = {c.id: c for c in merge(doc, drafts)}
    assert not one_sided(["C1"], [[["C1"], ["C2"]]], by_id)
    assert one_sided(["C2"], [[["C1"], ["C2"]]], by_id)
    assert not one_sided(["C2"], [[["C1"], ["C2"]]], by_id, lead="C2")  # the article leads with it


COUNTS = """MANILA, Aug 2 (Reuters) - The typhoon destroyed 310 homes in the province, the housing ministry said on Monday.

The residents' association said 900 homes had been destroyed.

The ministry said the association's count included homes that were only damaged.

The association said the ministry's inspectors had visited fewer than 100 streets.

The weather service said the storm had weakened over the sea.
"""


def test_a_side_of_a_disagreement_states_what_it_says_of_the_other_sides_count():
    doc = parse_document(COUNTS)
    speakers = ["the housing ministry", "the residents' association", "the housing ministry",
                "the residents' association", "the weather service"]
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
               "via": [], "kind": "fact", "hedges": [], "time": None} for s, sp in zip(doc.sentences, speakers)]
    found = merge(doc, drafts)
    backend = FakeBackend("fake", default={"title": "Typhoon", "bottom_line": "The storm weakened over the sea, "
                                           "the weather service said.", "bottom_line_claims": ["C5"],
                                           "open_questions": []})
    client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False), max_retries=1)
    brief = write_brief(doc, found, client).brief
    cited = [p.claims for p in brief.key_points]
    assert ["C1", "C3"] in cited and ["C2", "C4"] in cited  # each side: its count and its answer
    [d] = brief.disagreements
    assert [s.claims for s in d.sides] == [["C1", "C3"], ["C2", "C4"]]


def test_a_brief_has_room_for_every_side_of_its_disagreements():
    from summarizer.analysis.plan import MAX_POINTS, MAX_WITH_SIDES, REST, Topic, points_limit

    def disputes(n: int) -> list[Topic]:
        return [Topic("disagreement", "x", sides=[[], []]) for _ in range(n)]
    assert points_limit(disputes(1)) == MAX_POINTS
    assert points_limit(disputes(4)) == 8 + REST == 12 == MAX_WITH_SIDES
    assert points_limit(disputes(9)) == MAX_WITH_SIDES


def test_the_point_limit_never_cuts_a_disagreement_in_half():
    from summarizer.analysis.brief import whole_sides
    from summarizer.models import Disagreement, KeyPoint, Side

    points = [KeyPoint(text=f"Point {i}.", claims=[f"C{i}"], origin="rule") for i in range(1, 7)]
    dispute = Disagreement(topic="Opposing accounts", origin="rule", sides=[
        Side(source="organisers", position="Dozens were hurt.", claims=["C4"]),
        Side(source="the ministry", position="Fabricated.", claims=["C6"])])
    # the limit falls between the two sides: the other side comes in, the last point of no side goes
    assert [p.claims for p in whole_sides(points, 4, [dispute])] == [["C1"], ["C2"], ["C4"], ["C6"]]
    assert [p.claims for p in whole_sides(points, 3, [dispute])] == [["C1"], ["C2"], ["C3"]]


def test_a_sides_second_sentence_by_the_same_source_keeps_its_pronoun():
    doc = parse_document("Coalition leader Nino Beridze said the law was copied from Moscow. Prime Minister Davit "
                         "Abashidze denied that. He said the bill was modelled on rules in the United States.\n")
    found = merge(doc, [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
                         "via": [], "kind": "fact"} for s, sp in zip(doc.sentences, ["Nino Beridze", "Davit Abashidze",
                                                                                     "Davit Abashidze"])])
    assert side_point(found[1:]).text == ("Prime Minister Davit Abashidze denied that. He said the bill was modelled "
                                          "on rules in the United States.")
    assert say(found[2]).startswith("Davit Abashidze said the bill")  # alone, the point names him


def test_a_bottom_line_keeps_the_negations_of_its_claims():
    doc = parse_document("Chief executive Martin Hale said no pilots would be made redundant.\n\n"
                         "The Aircrew Association disputed that.\n")
    found = merge(doc, [{"evidence": ["S1"], "statement": "No pilots would be made redundant.", "speaker": "Martin Hale",
                         "role": "Chief executive", "organisation": None, "via": [], "kind": "fact"},
                        {"evidence": ["S2"], "statement": "The Aircrew Association disputed that.",
                         "speaker": "The Aircrew Association", "role": None, "organisation": None, "via": [],
                         "kind": "denial"}])
    by_id = {c.id: c for c in found}
    flipped = "Martin Hale says the cuts are needed, but the Aircrew Association disputes that pilots would be made redundant."
    assert "'pilots would be made redundant'" in negation_problem(flipped, by_id, ["C1", "C2"])
    for kept in ["Martin Hale says no pilots would be made redundant, which the Aircrew Association disputes.",
                 "Martin Hale says pilots wouldn't be made redundant; the Aircrew Association disputes that."]:
        assert negation_problem(kept, by_id, ["C1", "C2"]) is None, kept


def test_a_rule_bottom_line_states_each_side_of_the_lead_disagreement_by_its_first_claim():
    # the company's side has two claims; the bottom line takes one of each side, not three sentences
    doc = parse_document("Skylane said it would cut about 1,200 jobs.\n\nUnite said the number of jobs at risk was "
                         "closer to 2,000, because the airline planned to outsource baggage handling.\n\n"
                         "A Skylane spokeswoman said there were \"no plans\" to outsource baggage handling.\n\n"
                         "Shares in Skylane fell 14%.\n")
    found = merge(doc, [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
                         "via": [], "kind": "fact"} for s, sp in zip(doc.sentences, ["Skylane", "Unite",
                                                                                     "A Skylane spokeswoman",
                                                                                     "the article"])])
    backend = FakeBackend("fake", default={"title": "Skylane cuts jobs", "bottom_line": "About 1,200 jobs will go.",
                                           "bottom_line_claims": ["C1"], "open_questions": []})
    client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False), max_retries=1)
    brief = write_brief(doc, found, client).brief
    assert brief.bottom_line_claims == ["C1", "C2"]
    assert brief.bottom_line == ("Skylane said it would cut about 1,200 jobs. Unite said the number of jobs at risk "
                                 "was closer to 2,000, because the airline planned to outsource baggage handling.")


def test_a_bottom_line_citing_a_denial_that_only_points_back_without_its_claim_is_replaced():
    # "did not recognise that figure." after the official rate reads as if the office denied its own figure
    text = ("Unemployment fell to 4.1%, the statistics office said.\n\n"
            "David Mensah said the real rate of joblessness was closer to 6%.\n\n"
            "The statistics office said it did not recognise that figure.\n")
    doc, found = merged(text, [("S1", "Unemployment fell to 4.1%.", "the statistics office"),
                               ("S2", "The real rate of joblessness was closer to 6%.", "David Mensah"),
                               ("S3", "The statistics office did not recognise that figure.", "the statistics office")])

    def bottom(line, cited):
        backend = FakeBackend("fake", default={"title": "Unemployment falls", "bottom_line": line,
                                               "bottom_line_claims": cited, "open_questions": []})
        client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False),
                                  max_retries=1)
        return write_brief(doc, found, client)

    written = bottom("Unemployment fell to 4.1%, the statistics office said. The statistics office said it did not "
                     "recognise that figure.", ["C1", "C3"])
    assert any("C3, a denial that points back" in w.message for w in written.warnings)
    assert "did not recognise" not in written.brief.bottom_line or "6%" in written.brief.bottom_line
    kept = bottom("David Mensah said the real rate of joblessness was closer to 6%. The statistics office said it did "
                  "not recognise that figure.", ["C2", "C3"])
    assert not any("points back" in w.message for w in kept.warnings)


def test_a_side_opening_with_a_pronoun_names_its_source():
    from summarizer.analysis.brief import disagreements
    from summarizer.analysis.conflicts import candidates

    text = ("Opposition lawmaker Selin Ozturk accused the government of ignoring warnings.\n\n"
            "She said engineers had flagged the buildings in a 2021 inspection.\n\n"
            "The environment ministry denied receiving any such report.\n")
    _, found = merged(text, [
        ("S1", "Selin Ozturk accused the government of ignoring warnings.", "Selin Ozturk"),
        ("S2", "She said engineers had flagged the buildings in a 2021 inspection.", "Selin Ozturk"),
        ("S3", "The environment ministry denied receiving any such report.", "the environment ministry")])
    sides = disagreements(candidates(found))[0].sides
    assert sides[0].position.startswith("Selin Ozturk said engineers had flagged the buildings")


def test_second_reading_cases_of_bounds_and_titles_that_say_it_in_their_own_words():
    doc, found = merged("The death toll rose to at least 312, the agency said.\n\nThe Northern Front denied the "
                        "accusation.\n\nOver 3 days, 200 people were evacuated, officials said.\n",
                        [("S1", "The death toll rose to at least 312.", "the agency"),
                         ("S2", "The Northern Front denied the accusation.", "The Northern Front"),
                         ("S3", "Over 3 days, 200 people were evacuated.", "officials")])
    by_id = {c.id: c for c in found}
    for worded in ("Toll passes 312", "A toll of 312 or more", "Toll has passed 312", "200 evacuated in 3 days"):
        assert bound_problem(worded, by_id, list(by_id)) is None, worded
    known = ["the agency", "The Northern Front"]
    for title in ("Northern Front denies shelling Kessa", "Northern Front fighters accused of shelling army positions"):
        assert title_problem(title, by_id, known) is None, title


def test_according_to_gives_a_source_only_what_it_reported():
    # the club denies the deal the Spanish media reported: the denial is not the media's
    doc, found = merged("Rovers have not agreed a fee with Atletico Sur for striker Daniel Okafor, the club said on "
                        "Friday, after Spanish media reported that a deal worth 45 million euros had been done.\n",
                        [("S1", "Rovers have not agreed a fee with Atletico Sur for striker Daniel Okafor.", "Rovers")])
    by_id = {c.id: c for c in found}
    line = "Rovers have not agreed a fee with Atletico Sur for striker Daniel Okafor, according to Spanish media."
    assert "Spanish media" in misattribution_problem(line, by_id, ["Rovers"])
    assert misattribution_problem("A deal worth 45 million euros had been done, according to Spanish media.", by_id,
                                  ["Rovers"]) is None
    assert misattribution_problem("Rovers have not agreed a fee for Okafor, according to the club.", by_id,
                                  ["Rovers"]) is None


def test_a_title_that_has_a_role_say_something_needs_that_speakers_claim():
    doc, found = merged("Health Minister Karim Osei rejected suggestions that the government was playing down the "
                        "outbreak.\n\nHe said the ministry counted only cases confirmed by laboratory tests.\n\n"
                        "The health ministry said 1,240 suspected cholera cases had been recorded.\n",
                        [("S1", "Health Minister Karim Osei rejected suggestions that the government was playing down "
                                "the outbreak.", "Health Minister Karim Osei"),
                         ("S2", "The ministry counted only cases confirmed by laboratory tests.", "Karim Osei"),
                         ("S3", "1,240 suspected cholera cases had been recorded.", "The health ministry")])
    by_id = {c.id: c for c in found}
    known = ["Health Minister Karim Osei", "Karim Osei", "the health ministry"]
    assert "health minister" in misattribution_problem("Health Minister Claims Cholera Cases Are Rising", by_id, known)
    # the minister's own account passes; "Health minister says" is the minister's, not the health ministry's
    for line in ("Health Minister says only confirmed cases counted", "Health minister says ministry counts only "
                 "cases confirmed by laboratory tests"):
        assert misattribution_problem(line, by_id, known) is None, line


def test_a_rule_bottom_line_is_the_articles_lead_when_it_is_plain_and_near_the_top():
    text = ("Strong earthquake kills at least 38 in southern Peru\n\n"
            "A magnitude 6.9 earthquake struck southern Peru early on Saturday, destroying hundreds of homes, officials "
            "said.\n\nThe quake hit at 4:12 a.m. at a depth of about 35 kilometres, according to the national "
            "geophysical institute.\n\nInterior Minister Raul Castaneda said at least 38 people had been killed.\n\n"
            "CareBridge International, a relief agency working in the region, put the number of dead at 71.\n\n"
            "\"The official figure counts only the people who reach a hospital,\" Tomas Ibarra, the agency's country "
            "director, told Reuters.\n")
    doc, found = merged(text, [
        ("S1", "A magnitude 6.9 earthquake struck southern Peru early on Saturday, destroying hundreds of homes.",
         "the article"),
        ("S2", "The quake hit at 4:12 a.m. at a depth of about 35 kilometres.", "the national geophysical institute"),
        ("S3", "At least 38 people had been killed.", "Raul Castaneda"),
        ("S4", "CareBridge International put the number of dead at 71.", "CareBridge International"),
        ("S5", "The official figure counts only the people who reach a hospital.", "Tomas Ibarra")])
    assert found[4].speaker.organisation == "CareBridge International"  # the agency's director
    backend = FakeBackend("fake", default={"title": "Quake", "bottom_line": "The quake killed 38 people.",
                                           "bottom_line_claims": ["C3"], "open_questions": []})
    client = StructuredClient(lambda: backend, backend.identity(), AnswerCache(None, enabled=False), max_retries=1)
    written = write_brief(doc, found, client)
    assert any("stated by rule" in w.message for w in written.warnings)
    assert written.brief.bottom_line_claims == ["C1"]  # the lead, not the depth of the quake


def test_second_reading_a_title_names_another_president_an_adviser_or_a_company():
    doc, found = merged("President Joe Biden said the aid would continue.\n\nUkrainian President Volodymyr Zelensky said "
                        "air defences downed 40 drones.\n\nHamas said Israel fired first.\n\nGeneral Motors said sales "
                        "fell.\n",
                        [("S1", "The aid would continue.", "President Joe Biden"),
                         ("S2", "Air defences downed 40 drones.", "Ukrainian President Volodymyr Zelensky"),
                         ("S3", "Israel fired first.", "Hamas"), ("S4", "Sales fell.", "General Motors")])
    by_id = {c.id: c for c in found}
    known = [c.speaker.name for c in found]
    for title in ("Ukrainian President Says Air Defences Downed 40 Drones", "Adviser to President Says Sales Fell",
                  "President's Critics Say Sales Fell", "Attorney General says charges are coming"):
        assert misattribution_problem(title, by_id, known) is None, title
    assert misattribution_problem("Hamas official says Ukraine downed drones", by_id, known) is not None


def test_a_source_named_in_a_sentence_needs_most_of_its_name_in_the_cited_claims():
    doc, found = merged("Wrexley Borough Council plans to close three primary schools by 2027.\n\n"
                        "Parents at St Aidan's Primary rejected the council's pupil count.\n",
                        [("S1", "Wrexley Borough Council plans to close three primary schools by 2027.", "the article"),
                         ("S2", "Parents at St Aidan's Primary rejected the council's pupil count.",
                          "Parents at St Aidan's Primary")])
    by_id = {c.id: c for c in found}
    line = "Parents at St Aidan's Primary rejected the council's pupil count."
    known = ["Parents at St Aidan's Primary"]
    assert attribution_problem(line, by_id, ["C1"], known) is not None  # "primary schools" is no mention of them
    assert attribution_problem(line, by_id, ["C2"], known) is None


def test_a_country_and_a_body_named_after_its_people_are_two_sources():
    # "Australian" says where the association is from; only the country's own state organs speak for it
    doc, found = merged("Australia said it would challenge the tariff. The Australian Beef Exporters Association "
                        "said the tariff would cost A$1.1 billion. Russia said the talks had failed. The Russian "
                        "defence ministry said the talks had failed.",
                        [("S1", "Australia would challenge the tariff.", "Australia"),
                         ("S2", "The tariff would cost A$1.1 billion.", "the Australian Beef Exporters Association"),
                         ("S3", "The talks had failed.", "Russia"),
                         ("S4", "The talks had failed.", "the Russian defence ministry")])
    assert sources(found) == ["Australia", "the Australian Beef Exporters Association", "the Russian defence ministry"]
    assert not same_source(found[0], found[1]) and same_source(found[2], found[3])


def test_a_point_that_ends_inside_a_quotation_gets_no_second_full_stop():
    doc, found = merged("Whitcombe said the association's numbers were 'a worst case, not a forecast.' "
                        "Ralston asked: \"Who will pay?\"",
                        [("S1", "Whitcombe said the association's numbers were 'a worst case, not a forecast.'",
                          "Daniel Whitcombe"),
                         ("S2", "Ralston asked: \"Who will pay?\"", "Tony Ralston")])
    assert say(found[0]) == "Whitcombe said the association's numbers were 'a worst case, not a forecast.'"
    assert say(found[1]) == "Ralston asked: \"Who will pay?\""


def test_a_title_may_not_state_as_fact_what_the_headline_gives_as_someones_word():
    from summarizer.analysis.brief import headline_problem
    headline = "Zambian villagers say river poisoned after copper mine spill; company rejects claim"
    doc, found = merged(headline + "\n\nA dam at a copper mine gave way, sending sludge into a stream. \"The water turned "
                        "orange and our goats are dying,\" headman Joseph Chanda said.\n",
                        [("S1", "A dam at a copper mine gave way, sending sludge into a stream.", "the article"),
                         ("S2", "The water turned orange and our goats are dying.", "Joseph Chanda")])
    by_id = {c.id: c for c in found}
    problem = headline_problem("Zambian River Poisoned After Copper Mine Spill; Company Rejected Claim", headline, by_id)
    assert problem and "'Poisoned'" in problem
    for fine in [headline, "Copper mine spill in Zambia: villagers say river poisoned", "Copper mine dam gives way in Zambia",
                 "Villagers Claim River Poisoned After Copper Mine Spill"]:
        assert headline_problem(fine, headline, by_id) is None, fine
    assert headline_problem("River Poisoned", "River poisoned after copper mine spill", by_id) is None  # the paper's own


def test_an_officer_for_the_body_just_named_speaks_for_it():
    doc, found = merged("The Zambia Environmental Management Agency put the volume at close to 300,000 cubic metres. "
                        "Grace Mwansa, a spokeswoman for the agency, said dead fish had been found. Lukanga rejected "
                        "the estimate. General manager Li Wei said the company was supplying water.\n",
                        [("S2", "Dead fish had been found.", "Grace Mwansa"),
                         ("S4", "The company was supplying water.", "Li Wei")])
    assert [c.speaker.organisation for c in found] == ["the Zambia Environmental Management Agency", "Lukanga"]


def test_the_coastguard_and_the_statistics_office_are_the_bodies_named_before_them():
    # "the coastguard said" speaks; it is the Philippine Coast Guard, and no company; "the statistics office said"
    # just after "Stats NZ said" is Stats NZ
    doc = parse_document("A ferry sank off Cebu, and at least 17 people were missing, the coastguard said. The "
                         "Philippine Coast Guard had initially reported 31 missing. The company said the vessel had "
                         "been cleared to sail.\n")
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None, "via": [],
               "kind": "fact"} for s, sp in zip(doc.sentences, ["the coastguard", "The Philippine Coast Guard",
                                                                "The company"])]
    found = merge(doc, drafts)
    assert [c.speaker.name.lower() for c in found] == ["the coastguard", "the philippine coast guard", "the company"]
    assert same_source(found[0], found[1]) and [s.lower() for s in sources(found)] == ["the philippine coast guard", "the company"]
    doc, found = merged("House prices rose 1.8 percent, Stats NZ said. The median was NZ$772,000, the statistics "
                        "office said.\n", [("S1", "House prices rose 1.8 percent.", "Stats NZ"),
                                           ("S2", "The median was NZ$772,000.", "the statistics office")])
    assert [c.speaker.name for c in found] == ["Stats NZ", "Stats NZ"]


def test_a_person_named_by_surname_alone_keeps_a_role_that_names_an_office():
    # "Kesić" is no body: the finance minister's role stays when he is named by his surname
    doc, found = merged("Finance Minister Dalibor Kesić dismissed such forecasts. \"Inflation will fall,\" Kesić told "
                        "reporters.\n", [("S2", "Inflation will fall.", "Kesić")])
    found = merge(doc, [{"evidence": ["S2"], "statement": "Inflation will fall.", "speaker": "Kesić",
                         "role": "finance minister", "organisation": None, "via": [], "kind": "quote"}])
    assert found[0].speaker.role == "finance minister"


def test_a_title_cut_off_at_the_length_limit_gives_way_to_the_headline():
    long = ("Drought cuts Brazil's soy harvest as growers count their losses and the central bank keeps its key rate "
            "unchanged for the fi")[:120]
    found, written = brief_with("Brazil's soy harvest fell by 20 million tonnes, the growers' association said.",
                                ["C2"], title=long)
    assert written.brief.title != long
    assert any("cut off" in w.message for w in written.warnings)


def test_second_reading_an_officer_for_the_body_needs_that_bodys_noun_and_a_witness_keeps_her_role():
    doc, found = merged("Carrow was fined 2 million pounds, the Competition Authority said. Jane Doe, chief executive of "
                        "the group, said it would appeal.\n", [("S2", "It would appeal.", "Jane Doe")])
    assert found[0].speaker.organisation is None
    doc, found = merged("Fair Finance Watch, a coalition of development charities, said only $11 billion was new. Hannah "
                        "Osei, policy director at the coalition, said poor countries would repay.\n",
                        [("S2", "Poor countries would repay.", "Hannah Osei")])
    assert found[0].speaker.organisation == "Fair Finance Watch"
    doc = parse_document("Maria Lopez, a witness, said the car sped away.\n")
    [lopez] = merge(doc, [{"evidence": ["S1"], "statement": "The car sped away.", "speaker": "Maria Lopez",
                           "role": "witness", "organisation": None, "via": [], "kind": "fact"}])
    assert lopez.speaker.role == "witness"


def test_a_peoples_adjective_in_i_names_where_a_body_is_from():
    doc, found = merged("Israel said the strike hit a weapons depot. Israeli rights group B'Tselem said it hit homes. The "
                        "Israeli military said it had warned residents.\n",
                        [("S1", "The strike hit a weapons depot.", "Israel"),
                         ("S2", "It hit homes.", "Israeli rights group B'Tselem"),
                         ("S3", "It had warned residents.", "the Israeli military")])
    assert not same_source(found[0], found[1]) and not same_source(found[1], found[2])
    assert same_source(found[0], found[2])


def test_a_companys_officer_is_listed_apart_from_the_company_and_an_attribution_alone_is_no_claim():
    doc = parse_document("AeroLusa said 360 flights were cancelled. The National Bank of Poland said in a statement. "
                         "\"We have never refused to negotiate,\" AeroLusa chief executive Paulo Menezes said. "
                         "Menezes said the airline had offered a 4% pay rise. "
                         "Prosecutor Stefan Kohl told reporters the verdict was fair.")
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": org, "via": [],
               "kind": "fact", "hedges": [], "time": None}
              for s, sp, org in zip(doc.sentences, ["AeroLusa", "the National Bank of Poland",
                                                    "AeroLusa chief executive Paulo Menezes", "Paulo Menezes",
                                                    "Stefan Kohl"], [None, None, None, "AeroLusa", "Stefan Kohl"])]
    found = merge(doc, drafts)
    # "The National Bank of Poland said in a statement." says nothing: it is no claim
    assert [c.evidence[0].sentence_id for c in found] == ["S1", "S3", "S4", "S5"]
    # the chief executive is one source with "Menezes", not with the company whose name his description has
    assert sources(found) == ["AeroLusa", "AeroLusa chief executive Paulo Menezes", "Stefan Kohl"]
    # a prosecutor's own name is no organisation of his
    assert found[-1].speaker.organisation is None


def test_a_statement_with_something_said_after_its_verb_is_a_claim():
    doc = parse_document("The health ministry announced at least 12 deaths. The ministry reported on Monday 45 new "
                         "cases. The mayor told police to stand down. The ministry said in a statement.")
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": "the ministry", "role": None, "organisation": None,
               "via": [], "kind": "fact", "hedges": [], "time": None} for s in doc.sentences]
    assert [c.evidence[0].sentence_id for c in merge(doc, drafts)] == ["S1", "S2", "S3"]
