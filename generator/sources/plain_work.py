"""A draft's plain versions still to write: work that `validate` lists, where any other policy has an error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# So a long draft's line stays readable: the first clauses by name, then how many more.
SHOWN_CLAUSES = 10


@dataclass(frozen=True, order=True)
class PlainToWrite:
    """One clause of a draft that reaches pupils or parents and has no plain version for them yet."""

    path: str
    line: int
    policy: str
    clause: str
    audience: str


def is_draft(data: Any) -> bool:
    """Whether a policy file's raw data marks it a draft (read raw, as the checks run before the model)."""
    return isinstance(data, dict) and data.get("draft") is True


def work_report(todo: list[PlainToWrite]) -> list[str]:
    """One line per draft: `file:line: id (draft): N plain versions still to write (pupils: n, parents: n): clauses ...`."""
    by_file: dict[str, list[PlainToWrite]] = {}
    for item in sorted(todo):
        by_file.setdefault(item.path, []).append(item)
    lines = []
    for path, items in by_file.items():
        counts = [f"{audience}: {n}" for audience in ("pupils", "parents") if (n := sum(1 for i in items if i.audience == audience))]
        clauses = list(dict.fromkeys(i.clause for i in sorted(items, key=lambda i: i.line)))
        shown = ", ".join(clauses[:SHOWN_CLAUSES]) + (f" and {len(clauses) - SHOWN_CLAUSES} more" if len(clauses) > SHOWN_CLAUSES else "")
        total = len(items)
        first = min(i.line for i in items)
        lines.append(
            f"{path}:{first}: {items[0].policy} (draft): {total} plain version{'s' if total != 1 else ''} still to write "
            f"({', '.join(counts)}): clause{'s' if len(clauses) != 1 else ''} {shown}"
        )
    return lines
