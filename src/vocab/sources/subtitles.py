"""Bilingual subtitles, SRT, WebVTT and ASS/SSA (the fansub's format, Aegisub's): each cue holds an English and a
Chinese line (either order), or one language only. The two languages of a cue become two aligned segments."""

from __future__ import annotations

import html
import re
from collections import Counter
from itertools import groupby, pairwise

from ..errors import SourceError
from ..models import Lang, Metadata, Segment, SegmentKind
from ..text import HAN_RE, lang_outside_brackets
from ._build import SegmentList, bilingual_title, numbered_heading, warn

# `00:00:01,000 --> 00:00:04,200` (SRT), `00:01.000 --> 00:04.000 align:start` (WebVTT)
_TIMING = re.compile(
    r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->\s*(?P<end>(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})(?:\s+.*)?$"
)
# Two times on a line, or one that starts it and an arrow's start after it: a timing, perhaps mistyped or cut short.
_TIMES = re.compile(r"\d:\d{2}[,.]\d{1,3}.*?\d:\d{2}[,.]\d|^\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-")
# A ruby's reading (`<ruby>Stacking<rt>stack</rt></ruby>`): a player sets it small above the word; read inline, it
# glued itself to the word (`Stackingstack`).
_RUBY_TEXT = re.compile(r"<rt(?:[\s.][^<>]*)?>.*?(?:</rt>|(?=</ruby>)|$)", re.IGNORECASE)
_VOICE = re.compile(r"^<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>")
# A speaker's label opening a cue's line, as subtitles mark a change of speaker: `PROF. SALGADO: Okay…`, `Ravi: We…`;
# and its translation's in the same cue (`萨尔加多教授：好…`).
_LABEL = re.compile(r"^(?P<name>[A-Z][A-Za-z.'’]*(?:[ -][A-Za-z0-9.'’]+){0,3})\s*:\s+(?=\S)")
_LABEL_ZH = re.compile(r"^[^\s:：，。？！,.?!]{1,12}[：:]\s*(?=\S)")
# Styling a player draws and a learner does not read: SRT's and WebVTT's tags (`<font color="#ff0">`, `<i>`,
# `<c.yellow>`, `</v>`, a karaoke timestamp `<00:01.500>`) and an ASS override (`{\an8}`).
_CUE_MARKUP = re.compile(
    r"</?(?:i|b|u|s|font|c|v|lang|ruby|rt)(?:[\s.][^<>]*)?>|<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{3}>|\{\\[^{}]*\}",
    re.IGNORECASE,
)


def detect_srt(lines: list[str]) -> bool:
    """A cue number followed by a timing line, near the top."""
    head = [line.strip() for line in lines[:40]]
    return any(a.isdigit() and "-->" in b for a, b in zip(head, head[1:], strict=False))


def detect_vtt(lines: list[str]) -> bool:
    """The WEBVTT header; or, without it, WebVTT's timings (a full stop before the milliseconds) and no SRT
    cue numbers: a file that lost its first line is still subtitles (``parse_document`` warns)."""
    if has_vtt_header(lines):
        return True
    head = [line.strip() for line in lines[:40] if line.strip()]
    timings = [line for line in head if _TIMING.match(line)]
    return bool(timings) and all("," not in t.split("-->")[0] for t in timings) and not detect_srt(lines)


def has_vtt_header(lines: list[str]) -> bool:
    return bool(lines) and lines[0].lstrip("\ufeff").startswith("WEBVTT")


