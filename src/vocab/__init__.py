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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .corpus import load_corpus, read_corpus, read_document, select_terms
    from .errors import LookupFailed, SourceError, StoreError, VocabError
    from .export.anki import DeckOptions, write_deck
    from .export.glossary import render_glossary, write_glossaries
    from .export.records import render_records, term_record
    from .extract import RULE_NAMES, ExtractConfig, extract_glosses, trace_decisions
    from .learner.actions import edit_term, find_term, import_known, mark_words, reset_term, unmark_words
    from .learner.anki_import import match_notes, read_anki_notes
    from .learner.curation import Curation, data_dir, load_curation
    from .learner.store import ReviewStore, open_store
    from .models import (
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
    )
    from .rank import explain_score, rank_terms
    from .review.session import ReviewSession
    from .review.stats import review_stats
    from .sources import detect_format, parse_document

_HOMES = {  # every public name and the module it lives in: imported when first asked for
    "load_corpus": "corpus",
    "read_corpus": "corpus",
    "select_terms": "corpus",
    "LookupFailed": "errors",
    "SourceError": "errors",
    "StoreError": "errors",
    "VocabError": "errors",
    "DeckOptions": "export.anki",
    "write_deck": "export.anki",
    "render_glossary": "export.glossary",
    "write_glossaries": "export.glossary",
    "render_records": "export.records",
    "term_record": "export.records",
    "RULE_NAMES": "extract",
    "ExtractConfig": "extract",
    "extract_glosses": "extract",
    "trace_decisions": "extract",
    "edit_term": "learner.actions",
    "find_term": "learner.actions",
    "import_known": "learner.actions",
    "mark_words": "learner.actions",
    "reset_term": "learner.actions",
    "unmark_words": "learner.actions",
    "match_notes": "learner.anki_import",
    "read_anki_notes": "learner.anki_import",
    "Curation": "learner.curation",
    "data_dir": "learner.curation",
    "load_curation": "learner.curation",
    "ReviewStore": "learner.store",
    "open_store": "learner.store",
    "CardSide": "models",
    "CardType": "models",
    "Corpus": "models",
    "DeckSplit": "models",
    "Direction": "models",
    "Document": "models",
    "Gloss": "models",
    "GlossKind": "models",
    "InputFormat": "models",
    "Lang": "models",
    "Mark": "models",
    "MarkStatus": "models",
    "Metadata": "models",
    "OutputFormat": "models",
    "ReviewCard": "models",
    "ReviewDirection": "models",
    "ReviewStats": "models",
    "Segment": "models",
    "SegmentKind": "models",
    "Term": "models",
    "TermEdit": "models",
    "TermOrder": "models",
    "TermQuery": "models",
    "explain_score": "rank",
    "rank_terms": "rank",
    "ReviewSession": "review.session",
    "review_stats": "review.stats",
    "detect_format": "sources",
    "parse_document": "sources",
    "read_document": "corpus",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    """The public name, imported on first use (PEP 562), so ``vocab --help`` loads no extraction or export code."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'vocab' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
