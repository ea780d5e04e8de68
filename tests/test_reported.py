"""Who speaks, read by rule from an article's wording: reported speech, pronouns and definite descriptions
resolved to the source named before, relays and platforms never the speaker. Sentences written here,
in the style of wire copy, not taken from the gold articles."""

from __future__ import annotations

import pytest

from summarizer.analysis.reported import read_speakers, settle
from summarizer.ingest.document import parse_document


def speakers(text: str) -> list[tuple[str | None, list[str]]]:
    doc = parse_document(text)
    readings = read_speakers(doc)
    return [(readings[s.id].speaker.name if readings[s.id].speaker else None, readings[s.id].relays)
            for s in doc.sentences]


@pytest.mark.parametrize("sentence, speaker, relays", [
    ("Prices rose 4% in May, the statistics office said on Tuesday.", "the statistics office", []),
    ("The port authority said the channel would reopen on Friday.", "The port authority", []),
    ("Harbour master Ines Okafor told Reuters the channel was still blocked.", "Harbour master Ines Okafor",
     ["Reuters"]),
    ("\"We have lost a week of trade,\" said Ines Okafor, who runs the harbour.", "Ines Okafor", []),
    ("Growth is likely to slow, according to the central bank.", "the central bank", []),
    ("The ministry said in a post on X that 40 people had been rescued.", "The ministry", ["X"]),
    ("Unemployment rose to 5.1%, according to official data.", None, []),
    ("The river burst its banks overnight.", None, []),
    ("Growth will slow to 2%, according to economists polled by Reuters.", "economists polled by Reuters",
     ["Reuters"]),
    ("Exports beat the 3% that economists surveyed by the daily Borsen had expected.", None, ["the daily Borsen"]),
    ("Halden & Partner said in a statement that it had raised concerns.", "Halden & Partner", []),
    ("According to court documents, Wendt faces up to 10 years in prison.", "court documents", []),
    ("A Kantar poll published by the Gazette on Friday showed the mayor trailing by 6 points.", "A Kantar poll",
     ["the Gazette"]),
    ("The latest survey found that rents rose 7% in a year.", "The latest survey", []),
    ("A poll by the Civic Research Centre published last month found that 61% opposed the bill.",
     "the Civic Research Centre", []),  # the author, as "A report by X found" gives X
    ("A report by the state auditor, published on Monday, found that 20% of funds were misused.",
     "A report by the state auditor", []),
    ("Analysts at Peel Hunt said the airline would probably need new equity.", "Analysts at Peel Hunt", []),
    ("A report published by the Rivers Trust on Tuesday found that spills had doubled.", "the Rivers Trust", []),
    ("A survey of 1,500 residents commissioned by the campaign group Clean Coasts found that 71 percent avoided "
     "the sea.", "the campaign group Clean Coasts", []),
    ("A survey of small businesses found that 40% had cut staff.", "A survey of small businesses", []),
    ("According to a person familiar with the matter, the board was told of the attack three days earlier.",
     "a person familiar with the matter", []),
    ("Consumer group Which? said shoppers should change their passwords.", "Consumer group Which?", []),
    ("Lawyers at the hearing said the trial would resume in May.", "Lawyers", []),
    ("\"We will not raise fares,\" Ines Okafor told the Morning Briefing programme on KTV.", "Ines Okafor",
     ["the Morning Briefing programme", "KTV"]),
    # speech verbs in the present tense, the reporter's "insists" included
    ("Harbourline, which runs the terminal, insists its staff followed every rule.", "Harbourline", []),
    ("Local fishermen insist the water is unsafe.", "Local fishermen", []),
    ("The regulator acknowledges that 40 permits were issued late.", "The regulator", []),
    # "allege" in the plural; "accused of" is a charge the subject faces, not words it says
    ("Prosecutors allege that the mayor steered two contracts to his cousin.", "Prosecutors", []),
    ("A former mayor went on trial on Monday accused of taking bribes.", None, []),
    # the subject of a first verb says what follows "but said"; a clause of its own before "and" is no speaker
    ("Finance Minister Ana Lopes declined to comment on the audit but said the budget was sound.",
     "Finance Minister Ana Lopes", []),
    ("Prices rose sharply in May and the central bank said inflation would slow.", "the central bank", []),
    ("Officials and residents said the road was closed.", "Officials and residents", []),
    # the person an apposition names before their institution; people named by a plural noun alone
    ("Its lead author, Dr Lena Voss of the Institute of Child Health, said the effect was small.", "Dr Lena Voss", []),
    ("The authors said the effect was small.", "The authors", []),
    # unnamed sources counted and described: "two people familiar with the matter told Bloomberg"
    ("The plant will open two years late, two people familiar with the matter told Bloomberg, dealing a blow to "
     "the region.", "two people familiar with the matter", ["Bloomberg"]),
    ("The deal is off, several officials briefed on the talks said.", "several officials briefed on the talks", []),
    ("The deal is off, people familiar with the matter told Reuters.", "people familiar with the matter",
     ["Reuters"]),
    # ... but a participle in a joined subject is no clause of its own, a deed in a "who" clause is not the
    # subject's, "said to be" is no speech, and an institution before a name is no name
    ("Residents of the flats hit by the fire and their lawyers said the cladding was unsafe.",
     "Residents of the flats hit by the fire and their lawyers", []),
    ("The board sacked Tom Hay, who founded the firm in 2010 and said he would never leave.", None, []),
    ("Finance Minister Ana Lopes was questioned by MPs and said the budget was sound.", "Finance Minister Ana Lopes", []),
    ("A man was detained and said to be cooperating with police.", None, []),
    ("The inquiry's chair, Court of Appeal judge Ann Lee, said the rules had failed.", "The inquiry's chair", []),
    ('The reform would cost 3,000 jobs, the union said, a claim the ministry called "unfounded".', "the union", []),
    # a denial told after the claim is its own source's claim, not who says the sentence
    ("The river fell a metre overnight, a claim the pilots' union rejected.", None, []),
    ("Harbour officials said the river fell a metre overnight, an account residents disputed.", "Harbour officials",
     []),
])
def test_reported_speech_names_the_speaker_and_the_relays(sentence, speaker, relays):
    assert speakers(sentence) == [(speaker, relays)]


