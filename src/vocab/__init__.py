"""vocab: learn the AI/tech vocabulary of your own bilingual podcasts, summaries and subtitles.

The pipeline, one call per stage::

    documents = [read_document(path) for path in paths]
    glosses = [g for d in documents for g in extract_glosses(d)]
    terms = rank_terms(glosses, documents)
    write_glossaries(documents, terms, Path("glossaries"), "md")
    write_deck(terms, documents, Path("decks/vocab.apkg"), DeckOptions())

Heavy libraries (jieba, wordfreq, genanki, pypinyin) load inside the functions that use them.
"""

from .errors import SourceError, VocabError
from .export.anki import DeckOptions, write_deck
from .export.glossary import render_glossary, write_glossaries
from .extract import ExtractConfig, extract_glosses
from .models import Direction, Document, Gloss, GlossKind, InputFormat, Lang, Metadata, Segment, SegmentKind
from .rank import Term, rank_terms
from .sources import detect_format, parse_document, read_document

__version__ = "0.1.0"

__all__ = [
    "DeckOptions",
    "Direction",
    "Document",
    "ExtractConfig",
    "Gloss",
    "GlossKind",
    "InputFormat",
    "Lang",
    "Metadata",
    "Segment",
    "SegmentKind",
    "SourceError",
    "Term",
    "VocabError",
    "detect_format",
    "extract_glosses",
    "parse_document",
    "rank_terms",
    "read_document",
    "render_glossary",
    "write_deck",
    "write_glossaries",
]
