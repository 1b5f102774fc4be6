"""Errors the library raises; the CLI turns them into one line on stderr."""

from __future__ import annotations


class VocabError(Exception):
    """Base of every error vocab reports to a user instead of a traceback."""


class SourceError(VocabError):
    """A document could not be read: rendered as ``path:line: message``."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:  # a worker process sends it whole
        return (type(self), (self.path, self.message, self.line))


class EmptyDocument(SourceError):
    """A document with no text in it: nothing to read and nothing lost by leaving it out, so a command that reads a
    library skips it with a warning (an episode not pasted yet); one asked about it alone says it as an error."""


class SameText(EmptyDocument):
    """A document whose text another one read with it says already (an episode saved again as `第7期 (副本).txt`,
    a lecture as .docx and as .odt): read once, or every term it holds would count twice."""


class StoreError(VocabError):
    """The review store, an Anki collection or an output could not be used: rendered as ``path: message``."""

    def __init__(self, path: str, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class LookupFailed(VocabError):
    """A name the user gave names nothing, or several things: the message says which and what there
    is (or a value it gave does not fit: a pinyin). ``subject`` says what was looked up (``term``,
    ``english``, ``pinyin``, ``field``, ``rule``),
    so the CLI can show it as a bad value of the option that gave it."""

    def __init__(self, message: str, subject: str) -> None:
        self.message = message
        self.subject = subject
        super().__init__(message)