def read_srt(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    return Metadata(), _read_cues(lines, path, skip_header=False)


def read_vtt(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    """A WebVTT file; the text its header line gives after `WEBVTT` is its title (`WEBVTT - Consensus without tears`:
    the format's place for what the file is)."""
    header = _HEADER_TEXT.match(lines[0].lstrip("\ufeff")) if lines else None
    title = header["title"].strip() if header else None
    return Metadata(title=title or None), _read_cues(lines, path, skip_header=True)


_HEADER_TEXT = re.compile(r"^WEBVTT[ \t]+(?:[-–—:|]\s*)?(?P<title>\S.*)$")


def _read_cues(lines: list[str], path: str, skip_header: bool) -> tuple[Segment, ...]:
    segments, speaker, labels = SegmentList(), None, _speaker_labels(lines)
    for block in _blocks(lines):
        if skip_header and block[0][1].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        timing_at = next((k for k, (_, text) in enumerate(block[:3]) if "-->" in text or _TIMES.search(text)), None)
        if timing_at is None:
            warn(SourceError(path, "cue has no timing line (`00:00:01,000 --> 00:00:04,000`): skipped", block[0][0]))
            continue
        number, timing = block[timing_at]
        match = _TIMING.match(timing)
        problem = None
        if not match:
            problem = f"malformed cue timing {timing.strip()!r}"
        elif any(int(f) >= 60 for t in (match["start"], match["end"]) for f in re.split("[:.,]", t)[1:-1]):
            problem = f"impossible time in cue timing {timing.strip()!r}"
        elif _seconds(match["end"]) < _seconds(match["start"]):
            problem = f"cue ends before it starts in {timing.strip()!r}"
        if problem or match is None:
            warn(SourceError(path, f"{problem}: cue skipped", line=number))  # the other cues are read
            continue
        times = (_seconds(match["start"]), _seconds(match["end"]))
        speaker = add_cue(segments, block[timing_at + 1 :], times, (speaker, labels), vtt=skip_header)
    return segments.build()


def _speaker_labels(lines: list[str]) -> frozenset[str]:
    """The labels that name speakers: written in capitals (`PROF. SALGADO:`, `STUDENT 2:`), or used twice or more
    (`Ravi:`); not a line's one lead-in (`Homework: problems 4.3…`, `Third: …`), nor an acronym the other lines use
    as a word (`OLL: it's a Sune.` in a lesson that says OLL throughout: the step, not a speaker)."""
    found = Counter(m["name"] for line in lines if (m := _LABEL.match(line.strip())))
    return frozenset(
        name for name, n in found.items() if n >= 2 or _in_capitals(name) and not _said_as_a_word(name, lines)
    )


def _said_as_a_word(name: str, lines: list[str]) -> bool:
    """``name`` stands in some line as a word, not as its label."""
    word = re.compile(rf"(?<![\w.'’-]){re.escape(name)}(?![\w'’-])")
    stripped = (line.strip() for line in lines)
    return any(word.search(line, label.end() if (label := _LABEL.match(line)) else 0) for line in stripped)


def _names(translated: str, speaker: str | None) -> bool:
    """A translated cue's label names its speaker: in Chinese (`萨尔加多教授`), or as the English does (`Ravi`)."""
    return HAN_RE.search(translated) is not None or translated == speaker


def _in_capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, with their raw 1-based numbers."""
    numbered = [(i + 1, line.rstrip()) for i, line in enumerate(lines)]
    runs = groupby(numbered, key=lambda item: bool(item[1].strip()))
    return [list(run) for filled, run in runs if filled]


def add_cue(
    segments: SegmentList,
    text_lines: list[tuple[int, str]],
    times: tuple[float, float],
    speaking: tuple[str | None, frozenset[str]],
    vtt: bool = False,
) -> str | None:
    """One segment per language run in the cue; an English run and a Chinese run are aligned. WebVTT writes `&`, `<`
    and `>` as character references (`&amp;`), decoded once the tags are gone; SRT has none (its `R&D` stays).

    The speaker is a voice tag's (`<v Ravi>`), or a speaker's label's (``speaking``: the last cue's speaker and the
    file's labels), which is no text, nor is its translation's. A label marks a change of speaker, so a cue with
    neither is the last label's speaker's; a voice tag names its own cue's only. Returns the speaker a label left."""
    (start, end), (carried, labels) = times, speaking
    speaker, cleaned, labelled = carried, [], False
    for number, text in text_lines:
        label = _LABEL.match(text)
        if voice := _VOICE.match(text):
            speaker = voice["name"].strip()
            text = text[voice.end() :]
        elif label and label["name"] in labels:
            speaker = carried = label["name"]
            labelled, text = True, text[label.end() :]
        elif labelled and (said := _LABEL_ZH.match(text)) and _names(said[0][:-1].strip(), speaker):
            text = text[said.end() :]
        text = _CUE_MARKUP.sub("", _RUBY_TEXT.sub("", text))
        cleaned.append((number, (html.unescape(text) if vtt else text).strip()))
    # a chapter's card: `01 准备泥料 Preparing the Clay`, `起针和收针 Casting On and Binding Off`
    if len(cleaned) == 1 and (numbered_heading(cleaned[0][1]) or bilingual_title(cleaned[0][1])):
        segments.add(cleaned[0][0], cleaned[0][1], kind=SegmentKind.HEADING, start=start, end=end)
        return carried
    indices: dict[Lang, int] = {}
    for lang, run in groupby(cleaned, key=lambda item: lang_outside_brackets(item[1])):
        run_lines = list(run)
        index = segments.add(run_lines[0][0], _joined(run_lines), speaker=speaker, start=start, end=end)
        indices.setdefault(lang, index)
    if Lang.EN in indices and Lang.ZH in indices:
        segments.align(indices[Lang.EN], indices[Lang.ZH])
    return carried


def _seconds(time: str) -> float:
    """``00:01:02,500`` → 62.5; ``01:02.5`` → 62.5."""
    *rest, seconds = time.replace(",", ".").split(":")
    total = float(seconds)
    for k, part in enumerate(reversed(rest)):
        total += int(part) * 60 ** (k + 1)
    return round(total, 3)


# YouTube's SubViewer captions: `0:00:01.200,0:00:03.400` over the cue's lines
_SBV_TIMING = re.compile(r"^\s*(?P<start>\d{1,2}:\d{2}:\d{2}\.\d{1,3}),(?P<end>\d{1,2}:\d{2}:\d{2}\.\d{1,3})\s*$")


_TIMES_SBV = re.compile(r"^\d{1,2}:\d{2}")  # a line that starts as a timing does: one mistyped


def detect_sbv(lines: list[str]) -> bool:
    """SubViewer captions (YouTube's `.sbv`): its first line a cue's timing, and another one below."""
    head = [line.lstrip("\ufeff") for line in lines[:60] if line.strip()]
    timings = sum(bool(_SBV_TIMING.match(h)) for h in head)
    return timings >= 2 and not any("-->" in h for h in head)  # (one timing mistyped, the first even, still SBV)


def read_sbv(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    """Each block a cue: its timing line, then its lines, read as an SRT cue's are."""
    segments, speaker = SegmentList(), None
    labels = _speaker_labels(lines)
    for block in _blocks([line.lstrip("\ufeff") for line in lines]):
        timing = _SBV_TIMING.match(block[0][1])
        if timing is None:
            said = block[0][1].strip()
            problem = f"malformed cue timing {said!r}" if _TIMES_SBV.search(said) else "cue has no timing line"
            warn(SourceError(path, f"{problem} (`0:00:01.000,0:00:04.000`): cue skipped", block[0][0]))
            continue
        times = (_seconds(timing["start"]), _seconds(timing["end"]))
        speaker = add_cue(segments, block[1:], times, (speaker, labels))
    return Metadata(), segments.build()


def detect_ass(lines: list[str]) -> bool:
    """ASS or SSA: its `[Script Info]` section opens the file, or `Dialogue:` lines carry its cues."""
    head = [line.strip() for line in lines[:80] if line.strip()]
    if head and head[0].lstrip("\ufeff").casefold() == "[script info]":
        return True
    return sum(1 for line in head if _DIALOGUE.match(line)) >= 3


_DIALOGUE = re.compile(r"^Dialogue:\s*(?P<fields>.*)$")
_ASS_TIME = re.compile(r"^\s*(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2})[.:](?P<cs>\d{1,3})\s*$")
_ASS_FIELDS = ("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text")
_ASS_DRAWING = re.compile(r"\{[^{}]*\\p[1-9]")  # `{\p1}m 0 0 l …`: a shape drawn, no words


def _joined(run_lines: list[tuple[int, str]]) -> str:
    """A run's lines as one text: a line break between lines of the file, and where one line of the file holds them
    (ASS's `\\N` inside a `Dialogue:` line), the break a subtitler set to wrap a long line: none between Chinese
    characters (`寬容\\N度（latitude）` is 寬容度), a space between words; the file's line is the gloss's."""
    text = run_lines[0][1]
    for (before, _), (number, piece) in pairwise(run_lines):
        wrapped_chinese = HAN_RE.match(text[-1:]) and HAN_RE.match(piece[:1])
        text += ("\n" if number != before else "" if wrapped_chinese else " ") + piece
    return text


_ASS_BREAK = re.compile(r"\\[Nn]")  # `中文\NEnglish`: a line break inside the cue


def read_ass(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    """Each `Dialogue:` line a cue, its text split at `\\N` into lines, each language of it a segment, with the
    cue's times and its actor (`Name`) as speaker; the two languages aligned, within a cue or across two cues at the
    same times (a fansub gives the Chinese and the English styles lines of their own). `Title:` names the file."""
    title, segments = None, SegmentList()
    fields: tuple[str, ...] = _ASS_FIELDS
    timed: dict[tuple[float, float], list[int]] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if line.casefold().startswith("title:"):
            title = title or line.split(":", 1)[1].strip() or None
        elif line.casefold().startswith("format:") and "text" in line.casefold():
            fields = tuple(f.strip().casefold() for f in line.split(":", 1)[1].split(","))
        elif match := _DIALOGUE.match(line):
            values = dict(zip(fields, match["fields"].split(",", len(fields) - 1), strict=False))
            start, end = _ass_seconds(values.get("start", "")), _ass_seconds(values.get("end", ""))
            text = values.get("text", "")
            if start is None or end is None:
                warn(SourceError(path, "malformed cue times in a Dialogue line: cue skipped", line=number))
                continue
            if _ASS_DRAWING.search(text):
                continue
            cue = [(number, piece) for piece in _ASS_BREAK.split(text.replace("\\h", " ")) if piece.strip()]
            if not cue:
                continue
            first = len(segments)
            add_cue(segments, cue, (start, end), (values.get("name", "").strip() or None, frozenset()))
            timed.setdefault((start, end), []).extend(range(first, len(segments)))
    for indices in timed.values():  # a Chinese cue and an English cue at the same times translate each other
        langs = {segments[i].lang: i for i in indices if segments[i].aligned is None}
        if len(indices) == 2 and Lang.EN in langs and Lang.ZH in langs:
            segments.align(langs[Lang.EN], langs[Lang.ZH])
    return Metadata(title=title), segments.build()


def _ass_seconds(time: str) -> float | None:
    """``0:01:02.50`` → 62.5; None for what is no ASS time."""
    match = _ASS_TIME.match(time)
    if match is None:
        return None
    hundredths = match["cs"].ljust(2, "0")[:2]
    return int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"]) + int(hundredths) / 100
