"""A page's furniture kept between paragraphs: gallery buttons, credits, update notes, prompts
to follow or comment, captions credited at their start or end. Made-up lines in the shapes
real pages use; each rule has prose beside it that must stay."""

from __future__ import annotations

import pytest

from reader.ingest.boilerplate import is_boilerplate, is_caption_with_credit

JUNK = [
    "VIEW GALLERY - 2 IMAGES",
    "2",
    "<",
    "Photo Credit: Town of Elm",
    "Image Credit: Acme",
    "Update, March 24, 4:50 pm ET: This story was originally published on February 11.",
    "Correction: An earlier version of this story misspelled a name.",
    "This story has been edited to correct that a law change is not required.",
    "To learn more, visit acme.com/products/phone.",
    "MORE: Officials say the thaw is late this year",
    "Follow us on Twitter, Facebook, Telegram, and Google News",
    "Are you excited about the bridge? Share your thoughts with us in the comments below!",
    "AP journalists Ann Lee in Leeds and Tom Ray in York contributed.",
    "Jo Park via Getty Images Cars cross the new bridge in Elm.",
    "Aerial view of the bridge Courtesy of Smith Architects",
    "The panel on the last day of the forum. Source: Livestream",
    "Hi, I’m Ann! If you're enjoying this article, you'll love my daily morning newsletter, "
    "How To Elm. Every weekday, I give you the news that matters.",
    "Lalu bagaimana dampaknya bagi pedagang kecil? Ikuti diskusinya dalam Editorial Review.",
    "Ikuti terus ulasan mendalam berita-berita hangat detikcom yang disiarkan secara langsung "
    "pada Senin-Jumat, pukul 15.30-18.00 WIB.",
    '"Detik Sore, Nggak Cuma Hore-hore!"',
    "KOMPAS.com / BUDI SANTOSO Foto udara proyek kota baru, Bekasi, Senin (4/9/2017). Pada "
    "tahap pertama akan dibangun 100 ribu unit.",
    "Tickets will sell out fast, hurry up! pic.twitter.com/x — Riverton City (@RivertonCity) "
    "March 20, 2023",
    "Listen:https://t.co/abc — Dana Lee (@danalee) Mar. 24, 2023",
    "Contact Jeff Roe at jroe@example.com. Follow him @JeffRoe on Twitter.",
    "‘I can barely chew it, but what I can chew I hate’ … Tom reaches for water. Photograph: "
    "courtesy of Tom Hale",
    "Snowdrops by the fountain. Photographs: Ann Lee/The Daily",
    "00:28 Ann Lee tries a chip butty – video",
    "Trading history of the bridge's toll token. Source: elmtoll.io",
    "Magazine: 4 out of 10 bridge tolls are late: Learn to spot the signs",
    "Cardiology eBook Compilation of the top interviews, articles, and news in the last year. "
    "Download a free copy",
    "Radio transcripts are produced on a tight deadline by a contractor. This text may not be "
    "final.",
    "Links:",
    "Portfolio: kaimoss.art",
    "Instagram: instagram.com/kaimossdraws",
    "“The Fisherman’s Net” by Rui Sal, 2019. (City Museum of Art)",
    "“Blue Tiles at Noon” on Tezos Blockchain by Rui Sal. (Galeria Norte)",
    "Sports Full coverage: 2023 city hockey playoffs The playoffs are here.",
    "1 / 6: Otters forward Ben Lake celebrates his goal on Saturday. 2 / 6: Herons guard Tom Ruiz "
    "battles for the puck during the game on Saturday at the old hall in Riverside, as the crowd "
    "looks on. 3 / 6: Otters coach Lena Ford watches from the bench during the third period of "
    "the final game of the season on Saturday.",
    "The council and the mayor have argued about the bus budget for months and nobody expects a "
    "quick deal soon. Safe to say, I think my long chat with @MayorHolt has now started the "
    "fight. It airs on Sunday night at nine on the city's own radio station. pic.twitter.com/x — "
    "Leo Marsh (@leomarsh) March 21, 2023",
]
PROSE = [
    "The photo of the bridge at dawn, distributed via Getty Images on Monday, shows the new deck "
    "and its lights.",
    "More than 200 people came to see the bridge open.",
    "Updated figures show a rise: five percent more cars a day.",
    "Follow the money, the senator said, and you will find the answer.",
    "The city said the design was courtesy of a local firm.",
    "2 dead, 5 missing in factory explosion in the city center on Friday night.",
    "JAKARTA, KOMPAS.com - Wali Kota Bogor Budi Santoso meresmikan jembatan baru.",
    "Kompas.com / Rina Lestari menulis laporan ini dari Bekasi.",
    "The newsletter of the council reported the vote on Monday.",
    "Ia mengajak warga ikuti diskusinya di balai desa, Senin (3/3/2025).",
    "The mayor said the city would contact residents at home this week.",
    "She wrote on her account (@jane) on March 20, 2023 that she was fine.",
    "Photographs: that is what the museum asked visitors to stop taking.",
    "At 10:30 the crowd watched the mayor's video on a big screen.",
    "Magazines: the library keeps them for a year.",
    "Links: the chain of events began on Monday, when the bridge closed.",
    "“The Fisherman’s Net” by Rui Sal is the museum's most visited painting this year.",
    "She downloaded an ebook on bridges but never read it.",
    "The score was 1 / 6: a poor night for the Otters, the coach said afterwards.",
]


@pytest.mark.parametrize("line", JUNK)
def test_page_furniture_is_no_paragraph(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", PROSE)
def test_prose_that_opens_or_ends_like_furniture_stays(line):
    assert not is_boilerplate(line)


def test_a_line_of_a_list_with_initials_is_no_caption():
    # "R.T." is an initial, not a sentence whose caption ends in a credit ("Wenda")
    assert not is_caption_with_credit("Anak Bripka Yohanes R.T. Wenda")
    assert not is_caption_with_credit("Istri dan anak dari Alm. Bripka Andi Saputra")
    assert is_caption_with_credit("Mayor Jane Holt opens the new bridge in Elm. John Smith/AP")
    # a photographer's credit with spaces around its slash
    assert is_caption_with_credit("Guard Tom Ruiz shoots late in the game on Saturday. "
                                  "(Mia Chen / Riverside Daily)")
    # a paragraph signed by its writer speaks as "I": it is the story's
    assert not is_caption_with_credit("2) I should have asked for hazard pay. Ann Lee")
    assert not is_caption_with_credit("The stall sells the best pie in town. I should have "
                                      "bought two. Jo Park")
