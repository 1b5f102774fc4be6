"""The bad inputs that are bytes rather than text, and those that can only be made where the test runs.

``BYTES`` are written to ``files/`` and committed (so a reader of the catalogue sees every input):

    python tests/bad_inputs/make.py           write them
    python tests/bad_inputs/make.py --check   exit 1 if a committed file differs from what this script makes

``MAKERS`` make the rest inside the test's temporary folder: special files (a FIFO, links), a missing
path, and inputs too large to commit. Every maker is deterministic: the same bytes on every run.
"""

from __future__ import annotations

import codecs
import gzip
import os
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"

# A cue of the good kind: English line, Chinese line with a gloss; the bad encodings below wrap text like it.
_SRT_CUE = "1\n00:00:01,000 --> 00:00:03,000\nWe use deep learning.\n我们用深度学习（deep learning）。\n"
_ZH_NOTE = "我们用深度学习（deep learning）训练模型。\n"


def _png() -> bytes:
    """A real 1x1 grey PNG: signature, IHDR, IDAT, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80", 9))
        + chunk(b"IEND", b"")
    )


def _controls() -> bytes:
    """A gloss wrapped in terminal escapes (clear screen, colours, a title change, a bell, a C1 CSI)."""
    text = (
        "\x1b]0;pwned\x07\x1b[2J\x1b[31mWe use deep learning.\x1b[0m\n"
        "我们用深度学习（deep \x1b[1mlearning\x1b[0m）\x9b1m训练\x07模型。\x08\x08\n"
    )
    return text.encode("utf-8")


def _mixed_newlines() -> bytes:
    """The good SRT cues with CRLF, lone CR and LF line ends mixed, cue by cue."""
    cues = [
        ["1", "00:00:01,000 --> 00:00:03,000", "We use deep learning.", "我们用深度学习（deep learning）。"],
        ["2", "00:00:04,000 --> 00:00:06,000", "Then reinforcement learning.", "然后是强化学习（RL）。"],
        ["3", "00:00:07,000 --> 00:00:09,000", "And a harness around it.", "还有外面那一层 harness(运行框架)。"],
    ]
    ends = ["\r\n", "\r", "\n"]
    return "".join(ends[k].join(cue) + ends[k] * 2 for k, cue in enumerate(cues)).encode("utf-8")


BYTES: dict[str, Callable[[], bytes]] = {
    "empty.txt": lambda: b"",
    "empty.srt": lambda: b"",
    "nul-bytes.txt": lambda: b"We use deep learning.\x00\x00\x00\x01\x02binary\x00\xff\xfe\n",
    "png-named.md": _png,
    "gzip-named.txt": lambda: gzip.compress(_ZH_NOTE.encode("utf-8"), mtime=0),
    "latin1.txt": lambda: "We use deep learning.\nNaïve café: modèle appris (learned model).\n".encode("latin-1"),
    "shift-jis.txt": lambda: "深層学習（ディープラーニング）でモデルを訓練します。\n".encode("shift_jis"),
    "bad-utf8-after-bom.md": lambda: codecs.BOM_UTF8 + "# 标题\n\n".encode() + b"\xff\xfe bad \xc3\x28\n",
    "truncated-utf16.srt": lambda: codecs.BOM_UTF16_LE + _SRT_CUE.encode("utf-16-le")[:-1],
    "utf8-bom-only.txt": lambda: codecs.BOM_UTF8,
    "known-binary.txt": lambda: b"\x00\x01\x02\x03agent\x00harness\x00",
    "control-chars.md": _controls,
    "mixed-newlines.srt": _mixed_newlines,
    "windows-1252-quotes.txt": lambda: "We use \u201cdeep learning\u201d \u2014 it\u2019s the core.\n".encode("cp1252"),
    "just-over-limit.md": lambda: (_ZH_NOTE * 40).encode("utf-8")[:1900],
    "nul-after-8k.txt": lambda: (_ZH_NOTE * 200).encode("utf-8") + b"\x00" * 16 + _ZH_NOTE.encode("utf-8"),
}


def write(folder: Path = FILES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in BYTES.items():
        (folder / name).write_bytes(make())
        written.append(folder / name)
    return written


def differing(folder: Path = FILES) -> list[str]:
    """The committed files that are not what ``BYTES`` makes (missing ones included)."""
    return [name for name, make in BYTES.items() if not (folder / name).is_file() or (folder / name).read_bytes()
            != make()]  # fmt: skip


# Made where the test runs: each takes the folder to make it in and returns the path to give vocab.


def _missing(where: Path) -> Path:
    return where / "no-such-episode.srt"


def _fifo(where: Path) -> Path:
    path = where / "pipe.srt"
    os.mkfifo(path)
    return path


def _dev_zero(where: Path) -> Path:
    path = where / "zero.md"
    path.symlink_to("/dev/zero")
    return path


def _link_loop(where: Path) -> Path:
    (where / "loop-a.md").symlink_to(where / "loop-b.md")
    (where / "loop-b.md").symlink_to(where / "loop-a.md")
    return where / "loop-a.md"


def _dangling(where: Path) -> Path:
    path = where / "dangling.md"
    path.symlink_to(where / "moved-away.md")
    return path


def _deep_brackets(where: Path) -> Path:
    path = where / "nested.md"
    path.write_text("模型" + "（a" * 20_000 + "）" * 20_000 + "\n\n深度学习（deep learning）。\n", encoding="utf-8")
    return path


def _one_long_line(where: Path) -> Path:
    """5 MB on one line, no newline at all: two glosses every 10 KB or so."""
    path = where / "one-line.txt"
    unit = "我们用深度学习（deep learning）训练模型，然后是强化学习（RL）。" + "the model learns " * 600
    path.write_text(unit * (5 * 1024 * 1024 // len(unit.encode("utf-8")) + 1), encoding="utf-8")
    return path


def _many_empty_lines(where: Path) -> Path:
    path = where / "blank-lines.txt"
    path.write_bytes(b"\n" * 2_000_000 + _ZH_NOTE.encode("utf-8"))
    return path


def _yaml_bomb(where: Path) -> Path:
    """Front matter whose title is a 'billion laughs': nine levels of aliases, each nine of the one before."""
    lines = ["---", 'a0: &a0 ["lol"]']
    lines += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 10)]
    lines += ["title: *a9", "---", "", _ZH_NOTE]
    path = where / "bomb.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _yaml_deep(where: Path) -> Path:
    """A front-matter value nested 5,000 lists deep."""
    path = where / "deep-yaml.md"
    path.write_text("---\ntitle: ok\ntags: " + "[" * 5_000 + "]" * 5_000 + "\n---\n\n" + _ZH_NOTE, encoding="utf-8")
    return path


def _unreadable(where: Path) -> Path:
    path = where / "secret.md"
    path.write_text(_ZH_NOTE, encoding="utf-8")
    path.chmod(0)
    return path


def _unreadable_folder(where: Path) -> Path:
    """A folder without read permission, holding a document."""
    folder = where / "private"
    folder.mkdir()
    (folder / "notes.md").write_text(_ZH_NOTE, encoding="utf-8")
    folder.chmod(0)
    return folder


def _pdf_named_txt(where: Path) -> Path:
    """A PDF saved with a text file's name: its header, then binary streams."""
    path = where / "paper.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 12 >>\nstream\n\x89\xfa\x01\x00\nendstream\n")
    return path


