"""Scheduling with FSRS, the algorithm Anki uses (the `fsrs` package), one card per term and side.

Settings follow Anki's defaults: 90 % desired retention, learning steps of 1 and 10 minutes, a
relearning step of 10 minutes. Fuzzing (a random spread of intervals) is off, so the same answers
give the same due dates: reviews are reproducible and testable.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from ..models import CardSide, ReviewCard

RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
DESIRED_RETENTION = 0.9


@lru_cache(maxsize=1)
def _scheduler():  # type: ignore[no-untyped-def]
    import fsrs

    return fsrs.Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=False)


def answer_card(card: ReviewCard | None, term: str, side: CardSide, rating: int, now: datetime) -> ReviewCard:
    """The card after answering it with ``rating`` (1–4) at ``now``; ``card`` None means a new card."""
    import fsrs

    if rating not in RATINGS:
        raise ValueError(f"rating must be 1–4, not {rating}")
    current = fsrs.Card(card_id=1, due=now) if card is None else _to_fsrs(card)
    updated, _ = _scheduler().review_card(current, fsrs.Rating(rating), review_datetime=now)
    return ReviewCard(
        term, side, int(updated.state), updated.step, updated.stability, updated.difficulty,
        updated.due, updated.last_review,
    )  # fmt: skip


def _to_fsrs(card: ReviewCard):  # type: ignore[no-untyped-def]
    import fsrs

    return fsrs.Card(
        card_id=1, state=fsrs.State(card.state), step=card.step, stability=card.stability,
        difficulty=card.difficulty, due=card.due, last_review=card.last_review,
    )  # fmt: skip
