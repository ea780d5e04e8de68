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
