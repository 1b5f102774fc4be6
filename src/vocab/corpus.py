"""A corpus: every document under some paths, read and extracted, with the errors met on the way.

``list``, ``glossary``, ``build`` and ``deck`` all start here, so a folder is walked the same way
everywhere and one bad document never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError, VocabError
from .models import Document, Gloss

# The files a folder walk picks up; anything else in a folder is not a document.
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".srt", ".vtt"})


@dataclass(slots=True)
class Corpus:
    documents: list[Document] = field(default_factory=list)
    glosses: list[Gloss] = field(default_factory=list)
    errors: list[VocabError] = field(default_factory=list)


def document_paths(paths: Iterable[str | os.PathLike[str]], skip: Iterable[Path] = ()) -> list[Path]:
    """Files given, plus the documents inside folders given (recursively, hidden ones and the
    output folders in ``skip`` left out), each once, files in the order given, folders sorted."""
    skipped = [p.resolve() for p in skip]
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and Path(root, d).resolve() not in skipped)
                found += [Path(root, f) for f in sorted(files) if Path(f).suffix.lower() in DOCUMENT_SUFFIXES]
        else:
            found.append(given)  # a missing or odd file is reported by the reader
    return list(dict.fromkeys(found))


def read_corpus(
    paths: Iterable[Path],
    input_format: str | None = None,
    on_error: Callable[[VocabError], None] | None = None,
    on_document: Callable[[Path], None] | None = None,
) -> Corpus:
    """Read and extract every path; an unreadable one is recorded (and passed to ``on_error``)."""
    from .extract import extract_glosses
    from .sources import read_document

    corpus = Corpus()
    for path in paths:
        try:
            document = read_document(path, input_format)
            glosses = list(extract_glosses(document))
        except VocabError as error:
            corpus.errors.append(error)
            if on_error:
                on_error(error)
        except Exception as error:  # a bug in vocab must not lose the other documents
            if os.environ.get("VOCAB_DEBUG"):
                raise
            wrapped = SourceError(str(path), f"internal error ({type(error).__name__}: {error})")
            corpus.errors.append(wrapped)
            if on_error:
                on_error(wrapped)
        else:
            corpus.documents.append(document)
            corpus.glosses += glosses
        if on_document:
            on_document(path)
    return corpus
