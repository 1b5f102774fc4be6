"""Properties that hold for any text: reading never crashes, and line numbers point at the text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vocab import InputFormat, SourceError, parse_document

# Lines built from the pieces real documents are made of, so that every reader gets exercised.
PIECES = st.sampled_from(
    [
        "---",
        "title: x",
        "summary: 深度学习（deep learning）",
        "Speaker 100:00 - 00:28",
        "Speaker 1 1:02:03 - 1:02:09",
        "WEBVTT",
        "1",
        "00:00:01,000 --> 00:00:02,000",
        "00:01.000 --> 00:02.000",
        "**主持人A：**",
        "# 标题",
        "> quote",
        "- item",
        "```",
        "| a | b |",
        "![](x.png)",
        "We talked about world models.",
        "我们谈到了 world models(世界模型)。",
        "Social anxiety 社交焦虑",
        "",
        " ",
        "原文 ↗https://x.y/z",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=25).map("\n".join)


_REWRITTEN = frozenset(
    (InputFormat.LATEX, InputFormat.RST, InputFormat.ASCIIDOC, InputFormat.ORG, InputFormat.MEDIAWIKI)
) | {InputFormat.BBCODE}
_DECODED = frozenset(
    (InputFormat.HTML, InputFormat.JSON, InputFormat.CHAT, InputFormat.NOTEBOOK, InputFormat.TTML, InputFormat.RTF)
) | {InputFormat.TABLE}  # a table's quoted cells lose their quotes


@settings(max_examples=300, deadline=None)
@given(text=TEXT, input_format=st.sampled_from([None, *InputFormat]))
@example(text="0{0", input_format=InputFormat.LATEX)  # braces dropped: LaTeX's text is not the line as written
@example(text=":", input_format=InputFormat.MEDIAWIKI)  # an empty item: no text, not a dash
@example(text="0\x000", input_format=None)  # a NUL dropped (the word readers take none)
@example(text="\r0\n---", input_format=InputFormat.TABLE)  # a stray carriage return ends no table's row
@example(text="0\r0", input_format=InputFormat.TABLE)  # nor makes a cell's text what the line does not say
def test_reading_any_text_gives_a_document_or_a_source_error(text: str, input_format: InputFormat | None) -> None:
    try:
        document = parse_document(text, "any.txt", input_format)
    except SourceError as error:
        assert error.path == "any.txt"
        return
    lines = text.replace("\0", "").split("\n")  # a NUL is no text a reader keeps
    for segment in document.segments:
        assert 1 <= segment.line <= segment.end_line <= len(lines)
        first_piece = segment.text.split("\n")[0].strip()
        if document.format in _DECODED:  # JSON's escapes, XML's and HTML's entities: the text is no copy of the line
            continue
        if document.format in _REWRITTEN:  # rewritten as Markdown
            assert set(filter(str.isalnum, first_piece)) <= set(lines[segment.line - 1])  # no word made up
        else:
            assert first_piece in lines[segment.line - 1] or segment.kind.value == "meta"
