"""When a claim holds is read from the article's words, not asked of the model: the phrase as written,
the one the statement repeats when the sentence gives several, and none rather than a guess."""

import pytest

from summarizer.analysis.times import time_expressions, time_of


@pytest.mark.parametrize("sentence, expected", [
    ("The weather service warned that heavy rain was likely until at least Friday.", ["until at least Friday"]),
    ("Electricity prices rose 11.2% after a tariff increase took effect on Oct. 1.", ["on Oct. 1"]),
    ("As of April 2025, the forces are believed to have suffered over 5,000 casualties.", ["As of April 2025"]),
    ("The army sent 3,000 more troops in January and February.", ["in January and February"]),
    ("Temperatures stayed above 23C between mid-July and mid-August, the institute said on Tuesday.",
     ["between mid-July and mid-August", "on Tuesday"]),
    ("His son took a job at a shipyard two years ago.", ["two years ago"]),
    ("Summer temperatures have risen by about 1.1C since the early 1980s.", ["since the early 1980s"]),
    ("The programme is expected to save about a billion euros a year from 2028.", ["from 2028"]),
    ("Last week, the military said 4,000 of the troops dispatched last year were casualties.",
     ["Last week", "last year"]),
    ("The cuts come by the end of 2027, the company said on Thursday.", ["by the end of 2027", "on Thursday"]),
    ("Output fell in the third quarter and in recent weeks.", ["in the third quarter", "in recent weeks"]),
    ("Rain fell in mid-July; averages have risen since the 1980s and may double by the 2040s.",
     ["in mid-July", "since the 1980s", "by the 2040s"]),
    ("Protesters marched in Augusta this weekend.", ["this weekend"]),  # whole words: no "August", no "week"
    ("Output fell by 2000 barrels a day in March, and the plant will close by 2030.", ["in March", "by 2030"]),
])
def test_time_phrases_are_found_as_written(sentence, expected):
    assert time_expressions(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Prices may rise further, the bank warned.",  # "may" the verb is no month
    "May I ask what the plan is?",
    "The federation, which represents 2,100 owners, counted 1,100 rafts.",  # counts are not years
    "The site is 2,000 years old; 2,019 people live there.",
    "The Mail on Sunday reported it, and he told USA Today.",  # a title, not a day
])
def test_no_time_where_the_sentence_gives_none(sentence):
    assert time_expressions(sentence) == []


def test_the_statement_picks_among_several_times_and_none_is_guessed():
    evidence = "Last week, the military said 4,000 of the troops dispatched last year were casualties."
    assert time_of("4,000 of the troops dispatched last year were casualties.", evidence) == "last year"
    assert time_of("The military counted 4,000 casualties.", evidence) is None  # two times, none repeated
    assert time_of("Prices rose 1.3%.", "Prices rose 1.3% in October.") == "in October"  # the only one
    assert time_of("Prices rose.", "Prices rose sharply.") is None
