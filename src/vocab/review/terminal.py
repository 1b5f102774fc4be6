"""The keyboard-only study loop: front, reveal, grade; rendered with rich.

Keys: space or enter shows the answer (and, once shown, grades Good); 1–4 grade Again, Hard,
Good, Easy; k marks the term known, i ignores it for good, u undoes the last answer or mark,
q (or Ctrl-C, or the end of input) quits. Every answer is stored before the next card shows.

Where keys come from: on a Windows console, click.getchar(). On a POSIX terminal, not
click.getchar(): it switches to raw mode for each key with TCSAFLUSH and so throws away keys
typed while a card is drawn (a fast "space, 3" lost its "3" in the pseudo-terminal test), so
``key_reader`` keeps the terminal in cbreak mode for the whole session and reads keys itself.
When standard input is not a terminal (a pipe, a file, ``CliRunner(input=...)``), keys are read
from it one character at a time, and its end quits (click.getchar() would open /dev/tty instead,
and fail where there is none).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from rich.console import Console
from rich.text import Text

from ..export.cards import (
    blank_parts,
    chinese_line,
    gloss_span,
    glossed_sides,
    hide_forms,
    set_in_chinese,
    term_marks,
)
from ..models import CardSide, MarkStatus, Term
from ..text import format_time, term_pinyin
from .scheduler import RATINGS
from .session import REVIEW, ReviewSession, StudyItem

REVEAL = (" ", "\r", "\n")
RATING_KEYS = tuple(str(r) for r in RATINGS)
_QUIT = "quit"
_HELP_FRONT = "space/enter answer · p play · k known · i ignore · u undo · q quit"
_HELP_BACK = "space = good · p play · k known · i ignore · u undo · q quit"
_PLAY = " · p play"  # left out of the help where no document has audio to play


def study(
    session: ReviewSession, console: Console, getchar: Callable[[], str], play: Callable[[Term], str] | None = None
) -> None:
    """Show cards until none is left or the learner quits, then a summary. ``play`` plays a term's clip on
    `p` and says what it did."""
    started = time.monotonic()
    notice = _earlier_today(session)  # asked before a card is taken from the day's queue
    item = session.next()
    if item is None:
        console.print(_nothing_to_study(session))
        return
    while item is not None:
        outcome = _study_card(session, item, console, getchar, notice, play)
        if outcome == _QUIT:
            break
        notice = outcome if isinstance(outcome, Text) else None
        item = session.next()
    console.print(_summary(session, time.monotonic() - started))


def _earlier_today(session: ReviewSession) -> Text | None:
    """What the day's new cards studied earlier (in another sitting, perhaps the other direction) left of the limit:
    a 中文 → English sitting after an English → 中文 one opened with 6 new cards and said nothing (learner's trial
    58)."""
    if not session.new_earlier or not session.new_waiting():
        return None
    left = max(0, session.new_per_day - session.new_earlier)
    return Text(
        f"{session.new_earlier} of today's {session.new_per_day} new cards were studied earlier today (either "
        f"direction): {left} left (--new N allows more).",
        "dim",
    )


def _nothing_to_study(session: ReviewSession) -> Text:
    text = Text("Nothing to review now.", "bold")
    upcoming = session.next_due()
    if upcoming is not None:
        text.append(f" The next card is due {upcoming.astimezone():%Y-%m-%d %H:%M}.")
    if session.new_waiting() and session.new_per_day == 0:
        text.append(" New cards are off (--new 0).")
    elif session.new_waiting():
        text.append(" Today's new cards are done (--new N allows more).")
    return text


def _study_card(
    session: ReviewSession,
    item: StudyItem,
    console: Console,
    getchar: Callable[[], str],
    notice: Text | None = None,
    play: Callable[[Term], str] | None = None,
) -> str | Text | None:
    """One card, to an answer, a mark, an undo or quitting; a mark or an undo returns the line that says what
    it did, shown above the next card (the screen is redrawn for each card)."""
    shown = time.monotonic()
    revealed = False
    playable = play is not None

    def screen() -> list[Text]:
        if revealed:
            return revealed_card(console, session, item, playable)
        return front_card(console, session, item, notice, playable)

    _show(console, *screen())
    while True:
        key = _read_key(getchar)
        if key == RESIZED:  # drawn again for the terminal's new size
            _show(console, *screen())
            continue
        if key == "q":
            session.put_back(item)
            return _QUIT
        if key == "u":
            if not session.can_undo:
                console.print("Nothing to undo yet.", style="dim")
                continue
            session.put_back(item)
            undone = session.undo()
            return Text(f"Undone: {undone.term.en} is back." if undone else "Nothing to undo.", "dim")
        if key == "p":
            said = play(item.term) if play else "No clips here: no episode has its audio beside it."
            console.print(said, style="dim")
            continue
        if key in ("k", "i"):
            status = MarkStatus.KNOWN if key == "k" else MarkStatus.IGNORED
            session.mark(item, status)
            return Text(f"Marked {item.term.en} {status.value}: it leaves lists, decks and reviews (u undoes).", "dim")
        if not revealed and key in REVEAL:
            revealed = True
            _show(console, *screen())
        elif revealed and (key in RATING_KEYS or key in REVEAL):
            rating = int(key) if key in RATING_KEYS else 3
            session.answer(item, rating, int((time.monotonic() - shown) * 1000))
            return None


@contextlib.contextmanager
def key_reader() -> Iterator[Callable[[], str]]:
    """A function returning one key press at a time, for as long as the session lasts."""
    if not sys.stdin.isatty():
        yield lambda: sys.stdin.read(1)
        return
    if os.name != "posix":
        import click

        yield click.getchar
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    pending = ""
    waiting = resized = False  # in ``os.read``; the terminal's size changed since the last key

    def on_resize(_signum: int, _frame: object) -> None:
        nonlocal resized
        if waiting:
            raise _Resized  # out of the read that waits for a key: the screen is drawn again
        resized = True  # while a card is drawn: said by the next read

    def read() -> str:
        nonlocal pending, waiting, resized
        if not pending:
            if resized:
                resized = False
                return RESIZED
            waiting = True
            try:
                pending = os.read(fd, 64).decode("utf-8", "replace")
            except _Resized:
                return RESIZED
            finally:
                waiting = False
        if pending.startswith("\x1b"):  # an escape sequence (arrow keys): one key, whole
            key, pending = pending, ""
        else:
            key, pending = pending[:1], pending[1:]
        return key

    tty.setcbreak(fd, termios.TCSANOW)  # keep what was typed ahead
    previous = signal.signal(signal.SIGWINCH, on_resize)  # a POSIX terminal's: this branch runs on no other
    try:
        yield read
    finally:
        signal.signal(signal.SIGWINCH, previous)
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class _Resized(Exception):
    """The terminal was resized while a key was awaited."""


RESIZED = "resized"  # what a key reader returns for a resized terminal: not a key


def _read_key(getchar: Callable[[], str]) -> str:
    """One key press, lower-cased; quitting on Ctrl-C, Ctrl-D or the end of input."""
    try:
        key = getchar()
    except (KeyboardInterrupt, EOFError):
        return "q"
    if key in ("", "\x03", "\x04"):
        return "q"
    if key == RESIZED:
        return key
    return key.lower() if len(key) == 1 else ""  # arrows and other sequences do nothing


def _show(console: Console, *parts: Text) -> None:
    if console.is_terminal:
        console.clear()
    else:
        console.rule(style="dim")
    for part in parts:
        console.print(part)


def front_card(
    console: Console, session: ReviewSession, item: StudyItem, notice: Text | None = None, playable: bool = True
) -> list[Text]:
    """The front, as much of it as the terminal's height holds with the term asked in view: without the notice above
    it, then the term and the keys alone (a 30×8 terminal scrolled the term away and showed the sentence's end)."""
    front = render_front(session, item, playable=playable)
    if not console.is_terminal:
        return [*([notice] if notice else []), front]
    asked = Text(_asked(item), "bold")
    keys = Text(_HELP_FRONT if playable else _HELP_FRONT.replace(_PLAY, ""), "dim")
    layouts = ([*([notice] if notice else []), front], [front], [asked, keys])
    for shown in layouts:
        if sum(len(console.render_lines(part, pad=False)) for part in shown) < console.size.height:
            return shown
    return [asked]


def revealed_card(console: Console, session: ReviewSession, item: StudyItem, playable: bool = True) -> list[Text]:
    """The front and its answer, as much of them as the terminal's height holds with the answer in view: the front's
    term alone where the whole front does not fit, and then the answer and the grades alone where that does not either
    (a 30×10 terminal scrolled the answer away before the learner saw it)."""
    front = render_front(session, item, with_help=False, playable=playable)
    back = render_back(session, item, playable)
    if not console.is_terminal:
        return [front, back]
    asked = Text(_asked(item), "bold")
    answer, sentences, grades = _answer(session, item), _sentences(item), _grades(session, item)
    keys = _back_keys(playable)
    layouts = (  # the fullest that fits: a 40×12 terminal has room for the sentence beside the answer
        [front, back],
        [asked, back],
        [asked, answer, sentences, grades, keys],
        [asked, answer, sentences, grades],
        [asked, answer, grades, keys],
    )
    for shown in layouts:
        if sum(len(console.render_lines(part, pad=False)) for part in shown) < console.size.height:
            return shown
    return [asked, answer, grades]


def _asked(item: StudyItem) -> str:
    """What a card's front asks about: the English term, or its Chinese."""
    return item.term.en if item.side is CardSide.EN_ZH else item.term.zh or ""


def render_front(session: ReviewSession, item: StudyItem, with_help: bool = True, playable: bool = True) -> Text:
    due, learning, new = session.counts()
    if item.is_new:
        new += 1
    elif item.card is not None and item.card.state == REVIEW:
        due += 1
    else:
        learning += 1
    term = item.term
    header = Text.assemble(
        (f"due {due}", "bold cyan"), " · ", (f"learning {learning}", "bold yellow"), " · ",
        (f"new {new}", "bold green"), " · ", (f"done {session.done}", "bold"),
        ("   " + item.side.value + (" · new" if item.is_new else ""), "dim"),
    )  # fmt: skip
    asked = _asked(item)
    before, after = _sentence_parts(item)
    # as on the Anki card, the Chinese asked is read out (new-user report 14: a learner of Chinese met it bare)
    reading = ("  " + term_pinyin(term), "dim") if item.side is CardSide.ZH_EN and term.zh else ""
    text = Text.assemble(header, "\n\n", (asked, "bold"), reading, "\n\n")
    twins = session.same_chinese(term) if item.side is CardSide.ZH_EN else []
    if twins:  # as on the Anki card: a Chinese front other terms share names them, so it asks for one answer
        text.append("also: " + ", ".join(t.en for t in twins) + "\n\n", "dim")
    gloss = term.first
    said = chinese_line(gloss) if item.side is CardSide.ZH_EN else None
    if said and gloss.zh:  # an English line's gloss: the Chinese line beside it says the term, as on the Anki card
        text.append_text(_marked(hide_forms(said, (*term.en_forms, gloss.en, gloss.alias)), gloss.zh))
        text.append("\n\n")
        before = None
    if before is not None:  # the answer is hidden wherever else the sentence repeats it, too
        # An en-zh front hides the Chinese definition too where the gloss has no Chinese term, so the definition is
        # the answer (`scrappy(资源有限但执行力很强)`); beside a term it is the context, as on the Anki card (a
        # learner's report: `**选择明文攻击**（chosen-plaintext attack）：…` left the front `[…]：[…]；`)
        answers: tuple[str | None, ...] = (*term.en_forms, gloss.en)
        if item.side is CardSide.EN_ZH:
            answers = (*term.zh_forms, gloss.zh or gloss.definition)
        raw_before, raw_after = before, after
        before, after = hide_forms(before, answers), hide_forms(after, answers)
        # a 中文 → English front shows the Chinese it asks about where it stands, as the Anki card does (learner's
        # trial 57: `…家常菜：[…]。` under 红烧肉 hid the very word the card drills)
        said = gloss.sentence[len(raw_before) : len(gloss.sentence) - len(raw_after)]  # the gloss, or a form said
        shown = said if said and not any(mark in said for mark in "(（") else gloss.zh
        asked_here = (shown, "bold magenta") if item.side is CardSide.ZH_EN and shown else ("[…]", "bold blue")
        if item.side is CardSide.ZH_EN and shown:
            before = set_in_chinese(before, shown)
        text.append_text(Text.assemble(before, asked_here, after, "\n\n"))
    if _english_on_front(item):  # as on the Anki card: the English sentence of the cue, the answer hidden
        gloss = term.first
        answers = (*term.zh_forms, gloss.zh, gloss.definition)
        text.append_text(_marked(hide_forms(gloss.sentence_aligned or "", answers), gloss.en))
        text.append("\n\n")
    if with_help:
        text.append(_HELP_FRONT if playable else _HELP_FRONT.replace(_PLAY, ""), "dim")
    text.rstrip()
    return text


def render_back(session: ReviewSession, item: StudyItem, playable: bool = True) -> Text:
    """The answer, the sentences it stands in, where it was said, and the grades with their next intervals."""
    gloss = item.term.first
    text = _answer(session, item)
    text.append_text(_sentences(item))
    text.append("\n")
    text.append(" · ".join(p for p in (gloss.speaker, gloss.title) if p), "dim")
    if gloss.start is not None or gloss.url:
        # A terminal that knows OSC 8 links opens the episode at this moment; without a moment, the address itself
        # (a bare `source` said nothing where a terminal shows no links: new-user report 19).
        text.append(" · ", "dim")
        text.append(format_time(gloss.start) or str(gloss.url), f"dim link {gloss.url}" if gloss.url else "dim")
    text.append("\n\n")
    text.append_text(_grades(session, item))
    text.append_text(_back_keys(playable))
    return text


def _back_keys(playable: bool) -> Text:
    """The keys an answer's screen takes (`p play` only where a document has audio)."""
    return Text(_HELP_BACK if playable else _HELP_BACK.replace(_PLAY, ""), "dim")


def _answer(session: ReviewSession, item: StudyItem) -> Text:
    """The answer: the other side of the term (a Chinese one with its pinyin), its definition and its other Chinese
    forms. An English answer stands alone: the Chinese front above it, still on the screen, carries its pinyin (beside
    the English it read as the English's, new-user report 17)."""
    term = item.term
    if item.side is CardSide.ZH_EN:
        answer = Text(term.en, "bold magenta")
        twins = session.same_chinese(term)
        if twins:  # a zh-en front that several terms share: each of them is a right answer
            answer.append("   also right: " + ", ".join(t.en for t in twins), "dim")
    elif term.zh:
        answer = Text.assemble((term.zh, "bold magenta"), "  ", (term_pinyin(term), "dim"))
    else:  # an English term explained in Chinese, with no Chinese term: the explanation is the answer
        answer = Text(term.definition or "", "bold magenta")
    text = Text.assemble("\n", answer, "\n")
    if term.definition and (term.zh or item.side is CardSide.ZH_EN):
        text.append(term.definition + "\n", "italic")
    others = [form for form in term.zh_forms if form != term.zh]
    if others:
        text.append("also written: " + ", ".join(others) + "\n", "dim")  # its other Chinese, not another answer
    return text


def _grades(session: ReviewSession, item: StudyItem) -> Text:
    now = session.clock()
    previews = session.preview(item, now)
    choices = [f"{r} {name} ({_interval(previews[r].due - now)})" for r, name in RATINGS.items()]
    return Text(" · ".join(choices) + "\n", "bold")


def _sentences(item: StudyItem) -> Text:
    """The gloss's sentence, its term in bold, and the aligned sentence under it where the front did not show it."""
    gloss = item.term.first
    span = gloss_span(gloss.sentence, *glossed_sides(gloss))
    if span is not None:
        start, end = span
        sentence = gloss.sentence
        text = Text.assemble("\n", sentence[:start], (sentence[start:end], "bold blue"), sentence[end:], "\n")
    else:
        text = Text("\n" + gloss.sentence + "\n")
    if gloss.sentence_aligned and not _english_on_front(item):
        text.append_text(_marked(gloss.sentence_aligned, gloss.en))
        text.append("\n")
    return text


def _english_on_front(item: StudyItem) -> bool:
    """An English front shows the English sentence of the aligned cue, where the gloss's own is Chinese."""
    gloss = item.term.first
    return item.side is CardSide.EN_ZH and gloss.sentence_en is not None and gloss.sentence_en != gloss.sentence


def _marked(sentence: str, term: str) -> Text:
    """``sentence`` dimmed, ``term`` in it (in any inflection) in bold."""
    text = Text(style="dim")
    done = 0
    for start, end in term_marks(sentence, (term,)):
        text.append(sentence[done:start])
        text.append(sentence[start:end], "bold")
        done = end
    text.append(sentence[done:])
    return text


def _sentence_parts(item: StudyItem) -> tuple[str | None, str]:
    """The first context sentence split around its gloss, or where it only says the term (``--document`` shows the
    episode's own sentence, where it may mention a term glossed elsewhere: the front was the bare term, new-user report
    11) around the first of its forms; (None, "") when neither can be found."""
    gloss = item.term.first
    parts = blank_parts(gloss.sentence, *glossed_sides(gloss))
    if parts is None:
        folded = gloss.sentence.casefold()
        forms = {form.casefold() for form in (*item.term.zh_forms, *item.term.en_forms) if form}
        found = [(folded.find(form), -len(form)) for form in forms if form in folded]  # the first, the longest there
        if found:
            at, shorter = min(found)
            parts = gloss.sentence[:at], gloss.sentence[at - shorter :]
    return parts if parts is not None else (None, "")


def _interval(delta: timedelta) -> str:
    """A short, rounded interval, as Anki shows it above its answer buttons.

    >>> [_interval(timedelta(seconds=s)) for s in (30, 600, 7200, 86400 * 3, 86400 * 45, 86400 * 800)]
    ['<1m', '10m', '2h', '3d', '1.5mo', '2.2y']
    """
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


def _summary(session: ReviewSession, seconds: float) -> Text:
    due, learning, new = session.counts()
    minutes, rest = divmod(int(seconds), 60)
    parts = [f"{session.ratings[r]} {name}" for r, name in RATINGS.items() if session.ratings[r]]
    parts += [f"{count} {status.value}" for status, count in session.marked.items() if count]
    text = Text.assemble(
        ("\nSession over: ", "bold"),
        f"{session.done} answered in {minutes}m {rest:02d}s",
        (" — " + " · ".join(parts)) if parts else "",
        "\n",
        f"Left for today: {due} due · {learning} learning · {new} new.  Due tomorrow: {session.due_tomorrow()}.",
    )
    return text


def now_from_option(value: str | None) -> Callable[[], datetime]:
    """The session's clock: the real one, or a fixed moment for scripted sessions (``--now``)."""
    if value is None:
        return lambda: datetime.now(UTC)
    moment = datetime.fromisoformat(value)
    moment = moment if moment.tzinfo else moment.astimezone()
    return lambda: moment
