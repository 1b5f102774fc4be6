"""The learner's own state: what they know, ignore and corrected, and their review history.

``words`` reads and keys marked words (one known-words file parser); ``store`` keeps marks,
corrections and every review answer in one SQLite file; ``curation`` applies marks and
corrections to ranked terms; ``actions`` are what the learner does to them (mark, edit, import
known words from Anki, find a term by any of its names); ``anki_import`` reads Anki collections.
"""
