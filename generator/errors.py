"""Errors in the sources, each pinned to a file and line, reported all together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class SourcesInvalid(Exception):
    """Raised once a run has gathered every error it can find."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(error) for error in self.errors]
        count = len(self.errors)
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was built or changed.")
        return "\n".join(lines)


def display_path(path: Path) -> str:
    """Paths relative to the working directory where possible, as editors expect."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
