"""Random text through the loader and the segmenter: no crash, offsets always valid and in order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.ingest.document import parse_document

# words, numbers, abbreviations, quotes, boilerplate-like lines and odd whitespace, mixed at random
PIECES = st.sampled_from(["The", "army", "said", "Col.", "U.S.", "1.23", "5,000", '"', "\u201c", "\u2019", ".", "?",
                          "!", ",", ":", "...", "\n", "\n\n", "\r\n", "\t", " ", "Open in App", "Related Stories",
                          "By AP | Updated: May 1, 2024", "Kyiv, May 1 (ANI):", "(ANI)", "date 2025-02-01", "\u2026"])
TEXT = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map(" ".join),
                 st.lists(PIECES, max_size=80).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_random_text_never_crashes_and_offsets_hold(text):
    try:
        doc = parse_document(text)
    except InputError:
        return
    end = 0
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
        assert s.start >= end
        end = s.end
    for r in doc.removed:
        assert 0 <= r.start <= r.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=600), TEXT.map(lambda t: t.encode("utf-8")),
                 TEXT.map(lambda t: t.encode("utf-16")), TEXT.map(lambda t: t.encode("latin-1", errors="replace"))))
def test_random_bytes_through_the_file_loader_give_a_document_or_one_line_error(tmp_path_factory, data):
    from summarizer.ingest.document import load_document

    path = tmp_path_factory.mktemp("fuzz") / "a.txt"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
