"""English speakers in the shapes a reader meets in features and sports: the addressee of
"tells", a new clause before "says", an epithet for the person followed, an unnamed insider
quoted as "they", a place's possessive before a name. Made-up sentences."""

from __future__ import annotations

from reader.language.quotes import find_quotes

from .quote_helpers import roles, speakers


def english(*paragraphs: str) -> list[str | None]:
    return speakers(*paragraphs, language="en")


def test_the_one_who_tells_speaks_not_the_one_told():
    assert english("Realizing he must let her go, Max calmly tells Nora, “We will meet "
                   "again.”") == ["Max"]  # (was Nora)
    assert english("There is not a dry eye when Andy drives off to college and Woody says, "
                   "“So long, partner.”") == ["Woody"]  # (was Andy)
    # a list of names before the verb is no new clause: the first stays
    assert english("Ann Lee and Bob Tran spoke together. Ann Lee and Bob Tran said, “We "
                   "agree.”") == ["Ann Lee"]


def test_an_epithet_or_a_shout_names_the_person_followed():
    assert english(
        "Julian Moss scored 20 points for the Hawks on Saturday.",
        "“What a night,” the Lincoln High School alum said.",
        "“I am tired,” the 25-year-old added.",
        "”This is my town!” Moss repeatedly screamed after the game.",
    ) == ["Julian Moss"] * 3  # (was "the Lincoln High School alum" three times)


def test_according_to_a_titled_name_moves_the_focus():
    assert english(
        "“Salt raises blood pressure,” said Dr. Mary Lane, a nurse at Bay Hospital.",
        "According to Dr. Ruth Cole, a chef at Hill College, butter is fine.",
        "“Butter is a natural fat,” she said.",
    ) == ["Mary Lane", "Ruth Cole"]  # (was Mary Lane twice)


def test_a_heading_question_and_an_open_phrase_name_no_one():
    assert english(
        "Story: Is Max a hero?",
        "“I want to rest now,” Max tells his dog.",
    ) == ["Max"]  # (was "Is Max")
    assert english(
        "Expert Jo Blake watched the couple. “They look happy,” Blake said.",
        "“Everything about Nina” suggested a wish to “start a family soon,” Blake said.",
    )[-1] == "Jo Blake"
    assert "a wish to" not in english(
        "“Everything about Nina” suggested a wish to “start a family soon,” Blake said.")


def test_names_keep_abbreviations_and_lose_a_places_possessive():
    assert english("The U.S. Forest Service said the ranger “acted with great care” in the "
                   "fire.") == ["U.S. Forest Service"]  # (was "U.S Forest Service")
    assert english(
        "Boston’s Kim Lee is exploring new ways to make pots.",
        "“I love clay,” says Lee.",
    ) == ["Kim Lee"]  # (was "Boston’s Kim Lee")


def test_an_unnamed_insider_quoted_as_they():
    assert english(
        "Singer Tom Alder may record again. However, an “insider” told Daily Beat that Tom "
        "wanted another album. She’d “love to do one more album,” they said.",
        "“His fans have inspired him,” they said.",
    ) == ["an insider", "an insider"]  # (was no one)
    # "they" for a group stays no one
    assert english(
        "Singer Tom Alder may record again. His bandmates are less sure.",
        "“We need a break,” they said.",
    ) == [None]


def test_an_interviewees_words_about_the_people_listed():
    # a label line ("Name — An artist …") is about no one; a quote naming the person the
    # text is about is the latest speaker's
    assert english(
        "“I love wax and clay,” says curator Jane Roe.",
        "Lena Park — A painter who works with wax.",
        "“Lena is an amazing artist. Her colors are bold.”",
        "Omar Bell — A sculptor from Lagos.",
        "“His work is very calm. I own two pieces.”",
    ) == ["Jane Roe"] * 3  # (was Lena Park, Omar Bell)
    assert english(
        "“I love wax and clay,” says curator Jane Roe.",
        "Lena Park opened a show in Lagos on Friday.",
        "“It is my best work.”",
    ) == ["Jane Roe", "Lena Park"]


def test_a_platform_the_writer_and_a_thing_are_no_speakers():
    assert english("On Instagram Dana Kroll wrote, “We are one week away from the finals.”"
                   ) == ["Dana Kroll"]  # (was "On Instagram Dana Kroll")
    assert english("Paul Heyman is back.", "On Instagram Heyman wrote, “We are ready.”"
                   ) == ["Paul Heyman"]  # (was "On Instagram Heyman")
    assert english(
        "I called my editor before the trip. “Must I finish the plate?” I asked. “Just try a "
        "bite,” I was told.",
        "“This smells awful!” said my brother as I opened the jar.",
        "Whatever the season, I follow Julia Marsh’s rule: “Cook less, taste more.”",
    ) == [None, None, "my brother", "Julia Marsh"]  # (was "I", "I", "Julia Marsh’s")


