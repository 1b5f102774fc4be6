"""The bad-input catalogue (issue 15): every kind of bad input in tests/bad_inputs/catalogue.json, run through the
CLI next to a good document. Each kind must end with its exit code and its exact first line on stderr, never a
traceback or a hang, and the good document given in the same run must still be read (or, for build, glossary and
deck, written). Kinds whose message is missing, unclear or wrong are marked ``xfail`` in the catalogue, with the
reason; their expectation is what vocab should say, and ``now`` records what it says today."""

from __future__ import annotations

import inspect
import json
import multiprocessing
import os
import shutil
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from vocab.cli import cli

from .bad_inputs import make
from .conftest import EXAMPLES

HERE = Path(__file__).resolve().parent / "bad_inputs"
CATALOGUE: list[dict[str, Any]] = json.loads((HERE / "catalogue.json").read_text(encoding="utf-8"))["kinds"]
GOOD = EXAMPLES / "agents-talk.srt"
GOOD_GLOSSARY = "agents-talk-srt.md"  # what build and glossary name the good document's glossary
GOOD_TERM = '"harness"'  # a term of the good document, as a JSON string
TIMEOUT = 30  # seconds; a run that takes longer is a hang
# click before 8.2 mixes stderr into stdout unless asked not to; from 8.2 on, result.stderr is always apart.
_MIXES = "mix_stderr" in inspect.signature(CliRunner.__init__).parameters
_RUNNER: dict[str, Any] = {"mix_stderr": False} if _MIXES else {}


def _params() -> list[Any]:
    params = []
    for kind in CATALOGUE:
        marks = [pytest.mark.xfail(reason=kind["xfail"], strict=True)] if "xfail" in kind else []
        params.append(pytest.param(kind, id=kind["id"], marks=marks))
    return params


def _prepare(kind: dict[str, Any], tmp_path: Path) -> dict[str, str]:
    """The paths the command's ``{bad}``, ``{good}``, ``{out}`` (not made) and ``{in}`` (the folder of ``{bad}``)
    stand for, made inside ``tmp_path``."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = tmp_path / "good" / GOOD.name
    good.parent.mkdir()
    shutil.copyfile(GOOD, good)
    if "file" in kind:
        source = HERE / kind["file"]
        bad = inputs / source.name
        if source.is_dir():
            shutil.copytree(source, bad, symlinks=True)
        else:
            shutil.copyfile(source, bad)
    elif "make" in kind:
        needs = kind.get("needs")
        if needs == "mkfifo" and not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this platform")
        if needs == "symlinks" and os.name == "nt":
            pytest.skip("symbolic links need privileges on Windows")
        if needs == "not-root" and (not hasattr(os, "geteuid") or os.geteuid() == 0):
            pytest.skip("file permissions do not stop root (or do not exist here)")
        bad = make.MAKERS[kind["make"]](inputs)
    else:  # a bad option: no bad file
        bad = inputs
    return {"bad": str(bad), "good": str(good), "out": str(tmp_path / "out"), "in": str(inputs)}


@dataclass
class Run:
    """What one run of vocab gave: its exit code, its two streams, and the exception that escaped, if any."""

    exit_code: int
    stdout: str
    stderr: str
    crash: str | None  # "TypeError: …" when an exception other than SystemExit left the command


def _invoke_here(args: list[str], env: dict[str, str | None]) -> Run:
    result = CliRunner(**_RUNNER).invoke(cli, args, env=env, prog_name="vocab")
    escaped = result.exc_info is not None and result.exc_info[0] is not SystemExit
    crash = f"{result.exc_info[0].__name__}: {result.exc_info[1]}" if escaped and result.exc_info else None
    return Run(result.exit_code, result.stdout, result.stderr, crash)


def _invoke(args: list[str], env: dict[str, str | None], timeout: float) -> Run:
    """The command through click's runner, in a forked copy of this process (already warmed up: jieba and the
    dictionary loaded), so that a hang is killed after ``timeout`` seconds and fails its test, not the suite."""
    if "fork" not in multiprocessing.get_all_start_methods():  # Windows: a thread, which a hang outlives
        outcome: list[Run] = []
        worker = threading.Thread(target=lambda: outcome.append(_invoke_here(args, env)), daemon=True)
        worker.start()
        worker.join(timeout)
        if not outcome:
            pytest.fail(f"vocab {' '.join(args)} still running after {timeout} s: it hangs", pytrace=False)
        return outcome[0]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, args, env), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            pytest.fail(f"vocab {' '.join(args)} still running after {timeout} s: it hangs", pytrace=False)
        run: Run = receiver.recv()
    except EOFError:
        pytest.fail(f"vocab {' '.join(args)} died (exit code {child.exitcode})", pytrace=False)
    finally:
        child.kill()
        child.join()
        receiver.close()
    return run


def _child(sender: Connection, args: list[str], env: dict[str, str | None]) -> None:
    sender.send(_invoke_here(args, env))
    sender.close()


@pytest.fixture(scope="module", autouse=True)
def _warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Load what reading a document loads (jieba, wordfreq, the dictionary) once, before the runs fork."""
    home = tmp_path_factory.mktemp("warm")
    env: dict[str, str | None] = {"VOCAB_HOME": str(home / "home"), "VOCAB_CACHE": str(home / "cache")}
    warm = _invoke_here(["list", "--format", "jsonl", "--no-cache", "--jobs", "1", str(GOOD)], env)
    assert warm.exit_code == 0 and GOOD_TERM in warm.stdout, warm.stderr


