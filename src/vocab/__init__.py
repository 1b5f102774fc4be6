"""vocab: learn the AI/tech vocabulary of your own bilingual podcasts, summaries and subtitles.

The pipeline, one call per stage::

    document = read_document("episode.txt")
"""

from .errors import SourceError, VocabError
from .models import Document, InputFormat, Lang, Metadata, Segment, SegmentKind
from .sources import detect_format, parse_document, read_document

__version__ = "0.1.0"

__all__ = [
    "Document",
    "InputFormat",
    "Lang",
    "Metadata",
    "Segment",
    "SegmentKind",
    "SourceError",
    "VocabError",
    "detect_format",
    "parse_document",
    "read_document",
]
