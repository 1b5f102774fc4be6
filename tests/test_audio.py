"""Clips of each term's moment, cut from the episode's own audio (issue 16): a synthetic track of tones and
silences with a subtitle file that matches it, made here with PyAV."""

from __future__ import annotations

import array
import contextlib
import math
import time
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab.cli import cli

av = pytest.importorskip("av")

RATE = 16_000
# (start, end, English, Chinese): the second cue is long (20 s), so its clip is a window around the term.
CUES = [
    (1.0, 4.0, "We use deep learning.", "我们用深度学习（deep learning）。"),
    (5.0, 25.0, "First some words, then more words, and at the end reinforcement learning.",
     "先说几句，再说几句，最后是强化学习（reinforcement learning）。"),
    (26.0, 29.0, "A cue with no gloss.", "一句没有注释的话。"),
]  # fmt: skip
# Speech is a tone; the pauses are silence: 0.4 s of it at 20.0 s, a place for the long cue's window to end.
SILENT = [(0.0, 1.0), (4.0, 5.0), (20.0, 20.4), (25.0, 26.0), (29.0, 30.0)]


def _track(path: Path, seconds: float = 30.0) -> None:
    samples = array.array("h")
    for i in range(int(seconds * RATE)):
        t = i / RATE
        quiet = any(a <= t < b for a, b in SILENT)
        samples.append(0 if quiet else int(6000 * math.sin(2 * math.pi * 220 * t)))
    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_s16le", rate=RATE, layout="mono")
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(samples))
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate, frame.pts, frame.time_base = RATE, 0, Fraction(1, RATE)
        for packet in (*stream.encode(frame), *stream.encode(None)):
            out.mux(packet)


def _video(path: Path, seconds: float = 30.0) -> None:
    """The same sound as ``_track`` in a video file: blank frames, and AAC (MP4) or Opus (WebM) audio."""
    video_codec, audio_codec, rate = {".mp4": ("mpeg4", "aac", 44_100), ".webm": ("libvpx", "libopus", 48_000)}[
        path.suffix
    ]
    loud = (not any(a <= i / rate < b for a, b in SILENT) for i in range(int(seconds * rate)))
    samples = array.array("f", (0.2 * math.sin(2 * math.pi * 220 * i / rate) * on for i, on in enumerate(loud)))
    with av.open(str(path), "w") as out:
        video = out.add_stream(video_codec, rate=5)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio = out.add_stream(audio_codec, rate=rate, layout="mono")
        for i in range(int(seconds * 5)):
            picture = av.VideoFrame(64, 48, "yuv420p")
            picture.pts = i
            for packet in video.encode(picture):
                out.mux(packet)
        frame = av.AudioFrame(format="flt", layout="mono", samples=len(samples))
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate, frame.pts, frame.time_base = rate, 0, Fraction(1, rate)
        for packet in (*audio.encode(frame), *audio.encode(None), *video.encode(None)):
            out.mux(packet)


def _srt() -> str:
    def stamp(seconds: float) -> str:
        return f"00:00:{int(seconds):02d},{int(round(seconds % 1 * 1000)):03d}"

    blocks = [f"{i}\n{stamp(a)} --> {stamp(b)}\n{en}\n{zh}\n" for i, (a, b, en, zh) in enumerate(CUES, start=1)]
    return "\n".join(blocks)


def _duration(path: Path) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return sum(frame.samples for frame in container.decode(stream)) / stream.rate


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "talk.srt").write_text(_srt(), encoding="utf-8")
    _track(docs / "talk.wav")
    return tmp_path