def _written(out: Path) -> dict[str, str]:
    """The text files under ``out`` (a deck's bytes as text), by relative path."""
    if not out.is_dir():
        return {}
    files = sorted(p for p in out.rglob("*") if p.is_file())
    return {str(p.relative_to(out)): p.read_bytes().decode("utf-8", "replace") for p in files}


def _check_good_was_used(kind: dict[str, Any], paths: dict[str, str], result: Run) -> None:
    command, out = kind["command"][0], Path(paths["out"])
    if command in ("extract", "inspect"):
        assert f'"source": {json.dumps(paths["good"])}' in result.stdout, "the good document was not read"
    elif command == "list":
        assert GOOD_TERM in result.stdout, "the good document's terms are not listed"
    elif command in ("build", "glossary"):
        assert (out / GOOD_GLOSSARY).is_file(), f"no glossary of the good document in {sorted(_written(out))}"
    elif command == "deck":
        decks = [name for name in _written(out) if name.endswith(".apkg")]
        assert decks, "no deck written"


@pytest.mark.parametrize("kind", _params())
def test_bad_input(kind: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _prepare(kind, tmp_path)
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")  # a default output (decks/, glossaries/) lands here, not in the repository
    args = [arg.format(**paths) for arg in kind["command"]]
    env: dict[str, str | None] = {"VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    env["VOCAB_DEBUG"] = None  # an internal error is reported as one line, as a user sees it
    result = _invoke(args, env, kind.get("timeout", TIMEOUT))
    everything = result.stdout + result.stderr
    assert "Traceback" not in everything
    if result.crash:
        pytest.fail(f"vocab crashed: {result.crash}", pytrace=False)
    lines = result.stderr.splitlines() or [""]
    assert (result.exit_code, lines[0]) == (kind["exit_code"], kind["stderr"].format(**paths)), result.stderr
    if "stderr_last" in kind:
        assert lines[-1] == kind["stderr_last"].format(**paths), result.stderr
    if kind.get("good", True):
        _check_good_was_used(kind, paths, result)
    written = _written(Path(paths["out"]))
    if kind.get("writes_nothing"):
        assert not written, f"wrote {sorted(written)}"
    for text in kind.get("never_in_output", []):
        assert text not in everything and not any(text in content for content in written.values()), text


def test_the_committed_bytes_are_what_make_py_makes() -> None:
    assert make.differing() == [], "run python tests/bad_inputs/make.py and commit tests/bad_inputs/files"


def test_every_kind_is_described_once() -> None:
    ids = [kind["id"] for kind in CATALOGUE]
    assert len(ids) == len(set(ids)) and len(ids) >= 45
    for kind in CATALOGUE:
        assert not ("file" in kind and "make" in kind), kind["id"]
        assert kind["command"][0] in ("extract", "inspect", "build", "list", "glossary", "deck"), kind["id"]
        assert kind["description"] and "\n" not in kind["description"], kind["id"]
        assert "file" not in kind or (HERE / kind["file"]).exists(), kind["id"]
        assert "make" not in kind or kind["make"] in make.MAKERS, kind["id"]


def test_the_readme_lists_every_kind() -> None:
    """The README's "When things go wrong" lists the catalogue, kind by kind."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## When things go wrong", 1)[1].split("\n## ", 1)[0]
    missing = [kind["id"] for kind in CATALOGUE if f"`{kind['id']}`" not in section]
    assert not missing, missing
