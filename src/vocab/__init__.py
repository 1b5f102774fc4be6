"""vocab: learn the AI/tech vocabulary of your own bilingual podcasts, summaries and subtitles.

The pipeline, one call per stage::

    corpus = load_corpus(["episodes/"])                     # read, extract and rank every document
    curation = load_curation(data_dir())                    # the learner's known and ignored words, corrections
    terms = select_terms(corpus, curation, TermQuery(top=50))
    write_glossaries(corpus.documents, terms, Path("glossaries"), OutputFormat.MD)
    write_deck(terms, corpus.documents, Path("decks/vocab.apkg"), DeckOptions(), curation.retired(corpus.terms))

or stage by stage: ``read_document(path)``, ``extract_glosses(document)``, ``rank_terms(glosses,
documents)``. The learner's own state::

    with open_store(data_dir()) as store:                   # FSRS review, every answer stored at once
        mark_words(store, ["agent"], MarkStatus.KNOWN)
        session = ReviewSession(store, terms, ReviewDirection.MIXED.sides)
        item = session.next(); session.answer(item, 3)

Every command of the CLI is one of these calls plus printing. Heavy libraries (jieba, wordfreq,
genanki, pypinyin) load inside the functions that use them.
"""

__version__ = "0.1.0"

from .corpus import load_corpus, read_corpus, select_terms  # noqa: E402
from .errors import LookupFailed, SourceError, StoreError, VocabError  # noqa: E402
from .export.anki import DeckOptions, write_deck  # noqa: E402
from .export.glossary import render_glossary, write_glossaries  # noqa: E402
from .export.records import render_records, term_record  # noqa: E402
from .extract import RULE_NAMES, ExtractConfig, extract_glosses, trace_decisions  # noqa: E402
from .learner.actions import edit_term, find_term, import_known, mark_words, reset_term, unmark_words  # noqa: E402
from .learner.anki_import import match_notes, read_anki_notes  # noqa: E402
from .learner.curation import Curation, data_dir, load_curation  # noqa: E402
from .learner.store import ReviewStore, open_store  # noqa: E402
from .models import (  # noqa: E402
    CardSide,
    CardType,
    Corpus,
    DeckSplit,
    Direction,
    Document,
    Gloss,
    GlossKind,
    InputFormat,
    Lang,
    Mark,
    MarkStatus,
    Metadata,
    OutputFormat,
    ReviewCard,
    ReviewDirection,
    ReviewStats,
    Segment,
    SegmentKind,
    Term,
    TermEdit,
    TermOrder,
    TermQuery,
)  # fmt: skip
from .rank import explain_score, rank_terms  # noqa: E402
from .review.session import ReviewSession  # noqa: E402
from .review.stats import review_stats  # noqa: E402
from .sources import detect_format, parse_document, read_document  # noqa: E402

__all__ = [
    "RULE_NAMES", "CardSide", "CardType", "Corpus", "Curation", "DeckOptions", "DeckSplit", "Direction",
    "Document", "ExtractConfig", "Gloss", "GlossKind", "InputFormat", "Lang", "LookupFailed", "Mark", "MarkStatus",
    "Metadata", "OutputFormat", "ReviewCard", "ReviewDirection", "ReviewSession", "ReviewStats", "ReviewStore",
    "Segment", "SegmentKind", "SourceError", "StoreError", "Term", "TermEdit", "TermOrder", "TermQuery",
    "VocabError", "data_dir", "detect_format", "edit_term", "explain_score", "extract_glosses", "find_term",
    "import_known", "load_corpus", "load_curation", "mark_words", "match_notes", "open_store", "parse_document",
    "rank_terms", "read_anki_notes", "read_corpus", "read_document", "render_glossary", "render_records",
    "reset_term", "review_stats", "select_terms", "term_record", "trace_decisions", "unmark_words", "write_deck",
    "write_glossaries",
]  # fmt: skip