def test_the_survey_a_finding_comes_from_is_its_source_not_the_people_it_counts():
    text = ("A Kantar poll published on Friday showed the mayor trailing by 6 points.\n\n"
            "More than half of renters, 54%, said housing was their main worry, the poll found.")
    assert [s for s, _ in speakers(text)] == ["A Kantar poll", "A Kantar poll"]


def test_participles_bare_body_names_closing_names_and_surnames_name_the_speaker():
    text = ("The port authority on Monday closed the channel, saying a wreck blocked it.\n\n"
            "Transport Scotland said ferries would be diverted. It said the diversion would last a week.\n\n"
            "\"We were not warned,\" said its chief executive, Ines Okafor.\n\n"
            "A diver who inspected the wreck, Dr Tom Reyes of the University of Aberdeen, said it was stable.\n\n"
            "Okafor said the closure would cost millions. \"It cannot go on,\" she said.")
    assert [s for s, _ in speakers(text)] == [
        "The port authority", "Transport Scotland", "Transport Scotland", "Ines Okafor", "Dr Tom Reyes",
        "Ines Okafor", "Ines Okafor"]


def test_pronouns_and_descriptions_resolve_to_the_source_named_before():
    text = ("The Northern Water Board said reservoirs were at 31% of capacity.\n\n"
            "It added that rationing could start in June.\n\n"
            "Farm leader Tomas Brandt said crops were already failing.\n\n"
            "\"We cannot wait for June,\" he said.\n\n"
            "The board noted that rain was forecast for next week.")
    assert [s for s, _ in speakers(text)] == ["The Northern Water Board", "The Northern Water Board",
                                              "Farm leader Tomas Brandt", "Farm leader Tomas Brandt",
                                              "The Northern Water Board"]


def test_a_description_with_another_modifier_is_another_source():
    # "the ministry" after the transport ministry is that ministry; "The interior ministry" is a new source,
    # and "the ministry" after it means the interior ministry, not the one named first
    text = ("The transport ministry said 40 trains had been cancelled.\n\n"
            "The ministry added that buses would replace them.\n\n"
            "The interior ministry said 300 police officers had been deployed.\n\n"
            "More officers would follow on Friday, the ministry said.")
    assert [s for s, _ in speakers(text)] == ["The transport ministry", "The transport ministry",
                                              "The interior ministry", "The interior ministry"]
    # the model's bare "the ministry" gives way to the source the wording resolved
    doc = parse_document(text)
    reading = read_speakers(doc)["S4"]
    assert settle("the ministry", [], reading, {"the article"})[0] == "the interior ministry"  # named mid-sentence
    guardian = read_speakers(parse_document("The Guardian reported that talks had stalled."))["S1"]
    assert settle("The Guardian", [], guardian, {"the article"})[0] == "The Guardian"  # an outlet keeps its "The"


def test_a_quote_continued_in_the_next_sentence_keeps_its_speaker():
    text = ('"The plant will stay open," chief executive Lena Varga told reporters. "Nobody here is talking '
            'about closures."')
    assert [s for s, _ in speakers(text)] == ["chief executive Lena Varga", "chief executive Lena Varga"]


def test_the_wording_wins_over_a_relay_or_a_missing_speaker():
    text = "Harbour master Ines Okafor told Reuters the channel was still blocked."
    reading = read_speakers(parse_document(text))["S1"]
    # the model gave the relay as speaker: the wording says who speaks, the relay stays a relay
    assert settle("Reuters", [], reading, {"the article"}) == ("Harbour master Ines Okafor", ["Reuters"])
    # the model said "the article": the sentence names a speaker
    assert settle("the article", [], reading, {"the article"})[0] == "Harbour master Ines Okafor"
    # the model's fuller name of the same speaker stands
    assert settle("Ines Okafor", ["Reuters"], reading, {"the article"}) == ("Ines Okafor", ["Reuters"])
    # a platform is never the speaker; with nothing in the wording, the claim is the article's own
    assert settle("X", [], None, {"the article"}) == (None, ["X"])


def test_a_sentence_that_names_nobody_is_the_articles_own_claim():
    # the model guesses the office from the paragraph before; the sentence itself attributes nothing
    text = "Prices rose 4% in May, the statistics office said. Annual inflation had been 3.1% in April."
    reading = read_speakers(parse_document(text))["S2"]
    assert settle("the statistics office", [], reading, {"the article"}) == (None, [])
    # a quote with no attribution keeps the model's speaker: the rule cannot tell who is quoted
    quote = read_speakers(parse_document('"We will not close the plant."'))["S1"]
    assert settle("Lena Varga", [], quote, {"the article"}) == ("Lena Varga", [])


def test_audiences_venues_places_and_the_publisher_are_no_relays():
    text = "Finance Minister Ivo Kovač told reporters in parliament that prices would fall."
    reading = read_speakers(parse_document(text))["S1"]
    assert settle("Ivo Kovač", ["reporters in parliament", "parliament"], reading, {"the article"}) \
        == ("Ivo Kovač", [])
    told = read_speakers(parse_document("A company spokeswoman told AFP that no talks were taking place."))["S1"]
    assert settle("a company spokeswoman", ["AFP"], told, {"the article"}, publisher="AFP") \
        == ("a company spokeswoman", [])
    assert settle("a company spokeswoman", ["AFP"], told, {"the article"}, publisher="Reuters")[1] == ["AFP"]


def claims_of(text: str, rows: list[tuple[str, str, str, str | None, str]]):
    """The claims merge() makes of one draft per row: (sentence id, statement, speaker, organisation, kind)."""
    from summarizer.analysis.extract import merge

    return merge(parse_document(text), [{"evidence": [sid], "statement": st, "speaker": sp, "role": None,
                                         "organisation": org, "via": [], "kind": kind}
                                        for sid, st, sp, org, kind in rows])


def test_a_claim_is_a_quote_only_where_its_evidence_quotes_someone():
    # the small model calls reported speech, and even the article's own sentences, "quote"; a reader sees
    # "the article; quote" in the appendix. A quote needs quotation marks in its evidence
    found = claims_of("Harbour master Ines Okafor told Reuters the channel was still blocked.\n\n"
                      "\"We have lost a week of trade,\" said Ines Okafor.\n\nThe river burst its banks overnight.\n", [
                          ("S1", "The channel was still blocked.", "Ines Okafor", None, "quote"),
                          ("S2", "The harbour has lost a week of trade.", "Ines Okafor", None, "quote"),
                          ("S3", "The river burst its banks overnight.", "the article", None, "quote")])
    assert [c.kind for c in found] == ["fact", "quote", "fact"]
    # a word or two in quotation marks is the reporter's emphasis, not a quotation
    scare, = claims_of("An official said the troops had \"probably\" withdrawn.\n", [
        ("S1", "The troops had probably withdrawn.", "An official", None, "quote")])
    assert scare.kind == "fact"


