"""Deterministic disagreement candidates: same counted thing, different figure, different source;
or a claim that opens by contrasting the previous one."""

from summarizer.analysis import plan
from summarizer.analysis.conflicts import candidates, groups
from summarizer.analysis.denials import denies
from summarizer.analysis.extract import merge
from summarizer.ingest.document import parse_document

TEXT = """Seoul, April 2 (Yonhap): North Korea has suffered more than 5,000 casualties, Britain said.

South Korea's military said North Korea sustained 4,000 casualties and sent 3,000 more troops.

Ukraine advanced in Kursk, the ISW said. On the other hand, Russia said it had recaptured the region.
"""


def _claims():
    doc = parse_document(TEXT)
    speakers = ["Britain", "South Korea's military", "ISW", "Russia"]
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
               "via": [], "kind": "fact", "hedges": [], "time": None} for s, sp in zip(doc.sentences, speakers)]
    return merge(doc, drafts)


def test_different_figures_and_contrasts_are_found():
    found = groups(candidates(_claims()))
    assert [(topic, [c.id for c in claims]) for topic, claims in found] == [
        ("Different figures for casualties", ["C1", "C2"]),
        ("Opposing accounts", ["C3", "C4"]),
    ]


def test_same_source_and_additional_troops_are_not_conflicts():
    claims = _claims()
    claims[1] = claims[1].model_copy(update={"speaker": claims[0].speaker})
    assert [t for t, _ in groups(candidates(claims))] == ["Opposing accounts"]


def _merged(text: str, speakers: list[str]):
    doc = parse_document(text)
    drafts = [{"evidence": [s.id], "statement": s.text, "speaker": sp, "role": None, "organisation": None,
               "via": [], "kind": "fact", "hedges": [], "time": None} for s, sp in zip(doc.sentences, speakers)]
    return merge(doc, drafts)


def test_a_denial_by_pointer_answers_the_claim_it_points_at():
    # "such forecasts" names nothing the similarity of words could find: the nearest earlier claim of
    # another source that speaks of forecasts is what the minister dismisses, not the quote in between
    text = ("Economist Ana Petrović said inflation would stay near 9% and forecast 7% for next year. "
            '"Rents are rising everywhere," she said. '
            'Finance Minister Ivo Kovač dismissed such forecasts as "exaggerated."')
    claims = _merged(text, ["Ana Petrović", "Ana Petrović", "Ivo Kovač"])
    assert [(t, [c.id for c in cs]) for t, cs in groups(candidates(claims))] == [("Opposing accounts", ["C1", "C3"])]


def test_a_denial_that_names_whose_words_it_denies_answers_that_source():
    # the mayor's words share almost nothing with "panic"; the possessive says whose criticism it is
    text = ("Council leader Tom Reyes said the new bus lanes would halve journey times. "
            "Mayor Ruth Okoye said the scheme would empty the high street of shoppers. "
            "Union official Dan Pike said drivers had not been consulted. "
            "Reyes dismissed the mayor's criticism as \"panic\".")
    claims = _merged(text, ["Tom Reyes", "Mayor Ruth Okoye", "Dan Pike", "Reyes"])
    for c, role in zip(claims, [None, "mayor", None, None]):
        c.speaker.role = role
    assert [(t, [c.id for c in cs]) for t, cs in groups(candidates(claims))] == [("Opposing accounts", ["C2", "C4"])]


def test_a_denial_does_not_answer_a_claim_that_only_shares_words_with_its_sources_name():
    # "Product Safety Commission" says nothing about whether the products are safe
    text = ("The maker, Kestrel, denied that its products were unsafe. "
            "The Product Safety Commission said it was reviewing the findings.")
    claims = _merged(text, ["Kestrel", "The Product Safety Commission"])
    assert candidates(claims) == []


def test_a_figure_called_inflated_or_cuts_called_overstated_answer_the_claims_they_judge():
    # "the council's figure ... was inflated" judges the council's count, not the council's other claim
    # that shares more words; "said X was plausible but that the cuts were probably overstated" judges the cuts
    text = ("Council officials said the flood defences had been moved into storage over three years. "
            "They said residents lost about 40 million pounds in the floods. "
            "Insurer Marcus Hale said the council's figure for residents' losses was inflated by at least a third. "
            "Mayor Ann Cole said the repair plan would cut 6 million pounds from three departments. "
            "The Fiscal Institute said the timetable was plausible but that the department cuts were probably "
            "overstated.")
    claims = _merged(text, ["Council officials", "Council officials", "Marcus Hale", "Ann Cole",
                            "The Fiscal Institute"])
    found = {(c.a.id, c.b.id) for c in candidates(claims)}
    assert ("C2", "C3") in found and ("C4", "C5") in found and ("C1", "C3") not in found


def test_a_figure_in_a_condition_is_no_account_of_that_figure():
    # the union's "if you cut 4,800 jobs" repeats the company's figure in a condition; it gives no count
    # of its own to set against the newspaper's
    text = ("The newspaper Tagesbote reported that the company would cut 9,000 jobs. "
            "If you cut 4,800 jobs and close a plant, strikes will follow, union leader Eva Brandt said.")
    claims = _merged(text, ["Tagesbote", "Eva Brandt"])
    assert candidates(claims) == []


def test_a_year_is_no_count_of_the_dead():
    # "a coastal El Niño in 2017 killed more than 100 people": 2017 is when, not how many
    text = ("Floods have killed at least 23 people in the north, the civil defence agency said. "
            "A coastal El Niño in 2017 killed more than 100 people in the country.")
    claims = _merged(text, ["the civil defence agency", "the article"])
    assert candidates(claims) == []


def test_forecasts_of_one_named_share_are_set_against_each_other():
    # two forecasts of inflation in different words: the share's subject says they count one thing;
    # production and sales percentages of one story are not one thing
    text = ("Economist Ana Petrović said inflation would likely stay between 8% and 10% until March. "
            "Inflation will be below 5% by the summer, Finance Minister Ivo Kovač told reporters. "
            "Production fell 9.1% last year, the industry association said. "
            "Sales fell 6.8%, the dealers' federation said.")
    claims = _merged(text, ["Ana Petrović", "Ivo Kovač", "the industry association", "the dealers' federation"])
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [("Different figures for % inflation", "C1", "C2")]


def test_sources_that_answer_the_same_claim_are_one_side():
    # the carmaker denies the report and a person the model names without the company ("chief executive
    # Lena Brand") says the report is wrong: two sources, one position, against the newspaper's. The brief's
    # disagreement has two sides, not three
    from summarizer.analysis.brief import disagreements

    text = ("Carmaker Voss denied a newspaper report that it plans to close two plants. "
            "The daily Nordkurier reported on Monday that the board was preparing to shut the plants in Kiel and Hof. "
            "\"There are no plans to close any site, and the figures in that report are wrong,\" chief executive "
            "Lena Brand told journalists.")
    claims = _merged(text, ["Carmaker Voss", "Nordkurier", "Lena Brand"])
    found = candidates(claims)
    assert [[c.id for c in cs] for _, cs in groups(found)] == [["C1", "C2", "C3"]]
    [d] = disagreements(found)
    assert [s.claims for s in d.sides] == [["C1", "C3"], ["C2"]]
    assert d.sides[0].source == "Carmaker Voss, Lena Brand"


def test_an_amount_asked_for_is_set_against_a_different_amount_offered():
    # "would make 2 million dollars available" and "has asked for 9 million dollars" count different things
    # by their words (what is available, what is asked), yet they are the two sides' accounts of the need
    text = ("The city would make 2 million dollars available in emergency grants, Mayor Tom Reyes said. "
            "The shopkeepers' association has asked for 9 million dollars. "
            "The teachers' union is seeking a 12% pay rise. "
            "Education minister Karen Holt said the government would offer 4%.")
    claims = _merged(text, ["Tom Reyes", "the shopkeepers' association", "the teachers' union", "Karen Holt"])
    found = [(c.topic, c.a.id, c.b.id) for c in candidates(claims)]
    assert ("Amount asked for and amount offered", "C1", "C2") in found
    assert ("Amount asked for and amount offered", "C3", "C4") in found
    assert not any({a, b} in ({"C1", "C4"}, {"C2", "C3"}) for _, a, b in found)  # dollars are no share


def test_a_sentence_saying_the_next_sources_see_it_otherwise_sets_them_against_the_source_before():
    # "Private economists are less optimistic": each claim of the economist who follows answers the bank's
    # claim on the same thing; an assertion is answered before a condition ("ready to act if ...")
    text = ("The central bank said the slowdown in exports was temporary. "
            "It said it was ready to cut rates if unemployment rose further. "
            "Private economists are less optimistic. "
            "Economist Lina Berg said the slowdown in exports would last well into next year. "
            "She said unemployment would rise further whatever the bank did with rates.")
    claims = _merged(text, ["The central bank", "The central bank", "the article", "Lina Berg", "Lina Berg"])
    found = {(c.a.id, c.b.id) for c in candidates(claims)}
    assert ("C1", "C4") in found
    assert ("C1", "C5") in found or ("C2", "C5") in found
    assert not any("C3" in pair for pair in found)  # the framing sentence itself is no side


