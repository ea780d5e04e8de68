"""Loading, boilerplate stripping, dateline detection and sentence offsets."""

from __future__ import annotations

import pytest

from summarizer.errors import InputError
from summarizer.ingest.document import load_document, parse_document

from .helpers import SEED_000, SEED_004


def _check_offsets(doc):
    previous_end = 0
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
        assert s.start >= previous_end
        previous_end = s.end


def test_seed_000_sentences_dateline_and_date():
    doc = load_document(SEED_000)
    _check_offsets(doc)
    assert len(doc.sentences) == 12
    assert doc.date == "2025-02-01"
    assert doc.dateline.text == "Kyiv [Ukraine], February 1 (ANI):"
    assert doc.dateline.outlet == "ANI"
    assert doc.sentences[0].text.startswith("A Ukrainian Military official informed")
    # "USD 1.23 billion" does not split a sentence; the closing "(ANI)" tag is not part of the last one
    assert any("USD 1.23 billion" in s.text for s in doc.sentences)
    assert doc.sentences[-1].text.endswith('Peace through strength can be achieved".')
    assert {r.kind for r in doc.removed} == {"metadata", "dateline", "sign-off"}


def test_seed_004_boilerplate_is_removed_and_recorded():
    doc = load_document(SEED_004)
    _check_offsets(doc)
    body = " ".join(s.text for s in doc.sentences)
    for junk in ("Open in App", "Related Stories", "Epaper", "Disclaimer", "Rajnath Singh", "By IANS"):
        assert junk not in body
    kinds = {r.kind for r in doc.removed}
    assert {"navigation", "headline", "byline", "teaser", "disclaimer", "related-links", "dateline"} <= kinds
    assert doc.title == "North Korean troops suffer over 5,000 casualties in Kursk region: British defence ministry"
    assert doc.date == "2025-04-02"
    assert doc.dateline.place == "Seoul"
    assert doc.sentences[0].text.startswith("North Korean troops have incurred more than 5,000 casualties")
    assert len(doc.sentences) == 11
    # the teaser repeats the first paragraph; it must not produce a duplicate sentence
    assert sum("incurred more than 5,000" in s.text for s in doc.sentences) == 1


SITE = """Home
Menu
Sign in

Floods close mountain roads across the north of the country

By Jane Doe | Published: March 3, 2024 10:00 GMT

Oslo, March 3 (NTB) - Heavy rain closed 14 roads on Sunday, the road authority said...

Subscribe to our newsletter for daily updates

Oslo, March 3 (NTB) - Heavy rain closed 14 roads on Sunday, the road authority said. Col. Per Hansen of the U.S. liaison office said about 1.5 million people were affected.

"We expect more rain," a meteorologist told NRK.

Advertisement

More from Europe
Storm hits Denmark coast
Election results delayed in Sweden
"""


def test_boilerplate_rules_hold_for_another_site():
    doc = parse_document(SITE, source="site.txt")
    _check_offsets(doc)
    texts = [s.text for s in doc.sentences]
    assert texts == [
        "Heavy rain closed 14 roads on Sunday, the road authority said.",
        "Col. Per Hansen of the U.S. liaison office said about 1.5 million people were affected.",
        '"We expect more rain," a meteorologist told NRK.',
    ]
    kinds = [r.kind for r in doc.removed]
    assert kinds.count("navigation") >= 4  # Home, Menu, Sign in, Advertisement
    assert "newsletter" in kinds and "teaser" in kinds and "related-links" in kinds and "byline" in kinds
    assert doc.title == "Floods close mountain roads across the north of the country"
    assert doc.date == "2024-03-03"
    assert doc.dateline.outlet == "NTB"


def test_crlf_text_keeps_exact_offsets():
    text = "Kyiv, May 1 (ANI): The mayor said 3 bridges were hit.\r\n\r\nThe army denied it.\r\n"
    doc = parse_document(text)
    _check_offsets(doc)
    assert [s.text for s in doc.sentences] == ["The mayor said 3 bridges were hit.", "The army denied it."]


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\t\n", "is empty"),
    (b"\x00\x01binary\x00", "binary"),
])
def test_unreadable_content_gives_one_line_error(tmp_path, content, message):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        load_document(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_document(tmp_path)


def test_utf16_with_bom_and_utf8_bom_are_read(tmp_path):
    text = "Kyiv, May 1 (ANI): The mayor said 3 bridges were hit."
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "u8.txt").write_bytes(b"\xef\xbb\xbf" + text.encode())
    for name in ("u16.txt", "u8.txt"):
        doc = load_document(tmp_path / name)
        assert doc.sentences[0].text == "The mayor said 3 bridges were hit."


def test_an_agency_dateline_without_a_date_and_a_staff_credit_are_not_article_text():
    doc = parse_document("BELGRADE, Serbia (AP) — Prices rose 9% in October, the office said.\n\n"
                         "Exports fell 2% in September.\n\nAP writer Jana Ilić contributed to this report.\n")
    assert doc.dateline.outlet == "AP" and doc.dateline.place == "BELGRADE, Serbia"
    assert [s.text for s in doc.sentences] == ["Prices rose 9% in October, the office said.",
                                               "Exports fell 2% in September."]
    assert [r.kind for r in doc.removed] == ["dateline", "credit"]
    wire = parse_document("LIMA (Reuters) - Rain fell.\n\n(Reporting by Ana Ruiz; Editing by Tom Bell)\n")
    assert [r.kind for r in wire.removed] == ["dateline", "credit"]
    # a name with a bracketed agency inside a sentence is no dateline
    assert parse_document("Heldmann (AFP) said on Monday that it would close a plant.").dateline is None


def test_a_headline_ending_in_a_quoted_word_is_the_title_and_the_dateline_is_still_found():
    doc = parse_document('Mayor defends bridge closure; traders call it "a disaster"\n\n'
                         "LEEDS, March 4 - The mayor on Tuesday defended closing the bridge for a year.\n\n"
                         '"We had no choice," she said.\n')
    assert doc.title == 'Mayor defends bridge closure; traders call it "a disaster"'
    assert doc.dateline is not None and doc.dateline.place == "LEEDS"
    assert [s.text for s in doc.sentences] == ["The mayor on Tuesday defended closing the bridge for a year.",
                                               '"We had no choice," she said.']


def test_a_wire_dateline_with_a_date_and_no_place_is_not_the_first_sentence():
    doc = parse_document("Nov 20 (Reuters) - Fashion retailer Modeva said on Thursday that hackers had stolen data.\n\n"
                         "Its shares fell 6 percent.\n", source="wire.txt")
    assert doc.dateline.outlet == "Reuters" and doc.dateline.place is None
    assert doc.sentences[0].text == "Fashion retailer Modeva said on Thursday that hackers had stolen data."
    # a month and a day inside a sentence are no dateline
    assert parse_document("Nov 20 was the day (Reuters) reported it.").dateline is None


def test_a_name_ending_in_a_question_or_exclamation_mark_does_not_end_its_sentence():
    doc = parse_document("Consumer group Which? said shoppers should change their passwords. Was it enough? "
                         "Nobody knows. Shares in Yahoo! rose 2 percent.")
    assert [s.text for s in doc.sentences] == [
        "Consumer group Which? said shoppers should change their passwords.", "Was it enough?", "Nobody knows.",
        "Shares in Yahoo! rose 2 percent."]
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