def test_the_outlet_a_speaker_told_is_not_their_organisation():
    spokeswoman, brand = claims_of(
        "A company spokeswoman told AFP that no such talks were taking place.\n\n"
        "Lena Brand, chief executive of Voss, told Reuters the plant would stay open.\n", [
            ("S1", "No talks on a sale are taking place.", "a company spokeswoman", "AFP", "fact"),
            ("S2", "The Voss plant will stay open.", "Lena Brand", "Voss", "fact")])
    assert spokeswoman.speaker.organisation is None and spokeswoman.attribution == ["AFP"]
    assert brand.speaker.organisation == "Voss" and brand.attribution == ["Reuters"]
    # nor the outlet as the article describes it ("told local station WEBN"); a body of its own stays
    carter, mayor, minister = claims_of(
        "Neighbour Denise Carter told local station WEBN she heard at least five shots.\n\n"
        "The mayor told the state broadcaster NHK that the port would reopen on Monday.\n\n"
        "Anna Berg of the Ministry of Health told Reuters the clinics would stay open.\n", [
            ("S1", "Denise Carter heard at least five shots.", "Denise Carter", "local station WEBN", "fact"),
            ("S2", "The port will reopen on Monday.", "the mayor", "the state broadcaster NHK", "prediction"),
            ("S3", "The clinics will stay open.", "Anna Berg", "Ministry of Health", "prediction")])
    assert (carter.speaker.organisation, carter.attribution) == (None, ["WEBN"])
    assert (mayor.speaker.organisation, mayor.attribution) == (None, ["NHK"])
    assert (minister.speaker.organisation, minister.attribution) == ("Ministry of Health", ["Reuters"])
    # also after the place it broadcasts in: "Greece's public broadcaster ERT" is the relay ERT
    spokesperson, = claims_of("A spokesperson told Portugal's public broadcaster RTP that the radar had worked.\n", [
        ("S1", "The radar had worked.", "a spokesperson", "Portugal's public broadcaster RTP", "fact")])
    assert (spokesperson.speaker.organisation, spokesperson.attribution) == (None, ["RTP"])
    # and at the speaker's other claims, which name no outlet
    _, quote = claims_of("Neighbour Denise Carter told local station WEBN she heard at least five shots.\n\n"
                         "\"He never had a chance,\" Carter said.\n", [
        ("S1", "Denise Carter heard at least five shots.", "Denise Carter", None, "fact"),
        ("S2", "He never had a chance.", "Denise Carter", "local station WEBN", "quote")])
    assert (quote.speaker.name, quote.speaker.organisation) == ("Denise Carter", None)
    # but a body of its own, or the outlet of someone who works there, stays
    from summarizer.analysis.affiliation import _described_relay
    assert not any(_described_relay(v, r) for v, r in [("Ministry of Health", "Health"), ("the owner of WEBN", "WEBN"),
                                                       ("the student newspaper", "the newspaper"),
                                                       ("Portugal's health ministry", "RTP")])
    _, lee = claims_of("Neighbour Denise Carter told local station WEBN she heard at least five shots.\n\n"
                       "Tom Lee, a reporter for local station WEBN, said the street was closed.\n", [
        ("S1", "Denise Carter heard at least five shots.", "Denise Carter", None, "fact"),
        ("S2", "The street was closed.", "Tom Lee", "local station WEBN", "fact")])
    assert (lee.speaker.name, lee.speaker.organisation) == ("Tom Lee", "local station WEBN")


def test_an_organisation_named_far_from_the_speaker_is_not_theirs():
    # the buyer named at the end of the carmaker's sentence is not the carmaker's organisation; the employer
    # named beside a person ("chief economist at the Belgrade consultancy Dunav Analytics") is
    _, voss, obradovic = claims_of(  # (the first: the works council's accusation, stated by rule)
        "Carmaker Voss also rejected an accusation by its works council that it had opened talks to sell its "
        "plant in Hof to the Chinese carmaker Zhenyu.\n\n"
        "Milica Obradović, chief economist at the Belgrade consultancy Dunav Analytics, said inflation would "
        "stay high.\n", [
            ("S1", "Voss has not opened talks to sell its Hof plant to Zhenyu.", "Carmaker Voss",
             "Chinese carmaker Zhenyu", "fact"),
            ("S2", "Inflation will stay high.", "Milica Obradović", "Dunav Analytics", "fact")])
    assert voss.speaker.organisation is None
    assert obradovic.speaker.organisation == "Dunav Analytics"


def test_initials_the_model_spaced_out_are_written_as_the_article_writes_them():
    text = "The U.S. Consumer Product Safety Commission said it was reviewing the findings."
    c, = claims_of(text, [("S1", "The U. S. Consumer Product Safety Commission is reviewing the findings.",
                           "the U. S. Consumer Product Safety Commission", None, "fact")])
    assert c.statement.startswith("The U.S. Consumer") and c.speaker.name.lower() == "the u.s. consumer product safety commission"


def test_an_organisation_whose_words_the_article_has_only_inside_others_is_made_up():
    # "law" is in "lawyer" and "firm" in "accounting firm", but no "law firm" of his is in the article
    keller, = claims_of("Wendt's lawyer, Martin Keller, said his client had relied on the accounting firm Halden.",
                        [("S1", "Klaus Wendt relied on the accounting firm Halden.", "Martin Keller",
                          "Martin Keller's law firm", "fact")])
    assert keller.speaker.organisation is None


def test_a_described_person_is_a_person_and_an_of_name_of_a_college_is_whole():
    # "union organiser Mairi Fraser" is a person (the union in her description makes her no body), so
    # "She said" finds her, not the college named before her; "The Royal College of Midwives" keeps "of
    # Midwives" (a person's "of the University of ..." is cut, a body's name is not)
    text = ("The Royal College of Midwives says more than 2,000 of its members joined the strike.\n\n"
            "\"We counted every picket,\" said union organiser Mairi Fraser.\n\n"
            "She said the board had checked only three hospitals.\n\n"
            "Dr Ian Wood of the University of Stirling said talks could resume.")
    assert [s for s, _ in speakers(text)] == ["The Royal College of Midwives", "union organiser Mairi Fraser",
                                              "union organiser Mairi Fraser", "Dr Ian Wood"]


