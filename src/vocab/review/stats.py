"""Where the learner stands: terms known, learning and new; today's reviews; retention."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from ..learner.curation import Curation
from ..learner.store import ReviewStore
from ..models import Answer, CorpusProgress, GlossKind, MarkStatus, ReviewCard, ReviewStats, Term
from .session import REVIEW, day_start

MATURE_DAYS = 21  # Anki's line between young and mature cards
RETENTION_DAYS = 30


def review_stats(store: ReviewStore, now: datetime, terms: Sequence[Term] | None = None) -> ReviewStats:
    """Counts of the store, and of ``terms`` (ranked, uncurated) when given.

    ``retention`` is Anki's "true retention": of the answers to cards in review (not learning)
    over the last RETENTION_DAYS days, the share not answered Again; None when there are none.
    """
    marks = store.marks()
    curation = Curation.from_store(marks, {})
    cards = store.cards()
    keys: set[str] = set()
    if terms is not None:
        keys = {t.key for t in terms if not curation.excludes(t)}
        cards = {k: c for k, c in cards.items() if k[0] in keys}
    else:  # no documents to name the terms: a card's own identity marked known or ignored leaves it (review shows none)
        marked = {m.key for m in marks if m.lang == "en"}
        cards = {k: c for k, c in cards.items() if k[0] not in marked}
    today = day_start(now)
    reviewed = store.reviews_since(today - timedelta(days=RETENTION_DAYS), until=today + timedelta(days=1))
    if terms is not None:  # answers to these terms, also those since marked known
        of_terms = {t.key for t in terms}
        reviewed = [answer for answer in reviewed if answer.term in of_terms]
    graded = [answer.rating for answer in reviewed if answer.state_before == REVIEW]
    return ReviewStats(
        known=sum(m.status is MarkStatus.KNOWN for m in marks),
        ignored=sum(m.status is MarkStatus.IGNORED for m in marks),
        learning=len({term for term, _ in cards}),
        cards=len(cards),
        cards_learning=sum(c.state != REVIEW for c in cards.values()),
        cards_mature=sum(_is_mature(c) for c in cards.values()),
        due_today=sum(c.due < today + timedelta(days=1) for c in cards.values()),
        due_tomorrow=sum(today + timedelta(days=1) <= c.due < today + timedelta(days=2) for c in cards.values()),
        reviews_today=sum(answer.reviewed_at >= today for answer in reviewed),
        new_today=len(_new_today(reviewed, today)),
        retention=round(sum(r > 1 for r in graded) / len(graded), 3) if graded else None,
        retention_reviews=len(graded),
        corpus=_progress(terms, curation, keys, {term for term, _ in cards}) if terms is not None else None,
    )


def _is_mature(card: ReviewCard) -> bool:
    return (
        card.state == REVIEW
        and card.last_review is not None
        and card.due - card.last_review >= timedelta(days=MATURE_DAYS)
    )


def _new_today(reviewed: list[Answer], today: datetime) -> set[tuple[str, str]]:
    return {(a.term, a.side.value) for a in reviewed if a.state_before == 0 and a.reviewed_at >= today}


def _progress(terms: Sequence[Term], curation: Curation, keys: set[str], studied: set[str]) -> CorpusProgress:
    """The terms a learner meets in lists, decks and reviews (no person's name, nothing ignored), and how many of them
    are known and new: `new 72 of 78` counted two names and an ignored term that `list` (74) never shows."""
    terms = [t for t in terms if t.kind is not GlossKind.NAME and curation.status(t) is not MarkStatus.IGNORED]
    return CorpusProgress(
        terms=len(terms),
        terms_known=sum(curation.known.knows(t) for t in terms),
        new=sum(t.key in keys and t.key not in studied for t in terms),
    )

