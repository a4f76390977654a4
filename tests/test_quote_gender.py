"""An English ``he``/``she`` never goes to someone the article says is of the other gender.
Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language import gender

from .quote_helpers import speakers

CHAIRWOMAN = ('"Our families deserve answers about this app," Chairwoman Cathy Rodgers, a '
              'Republican from Ohio, said in her opening statement.')


def test_he_after_a_woman_goes_to_the_man_named_since():
    assert speakers(
        CHAIRWOMAN,
        "Her sentiments were supported by the panel's leading Democrat, Frank Pallone of New "
        'Jersey. "The platform threatens the privacy of every family in this country," he said.',
        language="en",
    ) == ["Cathy Rodgers", "Frank Pallone"]


def test_a_possessive_after_a_name_tells_the_gender():
    # "his entire life": Baskin is a man, so "she said" is not his; no woman is named in full,
    # so the quote has no speaker rather than the wrong one
    assert speakers(
        "Dr. Baskin has spent his entire life treating people with tumors.",
        '"Most people are faced with this terrible decision," Dr. Baskin said.',
        "So for the last half year, Gonzalez has been placing her hope on the helmet.",
        '"There were moments when I was getting frustrated with all of it," she said.',
        language="en",
    ) == ["Baskin", None]


def test_a_pronoun_that_fits_or_a_person_of_unknown_gender_keeps_the_referent():
    assert speakers(
        CHAIRWOMAN, '"We will call the company back before the summer recess," she said.',
        language="en",
    ) == ["Cathy Rodgers", "Cathy Rodgers"]
    assert speakers(  # nothing says who Lee is: "she" may mean Lee
        '"The budget is balanced and the schools are funded," Governor Sam Lee said.',
        '"We will see the numbers when the year ends," she said.',
        language="en",
    ) == ["Sam Lee", "Sam Lee"]
    assert speakers(  # "with him" is someone else: Reyes may still be "she"
        '"The budget is balanced and the schools are funded," Governor Sam Lee said.',
        'Mayor Tom Reyes disagreed with him in public.',
        '"We will see the numbers when the year ends," she said.',
        language="en",
    ) == ["Sam Lee", "Tom Reyes"]
    assert speakers(  # Indonesian pronouns have no gender
        '"Kami akan memanggil direksi perusahaan itu," kata Ketua Komisi Rina Wati.',
        '"Semua data harus dibuka untuk publik," ujarnya.',
    ) == ["Rina Wati", "Rina Wati"]


def test_the_gender_a_role_or_a_relation_word_gives():
    assert gender.of_role("Chairwoman") == gender.of_role("Ms.") == gender.FEMALE
    assert gender.of_role("Sen. Mr.") == gender.MALE
    assert gender.of_role("Chairman") is None  # said of women too
    assert gender.of_role("Sen.") is None and gender.of_role(None) is None
    assert gender.after_name("Rodgers said her committee would meet", 7) == gender.FEMALE
    assert gender.after_name("Reyes told Jane Roe that she was right", 5) is None
    assert gender.after_name("Reyes told her that the plan was dead", 5) is None
    assert gender.after_name("Reyes disagreed with him", 5) is None
