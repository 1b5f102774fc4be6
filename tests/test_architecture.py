"""The house's shape, checked from the code: no import circle inside vocab, and imports run one way
(cli → review → corpus → learner/export → rank → extract → sources → models/text/errors)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "vocab"

# Lower numbers are lower floors: a module may import its own floor or below, never above.
FLOORS = {
    "models": 0, "memo": 0, "errors": 0, "text": 0, "fileio": 0, "identity": 0, "lexicon": 0, "workers": 0,
    "packing": 0,
    "sources": 1, "cache": 1, "extract": 2, "last_ranking": 2, "rank": 3, "export": 4, "learner": 4, "corpus": 5,
    "review": 6, "cli": 7,
}  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py") if path.name != "__main__.py"}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every vocab module ``name`` imports, anywhere in it (inside functions and TYPE_CHECKING too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            base = f"{base}.{node.module}" if node.level and node.module else (base if node.level else node.module)
            # `from .x import y`: y is a module when such a module exists, else a name in x
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    result: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def floor_of(module: str) -> int | None:
    room = module.split(".")[1] if "." in module else None
    return FLOORS.get(room) if room else None


def test_the_graph_is_read() -> None:
    graph = import_graph()
    assert "vocab.corpus" in graph["vocab.cli.options"] or "vocab.corpus" in graph["vocab.cli.documents"]
    assert "vocab.learner.store" in graph["vocab.learner.curation"]


def test_no_import_circle() -> None:
    assert circles(import_graph()) == []


def test_the_circle_finder_finds_one() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_room_has_a_floor() -> None:
    rooms = {name.split(".")[1] for name in modules() if name != "vocab"}
    assert rooms <= set(FLOORS), f"give these a floor: {sorted(rooms - set(FLOORS))}"


@pytest.mark.parametrize("module", sorted(import_graph()))
def test_imports_run_down(module: str) -> None:
    here = floor_of(module)
    if here is None:  # vocab/__init__.py: the public API sits on top of everything
        return
    upward = [t for t in sorted(import_graph()[module]) if (floor_of(t) or 0) > here]
    assert upward == [], f"{module} (floor {here}) imports from above: {upward}"
