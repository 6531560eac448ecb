"""How well search answers questions (on demand: `make bench-relevance`, not part of the tests).

Builds the demo (no PDFs) and runs both relevance suites through the search each site ships,
as `policy-site search` and the browser rank it:
- `tests/relevance.yml`, written beside the engine (its bar is a test: tests/test_search.py);
- `tests/relevance_questions.yml`, written blind from the built pages only, and the typo
  variants of 30 of its questions.
For each: the share with a right rule first and in the top three, and the misses. Prints a
table, then one line of JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.render.search_query import LoadedIndex, load_index, search  # noqa: E402

BUILD_DATE = "2026-12-01"
SUITES = {"first suite": ("relevance.yml", "query"), "blind questions": ("relevance_questions.yml", "query"), "blind, with typos": ("relevance_questions.yml", "typo")}


def score(indexes: dict[str, LoadedIndex], cases: list[dict], field: str) -> tuple[dict[str, int], list[str]]:
    """Right first, in the top three, and the misses, for the entries that have `field`."""
    asked = [c for c in cases if c.get(field)]
    first = top3 = 0
    misses = []
    for case in asked:
        anchors = [hit.anchor for hit in search(indexes[case["school"]], str(case[field]), case["audience"])]
        first += bool(anchors) and anchors[0] in case["expect"]
        found = any(a in case["expect"] for a in anchors[:3])
        top3 += found
        if not found:
            misses.append(f"{case['school']} ({case['audience']}) {case[field]!r}: want {case['expect']}, got {anchors[:3]}")
    return {"questions": len(asked), "first": first, "top3": top3}, misses


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        command = [sys.executable, "-m", "generator.cli", "build", "--output", str(site), "--date", BUILD_DATE, "--no-pdf"]
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
        indexes = {p.parent.parent.name: load_index(json.loads(p.read_text(encoding="utf-8"))) for p in site.glob("*/search/index.json")}
    results = {}
    for name, (file, field) in SUITES.items():
        cases = yaml.safe_load((REPO / "tests" / file).read_text(encoding="utf-8"))
        results[name], misses = score(indexes, cases, field)
        print(f"\n{name}: misses from the top three")
        print("\n".join(f"  {m}" for m in misses) or "  none")
    print(f"\n{'suite':20} {'questions':>9} {'first':>11} {'top three':>11}")
    for name, r in results.items():
        n = r["questions"]
        print(f"{name:20} {n:>9} {r['first']:>4} ({r['first'] / n:>4.0%}) {r['top3']:>4} ({r['top3'] / n:>4.0%})")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
