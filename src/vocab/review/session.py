"""One study session: which card comes next, and what an answer, a mark or an undo changes.

The queue follows Anki's order: learning cards that are due, then cards due today (earliest
first, then by rank), then new cards in rank order up to the day's limit, then learning cards
due within LEARN_AHEAD. A learner's day starts at DAY_STARTS_AT local time, as in Anki, so a
card due "tomorrow" is shown tomorrow morning. The two sides of a new term are never both new on
the same day (the second waits, like Anki's buried siblings). Every answer and mark is stored
before the next card is chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from ..identity import zh_key
from ..learner.store import ReviewStore
from ..learner.words import term_mark
from ..models import CardSide, Mark, MarkStatus, ReviewCard, Term
from .scheduler import answer_card

DAY_STARTS_AT = 4  # o'clock, local time: a late-night session still counts as the same day
LEARN_AHEAD = timedelta(minutes=20)  # a learning card due this soon is shown when nothing else is left
NEW_PER_DAY = 20
REVIEW = 2  # fsrs.State.Review; 1 (learning) and 3 (relearning) are the learning steps


def has_answer(term: Term, side: CardSide) -> bool:
    """A card needs something to recall: the Chinese (or a Chinese definition) for en-zh, the English for zh-en."""
    return bool(term.zh or term.definition) if side is CardSide.EN_ZH else bool(term.zh)


def day_start(now: datetime) -> datetime:
    """When the learner's day that holds ``now`` began."""
    local = now.astimezone()
    start = local.replace(hour=DAY_STARTS_AT, minute=0, second=0, microsecond=0)
    return start - timedelta(days=1) if local < start else start


@dataclass(frozen=True, slots=True)
class StudyItem:
    """A card to show: the term, the side asked, its stored state (None while new)."""

    term: Term
    side: CardSide
    card: ReviewCard | None

    @property
    def is_new(self) -> bool:
        return self.card is None


@dataclass
class _Undo:
    item: StudyItem
    review_id: int | None = None  # an answer, and its rating
    rating: int = 0
    mark: Mark | None = None  # a mark, and what it replaced
    replaced: Mark | None = None
    dropped: list[StudyItem] = field(default_factory=list)  # the term's other queued cards
    filled: list[StudyItem] = field(default_factory=list)  # new cards that took a marked card's place


def under_studied_identities(store: ReviewStore, terms: Sequence[Term]) -> list[Term]:
    """``terms``, each under the identity its cards are stored by where its own has none
    (``rank.under_known_identities``: as a deck keeps its note, a learner's progress stays with the term)."""
    from ..rank import under_known_identities

    studied = {key for key, _ in store.cards()}
    return under_known_identities(terms, studied.__contains__)


