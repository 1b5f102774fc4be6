"""Studying in the terminal: FSRS scheduling, the session queue, its loop and the learner's figures.

``scheduler`` asks FSRS for due dates; ``session`` decides which card comes next; ``terminal`` shows
it and reads keys; ``stats`` sums it up. What they store lives in ``learner.store``.
"""
