"""Figures and hedges are read deterministically, so the checks that use them can be trusted."""

from summarizer.analysis.figures import numbers_in, quantities, unsupported_numbers
from summarizer.analysis.hedges import certainty_level


def test_quantities_keep_value_unit_qualifier_and_text():
    qs = quantities("About 12,000 North Korean soldiers were sent and more than 5,000 casualties; USD 1.23 billion")
    assert [(q.value, q.unit, q.qualifier, q.text) for q in qs] == [
        (12000.0, "soldiers", "about", "About 12,000 North Korean soldiers"),
        (5000.0, "casualties", "more than", "more than 5,000 casualties"),
        (1.23e9, "USD", None, "USD 1.23 billion"),
    ]


def test_figures_in_words_comparatives_and_ranges():
    def read(text):
        return [(round(q.value, 3), q.qualifier) for q in quantities(text)]

    assert read("It will close three of its seven plants and cut nearly a quarter of its 38,000 jobs.") == [
        (3.0, None), (7.0, None), (0.25, "nearly"), (38000.0, None)]
    assert read("About two-thirds of the cuts will save about a billion euros; One-third were killed.") == [
        (0.667, "about"), (1e9, "about"), (0.333, None)]
    assert read("No one was hurt, and one of the plants stays open.") == []  # pronouns, not counts
    assert read("Permits fell in the third quarter, the third decline in a row.") == []  # ordinals, not shares
    assert read("Sales were 14% fewer, shares 4.2% higher, water above 23C.") == [
        (14.0, "fewer"), (4.2, "higher"), (23.0, "above")]
    # a range only between figures of one unit: a rise by 50 basis points to 6.25% is no range
    assert read("It raised its rate by 50 basis points to 6.25%; it expects 6.5% to 7%.") == [
        (50.0, None), (6.25, None), (6.5, "to"), (7.0, "to")]


def test_whole_numbers_in_words_are_read_whole():
    # style guides spell out a number that opens a sentence: "Forty-one" is 41, not 40 and 1
    evidence = "Forty-one people were injured, three of them seriously. Two hundred and fifty homes were lost."
    assert unsupported_numbers("41 people were injured and 250 homes lost", evidence) == []
    assert unsupported_numbers("40 people were injured", evidence) == ["40"]
    assert [(q.value, q.unit) for q in quantities(evidence)] == [(41.0, "people"), (3.0, None), (250.0, "homes")]
    assert [q.value for q in quantities("Seventy-five thousand troops and ninety-nine tanks")] == [75000.0, 99.0]
    assert unsupported_numbers("150 people left 2,500 homes", "A hundred and fifty people left two thousand five "
                               "hundred homes") == []
    # hyphenated ratios keep both numbers
    assert unsupported_numbers("a 1 in 5 chance after a 7-2 vote", "a one-in-five chance after a seven-to-two vote") == []


def test_both_ends_of_a_range_count_what_the_second_counts():
    qs = quantities("Deaths could rise by between 20 and 40 percent, and 120 to 150 homes may be lost.")
    assert [(q.value, q.unit, q.qualifier) for q in qs] == [
        (20.0, "%", "between"), (40.0, "%", "between"), (120.0, "homes", "to"), (150.0, "homes", "to")]
    # and its scale; two years are no count of what follows the second
    assert [(q.value, q.unit) for q in quantities("It will cost between 5 and 10 billion euros.")] == [
        (5e9, "EUR"), (1e10, "EUR")]
    assert quantities("from 2010 to 2020 deaths rose")[0].unit is None


def test_worth_and_ago_end_what_a_figure_counts():
    qs = quantities("He steered three road contracts worth a combined 85 million euros to a builder.")
    assert [(q.value, q.unit) for q in qs] == [(3.0, "contracts"), (85e6, "EUR")]
    assert [(q.value, q.unit) for q in quantities("They were richer three years ago.")] == [(3.0, "years")]


def test_numbers_are_normalised():
    assert numbers_in("5,000 and 5000 and 1.23 and 13.5") == {5000.0, 1.23, 13.5}


