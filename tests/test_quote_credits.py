"""Speakers named outside the usual reporting patterns: a pull quote credited after a dash.
Made-up sentences in the shapes real news uses."""

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
