"""Timed Text (TTML, DFXP): the XML subtitles streaming sites and subtitle downloaders give. Each ``<p begin end>`` is a
cue, its lines split at ``<br/>`` (`中文<br/>English`), read as an SRT cue's are: each language a segment on the line
of the file it stands on, the two aligned. Times are clock times (`00:01:02.500`, `00:01:02:12` in frames), offsets
(`62.5s`, `1500ms`, `90000t` in ticks); a ``dur`` stands for an ``end``. ``<ttm:title>`` names the file.

YouTube's own timed text, as downloaders save it (``--sub-format srv3``), is read the same way: ``<timedtext>``'s
``<p t d>`` (srv3) or ``<text t d>`` (srv2) in milliseconds, ``<transcript>``'s ``<text start dur>`` (srv1) in seconds,
its text escaped twice; a line break in a cue's text is its next line, a word's ``<s>`` part of the line.
"""

from __future__ import annotations

import html
import os
import re
from xml.parsers import expat

from ..errors import SourceError
from ..models import Metadata, Segment
from ._build import SegmentList, file_head, warn
from .subtitles import add_cue

_ROOT = re.compile(r"<tt[\s>]")
_YOUTUBE_ROOT = re.compile(r"<timedtext[\s>]|<transcript>\s*<text\s+start=")
_TAG = re.compile(r"</?(?:font|b|i|u|br|span)\b[^<>]*>", re.IGNORECASE)  # srv1's markup, not `<eos>` said in a cue
_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2}(?:\.\d+)?)(?::(?P<f>\d+(?:\.\d+)?))?$")
_OFFSET = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>h|m|s|ms|f|t)$")
_SECONDS_OF = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def may_hold_cues(path: str | os.PathLike[str]) -> bool:
    """A walk's look at an ``.xml`` file: YouTube's timed text (`<timedtext>`, `<transcript>`) or TTML at its root,
    not any XML (a feed, an Office part) beside the episodes."""
    head = file_head(path, _PEEK)
    return head is None or detect(head.split("\n"))  # unopened: the reader says what is wrong with it


_PEEK = 4096


def detect(lines: list[str]) -> bool:
    """A ``<tt>`` root in the TTML namespace near the top."""
    head = "\n".join(lines[:40])
    return (_ROOT.search(head) is not None and "ttml" in head) or _YOUTUBE_ROOT.search(head) is not None


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    reader = _Cues(path)
    try:
        reader.parser.Parse("\n".join(lines).lstrip("\ufeff").encode("utf-8"), True)
    except expat.ExpatError as error:
        raise SourceError(path, f"not well-formed XML ({expat.ErrorString(error.code)})", line=error.lineno) from None
    return Metadata(title=" ".join(reader.title.split()) or None), reader.segments.build()


class _Cues:
    """Each ``<p>``'s lines as they are parsed, with the line each piece of text stands on."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.segments = SegmentList()
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.rates = {"frame": 30.0, "tick": 1.0}
        self.title = ""
        self.in_title = False
        self.cue: list[tuple[int, str]] | None = None  # the open <p>'s lines: (line, text)
        self.times: tuple[float, float] | None = None
        self.given = ""  # the times as the open <p> gives them
        self.youtube = ""  # YouTube's root (`timedtext`, `transcript`): its line breaks are the text's

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag in ("timedtext", "transcript") and self.cue is None:
            self.youtube = tag
        elif self.youtube and tag in ("p", "text"):
            self.cue, self.times = [], _youtube_times(attributes)
            self.given = " ".join(f"{k}={attributes[k]!r}" for k in ("t", "d", "start", "dur") if k in attributes)
        elif tag == "tt":
            for key, value in attributes.items():
                kind = "frame" if key.endswith("frameRate") else "tick" if key.endswith("tickRate") else None
                if kind:
                    self.rates[kind] = _number(value, self.rates[kind])
        elif tag == "title":
            self.in_title = True
        elif tag == "p":
            self.cue, self.times = [], self._times(attributes)
            self.given = " ".join(f"{k}={attributes[k]!r}" for k in ("begin", "end", "dur") if k in attributes)
        elif tag == "br" and self.cue is not None:
            self.cue.append((self.parser.CurrentLineNumber, ""))

    def end(self, name: str) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag == "title":
            self.in_title = False
        elif tag in ("p", "text") and self.cue is not None:
            twice = self.youtube == "transcript"  # srv1 escapes its text twice (`&amp;#39;`), markup and all
            lines = [(line, " ".join((_TAG.sub("", html.unescape(t)) if twice else t).split())) for line, t in self.cue]
            if self.times is None:
                where = lines[0][0] if lines else None
                said = f"unreadable cue times ({self.given})" if self.given else "cue with no begin and end times"
                warn(SourceError(self.path, f"{said}: skipped", line=where))
            elif any(text for _, text in lines):
                add_cue(self.segments, [(line, text) for line, text in lines if text], self.times, (None, frozenset()))
            self.cue = None

    def text(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif self.cue is not None:
            first = self.parser.CurrentLineNumber
            for k, part in enumerate(data.split("\n") if self.youtube else [data]):
                if k or not self.cue:
                    self.cue.append((first + k, ""))
                line, said = self.cue[-1]
                self.cue[-1] = (line if said.strip() else first + k, said + part)

    def _times(self, attributes: dict[str, str]) -> tuple[float, float] | None:
        begin = self._seconds(attributes.get("begin"))
        end = self._seconds(attributes.get("end"))
        duration = self._seconds(attributes.get("dur"))
        if end is None and begin is not None and duration is not None:
            end = begin + duration
        return (round(begin, 3), round(end, 3)) if begin is not None and end is not None else None

    def _seconds(self, time: str | None) -> float | None:
        """A TTML time in seconds; None for none or what is no time."""
        if not time:
            return None
        time = time.strip()
        if clock := _CLOCK.match(time):
            frames = float(clock["f"]) / self.rates["frame"] if clock["f"] else 0.0
            return int(clock["h"]) * 3600 + int(clock["m"]) * 60 + float(clock["s"]) + frames
        if offset := _OFFSET.match(time):
            n, unit = float(offset["n"]), offset["unit"]
            if unit == "f":
                return n / self.rates["frame"]
            return n / self.rates["tick"] if unit == "t" else n * _SECONDS_OF[unit]
        return None


def _youtube_times(attributes: dict[str, str]) -> tuple[float, float] | None:
    """A YouTube cue's start and end in seconds: ``t``/``d`` in milliseconds, ``start``/``dur`` in seconds."""
    scale, begin, duration = (0.001, "t", "d") if "t" in attributes else (1.0, "start", "dur")
    try:
        start = float(attributes[begin]) * scale
        length = float(attributes.get(duration, "0")) * scale
    except (KeyError, ValueError):
        return None
    return round(start, 3), round(start + length, 3)


def _number(value: str, default: float) -> float:
    try:
        return float(value) or default
    except ValueError:
        return default