def test_unsupported_numbers_catch_a_fabricated_figure():
    evidence = "about 12,000 soldiers were sent, around 4,000 killed or injured, for about three weeks"
    assert unsupported_numbers("12,000 sent and 4,000 hurt over 3 weeks", evidence) == []
    assert unsupported_numbers("12,500 soldiers were sent", evidence) == ["12,500"]


def test_certainty_levels_follow_the_yardstick():
    assert certainty_level([]) == "asserted"
    assert certainty_level(["almost certainly"]) == "almost certain"
    assert certainty_level(["probably"]) == "likely"
    assert certainty_level(["highly unlikely"]) == "highly unlikely"
    assert certainty_level(["suggest"]) == "realistic possibility"


def test_dollar_signs_of_other_countries_keep_their_currency():
    assert [(q.unit, q.text) for q in quantities("Canberra will spend A$9 billion, Ottawa C$2 billion.")] == \
        [("AUD", "A$9 billion"), ("CAD", "C$2 billion")]
    assert [q.unit for q in quantities("It cost $5 million and NZ$3 million.")][0] == "USD"



def test_what_a_figure_counts_keeps_a_phrasal_verb_and_a_comma_figure_is_no_year():
    from summarizer.analysis.extract import merge
    from summarizer.analysis.figures import measure
    from summarizer.ingest.document import parse_document

    doc = parse_document("About 120,000 people took part, the coalition said. Unite said the number of jobs at "
                         "risk was closer to 2,000. The firm was founded in 2000.")
    claims = merge(doc, [{"evidence": [s.id], "statement": s.text, "speaker": "the article", "role": None,
                          "organisation": None, "via": [], "kind": "fact"} for s in doc.sentences])
    assert [[measure(c, q) for q in c.quantities] for c in claims] == [["turnout"], ["jobs cut"], [None]]


def test_a_time_after_the_counted_noun_is_not_what_the_figure_counts():
    assert [(q.value, q.unit) for q in quantities("It spilled sewage on 4,870 occasions last year.")] == [
        (4870.0, "occasions")]
    assert [(q.value, q.unit) for q in quantities("About 2 million customers next month will get refunds.")] == [
        (2000000.0, "customers")]


def test_a_particle_after_the_counted_noun_is_not_what_the_figure_counts():
    assert [(q.value, q.unit) for q in quantities("It won by 4,212 votes out of roughly 890,000 cast.")] == [
        (4212.0, "votes"), (890000.0, None)]  # votes, not "out"; "cast" is the verb
    assert [(q.value, q.unit) for q in quantities("It sent 300 troops back and cut 1,200 jobs up to March.")] == [
        (300.0, "troops"), (1200.0, "jobs")]
    # before the noun the same words modify it
    assert [(q.value, q.unit) for q in quantities("12 down payments and 3 cast members were lost.")] == [
        (12.0, "payments"), (3.0, "members")]
    # an irregular past tense after the noun is the clause's verb, not part of what is counted
    assert [(q.value, q.unit) for q in quantities("40 offshore rigs shut down, 2 water mains burst and 5 people hurt "
                                                     "when 300 residents fled.")] == [
        (40.0, "rigs"), (2.0, "mains"), (5.0, "people"), (300.0, "residents")]
    assert [(q.value, q.unit) for q in quantities("Crews fixed 40 burst pipes.")] == [(40.0, "pipes")]


def test_a_grade_is_no_count_and_a_toll_counts_the_dead():
    from summarizer.analysis.figures import measure
    from summarizer.models import Certainty, Claim, Evidence, Speaker

    def labels(statement):
        c = Claim(id="C1", statement=statement, speaker=Speaker(name="AFAD"), kind="fact", certainty=Certainty(hedged=False, level="asserted"),
                  quantities=quantities(statement), evidence=[Evidence(sentence_id="S1", start=0,
                                                                       end=len(statement), text=statement)])
        return [measure(c, q) for q in c.quantities]

    assert labels("The death toll from a magnitude 6.8 earthquake rose to at least 312 on Tuesday.") == [None, "killed"]
    assert labels("AFAD said 2,140 people had been injured and more than 9,000 were staying in tents.") == [
        "wounded", None]
    assert labels("The quake killed 40 people and injured 200.") == ["killed", "wounded"]
