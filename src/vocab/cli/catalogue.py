"""The commands of `vocab`: where each is defined and the line `vocab --help` lists it with.

`vocab --help` reads this table only, so it imports neither the commands' modules nor the models they use;
each command takes its short help from here too, so the listing and `vocab COMMAND --help` agree.
"""

from __future__ import annotations

# name: (module in vocab.cli, attribute, short help), in the order `vocab --help` lists them
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("documents", "build", "The main job: read, extract, rank; write glossaries and the deck."),
    "cache": ("documents", "cache_group", "The cache that lets a rebuild read only new and changed files."),
    "deck": ("documents", "deck", "Export the ranked terms as an Anki deck, updated in place."),
    "edit": ("study", "edit", "Correct a term: its English, Chinese, pinyin or definition."),
    "extract": ("documents", "extract", "Print every bilingual gloss in FILES, with its context."),
    "glossary": ("documents", "glossary", "Write a glossary per document, and one for them all."),
    "inspect": ("documents", "inspect", "Show how vocab reads FILES: format, metadata, segments."),
    "known": ("study", "known", "Words you already know: left out of lists, decks and reviews."),
    "list": ("documents", "list_terms", "Rank the terms of PATHS and list them."),
    "review": ("study", "review", "Study the ranked terms in the terminal, scheduled by FSRS."),
    "stats": ("study", "stats", "How far you are: known, learning, new; reviews; retention."),
}


def short_help(name: str) -> str:
    return COMMANDS[name][2]
