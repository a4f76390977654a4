"""Speakers named outside the usual reporting patterns: a pull quote credited after a dash, a
name and title with no verb, a less common verb, an affiliation after the name, a person met
before as the subject of a verb in ``-s`` or of an opening clause. Made-up sentences in the
shapes real news uses."""

from __future__ import annotations

from .quote_helpers import speakers


def test_a_pull_quote_credited_after_a_dash_is_that_persons():
    assert speakers(
        'Senator Ann Cole spoke first.',
        '"Only the people can decide this. I will not pretend otherwise." — Sen. Mary Booth',
        language="en",
    ) == ["Mary Booth"]  # (not Ann Cole, whom the text followed)
    assert speakers('"Kami tidak akan mundur." - Ketua DPR Puan Maharani') == ["Puan Maharani"]
    assert speakers('"A plan for all of us," – Gov. Tim Reyes, D-Ore.', language="en") == [
        "Tim Reyes"]


def test_a_dash_then_prose_is_no_credit():
    # the words after the dash go on with the story: the quote keeps whom the text follows
    assert speakers(
        'Mayor Lena Ortiz took the stage.',
        '"We will rebuild this town, street by street." — Then she left the stage.',
        language="en",
    ) == ["Lena Ortiz"]
    # a title of a work after the dash is no one's
    assert speakers('"A good day" - Washington Post headline', language="en") == []


def test_a_name_and_what_they_are_after_the_quote_with_no_verb():
    assert speakers(
        "Photo Credit: Acme",
        '“This phone is faster than anything we have built,” John Park, head of design at Acme',
        "Buyers can order it next week.",
        '“Orders will open on Monday and we expect demand.” Lisa Grant, sales director at Acme',
        language="en",
    ) == ["John Park", "Lisa Grant"]  # (was "Photo Credit", "Buyers")
    assert speakers(  # a new sentence after the quote is no credit
        'Mayor Lena Ortiz spoke first. "We will rebuild this town, street by street." However '
        "Ortiz, like her rival, gave no date.",
        language="en",
    ) == ["Lena Ortiz"]


def test_admits_and_an_affiliation_after_the_name():
    assert speakers(
        "“The plan is ambitious,” says Paul Ruiz.",
        "The European Green Fund, launched in May, sets a high target.",
        "“It costs a lot of money,” admits Ruiz.",
        language="en",
    ) == ["Paul Ruiz", "Paul Ruiz"]  # (was "European Green Fund")
    assert speakers("“The fish are gone,” said Sam Wood of the Coastal Fishing Group.",
                    language="en") == ["Sam Wood"]  # (was the group)


def test_a_person_met_before_as_the_subject_of_a_verb_in_s_or_of_an_opening_clause():
    nurse = "“I stopped counting calories,” said Ana Silva, a 30-year-old nurse from Leeds."
    therapist = "“Apps like this feed an old habit,” said Rosa Kent, a therapist."
    assert speakers(
        nurse, therapist,
        "Culturally, Silva thinks we have made hunger into a problem. “Being hungry is "
        "normal,” she wrote in a post last week.",
        language="en",
    )[-1] == "Ana Silva"  # (was Rosa Kent)
    assert speakers(
        nurse, therapist,
        "When Silva feels the pull of the app, she calls a friend, she said.",
        "“I know many people who feel the same,” she said.",
        language="en",
    )[-1] == "Ana Silva"  # (was Rosa Kent)


def test_the_subject_before_a_verb_past_appositives_and_relative_clauses():
    assert speakers('Rob Diaz, who plays Hale, the ship’s doctor, says that “the set felt like '
                    'home.”', language="en") == ["Rob Diaz"]  # (was "Hale")
    assert speakers('Kim Lee, PhD, senior manager, Research R&D at Nova Labs, said, “The test '
                    'went well.”', language="en") == ["Kim Lee"]  # (was "Research R")
    assert speakers(  # a relative clause the verb ends is the subject's own
        'Officials said Acme Foods, which Mayor Lena Ross described as “a staple of the '
        'borough and of everyone who lives here,” would make a statement.',
        language="en",
    ) == ["Lena Ross"]
    assert speakers('"We are hiring staff," Secretary of Transport Anna Holt said.',
                    language="en") == ["Anna Holt"]  # (was "Transport Anna Holt")


def test_said_then_a_possessive_is_what_was_said():
    assert speakers(
        "Paul Kerr, a historian at Leeds University, said the FAA's approach reflects an old "
        "problem.",
        'The FAA, he added, is "clearly struggling with this problem."',
        language="en",
    ) == ["Paul Kerr"]  # (was "FAA's")


def test_a_clause_before_the_quote_is_no_title():
    assert speakers(
        'Amid an epidemic of addiction, if the expanded policy for methadone ends, "thousands of '
        'people are going to die," said Rick Hale, an activist.',
        language="en",
    ) == ["Rick Hale"]  # (was a term, with no speaker)


def test_more_reporting_verbs_and_a_pronoun_before_a_colon():
    assert speakers('“The council is corrupt and lazy,” Mayor Paul Hart raged on his website.',
                    '“Stop buying bottled water!” commands Lena Ford, a coach.',
                    '“Take me back to the shore tonight,” Mira Lopez sings.',
                    language="en") == ["Paul Hart", "Lena Ford", "Mira Lopez"]
    assert speakers(
        '“Stop buying bottled water!” commands Lena Ford, a coach.',
        "Posing with a plastic bottle, she lectures the viewer: “This is poison!”",
        language="en",
    ) == ["Lena Ford", "Lena Ford"]  # (was "Posing")


def test_a_pronoun_opening_the_sentence_is_whom_it_means_and_a_short_title_is_the_title():
    assert speakers(
        "Gov. Mark Dale said the plan was weak. “It will fail,” Dale said.",
        "He went on to say that voters needed to “agree on the basic facts,” a dig at his rival.",
        "“It is just noise to me,” the governor said.",
        language="en",
    ) == ["Mark Dale"] * 3  # (was "He", then "the governor")
    assert speakers(
        "“If the news is true, we will oppose it,” said Shu Mei, a spokeswoman for the ministry.",
        "She added that the sale “would seriously damage investors from many countries.”",
        language="en",
    ) == ["Shu Mei"] * 2  # (was "She")


def test_a_contraction_before_a_quote_is_no_possessive():
    assert speakers(
        "“Parenting videos are everywhere,” Beth Cole says.",
        "“Negativity sells,” Ann Price says.",
        "Parenting advice has gone from novel to feeling like it’s “taking over my mind,” Cole "
        "says. “I started to doubt myself,” she added.",
        language="en",
    )[-2:] == ["Beth Cole", "Beth Cole"]  # (the first was a term, the second Ann Price's)


def test_a_phrase_before_says_and_a_long_title_after_a_question():
    assert speakers(
        'Using harsh words “makes you look like an expert” by dismissing other views, says Mia '
        'Long, a professor at Hill College. “It works well.”',
        language="en",
    ) == ["Mia Long", "Mia Long"]  # (was "by dismissing other views")
    assert speakers(
        "“The dyes are safe,” said Tom Gabriel, a spokesman for the makers.",
        "“Why is this dye in our candy?” City Health Department Senior Advocate Rita Moss added "
        "in the statement.",
        language="en",
    ) == ["Tom Gabriel", "Rita Moss"]  # (the question was Gabriel's)
