"""Anki decks: one note per term, with its contexts, stable across re-exports.

Identity. A note's GUID is the hash of the term's identity — its normalised English, which is how
terms merge (see ``rank``) — never of its fields, so a corrected definition, a new context or a new
Chinese sense updates the note a learner already studies. Deck IDs are hashes of deck names. The
note type's ID is fixed per ``MODEL_VERSION``. Anki matches a note type by its ID and then by the
names of its fields and templates (its schema): a new ID or a renamed, added or removed field or
template forks the note type in a learner's collection, and the notes already there stop updating
(the importer reports them as conflicting). A test pins the schema, so that fails loudly. The
templates' text and the styling may change: Anki updates the note type in place when it is newer,
and the whole note type's hash is part of every note's content hash, so a changed layout bumps
the notes, and with them the note type's time.

Updates. Anki updates an existing note on import only when the incoming modification time is newer
(and the note type is the same). A sidecar file next to the deck remembers each note's content
hash and modification time: an unchanged note keeps its old time (not bumped), a changed one gets
a newer time, so re-importing updates it in place and keeps its cards and review history. A rank or a count that moved
with the rest of the corpus is no change (``_MOVING``): Anki replaces a newer note whole, the learner's tags with it.

Marks. A term the learner marks known or ignored after it was exported keeps its note, tagged
``vocab::known`` or ``vocab::ignored``; a re-import updates a note's tags, and the tag goes again
when the mark is taken back. Anki's importer never touches cards that exist (scheduling included:
``TODO: could update existing card`` in rslib's apkg card import), so suspending them is the
learner's one search in Anki; cards new to a collection come suspended when the import brings
scheduling ("Import any learning progress"). A term marked before it was ever exported stays out.

Safety. Every text that reaches a field is HTML-escaped, and the characters that mean something to
Anki's templates (``{{``, ``}}``, ``::``, ``[sound:``) are written as entities.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from ..cache import DocumentCache
from ..errors import StoreError
from ..extract import WORD_LIST_ENTRY
from ..extract.align import term_span
from ..fileio import atomic_path, atomic_write
from ..identity import note_guid, zh_key
from ..memo import answers_while, code_fingerprint, keep_answers
from ..models import DEFAULT_CARDS, CardType, ClozeSide, DeckSplit, Direction, Document, Gloss, MarkStatus, Term
from ..text import HAN_RE, format_time, link_target, slugify, term_pinyin
from ..workers import default_jobs, in_background, in_order
from .audio import TermClip
from .cards import (
    blank_parts,
    chinese_and_pinyin,
    chinese_line,
    gloss_match,
    glossed_sides,
    hide_forms,
    highlight,
    pinyin_spellings,
    term_marks,
)
from .digests import TermDigests, value_bytes
from .records import render_json_by_line

# Version 2 added the clip (Sound) and the listening card. A collection that has version 1 takes it on one
# import with "Merge note types" ticked: its notes move to version 2 with their cards and history.
MODEL_VERSION = 2
MODEL_ID = 1_764_490_202  # fixed for version 2 of the note type: never change it without MODEL_VERSION
MODEL_NAME = f"vocab term (v{MODEL_VERSION})"
MORE_CONTEXTS = 3
# What a cloze asks for, said over it: the English or the Chinese (the other side is the hint).
CLOZE_ASKS = {True: "Fill in the English", False: "填中文"}
FIELDS = (
    "English", "Chinese", "Pinyin", "Definition", "Kind",
    "Context", "ContextEn", "ContextZh", "ContextCloze", "Aligned", "MoreContexts",
    "Source", "Speaker", "Timestamp", "Link", "Rank", "Count", "Zipf",
    "CardEnZh", "CardZhEn", "CardCloze",
    "Sound", "ContextListen", "CardListen",
)  # fmt: skip

_META = (
    '<div class="meta">{{#Speaker}}{{Speaker}} · {{/Speaker}}'
    '{{#Link}}<a href="{{Link}}">{{#Timestamp}}{{Timestamp}}{{/Timestamp}}{{^Timestamp}}source{{/Timestamp}}</a>'
    "{{/Link}}{{^Link}}{{Timestamp}}{{/Link}}"
    '<div class="source">{{Source}}</div><div class="rank">#{{Rank}} · seen {{Count}}× · Zipf {{Zipf}}</div></div>'
    '{{#MoreContexts}}<div class="more">{{MoreContexts}}</div>{{/MoreContexts}}'
)
_FOOTER = '{{#Sound}}<div class="sound">{{Sound}}</div>{{/Sound}}' + _META  # the back of a card: hear it said
_ANSWER_EN = '<div class="term en">{{English}}</div>'
_ANSWER_ZH = '<div class="term zh">{{Chinese}}</div><div class="pinyin">{{Pinyin}}</div>'
_DEFINITION = '{{#Definition}}<div class="definition">{{Definition}}</div>{{/Definition}}'
_CONTEXT = '<div class="context">{{Context}}</div>{{#Aligned}}<div class="aligned">{{Aligned}}</div>{{/Aligned}}'
TEMPLATES = (
    {
        "name": "English → 中文",
        "qfmt": "{{#CardEnZh}}" + _ANSWER_EN + '<div class="context">{{ContextEn}}</div>'
        '{{#Aligned}}<div class="aligned">{{Aligned}}</div>{{/Aligned}}{{/CardEnZh}}',
        "afmt": '{{FrontSide}}<hr id="answer">' + _ANSWER_ZH + _DEFINITION + _FOOTER,
    },
    {
        "name": "中文 → English",
        "qfmt": "{{#CardZhEn}}{{#Chinese}}" + _ANSWER_ZH + '<div class="context">{{ContextZh}}</div>'
        "{{/Chinese}}{{/CardZhEn}}",
        "afmt": '{{FrontSide}}<hr id="answer">' + _ANSWER_EN + _DEFINITION + _CONTEXT + _FOOTER,
    },
    {
        "name": "Cloze",
        "qfmt": "{{#CardCloze}}{{ContextCloze}}{{/CardCloze}}",  # the field says which side to fill in
        "afmt": '{{FrontSide}}<hr id="answer">' + _ANSWER_EN + _ANSWER_ZH + _DEFINITION + _CONTEXT + _FOOTER,
    },
    {
        "name": "Listen",
        "qfmt": '{{#CardListen}}{{#Sound}}<div class="hint">Listen: which term do you hear?</div>{{Sound}}'
        '{{#ContextListen}}<div class="context">{{ContextListen}}</div>{{/ContextListen}}{{/Sound}}{{/CardListen}}',
        # the clip is on the front already, so the back's footer leaves it out
        "afmt": '{{FrontSide}}<hr id="answer">' + _ANSWER_EN + _ANSWER_ZH + _DEFINITION + _CONTEXT + _META,
    },
)
CSS = """\
.card { font-family: -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 20px; line-height: 1.5; text-align: center; color: #1d1d1f; background: #fcfcfa;
  max-width: 42em; margin: 0 auto; padding: 0.6em; }
