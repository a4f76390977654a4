"""Quotes that are no one's speech, or someone's despite the words around them: a sign's or a
law's text, a mentioned word, an adjective taken for a reporting verb, a question with names
quoted inside it, a pronoun taken for a name. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language.quotes import find_quotes


def found(*paragraphs: str, language: str) -> list[tuple[str, str, str | None]]:
    return [(q.text[:12], q.kind, q.speaker)
            for quotes in find_quotes(list(paragraphs), language=language) for q in quotes]


def test_a_signs_or_a_laws_words_are_no_ones_the_text_follows():
    assert found(
        "“We only enforce it on weekends,” said Tom Ellery, the park manager.",
        "Before it was taken down, the notice read: “No dogs, no drones and no open flames "
        "beyond this point.”",
        "The notice goes on to ban any vehicle “that exceeds two tons in weight or three "
        "meters in height.”",
        "The new law aims to create a “single licence for all payment firms across the "
        "region.”",
        "He added: “The rules are clear to everyone.”", language="en") == [
        ("We only enfo", "statement", "Tom Ellery"), ("No dogs, no ", "statement", None),
        ("that exceeds", "statement", None), ("single licen", "statement", None),
        ("The rules ar", "statement", "Tom Ellery")]
    assert found(
        '"Kami siap," kata Budi Santoso.',
        'Dalam spanduk itu tertulis: "Jagalah kebersihan kampung kita bersama-sama."',
        'Ia menyebut aturan baru itu "sangat merugikan warga kecil di kampung ini".',
        language="id") == [
        ("Kami siap,", "statement", "Budi Santoso"), ("Jagalah kebe", "statement", None),
        ("sangat merug", "statement", "Budi Santoso")]  # (his words about a rule)


def test_a_mentioned_word_is_a_term_and_the_speech_after_it_is_the_speakers():
    assert found("Pete is puzzled by the use of the word “forever,” and Nora explains, “I "
                 "sold the house this morning.”", language="en") == [
        ("forever,", "term", None), ("I sold the h", "statement", "Nora")]


def test_alleged_after_a_possessive_or_an_article_is_no_reporting_verb():
    assert found("Those who chant “no more tolls” are upset by our alleged neglect of the "
                 "roads.", language="en") == [("no more toll", "term", None)]


def test_a_question_with_names_quoted_inside_it_is_speech():
    assert found("“Is it ‘Tunnel Tom’ or ‘Mister Pothole’?” asked Reyes.", language="en")[0] == \
        ("Is it ‘Tunne", "statement", "Reyes")


def test_a_question_word_or_a_contraction_taken_for_a_name_names_no_one():
    assert found("Indeed, I’m told the loaves came from a village bakery this morning.",
                 "Which would be fine, if it were not rye.",
                 "“Just go for it, everyone does it that way,” came the answer.",
                 language="en") == [("Just go for ", "statement", None)]


def test_a_thing_of_someones_is_no_one_and_keeps_saying_reports():
    # "Tesco’s Finest is next": a product, not whom "he" means; "he keeps saying" reports
    assert found("Tesco’s Finest is next, promising a luxury experience thanks to its "
                 "tomatoes.",
                 "Weirdly, this depravity thrills my French husband. “Eggs and vinegar,” he "
                 "keeps saying, happily.",
                 "“We will win,” Budi Santoso kept saying.", language="en") == [
        ("Eggs and vin", "statement", None), ("We will win,", "statement", "Budi Santoso")]


def test_an_english_surname_that_is_an_indonesian_acronym_is_still_the_surname():
    # "Ham" (HAM, human rights, in Indonesian titles) after "coach Darvin Ham said"
    assert found("“We got lucky this time,” coach Darvin Ham said. Other text follows here.",
                 "“We just need rest,” Ham said.", language="en")[1] == \
        ("We just need", "statement", "Darvin Ham")


def test_an_unnamed_someone_in_the_clause_before_the_verb_is_no_name_of_the_clause_before():
    # "… a trader who criticized NASDAQ rules after an informant to a hotline said he “…”":
    # the informant, unnamed, not NASDAQ
    assert found("In another case, the agency watched a trader who criticized NASDAQ listing "
                 "rules after an informant to a hotline said he “moves money at night every "
                 "week.”", language="en") == [("moves money ", "statement", None)]


def test_a_sentence_of_the_name_and_its_verb_alone_after_a_full_stop_attributes_the_quote():
    assert found('"We lost two bridges," said Karla Nunez, a resident.',
                 '"Look at this map. The water rose past the school." Mayor Tom Pruitt '
                 'explained. "Next year we build a levee."', language="en") == [
        ("We lost two ", "statement", "Karla Nunez"),
        ("Look at this", "statement", "Tom Pruitt"), ("Next year we", "statement", "Tom Pruitt")]


def test_examples_of_what_is_said_are_terms():
    # "recipes that say things like “salt to taste”": examples of a kind of line, nobody's
    # words here (the aunt who wrote them spoke in the sentence before)
    found = find_quotes([
        "My aunt Rosa wrote the recipes herself. “Cook it slowly,” she said. Her recipes say "
        "things like “salt to taste” or “until the oil rises to the top”."], language="en")
    assert [(q.kind, q.speaker) for quotes in found for q in quotes] == [
        ("statement", "Rosa"), ("term", None), ("term", None)]
    found = find_quotes(['Warga memakai istilah seperti "jalan tikus" untuk jalur itu.'],
                        language="id")
    assert [q.kind for quotes in found for q in quotes] == ["term"]


def test_a_title_before_whom_it_made_known_is_a_term():
    # 'the “Six Feet Under” actress who joins the cast': the show's title, not her words;
    # '“I quit,” actress Jane Roe said' is still hers
    found = find_quotes([
        "Ivy Dorn, who plays the mayor, says that “working with Nora is a thrill.” On the "
        "first day, “Nora was calm. So was Mia Crane,” the “Lights Over Harbor” actress who "
        "joins the cast as the judge.",
        "“I quit,” actress Jane Roe said."], language="en")
    assert [(q.kind, q.speaker) for quotes in found for q in quotes] == [
        ("statement", "Ivy Dorn"), ("statement", "Ivy Dorn"), ("term", None),
        ("statement", "Jane Roe")]


def test_a_headline_opening_with_a_number_is_a_term():
    # '“2022 Was the Year of Juliette Lewis” declared IndieWire': a headline, so the outlet is
    # no speaker whom a later "she says" could mean
    found = find_quotes([
        "Nora Vance grew up in Ohio. “I loved the stage,” says Vance.",
        "“2021 Was the Year of Nora Vance” declared Variety, and it has a point.",
        "“Theatre is my home,” she says."], language="en")
    assert [(q.kind, q.speaker) for quotes in found for q in quotes] == [
        ("statement", "Nora Vance"), ("term", None), ("statement", "Nora Vance")]
