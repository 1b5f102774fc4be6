"""Time cutting audio clips: a 60-minute synthetic episode (a tone with pauses, made here with PyAV) and 200 terms.

    .venv/bin/python benchmarks/bench_audio.py

Prints the time to cut the 200 clips, the time of a second pass (every clip already there), and their sizes.
"""

from __future__ import annotations

import array
import math
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

from vocab.export.audio import Clip, cut

RATE = 16_000
MINUTES = 60
TERMS = 200


def _episode(path: Path) -> None:
    """An hour of mono audio: 8 s of tone, then 0.5 s of silence, over and over (written a minute at a time)."""
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_s16le", rate=RATE, layout="mono")
        for minute in range(MINUTES):
            samples = array.array("h")
            for i in range(60 * RATE):
                t = minute * 60 + i / RATE
                samples.append(0 if t % 8.5 >= 8.0 else int(5000 * math.sin(2 * math.pi * 200 * t)))
            frame = av.AudioFrame(format="s16", layout="mono", samples=len(samples))
            frame.planes[0].update(samples.tobytes())
            frame.sample_rate, frame.pts, frame.time_base = RATE, minute * 60 * RATE, Fraction(1, RATE)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        media = folder / "episode.wav"
        start = time.perf_counter()
        _episode(media)
        made_in, size = time.perf_counter() - start, media.stat().st_size / 1e6
        print(f"made a {MINUTES}-minute episode in {made_in:.1f} s ({size:.0f} MB)")
        step = MINUTES * 60 / TERMS
        clips = [Clip(media, k * step + 1.0, k * step + 7.0, f"clip-{k:03d}.mp3") for k in range(TERMS)]
        errors: list[object] = []
        for label in ("cut", "again (all there)"):
            start = time.perf_counter()
            made = cut(clips, folder / "clips", errors.append)
            took = time.perf_counter() - start
            print(f"{TERMS} clips, {label}: {took:.2f} s ({len(made)} clips, {len(errors)} errors)")
        sizes = [path.stat().st_size for path in made.values()]
        print(f"sizes: mean {sum(sizes) / len(sizes) / 1000:.1f} KB, largest {max(sizes) / 1000:.1f} KB (6 s each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
