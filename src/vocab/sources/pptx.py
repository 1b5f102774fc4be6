"""Slides (``.pptx``, from PowerPoint, Keynote, WPS or Google Slides): each slide's paragraphs in order — its title, its
text boxes, group members and table cells as the slide lists them — then its speaker notes, each paragraph one line of
Markdown read as a Word document's are (``docx``): a slide's title a heading, bold runs bold (they bound a term). A
picture's alt text, the notes' slide number and slide image, and fields (the slide number) are no text.

A ``.pptx`` has no lines: a gloss's line is its paragraph's number among the deck's paragraphs in that order, empty ones
counted (a line break inside a paragraph starts no new one). The Python standard library reads its XML.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from ..errors import EmptyDocument, SourceError
from ..models import Metadata
from .docx import WordText, plain_line

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
_TITLES = frozenset(("title", "ctrTitle"))


def deck_text(data: bytes, name: str, max_bytes: int) -> WordText:
    """The deck's paragraphs, one per odd line with a blank line after each, and its properties; a SourceError naming
    the file for what PowerPoint cannot open either, an EmptyDocument for a deck with no text."""
    if not data.strip():
        raise EmptyDocument(name, "file is empty")
    if not data.startswith(b"PK\x03\x04"):
        raise SourceError(name, "not a PowerPoint deck: a .pptx is a ZIP file, and this is none (an old .ppt?)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as deck:
            if sum(info.file_size for info in deck.infolist()) > max_bytes:
                raise SourceError(name, "its parts unpack to more than the --max-size limit")
            marked: list[str] = []
            for slide in _slides(deck):
                marked += _paragraphs(ElementTree.fromstring(deck.read(slide)), notes=False)
                notes = _notes_of(deck, slide)
                if notes:
                    marked += _paragraphs(ElementTree.fromstring(deck.read(notes)), notes=True)
            properties = _properties(deck)
    except zipfile.BadZipFile:
        raise SourceError(name, "not a PowerPoint deck vocab can open: a damaged ZIP file (cut short?)") from None
    except (KeyError, ElementTree.ParseError):
        raise SourceError(name, "not a PowerPoint deck vocab can open: a ZIP file without its slides") from None
    if not any(marked):
        raise EmptyDocument(name, "a PowerPoint deck with no text")
    spaced = [line for said in marked for line in (said, "")]
    return WordText("\n".join(spaced), "\n".join(plain_line(line) for line in spaced), properties)


def _slides(deck: zipfile.ZipFile) -> list[str]:
    """The slides' parts in the order the presentation lists them."""
    presentation = ElementTree.fromstring(deck.read("ppt/presentation.xml"))
    targets = _relations(deck, "ppt/presentation.xml")
    order = presentation.find(f"{_P}sldIdLst")
    ids = [slide.get(f"{_R}id") for slide in order] if order is not None else []
    return [targets[i][0] for i in ids if i in targets]


def _notes_of(deck: zipfile.ZipFile, slide: str) -> str | None:
    return next((target for target, kind in _relations(deck, slide).values() if kind == _NOTES), None)


def _relations(deck: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id → (the target part's path, the relationship's type)."""
    folder, base = posixpath.split(part)
    rels = f"{folder}/_rels/{base}.rels"
    if rels not in deck.namelist():
        return {}
    found = {}
    for relation in ElementTree.fromstring(deck.read(rels)).iter(f"{_RELS}Relationship"):
        target = posixpath.normpath(posixpath.join(folder, relation.get("Target", "")))
        found[relation.get("Id", "")] = (target, relation.get("Type", ""))
    return found


def _paragraphs(root: ElementTree.Element, notes: bool) -> list[str]:
    """Each ``a:p`` of a slide (or of its notes' body) as a line of Markdown, in the part's order; a title's a
    heading."""
    lines: list[str] = []
    for p, placeholder in _in_order(root, None):
        if notes and placeholder != "body":
            continue  # the notes page's slide image, slide number, date, header
        said = _runs_text(p)
        lines.append(f"## {said.replace('*', '')}" if said and placeholder in _TITLES else said)
    return lines


def _in_order(element: ElementTree.Element, placeholder: str | None) -> list[tuple[ElementTree.Element, str | None]]:
    """Every paragraph under ``element`` in document order, with the type of the placeholder its shape is (a shape
    that is none: None)."""
    found = []
    for child in element:
        if child.tag == f"{_A}p":
            found.append((child, placeholder))
        elif child.tag == f"{_P}sp":
            ph = child.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
            found += _in_order(child, ph.get("type", "body") if ph is not None else None)
        else:
            found += _in_order(child, placeholder)
    return found


def _runs_text(p: ElementTree.Element) -> str:
    """A paragraph's runs, neighbours of the same weight together, bold marked; a line break a space; a field (the
    slide number) nothing."""
    groups: list[tuple[bool, str]] = []
    for child in p:
        if child.tag == f"{_A}r":
            said = "".join(t.text or "" for t in child.iter(f"{_A}t"))
            properties = child.find(f"{_A}rPr")
            bold = properties is not None and properties.get("b") in ("1", "true")
        elif child.tag == f"{_A}br":
            said, bold = " ", groups[-1][0] if groups else False
        else:
            continue
        if groups and groups[-1][0] == bold:
            groups[-1] = (bold, groups[-1][1] + said)
        else:
            groups.append((bold, said))
    out = ""
    for bold, said in groups:
        said = re.sub(r"[\t\n\r]+", " ", said)
        core = said.strip()
        if bold and core:
            said = f"{said[: len(said) - len(said.lstrip())]}**{core}**{said[len(said.rstrip()) :]}"
        out += said
    return out.strip()


def _properties(deck: zipfile.ZipFile) -> Metadata:
    """Title, author and date from the deck's properties (``docProps/core.xml``)."""
    if "docProps/core.xml" not in deck.namelist():
        return Metadata()
    core = ElementTree.fromstring(deck.read("docProps/core.xml"))

    def first(suffix: str) -> str | None:
        found = next((e.text for e in core.iter() if e.tag.endswith(suffix) and e.text and e.text.strip()), None)
        return " ".join(found.split()) if found else None

    created = first("}created")
    day = created[:10] if created and re.match(r"\d{4}-\d{2}-\d{2}", created) else None
    return Metadata(title=first("}title"), author=first("}creator"), date=day)