def test_what_a_source_says_of_the_others_count_joins_the_dispute_over_that_count():
    # the ministry's "the association's count included homes that were only damaged" and the association's
    # "the ministry's inspectors visited fewer than 100 streets" answer the two counts: one disagreement
    from summarizer.analysis.brief import disagreements

    text = ("The housing ministry said 310 homes had been destroyed. "
            "The residents' association said 900 homes had been destroyed. "
            "The ministry said the association's count included homes that were only damaged. "
            "The association said the ministry's inspectors had visited fewer than 100 streets. "
            "Engineer Paula Diaz said the survey's sampling was thorough.")
    claims = _merged(text, ["The housing ministry", "The residents' association", "The housing ministry",
                            "The residents' association", "Paula Diaz"])
    found = candidates(claims)
    assert [[c.id for c in cs] for _, cs in groups(found)] == [["C1", "C2", "C3", "C4"]]
    [d] = disagreements(found)
    assert [s.claims for s in d.sides] == [["C1", "C3"], ["C2", "C4"]]


def test_a_claim_that_grants_a_point_and_turns_against_it_answers_that_point():
    text = ("Transport minister Ivo Kovač said the new toll would cut traffic in the city centre by a fifth. "
            "The council said the toll would raise 40 million euros a year. "
            "Economist Ana Petrović said the toll could cut traffic in the city centre for a while but would "
            "likely push drivers onto side streets.")
    claims = _merged(text, ["Ivo Kovač", "The council", "Ana Petrović"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C3")]


def test_an_accusation_named_in_a_denial_is_the_accusers_claim_and_the_other_side():
    # "rejected an accusation by its union that ...": the union's claim is stated by rule beside the
    # denial (the model writes the sentence as one claim, the denial), and the two are one disagreement;
    # a report denied without naming who made it yields no claim
    from summarizer.analysis.brief import repeats

    text = ("Harbour operator Kessel rejected an accusation by its dockers' union that it had hired strike "
            "breakers from abroad. The company denied a newspaper report that it plans to sell the port.")
    claims = _merged(text, ["Kessel", "Kessel"])
    assert [(c.id, c.origin) for c in claims] == [("C1", "rule"), ("C2", "model"), ("C3", "model")]
    assert claims[0].speaker.name == "the dockers' union"
    assert claims[0].statement == "Kessel had hired strike breakers from abroad."
    assert claims[0].evidence == claims[1].evidence  # the same sentence, its offsets checked as any claim's
    assert ("C1", "C2") in {(c.a.id, c.b.id) for c in candidates(claims)}
    assert not repeats(claims[0].statement, claims[1].statement)  # a denial does not repeat what it denies
    assert repeats(claims[1].statement, claims[1].statement.replace("Harbour operator ", ""))


def test_a_figure_that_points_back_counts_what_the_figure_before_it_counts():
    # "puts the figure at about 5,500" names no counted thing: it is another account of the walkout
    text = ("The nurses' union, which represents about 18,000 nurses, says more than 9,000 of its members joined "
            "the walkout on Thursday. "
            "The health board puts the figure at about 5,500. "
            "Hospitals cancelled about 1,400 planned operations, the board said.")
    claims = _merged(text, ["The nurses' union", "The health board", "The health board"])
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims) if c.kind == "figures"] == [
        ("Different figures for turnout", "C1", "C2")]  # the figure just before, not the union's size


def test_after_a_framing_sentence_a_claim_on_another_subject_answers_nothing():
    # "more cautious" than whom? The doctor's warning about cancer care shares only "hospital" with the
    # organiser's claim before it: no disagreement
    text = ("Union organiser Mairi Fraser said managers had checked wards in only three hospitals. "
            "Hospital managers are more cautious. "
            "Dr Ruth Kerr said cancer treatments at the hospital could be delayed if the strike went on.")
    claims = _merged(text, ["Mairi Fraser", "the article", "Dr Ruth Kerr"])
    assert candidates(claims) == []