def test_a_role_makes_a_person_of_a_capitalised_description_and_a_long_affiliation_is_cut():
    # "Council director Lena Moe" is a person though "Council" opens her description; "Battery researcher
    # Ola Berg of the Norwegian University of Science and Technology" is read whole (eleven words) and cut to
    # the researcher, so "He said" after them finds him
    text = ("The consumer council said it had received 900 complaints.\n\n"
            "Council director Lena Moe said the update would not fix the battery.\n\n"
            "\"A patch is not a repair,\" she said.\n\n"
            "Battery researcher Ola Berg of the Norwegian University of Science and Technology said worn cells "
            "were the likely cause.\n\n"
            "He said the update was a sensible first step.")
    assert [s for s, _ in speakers(text)] == ["The consumer council", "Council director Lena Moe",
                                              "Council director Lena Moe", "Battery researcher Ola Berg",
                                              "Battery researcher Ola Berg"]


def test_a_statement_that_runs_two_claims_together_with_adding_is_two_claims():
    # "..., adding ..." is the source's second claim: each half is checked, cited and matched on its own;
    # "adding to" is no speech, and an ", adding" inside a quotation stays in it
    text = ("The port authority said the channel had been dredged to 14 metres in March, adding that larger "
            "ships could dock from June.\n\nFuel prices rose 6% in May, adding to pressure on hauliers.\n\n"
            "\"Trade is down, adding costs we cannot pass on,\" said Ines Okafor, who runs the harbour.\n")
    found = claims_of(text, [
        ("S1", "The channel had been dredged to 14 metres in March, adding that larger ships could dock from June.",
         "The port authority", None, "fact"),
        ("S2", "Fuel prices rose 6% in May, adding to pressure on hauliers.", "the article", None, "fact"),
        ("S3", "\"Trade is down, adding costs we cannot pass on,\" Okafor said.", "Ines Okafor", None, "quote")])
    assert [(c.statement, c.speaker.name, c.evidence[0].sentence_id) for c in found] == [
        ("The channel had been dredged to 14 metres in March.", "the port authority", "S1"),
        ("Larger ships could dock from June.", "the port authority", "S1"),
        ("Fuel prices rose 6% in May, adding to pressure on hauliers.", "the article", "S2"),
        ("\"Trade is down, adding costs we cannot pass on,\" Okafor said.", "Ines Okafor", "S3")]
    assert [q.value for q in found[0].quantities] == [14.0] and found[1].quantities == []


def test_a_second_source_in_a_clause_of_its_own_is_its_own_claim():
    # "..., while Jefferies said ..." is Jefferies' claim, not the analysts'; "while prices rose" names no one
    text = ("Analysts at Peel Hunt said the airline would probably need to raise new equity within a year, while "
            "Jefferies said its cash of 310 million pounds should last until the summer peak.\n\n"
            "Sales fell 4% in May, the company said, while prices rose 2%.\n")
    found = claims_of(text, [
        ("S1", "Analysts at Peel Hunt said the airline would probably need to raise new equity within a year, while "
         "Jefferies said its cash of 310 million pounds should last until the summer peak.", "Analysts at Peel Hunt",
         None, "estimate"),
        ("S2", "Sales fell 4% in May, while prices rose 2%.", "the company", None, "fact")])
    assert [(c.statement, c.speaker.name, c.certainty.hedged) for c in found] == [
        ("Analysts at Peel Hunt said the airline would probably need to raise new equity within a year.",
         "Analysts at Peel Hunt", True),
        ("Jefferies said its cash of 310 million pounds should last until the summer peak.", "Jefferies", False),
        ("Sales fell 4% in May, while prices rose 2%.", "the company", False)]
    assert found[0].evidence == found[1].evidence


def test_a_claim_of_a_later_clause_is_that_clauses_speakers():
    # "Modeva said A, but security researchers said B": the model's second claim is the researchers', though
    # the sentence's wording names Modeva first; a statement that only opens like the sentence stays Modeva's
    text = ("Fashion retailer Modeva said on Thursday that hackers had stolen the names of about 2 million customers, "
            "but security researchers said the breach was likely much larger.\n")
    found = claims_of(text, [
        ("S1", "Fashion retailer Modeva said on Thursday that hackers had stolen the names of about 2 million "
         "customers.", "Modeva", None, "fact"),
        ("S1", "Security researchers said the breach was likely much larger.", "Modeva", None, "estimate")])
    assert [(c.speaker.name, c.certainty.hedged) for c in found] == [
        ("Modeva", False), ("security researchers", True)]
    # the model's one claim of the whole sentence: the clause after ", but" is the researchers' own claim
    whole = claims_of(text, [("S1", " ".join(text.split()), "Modeva", None, "fact")])
    assert [(c.statement, c.speaker.name) for c in whole] == [
        ("Fashion retailer Modeva said on Thursday that hackers had stolen the names of about 2 million customers.",
         "Modeva"), ("Security researchers said the breach was likely much larger.", "security researchers")]


def test_she_said_after_a_person_introduced_by_age_is_that_person():
    # a feature introduces a patient in its own voice, then quotes her: "she" is not the spokeswoman before
    text = ("A spokeswoman for NHS Lothian said its theatres were busy. Margaret Lyall, 71, from Dundee, has waited "
            "19 months for a hip replacement. \"I can't walk to the shops any more,\" she said. "
            "Prices rose 3%, the spokeswoman said.")
    assert [name for name, _ in speakers(text)] == [
        "A spokeswoman for NHS Lothian", None, "Margaret Lyall", "A spokeswoman for NHS Lothian"]


