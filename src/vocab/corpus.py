"""A corpus: every document under some paths, read and extracted, with the errors met on the way.

``list``, ``glossary``, ``build`` and ``deck`` all start here, so a folder is walked the same way
everywhere and one bad document never stops the others.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .errors import SourceError, VocabError
from .models import Document, Gloss

if TYPE_CHECKING:
    from .rank import Term

T = TypeVar("T")

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
    corpus = Corpus()

    def record(error: VocabError) -> None:
        corpus.errors.append(error)
        if on_error:
            on_error(error)

    for path in paths:
        read = guarded(path, partial(_read_and_extract, path, input_format), record)
        if read is not None:
            corpus.documents.append(read[0])
            corpus.glosses += read[1]
        if on_document:
            on_document(path)
    return corpus


def read_documents(
    paths: Iterable[str | os.PathLike[str]], input_format: str | None, on_error: Callable[[VocabError], None]
) -> Iterator[Document]:
    """Each readable document in turn, read when it is asked for; each unreadable one goes to ``on_error``."""
    from .sources import read_document

    for path in paths:
        document = guarded(path, partial(read_document, path, input_format), on_error)
        if document is not None:
            yield document


def guarded(path: str | os.PathLike[str], work: Callable[[], T], on_error: Callable[[VocabError], None]) -> T | None:
    """``work()``, or None after reporting why: a VocabError as it is, a bug in vocab as one line
    naming the document (``VOCAB_DEBUG=1`` lets it through with its traceback)."""
    try:
        return work()
    except VocabError as error:
        on_error(error)
    except Exception as error:  # a bug in vocab must not lose the other documents
        if os.environ.get("VOCAB_DEBUG"):
            raise
        message = f"internal error ({type(error).__name__}: {error}); set VOCAB_DEBUG=1 for a traceback"
        on_error(SourceError(str(path), message))
    return None


def _read_and_extract(path: Path, input_format: str | None) -> tuple[Document, list[Gloss]]:
    from .extract import extract_glosses
    from .sources import read_document

    document = read_document(path, input_format)
    return document, list(extract_glosses(document))


def terms_of_documents(corpus: Corpus, terms: list[Term], text: str | None) -> list[Term]:
    """Only terms of documents whose path or title contains ``text`` (all when it is None), each
    with its glosses in those documents first, so its context comes from the documents asked for."""
    if not text:
        return terms
    wanted = {d.path for d in corpus.documents if text in d.path or text in d.title}
    return [
        dataclasses.replace(t, glosses=tuple(sorted(t.glosses, key=lambda g: g.source not in wanted)))
        for t in terms
        if wanted.intersection(t.documents)
    ]
