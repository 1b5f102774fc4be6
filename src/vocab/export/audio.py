"""Audio clips: the moment a term is said, cut from the episode's own audio, to hear on the back of its card.

A document's media is the file its front matter names (``media: audio/ep87.mp3``), a file with its stem beside
it (``ep87.txt`` and ``ep87.mp3``), or one in ``--media DIR`` by stem. A gloss with a time (a cue's start and
end) gets a clip: the cue, or where the cue is long, about ``WINDOW`` seconds around the term's estimated moment
(its place in the cue's English text, characters taken as time), each edge moved out to a pause the audio shows
(a short quiet gap) within ``PAUSE_REACH``. Clips are mono MP3 at 32 kbps, named by the note's GUID and the
window, so a rebuild whose source and window did not change finds its clip and cuts nothing. PyAV (FFmpeg in its
wheel) decodes and encodes; it is imported only when a document has media. A file it cannot read is one line
naming it, and the deck is written without it.
"""

from __future__ import annotations

import array
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..errors import SourceError, VocabError
from ..fileio import atomic_path
from ..identity import note_guid
from ..models import Document, Gloss, Term

MEDIA_SUFFIXES = (".mp3", ".m4a", ".opus", ".ogg", ".wav", ".flac", ".mp4", ".webm", ".mkv")
WINDOW = 6.0  # seconds around the term when its cue is longer
PAUSE_REACH = 1.0  # seconds an edge may move out to meet a pause
PAUSE = 0.15  # seconds of quiet that make a pause
RATE = 22_050  # Hz, mono: speech, and MP3's 32 kbps
BITRATE = 32_000
_FRAME = 0.02  # seconds per energy frame


@dataclass(frozen=True, slots=True)
class Clip:
    """One moment of one media file, and the name its MP3 takes."""

    media: Path
    start: float
    end: float
    name: str


@dataclass(frozen=True, slots=True)
class TermClip:
    """A note's clip: the MP3, and the gloss whose moment it is (a listening card shows that sentence)."""

    path: Path
    gloss: Gloss


def term_clips(
    terms: Iterable[Term],
    documents: Iterable[Document],
    media_dir: Path | None,
    folder: Path,
    on_error: Callable[[VocabError], None],
) -> dict[str, TermClip]:
    """Per note GUID, the clip of its term's first timed gloss in a document that has media, cut into ``folder``
    (none cut again that is there). No document with media: nothing is imported, nothing is cut."""
    named = {d.path: d.metadata.media for d in documents if d.metadata.media}
    media_of: dict[str, Path | None] = {}
    listings: dict[Path, frozenset[str] | None] = {}
    wanted: dict[str, tuple[Clip, Gloss]] = {}
    for term in terms:
        for gloss in term.glosses:
            if gloss.start is None:
                continue
            if gloss.source not in media_of:
                media_of[gloss.source] = find_media(gloss.source, media_dir, named.get(gloss.source), listings)
            media = media_of[gloss.source]
            clip = clip_for(gloss, media, note_guid(term.key)) if media else None
            if clip:
                wanted[note_guid(term.key)] = clip, gloss
                break
    made = cut((clip for clip, _ in wanted.values()), folder, on_error) if wanted else {}
    return {guid: TermClip(made[clip.name], gloss) for guid, (clip, gloss) in wanted.items() if clip.name in made}


# Players that take an MP3 on the command line and quit at its end, the first found on PATH plays.
PLAYERS = (
    ("mpv", "--no-video", "--really-quiet"),
    ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"),
    ("afplay",),
    ("mpg123", "-q"),
)


