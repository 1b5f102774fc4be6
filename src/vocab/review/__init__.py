"""Studying in the terminal: a review store (SQLite), FSRS scheduling, the session queue and its loop.

``store`` keeps every answer, card, mark and correction; ``scheduler`` asks FSRS for due dates;
``session`` decides which card comes next; ``terminal`` shows it and reads keys; ``stats`` sums
it up; ``anki_import`` reads what the learner already learned in Anki.
"""
