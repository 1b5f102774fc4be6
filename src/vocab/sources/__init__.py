"""Readers, one per input format, and the registry that detects which one a file needs.

Every reader is a pair of pure functions over the file's lines: ``detect(lines) -> bool`` and
``read(lines, path) -> (Metadata, segments)``, and the file suffixes a folder walk reads for it.
They are tried in the order of ``READERS``: the most specific layouts first, plain text last, so
detection never fails. A new format is one module here and one entry in ``READERS``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from typing import NamedTuple

from ..errors import SourceError
from ..fileio import MAX_DOCUMENT_MB, cleaned_text, document_bytes, read_text
from ..models import Document, InputFormat, Metadata, Segment
from . import (
    asciidoc,
    chat_export,
    docx,
    epub,
    forum,
    frontmatter,
    html,
    json_subtitles,
    latex,
    lrc,
    markdown,
    mediawiki,
    notebook,
    odt,
    org,
    parallel,
    plain,
    pptx,
    rst,
    rtf,
    subtitles,
    table,
    transcript,
    ttml,
    turns,
    video,
)
from ._build import collecting_warnings, speakers_of, warn


class Reader(NamedTuple):
    format: InputFormat
    detect: Callable[[list[str]], bool]
    read: Callable[[list[str], str], tuple[Metadata, tuple[Segment, ...]]]
    suffixes: tuple[str, ...]  # the files of this format a folder walk picks up


_TEXT, _MARKDOWN = (".txt", ".text"), (".md", ".markdown", ".mdx")  # MDX: Markdown with components (docs sites)
_HTML = (".html", ".htm", ".xhtml")
_JSON = (".json", ".json3")
_OPENDOCUMENT = (".odt", ".fodt", ".ott")  # a text, the same as one XML file, a template
_OFFICE = (".docx", ".pptx", *_OPENDOCUMENT)  # read as the text of their paragraphs (``_office_document``)
_OFFICE_TEXT = {".pptx": pptx.deck_text, **dict.fromkeys(_OPENDOCUMENT, odt.document_text)}  # else a Word document
READERS: tuple[Reader, ...] = (
    Reader(InputFormat.VTT, subtitles.detect_vtt, subtitles.read_vtt, (".vtt",)),
    Reader(InputFormat.RTF, rtf.detect, rtf.read, (".rtf",)),
    Reader(InputFormat.HTML, html.detect, html.read, (*_HTML, ".epub")),
    Reader(InputFormat.NOTEBOOK, notebook.detect, notebook.read, (".ipynb",)),
    Reader(InputFormat.CHAT, chat_export.detect, chat_export.read, _JSON),
    Reader(InputFormat.JSON, json_subtitles.detect, json_subtitles.read, _JSON),
    Reader(InputFormat.TTML, ttml.detect, ttml.read, (".ttml", ".dfxp", ".srv3", ".srv2", ".srv1", ".xml")),
    # a table is read when named (a folder's .csv is as often vocab's own `list --format csv`, or a --terms list)
    Reader(InputFormat.TABLE, table.detect, table.read, ()),
    Reader(InputFormat.FRONTMATTER, frontmatter.detect, frontmatter.read, _MARKDOWN),
    Reader(InputFormat.SRT, subtitles.detect_srt, subtitles.read_srt, (".srt",)),
    Reader(InputFormat.SBV, subtitles.detect_sbv, subtitles.read_sbv, (".sbv",)),
    Reader(InputFormat.ASS, subtitles.detect_ass, subtitles.read_ass, (".ass", ".ssa")),
    Reader(InputFormat.LRC, lrc.detect, lrc.read, (".lrc",)),
    Reader(InputFormat.LATEX, latex.detect, latex.read, (".tex",)),
    Reader(InputFormat.MEDIAWIKI, mediawiki.detect, mediawiki.read, (".wiki", ".mediawiki", ".wikitext")),
    Reader(InputFormat.ASCIIDOC, asciidoc.detect, asciidoc.read, (".adoc", ".asciidoc")),
    Reader(InputFormat.RST, rst.detect, rst.read, (".rst", ".rest")),
    Reader(InputFormat.ORG, org.detect, org.read, (".org",)),
    Reader(InputFormat.BBCODE, mediawiki.detect_bbcode, mediawiki.read_bbcode, _TEXT),
    Reader(InputFormat.FORUM, forum.detect, forum.read, _TEXT),
    Reader(InputFormat.VIDEO, video.detect, video.read, _TEXT),
    Reader(InputFormat.TRANSCRIPT, transcript.detect, transcript.read, _TEXT),
    Reader(InputFormat.PARALLEL, parallel.detect, parallel.read, _TEXT),
    Reader(InputFormat.TURNS, turns.detect, turns.read, _TEXT),
    Reader(InputFormat.MARKDOWN, markdown.detect, markdown.read, (*_MARKDOWN, *_OFFICE)),
    Reader(InputFormat.PLAIN, plain.detect, plain.read, _TEXT),
)
_BY_FORMAT = {reader.format: reader for reader in READERS}
# The files a folder walk picks up; anything else in a folder is not a document.
DOCUMENT_SUFFIXES = frozenset(suffix for reader in READERS for suffix in reader.suffixes)


def detect_format(text: str) -> InputFormat:
    """The format of ``text``: the first reader in ``READERS`` that recognises it."""
    lines = text.split("\n")
    return next(reader.format for reader in READERS if reader.detect(lines))


def parse_document(
    text: str, path: str, input_format: InputFormat | str | None = None, encoding: str = "utf-8"
) -> Document:
    """Read already-decoded ``text`` (``\\n`` line ends) as a Document."""
    lines = text.split("\n")
    named_table = path.lower().endswith(table.SUFFIXES)
    chosen = InputFormat(input_format) if input_format else InputFormat.TABLE if named_table else detect_format(text)
    if not input_format and chosen in (InputFormat.PLAIN, InputFormat.MARKDOWN):
        chosen = _named_format(path, lines) or chosen
    if not input_format and chosen not in (InputFormat.JSON, InputFormat.CHAT) and path.lower().endswith(_JSON):
        raise json_subtitles.refusal(lines, path)  # a feed, a video's .info.json, a file cut short: never plain text
    if not input_format and chosen is not InputFormat.NOTEBOOK and path.lower().endswith(".ipynb"):
        raise notebook.refusal(lines, path)
    with collecting_warnings() as warnings:
        if chosen is InputFormat.VTT and not input_format and not subtitles.has_vtt_header(lines):
            warn(SourceError(path, "no WEBVTT header: read as WebVTT for its cue timings", line=1))
        metadata, segments = _BY_FORMAT[chosen].read(lines, path)
    if not any(segment.text.strip() for segment in segments):
        raise SourceError(path, f"no text found when read as {chosen.value}")
    if not metadata.speakers:  # those the turns name, where no header lists them (a glossary's `Speakers:` line)
        metadata = dataclasses.replace(metadata, speakers=speakers_of(segments))
    if not metadata.source_url and any(s.start is not None for s in segments):
        metadata = _video_named(metadata, path)
    return Document(
        path, chosen, metadata, segments, encoding=encoding, line_count=len(lines), warnings=tuple(warnings)
    )


def _video_named(metadata: Metadata, path: str) -> Metadata:
    """The video a downloader's file name names (yt-dlp's `Title [dQw4w9WgXcQ].en.vtt`, a Bilibili `[BV1xx411c7mD]`):
    its address, so cards and glossaries open it at each cue, and its title without the id and the language."""
    found = _VIDEO_NAME.match(os.path.basename(path))
    if found is None:
        return metadata
    url = f"https://www.bilibili.com/video/{found['id']}" if found["id"].startswith("BV") else None
    url = url or f"https://www.youtube.com/watch?v={found['id']}"
    return dataclasses.replace(metadata, source_url=url, title=metadata.title or found["title"].strip() or None)


_VIDEO_NAME = re.compile(r"^(?P<title>.*?)\s*\[(?P<id>[A-Za-z0-9_-]{11}|BV[0-9A-Za-z]{10})\](?:\.[\w-]+)+$")


def _named_format(path: str, lines: list[str]) -> InputFormat | None:
    """What a file's name says where its text alone says too little: a .md file with a line of Markdown (one heading
    over plain paragraphs); an .html file holding blocks but no ``<html>`` (a page's body saved alone)."""
    name = path.lower()
    if name.endswith(_HTML) and html.is_fragment(lines):
        return InputFormat.HTML
    if name.endswith(_MARKDOWN) and markdown.marked_lines(lines) > 0:
        return InputFormat.MARKDOWN
    return None


def read_document(
    path: str | os.PathLike[str], input_format: InputFormat | str | None = None, max_mb: float = MAX_DOCUMENT_MB
) -> Document:
    """Read the file at ``path`` (a regular file of at most ``max_mb``): decode it, detect its format (unless
    given), and parse it."""
    if str(path).lower().endswith(".epub"):
        book, missing = epub.book_text(document_bytes(path, max_mb), str(path), int(max_mb * 1024 * 1024))
        document = parse_document(cleaned_text(book), str(path), input_format or InputFormat.HTML)
        return dataclasses.replace(document, warnings=(*missing, *document.warnings))
    if str(path).lower().endswith(_OFFICE):
        return _office_document(path, input_format, max_mb)
    text, encoding = read_text(path, max_mb)
    return parse_document(text, str(path), input_format, encoding)


def _office_document(path: str | os.PathLike[str], input_format: InputFormat | str | None, max_mb: float) -> Document:
    """A .docx, .pptx or .odt read as the text of its paragraphs, each segment on its paragraph's number: as Markdown
    (its bold bounding terms), unless its words are a layout another reader reads (a transcript's `说话人 1 00:00:05`,
    a parallel text); the title the text's first heading, else the document's properties'."""
    text_of = _OFFICE_TEXT.get(os.path.splitext(str(path).lower())[1], docx.document_text)
    word = text_of(document_bytes(path, max_mb), str(path), int(max_mb * 1024 * 1024))
    chosen = InputFormat(input_format) if input_format else None
    if chosen is None and not markdown.has_turns(word.marked.split("\n")):
        chosen = detect_format(word.plain)
    if chosen in (None, InputFormat.PLAIN, InputFormat.MARKDOWN):
        document = parse_document(word.marked, str(path), InputFormat.MARKDOWN)
    else:
        document = parse_document(word.plain, str(path), chosen)
    said, properties = document.metadata, word.properties
    metadata = dataclasses.replace(
        said,
        title=said.title or properties.title,
        author=said.author or properties.author,
        date=said.date or properties.date,
        body_line=(said.body_line + 1) // 2,
    )
    segments, lines = docx.paragraph_lines(document.segments), (document.line_count + 1) // 2
    warnings = (*word.warnings, *document.warnings)
    return dataclasses.replace(document, metadata=metadata, segments=segments, line_count=lines, warnings=warnings)


__all__ = ["DOCUMENT_SUFFIXES", "READERS", "detect_format", "parse_document", "read_document"]
