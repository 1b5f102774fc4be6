"""Time the review store: answers committed one by one (each durable before the next card), a session
built over 10,000 terms with 20,000 stored cards, and the curation read by every list/glossary/deck.

    .venv/bin/python benchmarks/bench_review.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_deck import synthetic_terms  # noqa: E402

from vocab.learner.curation import load_curation  # noqa: E402
from vocab.learner.store import STORE_FILE, ReviewStore  # noqa: E402
from vocab.learner.words import make_mark  # noqa: E402
from vocab.models import CardSide, MarkStatus  # noqa: E402
from vocab.review.scheduler import answer_card  # noqa: E402
from vocab.review.session import ReviewSession  # noqa: E402

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def main() -> None:
    terms = synthetic_terms(10_000)
    with tempfile.TemporaryDirectory() as folder:
        with ReviewStore(Path(folder) / STORE_FILE) as store:
            session = ReviewSession(store, terms[:500], [CardSide.EN_ZH], new_per_day=500, clock=lambda: NOW)
            started = time.perf_counter()
            answered = 0
            while (item := session.next()) is not None and answered < 500:
                session.answer(item, 3 if answered % 5 else 1)
                answered += 1
            elapsed = time.perf_counter() - started
            print(
                f"answer (FSRS + one durable commit each): {answered} answers in {elapsed:.2f} s,"
                f" {elapsed / answered * 1000:.1f} ms per answer"
            )

            started = time.perf_counter()
            for side in CardSide:  # 20,000 cards: both sides of every term, answered Easy
                for term in terms:
                    store.record_answer(None, answer_card(None, term.key, side, 4, NOW), 4, NOW)
            elapsed = time.perf_counter() - started
            print(f"set-up: 20,000 first answers stored in {elapsed:.1f} s")
            store.set_marks(make_mark(t.en, MarkStatus.KNOWN, "bench", NOW) for t in terms[::10])

            started = time.perf_counter()
            later = ReviewSession(store, terms, list(CardSide), clock=lambda: NOW + timedelta(days=9))
            elapsed = time.perf_counter() - started
            print(f"session over 10,000 terms, 20,000 stored cards: built in {elapsed:.2f} s, {later.counts()[0]} due")

        started = time.perf_counter()
        curation = load_curation(Path(folder))
        curated = curation.apply(terms)
        elapsed = time.perf_counter() - started
        print(
            f"curation (1,000 known words) read and applied to 10,000 terms: {elapsed * 1000:.0f} ms,"
            f" {len(curated)} terms left"
        )


if __name__ == "__main__":
    main()
