"""Errors in the sources, each pinned to a file and line, reported all together."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters a terminal obeys rather than shows: C0 and C1 controls (tab apart), and every line
# break. A message is one line, whatever the YAML value it quotes holds.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Text safe to print on one terminal line: control characters and line breaks shown as \\uXXXX, never obeyed."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@dataclass(frozen=True, order=True)
class SourceError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}: {self.message}")


class SourcesInvalid(Exception):
    """Raised once a run has gathered every error it can find."""

    def __init__(self, errors: list[SourceError], work: list[str] | None = None) -> None:
        self.errors = sorted(set(errors))
        # The drafts' work to do found on the way (see plain_work.py): not errors, but `validate` lists it.
        self.work = work or []
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
