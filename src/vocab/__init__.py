"""vocab: learn the AI/tech vocabulary of your own bilingual podcasts, summaries and subtitles.

The pipeline, one call per stage::

    documents = [read_document(path) for path in paths]
    glosses = [g for d in documents for g in extract_glosses(d)]
    terms = rank_terms(glosses, documents)
    write_glossaries(documents, terms, Path("glossaries"), "md")
    write_deck(terms, documents, Path("decks/vocab.apkg"), DeckOptions())

and for the learner's own state::

    terms = load_curation(data_dir()).apply(terms)          # known, ignored and corrected terms
    with ReviewStore.in_directory(data_dir()) as store:     # FSRS review, every answer stored at once
        session = ReviewSession(store, terms, list(CardSide))
        item = session.next(); session.answer(item, 3)

Heavy libraries (jieba, wordfreq, genanki, pypinyin) load inside the functions that use them.
"""

from .errors import SourceError, StoreError, VocabError
from .export.anki import DeckOptions, write_deck
from .export.glossary import render_glossary, write_glossaries
from .extract import ExtractConfig, extract_glosses
from .known import Curation, data_dir, load_curation
from .models import (
    CardSide,
    Direction,
    Document,
    Gloss,
    GlossKind,
    InputFormat,
    Lang,
    Mark,
    MarkStatus,
    Metadata,
    ReviewCard,
    Segment,
    SegmentKind,
    TermEdit,
)  # fmt: skip
from .rank import Term, rank_terms
from .review.anki_import import match_notes, read_anki_notes
from .review.session import ReviewSession
from .review.store import ReviewStore
from .sources import detect_format, parse_document, read_document

__version__ = "0.1.0"

__all__ = [
    "CardSide",
    "Curation",
    "DeckOptions",
    "Direction",
    "Document",
    "ExtractConfig",
    "Gloss",
    "GlossKind",
    "InputFormat",
    "Lang",
    "Mark",
    "MarkStatus",
    "Metadata",
    "ReviewCard",
    "ReviewSession",
    "ReviewStore",
    "Segment",
    "SegmentKind",
    "SourceError",
    "StoreError",
    "Term",
    "TermEdit",
    "VocabError",
    "data_dir",
    "detect_format",
    "extract_glosses",
    "load_curation",
    "match_notes",
    "parse_document",
    "rank_terms",
    "read_anki_notes",
    "read_document",
    "render_glossary",
    "write_deck",
    "write_glossaries",
]
