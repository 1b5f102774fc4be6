"""Where the learner stands: terms known, learning and new; today's reviews; retention."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from ..known import Curation
from ..models import MarkStatus
from ..rank import Term
from .session import REVIEW, day_start
from .store import ReviewStore

MATURE_DAYS = 21  # Anki's line between young and mature cards
RETENTION_DAYS = 30


def review_stats(
    store: ReviewStore, now: datetime, terms: Sequence[Term] | None = None
) -> dict[str, int | float | None]:
    """Counts of the store, and of ``terms`` (ranked, uncurated) when given.

    ``retention`` is Anki's "true retention": of the answers to cards in review (not learning)
    over the last RETENTION_DAYS days, the share not answered Again; None when there are none.
    """
    marks = store.marks()
    curation = Curation.from_store(marks, {})
    cards = store.cards()
    keys: set[str] = set()
    if terms is not None:
        keys = {t.key for t in terms if not curation.known.knows(t) and not curation.ignored.knows(t)}
        cards = {k: c for k, c in cards.items() if k[0] in keys}
    today = day_start(now)
    reviewed = store.reviews_since(today - timedelta(days=RETENTION_DAYS), until=today + timedelta(days=1))
    if terms is not None:  # answers to these terms, also those since marked known
        of_terms = {t.key for t in terms}
        reviewed = [answer for answer in reviewed if answer[0] in of_terms]
    graded = [rating for _, _, rating, before, _ in reviewed if before == REVIEW]
    stats: dict[str, int | float | None] = {
        "known": sum(m.status is MarkStatus.KNOWN for m in marks),
        "ignored": sum(m.status is MarkStatus.IGNORED for m in marks),
        "learning": len({term for term, _ in cards}),
        "cards": len(cards),
        "cards_learning": sum(c.state != REVIEW for c in cards.values()),
        "cards_mature": sum(
            c.state == REVIEW and c.last_review is not None and c.due - c.last_review >= timedelta(days=MATURE_DAYS)
            for c in cards.values()
        ),
        "due_today": sum(c.due < today + timedelta(days=1) for c in cards.values()),
        "due_tomorrow": sum(today + timedelta(days=1) <= c.due < today + timedelta(days=2) for c in cards.values()),
        "reviews_today": sum(at >= today for *_, at in reviewed),
        "new_today": len({(term, side) for term, side, _, before, at in reviewed if before == 0 and at >= today}),
        "retention": round(sum(r > 1 for r in graded) / len(graded), 3) if graded else None,
        "retention_reviews": len(graded),
    }
    if terms is not None:
        stats["terms"] = len(terms)
        stats["terms_known"] = sum(curation.known.knows(t) for t in terms)
        studied = {term for term, _ in cards}
        stats["new"] = sum(t.key in keys and t.key not in studied for t in terms)
    return stats
