"""Records as JSON: dataclasses become plain dicts with their field names unchanged."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from enum import Enum
from typing import Any


def to_record(obj: Any) -> Any:
    """A JSON-ready copy of a dataclass (recursively), with enums as their values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_record(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [to_record(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_record(value) for key, value in obj.items()}
    return obj


def render_json_line(record: dict[str, Any]) -> str:
    """One compact JSON object, non-ASCII kept readable."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


def render_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(render_json_line(record) + "\n" for record in records)
