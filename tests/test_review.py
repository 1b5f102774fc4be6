"""The review store and the session queue, through the library: scheduling, limits, undo, marks, safety."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vocab.corpus import document_paths, read_corpus
from vocab.errors import StoreError
from vocab.learner.curation import Curation, load_curation
from vocab.learner.store import SCHEMA_VERSION, STORE_FILE, ReviewStore
from vocab.learner.words import make_mark
from vocab.models import CardSide, MarkStatus, Term, TermEdit
from vocab.rank import rank_terms
from vocab.review.session import ReviewSession, StudyItem, day_start
from vocab.text import to_pinyin

from .conftest import EXAMPLES

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    corpus = read_corpus(document_paths([EXAMPLES]), None, on_error=lambda error: pytest.fail(str(error)))
    return rank_terms(corpus.glosses, corpus.documents)


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with ReviewStore(tmp_path / STORE_FILE) as opened:
        yield opened


def _session(store: ReviewStore, terms: list[Term], at: datetime, **options) -> ReviewSession:  # type: ignore[no-untyped-def]
    sides = options.pop("sides", [CardSide.EN_ZH])
    return ReviewSession(store, terms, sides, clock=lambda: at, **options)


def _fsrs_due(ratings: list[int], at: datetime) -> datetime:
    """What the fsrs package itself schedules for these answers, all given at ``at``."""
    scheduler = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=at)
    for rating in ratings:
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), review_datetime=at)
    return card.due


def test_new_cards_come_in_rank_order_up_to_the_daily_limit(store: ReviewStore, terms: list[Term]) -> None:
    session = _session(store, terms, NOON, new_per_day=3)
    assert session.counts() == (0, 0, 3)
    shown = [session.next() for _ in range(3)]
    assert [item.term.key for item in shown] == [t.key for t in terms[:3]]
    assert session.next() is None


def test_answers_are_scheduled_by_fsrs_and_stored(store: ReviewStore, terms: list[Term]) -> None:
    session = _session(store, terms, NOON, new_per_day=2)
    first, second = session.next(), session.next()
    session.answer(first, 4)  # easy: straight to review
    session.answer(second, 3)  # good: into the learning steps, back in this sitting
    cards = store.cards()
    assert cards[(first.term.key, CardSide.EN_ZH)].due == _fsrs_due([4], NOON)
    assert cards[(second.term.key, CardSide.EN_ZH)].due == _fsrs_due([3], NOON) == NOON + timedelta(minutes=10)
    again = session.next()  # learning card, shown ahead of time when nothing else is left
    assert again.term.key == second.term.key and again.card is not None
    session.answer(again, 3)
    assert store.cards()[(second.term.key, CardSide.EN_ZH)].due == _fsrs_due([3, 3], NOON)
    assert session.next() is None and session.done == 3


def test_the_next_day_shows_the_cards_due_and_new_ones_again(store: ReviewStore, terms: list[Term]) -> None:
    day1 = _session(store, terms, NOON, new_per_day=2)
    easy, good = day1.next(), day1.next()
    day1.answer(easy, 4)
    day1.answer(good, 3)
    day1.answer(day1.next(), 3)  # graduates: due in a couple of days
    graduated = store.cards()[(good.term.key, CardSide.EN_ZH)].due
    assert graduated - NOON >= timedelta(days=1)

    same_day = _session(store, terms, NOON + timedelta(hours=3), new_per_day=2)
    assert same_day.counts() == (0, 0, 0)  # today's two new cards are used up, nothing due

    later = graduated + timedelta(hours=1)
    back = _session(store, terms, later, new_per_day=2)
    due_item = back.next()
    assert due_item.term.key == good.term.key and not due_item.is_new
    assert [back.next().term.key for _ in range(2)] == [t.key for t in terms[2:4]]  # then new cards, in rank order
    assert store.cards()[(easy.term.key, CardSide.EN_ZH)].due > later  # the easy one is not due yet


def test_two_sides_of_a_new_term_are_not_new_on_the_same_day(store: ReviewStore, terms: list[Term]) -> None:
    session = _session(store, terms, NOON, new_per_day=4, sides=list(CardSide))
    items = [session.next() for _ in range(4)]
    # one side of each term, the directions alternating term by term (a day's new cards were all English → 中文)
    sides = [CardSide.EN_ZH, CardSide.ZH_EN] * 2
    assert [(i.term.key, i.side) for i in items] == [(t.key, side) for t, side in zip(terms[:4], sides, strict=True)]
    session.answer(items[0], 4)
    tomorrow = _session(store, terms, NOON + timedelta(days=1), new_per_day=1, sides=list(CardSide))
    assert (tomorrow.next().term.key, CardSide.ZH_EN) == (terms[0].key, CardSide.ZH_EN)


def test_undo_restores_the_card_and_shows_it_again(store: ReviewStore, terms: list[Term]) -> None:
    session = _session(store, terms, NOON, new_per_day=3)
    first = session.next()
    session.answer(first, 1)
    second = session.next()
    session.answer(second, 4)
    before = store.cards()[(first.term.key, CardSide.EN_ZH)]
    assert session.undo().term.key == second.term.key
    assert (second.term.key, CardSide.EN_ZH) not in store.cards()
    assert store.cards()[(first.term.key, CardSide.EN_ZH)] == before
    assert len(store.reviews_since(NOON - timedelta(days=1))) == 1
    assert session.next().term.key == second.term.key and session.done == 1


def test_marking_known_removes_the_term_and_undo_brings_it_back(store: ReviewStore, terms: list[Term]) -> None:
    session = _session(store, terms, NOON, new_per_day=4, sides=list(CardSide))
    item = session.next()
    session.mark(item, MarkStatus.KNOWN)
    curation = Curation.from_store(store.marks(), {})
    assert curation.known.knows(item.term)
    assert item.term.key not in [t.key for t in curation.apply(terms)]
    session.undo()
    assert store.marks() == [] and session.next().term.key == item.term.key


def test_a_new_card_marked_known_leaves_its_place_to_the_next_term(store: ReviewStore, terms: list[Term]) -> None:
    session = _session(store, terms, NOON, new_per_day=2)
    session.mark(session.next(), MarkStatus.KNOWN)
    assert session.counts() == (0, 0, 2)
    assert [session.next().term.key for _ in range(2)] == [terms[1].key, terms[2].key]


def test_undoing_a_mark_keeps_the_daily_limit(store: ReviewStore, terms: list[Term]) -> None:
    session = _session(store, terms, NOON, new_per_day=2)
    session.mark(session.next(), MarkStatus.KNOWN)
    session.undo()
    assert session.counts() == (0, 0, 2)
    assert [session.next().term.key for _ in range(2)] == [terms[0].key, terms[1].key]
    assert session.next() is None


def test_curation_corrects_terms_without_changing_their_identity(tmp_path: Path, terms: list[Term]) -> None:
    top = terms[0]
    with ReviewStore(tmp_path / STORE_FILE) as opened:
        opened.set_edit(TermEdit(top.key, zh="新译法", definition="a better definition"), NOON)
        opened.set_edit(TermEdit(top.key, en="Better English"), NOON)
        opened.set_marks([make_mark(terms[1].en, MarkStatus.IGNORED, "cli", NOON)])
    curated = load_curation(tmp_path).apply(terms)
    assert (curated[0].key, curated[0].en, curated[0].zh, curated[0].definition) == (
        top.key, "Better English", "新译法", "a better definition",
    )  # fmt: skip
    assert curated[0].zh_forms[0] == "新译法" and top.zh in curated[0].zh_forms
    assert terms[1].key not in {t.key for t in load_curation(tmp_path).apply(terms, include_known=True)}


def test_retired_terms_are_what_apply_leaves_out_with_their_mark(tmp_path: Path, terms: list[Term]) -> None:
    with ReviewStore(tmp_path / STORE_FILE) as opened:
        opened.set_edit(TermEdit(terms[0].key, zh="新译法"), NOON)
        opened.set_marks([
            make_mark(terms[0].en, MarkStatus.KNOWN, "cli", NOON),
            make_mark(terms[1].en, MarkStatus.IGNORED, "cli", NOON),
            make_mark(terms[2].en, MarkStatus.KNOWN, "cli", NOON),
            make_mark(terms[2].zh or "", MarkStatus.IGNORED, "cli", NOON),  # the same term by its Chinese
        ])  # fmt: skip
    curation = load_curation(tmp_path)
    for include_known in (False, True):
        kept = {t.key for t in curation.apply(terms, include_known)}
        retired = curation.retired(terms, include_known)
        assert kept.isdisjoint(t.key for t, _ in retired) and len(kept) + len(retired) == len(terms)
    retired = {t.key: (t.zh, status) for t, status in curation.retired(terms)}
    assert retired[terms[0].key] == ("新译法", MarkStatus.KNOWN)  # corrected, as a deck's note shows it
    assert retired[terms[1].key][1] is retired[terms[2].key][1] is MarkStatus.IGNORED  # ignored wins
    assert [t.key for t, _ in curation.retired(terms, include_known=True)] == [terms[1].key, terms[2].key]


def test_no_store_is_created_just_to_read_the_curation(tmp_path: Path) -> None:
    assert load_curation(tmp_path) == Curation()
    assert not (tmp_path / STORE_FILE).exists()


def test_the_schema_is_versioned_and_a_newer_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    ReviewStore(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="made by a newer vocab"):
        ReviewStore(path)


def test_a_file_that_is_not_a_database_is_a_clear_error_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    path.write_bytes(b"this is not sqlite, just text " * 100)
    with pytest.raises(StoreError) as caught:
        ReviewStore(path)
    assert (
        str(caught.value)
        == f"{path}: not a vocab review store (file is not a database): move it aside and vocab starts a new one"
    )
    assert path.read_bytes() == b"this is not sqlite, just text " * 100


def test_a_locked_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    ReviewStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with ReviewStore(path, timeout=0.1) as opened, pytest.raises(StoreError, match="locked by another program"):
            opened.set_marks([make_mark("agents", MarkStatus.KNOWN, "cli", NOON)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_failed_change_leaves_nothing_half_written(store: ReviewStore) -> None:
    good = make_mark("agents", MarkStatus.KNOWN, "cli", NOON)
    bad = make_mark("evals", MarkStatus.KNOWN, "cli", NOON)
    bad = type(bad)("xx", bad.key, bad.word, bad.status, bad.source, bad.marked_at)  # breaks a CHECK constraint
    with pytest.raises(StoreError):
        store.set_marks([good, bad])
    assert store.marks() == []


def test_the_learners_day_starts_at_four_in_the_morning() -> None:
    late = datetime(2026, 11, 26, 2, 30).astimezone()
    assert day_start(late) == datetime(2026, 11, 25, 4, 0).astimezone()
    assert day_start(late + timedelta(hours=2)) == datetime(2026, 11, 26, 4, 0).astimezone()


def _fronts_hide_answers(store: ReviewStore, terms: list[Term]) -> None:
    import re

    from vocab.review.terminal import render_front

    session = _session(store, terms, NOON, sides=list(CardSide))
    for term in terms:
        en_front = render_front(session, StudyItem(term, CardSide.EN_ZH, None)).plain
        assert not [form for form in term.zh_forms if form in en_front], en_front
        answer = term.first.zh or term.first.definition  # a definition beside a Chinese term is context (as in Anki)
        assert not answer or answer not in en_front, en_front
        for opening, closing in ("《》", "“”", "「」"):  # a blank keeps the marks around the term
            if term.first.sentence.count(opening) == term.first.sentence.count(closing):
                assert en_front.count(opening) == en_front.count(closing), en_front
        if term.zh:
            zh_front = render_front(session, StudyItem(term, CardSide.ZH_EN, None)).plain
            words = [rf"(?<![a-z0-9]){re.escape(form.casefold())}(?![a-z0-9])" for form in term.en_forms]
            assert not [w for w in words if re.search(w, zh_front.casefold())], zh_front


def test_fronts_never_show_their_answer(store: ReviewStore, terms: list[Term]) -> None:
    _fronts_hide_answers(store, terms)


def test_fronts_never_show_their_answer_on_the_seeds(store: ReviewStore) -> None:
    from .conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    corpus = read_corpus(document_paths([SEEDS]), None, on_error=lambda error: pytest.fail(str(error)))
    _fronts_hide_answers(store, rank_terms(corpus.glosses, corpus.documents))


def test_a_database_of_another_program_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE cards (front TEXT, back TEXT)")
    with pytest.raises(StoreError, match="an SQLite database, but not a vocab review store .it has tables cards."):
        ReviewStore(path)
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("SELECT name FROM sqlite_master")] == ["cards"]


def test_an_english_front_keeps_the_definition_beside_the_chinese_it_hides(store: ReviewStore) -> None:
    """A learner's report: `**选择明文攻击**（chosen-plaintext attack）：可以让…` gave the en-zh front `[…]：[…]`; the
    definition is the context, as the Anki card keeps it; with no Chinese term it is the answer."""
    from vocab import parse_document
    from vocab.extract import extract_glosses
    from vocab.review.terminal import render_front

    text = (
        "- **选择明文攻击**（chosen-plaintext attack）：攻击者能让加密方加密自己挑选的消息；\n\n"
        "团队很 scrappy（资源有限但执行力很强）。\n"
    )
    document = parse_document(text, "notes.md")
    found = rank_terms(list(extract_glosses(document)), [document])
    session = _session(store, found, NOON, sides=[CardSide.EN_ZH])
    fronts = {t.en: render_front(session, StudyItem(t, CardSide.EN_ZH, None)).plain for t in found}
    assert "攻击者能让加密方加密自己挑选的消息" in fronts["chosen-plaintext attack"]
    assert "选择明文攻击" not in fronts["chosen-plaintext attack"]
    assert "资源有限但执行力很强" not in fronts["scrappy"]


def test_chinese_where_the_english_stood_sits_in_the_sentence_without_the_space(store: ReviewStore) -> None:
    """Learner's trial 60: `塞满 context window（上下文窗口）` gave the review's Chinese front `塞满 上下文窗口`, the
    space that set the English apart left between Chinese words. (The Anki card keeps it: a fix of spacing alone would
    make most notes of a deck newer, and their import would take the learner's own tags from them.)"""
    from vocab import parse_document
    from vocab.extract import extract_glosses
    from vocab.review.terminal import render_front

    document = parse_document("这么多文档怎么塞满 context window（上下文窗口）？\n", "notes.md")
    found = rank_terms(list(extract_glosses(document)), [document])
    session = _session(store, found, NOON, sides=[CardSide.ZH_EN])
    assert "怎么塞满上下文窗口？" in render_front(session, StudyItem(found[0], CardSide.ZH_EN, None)).plain


def test_a_chinese_front_shared_by_two_terms_names_both_answers(store: ReviewStore, terms: list[Term]) -> None:
    import dataclasses

    from vocab.review.terminal import render_back, render_front

    twin = dataclasses.replace(terms[1], key="twin", en="Twin Term", zh=terms[0].zh)
    session = _session(store, [terms[0], twin], NOON, sides=[CardSide.ZH_EN])
    back = render_back(session, StudyItem(terms[0], CardSide.ZH_EN, None)).plain
    assert back.splitlines()[1] == f"{terms[0].en}   also right: Twin Term"  # the front above reads the Chinese
    # the front names the other term as the Anki card's does (new-user report 11), and only the Chinese front
    front = render_front(session, StudyItem(terms[0], CardSide.ZH_EN, None)).plain.splitlines()
    assert front[2:5] == [f"{terms[0].zh}  {to_pinyin(terms[0].zh)}", "", "also: Twin Term"]  # read out (report 14)
    assert "also:" not in render_front(session, StudyItem(terms[0], CardSide.EN_ZH, None)).plain
    # the term's other Chinese on an English front's back is its spelling, labelled apart from another right answer
    written = dataclasses.replace(terms[0], zh_forms=(terms[0].zh, "另一写法"))
    alone = _session(store, [written], NOON, sides=[CardSide.EN_ZH])
    back = render_back(alone, StudyItem(written, CardSide.EN_ZH, None)).plain
    assert "also written: 另一写法" in back and "also: " not in back


def test_the_back_names_a_documents_address_where_it_has_no_moment(store: ReviewStore, terms: list[Term]) -> None:
    """New-user report 19: a front-matter summary with a source but no times showed ` · source` on the back."""
    import dataclasses

    from vocab.review.terminal import render_back

    url = "https://example.org/ep12"
    first = dataclasses.replace(terms[0].first, start=None, url=url)
    term = dataclasses.replace(terms[0], glosses=(first, *terms[0].glosses[1:]))
    back = render_back(_session(store, [term], NOON, sides=[CardSide.ZH_EN]), StudyItem(term, CardSide.ZH_EN, None))
    assert f" · {url}" in back.plain and " · source" not in back.plain


def test_a_store_on_a_read_only_disk_is_still_read(tmp_path: Path) -> None:
    import subprocess

    source, mounted = tmp_path / "home", tmp_path / "ro"
    mounted.mkdir()
    with ReviewStore(source / STORE_FILE) as opened:
        opened.set_marks([make_mark("agents", MarkStatus.KNOWN, "cli", NOON)])
    bind = subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mounted)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount read-only here")
        assert load_curation(mounted).known.en == {"agent"}
        with pytest.raises(StoreError, match="check that its folder exists and is writable"):
            ReviewStore(mounted / STORE_FILE)  # writing is what fails, with a clear message
    finally:
        unmounted = subprocess.run(["umount", str(mounted)], capture_output=True)
    assert unmounted.returncode == 0, unmounted.stderr  # busy would mean vocab left the file open


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(actions=[("answer", 1)] * 3 + [("undo", None)] * 3)  # a learning step queued twice, then undone
@example(  # found in CI: undoing a mark that had freed its new card's place
    actions=[("answer", 2)] * 4 + [("mark", MarkStatus.KNOWN)] + [("answer", 1)] * 2 + [("undo", None)] * 3
)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("answer"), st.integers(1, 4)),
            st.tuples(st.just("mark"), st.sampled_from(list(MarkStatus))),
            st.tuples(st.just("undo"), st.none()),
        ),
        max_size=25,
    )
)
def test_any_sequence_of_answers_marks_and_undos_keeps_store_and_queue_consistent(
    terms: list[Term], tmp_path: Path, actions: list[tuple[str, object]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as folder, ReviewStore(Path(folder) / STORE_FILE) as store:
        clock = [NOON]
        session = ReviewSession(store, terms[:12], list(CardSide), new_per_day=6, clock=lambda: clock[0])
        done: list[tuple[str, tuple]] = []  # what is in effect: (kind, (store before it, the card shown))
        for kind, value in actions:
            before = (store.cards(), store.marks())
            if kind == "undo":
                restored = session.undo()
                if done:
                    _, (state, shown) = done.pop()
                    assert (store.cards(), store.marks()) == state  # exactly as before that action
                    assert (restored.term.key, restored.side) == (shown.term.key, shown.side)
                    assert session.next() == restored  # and its card is shown again next
                    session.put_back(restored)
                else:
                    assert restored is None
                continue
            item = session.next()
            if item is None:
                break
            if kind == "answer":
                session.answer(item, value)  # type: ignore[arg-type]
            else:
                session.mark(item, value)  # type: ignore[arg-type]
            done.append((kind, (before, item)))
            clock[0] += timedelta(seconds=30)
        answers = [entry for entry in done if entry[0] == "answer"]
        assert session.done == len(answers) == len(store.reviews_since(NOON - timedelta(days=1)))
        due, learning, new = session.counts()
        assert min(due, learning, new) >= 0 and new <= 6
        new_answered = {(shown.term.key, shown.side) for kind, (_, shown) in done if kind == "answer" and shown.is_new}
        assert len(new_answered) + new <= 6  # the day's limit holds, whatever was undone
        curated = Curation.from_store(store.marks(), {}).apply(terms[:12])
        fresh = ReviewSession(store, curated, list(CardSide), new_per_day=6, clock=lambda: clock[0])
        assert session.counts() == fresh.counts()  # the same cards left as coming back would show


def test_p_play_is_offered_only_where_some_document_has_audio(store: ReviewStore, terms: list[Term]) -> None:
    from vocab.cli.study import _player
    from vocab.corpus import document_paths, read_corpus
    from vocab.review.terminal import render_back, render_front

    session = _session(store, terms, NOON)
    item = StudyItem(terms[0], CardSide.EN_ZH, None)
    assert "p play" in render_front(session, item).plain and "p play" in render_back(session, item).plain
    front, back = render_front(session, item, playable=False).plain, render_back(session, item, playable=False).plain
    assert "p play" not in front and "p play" not in back and "q quit" in front and "q quit" in back
    documents = read_corpus(document_paths([EXAMPLES]), None).documents
    assert _player(documents) is None  # the examples have no audio: nothing to offer


@pytest.mark.parametrize(("width", "height"), [(30, 10), (40, 12), (40, 14), (120, 40)])
def test_a_revealed_card_keeps_its_answer_in_view_on_a_small_terminal(
    store: ReviewStore, terms: list[Term], width: int, height: int
) -> None:
    """The front and the answer are drawn together from the top of a cleared screen: what does not fit scrolls off
    the top, and the answer must not be what goes (a 30×10 terminal showed the grade keys of an unseen answer)."""
    import io

    from rich.console import Console
    from rich.text import Text

    from vocab.review.terminal import _answer, _grades, _sentences, revealed_card

    console = Console(file=io.StringIO(), force_terminal=True, width=width, height=height)
    session = _session(store, terms, NOON, sides=list(CardSide))
    for term in [t for t in terms if t.zh][:12]:
        for side in CardSide:
            shown = revealed_card(console, session, StudyItem(term, side, None))
            lines = ["".join(s.text for s in line) for part in shown for line in console.render_lines(part, pad=False)]
            answer = term.en if side is CardSide.ZH_EN else term.zh
            visible = "".join(lines[-height:])
            assert answer.replace(" ", "") in visible.replace(" ", ""), (width, height, side, lines)
            item = StudyItem(term, side, None)
            # where the answer, its sentence and the grades fit, the sentence stays (40×12 dropped it with rows free)
            needed = (Text(answer), _answer(session, item), _sentences(item), _grades(session, item))
            if sum(len(console.render_lines(part, pad=False)) for part in needed) < height:
                assert term.first.sentence[:6] in "".join(lines), (width, height, side, lines)


@pytest.mark.parametrize(("width", "height"), [(30, 8), (40, 12), (120, 40)])
def test_a_front_keeps_its_term_in_view_on_a_small_terminal(
    store: ReviewStore, terms: list[Term], width: int, height: int
) -> None:
    """A 30×8 terminal scrolled the asked term off the top and showed the end of the sentence (new-user report 9,
    item 17): the front drops its notice, then all but the term and the keys."""
    import io

    from rich.console import Console
    from rich.text import Text

    from vocab.review.terminal import front_card

    console = Console(file=io.StringIO(), force_terminal=True, width=width, height=height)
    session = _session(store, terms, NOON, sides=list(CardSide))
    notice = Text("Marked something known: it leaves lists, decks and reviews (u undoes).")
    for term in [t for t in terms if t.zh][:12]:
        for side in CardSide:
            shown = front_card(console, session, StudyItem(term, side, None), notice)
            lines = ["".join(s.text for s in line) for part in shown for line in console.render_lines(part, pad=False)]
            asked = term.en if side is CardSide.EN_ZH else term.zh
            assert len(lines) < height and asked.replace(" ", "") in "".join(lines).replace(" ", ""), lines


def test_a_resized_terminal_is_drawn_again_without_losing_the_card(store: ReviewStore, terms: list[Term]) -> None:
    """The key reader says the terminal was resized (SIGWINCH): the screen is drawn again for its new size, on the
    front and on the revealed answer, and the card is still the one being studied; no key is taken for it."""
    import io

    from rich.console import Console

    from vocab.review.terminal import RESIZED, study

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, height=30)
    keys = iter([RESIZED, " ", RESIZED, "3", "q"])
    session = _session(store, terms, NOON)
    first = session.next()
    assert first is not None
    session.put_back(first)
    study(session, console, lambda: next(keys))
    screen = out.getvalue()
    assert screen.count("space/enter answer") == 3  # the front, again after the resize, then the next card's
    assert screen.count("space = good") == 2  # the answer, then again after the resize
    assert session.done == 1 and "1 answered" in screen  # the card graded once, with the key after the redraw
