"""Encodings and line endings: the same text reads the same whatever bytes it came in."""

from __future__ import annotations

from pathlib import Path

import pytest

from vocab import SourceError, read_document
from vocab.extract import extract_glosses

from .conftest import FIXTURES

SAMPLE = (FIXTURES / "parallel" / "basic.txt").read_text(encoding="utf-8")


def _segments(path: Path) -> list[tuple[int, str, int | None]]:
    return [(s.line, s.text, s.aligned) for s in read_document(path).segments]


EXPECTED = _segments(FIXTURES / "parallel" / "basic.txt")


@pytest.mark.parametrize(
    "label, data, encoding",
    [
        ("utf-8-bom", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        ("utf-16-le", SAMPLE.encode("utf-16"), "utf-16"),
        ("utf-16-be", b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16"),
        ("gb18030", SAMPLE.encode("gb18030"), "gb18030"),
        ("gbk", SAMPLE.encode("gbk"), "gb18030"),
        ("crlf", SAMPLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("cr", SAMPLE.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
)
def test_encoding_and_line_ends_read_the_same(tmp_path: Path, label: str, data: bytes, encoding: str) -> None:
    path = tmp_path / f"{label}.txt"
    path.write_bytes(data)
    document = read_document(path)
    assert document.encoding == encoding
    assert _segments(path) == EXPECTED


@pytest.mark.parametrize("encoding", ["big5", "cp950", "big5hkscs"])
def test_traditional_chinese_in_big5_reads_as_it_does_in_utf8(tmp_path: Path, encoding: str) -> None:
    """Taiwan's and Hong Kong's legacy encoding: its bytes fail UTF-8, and read as GB18030 they land in rare
    characters, so Big5 is tried next."""
    traditional = "這一集我們談到梯度下降（gradient descent）與過擬合（overfitting）。\n老師說：「先看資料。」\n"
    path = tmp_path / "notes.txt"
    path.write_bytes(traditional.encode(encoding))
    document = read_document(path)
    assert document.encoding == "big5"
    assert [s.text for s in document.segments] == [line for line in traditional.splitlines()]


def test_latin1_bytes_are_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("first line\nsecond caf\xe9 \xe0 la carte\n".encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        read_document(path)
    assert caught.value.line == 2
    assert "save the file as UTF-8" in caught.value.message


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_chinese_in_utf16_without_its_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """Mostly-Chinese text in UTF-16 without a byte-order mark has few NUL bytes (its ASCII's), where English has one
    in every pair: it was called a binary file (new-user report 18), as a file of NULs on both sides still is; then
    named and refused, and a teacher could not tell what to save it as (learner's trial 61): it is read."""
    text = "# 越冬笔记\n\n一月前要检查蜂王（queen）和储蜜（honey stores），再决定是否合并一个弱群。\n" * 20
    (tmp_path / "notes.md").write_bytes(text.encode(encoding))
    assert [(g.zh, g.en) for g in extract_glosses(read_document(tmp_path / "notes.md"))][:2] == [
        ("蜂王", "queen"),
        ("储蜜", "honey stores"),
    ]
    (tmp_path / "cut.md").write_bytes(text.encode(encoding)[:-1])  # an odd byte at the end
    with pytest.raises(SourceError, match="looks like UTF-16 text without a byte-order mark but is not"):
        read_document(tmp_path / "cut.md")
    (tmp_path / "padded.md").write_bytes(b"HDR\x00\x00\x00\x00\x01\x00\x02" * 50)
    with pytest.raises(SourceError, match="looks like a binary file"):
        read_document(tmp_path / "padded.md")