def test_a_description_a_comma_and_a_name_after_the_verb_is_the_named_person():
    assert english("“The pictures are extraordinary,” wrote the photography critic of The "
                   "Village Voice, Vince Aletti, in 1998.") == ["Vince Aletti"]
    assert english("“We are thrilled,” said the festival’s director, Jane Doe, on "
                   "Monday.") == ["Jane Doe"]
    assert english("“It was loud,” said a resident of the block, Mark Lee.") == ["Mark Lee"]
    # no name after the comma: the description stays
    assert english("“We won,” said the coach, who asked not to be named.") == ["the coach"]


def test_a_pronoun_taken_for_a_name_names_no_one():
    # "Her notes are …": "she" is the grandmother, whom the text never names
    assert english("My husband inherited his grandma’s recipe box when she died. Her notes "
                   "are in every margin.",
                   "“Always use fresh butter,” she recommends on one card.") == [None]


def test_a_full_name_after_what_the_person_is_takes_a_verb_in_s():
    # "…, collector Maria Tawhiri champions young potters. “…,” she says": her words
    assert english("“The first vase cost me a week of wages,” says Malek.",
                   "On the other coast, collector Maria Tawhiri champions young potters. “Clay "
                   "remembers every hand that shapes it,” she says.") == [
        "Malek", "Maria Tawhiri"]


def test_former_before_a_title_stays_in_the_role():
    # "criticised former President Mark Dalton": not "[President]", which he no longer is
    found = find_quotes([
        "Governor Lena Ruiz criticised former President Mark Dalton on Monday.",
        "“Lena will regret this,” Dalton wrote on his social network."], language="en")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Mark Dalton", "former President")]
    assert roles("Gubernur Lena mengkritik mantan Presiden Anton Wijaya.",
                 '"Saya tidak peduli," kata Anton.') == [("Anton Wijaya", "mantan Presiden")]


def test_a_creators_title_with_a_capital_inside_is_the_role():
    # "TikToker Rachel Leigh said": a TikToker named Rachel Leigh, not "TikToker Rachel Leigh"
    found = find_quotes(["“It is all an act,” TikToker Mara Quinn said.",
                         "“Treat us like actors,” YouTuber Dev Oakes said ."], language="en")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Mara Quinn", "TikToker"), ("Dev Oakes", "YouTuber")]


def test_a_surname_that_is_also_a_place_stays_in_the_name():
    # "dietitian Aaron Flores" (Flores is an island too), "said Denzel Washington"
    assert english(
        "“People feel judged,” said dietitian Aaron Flores, who works in Los Angeles.",
        "“It was a good year,” said Denzel Washington.",
    ) == ["Aaron Flores", "Denzel Washington"]


def test_an_inverted_attribution_before_the_quote_names_the_described_person():
    # "Avedon was obsessed, wrote the photography critic and curator Vince Aletti, “…”": the
    # critic, not the subject of the clause before the verb
    found = find_quotes([
        "Marta Kiel painted mostly at night.",
        "Kiel was driven, wrote the art historian and editor Paul Brenner, “by a hunger for "
        "unfinished surfaces.”"], language="en")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Paul Brenner", "the art historian and editor")]


def test_a_subject_after_a_semicolon_is_whom_the_sentence_turns_to():
    # "… among the fans; Jackie Goldschneider, who …, slammed the medication as “…”": hers,
    # not the last speaker's
    assert english(
        "“These pills scare me,” said Omar, a 30-year-old teacher.",
        "The supplement is a hot topic among the crowd; Greta Holm, who is recovering from an "
        "injury, dismissed the pills as “a shortcut in a bottle.”",
    ) == ["Omar", "Greta Holm"]


def test_a_piece_noted_as_the_source_gives_its_outlet():
    # "As noted in a recent New Yorker piece on Ozempic, doctors “…”": the piece's words, not
    # the last speaker's; "a recent" is no role of the Atlantic's
    found = find_quotes([
        "“The ads make it look effortless,” said Lena Ortiz, a family therapist.",
        "As noted in a recent Atlantic essay on fitness apps, trainers “often reward speed over "
        "safety.”",
        "According to a recent Atlantic essay, coaches “rarely rest between the hard sessions "
        "of a week.”"], language="en")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Lena Ortiz", None), ("Atlantic", None), ("Atlantic", None)]


def test_an_adverb_opening_a_thought_is_no_name():
    # "… she thought: Maybe I could …", then "she said": not a person named "Maybe I"
    assert english(
        "Dana Pruitt lost weight last year.",
        "Pruitt said there were nights when she thought: Someday I could skip dinner.",
        "“I have to remind myself that I am doing well,” she said.",
    ) == ["Dana Pruitt"]


def test_a_title_between_the_verb_and_the_name_keeps_the_attribution():
    # "“…,” says “Yellowjackets” director and executive producer Karyn Kusama. “…”": hers
    assert english(
        "Nora Vance plays Ruth.",
        "As Ruth, Vance looks exhausted in every scene. “She carries the whole case on her "
        "shoulders, and Nora understood that at once,” says “Cold Harbor” director and producer "
        "Ingrid Sola. “Next season gets even darker.”",
    ) == ["Ingrid Sola", "Ingrid Sola"]