def test_a_body_of_an_organisation_is_the_speakers_organisation_and_not_the_organisation():
    # the chair of a company's works council speaks for the council, not the company: the two are not one
    # source, so she can stand against the company's denial; the company itself keeps its own name
    from summarizer.analysis.speakers import same_source

    text = ("Carmaker Brandt rejected an accusation by its works council that it had opened talks to sell a plant.\n\n"
            "Ute Sommer, who chairs Brandt's general works council, called the denial not credible.\n")
    company, sommer = claims_of(text, [
        ("S1", "Brandt rejected an accusation by its works council that it had opened talks to sell a plant.",
         "Brandt", "Brandt", "fact"),
        ("S2", "The denial is not credible.", "Ute Sommer", "Brandt", "fact")])[1:]
    assert company.speaker.organisation == "Brandt"
    assert sommer.speaker.organisation == "Brandt's general works council"
    assert not same_source(company, sommer)


def test_she_after_a_spokeswoman_of_a_company_is_the_spokeswoman_not_the_company():
    text = ("Southfield Water rejected the findings. \"Our monitors show 2,640 spills,\" a company spokeswoman said. "
            "She added that most of the discharges happened during heavy rainfall.\n\n"
            "An agency official told the BBC that sensors were faulty. He said the true number was probably higher.")
    assert [s for s, _ in speakers(text)] == [
        "Southfield Water", "a company spokeswoman", "a company spokeswoman", "An agency official",
        "An agency official"]


def test_one_relay_spelled_two_ways_is_listed_once():
    assert settle("An agency official", ["BBC", "the BBC", "CNN"], None, set()) == ("An agency official", ["BBC", "CNN"])


def test_a_quote_keeps_who_its_speaker_says_said_it():
    # '"They told us the river was safe. It wasn't"': the councillor does not say the river was safe
    text = "Local councillor Tom Rudd said residents had been misled. \"They told us the river was safe. It wasn't,\" he said.\n"
    found = claims_of(text, [("S2", "The river was safe. It wasn't.", "Tom Rudd", None, "quote"),
                             ("S1", "Residents had been misled.", "Tom Rudd", None, "fact")])
    assert [c.statement for c in found] == ["They told us the river was safe. It wasn't.", "Residents had been misled."]


def test_less_likely_compares_chances_and_hedges_nothing():
    text = ("The researchers found that coffee drinkers were 14% less likely to develop heart failure. "
            "The effect was likely small, they said.\n")
    found = claims_of(text, [
        ("S1", "Coffee drinkers were 14% less likely to develop heart failure.", "the researchers", None, "fact"),
        ("S2", "The effect was likely small.", "the researchers", None, "estimate")])
    assert [(c.certainty.hedged, c.certainty.level) for c in found] == [(False, "asserted"), (True, "likely")]


def test_they_after_researchers_named_by_their_institute_are_those_researchers():
    text = ("Coffee may lower the risk of heart failure, according to a study published on Wednesday. "
            "Researchers at the Karolinska Institute followed 180,000 adults in Sweden for 12 years. "
            "They found that moderate coffee drinkers were 14% less likely to develop heart failure.")
    assert [name for name, _ in speakers(text)] == ["a study", None, "Researchers at the Karolinska Institute"]


def test_a_verb_of_the_sentence_is_no_role():
    text = ("The National Coffee Association, which part-funded an earlier phase of the research, said the study "
            "showed coffee could be part of a healthy diet.\n")
    from summarizer.analysis.extract import merge

    def role(answer):
        draft = {"evidence": ["S1"], "statement": "The study showed coffee could be part of a healthy diet.",
                 "speaker": "the National Coffee Association", "role": answer, "organisation": None, "via": [],
                 "kind": "fact"}
        return merge(parse_document(text), [draft])[0].speaker.role

    assert role("part-funded") is None and role("funded") is None
    text = "Coffee industry group the National Coffee Association said the study showed coffee was healthy.\n"
    assert role("Coffee industry group") == "Coffee industry group"


def test_the_outlet_a_speaker_told_is_no_role():
    from summarizer.analysis.extract import merge

    def role(text, answer):
        draft = {"evidence": ["S1"], "statement": "The roof collapsed at noon.", "speaker": "Ilse Marr", "role": answer,
                 "organisation": None, "via": [], "kind": "fact"}
        return merge(parse_document(text), [draft])[0].speaker.role

    told = "Shopper Ilse Marr, 52, told the newspaper Tagesblatt the roof collapsed at noon.\n"
    assert role(told, "newspaper") is None and role(told, "shopper") == "shopper"
    assert role("Ilse Marr told local radio station KXL the roof collapsed at noon.\n", "radio station") is None
    # a broadcaster by trade, who spoke to another outlet, stays one
    assert role("Broadcaster Ilse Marr told the BBC the roof collapsed at noon.\n", "broadcaster") == "broadcaster"


def test_pronouns_and_adverbs_are_no_clause_speakers_and_who_is_close_to_a_bank_speaks():
    assert speakers("Analysts who are close to the bank said rates would fall.") == [("Analysts", [])]
    text = "Anna Smith was questioned by MPs for two hours, but she said the company would review its procedures.\n"
    found = claims_of(text, [("S1", "She said the company would review its procedures.", "Anna Smith", None, "fact")])
    assert found[0].speaker.name != "she"  # (the sentence's reading names nobody: the article's, as before)
    text = "The company was fined 2 million pounds, but it has always said its products are safe.\n"
    found = claims_of(text, [("S1", text.strip(), "the company", None, "fact")])
    assert len(found) == 1 and found[0].speaker.name != "it has always"  # not split off as a clause's claim


def test_a_body_a_surname_and_a_club_are_who_the_article_means():
    # "the union" is the union, not "Union secretary Maria Costa"; "Holm" is the Sara Holm named before
    # as someone's rival, and "She" is Holm then, not the chairman quoted before her
    assert speakers("The Nurses' Union said 2,300 members had joined the strike. Union secretary Maria Costa said "
                    "pay had fallen by 14%. The union said further strikes were likely.") == [
        ("The Nurses' Union", []), ("Union secretary Maria Costa", []), ("The Nurses' Union", [])]
    assert [s for s, _ in speakers(
        "The commission said Lind's rival, Sara Holm of the Civic Alliance, had taken 39.8%. Its chairman, Erik Dahl, "
        "said the count had been fair. Holm told supporters that her own tally showed her ahead. "
        "She called for protests.")] == ["The commission", "Erik Dahl", "Sara Holm", "Sara Holm"]
    # "the club" at the end of a sentence that opens with a club the article names elsewhere is that club; a
    # negated reporting verb ("have not agreed", "did not say") is no speech act
    assert [s for s, _ in speakers(
        "Rovers have not agreed a fee for striker Daniel Okafor, the club said on Friday. "
        "Okafor joined Rovers in 2022. The mission did not say who had fired. "
        "Floods killed 23 people, the agency said.")] == ["Rovers", None, None, "the agency"]