def test_an_act_ruled_out_is_set_against_each_source_that_expects_it():
    # the airline rules out cutting routes; the analyst expects route cuts, the pilots' union fears them only
    # if fuel prices stay high (a condition asserts nothing), and the article's own count of routes is no side
    text = ("Airline Norrfly said it would not cut any routes this winter. "
            "Analyst Petra Holm said further route cuts were likely before the spring. "
            "The pilots' union said that if fuel prices stay high, cuts will follow. "
            "The carrier flies 84 routes, of which it cut six last year.")
    claims = _merged(text, ["Norrfly", "Petra Holm", "The pilots' union", "the article"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C2")]


def test_ruling_out_in_a_condition_or_an_agreeing_forecast_sets_nothing_against_it():
    # "unless the company ruled out closures" is a demand, not a denial; a source that also expects no
    # closure agrees with the one ruling it out
    text = ("The union said it would strike unless the company ruled out closures in writing. "
            "Chief executive Jonas Berg said the company would not close any plant. "
            "Analyst Mira Lund said a closure was unlikely before 2030.")
    claims = _merged(text, ["The union", "Jonas Berg", "Mira Lund"])
    assert candidates(claims) == []


def test_a_rate_is_no_account_of_a_total():
    # 60 passengers a day on three routes in winter and 1.1 million passengers in a year count different
    # things; two sources giving a daily figure each do dispute it
    text = ("The board paper said the three routes carried fewer than 60 passengers a day in winter. "
            "The operator carried 1.1 million passengers last year, its annual report said. "
            "Councillor Ann Flett said the routes carried about 90 passengers a day.")
    claims = _merged(text, ["The board paper", "its annual report", "Ann Flett"])
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [
        ("Different figures for passengers carried per day", "C1", "C3")]


def test_a_dispute_of_a_denial_answers_the_denial_it_names():
    # two denials in one story: "the denial of closure plans" is the one about closing, whatever else the
    # disputing sentence shares with the other; "did not believe the denial" names none: the nearest before
    text = ("Carmaker Brandt denied that it plans to close its Kassel plant. "
            "Brandt also rejected an accusation by its works council that it had opened talks to sell a plant. "
            "Ute Sommer, who chairs the works council, called the denial of closure plans not credible. "
            "Shipping firm Norrline said it had no plans to scrap its winter ferries. "
            "Councillor Ann Flett said islanders did not believe the denial.")
    claims = _merged(text, ["Brandt", "Brandt", "Ute Sommer", "Norrline", "Ann Flett"])
    pairs = {(c.a.id, c.b.id) for c in candidates(claims)}
    assert ("C1", "C4") in pairs and ("C3", "C4") not in pairs  # C1 is the works council's accusation, by rule
    assert ("C5", "C6") in pairs


def test_a_dispute_of_a_denial_is_not_tied_to_another_denial_by_the_word_plans():
    # "the denial of closure plans" shares "plans" with a denial of plans to sell, but not the act
    text = ("Carmaker Brandt said it had no plans to sell its truck unit. "
            "Union leader Ute Sommer called the denial of closure plans not credible.")
    claims = _merged(text, ["Brandt", "Ute Sommer"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == []


def test_a_count_of_another_noun_is_no_account_of_the_total():
    # 140 first officers whose contracts end are not an account of the airline's 1,200 job cuts; the union's
    # "number of jobs at risk" (a figure with a comma is no year) is, and "no plans" in quotation marks still
    # rules out what another source says is planned
    text = ("Skylane said it would cut about 1,200 jobs after a first-half loss. "
            "The pilots' association said 140 first officers had been told their contracts would end, "
            "which it called redundancy by another name. "
            "Unite said the real number of jobs at risk was closer to 2,000, because the airline planned to "
            "outsource baggage handling. "
            "A Skylane spokeswoman said there were \"no plans\" to outsource baggage handling.")
    claims = _merged(text, ["Skylane", "The pilots' association", "Unite", "A Skylane spokeswoman"])
    assert [q.text for q in claims[0].quantities] == ["about 1,200 jobs"]  # "first-half" is no figure
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [
        ("Different figures for jobs cut", "C1", "C3"), ("Opposing accounts", "C3", "C4")]


def test_a_bare_denial_takes_its_sources_next_sentence_to_its_side():
    # "denied that." says nothing of its own; what the prime minister says next is his account
    text = ("Coalition leader Nino Beridze said the law was copied from Moscow. "
            "Prime Minister Davit Abashidze denied that. "
            "He said the bill was modelled on rules in the United States. "
            "Parliament votes on Thursday.")
    claims = _merged(text, ["Nino Beridze", "Davit Abashidze", "Davit Abashidze", "the article"])
    found = candidates(claims)
    assert [(c.a.id, c.b.id) for c in found] == [("C1", "C2"), ("C1", "C3")]
    topic = next(t for t in plan.topics(claims, found) if t.kind == "disagreement")
    assert [[c.id for c in side] for side in topic.sides] == [["C1"], ["C2", "C3"]]
    # a denial that says what it denies needs no next sentence; nor does a next sentence of another source
    text = ("Nino Beridze said the law was copied from Moscow. Davit Abashidze denied that the law was copied. "
            "He said the vote was on Thursday.")
    assert [(c.a.id, c.b.id) for c in candidates(_merged(text, ["Nino Beridze", "Davit Abashidze",
                                                                 "Davit Abashidze"]))] == [("C1", "C2")]


def test_a_denial_told_after_the_claim_it_denies_is_its_sources_claim():
    from summarizer.analysis.brief import repeats

    # the ministry's rejection sits in the organisers' sentence; it is the ministry's claim, named as the
    # article names it elsewhere, and it stands against the organisers' claim
    text = ("The Interior Ministry said 14 people had been detained. "
            "Protest organisers said dozens of demonstrators had been hurt by rubber bullets, a claim the ministry "
            "rejected as \"fabricated\". "
            "Beridze said the law was unfair, which he denied.")
    claims = _merged(text, ["The Interior Ministry", "Protest organisers", "Beridze"])
    assert [(c.id, c.speaker.name, c.kind, c.origin) for c in claims[1:3]] == [
        ("C2", "Protest organisers", "fact", "model"), ("C3", "The Interior Ministry", "denial", "rule")]
    assert claims[2].statement == ("The Interior Ministry rejected the claim that dozens of demonstrators had been "
                                   "hurt by rubber bullets as \"fabricated\".")
    assert claims[2].evidence == claims[1].evidence
    assert len(claims) == 4  # "which he denied": whose denial is not said here
    assert not repeats(claims[1].statement, claims[2].statement)  # the claim and its denial: two points
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C2", "C3")]


def test_a_claim_called_unfounded_is_denied_and_the_day_of_the_claim_stays_out_of_the_denial():
    # "a claim the ministry called 'unfounded'" is the ministry's denial, as "rejected" is; the frame's day
    # ("said on Sunday that") is not part of what the denial denies
    text = ("Police said on Sunday that the march had been peaceful, an account the organisers rejected. "
            "The teachers' union said the reform would cost 3,000 jobs, a claim the ministry called \"unfounded\". "
            "Rebels said they had taken the bridge, a claim the army branded as lies.")
    claims = _merged(text, ["Police", "The teachers' union", "Rebels"])
    rules = [(c.speaker.name, c.kind, c.statement) for c in claims if c.origin == "rule"]
    assert rules == [
        ("the organisers", "denial", "The organisers rejected the account that the march had been peaceful."),
        ("the ministry", "denial", "The ministry called the claim that the reform would cost 3,000 jobs \"unfounded\"."),
        ("the army", "denial", "The army branded the claim that they had taken the bridge as lies.")]
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C2"), ("C3", "C4"), ("C5", "C6")]
    # a name that praises is no denial, nor is a call for something
    assert [c.origin for c in _merged("The mayor said the plan was bold, a claim critics called \"brave\".",
                                      ["The mayor"])] == ["model"]
    assert not denies("The president called on allies to send more weapons.")
    assert not denies("The mayor called for more supplies to be flown in.")
    # the frame's day is skipped, not its subject
    claims = _merged("The union said this plan would cost 3,000 jobs, a claim the ministry rejected.", ["The union"])
    assert claims[1].statement == "The ministry rejected the claim that this plan would cost 3,000 jobs."


def test_a_denial_of_any_wrongdoing_answers_the_accusation_against_its_source():
    # "denied any wrongdoing" shares no words with what it denies: the accusation that names the denier, however
    # far back (here not the nearest accusation), is its other side; no accusation, no pair
    text = ("Prosecutors allege that the mayor, who served two terms from 2016 to 2024, steered three road contracts "
            "worth a combined 40 million euros to Delta Build in exchange for cash and a holiday flat in Spain. "
            "Auditors found that the mayor's office had paid a consultancy twice. "
            "The mayor's lawyer said the trial would be long. "
            "The trial is expected to last four months. "
            "Delta Build has denied any wrongdoing.")
    claims = _merged(text, ["Prosecutors", "Auditors", "Anna Lee", "the article", "Delta Build"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C5")]
    claims = _merged("The council said the park would close in May. Delta Build has denied any wrongdoing.",
                     ["The council", "Delta Build"])
    assert candidates(claims) == []
    claims = _merged("Rescuers found two more bodies in the rubble, the fire service said. Police arrested the "
                     "building's owner. The owner, Delta Build, has denied any wrongdoing.",
                     ["the fire service", "Police", "Delta Build"])
    assert candidates(claims) == []  # finding bodies accuses nobody


def test_a_figure_whose_noun_is_left_out_answers_the_figure_just_before():
    # eyewitness counts are written in words and the second leaves its noun out: "at least five" shots,
    # "only one" bang; "another passenger" is not the passenger named before; "the only one" counts nothing
    text = ("Chief Ana Cole said the officer fired two shots. "
            "A neighbour, Dana Fry, told local radio she heard at least five. "
            "Passenger Eva Lind said she heard two loud bangs before the lights went out. "
            "Another passenger said there had been only one. "
            "The union said 300 members had walked out. The airline said it was the only one.")
    claims = _merged(text, ["Ana Cole", "Dana Fry", "Eva Lind", "another passenger", "The union", "The airline"])
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [
        ("Different figures for shots fired", "C1", "C2"), ("Different figures for bangs", "C3", "C4")]
    # only what a witness heard, saw or counted: a clock time, or another count of another thing, answers nothing
    text = ("Police said officers arrested two men at the scene. A witness, Ana Lee, said the shooting began at around "
            "10. Coach Tom Hay said the team had won 12 games this season. Captain Eva Lind said they had lost only "
            "three.")
    claims = _merged(text, ["Police", "Ana Lee", "Tom Hay", "Eva Lind"])
    assert candidates(claims) == []
    # "the second witness" is the second witness named before
    from summarizer.analysis.speakers import same_source
    claims = _merged("A second witness said she heard three shots. The second witness also said she ran.",
                     ["A second witness", "the second witness"])
    assert same_source(claims[0], claims[1])


def test_a_figure_inside_a_range_another_source_gives_is_no_other_figure():
    text = ("The ministry said the storm damage would cost between 8 and 10 billion euros. "
            "Insurers said the damage would cost about 10 billion euros. "
            "Analysts said the damage would cost about 15 billion euros.")
    claims = _merged(text, ["The ministry", "Insurers", "Analysts"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C3"), ("C2", "C3")]


def test_the_number_of_what_a_figure_counts_points_back_to_the_figure_it_answers():
    text = ("The drivers' union said about 900 of its members had joined the strike. "
            "The bus company put the number of strikers at 450.")
    claims = _merged(text, ["The drivers' union", "The bus company"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C2")]


def test_an_act_named_by_its_noun_counts_what_the_verb_counts():
    # "forced the cancellation of about 9,000 operations" and "4,100 operations had been cancelled" are two
    # accounts of one count
    text = ("Health Secretary Fiona Baird said the strikes had forced the cancellation of about 9,000 operations. "
            "The British Medical Association said only 4,100 operations had been cancelled during the strikes.")
    claims = _merged(text, ["Fiona Baird", "The British Medical Association"])
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [
        ("Different figures for operations cancelled", "C1", "C2")]


def test_a_denial_of_the_findings_answers_the_account_just_given_and_advice_is_no_account():
    # "rejected the findings" names no words of the report, but it answers the report just given; the
    # company's spokeswoman then gives the company's own count
    text = ("A report by the Rivers Trust found that Southfield Water discharged sewage on 4,870 occasions last year. "
            "Southfield Water rejected the findings. "
            "Mayor Ann Bell said beaches would stay open.")
    claims = _merged(text, ["the Rivers Trust", "Southfield Water", "Ann Bell"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C2")]
    # a denial that passwords were exposed is not answered by advice to change passwords, the one claim
    # that shares its words
    text = ("Modeva denied that passwords had been exposed. "
            "Consumer group Which? said shoppers should change their passwords as a precaution.")
    assert candidates(_merged(text, ["Modeva", "Which?"])) == []
    text = ("Modeva denied that passwords had been exposed. "
            "Consumer group Which? said passwords had been exposed in the attack.")
    assert [(c.a.id, c.b.id) for c in candidates(_merged(text, ["Modeva", "Which?"]))] == [("C1", "C2")]


def test_an_account_set_against_another_with_not_answers_the_claim_that_says_it():
    text = ("Modeva said the attack had been contained within hours. "
            "Mayor Ann Bell said the shops would reopen on Monday. "
            "Omar Siddiqui of Hexlight said the hackers had probably been inside its systems for weeks, not hours.")
    claims = _merged(text, ["Modeva", "Ann Bell", "Omar Siddiqui"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C3")]
    # "not" with nothing another source said sets nothing aside
    text = ("Modeva said the attack had been contained quickly. "
            "Omar Siddiqui said the hackers had been inside for weeks, not days.")
    assert candidates(_merged(text, ["Modeva", "Omar Siddiqui"])) == []


def test_a_death_toll_and_a_higher_real_figure_are_one_count_and_that_estimate_is_a_pointer():
    # the disaster agency's toll against the doctors' "real figure"; a magnitude is no count; the minister
    # dismisses "that estimate": the doctors' figure, and what he says next is his side
    text = ("The death toll from a magnitude 6.8 earthquake rose to at least 312 on Tuesday, the disaster agency "
            "AFAD said. The Turkish Medical Association said the real figure was likely above 500. "
            "Interior Minister Kemal Aydin dismissed that estimate. "
            "He said the numbers were speculation. "
            "AFAD said 2,140 people had been injured and more than 9,000 were staying in tents.")
    claims = _merged(text, ["AFAD", "the Turkish Medical Association", "Kemal Aydin", "Kemal Aydin", "AFAD"])
    assert [(c.kind, c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [
        ("figures", "Different figures for killed", "C1", "C2"),
        ("assertions", "Opposing accounts", "C2", "C3"), ("assertions", "Opposing accounts", "C2", "C4")]


def test_a_denial_of_receiving_any_such_report_answers_the_account_before_it():
    text = ("Opposition lawmaker Selin Ozturk said engineers had flagged the buildings in a 2021 inspection. "
            "The ministry of environment denied receiving any such report.")
    claims = _merged(text, ["Selin Ozturk", "the ministry of environment"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C2")]
    # "report" in "reporters", or in "reports" four sentences up, is not the report denied
    text = ("The medical association said the toll was higher, citing reports from doctors. "
            "Rain fell. Roads closed. "
            "\"These numbers are speculation,\" Interior Minister Kemal Aydin told reporters. "
            "Opposition lawmaker Selin Ozturk said engineers had flagged the buildings in a 2021 inspection. "
            "The ministry of environment denied receiving any such report.")
    claims = _merged(text, ["the medical association", "the article", "the article", "Kemal Aydin",
                            "Selin Ozturk", "the ministry of environment"])
    assert ("C5", "C6") in [(c.a.id, c.b.id) for c in candidates(claims)]
    assert not any("C6" in (c.a.id, c.b.id) and "C1" in (c.a.id, c.b.id) for c in candidates(claims))


def test_no_evidence_that_denies_and_answers_the_long_account_it_takes_up():
    text = ("Prosecutors told the court that Ruiz received the payments through shell companies between 2016 and "
            "2021, and that at least 14 permits were granted to firms that had paid him. "
            "Mayor Ann Bell said the town hall would reopen on Monday. "
            "\"There is no evidence that a single permit was granted improperly,\" defence lawyer Pablo Serrano said.")
    claims = _merged(text, ["Prosecutors", "Ann Bell", "Pablo Serrano"])
    assert [(c.a.id, c.b.id) for c in candidates(claims)] == [("C1", "C3")]
    # one shared word of a long account is not enough: the council's plans are not what is denied
    text = ("The council said it had approved 40 new homes, a school and a park near the river after a long "
            "public consultation with residents and businesses. Residents denied that the river had flooded.")
    assert candidates(_merged(text, ["The council", "Residents"])) == []


def test_a_real_rate_points_back_to_the_official_rate_and_not_recognising_it_denies_it():
    text = ("Unemployment fell to 4.1% in the three months to September, according to figures from the Office for "
            "National Statistics published on Tuesday. "
            "Sarah Kemp said the number of people neither working nor looking for work had risen by 120,000. "
            "The opposition's spokesman, David Mensah, said the real rate of joblessness was closer to 6% once "
            "discouraged workers were counted. "
            "The ONS said it did not recognise that figure.")
    claims = _merged(text, ["the Office for National Statistics", "Sarah Kemp", "David Mensah", "the ONS"])
    assert claims[0].speaker.name == "the Office for National Statistics"
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [
        ("Different figures for % unemployment", "C1", "C3"), ("Opposing accounts", "C3", "C4")]
    # the rate the quarter before is the same rate; the ONS's next sentence on wages is no part of its denial
    text = ("Unemployment fell to 4.1% in the three months to September, down from 4.4% in the previous quarter, "
            "the Office for National Statistics said. "
            "David Mensah said the real rate of joblessness was closer to 6%. "
            "The ONS said it did not recognise that figure. "
            "Wage growth slowed to 3.2%, the lowest in two years, the ONS said.")
    claims = _merged(text, ["the Office for National Statistics", "David Mensah", "the ONS", "the ONS"])
    assert [(c.topic, c.a.id, c.b.id) for c in candidates(claims)] == [
        ("Different figures for % unemployment", "C1", "C2"), ("Opposing accounts", "C2", "C3")]


def test_a_company_spokeswoman_speaks_for_the_company_and_goes_on_from_its_bare_denial():
    text = ("A report by the Rivers Trust found that Southfield Water discharged sewage on 4,870 occasions last year. "
            "Southfield Water rejected the findings. "
            "\"Our monitors show 2,640 spills in 2025,\" a company spokeswoman said.")
    claims = _merged(text, ["the Rivers Trust", "Southfield Water", "a company spokeswoman"])
    assert claims[2].speaker.organisation == "Southfield Water"
    topic = next(t for t in plan.topics(claims, candidates(claims)) if t.kind == "disagreement")
    assert [[c.id for c in side] for side in topic.sides] == [["C1"], ["C2", "C3"]]


def test_ordinary_sentences_that_look_like_denials_or_corrections_set_nothing_against_each_other():
    # a second reading of this session's rules found each of these set against the other claim
    cases = [
        ("Relatives said the two hikers went missing on Saturday near the summit.",
         "Police said there was no sign of the missing hikers near the summit."),
        ("Relatives said the witness saw a man in a red jacket near the summit.",
         "The witness said she did not recognise the man in the red jacket."),
        ("Auditors said the bridge tender had been awarded without a contest.",
         "The minister denied knowing that officials had accepted payments."),
        ("Health minister Wes Streeting said hospitals faced a funding gap this winter.",
         "Chancellor Rachel Reeves said the new money would go to schools, not hospitals."),
        ("The ONS said unemployment fell to 4.1%, down from 4.4%.", "Minister Ann Bell said unemployment was 4.1%."),
        ("US officials said 40 people had died in the flooding.", "Uma Singh said 40 people had died in the flooding."),
    ]
    for first, second in cases:
        claims = _merged(first + " " + second, ["the first", "the second"])
        assert candidates(claims) == [], (first, second)
    # advice in a later clause does not hide the account before it
    text = ("Hexlight said customers' passwords were exposed and customers should change them. "
            "Modeva denied that passwords had been exposed.")
    assert [(c.a.id, c.b.id) for c in candidates(_merged(text, ["Hexlight", "Modeva"]))] == [("C1", "C2")]


def _pairs(claims):
    return [(c.topic, c.a.id, c.b.id) for c in candidates(claims)]


def test_a_strike_turnout_and_counts_of_known_incidents_are_one_count_each():
    # members and staff both count people taking part; "aware of" and "reports of" count fires known of,
    # whatever verb a relative clause after them has ("none of which had caused serious injury")
    text = ("The union said about 2,300 members had joined the 48-hour strike and that picket lines were up. "
            "The hospital trust said fewer than 900 staff had taken part. "
            "Nurses at three hospitals walked out on Thursday, the union said. "
            "The company said it was aware of 23 fires, none of which had caused serious injury. "
            "Consumer group Safe Homes said it had received reports of at least 60 fires.")
    claims = _merged(text, ["The union", "The hospital trust", "The union", "The company", "Safe Homes"])
    assert _pairs(claims) == [("Different figures for turnout", "C1", "C2"),
                              ("Different figures for fires reported", "C4", "C5")]


def test_a_count_put_lower_without_a_figure_answers_the_count_before_it():
    text = ("Patients' group Healthwatch said some 600 planned operations had been postponed. "
            "A spokesman for the trust said the number was lower but did not give one. "
            "The minister said the number was lower, at 400.")
    claims = _merged(text, ["Healthwatch", "A spokesman for the trust", "The minister"])
    assert ("Opposing accounts", "C1", "C2") in _pairs(claims)
    assert not any("C3" in (a, b) for t, a, b in _pairs(claims) if t == "Opposing accounts")  # a figure: no denial
    # "lower than expected" compares, it denies nothing; a date is no count
    for first, second in [("The statistics office said inflation slowed to 2.1%.",
                           "Analysts said the figure was lower than expected."),
                          ("The council said the bridge would stay closed until 14 March.",
                           "The company said the number was lower.")]:
        assert _pairs(_merged(f"{first} {second}", ["A", "B"])) == [], (first, second)


def test_a_denied_deed_and_a_denial_with_its_reason_answer_the_account_before_them():
    text = ("The defence ministry said rebel fighters had fired at least 40 mortar rounds at army positions. "
            "The rebels denied firing first. "
            "Consumer group Safe Homes accused the company of having known about the fault since last summer. "
            "The company denied that, saying it had learned of the fault in October.")
    claims = _merged(text, ["The defence ministry", "The rebels", "Safe Homes", "The company"])
    assert _pairs(claims) == [("Opposing accounts", "C1", "C2"), ("Opposing accounts", "C3", "C4")]
    # a denied deed answers only an account of that deed
    other = _merged("The ministry said the talks would resume next week. The rebels denied firing first.",
                    ["The ministry", "The rebels"])
    assert _pairs(other) == []
    # the deed's verb, not a noun of the same letters ("a fire broke out", "a new peace plan")
    for first, second in [("Police said a fire broke out in the market.", "The army denied firing on protesters."),
                          ("The envoy said a new peace plan would be tabled.", "The rebels denied planning the attack."),
                          ("The union said pay had fallen by 14%.", "The firm denied paying workers late.")]:
        assert _pairs(_merged(f"{first} {second}", ["A", "B"])) == [], (first, second)


def test_its_spokeswoman_speaks_for_the_body_before_her_on_its_side():
    text = ("The defence ministry said rebel fighters had fired at least 40 mortar rounds at army positions. "
            "The Northern Front denied firing first. "
            "Its spokeswoman, Lena Morva, said government artillery had hit two villages. "
            "She said the group had only returned fire.")
    claims = _merged(text, ["The defence ministry", "The Northern Front", "Lena Morva", "Lena Morva"])
    assert [c.speaker.organisation for c in claims[2:]] == ["the Northern Front", "the Northern Front"]
    topic = next(t for t in plan.topics(claims, candidates(claims)) if t.kind == "disagreement")
    assert [[c.id for c in side] for side in topic.sides] == [["C1"], ["C2", "C3"]]


def test_a_thing_said_to_be_so_and_not_so_by_two_sources_is_a_disagreement():
    text = ("The commission's chairman, Erik Dahl, said the count had been \"transparent and in line with the law\". "
            "Observers from the OSCE said the count was \"not fully transparent\" in one in five stations. "
            "The ministry said the road was open. Police said the road was busy.")
    claims = _merged(text, ["Erik Dahl", "the OSCE", "The ministry", "Police"])
    assert _pairs(claims) == [("Opposing accounts", "C1", "C2")]
    # a second reading's cases: another one of a kind, another place or time, another deed's doer
    for first, second in [("Police said the suspect was armed.", "Witnesses said a second suspect was not armed."),
                          ("The army said the situation was stable in the north.",
                           "Aid workers said the situation was not stable in the south."),
                          ("Volkswagen said it had raised its prices.", "Toyota said it had not raised its prices."),
                          ("The mayor said last year was difficult.", "The council said this year was not difficult.")]:
        assert _pairs(_merged(f"{first} {second}", ["A", "B"])) == [], (first, second)


def test_dismissing_the_claims_answers_all_its_source_said_just_before():
    text = ("Holm said her party's own tally showed her ahead with about 48% of the vote. "
            "\"We will not accept a result that was written before a single ballot was cast,\" she said. "
            "She called for protests on Tuesday. "
            "Lind dismissed the claims.")
    claims = _merged(text, ["Sara Holm", "Sara Holm", "Sara Holm", "Oskar Lind"])
    assert _pairs(claims) == [("Opposing accounts", "C1", "C4")]


def test_second_reading_cases_keep_the_employer_and_the_count_apart():
    # "Its" after a sentence that names another company may be that company: no employer by rule, and the
    # disagreement with the regulator stays; "Their lawyer" speaks for no body
    claims = _merged("The regulator said Southfield Water had polluted the river for years. "
                     "Its chief executive, Ann Lee, rejected the findings.", ["The regulator", "Ann Lee"])
    assert claims[1].speaker.organisation != "The regulator" and _pairs(claims) == [("Opposing accounts", "C1", "C2")]
    claims = _merged("Police said the two men had been arrested. Their lawyer, Jane Doe, said they were innocent.",
                     ["Police", "Jane Doe"])
    assert claims[1].speaker.organisation is None
    # a workforce is no turnout; cases of one disease are not cases of another
    claims = _merged("The company said it employs 4,000 workers, many of whom went on strike. "
                     "The union said fewer than 900 staff had taken part. "
                     "The ministry said it was aware of 40 cases of measles. "
                     "Doctors said they had received reports of 12 cases of salmonella.",
                     ["The company", "The union", "The ministry", "Doctors"])
    assert _pairs(claims) == []


def test_cases_and_patients_of_one_outbreak_and_a_denied_count_of_homes():
    # the sick counted as cases or as patients treated are one count; two diseases are two; "no confirmed
    # reports of homes being lost" answers the mayor's count of homes destroyed
    claims = _merged("The health ministry said 1,240 suspected cholera cases had been recorded since the start of "
                     "the month. Doctors Without Borders said its teams alone had treated more than 2,000 patients. "
                     "The WHO said 300 measles cases had been confirmed in the north.",
                     ["The health ministry", "Doctors Without Borders", "The WHO"])
    pairs = _pairs(claims)
    assert ("Different figures for cases reported", "C1", "C2") in pairs
    assert not any({a, b} == {"C1", "C3"} for _, a, b in pairs)  # (patients of no named disease: either)
    claims = _merged("Mayor Vicente Gil said at least 30 homes had been destroyed. "
                     "The regional government said it had no confirmed reports of homes being lost. "
                     "Police said there were no reports of injuries.",
                     ["Vicente Gil", "The regional government", "Police"])
    assert _pairs(claims) == [("Opposing accounts", "C1", "C2")]


def test_a_not_said_after_a_report_answers_that_report():
    text = ("Rovers have not agreed a fee for striker Daniel Okafor, the club said on Friday, after Spanish media "
            "reported that a deal worth 45 million euros had been done. "
            "Sports daily Marca said the two clubs had agreed a fee of 45 million euros. "
            "Okafor joined Rovers in 2022.")
    assert _pairs(_merged(text, ["Rovers", "Marca", "the article"])) == [("Opposing accounts", "C1", "C2")]
    text = ("The company would not comment on the deal, after Bloomberg reported that a sale worth 45 million euros "
            "had been agreed. Bloomberg said the sale worth 45 million euros had been agreed on Friday.")
    assert _pairs(_merged(text, ["The company", "Bloomberg"])) == []


def test_third_reading_cases_stay_apart():
    # "no reports of casualties" is a wire story's routine line; "after" that tells when is no answer to a
    # report; a day's new cases, injuries and burglaries are not an outbreak's count
    for first, second in [
            ("The energy ministry said Russian drones struck an energy facility in the Odesa region overnight.",
             "Governor Oleh Kiper said there were no reports of casualties from the drone strike on the facility."),
            ("Witnesses said police fired tear gas at the protesters.",
             "The man said he did not return home, after police said the protest had been banned."),
            ("The health ministry said 1,240 suspected cholera cases had been recorded.",
             "The hospital said it had treated 400 patients for injuries since the quake."),
            ("Police said 40 cases of burglary had been reported.", "The council said 25 cases of fly-tipping had been "
             "reported."),
            ("The ministry said 50 new cases were confirmed on Monday.",
             "The WHO said 400 cases had been confirmed since the outbreak began.")]:
        assert _pairs(_merged(f"{first} {second}", ["A", "B"])) == [], (first, second)
    # a chief executive named after an analyst's sentence about another company is not the analyst's
    claims = _merged("Jefferies said the recall would cost Carrow about 20 million euros. "
                     "Chief executive Joost Verhaegen said the recall was a precaution.", ["Jefferies", "Joost Verhaegen"])
    assert claims[1].speaker.organisation is None


def test_the_official_figures_said_not_to_reflect_the_clinics_are_the_ministrys():
    text = ("The health ministry said 1,240 suspected cholera cases had been recorded in the province. "
            "Doctors Without Borders said its teams alone had treated more than 2,000 patients. "
            "\"The official figures do not reflect what we are seeing in our clinics,\" said Ana Ferreira. "
            "Net migration fell to 431,000 in the year to June, the statistics office said. "
            "The opposition said the figures flattered the government.")
    claims = _merged(text, ["The health ministry", "Doctors Without Borders", "Ana Ferreira", "the statistics office",
                            "The opposition"])
    pairs = _pairs(claims)
    assert ("Opposing accounts", "C1", "C3") in pairs and ("Opposing accounts", "C4", "C5") in pairs
    assert claims[4].speaker.name.lower() == "the opposition"


def test_fourth_reading_cases_of_figures_said_to_be_off():
    # a shadow minister is not the official count; contractions and present tenses still deny; "flattered to
    # deceive" does not
    claims = _merged("The health ministry said 30 people had died. Shadow health minister Kay Dunn said 45 had died. "
                     "Aid groups said the government figures understated the toll.",
                     ["The health ministry", "Kay Dunn", "Aid groups"])
    assert ("Opposing accounts", "C1", "C3") in _pairs(claims)
    claims = _merged("The ministry said 1,240 cases had been recorded. Doctors said the figures don't reflect what "
                     "they see.", ["The ministry", "Doctors"])
    assert _pairs(claims) == [("Opposing accounts", "C1", "C2")]
    claims = _merged("Retail sales rose 2% in March, the statistics office said. The numbers flattered to deceive, "
                     "analyst Jo Lee said.", ["the statistics office", "Jo Lee"])
    assert _pairs(claims) == []


def test_a_but_sets_its_sentence_against_the_one_before_not_its_own_second_claim():
    text = ("The bank said the problem had affected a small number of customers. But Downdetector recorded more than "
            "85,000 reports of problems, and consumer group Fair Banking said millions of people could not pay.")
    doc = parse_document(text)
    rows = [("S1", "The bank said the problem had affected a small number of customers.", "The bank"),
            ("S2", "Downdetector recorded more than 85,000 reports of problems.", "Downdetector"),
            ("S2", "Consumer group Fair Banking said millions of people could not pay.", "Fair Banking")]
    claims = merge(doc, [{"evidence": [sid], "statement": st, "speaker": sp, "role": None, "organisation": None,
                          "via": [], "kind": "fact"} for sid, st, sp in rows])
    assert _pairs(claims) == [("Opposing accounts", "C1", "C2"), ("Opposing accounts", "C1", "C3")]


def test_the_groups_coordinator_speaks_for_the_group_named_just_before():
    text = ("The health ministry said 1,240 suspected cholera cases had been recorded. "
            "Doctors Without Borders said its teams alone had treated more than 2,000 patients. "
            "\"The official figures do not reflect what we are seeing,\" said Ana Ferreira, the group's emergency "
            "coordinator. She said the outbreak had probably not yet peaked.")
    claims = _merged(text, ["The health ministry", "Doctors Without Borders", "Ana Ferreira", "Ana Ferreira"])
    assert [c.speaker.organisation for c in claims[2:]] == ["Doctors Without Borders", "Doctors Without Borders"]
    topic = next(t for t in plan.topics(claims, candidates(claims)) if t.kind == "disagreement")
    assert [[c.id for c in side] for side in topic.sides] == [["C1"], ["C2", "C3", "C4"]]
    # "the ministry's spokesman" is the ministry's; a person named before is no group; nor is a body of another kind
    for first, second, org in [
            ("The health ministry said 40 clinics were open.", "Mark Obi, the ministry's spokesman, said more would open.",
             "the health ministry"),
            ("Ana Lopes said 40 clinics were open.", "Mark Obi, the group's spokesman, said more would open.", None),
            ("Greenpeace said 40 clinics were open.", "Mark Obi, the ministry's spokesman, said more would open.", None)]:
        claims = _merged(f"{first} {second}", [first.split(" said")[0], "Mark Obi"])
        assert claims[1].speaker.organisation == org, (first, second)


def test_a_figure_that_points_back_answers_the_claim_it_points_to_not_every_amount():
    text = ("Judge Mireille Vandaele sentenced Pieter Roosendaal, 58, to six years in prison and ordered him to repay "
            "42 million euros. "
            "Prosecutors had argued that he inflated the company's revenues by about 3.5 billion euros between 2017 and "
            "2021. "
            "The defence put the figure at less than 900 million euros, saying the prosecution's total wrongly included "
            "accounting errors made by other staff.")
    claims = _merged(text, ["the article", "Prosecutors", "The defence"])
    assert [c.speaker.name for c in claims] == ["the article", "Prosecutors", "the defence"]
    assert [(c.a.id, c.b.id) for c in candidates(claims) if c.kind == "figures"] == [("C2", "C3")]


def test_a_projection_called_too_optimistic_and_a_concern_dismissed_answer_the_account_before_them():
    text = ("\"We are close to the point where easing does more harm than good,\" Ashdown said. "
            "Takerei dismissed that concern, saying core inflation had fallen to about 2.4%. "
            "The bank forecast that unemployment would peak at 5.3% next year. "
            "Rachel Munro, chief economist at Harbourline Bank, said that projection was too optimistic. "
            "Devesh Patil, an analyst at Kestrel Securities, said the team was too optimistic.")
    claims = _merged(text, ["Colin Ashdown", "Miriam Takerei", "the Reserve Bank of New Zealand", "Rachel Munro",
                            "Devesh Patil"])
    claims[3] = claims[3].model_copy(update={"speaker": claims[3].speaker.model_copy(
        update={"organisation": "Harbourline Bank"})})
    assert _pairs(claims) == [("Opposing accounts", "C1", "C2"), ("Opposing accounts", "C3", "C4")]


def test_two_banks_are_two_sources_but_the_bank_is_the_bank_named():
    from summarizer.analysis.speakers import same_source
    claims = _merged("The Reserve Bank said rates would fall. Harbourline Bank said they would not.",
                     ["the Reserve Bank", "Harbourline Bank"])
    assert not same_source(claims[0], claims[1])
    bare = claims[1].model_copy(update={"speaker": claims[1].speaker.model_copy(update={"name": "the bank"})})
    assert same_source(claims[0], bare) and same_source(claims[1], bare)  # a description names no other bank


def test_second_reading_an_officer_of_the_group_is_no_ones_when_the_sentence_before_names_another():
    for text, speakers in [
            ("Israel's military said it had struck Hamas targets in Gaza. \"We will respond,\" said Abu Obeida, the "
             "group's spokesman.", ["Israel's military", "Abu Obeida"]),
            ("Police said a group of protesters had blocked the M25. \"We will be back,\" said Tom Hale, the group's "
             "spokesman.", ["Police", "Tom Hale"]),
            ("Jefferies said Carrow's recall would cost 200 million euros. \"We disagree,\" said Joost Verhaegen, the "
             "company's chief executive.", ["Jefferies", "Joost Verhaegen"])]:
        assert _merged(text, speakers)[-1].speaker.organisation is None, text
    # and judging a level is no answer to the figure: "that figure was still too high"
    claims = _merged("Statistics Canada said inflation rose to 4.1%. The governor said that figure was still too high.",
                     ["Statistics Canada", "the governor"])
    assert _pairs(claims) == []


def test_a_later_clauses_witnesses_a_police_spokesman_and_that_explanation():
    text = ("Several witnesses said officers fired what appeared to be tear gas. "
            "Police denied this. "
            "A spokesman, Inspector Alvaro Medina, told the newspaper Levante that officers had used only smoke markers. "
            "He said 14 people were detained. "
            "Esteve dismissed that account.")
    claims = _merged(text, ["several witnesses", "Police", "Alvaro Medina", "Alvaro Medina", "Nuria Esteve"])
    assert [(c.speaker.name, c.speaker.organisation) for c in claims[:2]] == [("several witnesses", None),
                                                                              ("Police", None)]
    assert claims[2].speaker.organisation == "Police"  # the spokesman of the body just before
    assert _pairs(claims) == [("Opposing accounts", "C1", "C2"), ("Opposing accounts", "C3", "C5")]
    # (a second reading: "Protesters said police had beaten them. A spokesman, Tom Hale," is no crowd's, and one
    # after a sentence naming another body is no one's)
    for first in ("Protesters said police had beaten them.", "Israel's military said it had struck Hamas targets."):
        claims = _merged(f"{first} A spokesman, Tom Hale, said the claims were false.", ["A", "Tom Hale"])
        assert claims[1].speaker.organisation is None, first
    # "rejected that explanation": the source's whole account, from its first sentence
    text = ("Tirrena Air cancelled about 180 flights on Friday. "
            "The airline said air-traffic control restrictions had forced it to reduce its schedule. "
            "It said delays had built up across its network. "
            "The pilots' union rejected that explanation.")
    claims = _merged(text, ["the article", "the airline", "the airline", "the pilots' union"])
    assert claims[1].speaker.name == "Tirrena Air"
    assert _pairs(claims) == [("Opposing accounts", "C2", "C4")]


def test_an_analysis_that_puts_the_effect_at_a_figure_and_a_criticism_rejected_with_a_reason():
    text = ("Nordhav Pharma said patients on the drug lost kidney function 31% more slowly than those given a placebo. "
            "\"This is the result patients have been waiting for,\" chief medical officer Henrik Dalsgaard said. "
            "Dr Amara Okafor said the trial had not shown any reduction in dialysis or deaths. "
            "An independent analysis published with the results found a smaller effect. "
            "It put the slowing at about 22% once patients who dropped out were included. "
            "Dalsgaard rejected the criticism, saying the trial was not designed to measure dialysis rates.")
    claims = _merged(text, ["Nordhav Pharma", "Henrik Dalsgaard", "Amara Okafor", "the article", "the article",
                            "Henrik Dalsgaard"])
    assert [c.speaker.name for c in claims[3:5]] == ["An independent analysis", "An independent analysis"]
    assert claims[1].speaker.organisation == "Nordhav Pharma"  # its chief medical officer
    assert _pairs(claims) == [("Different figures for % patients", "C1", "C5"), ("Opposing accounts", "C3", "C6")]


def test_its_own_estimate_is_its_authors_and_answers_the_figure_it_puts_higher():
    text = ("Trade Minister Daniel Whitcombe told parliament the tariff would cost Australian exporters about A$400 "
            "million a year. "
            "The Australian Beef Exporters Association dismissed the minister's figure as too low. "
            "Its own estimate, published in a report on Wednesday, put the annual loss at up to A$1.1 billion once "
            "lower prices at home were included. "
            "A spokeswoman, Sri Wahyuningsih, told the Jakarta Post that the measure was temporary.")
    claims = _merged(text, ["Daniel Whitcombe", "the Australian Beef Exporters Association", "Its own estimate",
                            "Sri Wahyuningsih"])
    assert claims[2].speaker.name.lower() == "the australian beef exporters association"
    assert claims[3].attribution == ["the Jakarta Post"]  # a newspaper's name, though a "post" may be a source's
    assert ("C1", "C3") in {(c.a.id, c.b.id) for c in candidates(claims) if c.kind == "figures"}


def test_a_source_that_says_how_another_counts_answers_that_sources_figure():
    # "The government is counting only direct sales" answers the minister's A$400 million: a minister speaks for
    # the government; "Officials counted 45 dead", a plain report of a count, answers nothing
    text = ("Trade Minister Daniel Whitcombe said the tariff would cost exporters about A$400 million a year. "
            "The Beef Exporters Association put the loss at up to A$1.1 billion. "
            "\"The government is counting only direct sales,\" said Fiona Ralston, the association's chief executive. "
            "The Red Cross said officials counted 45 dead.")
    claims = _merged(text, ["Trade Minister Daniel Whitcombe", "The Beef Exporters Association", "Fiona Ralston",
                            "The Red Cross"])
    claims[2] = claims[2].model_copy(update={"statement": "The government is counting only direct sales."})
    claims[3] = claims[3].model_copy(update={"statement": "Officials counted 45 dead."})
    pairs = _pairs(claims)
    assert ("Opposing accounts", "C1", "C3") in pairs and not any("C4" in p for p in pairs)
    # a crowd count: "Police counted only people inside the square" answers the police's own figure
    text = ("Police said about 8,000 people took part. Organisers said more than 40,000 had marched. "
            "Police counted only people inside the square, the organisers said.")
    claims = _merged(text, ["Police", "Organisers", "the organisers"])
    claims[2] = claims[2].model_copy(update={"statement": "Police counted only people inside the square."})
    assert ("Opposing accounts", "C1", "C3") in _pairs(claims)


def test_the_higher_estimate_and_a_figure_named_by_its_value_answer_the_claim_that_gave_it():
    text = ("Harbourline said about 1.2 million customers were affected. "
            "Anita Rowe, deputy commissioner at the regulator, said as many as 2.9 million people may have been exposed. "
            "\"Retailers keep data far longer than they need to,\" she said. "
            "Harbourline rejected the higher estimate. "
            "Daniel Okafor, a spokesman for Harbourline, said the 2.9 million figure counted duplicate records.")
    claims = _merged(text, ["Harbourline", "Anita Rowe", "Anita Rowe", "Harbourline", "Daniel Okafor"])
    pairs = _pairs(claims)
    assert ("Opposing accounts", "C2", "C4") in pairs and ("Opposing accounts", "C2", "C5") in pairs
    assert not any("C3" in p for p in pairs)  # her quote gives no estimate
    # a figure restated is not answered, and 12 is not in 120
    assert _pairs(_merged("Police said 12 people were killed in the crash. The toll of 12 was likely to rise, the mayor "
                          "said.", ["Police", "the mayor"])) == []
    assert _pairs(_merged("The ministry said 120 people had been arrested. The number of 12 detainees was inflated, the "
                          "rights group said.", ["The ministry", "the rights group"])) == []
    # "rejected the lower estimate": the lowest count near, not the nearest
    claims = _merged("Organisers said 40,000 people took part in the march. Police said about 8,000 people took part. "
                     "Opposition leader Ana Costa rejected the lower estimate.", ["Organisers", "Police", "Ana Costa"])
    assert ("Opposing accounts", "C2", "C3") in _pairs(claims)
    claims = _merged("Organisers said 40,000 people took part in the march. Police said about 8,000 people took part. "
                     "The interior minister dismissed the higher estimate.", ["Organisers", "Police", "the interior minister"])
    assert ("Opposing accounts", "C1", "C3") in _pairs(claims)


def test_another_sources_figure_is_its_count_not_its_target():
    text = ("The health minister said the number of people waiting for treatment had fallen below 600,000. "
            "She said the government would likely cut lists by a further 10 percent. "
            "The minister's figure leaves out more than 90,000 people waiting for scans, said Padraig Kehoe.")
    claims = _merged(text, ["the health minister", "the health minister", "Padraig Kehoe"])
    assert ("Opposing accounts", "C1", "C3") in _pairs(claims)


def test_bodies_counted_are_a_toll_and_the_army_does_not_employ_the_paramilitaries():
    # a doctor's "48 bodies" is a count of the dead like "61 civilians were killed"
    text = ("The Rapid Support Forces said 61 civilians were killed and blamed the army. "
            "Khalid Osman Idris, a spokesman for the Sudanese Armed Forces, said the drone had hit a weapons depot. "
            "He denied that civilians had been targeted. "
            "Adam Yousif, a doctor at the clinic, said staff had counted 48 bodies.")
    claims = _merged(text, ["The Rapid Support Forces", "Khalid Osman Idris", "Khalid Osman Idris", "Adam Yousif"])
    assert merge(parse_document("Scuffles broke out, and several witnesses said officers fired tear gas.\n"), [
        {"evidence": ["S1"], "statement": "Officers fired tear gas.", "speaker": "several witnesses", "role": "officers",
         "organisation": None, "via": [], "kind": "fact"}])[0].speaker.role is None  # whom they speak of
    assert claims[0].speaker.organisation is None  # "Forces" in the army's name does not name the paramilitaries
    pairs = _pairs(claims)
    assert ("Different figures for killed", "C1", "C4") in pairs
    # a public body's "12 public bodies" counts no dead
    assert not any("C2" in p for p in _pairs(_merged("The ministry said 40 people died. The auditor said 12 public "
                                                      "bodies had failed.", ["The ministry", "The auditor"])))


def test_prosecutors_speak_and_payments_that_totalled_a_sum_are_the_payments_another_source_counts():
    text = ("Police searched the minister's offices on Tuesday, prosecutors said. "
            "The Public Prosecutor's Office said it was examining payments of at least 90,000 euros. "
            "The newspaper Expresso said the payments totalled about 250,000 euros. "
            "\"The figure of 250,000 euros is pure invention,\" Miguel Sarmento, a lawyer for the minister, said.")
    claims = _merged(text, ["the article", "The Public Prosecutor's Office", "Expresso", "Miguel Sarmento"])
    assert claims[0].speaker.name == "prosecutors"
    claims[2] = claims[2].model_copy(update={"statement": "The payments totalled about 250,000 euros."})
    claims[3] = claims[3].model_copy(update={"statement": "The figure of 250,000 euros is pure invention."})
    pairs = _pairs(claims)
    assert ("Different figures for amount (EUR) payments", "C2", "C3") in pairs
    assert ("Opposing accounts", "C3", "C4") in pairs


def test_a_figure_a_claim_measures_its_own_against_is_not_its_account_of_the_sum():
    # $8 billion a year is "a fraction of the $215 billion to $387 billion" the UN says is needed: those are no
    # account of the $40 billion pledge; "told a closing news conference" is where, not a relay
    text = ("Wealthy countries pledged $40 billion over five years to help poorer nations adapt, Denmark's government "
            "said. Rezaul Karim, Bangladesh's lead climate negotiator, said the pledge amounted to $8 billion a year, a "
            "fraction of the $215 billion to $387 billion that the United Nations estimates poorer nations need to adapt. "
            "\"This is the largest commitment,\" Danish Development Minister Lars Holmgaard told a closing news "
            "conference.")
    claims = _merged(text, ["Denmark's government", "Rezaul Karim", "Lars Holmgaard"])
    assert _pairs(claims) == []
    assert claims[2].attribution == []


def test_the_agencys_estimate_is_the_agencys_volume_not_its_spokeswomans_stretch_of_river():
    # "a 40-kilometre stretch" counts nothing: the company rejects the agency's 300,000 cubic metres
    text = ("Lukanga Copper Mining said about 50,000 cubic metres of tailings had escaped. "
            "The Zambia Environmental Management Agency put the volume at close to 300,000 cubic metres. "
            "Grace Mwansa, a spokeswoman for the agency, said dead fish had been found along a 40-kilometre stretch. "
            "Lukanga rejected the agency's estimate as speculative.")
    claims = _merged(text, ["Lukanga Copper Mining", "The Zambia Environmental Management Agency", "Grace Mwansa",
                            "Lukanga"])
    assert claims[2].speaker.organisation and "Zambia" in claims[2].speaker.organisation
    assert ("Opposing accounts", "C2", "C4") in _pairs(claims) and not any("C3" in p for p in _pairs(claims))


def test_a_call_to_step_aside_and_the_word_that_the_minister_keeps_the_governments_confidence_are_two_sides():
    text = ("Police searched the offices of Infrastructure Minister Joao Teixeira, prosecutors said. "
            "Ana Correia, a deputy for the opposition Socialist Party, said Teixeira should step aside while the "
            "investigation continues. The government could face a confidence vote, she told broadcaster SIC. "
            "The prime minister's office said the minister retained the government's confidence.")
    claims = _merged(text, ["the article", "Ana Correia", "Ana Correia", "the prime minister's office"])
    pairs = _pairs(claims)
    # "the minister" is Teixeira: the article calls him Infrastructure Minister Joao Teixeira
    assert ("Opposing accounts", "C2", "C4") in pairs
    # a confidence vote is no word on whether he stays
    assert not any("C3" in p for p in pairs)
    # he says he stays: his own word answers the call
    stays = _merged("Opposition leader Mia Berg called for the minister's resignation. Minister Karl Olsen "
                    "said he would not step down.", ["Mia Berg", "Karl Olsen"])
    assert _pairs(stays) == [("Opposing accounts", "C1", "C2")]


def test_what_is_no_call_to_go_and_no_word_that_someone_stays_is_no_row_over_a_post():
    rows = [  # (sentences, speakers): none of them a row over whether someone keeps a post
        # no confidence is agreement with the call, not an answer to it
        ("Opposition leader Marta Temido said the health minister should resign. Union leader Rui Sousa said the "
         "union had no confidence in the minister.", ["Marta Temido", "Rui Sousa"]),
        # confidence in another person, in a plan, in the economy
        ("Senator Amy Ross said the treasury secretary should resign. The White House said the attorney general "
         "retained the president's full confidence.", ["Amy Ross", "the White House"]),
        ("Investor Carl Hahn said the chief executive should step down. The board said it had full confidence in "
         "the restructuring plan.", ["Carl Hahn", "the board"]),
        # "should go further", "should go ahead", "quit smoking", "the removal of troops"
        ("Union leader Ann Ward said the government should go further on pay. The minister said he had the full "
         "backing of the cabinet.", ["Ann Ward", "the minister"]),
        ("Health officials urged smokers to quit. Tobacco firm Imperial said smokers would not quit because of the "
         "tax.", ["health officials", "Imperial"]),
        ("Protest leader Ali Khan called for the removal of foreign troops. The defence minister said he retained "
         "the confidence of parliament.", ["Ali Khan", "the defence minister"]),
        # a call under a condition, a call that was rejected, a call of long ago
        ("Councillor Jo Bell said the mayor should step down if the audit found wrongdoing. The mayor's office said "
         "the mayor had the full backing of the council.", ["Jo Bell", "the mayor's office"]),
        ("Health Minister Ana Martins, who has faced calls for her resignation, said she would not step down. Prime "
         "Minister Luis Montenegro said she retained his full confidence.", ["Ana Martins", "Luis Montenegro"]),
        ("Historian Anne Applebaum said in 2019 many argued the then president should resign. The current "
         "president's spokesman said he would not resign.", ["Anne Applebaum", "the current president's spokesman"]),
    ]
    for text, speakers in rows:
        assert _pairs(_merged(text, speakers)) == [], text
    # two rows in one story: each call is answered by the word on its own person only
    two = _merged("Opposition MP Ruth Davidson said the defence minister should resign. Defence minister Grant "
                  "Shapps said he would not resign. Fans' group chairman Ian Wright said the club chairman should "
                  "step down. Club chief executive Sam Allen said the chairman had the full backing of the board.",
                  ["Ruth Davidson", "Grant Shapps", "Ian Wright", "Sam Allen"])
    assert sorted(_pairs(two)) == [("Opposing accounts", "C1", "C2"), ("Opposing accounts", "C3", "C4")]


def test_a_source_that_stands_by_its_reporting_answers_the_one_who_called_its_figure_an_invention():
    text = ("The Public Prosecutor's Office said it was examining payments of at least 90,000 euros. "
            "The newspaper Expresso said the payments totalled about 250,000 euros. "
            "\"The figure of 250,000 euros is pure invention,\" Miguel Sarmento, a lawyer for the minister, said. "
            "Expresso said it stood by its reporting, which was based on bank records.")
    claims = _merged(text, ["The Public Prosecutor's Office", "Expresso", "Miguel Sarmento", "Expresso"])
    claims[1] = claims[1].model_copy(update={"statement": "The payments totalled about 250,000 euros."})
    claims[2] = claims[2].model_copy(update={"statement": "The figure of 250,000 euros is pure invention."})
    pairs = _pairs(claims)
    assert ("Opposing accounts", "C3", "C4") in pairs and ("Opposing accounts", "C1", "C4") not in pairs
    # the newspaper's two claims are one side of one dispute
    ranked = plan.topics(claims, candidates(claims))
    dispute = next(t for t in ranked if t.kind == "disagreement")
    assert [[c.id for c in side] for side in dispute.sides] == [["C1"], ["C2", "C4"], ["C3"]]
    # it no longer stands by it; it stands by something else, which nobody disputed
    retracted = _merged(text.replace("it stood by its reporting", "it no longer stood by its reporting"),
                        ["The Public Prosecutor's Office", "Expresso", "Miguel Sarmento", "Expresso"])
    retracted[:3] = claims[:3]
    assert not any("C4" in p for p in _pairs(retracted))
    lopez = _merged("Senator Tim Blake said the trade deal would cost 50,000 jobs. Commerce Secretary Gina Lopez said "
                    "the deal would create 20,000 jobs. Lopez said she stood by her remarks on immigration last week.",
                    ["Tim Blake", "Gina Lopez", "Gina Lopez"])
    assert not any("C3" in p for p in _pairs(lopez))
    # standing by a claim nobody disputed answers nothing
    alone = _merged("The council said the bridge would reopen in May. The contractor said it stood by its "
                    "estimate.", ["the council", "the contractor"])
    assert _pairs(alone) == []


def test_rate_decision_forecasts_an_answer_to_what_the_governor_says_and_a_number_inside_a_name():
    text = ("Governor Tomasz Wierzbicki said bank staff now expected inflation to fall to 3.2% by year-end, down from "
            "the 3.8% projected in November. "
            "Council member Marta Kolodziej, one of the two dissenters, said the cut was premature. "
            "In an interview with TVN24, she said inflation would probably stay above 4% at year-end. "
            "\"This is the start of an easing cycle, whatever the governor says,\" economist Piotr Zalewski said. "
            "Wierzbicki told reporters the cut should not be read as the start of a series of reductions.")
    claims = _merged(text, ["Governor Tomasz Wierzbicki", "Marta Kolodziej", "Marta Kolodziej", "Piotr Zalewski",
                            "Wierzbicki"])
    assert "Wierzbicki" not in claims[2].speaker.name and [q.text for q in claims[2].quantities] == ["above 4%"]
    pairs = _pairs(claims)
    # the staff forecast against hers (the November projection is no account of year-end inflation), and the
    # economist against the governor's words he names
    assert ("Different figures for % inflation", "C1", "C3") in pairs and ("Opposing accounts", "C4", "C5") in pairs
    assert len(pairs) == 2


def test_a_fraud_trial_that_argument_is_the_one_just_made_and_a_deed_denied_answers_who_said_it_was_done():
    text = ("Brandt's lawyer, Jan Osterhage, said his client would appeal. "
            "\"My client did not commit fraud,\" Osterhage said. "
            "He said the fictitious revenue had been booked by a subsidiary in Dubai without Brandt's knowledge. "
            "Judge Claudia Mertens rejected that argument, saying emails showed Brandt had approved the contracts.")
    claims = _merged(text, ["Jan Osterhage", "Jan Osterhage", "Jan Osterhage", "Claudia Mertens"])
    assert ("Opposing accounts", "C3", "C4") in _pairs(claims) and ("Opposing accounts", "C1", "C4") not in _pairs(claims)
    strike = _merged("Union leader Rita Almeida said management had refused to meet negotiators for five months. "
                     "\"We have never refused to negotiate,\" chief executive Paulo Menezes said.",
                     ["Rita Almeida", "Paulo Menezes"])
    assert _pairs(strike) == [("Opposing accounts", "C1", "C2")]
    recall = _merged("Mark Reyes of the Safe Roads Alliance said Haruna Motor knew about the problem in 2022 and "
                     "waited more than a year to act. \"We did not delay this recall,\" spokeswoman Emily Carter said.",
                     ["Mark Reyes", "Haruna spokeswoman Emily Carter"])
    assert _pairs(recall) == [("Opposing accounts", "C1", "C2")]
    # a deed of someone else, or what befell someone, is no account the speaker denies
    for first, second in [("Police said 12 passengers were injured in the crash.", "The driver said he was not injured."),
                          ("The fire service said the storm closed dozens of roads.",
                           "\"We did not close the border,\" the interior minister said."),
                          ("Police said officers arrested 40 protesters.", "Union leader Ana Ruiz said she was never arrested.")]:
        assert _pairs(_merged(f"{first} {second}", ["A", "B"])) == [], (first, second)
    # the deed of the one who says it ("it had raised") is no account another source denies
    assert _pairs(_merged("Volkswagen said it had raised its prices. Toyota said it had never raised its prices.",
                          ["Volkswagen", "Toyota"])) == []


def test_a_fire_figures_a_recall_count_and_an_audit_answered_as_false():
    fire = _merged("The fire service said the blaze had burnt about 4,200 hectares by Tuesday evening. The regional "
                   "government put the burnt area at 2,900 hectares on Tuesday evening.",
                   ["the fire service", "the regional government"])
    assert _pairs(fire) == [("Different figures for hectares burnt", "C1", "C2")]
    recall = _merged("Haruna said it was aware of 12 fires linked to the defect. The consumer group Safe Roads "
                     "Alliance said it had documented at least 41 fires in Vela vehicles.", ["Haruna", "Safe Roads Alliance"])
    assert _pairs(recall) == [("Different figures for fires reported", "C1", "C2")]
    audit = _merged("The audit, seen by Reuters, found 4.2 million dollars in payments to consultancy firms. "
                    "\"These allegations are false,\" Ocampo told a news conference. "
                    "He said the payments in question totalled 1.3 million dollars.",
                    ["the audit", "Hernan Ocampo", "Hernan Ocampo"])
    pairs = _pairs(audit)
    assert ("Different figures for amount (USD) payments", "C1", "C3") in pairs
    assert ("Opposing accounts", "C1", "C2") in pairs


def test_second_reading_allegations_called_false_an_argument_and_counts_that_stay_comparable():
    # "These allegations are false" answers the account of a deed, not the count of arrests just before it
    bribes = _merged("Opposition MP Dan Cole said the minister had taken bribes from a builder. Police said 12 people "
                     "were arrested at a protest outside parliament. \"These allegations are lies,\" minister Eva Lund "
                     "said.", ["Dan Cole", "Police", "Eva Lund"])
    assert _pairs(bribes) == [("Opposing accounts", "C1", "C3")]
    # "that argument" is the claim that argued it, not the next one of its source
    argued = _merged("Defence lawyer Ana Berg argued the police search of the flat was illegal. She said her client "
                     "would appeal any conviction. Judge Tom Reyes rejected that argument, saying the search warrant "
                     "was valid.", ["Ana Berg", "Ana Berg", "Tom Reyes"])
    assert _pairs(argued) == [("Opposing accounts", "C1", "C3")]
    # cases recorded and cases reported are one count; so is inflation "now expected" to peak
    cholera = _merged("The ministry said it had recorded 900 cases of cholera. The WHO said 1,400 cases of cholera had "
                      "been reported.", ["The ministry", "The WHO"])
    assert [t for t, _, _ in _pairs(cholera)] == ["Different figures for cases reported"]
    peak = _merged("The central bank said inflation is now expected to peak at 5.1% in March. Economist Jan Roth said "
                   "inflation would peak at 6% in March.", ["The central bank", "Jan Roth"])
    assert [t for t, _, _ in _pairs(peak)] == ["Different figures for % inflation"]
    # a sum whose currency code is written against it is one figure ("Rs1,200 crore" is not 200)
    rupees = _merged("The state government said it spent Rs1,200 crore on relief. The opposition said the state spent "
                     "Rs 1,200 crore on relief.", ["The state government", "The opposition"])
    assert _pairs(rupees) == []
    # complying with whatever the regulator says is no answer to it
    comply = _merged("The regulator said the merger would raise prices. \"We will comply with whatever the regulator "
                     "says,\" chief executive Tom Hale said.", ["The regulator", "Tom Hale"])
    assert _pairs(comply) == []


def test_an_election_count_the_disputed_ballots_are_no_denial():
    # "the disputed ballots" is an adjective: a monitor's view that they could change the outcome denies
    # nobody's count of ballots thrown out; "disputed the figure" still denies
    def pairs(second: str, speaker: str):
        doc = parse_document("More than 11,000 ballots had been thrown out, Berg said on Sunday. " + second)
        drafts = [{"evidence": [s.id], "statement": st, "speaker": sp, "role": None, "organisation": None, "via": [],
                   "kind": "fact"} for s, st, sp in zip(doc.sentences, ["More than 11,000 ballots had been thrown out",
                                                                        second], ["Tomas Berg", speaker])]
        return _pairs(merge(doc, drafts))

    assert pairs("The disputed ballots may be enough to change the outcome.", "Clean Ballot Network") == []
    assert pairs("Marta Lindqvist disputed the count of ballots thrown out.", "Marta Lindqvist") != []
    # only a lower-case article or possessive makes it an adjective (second reading)
    from summarizer.analysis.denials import denies

    assert all(denies(s) for s in ("Officer A denied firing the first shot.", "Mr An denied the allegations.",
                                   "ITS denied the report.", "Its spokesman denied the claim."))
    assert not any(denies(s) for s in ("Its rejected bid was the highest.", "the dismissed officer will appeal"))

