"""E-books: an ``.epub`` is a ZIP of XHTML chapters, read as one HTML text (``html``), the chapters in the order the
book's spine gives, after a head that holds the book's title, author and date from its package file (``.opf``).

A gloss's line is the line of that text: one line of the book's head, then the chapters' lines one after another.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from html import escape
from xml.etree import ElementTree

from ..errors import SourceError

_CONTAINER = "META-INF/container.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XHTML = frozenset(("application/xhtml+xml", "text/html"))


def book_text(data: bytes, name: str, max_bytes: int) -> tuple[str, list[str]]:
    """The book's chapters as one XHTML text, and a warning for each chapter its spine names that is missing (the
    others are read); a SourceError naming the file for what is no e-book, or chapters that unpack to more than
    ``max_bytes`` (the document size limit)."""
    if not data.startswith(b"PK\x03\x04"):
        raise SourceError(name, "not an e-book: an .epub is a ZIP file, and this is none")
    missing: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            package = _package_path(book, name)
            root = ElementTree.fromstring(book.read(package))
            listed = set(book.namelist())
            chapters = []
            for path in _spine(root, posixpath.dirname(package)):
                if path in listed:
                    chapters.append(path)
                else:
                    missing.append(
                        str(SourceError(name, f"chapter {path} of the spine is missing from the book: skipped"))
                    )
            if sum(book.getinfo(path).file_size for path in chapters) > max_bytes:
                raise SourceError(name, "its chapters unpack to more than the --max-size limit")
            texts = [book.read(path).decode("utf-8", "replace").lstrip("\ufeff") for path in chapters]
    except zipfile.BadZipFile:
        raise SourceError(name, "not an e-book: a damaged ZIP file (cut short?)") from None
    except (KeyError, ElementTree.ParseError, RuntimeError) as error:
        raise SourceError(name, f"not an e-book vocab can open: its package file is unreadable ({error})") from None
    if not texts:
        raise SourceError(name, "an e-book with no chapters in its spine")
    # a chapter's last line break ends its last line and starts no empty one: the next chapter's first line follows
    return "\n".join([_head(root), *(text.removesuffix("\n").removesuffix("\r") for text in texts)]), missing


def _package_path(book: zipfile.ZipFile, name: str) -> str:
    """Where the package file (``content.opf``) is: the container says."""
    if _CONTAINER not in book.namelist():
        raise SourceError(name, f"not an e-book: a ZIP file with no {_CONTAINER} (a ZIP renamed to .epub?)")
    container = ElementTree.fromstring(book.read(_CONTAINER))
    rootfile = next((e for e in container.iter() if e.tag.endswith("rootfile")), None)
    if rootfile is None or not rootfile.get("full-path"):
        raise SourceError(name, "an e-book whose container names no package file")
    return str(rootfile.get("full-path"))


def _spine(root: ElementTree.Element, folder: str) -> list[str]:
    """The chapters' paths inside the ZIP, in reading order: the spine's items that are XHTML."""
    manifest = {item.get("id"): item for item in root.iter() if item.tag.endswith("}item") or item.tag == "item"}
    paths = []
    for ref in (e for e in root.iter() if e.tag.endswith("itemref")):
        item = manifest.get(ref.get("idref"))
        if item is not None and item.get("media-type") in _XHTML and item.get("href"):
            paths.append(posixpath.normpath(posixpath.join(folder, str(item.get("href")).split("#")[0])))
    return paths


def _head(root: ElementTree.Element) -> str:
    """An HTML head of one line with the book's title, author and date, as ``html`` reads them."""

    def first(tag: str) -> str:
        found = next((e.text for e in root.iter(_DC + tag) if e.text and e.text.strip()), "")
        return escape(" ".join(found.split()))

    title, author, date = first("title"), first("creator"), first("date")
    return (
        f'<html><head><meta name="dc.title" content="{title}"><meta name="author" content="{author}">'
        f'<meta name="date" content="{date}"></head></html>'
    )