def test_second_reading_cases_of_names_and_descriptions_keep_their_own_speakers():
    # a body named in full is itself ("the defence ministry", not the country the sentence opens with); a
    # person the article gives a first name elsewhere is no club; "Unlike Holm" is no first name
    assert [s for s, _ in speakers(
        "Ukraine launched 40 drones at Russian regions overnight, the defence ministry said. Ukraine said nothing.")] \
        == ["the defence ministry", "Ukraine"]
    assert [s for s, _ in speakers("Okafor will miss the next three games, the club said. The injury to striker "
                                   "Daniel Okafor came on Saturday.")][0] == "the club"
    assert [s for s, _ in speakers("Unlike Holm, the minister has no party. Holm said she would run.")] == [None, "Holm"]


def test_a_count_recorded_in_a_first_clause_is_not_the_later_speakers():
    from summarizer.analysis.extract import merge
    doc = parse_document("The bank said only a small number of customers were affected. But Downdetector, a website "
                         "that tracks outages, recorded more than 85,000 reports of problems at the peak, and consumer "
                         "group Fair Banking said millions of people had been left unable to pay.")
    rows = [("S1", "Only a small number of customers were affected.", "The bank"),
            ("S2", "Downdetector recorded more than 85,000 reports of problems at the peak.", "Fair Banking"),
            ("S2", "Millions of people had been left unable to pay.", "Fair Banking")]
    claims = merge(doc, [{"evidence": [sid], "statement": st, "speaker": sp, "role": None, "organisation": None,
                          "via": [], "kind": "fact"} for sid, st, sp in rows])
    assert [c.speaker.name for c in claims] == ["the bank", "Downdetector", "Fair Banking"]


def test_what_shows_a_figure_is_no_speaker_of_it():
    from summarizer.analysis.clauses import before_later_speaker
    evidence = "Data showed unemployment rose to 5.2% in May, but the minister said the economy was strong."
    assert before_later_speaker("Unemployment rose to 5.2% in May.", evidence) is None
    assert [s for s, _ in speakers("The main opposition said the figures were wrong.")] == ["The main opposition"]


def test_a_courts_ruling_and_the_sides_of_a_trial_speak_and_a_foreign_newspaper_relays():
    text = ("The defence put the figure at less than 900 million euros. "
            "His lawyer, Sofie Claeys, said her client would appeal. "
            "She told De Standaard that the court had ignored an audit. "
            "The 240-page ruling said the audit did not alter the court's view. "
            "It added that his testimony had been \"not credible on key points.\"")
    assert speakers(text) == [("The defence", []), ("Sofie Claeys", []), ("Sofie Claeys", ["De Standaard"]),
                              ("The 240-page ruling", []), ("The 240-page ruling", [])]
    # other languages' newspapers by the words of their names; "Standard Chartered" is a bank, no outlet
    assert speakers("Ana Ruiz told El País that the plan was dead. Maria Koch told Die Zeit that it was not.") == [
        ("Ana Ruiz", ["El País"]), ("Maria Koch", ["Die Zeit"])]
    assert speakers("Standard Chartered said profits rose.") == [("Standard Chartered", [])]
    # a common word is a newspaper's only after its language's article: not Evan Spiegel or Medecins du Monde
    assert speakers("Snap's chief executive, Evan Spiegel, said the company would cut 10% of staff.")[0][0] == \
        "Evan Spiegel"
    assert speakers("Two officials told Defense News that the deal was close.") == [("Two officials", ["Defense News"])]
    assert speakers("A 17-year-old boy told police he had been attacked. He said three men had followed him.") == [
        ("A 17-year-old boy", []), ("A 17-year-old boy", [])]
    assert speakers("Heavy rain put the risk of landslides at its highest level in a decade.") == [(None, [])]


def test_the_bank_is_the_bank_the_article_named_and_minutes_a_news_conference_and_odds_are_read():
    text = ("The Reserve Bank of New Zealand cut its official cash rate to 3.25% on Wednesday. "
            "Governor Miriam Takerei told a news conference that the economy had more spare capacity. "
            "Board member Colin Ashdown voted for a smaller cut, according to minutes released alongside the statement. "
            "The bank forecast that unemployment would peak at 5.3% next year. "
            "The bank will probably pause in November, said Devesh Patil, an analyst at Kestrel Securities. "
            "He put the chance of another cut at below 30%.")
    assert speakers(text) == [(None, []), ("Governor Miriam Takerei", []), ("minutes", []),
                              ("the Reserve Bank of New Zealand", []), ("Devesh Patil", []), ("Devesh Patil", [])]
    # as the article writes it; a body of another kind is no antecedent ("the ministry" is not the Reserve Bank)
    assert speakers("Halden Bank restored its app. The bank said no money had been lost.")[1][0] == "Halden Bank"
    assert speakers("The Reserve Bank cut rates. The ministry said growth would slow.")[1][0] == "The ministry"
    # a second reading's cases: a body named as an object, or one before an organisation that spoke since, is not
    # what the description means; "Bank of England" and "Central Bank of Ireland" are found
    assert speakers("Nurses walked out since Britain left the European Union. The union said members would refuse "
                    "overtime.")[1][0] == "The union"
    assert speakers("Wagner Group fought in Mali. Human Rights Watch said abuses were widespread. The group said the "
                    "army must be held to account.")[2][0] == "The group"
    for name in ("The Bank of England", "The Central Bank of Ireland"):
        assert speakers(f"{name} raised rates. The bank said inflation would fall.")[1][0] == "t" + name[1:]


def test_an_airline_described_a_newspaper_named_as_one_and_an_interview_relay():
    text = ("Tirrena Air cancelled about 180 flights on Friday. "
            "The Rome-based airline said air-traffic control restrictions had forced it to reduce its schedule. "
            "Chief executive Giulia Sartori said in an interview with Sky TG24 that staffing was not the issue. "
            "A spokesman, Inspector Alvaro Medina, told the newspaper Levante that officers had used smoke markers. "
            "Elena Quispe told radio station RPP that 1,200 residents had slept outdoors. "
            "Ana Ruiz said in an interview with John Smith that the plan was dead.")
    assert speakers(text) == [(None, []), ("Tirrena Air", []), ("Chief executive Giulia Sartori", ["Sky TG24"]),
                              ("Inspector Alvaro Medina", ["Levante"]), ("Elena Quispe", ["RPP"]), ("Ana Ruiz", [])]


