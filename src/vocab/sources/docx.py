"""Word documents (``.docx``, from Word, WPS, Google Docs or a meeting-minutes app): the body's paragraphs in order — a
table's row by row, cell by cell — each one line of a Markdown text that is then read as any text is (a transcript's
turns as turns, a handout as Markdown): a heading style as ``#``, a list item as ``- ``, bold and italic runs as
``**``/``*`` (they bound a term, as they do on a web page). The document's properties give its title, author and date.

A ``.docx`` has no lines: a gloss's line is its paragraph's number among the body's paragraphs, empty ones counted (a
line break inside a paragraph starts no new one). python-docx (the library) opens the file and resolves styles.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import SourceError
from ..models import Metadata, Segment

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(?P<level>[1-9])$", re.IGNORECASE)
_TITLE_STYLES = frozenset(("title", "标题", "subtitle", "副标题"))
_LIST_STYLE = re.compile(r"^(?:list|列表|项目符号|编号)", re.IGNORECASE)
_SKIPPED = ("del", "moveFrom", "txbxContent", "Fallback", "instrText")  # deleted, moved away, a text box, a field code


def document_text(data: bytes, name: str, max_bytes: int) -> tuple[str, Metadata]:
    """The body as Markdown, one paragraph per odd line with a blank line after each (so each is a paragraph of its
    own), and the properties; a SourceError naming the file for what Word cannot open either."""
    import docx  # python-docx: lazily, only a .docx needs it
    from docx.opc.exceptions import PackageNotFoundError

    if not data.startswith(b"PK\x03\x04"):
        raise SourceError(name, "not a Word document: a .docx is a ZIP file, and this is none (an old .doc?)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_bytes:
                raise SourceError(name, "its parts unpack to more than the --max-size limit")
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise SourceError(name, f"not a Word document vocab can open ({error or 'a damaged ZIP file'})") from None
    paragraphs = _paragraphs(document)
    lines = [line for paragraph in paragraphs for line in (_markdown(paragraph), "")]
    return "\n".join(lines), _properties(document.core_properties)


def paragraph_lines(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """The segments of ``document_text``'s text numbered by paragraph: its line 2k − 1 is paragraph k."""
    return tuple(
        dataclasses.replace(s, line=(s.line + 1) // 2, end_line=(s.end_line + 1) // 2, text=_one_per_paragraph(s.text))
        for s in segments
    )


def _one_per_paragraph(text: str) -> str:
    """A block's text (code runs across paragraphs) with a line per paragraph, not the blank line after each."""
    return text.replace("\n\n", "\n")


def _paragraphs(document: Any) -> list[Paragraph]:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p")) if not _inside_skipped(p)]


def _markdown(paragraph: Paragraph) -> str:
    """One paragraph as one line of Markdown."""
    text = _runs_text(paragraph)
    if not text.strip():
        return ""
    level = _heading_level(paragraph)
    if level:
        return "#" * level + " " + text.replace("**", "").strip()
    return f"- {text}" if _is_list_item(paragraph) else text


def _runs_text(paragraph: Paragraph) -> str:
    """The paragraph's runs, neighbours of the same weight and slant together (Word splits a word into runs at every
    edit), bold and italic marked; a line break or tab inside it a space."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    groups: list[tuple[tuple[bool, bool], str]] = []
    for element in paragraph._p.iter(qn("w:r")):
        if _inside_skipped(element, stop=paragraph._p):
            continue
        run = Run(element, paragraph)
        said = run.text
        if not said:
            continue
        style = (_on(run.bold, run.style, "bold"), _on(run.italic, run.style, "italic"))
        if groups and groups[-1][0] == style:
            groups[-1] = (style, groups[-1][1] + said)
        else:
            groups.append((style, said))
    out = ""
    for (bold, italic), said in groups:
        said = _one_line(said)
        mark = ("**" if bold else "") + ("*" if italic else "")
        core = said.strip()
        if mark and core:
            lead, trail = said[: len(said) - len(said.lstrip())], said[len(said.rstrip()) :]
            said = f"{lead}{mark}{core}{mark[::-1]}{trail}"
        out += said
    return _one_line(out).strip()


def _one_line(text: str) -> str:
    """Line breaks and tabs as spaces: a break inside a paragraph is the writer's (Shift+Enter), between two of its
    lines (`采访：林晓` / `翻译整理：周沐`), never a wrap inside a word."""
    return re.sub(r"[\t\n\r]+", " ", text)


def _on(direct: bool | None, style: Any, attribute: str) -> bool:
    """A run's bold or italic: its own setting, else its character style's (``Strong``)."""
    if direct is not None:
        return direct
    while style is not None:
        value = getattr(style.font, attribute, None)
        if value is not None:
            return bool(value)
        style = style.base_style
    return False


def _heading_level(paragraph: Paragraph) -> int:
    """1–6 for a heading (its style's name or outline level), 0 for body text."""
    style = paragraph.style
    while style is not None:
        name = (style.name or "").strip()
        if name.casefold() in _TITLE_STYLES:
            return 1
        if found := _HEADING_STYLE.match(name):
            return min(int(found["level"]), 6)
        outline = _outline_level(style.element)
        if outline is not None:
            return outline
        style = style.base_style
    return _outline_level(paragraph._p) or 0


def _outline_level(element: Any) -> int | None:
    """A paragraph's or style's outline level as a heading level; None where it has none, 0 for body text (9)."""
    from docx.oxml.ns import qn

    found = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if found is None:
        return None
    value = found.get(qn("w:val"), "9")
    return min(int(value) + 1, 6) if value.isdigit() and int(value) < 9 else 0


def _is_list_item(paragraph: Paragraph) -> bool:
    from docx.oxml.ns import qn

    style = paragraph.style
    numbered = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    return numbered or bool(style is not None and _LIST_STYLE.match(style.name or ""))


def _inside_skipped(element: Any, stop: Any = None) -> bool:
    """Whether ``element`` stands in deleted text, a text box or a field code (below ``stop``)."""
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag.rsplit("}", 1)[-1] in _SKIPPED:
            return True
        parent = parent.getparent()
    return False


def _properties(core: Any) -> Metadata:
    """Title, author and date from the document's properties (``docProps/core.xml``)."""
    title = " ".join((core.title or "").split()) or None
    author = " ".join((core.author or "").split()) or None
    created = core.created
    return Metadata(title=title, author=author, date=created.date().isoformat() if created else None)