.term { font-size: 1.6em; font-weight: 600; margin: 0.3em 0; }
.pinyin { color: #6b6b6b; font-size: 0.9em; }
.definition { margin: 0.5em 0; font-style: italic; }
.context { text-align: left; margin: 0.8em 0 0.3em; }
.context b, .context .gap { color: #0a58ca; }
.aligned { text-align: left; color: #555; font-size: 0.85em; }
.hint { color: #888; font-size: 0.8em; }
.meta { margin-top: 1em; font-size: 0.75em; color: #777; }
.more { text-align: left; font-size: 0.8em; color: #555; margin-top: 0.8em; }
.more li { margin: 0.3em 0; }
a { color: #0a58ca; }
.mobile .card, .card.mobile { font-size: 18px; padding: 0.3em; }
.nightMode.card, .night_mode .card, .card.nightMode { color: #e8e8e8; background: #1e1e1e; }
.nightMode .pinyin, .night_mode .pinyin, .nightMode .aligned, .night_mode .aligned { color: #b0b0b0; }
.nightMode .context b, .night_mode .context b, .nightMode a, .night_mode a { color: #7ab7ff; }
"""


@dataclass(frozen=True, slots=True)
class DeckOptions:
    name: str = "vocab"
    cards: tuple[CardType, ...] = DEFAULT_CARDS
    split: DeckSplit = DeckSplit.NONE
    cloze: ClozeSide = ClozeSide.TERM


def anki_escape(text: str | None) -> str:
    """Text as safe field content: HTML-escaped, and Anki's template and media markers defused. An apostrophe stays as
    written: the templates quote attributes with `"`, and a field search in Anki's browser (`"English:gambler's
    fallacy"`) matches the text as stored (a learner's search found nothing in `gambler&#x27;s fallacy`).

    >>> anki_escape('<b>{{c1::x}}</b> [sound:a.mp3] & "q" ') + anki_escape("it's")
    "&lt;b&gt;&#123;&#123;c1&#58;&#58;x&#125;&#125;&lt;/b&gt; &#91;sound:a.mp3] &amp; &quot;q&quot; it's"
    """
    escaped = html.escape(text or "", quote=False).replace('"', "&quot;")
    escaped = escaped.replace("{", "&#123;").replace("}", "&#125;").replace("::", "&#58;&#58;")
    return escaped.replace("[sound:", "&#91;sound:")


def model():  # type: ignore[no-untyped-def]
    """The note type (genanki.Model), built on first use."""
    import genanki

    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[dict(t) for t in TEMPLATES],
        css=CSS,
        sort_field_index=0,
    )


def schema_fingerprint() -> str:
    """A hash of what Anki matches a note type on, its field and template names in order; tests pin it
    per MODEL_VERSION, since changing it forks the note type in learners' collections."""
    return _fingerprint({"fields": FIELDS, "templates": [t["name"] for t in TEMPLATES]})


def model_fingerprint() -> str:
    """A hash of the whole note type, layout and styling too: part of each note's content hash, so a
    new layout reaches collections (Anki updates a note type only when it comes with a newer time)."""
    return _fingerprint({"fields": FIELDS, "templates": TEMPLATES, "css": CSS})


def _fingerprint(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def deck_id(name: str) -> int:
    """A stable deck ID from the deck's name (Anki wants an integer below 2**63)."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:15], 16) + (1 << 30)


def note_fields(
    term: Term,
    cards: Sequence[CardType],
    documents: dict[str, Document],
    clip: TermClip | None = None,
    cloze: ClozeSide = ClozeSide.TERM,
) -> list[str]:
    """The field values of a term's note, every text escaped; ``clip``, its moment cut from the episode's audio
    (``export.audio``), plays on the back of every card and on the front of a listening card; ``cloze``, the side
    its cloze blanks."""
    first = term.first
    document = documents.get(first.source)
    meta = document.metadata if document else None
    source = source_line(meta.show if meta else None, first.title, meta.date if meta else None)
    chinese_forms = tuple(form for form in (term.zh, *term.zh_forms) if form)  # `edit --zh` may name another word
    # The Chinese as the card's sentence writes it: a term read in Traditional and in Simplified showed 紅移 over
    # 哈勃发现了红移.
    chinese = first.zh if first.zh and term.zh and zh_key(first.zh) == zh_key(term.zh) else term.zh
    words, readings = chinese_and_pinyin(term, chinese, asked=True)  # 归一化 beside 标准化: both are answers
    # its pinyin where the sentence writes it is the Chinese answer too (`背锅 (bēiguō, to take the blame): …`)
    contexts = _contexts(first, (*chinese_forms, *pinyin_spellings(readings)), cloze, (term.en, *term.en_forms))
    ask = f'<div class="hint">{CLOZE_ASKS[_cloze_asks_english(first, cloze)]}</div>'
    cloze_card = f'{ask}<div class="context cloze">{contexts["gap"]}</div>' if contexts["gap"] else ""
    # Terms sharing this Chinese: the 中文 → English front names the others, so it asks for one answer.
    also = f'<div class="hint">also: {anki_escape(", ".join(term.also))}</div>' if term.also else ""
    return [
        anki_escape(term.en),
        anki_escape(words),
        anki_escape(readings),
        anki_escape(term.definition),
        anki_escape(term.kind.value),
        contexts["both"],
        contexts["en"],
        also + (_chinese_said(first) or contexts["zh"]),
        cloze_card,
        _aligned(first, chinese_forms),
        _more_contexts(term, documents),
        anki_escape(source),
        anki_escape(first.speaker),
        format_time(first.start),
        anki_escape(link_target(first.url) or ""),
        str(term.rank),
        str(term.count),
        f"{term.zipf_en:.1f}",
        "y" if CardType.EN_ZH in cards else "",
        "y" if CardType.ZH_EN in cards and term.zh else "",
        "y" if CardType.CLOZE in cards and cloze_card else "",  # no card that would blank nothing
        f"[sound:{clip.path.name}]" if clip else "",  # named by vocab (a hash): nothing in it to escape
        _listen_context(clip.gloss, term.en_forms) if clip else "",
        "y" if CardType.LISTEN in cards and clip else "",
    ]


def note_tags(term: Term, documents: dict[str, Document]) -> list[str]:
    """Tags without spaces: vocab, show and episode slugs, direction, kind."""
    tags = ["vocab", term.first.direction.value, term.kind.value]
    for path in dict.fromkeys(g.source for g in term.glosses):
        document = documents.get(path)
        if document is not None:
            tags += _episode_tags(document.metadata.show, document.metadata.date, document.title)
    return list(dict.fromkeys(tags))


@lru_cache(maxsize=4096)  # a document's tags, on every note of its terms
def _episode_tags(show: str | None, date: str | None, title: str) -> tuple[str, ...]:
    episode = "episode::" + slugify(" ".join(p for p in (date, title) if p))
    return ("show::" + slugify(show), episode) if show else (episode,)


def deck_name(term: Term, options: DeckOptions, documents: dict[str, Document]) -> str:
    """The (sub)deck of a term: by the show or the episode of its first occurrence."""
    if options.split is DeckSplit.NONE:
        return options.name
    document = documents.get(term.first.source)
    show = (document.metadata.show if document else None) or "other"
    if options.split is DeckSplit.SHOW:
        return f"{options.name}::{_deck_part(show)}"
    title = document.title if document else term.first.title
    return f"{options.name}::{_deck_part(show)}::{_deck_part(title)}"


def exported_notes(target: Path) -> set[str]:
    """The GUIDs of the notes the deck at ``target`` holds, by its sidecar (none when there is no deck)."""
    if not target.is_file():
        return set()
    return set(_load_state(deck_state_path(target))) - {_PACKAGE, _LEFT}


def exported_versions(target: Path) -> dict[str, tuple[str, str]]:
    """Each note the deck at ``target`` holds, by GUID: its version (the time it was last changed, which Anki's import
    compares) and its English, by its sidecar."""
    if not target.is_file():
        return {}
    state = _load_state(deck_state_path(target))
    return {
        guid: (str(entry.get("mod")), str(entry.get("en")))
        for guid, entry in state.items()
        if guid not in (_PACKAGE, _LEFT) and isinstance(entry, dict)
    }


def notes_cached(target: Path, cache: DocumentCache) -> set[str]:
    """The GUIDs of the notes the deck at ``target`` holds whose fields ``cache`` keeps, made from what they were
    last exported from (its sidecar's ``inputs``, `digest#rank`): after `vocab cache clear`, none."""
    if not target.is_file():
        return set()
    state = _load_state(deck_state_path(target))
    return {
        guid
        for guid, entry in state.items()
        if guid not in (_PACKAGE, _LEFT)
        and isinstance(entry, dict)
        and isinstance(inputs := entry.get("inputs"), str)
        and cache.has_value(_note_key(inputs.rpartition("#")[0]))
    }


def _note_key(made_of: str) -> str:
    """The cache key of a note's fields, by the digest of what they are made from (``_note_inputs``)."""
    return f"note:{made_of}"


def package_digest(target: Path) -> str | None:
    """The digest of the deck at ``target`` as its sidecar records it when vocab wrote it (None for no deck)."""
    if not target.is_file():
        return None
    digest = _load_state(deck_state_path(target)).get(_PACKAGE, {}).get("sha256")
    return digest if isinstance(digest, str) else None


def exported_cloze(target: Path) -> str | None:
    """What the cloze cards of the deck at ``target`` blanked when vocab last wrote it (``ClozeSide``'s value), or None
    (no deck, or one written before vocab recorded it)."""
    if not target.is_file():
        return None
    cloze = _load_state(deck_state_path(target)).get(_PACKAGE, {}).get("cloze")
    return cloze if isinstance(cloze, str) else None


def under_exported_identities(
    terms: Sequence[Term], retired: Sequence[tuple[Term, MarkStatus]], target: Path
) -> tuple[list[Term], list[tuple[Term, MarkStatus]]]:
    """``terms`` and ``retired``, each under the identity of a note the deck at ``target`` exported for one of its
    English forms where its own identity has none (``rank.under_known_identities``: the learner's note, with its
    review history, is not left behind in the collection). A deck made new uses the terms' own."""
    from ..rank import under_known_identities

    state = _load_state(deck_state_path(target)) if target.is_file() else {}
    left = state.get(_LEFT)
    exported = {*state, *(left if isinstance(left, dict) else ())} - {_PACKAGE, _LEFT}
    if not exported:
        return list(terms), list(retired)
    moved = under_known_identities([*terms, *(term for term, _ in retired)], lambda key: note_guid(key) in exported)
    return moved[: len(terms)], list(zip(moved[len(terms) :], (status for _, status in retired), strict=True))


def deck_state_path(target: Path) -> Path:
    """The sidecar beside a deck that remembers each exported note's content and modification time."""
    return target.with_name(f".{target.name}.notes.json")


def write_deck(
    terms: Sequence[Term],
    documents: Sequence[Document],
    target: Path,
    options: DeckOptions,
    retired: Sequence[tuple[Term, MarkStatus]] = (),
    sounds: dict[str, TermClip] | None = None,
    cache: DocumentCache | None = None,
    digests: TermDigests | None = None,
    jobs: int | None = None,
) -> int:
    """Write ``terms`` as an .apkg at ``target`` (whole or not at all); return the number of notes. ``sounds``:
    per note GUID, the clip of its term's moment, packed in as the deck's media. ``cache`` keeps each note's
    fields by what they are made from, its rank aside (``digests``, of the corpus the terms come from): a new
    episode moves the ranks of most terms, and only the notes whose terms it changed are made again.

    ``retired`` are the terms the learner marked known or ignored (``Curation.retired``). Those this
    file exported before may be in a collection, so their notes stay, tagged ``vocab::known`` or
    ``vocab::ignored`` (a re-import updates the tags; it cannot suspend cards that exist) and with
    cards suspended for a collection that meets them new. The others are never exported.
    """
    import genanki

    if target.is_file() and not zipfile.is_zipfile(target):
        raise StoreError(str(target), "exists and is not an Anki package: not overwritten (choose another --out)")
    by_path = {d.path: d for d in documents}
    state_path = deck_state_path(target)
    state = _load_state(state_path)
    left = state.pop(_LEFT, {})  # notes that left the deck: a collection may hold them still
    left = {guid: entry for guid, entry in left.items() if isinstance(entry, dict)} if isinstance(left, dict) else {}
    now = int(time.time())
    decks: dict[str, genanki.Deck] = {}
    new_state: dict[str, dict[str, Any]] = {}
    note_type, layout = model(), model_fingerprint()
    exported: list[tuple[Term, MarkStatus | None]] = [(term, None) for term in terms]
    exported += [(term, status) for term, status in retired if {note_guid(term.key)} & {*state, *left}]
    exported.sort(key=lambda item: item[0].rank)
    firsts: dict[str, tuple[Term, MarkStatus | None]] = {}
    for term, status in exported:
        firsts.setdefault(note_guid(term.key), (term, status))  # a term both selected and marked: as selected
    sounds = {**_clips_kept(state, firsts, sounds or {}), **(sounds or {})}
    clips = {guid: str(clip.path) for guid, clip in sounds.items()}
    made_of = _note_inputs(exported, options, by_path, layout, clips, digests or TermDigests())
    inputs = {guid: f"{digest}#{firsts[guid][0].rank}" for guid, digest in made_of.items()}  # what the sidecar compares
    if _unchanged(state, inputs, target):
        return len(inputs)  # every note as the file holds it: nothing to write
    made = _all_fields([term for term, _ in firsts.values()], options, by_path, sounds or {}, cache, made_of, jobs)
    for (guid, (term, status)), fields in zip(firsts.items(), made, strict=True):
        tags = note_tags(term, by_path) + ([f"vocab::{status.value}"] if status else [])
        previous = state.get(guid) or left.get(guid, {})
        if previous.get("inputs") == inputs[guid] and previous.get("form") == _DIGEST_FORM and _stored(previous):
            digest = previous["hash"]  # made from the same inputs, rank included: the same fields and tags
            unchanged = True
        else:
            named = _file_named(term, by_path)
            digest, was = _content_digest(fields, tags, layout, named), previous.get("hash")
            # a deck written before ``_MORE`` moved kept the further contexts in its digest, one before
            # ``_MOVING_TAGS`` the episode tags, one before ``_file_named`` the names of episodes that have only their
            # file's, and one before ``_MOVING`` the rank and the count
            earlier = (
                (
                    _content_digest(fields, tags, layout, named, form=2),
                    _content_digest(fields, tags, layout, named, form=1),
                    _content_digest(fields, tags, layout, form=1),
                    _note_digest(fields, tags, layout),
                )
                if was
                else ()
            )
            unchanged = was is not None and (was == digest or was in earlier)
        modified = int(previous["mod"]) if unchanged else max(now, int(previous.get("mod", 0)) + 1)
        new_state[guid] = {"hash": digest, "form": _DIGEST_FORM, "mod": modified, "en": term.en, "inputs": inputs[guid]}
        if guid in sounds:  # what a later export reuses where it finds no audio (``_clips_kept``)
            clip = sounds[guid]
            new_state[guid]["clip"] = {"path": str(clip.path), "source": clip.gloss.source, "start": clip.gloss.start}
        name = deck_name(term, options, by_path)
        deck = decks.setdefault(name, genanki.Deck(deck_id(name), name))
        note = _note_class()(
            model=note_type, fields=fields, tags=tags, guid=guid, due=term.rank, mod=modified, suspend=bool(status)
        )
        deck.add_note(note)
    package = genanki.Package(list(decks.values()) or [genanki.Deck(deck_id(options.name), options.name)])
    package.media_files = sorted({path for guid, path in clips.items() if guid in new_state})
    timestamp = max((int(item["mod"]) for item in new_state.values()), default=now)
    with atomic_path(target) as tmp:
        _write_package(package, tmp, timestamp)
        if _same_contents(tmp, target):
            shutil.copyfile(target, tmp)  # the same notes and media: the file as it was, not one zipped at another time
    notes = len(new_state)
    new_state[_PACKAGE] = {"sha256": _file_digest(target), "cloze": options.cloze.value}
    gone = {guid: entry for guid, entry in {**left, **state}.items() if guid not in new_state and guid != _PACKAGE}
    if gone:
        new_state[_LEFT] = gone
    atomic_write(state_path, render_json_by_line(new_state, sort_keys=True))  # a note a line
    return notes


def _write_package(package: Any, path: Path, timestamp: int) -> None:
    """genanki's ``Package.write_to_file``, with the collection in a folder that goes away after: genanki makes
    that SQLite file with ``mkstemp`` and never removes it, so every export left a deck-sized file in the
    system's temporary folder. The same archive otherwise: the collection, the media map, the media files."""
    with tempfile.TemporaryDirectory(prefix="vocab-deck-") as folder:
        collection = Path(folder) / "collection.anki2"
        with closing(sqlite3.connect(collection)) as db:
            package.write_to_db(db.cursor(), timestamp, itertools.count(timestamp * 1000))
            db.commit()
        media = dict(enumerate(package.media_files))
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(collection, "collection.anki2")
            archive.writestr("media", json.dumps({index: os.path.basename(file) for index, file in media.items()}))
            for index, file in media.items():
                archive.write(file, str(index))


def _clips_kept(
    state: dict[str, Any], firsts: dict[str, tuple[Term, MarkStatus | None]], sounds: dict[str, TermClip]
) -> dict[str, TermClip]:
    """The clips this file's last export gave notes that get none now, where the MP3 is still there and the term is
    still glossed at that moment: an episode's audio moved, or `--media` left out, silently stripped every clip, and
    an import into Anki emptied the notes' Sound field (new-user report 10)."""
    kept = {}
    for guid, (term, _) in firsts.items():
        entry = state.get(guid)
        clip = entry.get("clip") if guid not in sounds and isinstance(entry, dict) else None
        if not (isinstance(clip, dict) and isinstance(clip.get("path"), str)):
            continue
        said = (clip.get("source"), clip.get("start"))
        moment = next((g for g in term.glosses if (g.source, g.start) == said), None)
        if moment is not None and Path(clip["path"]).is_file():
            kept[guid] = TermClip(Path(clip["path"]), moment)
    return kept


_PACKAGE = "package"  # the sidecar's entry for the .apkg itself (note GUIDs never take this form)


# The sidecar's entry for the notes an export of this file held and a later one left out (a build of one episode, a
# term no longer in the documents): a collection may hold them, so a term of theirs marked known or ignored since
# comes back into the deck, tagged, when a build has it again.
_LEFT = "left"


def _same_contents(new: Path, old: Path) -> bool:
    """The packages hold the same files, byte for byte by their CRC and size: a note's inputs can change (an edited
    document moves a gloss) while its fields do not, and only the zip's times would differ."""
    try:
        with zipfile.ZipFile(new) as a, zipfile.ZipFile(old) as b:
            return {i.filename: (i.CRC, i.file_size) for i in a.infolist()} == {
                i.filename: (i.CRC, i.file_size) for i in b.infolist()
            }
    except (OSError, zipfile.BadZipFile):
        return False


DeckWriter = Callable[[DocumentCache | None, bool], int]  # ``write_deck`` with all given but its cache, and alone


@contextmanager
def deck_beside(write: DeckWriter, cache: DocumentCache | None, worth: bool) -> Iterator[Callable[[], int]]:
    """Write the deck while the caller writes the glossaries (in the ``with`` block), where that is ``worth`` it:
    the function given waits for the deck and returns its number of notes. A rebuild's deck is mostly notes kept in
    the cache, and what it costs (digests of every term, the package written whole) is about what the glossaries
    cost, each on one core. The deck is written in a forked process that reads the cache on its own and sends back
    what it would have stored there (notes' fields, readings), and the memo's new answers; it makes its notes alone
    (a process that ends with this one's may start none). Should it fail, the deck is written here (its error
    reported as ever); should the block fail first, the child's work is waited for and dropped. Otherwise the deck
    is written when the function is called."""
    if not worth or cache is None:
        yield lambda: write(cache, False)
        return

    def in_child() -> tuple[int, list[tuple[str, Any]], list[tuple[str, str, str]]]:
        detached = cache.detached()
        notes, answers = answers_while(lambda: write(detached, True))
        return notes, detached.recorded, answers

    with in_background(in_child) as waiting:

        def notes() -> int:
            sent = waiting()
            if sent is None:
                return write(cache, False)
            count, values, answers = sent
            cache.store(values)
            keep_answers(answers)
            return count

        yield notes


_RANK = FIELDS.index("Rank")
# What moves with the rest of the corpus, not with what the note teaches: a new episode shifts the rank and the count of
# dozens of terms, and a note Anki sees as newer is replaced whole on import, the learner's own tags and edits with it
# (new-user report 11). A note whose other fields and tags are the same keeps its time, and its rank in Anki.
_MOVING = frozenset({_RANK, FIELDS.index("Count")})


_MOVING_TAGS = ("episode::", "show::")  # what ``_episode_tags`` makes
# The form of the digests a sidecar keeps: 2 since ``_MOVING_TAGS``, 3 since the further contexts left it. A note whose
# digest has another is looked at again on the next export and its digest made anew, so a later episode's tag and
# context find it in this form (upgrading, a deck kept the older form until a note's inputs changed, and then its new
# episode made it newer).
_DIGEST_FORM = 3

_NAMING = (FIELDS.index("Source"), FIELDS.index("MoreContexts"))  # the fields that name a term's episodes
_MORE = FIELDS.index("MoreContexts")


def _content_digest(
    fields: list[str], tags: list[str], layout: str, file_named: Sequence[Document] = (), form: int = _DIGEST_FORM
) -> str:
    """What a note teaches, as a digest: its fields but its rank, its count and its further contexts, its tags but
    its shows' and episodes', its note type's layout; and not the names of ``file_named`` episodes, which a rename of
    their files changes and nothing else (learner's trial 60: renaming a subtitle file made its notes newer, and the
    import took the learner's tags from them). A new episode that glosses a term again adds its tag and a context
    under the card's own, nothing it teaches (learner's trials 61 and 62: studied notes lost their learner's tags and
    field edits so): both come with the note's next real change. ``form`` 2 is the digest as decks kept it with the
    further contexts, 1 with the episode tags too."""
    kept = [field if i not in _MOVING and (i != _MORE or form < 3) else "" for i, field in enumerate(fields)]
    for document in file_named:
        for i in _NAMING:
            kept[i] = kept[i].replace(anki_escape(document.title), "\0")
    renamed = {_episode_tags(d.metadata.show, d.metadata.date, d.title)[-1] for d in file_named}
    moving = _MOVING_TAGS if form >= 2 else ()
    return _note_digest(kept, [tag for tag in tags if tag not in renamed and not tag.startswith(moving)], layout)


def _stored(entry: dict[str, Any]) -> bool:
    return isinstance(entry.get("hash"), str)


def _file_named(term: Term, documents: dict[str, Document]) -> list[Document]:
    """The documents of a term's glosses whose title is their file's name: they state none."""
    found = (documents.get(path) for path in dict.fromkeys(g.source for g in term.glosses))
    return [document for document in found if document is not None and not document.metadata.title]


def _note_digest(fields: list[str], tags: list[str], layout: str) -> str:
    return hashlib.sha256(json.dumps([fields, tags, layout], ensure_ascii=False).encode("utf-8")).hexdigest()


def _all_fields(
    terms: list[Term],
    options: DeckOptions,
    documents: dict[str, Document],
    clips: dict[str, TermClip],
    cache: DocumentCache | None,
    made_of: dict[str, str],
    jobs: int | None,
) -> list[list[str]]:
    """Each term's ``note_fields``, taken from ``cache`` where its note was made from the same inputs
    (``made_of``), but for its rank; the others made by ``jobs`` processes (None: one per core for
    ``POOL_MIN_NOTES`` or more)."""
    keys = [_note_key(made_of[note_guid(term.key)]) for term in terms]
    stored = [cache.get_value(key) if cache is not None else None for key in keys]
    fresh = [i for i, fields in enumerate(stored) if not _are_fields(fields)]
    for i in fresh:
        term_pinyin(terms[i])  # read once here, so the workers find it and the memo keeps it

    def make(k: int) -> list[str]:
        term = terms[fresh[k]]
        return note_fields(term, options.cards, documents, clips.get(note_guid(term.key)), options.cloze)

    made = in_order(
        make, len(fresh), default_jobs(len(fresh), POOL_MIN_NOTES) if jobs is None else jobs, with_caller=True
    )
    notes = []
    for term, key, kept in zip(terms, keys, stored, strict=True):
        fields = kept if _are_fields(kept) else next(made)
        if fields is not kept and cache is not None:
            cache.put_value(key, fields)
        fields[_RANK] = str(term.rank)
        notes.append(fields)
    return notes


def _are_fields(stored: object) -> TypeGuard[list[str]]:
    return isinstance(stored, list) and len(stored) == len(FIELDS) and all(isinstance(f, str) for f in stored)


POOL_MIN_NOTES = 1_000  # notes to make before more processes pay: 10,000 take about 2 s on one core


def _note_inputs(
    exported: list[tuple[Term, MarkStatus | None]],
    options: DeckOptions,
    documents: dict[str, Document],
    layout: str,
    clips: dict[str, str],
    term_digest: TermDigests,
) -> dict[str, str]:
    """Per note GUID (in the order of ``exported``), a digest of everything its fields, tags and deck are made
    from but its rank: the term, its mark, its clip, the options, the metadata of its documents, the note type's
    ``layout`` and vocab's code (readings, escaping)."""
    code = code_fingerprint() + layout
    about: dict[str, str] = {}  # per document, a digest of its path, title and metadata

    def described(path: str) -> str:
        if path not in about:
            document = documents[path]
            about[path] = hashlib.sha256(value_bytes((path, document.title, document.metadata))).hexdigest()[:24]
        return about[path]

    digests: dict[str, str] = {}
    for term, status in exported:
        guid = note_guid(term.key)
        if guid in digests:
            continue
        metadata = [described(p) for p in term.documents if p in documents]
        payload = value_bytes((term_digest(term), status, options, metadata, clips.get(guid), code))
        digests[guid] = hashlib.sha256(payload).hexdigest()
    return digests


def _unchanged(state: dict[str, dict[str, Any]], inputs: dict[str, str], target: Path) -> bool:
    """The sidecar says the file at ``target`` holds these notes, made from these inputs, and it still does."""
    package = state.get(_PACKAGE, {}).get("sha256")
    if not package or len(state) != len(inputs) + 1:
        return False
    if any(state.get(guid, {}).get("inputs") != digest for guid, digest in inputs.items()):
        return False
    if any(state.get(guid, {}).get("form") != _DIGEST_FORM for guid in inputs):
        return False  # a digest of an older form: made again now, while the note's tags are as it was made from
    return _file_digest(target) == package


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@lru_cache(maxsize=1)
def _note_class():  # type: ignore[no-untyped-def]
    import genanki

    class Note(genanki.Note):  # type: ignore[misc]
        """A genanki note with its own modification time (genanki gives every note the package's), and
        its cards suspended when its term is known or ignored."""

        def __init__(self, *args, mod: int, suspend: bool, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self.mod, self.suspend = mod, suspend

        def write_to_db(self, cursor, timestamp, deck_id, id_gen) -> None:  # type: ignore[no-untyped-def]
            for card in self.cards:  # Anki keeps the queue of a new card only when it imports scheduling
                card.suspend = self.suspend
            # genanki stamps a note and its cards with the time it is given: give it the note's own.
            super().write_to_db(cursor, self.mod, deck_id, id_gen)

    return Note


def _cloze_inside(gloss: Gloss, cloze: ClozeSide) -> bool:
    """The cloze blanks the side inside the gloss's bracket, not its term: the side ``cloze`` asks for is there
    (`--cloze chinese` over `LLMs(大语言模型)`), and the bracket holds that side."""
    wanted = {ClozeSide.ENGLISH: Direction.ZH_EN, ClozeSide.CHINESE: Direction.EN_ZH}.get(cloze)
    return gloss.direction is wanted and bool(glossed_sides(gloss)[1])


def _cloze_asks_english(gloss: Gloss, cloze: ClozeSide) -> bool:
    """The cloze of ``gloss`` asks for its English."""
    return (gloss.direction is Direction.EN_ZH) != _cloze_inside(gloss, cloze)


def source_line(show: str | None, title: str | None, date: str | None) -> str:
    """Where a note's term comes from: the show, the episode's title and its date; the show once where the title
    names it already (a learner read `Rows & Roots · Rows & Roots 第 58 期笔记`).

    >>> source_line("Rows & Roots", "Rows & Roots 第 58 期笔记", "2024-09-17"), source_line("Show", "Ep 3", None)
    ('Rows & Roots 第 58 期笔记 · 2024-09-17', 'Show · Ep 3')
    """
    named = show and title and show.casefold() in title.casefold()
    return " · ".join(p for p in (None if named else show, title, date) if p)


def _contexts(
    gloss: Gloss, chinese: tuple[str, ...] = (), cloze: ClozeSide = ClozeSide.TERM, english: tuple[str, ...] = ()
) -> dict[str, str]:
    """The gloss's sentence, escaped, with the gloss shown as each side of a card needs it.

    ``both``: the gloss as written, in bold (the back). ``en`` / ``zh``: only that side, in bold,
    and the other side hidden wherever else the sentence repeats it, so a front never shows its
    own answer. ``gap``: for the cloze, the term blanked (wherever the sentence repeats it too) and
    its bracket kept as the hint: ``[…](大语言模型)``, ``[…]（generalization）``; or, where ``cloze`` asks for the side
    inside the bracket, that side blanked and the term the hint: ``LLMs([…])``. ``chinese``: the term's Chinese
    forms, hidden with the gloss's where a front asks for the Chinese (the learner's `vocab edit --zh` may name a word
    the sentence says elsewhere: `"机智号"直升机（Ingenuity）`). ``english``: the term's English forms, hidden with the
    bracket's own English where a cloze asks for the English (`MFU（模型算力利用率，model FLOPs utilization）` showed
    its answer in the hint: learner's trial 63).
    """
    sentence = gloss.sentence
    term, inside = glossed_sides(gloss)
    found, parts = gloss_match(sentence, term, inside), blank_parts(sentence, term, inside)
    # a heading's term in the sentence under it (new-user report 19: its fronts were bare); not a line of a word list
    # written without brackets, which says the term and its translation and nothing else: `光罩 = photomask` made the
    # front `photomask = photomask` (learner's trial 63)
    said = term_span(sentence, term) if found is None and gloss.rule != WORD_LIST_ENTRY else None
    if said is not None:
        found, parts = (said[0], said[1], said[1]), (sentence[: said[0]], sentence[said[1] :])
    unglossed = said is not None
    if found is None or parts is None or not term:
        return {"both": anki_escape(sentence), "en": "", "zh": "", "gap": ""}
    start, term_end, end = found
    # the back's bold takes in a quote mark that opens the term where the one closing it stands before the bracket
    # (`"normalization"(标准化)` was bold from the word on: new-user report 13)
    bold = start - 1 if _opened_by_quote(sentence, start, term_end) else start
    # the Chinese; its definition too where the gloss has no Chinese term, so the definition is the answer
    # (`scrappy(资源有限但执行力很强)`); beside a term it is the context (`**摇蜜机**（Honey Extractor）：一种利用…`
    # was `[…]：[…]`: new-user report 18)
    answer = (gloss.zh,) if gloss.zh else (gloss.definition,)
    blanked = (term, *chinese) if gloss.direction is Direction.ZH_EN else (term,)
    # the English's acronym is an answer too (`检索增强生成（retrieval-augmented generation，RAG）`, then `常说的 RAG`)
    hidden = {"both": (), "en": (*answer, *chinese), "zh": (gloss.en, gloss.alias), "gap": blanked}
    middle = {
        "both": f"<b>{anki_escape(sentence[bold:end])}</b>",
        "en": f"<b>{anki_escape(gloss.en)}</b>",
        "zh": f"<b>{anki_escape(gloss.zh)}</b>" if gloss.zh else "",
        "gap": '<span class="gap">[…]</span>',
    }
    # the others keep the marks that close the term; the cloze keeps the bracket too
    around = {"both": (sentence[:bold], sentence[end:]), "gap": (sentence[:start], sentence[term_end:])}
    if unglossed:  # no bracket to keep: the other side stands where it would, as the hint
        hint = f"（{inside}）" if HAN_RE.search(term) else f" ({inside})"
        around["gap"] = (sentence[:start], hint + sentence[term_end:])
    elif _cloze_inside(gloss, cloze):  # the side in the bracket blanked, the term the hint
        gap_start, gap_end = _inside_span(sentence, term_end, end, str(inside))
        around["gap"] = (sentence[:gap_start], sentence[gap_end:])
        hidden["gap"] = (gloss.en,) if gloss.direction is Direction.ZH_EN else (gloss.zh, *chinese)
    if _cloze_asks_english(gloss, cloze):
        hidden["gap"] = (*hidden["gap"], gloss.alias, *english)
    if gloss.en and not HAN_RE.search(gloss.en):  # the English alone where the gloss stood, set apart from Chinese
        left, right = parts  # by a space as Chinese typesetting does (`所谓的 activation function 就是`, not glued)
        around["en"] = (left + " " * _han_at(left, -1), " " * _han_at(right, 0) + right)
    shown = {
        kind: anki_escape(hide_forms(around.get(kind, parts)[0], hidden[kind]))
        + piece
        + anki_escape(hide_forms(around.get(kind, parts)[1], hidden[kind]))
        for kind, piece in middle.items()
    }
    if unglossed and (not inside or _cloze_inside(gloss, cloze)):
        shown["gap"] = ""  # the side a cloze would blank is nowhere in the sentence
    return shown


def _han_at(text: str, at: int) -> bool:
    return bool(text) and HAN_RE.match(text[at]) is not None


def _inside_span(sentence: str, term_end: int, end: int, side: str) -> tuple[int, int]:
    """Where the gloss's side ``side`` stands inside its bracket (which closes at ``end``), its definition after it
    kept; the whole inside where it is not written there as it is."""
    opening = next(i for i in range(term_end, end) if sentence[i] in "(（")
    at = sentence.casefold().find(side.casefold(), opening + 1, end - 1) if side else -1
    return (at, at + len(side)) if at != -1 else (opening + 1, end - 1)


def _opened_by_quote(sentence: str, start: int, term_end: int) -> bool:
    """The term at ``start`` follows a quote mark whose closing one stands between it and its bracket."""
    closing = _QUOTES.get(sentence[start - 1]) if start else None
    before_bracket = sentence[term_end:].replace("（", "(").partition("(")[0]
    return closing is not None and closing in before_bracket


_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』", "《": "》"}  # opening: closing


def _listen_context(gloss: Gloss, english: tuple[str, ...] = ()) -> str:
    """For the listening card's front: the English sentence the clip says, the term a gap (and its translation
    hidden, wherever the sentence repeats either, and the term's other English forms: `DAG for short` beside
    `derailleur alignment gauge`); empty when there is no English sentence beside the gloss."""
    text = hide_forms(gloss.sentence_aligned or "", (gloss.zh, gloss.definition))
    marks = term_marks(text, (gloss.en,))
    if not marks:
        return ""
    (start, end), gap = marks[0], '<span class="gap">[…]</span>'
    said = (gloss.en, text[start:end], *english)
    return anki_escape(hide_forms(text[:start], said)) + gap + anki_escape(hide_forms(text[end:], said))


def _chinese_said(gloss: Gloss) -> str:
    """The 中文 → English front's sentence where the Chinese line beside an English line's gloss says the term
    (``cards.chinese_line``), the term in bold; "" where there is none."""
    if (said := chinese_line(gloss)) is None:
        return ""
    return highlight(hide_forms(said, (gloss.en, gloss.alias)), (gloss.zh,), anki_escape, ("<b>", "</b>"))


def _aligned(gloss: Gloss, chinese: tuple[str, ...] = ()) -> str:
    """The one aligned sentence, its English term in bold, and the whole aligned segment folded under
    it as "more". It shows on the English front, so the Chinese answer (and the term's ``chinese``) is hidden in
    both."""
    if not gloss.sentence_aligned:
        return ""

    def shown(text: str) -> str:
        folded = text.casefold()  # most English cues hold no Chinese: no pattern to build for them
        answer = [form for form in (gloss.zh, gloss.definition, *chinese) if form and form.casefold() in folded]
        return highlight(hide_forms(text, answer), (gloss.en, gloss.alias), anki_escape, ("<b>", "</b>"))

    field = shown(gloss.sentence_aligned)
    if gloss.segment_aligned and gloss.segment_aligned != gloss.sentence_aligned:
        field += f'<details class="more"><summary>more</summary>{shown(gloss.segment_aligned)}</details>'
    return field


def _more_contexts(term: Term, documents: dict[str, Document]) -> str:
    """A few more sentences where the term is glossed, each with its episode and time."""
    items = []
    seen = {term.first.sentence}
    for gloss in term.glosses[1:]:
        if gloss.sentence in seen:
            continue
        seen.add(gloss.sentence)
        where = anki_escape(gloss.title)
        when = format_time(gloss.start)
        if (target := link_target(gloss.url)) and when:
            where += f' · <a href="{anki_escape(target)}">{when}</a>'
        elif when:
            where += f" · {when}"
        items.append(f"<li>{_contexts(gloss)['both']}<br><small>{where}</small></li>")
        if len(items) == MORE_CONTEXTS:
            break
    return f"<ul>{''.join(items)}</ul>" if items else ""


def deck_file_name(name: str) -> str:
    """The .apkg file name for a deck: a safe slug of its name (`AI::Ep 12` → `ai-ep-12.apkg`)."""
    return f"{slugify(name.replace('::', ' '))}.apkg"


def _deck_part(name: str) -> str:
    """A deck name part: `::` would make a deeper level, so it is replaced."""
    return " ".join(name.replace("::", ":").split()) or "untitled"


def _load_state(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


__all__ = ["MODEL_ID", "MODEL_VERSION", "DeckOptions", "anki_escape", "deck_file_name", "write_deck"]