def test_a_modal_of_possibility_and_an_expectation_hedge_but_an_ability_or_the_month_do_not():
    # the gold marks "could rise further" and "may have to cut rations" hedged, "what they could" not
    text = ("Rivers could rise further, the agency said. Records of 2.9 million people may have been exposed, Rowe "
            "said. Residents salvaged what they could from their homes, the mayor said. He could not say why, Flett "
            "said. Managers told staff in May that two plants would close, the union said. The programme is expected "
            "to save a billion euros, Reinwald said. Prices rose as expected, the bank said.\n")
    found = claims_of(text, [
        ("S1", "Rivers could rise further.", "the agency", None, "prediction"),
        ("S2", "Records of 2.9 million people may have been exposed.", "Anita Rowe", None, "estimate"),
        ("S3", "Residents salvaged what they could from their homes.", "the mayor", None, "fact"),
        ("S4", "He could not say why.", "Magnus Flett", None, "fact"),
        ("S5", "Managers told staff in May that two plants would close.", "the union", None, "fact"),
        ("S6", "The programme is expected to save a billion euros.", "Claudia Reinwald", None, "prediction"),
        ("S7", "Prices rose as expected.", "the bank", None, "fact")])
    assert [c.certainty.hedge_words for c in found] == [["could"], ["may"], [], [], [], ["expected"], []]
    # what others report or fear is not how sure the claim is
    feared = claims_of("Carrow would recall 180,000 scooters after reports that their batteries could overheat, it "
                       "said.\n", [("S1", "Carrow would recall 180,000 scooters after reports that their batteries "
                                     "could overheat.", "Carrow", None, "fact")])
    assert feared[0].certainty.hedge_words == []
    assert found[1].certainty.level == "realistic possibility"
    # "2.9 million people may have been exposed" counts people, not "may"
    assert [q.unit for q in found[1].quantities] == ["people"]


def test_a_relay_may_be_a_newspaper_named_by_its_city_or_its_field():
    text = ("The attackers could still hold data, she told the Australian Financial Review. Prices will rise, he "
            "told the Irish Independent. The Strategic Defence Review said the army should grow.\n")
    found = claims_of(text, [("S1", "The attackers could still hold data.", "Mei Lin Tan", None, "estimate"),
                             ("S2", "Prices will rise.", "Tom Hale", None, "prediction"),
                             ("S3", "The army should grow.", "the Strategic Defence Review", None, "fact")])
    assert [c.attribution for c in found] == [["the Australian Financial Review"], ["the Irish Independent"], []]


def test_second_reading_modals_of_ability_comparisons_with_expectations_and_bodies_that_are_no_papers():
    from summarizer.analysis.hedges import shared_hedges
    for text, hedges in [("Witnesses said they could hear gunfire through the night.", []),
                         ("It may not be safe to return.", ["may"]), ("Repairs might not finish before winter.", ["might"]),
                         ("Shares fell after weaker-than-expected sales.", []),
                         ("Prices were higher than many had expected.", []), ("The bank cut rates, as widely expected.", []),
                         ("Growth was in line with what analysts expected.", [])]:
        assert shared_hedges(text, text) == hedges, text
    from summarizer.analysis.fidelity import hedge_levels
    assert hedge_levels("Rates will rise again in March, sooner than expected.") == []
    assert hedge_levels("The programme is expected to save a billion euros.") == ["realistic possibility"]
    from summarizer.analysis.reported import kind_of
    assert [kind_of(n) for n in ["Lone Star", "the Cook County Medical Examiner", "the Office of the Public Guardian",
                                 "the Irish Independent"]][-1] == "outlet"
    assert "outlet" not in [kind_of(n) for n in ["Lone Star", "the Cook County Medical Examiner",
                                                 "the Office of the Public Guardian", "Red Star"]]
    # a word that describes only people makes the noun after it a person's ("the veteran broadcaster")
    assert [kind_of(n) for n in ["The veteran broadcaster", "the state broadcaster", "a retired teacher",
                                 "the longtime resident", "the late senator"]] == [
        "person", "outlet", "person", "person", "person"]
    veteran, own = claims_of("The veteran broadcaster said he would retire at the end of the season.\n\n"
                             "He said the decision was his own.\n", [
        ("S1", "The veteran broadcaster will retire at the end of the season.", "The veteran broadcaster", None,
         "prediction"),
        ("S2", "The decision to retire was his own.", "he", None, "fact")])
    assert veteran.speaker.name.lower() == own.speaker.name.lower() == "the veteran broadcaster"
    text = ("The strike, which organisers said drew 10,000 workers, closed three ports. Drinking water was safe, the "
            "Environment Agency said. Rivers were clean, the environment ministry said.\n")
    readings = read_speakers(parse_document(text))
    assert readings["S1"].speaker is None and readings["S3"].speaker.name.lower() == "the environment ministry"


def test_a_council_member_is_a_person_a_town_hall_speaks_and_an_audit_seen_by_an_outlet_is_the_source():
    text = ("Council member Marta Kolodziej, one of the two dissenters, said the cut was premature. "
            "In an interview with TVN24, she said inflation would probably stay above 4%. "
            "About 650 evacuees spent the night in a sports hall, the town hall said. "
            "The audit, seen by Reuters, found 4.2 million dollars in payments that were not supported by invoices. "
            "\"Players cannot trust the federation,\" said the association's president, former international "
            "defender Camilo Zuluaga.")
    assert speakers(text) == [("Council member Marta Kolodziej", []), ("Council member Marta Kolodziej", ["TVN24"]),
                              ("the town hall", []), ("The audit", ["Reuters"]), ("Camilo Zuluaga", [])]


def test_a_spokeswoman_named_by_her_office_alone_speaks_for_the_body_that_spoke_just_before():
    found = claims_of("The Harbour Authority rejected the report. A spokeswoman said dredging would start in May.\n\n"
                      "Corsair Shipping denied it. \"The radar worked,\" a spokesperson told the daily Kathimerini.\n", [
        ("S1", "The Harbour Authority rejected the report.", "The Harbour Authority", None, "denial"),
        ("S2", "Dredging will start in May.", "a spokeswoman", None, "prediction"),
        ("S3", "Corsair Shipping denied it.", "Corsair Shipping", None, "denial"),
        ("S4", "The radar worked.", "a spokesperson", None, "quote")])
    assert [(c.speaker.name, c.speaker.organisation) for c in found[1::2]] == [
        ("a spokeswoman", "the Harbour Authority"), ("a spokesperson", "Corsair Shipping")]