def _build(root: Path, *options: str) -> str:
    env = {"VOCAB_HOME": str(root / "home"), "VOCAB_CACHE": str(root / "cache")}
    args = ["build", str(root / "docs"), "--out", str(root / "g"), "--deck-out", str(root / "decks" / "vocab.apkg")]
    result = CliRunner().invoke(cli, [*args, *options], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_timed_term_gets_a_small_clip_of_its_moment(episode: Path) -> None:
    _build(episode)
    clips = sorted((episode / "decks" / "media").glob("*.mp3"))
    assert len(clips) == 2  # deep learning, reinforcement learning
    durations = sorted(_duration(clip) for clip in clips)
    # deep learning: its whole 3 s cue, widened to the silence on both sides (about 0.5 s each);
    # reinforcement learning: 6 s around its place at the end of a 20 s cue, its end moved out to the cue's end pause.
    assert durations[0] == pytest.approx(3.15, abs=0.5) and durations[1] == pytest.approx(6.1, abs=0.5)
    assert all(clip.stat().st_size < 60_000 for clip in clips)


@pytest.mark.parametrize("suffix", [".mp4", ".webm"])
def test_the_clips_come_from_a_video_as_well(episode: Path, suffix: str) -> None:
    (episode / "docs" / "talk.wav").unlink()
    _video(episode / "docs" / f"talk{suffix}")
    _build(episode)
    durations = sorted(_duration(clip) for clip in (episode / "decks" / "media").glob("*.mp3"))
    assert durations == [pytest.approx(3.15, abs=0.5), pytest.approx(6.1, abs=0.5)]


def test_a_rebuild_cuts_no_clip_again(episode: Path) -> None:
    _build(episode)
    clips = {p: p.stat().st_mtime_ns for p in (episode / "decks" / "media").glob("*.mp3")}
    (episode / "docs" / "talk.srt").write_text(_srt() + "\n", encoding="utf-8")  # a rebuild that reads again
    _build(episode)
    assert {p: p.stat().st_mtime_ns for p in (episode / "decks" / "media").glob("*.mp3")} == clips


def test_media_that_cannot_be_read_is_one_line_and_the_deck_is_still_written(episode: Path) -> None:
    (episode / "docs" / "talk.wav").write_bytes(b"RIFF not really a wave file" * 10)
    output = _build(episode)
    assert "talk.wav: cannot cut audio from it" in output
    assert (episode / "decks" / "vocab.apkg").is_file()
    assert not list((episode / "decks" / "media").glob("*.mp3"))


def test_listening_cards_without_any_audio_say_where_it_goes(episode: Path) -> None:
    (episode / "docs" / "talk.wav").unlink()
    output = _build(episode, "--cards", "en-zh,listen")
    assert "no listening cards: no episode's audio was found (put ep.mp3 beside ep.txt, or use --media DIR)" in output
    assert "listening cards" not in _build(episode, "--cards", "en-zh,zh-en")  # not asked for: not mentioned


def test_without_media_nothing_changes_and_adding_it_later_makes_clips(episode: Path) -> None:
    (episode / "docs" / "talk.wav").rename(episode / "talk.wav")
    _build(episode)
    assert not (episode / "decks" / "media").exists()
    (episode / "talk.wav").rename(episode / "docs" / "talk.wav")  # the audio arrives: no longer up to date
    assert "up to date" not in _build(episode)
    assert len(list((episode / "decks" / "media").glob("*.mp3"))) == 2


def test_a_build_that_finds_no_audio_keeps_the_clips_the_last_one_cut(episode: Path) -> None:
    """The episode's audio moved away (or `--media` left out): the deck kept no clip, and an import into Anki emptied
    every note's Sound field (new-user report 10, item 1). The clips cut before are still there: the notes keep them."""
    import zipfile

    _build(episode)
    deck = episode / "decks" / "vocab.apkg"
    with zipfile.ZipFile(deck) as package:
        before = sorted(name for name in package.namelist() if name.isdigit())
    assert len(before) == 2  # the two clips, as Anki's numbered media
    (episode / "docs" / "talk.wav").rename(episode / "talk.wav")
    (episode / "docs" / "talk.srt").write_text(_srt() + "\n", encoding="utf-8")  # a rebuild that reads again
    _build(episode)
    with zipfile.ZipFile(deck) as package:
        assert sorted(name for name in package.namelist() if name.isdigit()) == before
    for clip in (episode / "decks" / "media").glob("*.mp3"):
        clip.unlink()  # nothing left to reuse: the notes go without, as before
    (episode / "docs" / "talk.srt").write_text(_srt() + "\n\n", encoding="utf-8")
    _build(episode)
    with zipfile.ZipFile(deck) as package:
        assert not [name for name in package.namelist() if name.isdigit()]


@contextlib.contextmanager
def _collection(episode: Path):  # type: ignore[no-untyped-def]
    """A new Anki collection with the episode's deck imported; closed afterwards."""
    anki_collection = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    collection = anki_collection.Collection(str(episode / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(episode / "decks" / "vocab.apkg"), options=ImportAnkiPackageOptions()
        )
        collection.import_anki_package(request)
        yield collection
    finally:
        collection.close()


def test_the_clip_plays_on_the_back_of_its_card_in_anki(episode: Path) -> None:
    _build(episode)
    with _collection(episode) as collection:
        media = Path(collection.media.dir())
        note = collection.get_note(collection.find_notes('"English:deep learning"')[0])
        name = note["Sound"].removeprefix("[sound:").removesuffix("]")
        assert (media / name).is_file()
        assert {card.template()["name"] for card in note.cards()} == {"English → 中文", "中文 → English", "Cloze"}
        for card in note.cards():  # on every back, on no front
            assert name in str(card.answer_av_tags()) and name not in str(card.question_av_tags())


def test_a_build_says_every_note_got_a_listening_card(episode: Path) -> None:
    assert "listening cards for all 2 notes" in _build(episode, "--cards", "en-zh,listen")


def test_a_build_without_listening_cards_says_which_notes_play_their_moment(episode: Path) -> None:
    """New-user report 11: the clips were cut and put on the backs without a word."""
    (episode / "docs" / "notes.md").write_text("我们也用迁移学习（transfer learning）。\n", encoding="utf-8")
    assert "2 of 3 notes play their moment from the episode's audio (--cards …,listen adds" in _build(episode)


def test_a_listening_card_plays_the_moment_and_asks_for_the_term(episode: Path) -> None:
    # a second document without audio: its term has no clip, so no listening card
    (episode / "docs" / "notes.md").write_text("我们也用迁移学习（transfer learning）。\n", encoding="utf-8")
    output = _build(episode, "--cards", "en-zh,listen")
    assert "listening cards for 2 of 3 notes: the others' episodes have no audio beside them" in output
    with _collection(episode) as collection:
        listening = [collection.get_card(c) for c in collection.find_cards('"card:Listen"')]
        assert sorted(card.note()["English"] for card in listening) == ["deep learning", "reinforcement learning"]
        card = next(card for card in listening if card.note()["English"] == "reinforcement learning")
        name = card.note()["Sound"].removeprefix("[sound:").removesuffix("]")
        assert [tag.filename for tag in card.question_av_tags()] == [name]  # heard on the front, once
        assert not card.answer_av_tags()[1:]  # and not again from the back's footer
        front = card.question()
        assert 'and at the end <span class="gap">[…]</span>.' in front  # the English it says, the term a gap
        assert "reinforcement learning" not in front and "强化学习" not in front
        assert "reinforcement learning" in card.answer() and "强化学习" in card.answer()
        assert not collection.find_cards('"English:transfer learning" card:Listen')


def test_a_media_key_in_front_matter_names_the_audio(tmp_path: Path) -> None:
    from vocab.export.audio import find_media
    from vocab.sources import read_document

    (tmp_path / "audio").mkdir()
    _track(tmp_path / "audio" / "ep7-final.wav", seconds=2.0)
    doc = tmp_path / "ep7-notes.md"
    notes = "---\ntitle: Ep 7\nmedia: audio/ep7-final.wav\n---\n\n深度学习（deep learning）。\n"
    doc.write_text(notes, encoding="utf-8")
    document = read_document(doc)
    assert document.metadata.media == "audio/ep7-final.wav"
    assert find_media(str(doc), None, document.metadata.media) == tmp_path / "audio" / "ep7-final.wav"
    assert find_media(str(doc)) is None  # no file of its stem beside it


def test_media_found_from_folder_listings_is_what_asking_for_each_name_finds(tmp_path: Path) -> None:
    """A library's documents share a few folders, listed once: the same file is found as by asking for each
    name, a folder named like an audio file is still no audio, and ``--media`` is looked in after the folder."""
    from vocab.export.audio import find_media, media_state

    docs, elsewhere = tmp_path / "docs", tmp_path / "audio"
    docs.mkdir()
    elsewhere.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (docs / name).write_text("深度学习（deep learning）。\n", encoding="utf-8")
    (docs / "a.ogg").write_bytes(b"")
    (docs / "b.mp3").mkdir()  # a folder, not audio
    (elsewhere / "b.wav").write_bytes(b"")
    (elsewhere / "c.m4a").write_bytes(b"")
    listings: dict[Path, frozenset[str] | None] = {}
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        asked = find_media(str(docs / name), elsewhere)
        assert find_media(str(docs / name), elsewhere, listings=listings) == asked
    assert [find_media(str(docs / n), elsewhere, listings=listings) for n in ("a.txt", "b.txt", "d.txt")] == [
        docs / "a.ogg",
        elsewhere / "b.wav",
        None,
    ]
    assert set(listings) == {docs, elsewhere}  # each folder listed once, for all four documents
    found = [entry[0] for entry in media_state([docs / n for n in ("a.txt", "b.txt", "c.txt", "d.txt")], elsewhere)]
    assert found == sorted(map(str, [docs / "a.ogg", elsewhere / "b.wav", elsewhere / "c.m4a"]))


def test_p_in_a_review_plays_the_terms_clip_or_says_why_not(episode: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`p` cuts the clip into decks/media (when the audio is there) and plays it with the first player on PATH,
    or says that none is found; a term whose episode has no audio says so."""
    monkeypatch.chdir(episode)
    monkeypatch.setenv("PATH", str(episode / "no-players"))
    env = {"VOCAB_HOME": str(episode / "home"), "VOCAB_CACHE": str(episode / "cache")}
    review = ["review", "docs", "--now", "2026-11-30T12:00:00+00:00"]
    result = CliRunner().invoke(cli, review, input="pq", env=env)
    assert result.exit_code == 0, result.output
    assert "No audio player found: install mpv or ffplay" in result.output
    assert len(list((episode / "decks" / "media").glob("*.mp3"))) == 1  # cut for the card on screen
    (episode / "docs" / "notes.md").write_text("我们也用迁移学习（transfer learning）。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [*review, "--document", "notes"], input="pq", env=env)
    assert "No clip for this term: its episode's audio is not beside its transcript." in result.output
    (episode / "docs" / "talk.wav").unlink()  # no audio anywhere: `p` is not offered
    result = CliRunner().invoke(cli, review, input="pq", env=env)
    assert "p play" not in result.output and "No clips here: no episode has its audio beside it." in result.output


def test_p_plays_with_the_first_player_found(episode: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    players = episode / "bin"
    players.mkdir()
    (players / "mpv").write_text(f'#!/bin/sh\necho "$@" > {episode / "played"}\n')
    (players / "mpv").chmod(0o755)
    monkeypatch.chdir(episode)
    monkeypatch.setenv("PATH", str(players))
    env = {"VOCAB_HOME": str(episode / "home"), "VOCAB_CACHE": str(episode / "cache")}
    result = CliRunner().invoke(cli, ["review", "docs", "--now", "2026-11-30T12:00:00+00:00"], input="pq", env=env)
    assert result.exit_code == 0 and "(mpv)" in result.output, result.output
    for _ in range(50):  # the player is started, not waited for
        if (episode / "played").exists():
            break
        time.sleep(0.05)
    assert "--no-video" in (episode / "played").read_text() and ".mp3" in (episode / "played").read_text()


def test_audio_a_front_matter_names_arriving_later_makes_a_new_build(tmp_path: Path) -> None:
    """The build that found no audio under the `media:` name is not "up to date" once the file is there."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "talk.srt").write_text(_srt(), encoding="utf-8")
    notes = "---\ntitle: Talk notes\nmedia: audio/talk-final.wav\n---\n\n深度学习（deep learning）。\n"
    (docs / "notes.md").write_text(notes, encoding="utf-8")
    _build(tmp_path)
    assert "up to date" in _build(tmp_path)
    (docs / "audio").mkdir()
    _track(docs / "audio" / "talk-final.wav", seconds=3.0)
    assert "up to date" not in _build(tmp_path)


def test_a_deck_of_listening_cards_only_with_no_audio_is_not_written(tmp_path: Path) -> None:
    (tmp_path / "ep.txt").write_text("我们用梯度下降（gradient descent）。\n", encoding="utf-8")
    out = tmp_path / "listen.apkg"
    args = ["deck", str(tmp_path / "ep.txt"), "--cards", "listen", "--out", str(out)]
    result = CliRunner().invoke(cli, args, env={"VOCAB_HOME": str(tmp_path)})
    assert result.exit_code == 1 and "no listening cards" in result.stderr and "nothing written" in result.stderr
    assert not out.exists()


def test_a_deck_of_listening_cards_only_leaves_out_the_terms_without_a_clip(episode: Path) -> None:
    """A note with no clip has no listening card: such a deck held 55 notes and 22 cards (new-user report 10)."""
    (episode / "docs" / "notes.md").write_text("我们还谈到了知识蒸馏（knowledge distillation）。\n", encoding="utf-8")
    out = episode / "listen.apkg"
    args = ["deck", str(episode / "docs"), "--cards", "listen", "--out", str(out)]
    result = CliRunner().invoke(cli, args, env={"VOCAB_HOME": str(episode / "home")})
    assert result.exit_code == 0, result.output
    assert "Warning: 1 term left out: its episode has no audio, and listening is the only card" in result.stderr
    assert f"{out}: 2 notes from 2 documents" in result.stdout  # deep learning, reinforcement learning


def test_a_deck_that_leaves_a_default_card_type_out_says_what_that_does(tmp_path: Path) -> None:
    (tmp_path / "ep.txt").write_text("我们用梯度下降（gradient descent）。\n", encoding="utf-8")
    args = ["deck", str(tmp_path / "ep.txt"), "--cards", "cloze", "--out", str(tmp_path / "cloze.apkg")]
    result = CliRunner().invoke(cli, args, env={"VOCAB_HOME": str(tmp_path)})
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: no en-zh, zh-en cards: imported into a collection that has them")


def test_a_listening_card_hides_the_acronym_the_sentence_gives_beside_the_term(tmp_path: Path) -> None:
    """`a derailleur alignment gauge, DAG for short`: the answer is `derailleur alignment gauge (DAG)`, so the front
    hides the acronym too, not only the words it blanks."""
    docs = tmp_path / "docs"
    docs.mkdir()
    cue = (
        "1\n00:00:01,000 --> 00:00:04,000\nScrew in a derailleur alignment gauge, DAG for short, first.\n"
        "先拧上吊耳校正尺（derailleur alignment gauge，DAG）。\n"
    )
    (docs / "shop.srt").write_text(cue, encoding="utf-8")
    _track(docs / "shop.wav", seconds=5.0)
    _build(tmp_path, "--cards", "en-zh,listen")
    with _collection(tmp_path) as collection:
        (card,) = [collection.get_card(c) for c in collection.find_cards('"card:Listen"')]
        front = card.question()
        assert '<span class="gap">[…]</span>' in front and "DAG" not in front and "alignment" not in front
