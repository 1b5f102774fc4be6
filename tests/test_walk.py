"""A folder that cannot be listed (no read permission) is one error naming it, and the documents beside it are read.

Permissions do not stop root, so the folder's refusal is made by the operating system's listing call here; the bad-
input catalogue checks the same with real permissions where the tests do not run as root."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import vocab
from vocab.cli import cli
from vocab.corpus import document_paths
from vocab.errors import SameText


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A folder with a readable document and a subfolder whose listing is refused."""
    (tmp_path / "talk.md").write_text("我们用梯度下降（gradient descent）来训练。\n", encoding="utf-8")
    private = tmp_path / "private"
    private.mkdir()
    (private / "notes.md").write_text("这里讲注意力机制（attention mechanism）。\n", encoding="utf-8")
    listing = os.scandir

    def refusing(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == private:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(private))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refusing)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != private and real_access(p, mode))
    return tmp_path, private


def test_the_walk_keeps_a_folder_it_cannot_list(library: tuple[Path, Path]) -> None:
    folder, private = library
    assert document_paths([folder]) == [folder / "talk.md", private]


def test_the_folder_is_one_error_and_the_others_are_read(library: tuple[Path, Path], tmp_path_factory) -> None:
    folder, private = library
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(cli, ["list", "--format", "jsonl", str(folder)], env={"VOCAB_HOME": str(home)})
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"Error: {private}: a folder vocab may not read (permission denied)" in result.output
    assert '"gradient descent"' in result.output


def test_the_walk_leaves_out_hidden_files_but_reads_one_named(tmp_path: Path) -> None:
    """An editor's lock link to nowhere (`.#talk.md`, Emacs) and a learner's hidden word list are no documents of a
    folder; named on the command line, a hidden file is read."""
    (tmp_path / "talk.md").write_text("我们用梯度下降（gradient descent）来训练。\n", encoding="utf-8")
    (tmp_path / ".#talk.md").symlink_to("root@host.4242:1733170000")
    (tmp_path / ".known-words.txt").write_text("梯度下降\n", encoding="utf-8")
    assert document_paths([tmp_path]) == [tmp_path / "talk.md"]
    assert document_paths([tmp_path / ".known-words.txt"]) == [tmp_path / ".known-words.txt"]
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--deck-out", "-"])
    assert result.exit_code == 0, result.output


def test_a_link_to_a_document_read_already_is_that_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("我们用梯度下降（gradient descent）来训练。\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link.txt").symlink_to("../a.txt")
    (tmp_path / "z.txt").write_text("还有注意力（attention）。\n", encoding="utf-8")
    assert document_paths([tmp_path / "z.txt", tmp_path]) == [tmp_path / "z.txt", tmp_path / "a.txt"]


def test_a_linked_folder_is_walked_once_and_its_documents_keep_their_own_names(tmp_path: Path) -> None:
    real = tmp_path.resolve()  # names through no link, as the walk prefers them
    (real / "docs" / "real").mkdir(parents=True)
    (real / "other").mkdir()
    (real / "docs" / "real" / "ep1.txt").write_text("我们用梯度下降（gradient descent）来训练。\n", encoding="utf-8")
    (real / "other" / "ep2.txt").write_text("还有注意力（attention）。\n", encoding="utf-8")
    (real / "docs" / "a-link").symlink_to("real")  # walked before real/, which names ep1.txt through no link
    (real / "docs" / "ext").symlink_to("../other")  # a folder outside, linked in: its documents are read
    (real / "docs" / "real" / "loop").symlink_to("..")  # a loop: the walk ends
    assert document_paths([real / "docs"]) == [real / "docs" / "real" / "ep1.txt", real / "docs" / "ext" / "ep2.txt"]


def test_an_episode_saved_again_under_another_name_is_read_once(tmp_path: Path) -> None:
    """Learner's trial 56, item 1: a byte-identical copy (`第7期 (副本).txt`) doubled every count and wrote a second
    glossary; the copy became the source of the terms. The shorter name is read, the copy said and skipped."""
    episode = "我们用梯度下降（gradient descent）来训练，梯度下降（gradient descent）每一步都很小。\n"
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "ep7.md").write_text(episode, encoding="utf-8")
    twice = tmp_path / "twice"
    twice.mkdir()
    (twice / "ep7.md").write_text(episode, encoding="utf-8")
    (twice / "Ep7 (副本).md").write_text(episode, encoding="utf-8")

    once, copied = vocab.load_corpus([alone]), vocab.load_corpus([twice])

    assert [Path(d.path).name for d in copied.documents] == ["ep7.md"]
    counted = [[(t.en, t.count, len(t.documents)) for t in corpus.terms] for corpus in (once, copied)]
    assert counted[0] == counted[1] and counted[0]
    (skipped,) = copied.skipped
    assert isinstance(skipped, SameText) and str(skipped).startswith(str(twice / "Ep7 (副本).md"))
    assert str(twice / "ep7.md") in str(skipped)
    result = CliRunner().invoke(cli, ["list", str(twice)])
    assert result.exit_code == 0 and "the same text as" in result.stderr and "skipped" in result.stderr
