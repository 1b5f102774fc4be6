"""Markdown with YAML front matter: metadata from the YAML, segments from both parts.

Front-matter values can hold glossed text (``summary: …**主动性（agency）**…``), so every
top-level string value is a segment too, at the raw line where it stands. python-frontmatter
gives the metadata; the line numbers come from YAML's own node marks, because the library
strips the text and shifts lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from ..errors import SourceError
from ..models import Metadata, Segment, SegmentKind
from ..text import HAN_RE
from . import markdown
from ._build import SegmentList, warn

_DELIMITER = re.compile(r"^---\s*$")
_CLOSE = re.compile(r"^(---|\.\.\.)\s*$")
_URL = re.compile(r"\s*https?://")
_BRACKET = re.compile("[(（]")
_KEYS = {
    "title": ("title",),
    "date": ("date", "published", "pubdate", "created"),
    "source_url": ("source", "source_url", "url", "link", "original"),
    "show": ("show", "podcast", "series", "channel"),
    "author": ("author", "authors"),
    "speakers": ("speaker", "speakers", "host", "hosts", "guest", "guests"),
    "people": ("people",),
    "tags": ("tags", "keywords"),
    "media": ("media", "audio", "video"),
}


def detect(lines: list[str]) -> bool:
    """The first line is ``---``; a front matter that never closes is reported by ``read``."""
    return bool(lines) and bool(_DELIMITER.match(lines[0]))


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    import frontmatter  # python-frontmatter; imported here so `vocab --help` stays fast
    import yaml

    close = next((i for i in range(1, len(lines)) if _CLOSE.match(lines[i])), None)
    if close is None:
        raise SourceError(path, "front matter opened with '---' is never closed", line=1)
    yaml_text = "\n".join(lines[1:close])
    try:
        node = yaml.compose(yaml_text) if yaml_text.strip() else None  # first: its marks count from line 2
    except yaml.YAMLError as exc:
        node, lines = _read_with_colons_quoted(lines, close, path, _yaml_error(path, exc, first_line=2))
    except RecursionError:
        raise SourceError(path, "invalid YAML front matter: nested too deeply", line=_deepest(lines, close)) from None
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise SourceError(path, "front matter is not a set of `key: value` lines", line=2)
    _check_mapping(node, path)
    try:
        values = frontmatter.loads("\n".join(lines[: close + 1])).metadata  # its marks count from line 1
    except yaml.YAMLError as exc:
        raise _yaml_error(path, exc, first_line=1, constructing=True) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value YAML reads as a date that is none: 2026-13-45
        values = _loaded_without(lines, close, path, _value_error(path, node, exc))
    segments = SegmentList()
    for key, line, text in _string_values(node, lines):
        segments.add(line, text, kind=SegmentKind.META, field=key)
    metadata = dataclasses.replace(_metadata(values), body_line=close + 2)
    fields = markdown.read_body(lines[close + 1 :], close + 2, segments, metadata.speakers + metadata.people)
    if not metadata.source_url and "source_url" in fields:
        metadata = dataclasses.replace(metadata, source_url=fields["source_url"])
    return metadata, segments.build()


def _read_with_colons_quoted(lines: list[str], close: int, path: str, error: SourceError) -> tuple[Any, list[str]]:
    """The front matter read again with each one-line value that holds `: ` quoted (`title: 变异检测笔记: GATK 流程`,
    which YAML refuses, new-user report 13), and a warning for each: a note-taker's subtitle should not cost the whole
    note. ``error`` where that does not make it YAML either."""
    import yaml

    fixed = list(lines)
    quoted = []
    for i in range(1, close):
        found = _COLON_VALUE.match(lines[i])
        if found:
            key, value = found.groups()
            fixed[i] = f"{key}: '{value.replace(chr(39), chr(39) * 2)}'"
            quoted.append(i + 1)
    if not quoted:
        raise error
    try:
        node = yaml.compose("\n".join(fixed[1:close]))
    except yaml.YAMLError:
        raise error from None
    for line in quoted:
        warn(SourceError(path, "a front matter value with ': ' in it was read whole: quote it to say so", line))
    return node, fixed


# A top-level `key: value` line whose plain value holds `: ` (YAML reads a mapping there): quoted, it is the text.
_COLON_VALUE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]+([^\s'\"\[{|>&*!#][^#]*?:\s.*?)\s*$")


MAX_EXPANDED = 100_000  # nodes a front matter's aliases may expand to ("billion laughs" expand to 9^9)
_TITLE_KEYS = ("title", "name")


def _yaml_error(path: str, exc: Any, first_line: int, constructing: bool = False) -> SourceError:
    """YAML's error as one line: what went wrong and the raw line. Parsing marks where the broken construct began
    (context) and where it gave up (problem); constructing marks the value it could not build (problem)."""
    names = ("problem_mark", "context_mark") if constructing else ("context_mark", "problem_mark")
    mark = next((m for m in (getattr(exc, name, None) for name in names) if m is not None), None)
    words = [getattr(exc, "context", None), getattr(exc, "problem", None)]
    problem = ", ".join(w for w in words if w) or str(exc).splitlines()[0]
    if "mapping values are not allowed here" in problem:
        problem += " (a value with ': ' in it must be quoted)"
    return SourceError(path, f"invalid YAML front matter: {problem}", line=mark.line + first_line if mark else 1)


def _loaded_without(lines: list[str], close: int, path: str, error: SourceError) -> dict[str, Any]:
    """The front matter's values with the one-line value YAML cannot build (a date that is none, `2025-02-30`) left
    out, and a warning: a typo in a date should not cost a note its glosses. ``error`` where that does not do."""
    import frontmatter
    import yaml

    if error.line is None or not 2 <= error.line <= close:
        raise error
    kept = [*lines[: error.line - 1], "#", *lines[error.line : close + 1]]
    try:
        values = frontmatter.loads("\n".join(kept)).metadata
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        raise error from None
    warn(SourceError(path, f"{error.message}: left out", error.line))
    return values


def _value_error(path: str, node: Any, exc: Exception) -> SourceError:
    """The key whose value YAML could not build (a date that is none), with its line."""
    import yaml

    loader = yaml.SafeLoader("")
    for key_node, value in getattr(node, "value", ()):
        try:
            loader.construct_object(value, deep=True)
        except (ValueError, TypeError, OverflowError) as error:
            where = value.start_mark.line + 2
            return SourceError(path, f"invalid {key_node.value} in front matter: {value.value} ({error})", line=where)
    return SourceError(path, f"invalid front matter: {exc}", line=2)


def _check_mapping(node: Any, path: str) -> None:
    """Aliases that expand past ``MAX_EXPANDED`` nodes are refused (they would hang the reader); a key given
    twice and a title that is no text are warnings."""
    import yaml

    sizes: dict[int, int] = {}

    def size(item: Any) -> int:
        if id(item) not in sizes:
            sizes[id(item)] = 0  # a cycle counts once
            children = item.value if isinstance(item, (yaml.SequenceNode, yaml.MappingNode)) else ()
            flat = [c for pair in children for c in pair] if isinstance(item, yaml.MappingNode) else list(children)
            sizes[id(item)] = min(1 + sum(size(child) for child in flat), MAX_EXPANDED + 1)
        return sizes[id(item)]

    seen: dict[str, int] = {}
    for key_node, value in getattr(node, "value", ()):
        line = key_node.start_mark.line + 2
        if size(value) > MAX_EXPANDED:
            problem = "invalid YAML front matter: its aliases expand too far"
            raise SourceError(path, problem, line=value.start_mark.line + 2)
        key = str(key_node.value)
        if key in seen:
            twice = f"front matter key {key!r} is given twice (line {seen[key]}): the last one is used"
            warn(SourceError(path, twice, line))
        seen.setdefault(key, line)
        if key.casefold() in _TITLE_KEYS and not isinstance(value, yaml.ScalarNode):
            kind = "a mapping" if isinstance(value, yaml.MappingNode) else "a list"
            warn(SourceError(path, f"front matter title is {kind}, not text: not used as the title", line))


def _deepest(lines: list[str], close: int) -> int:
    """The raw line where the front matter nests deepest (where YAML ran out of recursion)."""
    depths = [(max(text.count("["), text.count("{"), len(text) - len(text.lstrip())), i + 1)
              for i, text in enumerate(lines[:close])]  # fmt: skip
    return max(depths)[1] if depths else 1


def _string_values(node: Any, lines: list[str]) -> list[tuple[str, int, str]]:
    """``(key, raw line, text)`` for each top-level prose value, and each prose item of a top-level list that holds a
    bracket (`keywords:` ``- 生漆（raw lacquer）``; not a list of names), its wrapped lines kept as ``\\n``.

    Prose is a value with a space or a Chinese character in it: a title or a summary, not a
    slug (``ai-ml``), a date or a URL.
    """
    import yaml

    found = []
    for key_node, node_value in getattr(node, "value", ()):
        listed = isinstance(node_value, yaml.SequenceNode)
        for value in node_value.value if listed else [node_value]:
            if _is_prose(value) and (not listed or _BRACKET.search(value.value)):
                found.append((str(key_node.value), *_raw_text(value, lines)))
    return found


def _is_prose(value: Any) -> bool:
    import yaml

    if not isinstance(value, yaml.ScalarNode) or value.tag != "tag:yaml.org,2002:str":
        return False
    return bool(" " in value.value.strip() or HAN_RE.search(value.value)) and not _URL.match(value.value)


def _raw_text(value: Any, lines: list[str]) -> tuple[int, str]:
    """A scalar's raw line and its text, a wrapped one as its raw lines."""
    first, last = value.start_mark.line, value.end_mark.line
    if value.style in ("|", ">"):  # block scalar: the text starts on the line after the indicator
        first += 1
    if value.end_mark.column == 0 and last > first:
        last -= 1
    if last > first:  # wrapped: the raw lines, so that every gloss keeps its own line
        return first + 2, _raw_value(lines[1 + first : 2 + last], value.style, value.start_mark.column)
    return first + 2, value.value


