"""Reading text in whatever encoding learners' files come in, and writing files whole or not at all."""

from __future__ import annotations

import codecs
import contextlib
import errno
import glob
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import EmptyDocument, SourceError, StoreError

# UTF-32 LE starts with the UTF-16 LE mark, so it is tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# What GB18030 text decodes to: CJK ideographs and punctuation, full-width forms, general
# punctuation (“ ” — …), the middle dot. Bytes in another legacy encoding (Latin-1, Shift-JIS)
# that happen to decode as GB18030 land mostly elsewhere, in rare ideographs or private use.
_GB_PLAUSIBLE = re.compile(r"[\u00b7\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


MAX_DOCUMENT_MB = 50  # a document larger than this is refused (``--max-size``): no transcript is that long
# Terminal escape sequences whole (CSI `ESC [ … m`, OSC `ESC ] … BEL` within its line and ended, two-character
# escapes), then any other control character of C0 and C1 (tab and line ends aside): a stray C1 byte that opens an OSC
# (\x9d) with no end took the rest of the file with it.
_CONTROL = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\\\|\x9c)|\x1b[@-Z\\\\-_]"
    "|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_ANY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # a tenth of the cost: most text has none


def document_bytes(path: str | os.PathLike[str], max_mb: float = MAX_DOCUMENT_MB) -> bytes:
    """The bytes of the document at ``path``; a SourceError for anything but a regular file of at most ``max_mb``
    (a FIFO would hang the read, a link to /dev/zero would fill the memory)."""
    name = str(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise SourceError(name, f"is a link to {os.readlink(path)}, which does not exist") from None
        raise SourceError(name, "no such file") from None
    except OSError as exc:
        raise SourceError(name, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(status.st_mode):
        if not os.access(path, os.R_OK | os.X_OK):
            raise SourceError(name, "a folder vocab may not read (permission denied): its documents were skipped")
        raise SourceError(name, "is a directory, not a document")
    if not stat.S_ISREG(status.st_mode):
        raise SourceError(name, "not a regular file (a pipe, a device or a socket): skipped")
    if status.st_size > max_mb * 1024 * 1024:
        size = status.st_size / 1024 / 1024
        shown = f"{size:.1f}" if size >= 0.1 else f"{size:.2g}"  # never "0.0 MB, over the 0.0017 MB limit"
        raise SourceError(name, f"{shown} MB, over the {max_mb:g} MB limit of --max-size")
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(name, f"cannot read: {exc.strerror or exc}") from None


def read_text(path: str | os.PathLike[str], max_mb: float = MAX_DOCUMENT_MB) -> tuple[str, str]:
    """Read ``path`` as text with ``\\n`` line ends and no control characters; return ``(text, encoding)``.

    Raises SourceError, naming the file and line, for a missing path, a folder, a special or oversized file
    (``document_bytes``), an empty or binary file, or bytes that are neither UTF-8 (with or without BOM),
    UTF-16/32 with BOM (or UTF-16 without), nor GB18030/GBK nor Big5. Control characters (a terminal's escape
    sequences among them) are removed: they would reach the learner's terminal and cards.
    """
    data = document_bytes(path, max_mb)
    text, encoding = decode_bytes(data, str(path))
    return cleaned_text(text), encoding


def cleaned_text(text: str) -> str:
    """``text`` with ``\n`` line ends and no control characters."""
    text = normalize_newlines(text)
    return _CONTROL.sub("", text) if _ANY_CONTROL.search(text) else text


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data``, trying the byte-order mark, UTF-16 without one, then UTF-8, GB18030 and Big5."""
    if not data.strip():
        raise EmptyDocument(name, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _bad_after_bom(name, data, bom, encoding, exc) from None
    for magic, kind, hint in _FILE_KINDS:
        if data.startswith(magic):
            raise SourceError(name, f"looks like {kind}, not a text document" + (f"; {hint}" if hint else ""))
    if b"\x00" in data[:8192]:
        if (order := _utf16_order(data[:8192])) is not None:
            try:  # some programs leave the mark out (learner's trial 61: a teacher cannot tell it from UTF-8)
                return data.decode(order), order
            except UnicodeDecodeError:
                raise SourceError(
                    name, "looks like UTF-16 text without a byte-order mark but is not; save the file as UTF-8"
                ) from None
        raise SourceError(name, "looks like a binary file (it has NUL bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    unusual = [ch for ch in text if ord(ch) > 0x7F and not _GB_PLAUSIBLE.match(ch)]
    if text and len(unusual) <= 0.05 * sum(ord(ch) > 0x7F for ch in text) and _common_chinese(text):
        return text, "gb18030"
    traditional = _big5(data)
    if traditional is not None:
        return traditional, "big5"
    line = data.count(b"\n", 0, utf8_error.start) + 1
    byte = data[utf8_error.start]
    problem = f"cannot decode byte 0x{byte:02x} as UTF-8, GB18030 or Big5; save the file as UTF-8"
    raise SourceError(name, problem, line=line)


def _bad_after_bom(name: str, data: bytes, bom: bytes, encoding: str, exc: UnicodeDecodeError) -> SourceError:
    """What is wrong with text after its byte-order mark: cut short, or a byte that is not of its encoding."""
    label = encoding.upper().removesuffix("-SIG")
    if "truncated" in exc.reason:
        return SourceError(name, f"{label} text cut short in the middle of a character; save the file again")
    where = len(bom) + exc.start if encoding == "utf-8-sig" else exc.start
    line = data.count(b"\n", 0, where) + 1 if encoding == "utf-8-sig" else None
    problem = f"invalid {label} after its byte-order mark (byte 0x{data[where]:02x}); save the file as UTF-8"
    return SourceError(name, problem, line=line)


# What a file is, by how it begins, where that is no text: said rather than a byte that does not decode.
_SAVE_AS_TEXT = "save its text as .txt or .md"
_FILE_KINDS = (  # first bytes, what they make the file, what to do
    (b"%PDF-", "a PDF file", "export its text as .txt or .md"),
    (
        b"PK\x03\x04",
        "a ZIP archive (a .docx, .epub or .zip)",
        "unzip an export (Notion's is a folder of .md files); name a document by its kind (.docx, .odt, .pptx, .epub)",
    ),
    (b"\xd0\xcf\x11\xe0", "an old or password-protected Office file (.doc, .ppt)", "save it as .docx or .pptx"),
    (b"\x7fELF", "a program (ELF)", ""),
)


def _utf16_order(head: bytes) -> str | None:
    """The UTF-16 codec ``head`` is written in without its mark, if it is: the NUL bytes mostly on one side of each
    pair, as the high byte of ASCII is (every other byte in English; in Chinese only its spaces, digits and line ends,
    and the low byte of a character such as 一, U+4E00, on the other side), and the whole printable text read so (a
    program's zero-padded headers are NULs on both sides)."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if min(even, odd) > 0.25 * max(even, odd):
        return None
    order = "utf-16-le" if odd >= even else "utf-16-be"
    text = head[: pairs * 2].decode(order, errors="replace")
    return order if sum(ch.isprintable() or ch in "\t\n\r" for ch in text) >= 0.95 * len(text) else None


def _big5(data: bytes) -> str | None:
    """``data`` read as Big5 (Taiwan's, with Hong Kong's characters), where most of its ideographs are Big5's
    5,401 frequent ones (its first level): GB18030 or Shift-JIS bytes read as Big5 land in the rare ones as often."""
    try:
        text = data.decode("big5hkscs")
    except UnicodeDecodeError:
        return None
    ideographs = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    frequent = sum(1 for ch in ideographs if _BIG5_FREQUENT[0] <= ch.encode("big5hkscs") <= _BIG5_FREQUENT[1])
    return text if ideographs and frequent >= 0.8 * len(ideographs) else None


_BIG5_FREQUENT = (b"\xa4\x40", b"\xc6\x7e")  # the first and last of Big5's frequent ideographs


def _common_chinese(text: str) -> bool:
    """Text read as GB18030 is Chinese people write: most of its ideographs in GB2312's 6,763 common ones.
    Shift-JIS or Big5 bytes read as GB18030 land mostly in rare ones."""
    ideographs = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not ideographs:
        return True
    common = sum(1 for ch in ideographs if _in_gb2312(ch))
    return common >= 0.8 * len(ideographs)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF, so lines count the same whatever the file's origin.

    >>> normalize_newlines("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


# The file a glossary folder of vocab's holds (the last build's terms): a folder walk leaves such a folder out, or
# `vocab list .` after `vocab build .` would read the glossaries it wrote as documents.
OUTPUT_MARKER = ".vocab-terms.json"
STALE_SECONDS = 600  # a temporary file of ours this old was left by a killed write


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], sweep: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it over ``target``.

    A crash or exception leaves ``target`` as it was: an output is written whole or not at all. An error
    of the operating system (a full disk, a read-only folder, no permission, a name too long) is a StoreError
    of one line that says what to do, and no temporary file stays behind; those a killed write left (older
    than ``STALE_SECONDS``) are removed, unless ``sweep`` is False because the caller swept the folder once
    for many files (``remove_stale_in``: a look per file made writing a thousand glossaries quadratic).
    """
    target = writable_target(Path(target))
    make_folder(target.parent)
    if sweep:
        _remove_stale(target.parent, f".{glob.escape(target.name)}.*.tmp")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the output is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def writable_target(target: Path) -> Path:
    """Where writing ``target`` puts the file: through a symbolic link to what it points at (the link stays);
    a StoreError where a folder, a device, a pipe or a socket stands there, which a rename would replace, or where
    the name cannot be (``check_name``)."""
    check_name(target)
    try:
        if target.is_symlink():
            target = target.resolve()
        if target.is_dir():
            raise StoreError(str(target), "is a folder: give a file name")
        if target.exists() and not target.is_file():
            raise StoreError(str(target), "is not a regular file (a device, a pipe or a socket): not overwritten")
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    return target


def check_folder(folder: Path) -> None:
    """A StoreError naming the file that stands where ``folder`` or one of its parents would be, if one does, or
    naming the folder where its name cannot be (checked before anything is written, so that a run writes all of
    its outputs or none, and makes no folder for a name it cannot write)."""
    check_name(folder)
    try:
        in_the_way = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    if in_the_way is not None:
        raise StoreError(str(in_the_way), "is a file, not a folder: choose another place to write")
    _check_writable(folder)


def _check_writable(folder: Path) -> None:
    """A StoreError where ``folder``, or the nearest folder above it that is there, cannot be written in (a read-only
    file system, no permission): known before anything is written, so that a build whose glossaries cannot be written
    leaves the deck as it was too."""
    there = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if there is None or os.access(there, os.W_OK | os.X_OK):
        return
    read_only = False
    with contextlib.suppress(OSError, AttributeError):  # no statvfs on Windows
        read_only = bool(os.statvfs(there).f_flag & os.ST_RDONLY)
    code = errno.EROFS if read_only else errno.EACCES
    raise _cannot_write(folder, OSError(code, os.strerror(code)))


NAME_MAX = 255  # bytes in one file or folder name, on the file systems vocab writes to (ext4, APFS, NTFS)


def check_name(path: Path) -> None:
    """A StoreError where a part of ``path`` is longer than a file system allows, before anything is made."""
    if any(len(os.fsencode(part)) > NAME_MAX for part in path.parts):
        raise _cannot_write(path, OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG)))


def make_folder(folder: Path) -> None:
    """``folder`` and its parents, made where missing; a StoreError naming the file in the way, if one is."""
    check_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise StoreError(str(folder), "is a file, not a folder: choose another place to write") from None
    except OSError as exc:
        raise _cannot_write(folder, exc) from None


_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and run it again",
    errno.EROFS: "the file system is read-only: choose another place to write",
    errno.EACCES: "permission denied: choose another place to write, or make the folder writable",
    errno.EPERM: "permission denied: choose another place to write, or make the folder writable",
    errno.ENAMETOOLONG: "the name is too long: choose a shorter one",
    errno.EDQUOT: "the disk quota is used up: free some space and run it again",
}


def _cannot_write(path: Path, exc: OSError) -> StoreError:
    """One line for an OS error on writing: what happened and what to do; the old file is intact."""
    what = exc.strerror or str(exc)
    advice = _ADVICE.get(exc.errno or 0, "the old file, if any, is unchanged")
    return StoreError(str(path), f"cannot be written ({what}): {advice}")


def remove_stale_in(folder: Path) -> None:
    """Remove the temporary files killed writes left in ``folder``, of any file (see ``atomic_path``; mkstemp's
    part of the name is eight characters)."""
    _remove_stale(folder, ".*.????????.tmp")


def _remove_stale(folder: Path, pattern: str) -> None:
    """Remove the temporary files of ours matching ``pattern`` in ``folder`` that a killed write left (another
    writer's, younger than ``STALE_SECONDS``, stay)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > STALE_SECONDS:
                    leftover.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def written_together() -> Iterator[Callable[[Path, str], None]]:
    """Files written whole and together: ``write(target, content)`` puts each in a temporary file beside it (not one
    that holds ``content`` already: a rebuild rewrites only what changed), renamed over its target only when the
    block ends, one after another. A build stopped while it makes its glossaries (Ctrl-C, an error) leaves the folder
    as the last build left it, not part new and part old (new-user report 17); should the block fail, no file is
    written. The caller has swept the folders (``remove_stale_in``)."""
    with contextlib.ExitStack() as renames:

        def write(target: Path, content: str) -> None:
            data = content.encode("utf-8")
            if _holds(target, data):
                return
            tmp = renames.enter_context(atomic_path(target, sweep=False))
            try:
                tmp.write_bytes(data)
            except OSError as exc:  # said of this file here, not of each one written before it
                raise _cannot_write(target, exc) from None

        yield write


def _holds(target: Path, data: bytes) -> bool:
    """``target`` holds ``data`` already (not there, or unreadable: it does not)."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def atomic_write(target: str | os.PathLike[str], content: str | bytes, sweep: bool = True) -> None:
    """Write ``content`` (text as UTF-8) to ``target`` through a temporary file and a rename."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(target, sweep) as tmp:
        tmp.write_bytes(data)
