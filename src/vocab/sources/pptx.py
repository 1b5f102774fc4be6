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
import zipfile
from xml.etree import ElementTree

from ..errors import EmptyDocument, SourceError
from ..models import Metadata
from .docx import WordText, marked_runs, plain_line, xml_properties

_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TITLES = frozenset(("title", "ctrTitle"))
_COMPOUND = b"\xd0\xcf\x11\xe0"  # Office's old binary files, and those it encrypts with a password


def deck_text(data: bytes, name: str, max_bytes: int) -> WordText:
    """The deck's paragraphs, one per odd line with a blank line after each, its properties, and a warning for a
    slide that cannot be read (the others are); a SourceError naming the file for what PowerPoint cannot open
    either, an EmptyDocument for a deck with no text. Hidden slides and what the deck offers twice (the fallback of
    ``mc:AlternateContent``) are no text, their paragraphs counted all the same."""
    if not data.strip():
        raise EmptyDocument(name, "file is empty")
    if not data.startswith(b"PK\x03\x04"):
        why = "an old .ppt or a deck with a password" if data.startswith(_COMPOUND) else "none"
        raise SourceError(name, f"not a PowerPoint deck: a .pptx is a ZIP file, and this is {why}")
    warnings: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as deck:
            if sum(info.file_size for info in deck.infolist()) > max_bytes:
                raise SourceError(name, "its parts unpack to more than the --max-size limit")
            marked: list[str] = []
            for number, slide in enumerate(_slides(deck), 1):
                try:
                    root = ElementTree.fromstring(deck.read(slide))
                    notes = _notes_of(deck, slide)
                    notes_root = ElementTree.fromstring(deck.read(notes)) if notes else None
                except (KeyError, ElementTree.ParseError):
                    warnings.append(str(SourceError(name, f"slide {number} ({slide}) cannot be read: skipped")))
                    continue
                hidden = root.get("show") in ("0", "false")
                marked += _paragraphs(root, notes=False, hidden=hidden)
                if notes_root is not None:
                    marked += _paragraphs(notes_root, notes=True, hidden=hidden)
            properties = _properties(deck)
    except zipfile.BadZipFile:
        raise SourceError(name, "not a PowerPoint deck vocab can open: a damaged ZIP file (cut short?)") from None
    except (KeyError, ElementTree.ParseError):
        raise SourceError(name, "not a PowerPoint deck vocab can open: its presentation part is missing") from None
    if not any(marked):
        raise EmptyDocument(name, "a PowerPoint deck with no text")
    spaced = [line for said in marked for line in (said, "")]
    return WordText("\n".join(spaced), "\n".join(plain_line(line) for line in spaced), properties, tuple(warnings))


def _local(tag: str) -> str:
    """An element's name without its namespace: Strict Open XML writes other namespaces for the same parts."""
    return tag.rsplit("}", 1)[-1]


def _slides(deck: zipfile.ZipFile) -> list[str]:
    """The slides' parts in the order the presentation lists them."""
    presentation = ElementTree.fromstring(deck.read("ppt/presentation.xml"))
    targets = _relations(deck, "ppt/presentation.xml")
    order = next((e for e in presentation.iter() if _local(e.tag) == "sldIdLst"), None)
    ids = [_attribute(slide, "id", relationship=True) for slide in order] if order is not None else []
    return [targets[i][0] for i in ids if i in targets]


def _attribute(element: ElementTree.Element, name: str, relationship: bool = False) -> str | None:
    """An attribute by its local name (``r:id`` in either namespace of relationships)."""
    found = (v for k, v in element.attrib.items() if _local(k) == name and k.startswith("{") == relationship)
    return next(found, None)


def _notes_of(deck: zipfile.ZipFile, slide: str) -> str | None:
    return next((target for target, kind in _relations(deck, slide).values() if kind.endswith("/notesSlide")), None)


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


def _paragraphs(root: ElementTree.Element, notes: bool, hidden: bool) -> list[str]:
    """Each ``a:p`` of a slide (or of its notes' body) as a line of Markdown, in the part's order; a title's a
    heading; a hidden slide's, and those in an alternative's fallback, empty lines."""
    lines: list[str] = []
    for p, placeholder, fallback in _in_order(root, None, False):
        if notes and placeholder != "body":
            continue  # the notes page's slide image, slide number, date, header: no paragraphs of the deck's
        if hidden or fallback:
            lines.append("")  # counted, no text
            continue
        said = _runs_text(p)
        lines.append(f"## {said.replace('*', '')}" if said and placeholder in _TITLES else said)
    return lines


def _in_order(
    element: ElementTree.Element, placeholder: str | None, fallback: bool
) -> list[tuple[ElementTree.Element, str | None, bool]]:
    """Every paragraph under ``element`` in document order, with the type of the placeholder its shape is (a shape
    that is none: None) and whether it stands in ``mc:Fallback`` (what ``mc:Choice`` gives again)."""
    found = []
    for child in element:
        tag = _local(child.tag)
        if tag == "p":
            found.append((child, placeholder, fallback))
        elif tag == "sp":
            ph = next((e for e in child.iter() if _local(e.tag) == "ph"), None)
            kind = (ph.get("type") or "body") if ph is not None else None
            found += _in_order(child, kind, fallback)
        else:
            found += _in_order(child, placeholder, fallback or tag == "Fallback")
    return found


def _runs_text(p: ElementTree.Element) -> str:
    """A paragraph's runs as Markdown (``marked_runs``), bold marked; a line break a space; a field (the slide number)
    nothing."""
    pieces: list[tuple[tuple[bool, bool], str]] = []
    for child in p:
        tag = _local(child.tag)
        if tag == "r":
            said = "".join(t.text or "" for t in child.iter() if _local(t.tag) == "t")
            properties = next((e for e in child if _local(e.tag) == "rPr"), None)
            pieces.append(((properties is not None and properties.get("b") in ("1", "true"), False), said))
        elif tag == "br":
            pieces.append((pieces[-1][0] if pieces else (False, False), " "))
    return marked_runs(pieces)


def _properties(deck: zipfile.ZipFile) -> Metadata:
    """Title, author and date from the deck's properties (``docProps/core.xml``)."""
    if "docProps/core.xml" not in deck.namelist():
        return Metadata()
    return xml_properties(ElementTree.fromstring(deck.read("docProps/core.xml")), "title", ["creator"], ["created"])
