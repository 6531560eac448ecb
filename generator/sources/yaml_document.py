"""One YAML file read into plain data, with the line of every key and list item, and errors pinned to those lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.sources.errors import SourceError, display_path

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain data from one YAML file plus the line of each key and list item."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    text: str = ""

    def line_of(self, loc: Path_) -> int:
        """Line of the deepest part of `loc` that exists in the file (1-based)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def error(self, loc: Path_, message: str) -> SourceError:
        return SourceError(display_path(self.path), self.line_of(loc), message)