def test_the_company_is_the_company_the_lead_opens_with_when_no_company_spoke_before():
    text = ("Varrow Semiconductor has delayed its Dresden plant by two years, two people familiar with the matter told "
            "Reuters. The company said on Monday that it remained committed to the project.")
    assert [name for name, _ in speakers(text)] == ["two people familiar with the matter", "Varrow Semiconductor"]
    # "the group" is not the lead's company: any group named since may be meant
    text = ("Arctic Minerals will open a mine near Kiruna next year. Hundreds of herders protested outside the town "
            "hall on Monday. The group said the mine would destroy grazing land.")
    assert speakers(text)[-1][0] == "The group"


def test_the_company_of_its_own_sentence_speaks_when_no_company_spoke_before():
    text = ("Japanese automaker Haruna Motor is recalling about 260,000 vehicles, the company said on Thursday. "
            "Fuel prices rose 3%, the company said.")
    assert [s for s, _ in speakers(text)] == ["Haruna Motor", "Haruna Motor"]
    # a ministry described in its sentence is no company
    assert speakers("The health ministry of Ruritania said 40 people were ill, the company said.")[0][0] \
        != "Ruritania"


def test_second_reading_a_place_in_an_appositive_a_company_only_mentioned_and_member_states_speak_not():
    assert speakers("\"We did nothing wrong,\" said the minister, speaking in New York.")[0][0] == "the minister"
    assert speakers("\"We deserved to lose,\" said the coach, after the defeat to Real Madrid.")[0][0] == "the coach"
    assert speakers("The recall follows a similar move by rival automaker Kestrel Motors, the company said.")[0][0] \
        != "Kestrel Motors"
    assert speakers("The member states agreed to extend sanctions, the European Commission said.")[0][0] \
        == "the European Commission"


def test_a_person_named_with_a_role_before_the_name_is_that_person_not_the_role():
    text = ("Commission chair Marta Lindqvist had announced a margin of 4,350 votes on Tuesday. "
            "The independent monitoring group Clean Ballot Network said it had recorded serious problems.")
    # the model names the first speaker by her role alone: she is the person the wording names
    found = claims_of(text, [("S1", "Commission chair Marta Lindqvist had announced a margin of 4,350 votes on Tuesday.",
                              "Commission chair", None, "fact"),
                             ("S2", "The independent monitoring group Clean Ballot Network said it had recorded "
                              "serious problems.", "Clean Ballot Network", None, "fact")])
    assert [c.speaker.name for c in found] == ["Commission chair Marta Lindqvist", "Clean Ballot Network"]


def test_a_pronoun_finds_a_person_whose_role_names_a_body():
    # "Union organiser" and "Police officer" name a union and the police, but the speaker is a person:
    # "she" in the next sentence is her, not the chief executive named before her
    text = ("Chief executive Daniel Reyes said the cuts reflected slowing demand. "
            "Union organiser Priya Natarajan said the cuts were designed to fund a share buyback. "
            "\"This is about pleasing shareholders,\" she told Reuters. "
            "Police officer Jane Doe said the road was closed. \"It will reopen tomorrow,\" she added.")
    assert [s for s, _ in speakers(text)] == ["Chief executive Daniel Reyes", "Union organiser Priya Natarajan",
                                              "Union organiser Priya Natarajan", "Police officer Jane Doe",
                                              "Police officer Jane Doe"]


def test_a_body_named_x_of_y_stays_a_body_whatever_role_word_ends_it():
    # second reading: "Commissioner" and "Teacher" became role words; the office and the pension system are bodies
    for name in ("The Office of the Police and Crime Commissioner", "The Teacher Retirement System of Texas"):
        text = f"{name} said the decision was wrong. It said the review would continue."
        assert [s for s, _ in speakers(text)] == [name, name]


def test_a_body_no_sentence_names_still_speaks_where_the_wording_says_it_does():
    # "the utility said" in a story that never names the utility is not the article's own voice
    power, flights, data = claims_of(
        "About 120 homes lost power after the storm, the utility said.\n\n"
        "The airline told Reuters that 40 flights were cancelled.\n\nThe data showed a fall in sales.\n", [
            ("S1", "About 120 homes lost power after the storm.", "the article", None, "fact"),
            ("S2", "40 flights were cancelled.", "the airline", None, "fact"),
            ("S3", "Sales fell.", "the article", None, "fact")])
    assert (power.speaker.name, power.speaker.is_article) == ("the utility", False)
    assert (flights.speaker.name, flights.attribution) == ("the airline", ["Reuters"])
    assert data.speaker.is_article  # data is no speaker
    # a later "the company" may be the carmaker that spoke; "the airline" is not the utility
    assert [s for s, _ in speakers("Sales fell 3%, the carmaker said. Prices will rise, the company said.")] == [
        "the carmaker", "the carmaker"]
    assert [s for s, _ in speakers("The company said sales fell. The utility said prices would rise.")] == [
        "The company", "The company"]
    # a company named after an unnamed one is who the same noun means next
    assert [s for s, _ in speakers("The carmaker said sales fell. Volkswagen said prices would rise. "
                                   "The carmaker said 300 jobs would go.")] == ["The carmaker", "Volkswagen", "Volkswagen"]
    # the lead's own company, named in the same sentence or before; a club by the word its name ends with
    assert [s for s, _ in speakers("Tirrena Air cancelled 180 flights, the airline said.")] == ["Tirrena Air"]
    assert [s for s, _ in speakers("Manchester United sacked their manager on Sunday. The club said a replacement "
                                   "would be named soon.")] == [None, "Manchester United"]
    assert [s for s, _ in speakers("Kansas City voters approved a stadium tax. The club said it was grateful.")] == [
        None, "The club"]  # a city is no club
    # an airline is also called the carrier
    assert [s for s, _ in speakers("Ryanair said it would cut fares. The carrier said demand was strong.")] == [
        "Ryanair", "Ryanair"]
