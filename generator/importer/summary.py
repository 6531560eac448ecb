"""What `policy-site import` says when it has written a draft: what it made, what it guessed, what is left to write."""

from __future__ import annotations

from collections import Counter

from generator.importer.draft import NOT_PLACED_ID, Draft

# The audiences whose pages show a plain version we write, not the school's words.
PLAIN_AUDIENCES = ("pupils", "parents")


def plain_versions_to_write(draft: Draft) -> Counter[str]:
    """How many plain versions each audience still needs: one per clause that binds it."""
    return Counter(a for clause in draft.all_clauses() for a in clause.audiences if a in PLAIN_AUDIENCES)


def guesses(draft: Draft) -> Counter[str]:
    """How many `# check:` comments of each kind the draft carries."""
    counted: Counter[str] = Counter()
    for clause in draft.all_clauses():
        counted.update(clause.checks.keys())
    counted["history"] += sum(len(checks) for checks in draft.history_checks)
    counted["review date"] += len(draft.review_checks)
    return +counted


def summary_lines(draft: Draft, written_to: str, kind: str, seconds: float) -> list[str]:
    """The lines printed after an import."""
    clauses = draft.all_clauses()
    sections = draft.all_sections()
    numbered = sum(1 for c in clauses if c.number)
    lines = [
        f"Imported {draft.title} ({kind}) as a draft: {written_to}",
        f"  {len(sections)} sections, {len(clauses)} clauses ({numbered} numbered), "
        f"{sum(1 for c in clauses if c.term)} definitions, {len(draft.history)} approval-record entries"
        + (f", next review {draft.review['next']}" if "next" in draft.review else ", no next review date found")
        + f"; read and drafted in {seconds:.2f} s",
    ]
    counted = guesses(draft)
    if counted:
        lines.append("  Guesses to check (`# check:` comments): " + ", ".join(f"{n} {kind}" for kind, n in sorted(counted.items())))
    if draft.not_placed:
        lines.append(f"  Not placed: {len(draft.not_placed)} paragraphs, kept in the section '{NOT_PLACED_ID}': move each where it belongs")
    plain = plain_versions_to_write(draft)
    todo = ["the summary (one plain sentence)"]
    if plain:
        todo.append(f"{sum(plain.values())} plain versions (" + ", ".join(f"{a}: {n}" for a, n in sorted(plain.items())) + ")")
    lines.append("  Still to write: " + "; ".join(todo))
    lines.append("  Next: check the guesses, then `policy-site validate` lists the work left; preview with `policy-site serve`.")
    return lines