def _raw_value(raw: list[str], style: str | None, column: int) -> str:
    """A multi-line value as written, one raw line per line (blank lines kept, so later lines do not
    shift): a plain or quoted scalar starts at its column, a quoted one loses its quotes.

    >>> _raw_value(["summary: '一句话：推理", "  服务（inference serving）'"], "'", 9).splitlines()
    ['一句话：推理', '服务（inference serving）']
    """
    raw = list(raw)
    if style not in ("|", ">"):
        raw[0] = raw[0][column:]
    if style in ("'", '"'):
        raw[0] = raw[0].lstrip()[1:]
        raw[-1] = raw[-1].rstrip()[:-1] if raw[-1].rstrip().endswith(style) else raw[-1]
    text = "\n".join(part.strip() for part in raw)
    return text.replace("''", "'") if style == "'" else text


def _metadata(values: dict[str, Any]) -> Metadata:
    lowered = {str(k).casefold(): v for k, v in values.items()}

    def first(name: str) -> Any:
        return next((lowered[k] for k in _KEYS[name] if lowered.get(k) not in (None, "", [])), None)

    def texts(name: str) -> tuple[str, ...]:
        found: list[str] = []
        for k in _KEYS[name]:
            value = lowered.get(k)
            items = value if isinstance(value, list) else [value]
            found += [str(v).strip() for v in items if v not in (None, "") and str(v).strip()]
        return tuple(dict.fromkeys(found))

    date = first("date")
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()[:10]
    title = first("title")
    if isinstance(title, (dict, list)):  # `title: {en: …, zh: …}`: said by a warning, not shown as Python
        title = None
    return Metadata(
        title=" ".join(str(title).split()) if title else None,
        date=_day(str(date)) if date else None,
        source_url=str(first("source_url")) if first("source_url") else None,
        show=str(first("show")) if first("show") else None,
        author=", ".join(texts("author")) or None,
        speakers=texts("speakers"),
        people=texts("people"),
        tags=texts("tags"),
        media=str(first("media")) if first("media") else None,
    )


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(date: str) -> str:
    """The day of an ISO timestamp (`2026-03-04T10:00`); any other date as written (`next tuesday` was cut to
    `next tuesd`)."""
    return date[:10] if _ISO_DAY.match(date) else " ".join(date.split())
