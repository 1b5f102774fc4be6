"""`vocab inspect` through the CLI: output formats, and every kind of bad input reported in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vocab.cli import cli

from .conftest import FIXTURES

GOOD = str(FIXTURES / "transcript" / "basic.txt")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_prints_one_object_per_segment() -> None:
    code, out, _ = _run("inspect", "--format", "jsonl", GOOD)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["line"] for r in rows] == [1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 19]
    assert rows[4]["speaker"] == "Speaker 1" and rows[4]["aligned"] == 5 and rows[4]["source"] == GOOD


def test_json_prints_the_whole_document() -> None:
    code, out, _ = _run("inspect", "--format", "json", GOOD)
    document = json.loads(out)
    assert code == 0
    assert document["format"] == "transcript"
    assert document["metadata"]["show"] == "Gradient Hour"
    assert len(document["segments"]) == 11


def test_table_shows_format_metadata_and_segments() -> None:
    code, out, _ = _run("inspect", GOOD)
    assert code == 0
    assert "format: transcript" in out
    assert "title: Ep 1: A Tiny Pilot Episode" in out
    assert "Speaker 2" in out and "00:10-00:21" in out


def test_input_format_overrides_detection() -> None:
    code, out, _ = _run("inspect", "--format", "json", "--input-format", "plain", GOOD)
    assert code == 0
    assert json.loads(out)["format"] == "plain"


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


BAD_INPUTS = [
    ("missing", None, "{p}: no such file"),
    ("folder", "dir", "{p}: is a directory, not a document"),
    ("empty.txt", b"", "{p}: file is empty"),
    ("blank.txt", b"  \n\n \n", "{p}: file is empty"),
    (
        "binary.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "{p}: looks like a binary file (it has NUL bytes), not a text document",
    ),
    (
        "latin1.txt",
        b"ok\nna\xefve caf\xe9\n",
        "{p}:2: cannot decode byte 0xef as UTF-8, GB18030 or Big5; save the file as UTF-8",
    ),
    (
        "yaml.md",
        b"---\ntitle: ok\ntags: [a, b\n---\nbody\n",
        "{p}:3: invalid YAML front matter: while parsing a flow sequence, expected ',' or ']', but got '<stream end>'",
    ),
    ("unclosed.md", b"---\ntitle: ok\n\nbody\n", "{p}:1: front matter opened with '---' is never closed"),
    ("list.md", b"---\n- a\n- b\n---\nbody\n", "{p}:2: front matter is not a set of `key: value` lines"),
]


@pytest.mark.parametrize("name, data, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_error_line_and_the_good_file_still_reads(
    tmp_path: Path, name: str, data: bytes | str | None, message: str
) -> None:
    if data is None:
        bad = str(tmp_path / name)
    elif data == "dir":
        bad = str(tmp_path / name)
        Path(bad).mkdir()
    else:
        bad = _write(tmp_path, name, data)  # type: ignore[arg-type]
    code, out, err = _run("inspect", "--format", "jsonl", bad, GOOD)
    assert code == 1
    assert err == f"Error: {message.format(p=bad)}\n"
    assert len(out.splitlines()) == 11  # the good file after the bad one was read in full


# One bad cue is read around: a warning, the document's other cues, exit 0 (--strict makes it an error).
READ_AROUND = [
    (
        "cue.txt",
        "Speaker 100:00 - 00:05\nHi.\nSpeaker 100:00 - 00:05\n嗨。\nSpeaker 100:06 - 00:61\nBye.\n".encode(),
        "{p}:5: impossible time '00:61' in cue header (minutes and seconds stop at 59)",
    ),
    (
        "cue2.txt",
        "Speaker 100:00 - 00:05\nHi.\nSpeaker 100:00 - 00:05\n嗨。\nSpeaker 1 00:0x - 00:09\nBye.\n".encode(),
        "{p}:5: malformed cue header 'Speaker 1 00:0x - 00:09'",
    ),
    (
        "bad.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nHi\n嗨\n\n2\n00:00:03,000 --> 00:00:0x,000\nBye\n".encode(),
        "{p}:7: malformed cue timing '00:00:03,000 --> 00:00:0x,000'",
    ),
    (
        "bad.vtt",
        b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\n00:03.000 --> 00:75.000\nBye\n",
        "{p}:6: impossible time in cue timing '00:03.000 --> 00:75.000'",
    ),
]


@pytest.mark.parametrize("name, data, message", READ_AROUND, ids=[b[0] for b in READ_AROUND])
def test_a_bad_cue_is_a_warning_and_the_rest_of_the_document_reads(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    bad = _write(tmp_path, name, data)
    code, out, err = _run("inspect", "--format", "jsonl", bad, GOOD)
    assert code == 0
    assert err == f"Warning: {message.format(p=bad)}: cue skipped\n"
    lines = out.splitlines()
    assert len(lines) > 11 and json.loads(lines[0])["source"] == bad  # its good cues, then the good file


def test_unknown_input_format_is_a_usage_error() -> None:
    code, _, err = _run("inspect", "--input-format", "pptx", GOOD)
    assert code == 2
    assert "Invalid value for '--input-format'" in err


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vocab", "inspect", "--format", "json", GOOD], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["format"] == "transcript"


def test_help_does_not_import_heavy_libraries() -> None:
    probe = (
        "import sys\n"
        "from vocab.cli import cli\n"
        "try:\n    cli(['--help'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('jieba', 'wordfreq', 'genanki', 'frontmatter', 'yaml', 'rich', 'pypinyin', 'fsrs')\n"
        "print('HEAVY=' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "Usage: " in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="


def test_vocab_help_lists_every_command_without_importing_them() -> None:
    """`vocab --help` reads the catalogue only (it starts as fast as click); each command's own short help is the
    catalogue's line, and every command the catalogue names exists."""
    from vocab.cli import catalogue

    probe = (
        "import sys; from vocab.cli import cli\n"
        "try: cli(['--help'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('vocab.cli.') or m == 'vocab.models'))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip().splitlines()[-1] == "['vocab.cli.catalogue']"
    ctx = click.Context(cli)
    for name, (_, _, summary) in catalogue.COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name and command.short_help == summary
