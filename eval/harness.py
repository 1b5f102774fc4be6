"""Gold sets and their scoring, in process: the same matching as ../shared/eval/score_glosses.py
(line, English and Chinese after normalisation), fast enough to run a document at a time.

Sets: the five seeds and realdev from ../shared (when present), and the project's own sets in tests/.
"""

from __future__ import annotations

import collections
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROJECT_SETS = ("devset", "heldout", "unseen", "fresh", *(f"fresh{n}" for n in range(2, 140)))
_STRIP = " \t\u3000*_`\"'“”‘’「」『』《》<>"

Key = tuple[int, str, str]


@dataclass
class GoldDoc:
    set: str
    path: Path
    gold: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.set}/{self.path.name}"


def norm_en(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("’", "'").replace("‐", "-")
    return re.sub(r"\s+", " ", text).strip(_STRIP)


def norm_zh(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).strip(_STRIP)


def key(item: dict) -> Key:
    return (int(item["line"]), norm_en(item.get("en")), norm_zh(item.get("zh")))


def gold_sets() -> list[tuple[str, Path, Path]]:
    """(name, docs folder, gold folder) of every gold set on this machine."""
    sets = []
    if (SHARED / "seeds").is_dir():
        sets.append(("seeds", SHARED / "seeds", SHARED / "gold" / "seeds"))
    if (SHARED / "realdev").is_dir():
        sets.append(("realdev", SHARED / "realdev" / "docs", SHARED / "realdev" / "gold"))
    for name in PROJECT_SETS:
        if (ROOT / "tests" / name / "gold").is_dir():
            sets.append((name, ROOT / "tests" / name / "docs", ROOT / "tests" / name / "gold"))
    return sets


def load_docs(names: Iterable[str] | None = None) -> list[GoldDoc]:
    """Every gold document (a `<stem>_*.jsonl` file adds to its document's gold, as the scorer does)."""
    wanted = set(names) if names else None
    docs = []
    for set_name, docs_dir, gold_dir in gold_sets():
        if wanted and set_name not in wanted:
            continue
        stems = {d.stem: d for d in docs_dir.iterdir() if d.is_file()}
        groups: dict[str, list[dict]] = collections.defaultdict(list)
        for gold_file in sorted(gold_dir.glob("*.jsonl")):
            stem = gold_file.stem if gold_file.stem in stems else gold_file.stem.rsplit("_", 1)[0]
            lines = gold_file.read_text(encoding="utf-8").splitlines()
            groups[stem] += [json.loads(raw) for raw in lines if raw.strip()]
        docs += [GoldDoc(set_name, stems[stem], gold) for stem, gold in sorted(groups.items()) if stem in stems]
    return docs


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[Key] = field(default_factory=list)
    false: list[Key] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p = self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)


def score(gold: list[dict], predicted: list[dict]) -> Score:
    g = collections.Counter(key(x) for x in gold)
    p = collections.Counter(key(x) for x in predicted)
    return Score(sum((g & p).values()), len(predicted), len(gold), list((g - p).elements()), list((p - g).elements()))


def predict(path: Path, config: object = None) -> list[dict]:
    """What `vocab extract --format jsonl` prints for ``path``, as records."""
    from vocab import extract_glosses, read_document
    from vocab.export.records import to_record

    return [to_record(g) for g in extract_glosses(read_document(path), config)]  # type: ignore[arg-type]


def report(scores: dict[str, Score], title: str, out: Callable[[str], None] = print) -> tuple[float, float]:
    """Per set micro F1, then micro and macro over every document; returns (micro, macro)."""
    by_set: dict[str, Score] = collections.defaultdict(Score)
    for name, s in scores.items():
        by_set[name.split("/")[0]] += s
    for name, s in by_set.items():
        out(f"  {name:8s} gold {s.gold:4d} predicted {s.predicted:4d} correct {s.tp:4d}  micro F1 {s.f1:.3f}")
    total = sum(scores.values(), Score())
    macro = sum(s.f1 for s in scores.values()) / len(scores)
    out(f"{title}: {len(scores)} documents, gold {total.gold}, micro F1 {total.f1:.3f}, macro F1 {macro:.3f}")
    return total.f1, macro