def _program_named_txt(where: Path) -> Path:
    """A program (an ELF header, zero-padded as programs are: its NULs in every other byte, like UTF-16's)."""
    path = where / "tool.txt"
    header = b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x02\x00\x3e\x00\x01\x00\x00\x00"
    path.write_bytes(header + b"\x40\x00" * 2000)
    return path


def _srt_cut_timing(where: Path) -> Path:
    """Subtitles whose last cue was cut short in its timing line."""
    path = where / "cut.srt"
    cues = "1\n00:00:01,000 --> 00:00:04,000\n我们用梯度下降（gradient descent）。\n\n2\n00:00:12,500 -"
    path.write_text(cues, encoding="utf-8")
    return path


def _folder_with_loop(where: Path) -> Path:
    """A folder holding a link to itself and a link loop named like a document."""
    folder = where / "looped"
    folder.mkdir()
    (folder / "again").symlink_to(folder)
    (folder / "talk.md").symlink_to(folder / "talk.md")
    return folder


def _out_inside_file(where: Path) -> Path:
    path = where / "notes.txt"
    path.write_text("not a folder\n", encoding="utf-8")
    return path / "glossaries"


def _name_too_long(where: Path) -> Path:
    """A name of 300 characters, longer than any file system takes (not made)."""
    return where / ("n" * 300)


MAKERS: dict[str, Callable[[Path], Path]] = {
    "missing": _missing,
    "fifo": _fifo,
    "dev-zero": _dev_zero,
    "link-loop": _link_loop,
    "dangling": _dangling,
    "unreadable-folder": _unreadable_folder,
    "pdf-named-txt": _pdf_named_txt,
    "program-named-txt": _program_named_txt,
    "srt-cut-timing": _srt_cut_timing,
    "deep-brackets": _deep_brackets,
    "one-long-line": _one_long_line,
    "many-empty-lines": _many_empty_lines,
    "yaml-bomb": _yaml_bomb,
    "yaml-deep": _yaml_deep,
    "unreadable": _unreadable,
    "folder-with-loop": _folder_with_loop,
    "name-too-long": _name_too_long,
    "out-inside-file": _out_inside_file,
}


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        bad = differing()
        print("\n".join(f"differs: {name}" for name in bad) or "all committed bytes are as made")
        sys.exit(1 if bad else 0)
    for path in write():
        print(path.relative_to(HERE))
