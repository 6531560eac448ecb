"""The import benchmark's report: one table of figures against the targets, the misses grouped by what they share, and the JSON."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from import_score import Score, summary  # bench/ is on the path when a benchmark runs

TARGETS = {"clauses": 95.0, "numbers": 95.0, "strengths": 85.0, "flagged": 100.0, "records": 100.0, "lost": 0, "seconds": 2.0}
COLUMNS = ("clauses", "numbers", "strengths", "flagged", "records", "lost")


def _cell(name: str, value: Any) -> str:
    if value is None:
        return "-"
    if name == "lost":
        mark = "" if value <= TARGETS["lost"] else " ✗"
        return f"{value}{mark}"
    mark = "" if value >= TARGETS[name] else " ✗"
    return f"{value:.1f}%{mark}"


def print_table(scores: dict[str, dict[str, Score]]) -> None:
    """Per format, per seed and total, every figure against its target (✗ where short)."""
    head = f"{'format':<17}{'seed':<26}" + "".join(f"{c:>12}" for c in COLUMNS) + f"{'merged/split':>14}"
    print(head)
    print(f"{'target':<43}" + "".join(f"{_target(c):>12}" for c in COLUMNS))
    print("-" * len(head))
    for form, by_seed in scores.items():
        total = Score()
        for seed, score in by_seed.items():
            total.add(score)
            _row(form, seed, score)
        _row(form, "TOTAL", total)
        print()


def _target(name: str) -> str:
    return "0" if name == "lost" else f">={TARGETS[name]:.0f}%"


def _row(form: str, seed: str, score: Score) -> None:
    figures = summary(score)
    print(f"{form:<17}{seed:<26}" + "".join(f"{_cell(c, figures[c]):>12}" for c in COLUMNS) + f"{score.merged:>7}/{score.split:<6}")


def grouped_misses(scores: dict[str, dict[str, Score]]) -> list[dict[str, Any]]:
    """Misses grouped by format, check and what they share, largest groups first."""
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for form, by_seed in scores.items():
        for seed, score in by_seed.items():
            for miss in score.misses:
                groups[(form, miss.check, miss.group)].append(f"{seed}: {miss.example}")
    rows = [{"format": f, "check": c, "group": g, "count": len(examples), "examples": examples} for (f, c, g), examples in groups.items()]
    return sorted(rows, key=lambda row: (row["format"], -row["count"], row["check"], row["group"]))


def print_misses(groups: list[dict[str, Any]], shown: int = 3) -> None:
    """Each group with its first few examples."""
    if not groups:
        print("No misses.")
        return
    print("Misses, grouped by what they have in common:")
    for row in groups:
        print(f"  [{row['format']}] {row['check']}: {row['group']} ({row['count']})")
        for example in row["examples"][:shown]:
            print(f"      {example}")


def report_json(scores: dict[str, dict[str, Score]], timing: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """Everything printed, as data."""
    formats: dict[str, Any] = {}
    for form, by_seed in scores.items():
        total = Score()
        for score in by_seed.values():
            total.add(score)
        formats[form] = {"total": summary(total), "seeds": {seed: summary(score) for seed, score in by_seed.items()}}
    return {"targets": TARGETS, "formats": formats, "time": timing, "misses": grouped_misses(scores), "notes": notes}
