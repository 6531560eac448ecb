"""How every benchmark reports: a table for people, then one line of JSON for tools."""

from __future__ import annotations

import json


def print_report(rows: list[tuple[str, str]], summary: dict[str, object]) -> None:
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(json.dumps(summary, sort_keys=True))