def play(clip: Path) -> str:
    """Start playing ``clip`` with the first player found, without waiting; say what happened."""
    import shutil
    import subprocess

    for name, *options in PLAYERS:
        program = shutil.which(name)
        if program:
            subprocess.Popen([program, *options, str(clip)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return f"Playing {clip.name} ({name})."
    return "No audio player found: install mpv or ffplay to hear clips here (Anki plays them on the cards)."


def media_state(documents: Iterable[Path], media_dir: Path | None) -> list[tuple[str, int, int]]:
    """The media files of ``documents`` with their sizes and times: what a build's clips depend on besides the
    documents (``cli.manifest`` fingerprints it, so adding an episode's audio rebuilds)."""
    listings: dict[Path, frozenset[str] | None] = {}
    found = (find_media(str(path), media_dir, listings=listings) for path in documents)
    return sorted((str(m), m.stat().st_size, m.stat().st_mtime_ns) for m in found if m is not None)


def find_media(
    document: str,
    media_dir: Path | None = None,
    named: str | None = None,
    listings: dict[Path, frozenset[str] | None] | None = None,
) -> Path | None:
    """The audio or video of ``document``: the file its front matter names (``named``, relative to it), else a
    file of the same stem beside it, else in ``media_dir``. ``listings``: the names in each folder, listed once
    for many documents (a library's thousand episodes asked the file system for nine names each)."""
    path = Path(document)
    if named and (path.parent / named).is_file():
        return path.parent / named
    for folder in (path.parent, *((media_dir,) if media_dir else ())):
        names = _listed(folder, listings) if listings is not None else None  # None: ask for each name
        if names is not None and path.stem.casefold() not in names:
            continue  # no media file of its stem here (most folders of a library hold none at all)
        for suffix in MEDIA_SUFFIXES:
            candidate = folder / f"{path.stem}{suffix}"
            if (names is None or candidate.name.casefold() in names) and candidate.is_file():
                return candidate
    return None


def _listed(folder: Path, listings: dict[Path, frozenset[str] | None]) -> frozenset[str] | None:
    """The names in ``folder`` of its media files, and their stems, casefolded (a file system may ignore case); None
    where it cannot be listed."""
    if folder not in listings:
        try:
            media = [name.casefold() for name in os.listdir(folder) if name.casefold().endswith(MEDIA_SUFFIXES)]
            listings[folder] = frozenset([*media, *(name.rsplit(".", 1)[0] for name in media)])
        except OSError:
            listings[folder] = None
    return listings[folder]


def clip_for(gloss: Gloss, media: Path, guid: str) -> Clip | None:
    """The clip of a gloss that has a time: its cue, or ``WINDOW`` seconds around the term in a long cue."""
    if gloss.start is None:
        return None
    start, end = gloss.start, gloss.end if gloss.end and gloss.end > gloss.start else gloss.start + WINDOW
    if end - start > WINDOW:
        middle = start + _share_before(gloss) * (end - start)
        start = max(start, min(middle - WINDOW / 2, end - WINDOW))
        end = start + WINDOW
    digest = hashlib.sha256(f"{guid}|{media.name}|{media.stat().st_size}|{start:.2f}|{end:.2f}".encode()).hexdigest()
    return Clip(media, start, end, f"vocab-{digest[:16]}.mp3")


def _share_before(gloss: Gloss) -> float:
    """Where the term stands in its cue, from 0 (its start) to 1 (its end): in the English cue beside it, else
    in its own sentence; the middle when neither has it."""
    for text in (gloss.segment_aligned, gloss.sentence):
        at = text.casefold().find(gloss.en.casefold()) if text else -1
        if text and at >= 0:
            return (at + len(gloss.en) / 2) / len(text)
    return 0.5


def cut(clips: Iterable[Clip], folder: Path, on_error: Callable[[VocabError], None]) -> dict[str, Path]:
    """Each clip's MP3 in ``folder`` by name: cut now unless it is there already. A media file that cannot be
    read is reported once, and its clips are left out."""
    made: dict[str, Path] = {}
    failed: set[Path] = set()
    for clip in clips:
        target = folder / clip.name
        if target.is_file():
            made[clip.name] = target
            continue
        if clip.media in failed:
            continue
        try:
            _encode(_window(clip), target)
        except (OSError, ValueError, RuntimeError, SourceError) as error:  # PyAV's errors are OSError/ValueError
            failed.add(clip.media)
            on_error(SourceError(str(clip.media), f"cannot cut audio from it ({error}): no clips from it"))
            continue
        made[clip.name] = target
    return made


def _window(clip: Clip) -> array.array[int]:
    """The clip's samples, its edges moved out to the nearest pause within ``PAUSE_REACH``."""
    samples = _decode(clip.media, max(0.0, clip.start - PAUSE_REACH), clip.end + PAUSE_REACH)
    offset = max(0.0, clip.start - PAUSE_REACH)
    first, last = int((clip.start - offset) * RATE), int((clip.end - offset) * RATE)
    if first >= len(samples):
        raise SourceError(str(clip.media), f"is shorter than the transcript: nothing at {clip.start:.1f} s")
    quiet = max(max(map(abs, samples), default=0) * 0.05, 1)  # 5 % of the loudest sample is a pause's ceiling
    first = _pause_near(samples, first, -1, quiet)
    last = _pause_near(samples, min(last, len(samples)), +1, quiet)
    return samples[first:last]


def _pause_near(samples: array.array[int], at: int, direction: int, quiet: float) -> int:
    """The middle of the nearest gap of ``PAUSE`` seconds no louder than ``quiet`` within ``PAUSE_REACH`` of ``at``,
    looking out (left for a start, right for an end); ``at`` itself when the audio shows none there."""
    step, need, reach = int(_FRAME * RATE), round(PAUSE / _FRAME), round(PAUSE_REACH / _FRAME)
    run = 0
    for k in range(reach):
        lo = at - (k + 1) * step if direction < 0 else at + k * step
        if lo < 0 or lo + step > len(samples):
            break
        run = run + 1 if max(map(abs, samples[lo : lo + step])) <= quiet else 0
        if run >= need:  # the gap is the last ``need`` frames looked at
            gap = lo if direction < 0 else lo - (need - 1) * step
            return gap + need * step // 2
    return at


def _decode(media: Path, start: float, end: float) -> array.array[int]:
    """Mono 16-bit samples at ``RATE`` from ``start`` to ``end`` seconds of ``media``."""
    import av

    samples: array.array[int] = array.array("h")
    with av.open(str(media)) as container:
        if not container.streams.audio:
            raise SourceError(str(media), "has no audio stream")
        stream = container.streams.audio[0]
        base = stream.time_base or Fraction(1, RATE)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        if start > 1:
            container.seek(int(start / base), stream=stream, backward=True)
        for frame in container.decode(stream):
            at = float(frame.pts * base) if frame.pts is not None else 0.0
            if at > end:
                break
            for mono in resampler.resample(frame):
                chunk = array.array("h", bytes(mono.planes[0])[: mono.samples * 2])
                begin = max(0, int((start - at) * RATE))
                samples.extend(chunk[begin:] if not samples else chunk)
        wanted = int((end - start) * RATE)
        return samples[:wanted]


def _encode(samples: array.array[int], target: Path) -> None:
    """``samples`` as a mono MP3 at ``BITRATE``, written whole or not at all."""
    import av

    if not samples:
        raise SourceError(str(target), "no audio in the window")
    with atomic_path(target) as tmp, av.open(str(tmp), "w", format="mp3") as out:
        stream = out.add_stream("mp3", rate=RATE, layout="mono")
        stream.bit_rate = BITRATE
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(samples))
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate, frame.pts, frame.time_base = RATE, 0, Fraction(1, RATE)
        for packet in (*stream.encode(frame), *stream.encode(None)):
            out.mux(packet)
