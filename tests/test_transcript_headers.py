"""Cue headers glue the speaker number to the start time; the split must come out right."""

from __future__ import annotations

import pytest

from vocab.errors import SourceError
from vocab.sources.transcript import _parse_header


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Speaker 100:00 - 00:28", ("Speaker 1", 0, 28)),
        ("Speaker 257:09 - 57:37", ("Speaker 2", 57 * 60 + 9, 57 * 60 + 37)),
        ("Speaker 159:23 - 59:40", ("Speaker 1", 59 * 60 + 23, 59 * 60 + 40)),
        ("Speaker 11:02:03 - 1:02:30", ("Speaker 1", 3723, 3750)),
        ("Speaker 1 1:02:03 - 1:02:09", ("Speaker 1", 3723, 3729)),
        ("Speaker 1000:05 - 00:09", ("Speaker 10", 5, 9)),
        ("Speaker 1 00:05 - 00:09", ("Speaker 1", 5, 9)),
        ("Speaker 00:05 - 00:09", ("Speaker", 5, 9)),
        ("说话人 212:00 – 12:30", ("说话人 2", 720, 750)),
    ],
)
def test_header_split(header: str, expected: tuple[str, float, float]) -> None:
    assert _parse_header(header, "t.txt", 7) == expected


@pytest.mark.parametrize(
    "header, message",
    [
        ("Speaker 100:75 - 00:80", "t.txt:7: impossible time '00:80' in cue header (minutes and seconds stop at 59)"),
        ("Speaker 100:40 - 00:30", "t.txt:7: cue ends before it starts in 'Speaker 100:40 - 00:30'"),
        ("Speaker 10:7 - 00:09", "t.txt:7: malformed cue header 'Speaker 10:7 - 00:09': no start time"),
    ],
)
def test_bad_header(header: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        _parse_header(header, "t.txt", 7)
    assert str(caught.value) == message