class ReviewSession:
    """The queue of one sitting over ``terms`` (ranked, curated), storing everything in ``store``."""

    def __init__(
        self,
        store: ReviewStore,
        terms: Sequence[Term],
        sides: Sequence[CardSide],
        new_per_day: int = NEW_PER_DAY,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.clock = clock
        self.ratings: Counter[int] = Counter()
        self.marked: Counter[MarkStatus] = Counter()
        self._undo: list[_Undo] = []
        self._front: list[StudyItem] = []  # cards put back by an undo: shown first
        now = clock()
        self.day_end = day_start(now) + timedelta(days=1)
        self._keys = [t.key for t in terms]
        self._by_chinese: dict[str, list[Term]] = {}
        for term in terms:
            if term.zh:
                self._by_chinese.setdefault(zh_key(term.zh), []).append(term)
        cards = store.cards(self._keys)
        today = store.reviews_since(day_start(now), until=self.day_end)
        self._busy_terms = {answer.term for answer in today}  # a term's other side is not new the same day
        new_today = {(answer.term, answer.side) for answer in today if answer.state_before == 0}
        self._new_allowed = max(0, new_per_day - len(new_today))
        self.new_per_day = new_per_day
        self.new_earlier = len(new_today)  # new cards studied earlier today, in either direction: of the same limit
        self._learning: list[StudyItem] = []
        self._due: list[StudyItem] = []
        self._new: list[StudyItem] = []
        self._pool: list[StudyItem] = []  # every new card, in rank order; taken from as the day's limit allows
        self._pool_at = 0
        for rank, term in enumerate(terms):
            # a day's new cards alternate in direction, term by term: the term's other side is new another day
            for side in sides if rank % 2 == 0 else tuple(reversed(sides)):
                if not has_answer(term, side):
                    continue
                card = cards.get((term.key, side))
                if card is None:
                    self._pool.append(StudyItem(term, side, None))
                elif card.due < self.day_end:
                    queue = self._due if card.state == REVIEW else self._learning
                    queue.append(StudyItem(term, side, card))
        self._due.sort(key=lambda item: (item.card.due, item.term.rank))  # type: ignore[union-attr]
        self._learning.sort(key=_due_time)
        self._fill_new()

    @property
    def done(self) -> int:
        return sum(self.ratings.values())

    def counts(self) -> tuple[int, int, int]:
        """Cards left in this sitting, as Anki counts them: (due for review, in learning steps, new)."""
        queued = [item for queue in self._queues() for item in queue]
        due = sum(item.card is not None and item.card.state == REVIEW for item in queued)
        new = sum(item.is_new for item in queued)
        return due, len(queued) - due - new, new

    def next(self) -> StudyItem | None:
        """The next card to show, taken off the queue; None when the sitting is over."""
        now = self.clock()
        if self._front:
            return self._front.pop(0)
        if self._learning and _due_time(self._learning[0]) <= now:
            return self._learning.pop(0)
        if self._due:
            return self._due.pop(0)
        if self._new:
            return self._new.pop(0)
        if self._learning and _due_time(self._learning[0]) <= now + LEARN_AHEAD:
            return self._learning.pop(0)
        return None

    def preview(self, item: StudyItem, now: datetime) -> dict[int, ReviewCard]:
        """What each rating would make of the card at ``now`` (for showing the next intervals)."""
        return {rating: answer_card(item.card, item.term.key, item.side, rating, now) for rating in range(1, 5)}

    def answer(self, item: StudyItem, rating: int, duration_ms: int | None = None) -> ReviewCard:
        """Grade the card (1 again … 4 easy): scheduled by FSRS and stored at once."""
        now = self.clock()
        after = answer_card(item.card, item.term.key, item.side, rating, now)
        review_id = self.store.record_answer(item.card, after, rating, now, duration_ms)
        self._undo.append(_Undo(item, review_id=review_id, rating=rating))
        self.ratings[rating] += 1
        self._new_allowed -= item.is_new
        if after.state != REVIEW and after.due < self.day_end:
            self._learning.append(StudyItem(item.term, item.side, after))
            self._learning.sort(key=_due_time)
        return after

    def mark(self, item: StudyItem, status: MarkStatus) -> None:
        """Mark the card's term known or ignored: stored at once, and its other cards leave the queue."""
        mark = term_mark(item.term, status, "review", self.clock())
        (replaced,) = self.store.set_marks([mark])
        dropped = [i for q in self._queues() for i in q if i.term.key == item.term.key]
        for queue in self._queues():
            queue[:] = [i for i in queue if i.term.key != item.term.key]
        self.marked[status] += 1
        queued = len(self._new)
        self._fill_new()  # a marked new card leaves its place to the next term
        filled = self._new[queued:]
        self._undo.append(_Undo(item, mark=mark, replaced=replaced, dropped=dropped, filled=filled))

    def same_chinese(self, term: Term) -> list[Term]:
        """The other terms of this sitting with the same Chinese (RL and reinforcement learning → 强化学习)."""
        return [other for other in self._by_chinese.get(zh_key(term.zh or ""), []) if other.key != term.key]

    def put_back(self, item: StudyItem) -> None:
        """Return a card that was shown but not answered to the front of the queue."""
        self._front.insert(0, item)

    def due_tomorrow(self) -> int:
        """Cards of these terms due on the learner's next day."""
        cards = self.store.cards(self._keys).values()
        return sum(self.day_end <= card.due < self.day_end + timedelta(days=1) for card in cards)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> StudyItem | None:
        """Take back the last answer or mark; its card is shown again next. None if nothing to undo."""
        if not self._undo:
            return None
        last = self._undo.pop()
        if last.review_id is not None:
            restored = self.store.undo_answer(last.review_id)
            card = (last.item.term.key, last.item.side)
            for queue in self._queues():  # what the answer queued (a learning step) is undone with it
                queue[:] = [i for i in queue if (i.term.key, i.side) != card]
            self.ratings[last.rating] -= 1
            self._new_allowed += last.item.is_new
            item = replace(last.item, card=restored)
        else:
            assert last.mark is not None
            if last.replaced is None:
                self.store.remove_marks([(last.mark.lang, last.mark.key)])
            else:
                self.store.set_marks([last.replaced])
            self.marked[last.mark.status] -= 1
            self._return_to_pool(last.filled)  # the marked card takes its place back
            self._front[:0] = last.dropped
            item = last.item
        self._front.insert(0, item)
        self._trim_new()
        return item

    def next_due(self) -> datetime | None:
        """When the earliest card of these terms falls due (None when none has been studied)."""
        return min((card.due for card in self.store.cards(self._keys).values()), default=None)

    def new_waiting(self) -> bool:
        """True when new cards are left that the day's limit holds back."""
        return self._pool_at < len(self._pool) and self._queued_new() >= self._new_allowed

    def _fill_new(self) -> None:
        """Queue new cards from the pool, in rank order, up to what the day still allows."""
        while self._queued_new() < self._new_allowed and self._pool_at < len(self._pool):
            item = self._pool[self._pool_at]
            self._pool_at += 1
            if item.term.key not in self._busy_terms:
                self._busy_terms.add(item.term.key)
                self._new.append(item)

    def _trim_new(self) -> None:
        """Give back to the pool the new cards queued last, when an undo brought others back."""
        while self._queued_new() > self._new_allowed and self._new:
            item = self._new.pop()
            self._busy_terms.discard(item.term.key)
            self._pool_at = self._pool.index(item, 0, self._pool_at)

    def _return_to_pool(self, items: list[StudyItem]) -> None:
        """Take ``items`` (new cards, wherever an undo left them) out of the queues, back into the pool."""
        if not items:
            return
        taken = {(i.term.key, i.side) for i in items}
        for queue in self._queues():
            queue[:] = [i for i in queue if not (i.is_new and (i.term.key, i.side) in taken)]
        for item in items:
            self._busy_terms.discard(item.term.key)
        self._pool_at = min(self._pool.index(item, 0, self._pool_at) for item in items)

    def _queued_new(self) -> int:
        return sum(item.is_new for queue in self._queues() for item in queue)

    def _queues(self) -> tuple[list[StudyItem], ...]:
        return self._front, self._learning, self._due, self._new


def _due_time(item: StudyItem) -> datetime:
    assert item.card is not None
    return item.card.due
