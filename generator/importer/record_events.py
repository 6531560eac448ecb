"""Record items made into history events: one event per date, signatures joined to the approval they
sign, a date or a writer standing alone paired with the part that lacks it, oldest first.

Every pairing is a judgement, so each says what it paired and from which words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.importer.record_dates import FoundDate, date_sort_key
from generator.importer.record_found import FoundEvent
from generator.importer.record_items import Item
from generator.importer.record_labels import SIGNED
from generator.importer.record_people import body_name, is_role, looks_damaged, split_person, tidy

RATIFYING = ("adopted", "approved", "ratified")
_BY_KINDS = ("written", "updated", "reviewed")
# On one date a policy is written before it is approved, whatever order a table's columns take.
_ORDER = {"written": 0, "updated": 1, "reviewed": 2, "first-reading": 3, "second-reading": 4, "noted": 5, "issued": 7}


@dataclass
class Draft:
    """An event being made: its fields, the words and checks behind it, its blocks."""

    fields: dict[str, object]
    source: list[str]
    checks: list[str]
    blocks: list[int]
    signatures: list[dict[str, str]] = field(default_factory=list)

    def found(self) -> FoundEvent:
        fields = dict(self.fields)
        if self.signatures:
            fields["signatories"] = list(self.signatures)
        return FoundEvent(fields, " / ".join(dict.fromkeys(self.source)), tuple(dict.fromkeys(self.checks)), tuple(sorted(set(self.blocks))))


def _signatory(item: Item, checks: list[str]) -> dict[str, str] | None:
    name, role, split_checks = split_person(f"{item.who} ({item.role})" if item.role else item.who)
    checks.extend(split_checks)
    person = {key: value for key, value in (("name", name), ("role", role)) if value}
    return person or None


def _role_in_brackets(words: str) -> bool:
    return any(is_role(inner) for inner in re.findall(r"\(([^()]*)\)", words))


def _draft(item: Item, kind: str, date: FoundDate | None) -> Draft:
    fields: dict[str, object] = {"event": kind}
    if date is not None:
        fields["date"] = date.iso
    checks = list(item.checks) + (list(date.checks) if date else [])
    draft = Draft(fields, [item.words()], checks, list(item.blocks))
    if item.version:
        fields["version"] = item.version
    if item.kind == SIGNED or item.role or _role_in_brackets(item.who):
        person = _signatory(item, checks)
        if person:
            draft.signatures.append(person)
    elif item.who and kind in _BY_KINDS:
        fields["by"] = tidy(item.who)
        if looks_damaged(str(fields["by"])):
            checks.append(f'name "{fields["by"]}" as extracted; check the spelling against the original')
    elif item.who:
        body, body_checks = body_name(item.who)
        if body:
            fields["body"] = body
        checks.extend(body_checks)
    if item.body and "body" not in fields:
        body, body_checks = body_name(item.body)
        if body:
            fields["body"] = body
        checks.extend(body_checks)
    if item.minute:
        fields["minute"] = item.minute
    if item.note:
        fields["note"] = item.note
    return draft


def _join(into: Draft, other: Draft) -> None:
    into.signatures.extend(person for person in other.signatures if person not in into.signatures)
    into.source.extend(other.source)
    into.checks.extend(other.checks)
    into.blocks.extend(other.blocks)
    for key, value in other.fields.items():
        into.fields.setdefault(key, value)


def _same(a: Draft, b: Draft) -> bool:
    """The same event read twice (a table and a line), or two signatures of one approval."""
    if a.fields.get("event") != b.fields.get("event") or a.fields.get("date") != b.fields.get("date"):
        return False
    shared = set(a.fields) & set(b.fields) - {"note"}
    return all(a.fields[key] == b.fields[key] for key in shared)


@dataclass
class Made:
    drafts: list[Draft]
    checks: list[str]
    unused: set[int]  # blocks of items that came to nothing, so they stay in the text


def make_events(items: list[Item]) -> Made:
    """History events from the record items (next-review items are the caller's)."""
    made = Made([], [], set())
    undated: list[Item] = []
    loose_dates: list[Item] = []
    signatures: list[Draft] = []
    for item in items:
        made.checks.extend(item.problems)
        if item.kind == "dated":
            loose_dates.append(item)
        elif item.kind == SIGNED and item.blank and not item.dates:
            role_words = item.role or split_person(item.who)[1]
            role = f" for {role_words}" if role_words else ""
            made.checks.append(f'a blank signature line{role} ("{item.words()}"): not signed in this copy, so no event')
        elif not item.dates:
            undated.append(item)
        for date in item.dates if item.kind not in ("dated",) else ():
            draft = _draft(item, "approved" if item.kind == SIGNED else item.kind, date)
            (signatures if item.kind == SIGNED else made.drafts).append(draft)
    _place_signatures(made, signatures, [item for item in undated if item.kind in RATIFYING])
    undated = [item for item in undated if not (item.kind in RATIFYING and item.dates)]
    _place_loose(made, undated, loose_dates)
    return made


def _place_signatures(made: Made, signatures: list[Draft], undated_ratifying: list[Item]) -> None:
    for draft in signatures:
        date = draft.fields["date"]
        match = next((d for d in made.drafts if d.fields["event"] in RATIFYING and d.fields.get("date") == date), None)
        if match is None and undated_ratifying:
            item = undated_ratifying[0]
            item.dates.append(FoundDate(str(date), str(date), 0, 0))
            match = _draft(item, item.kind, None)
            match.fields["date"] = date
            match.checks.append(f'the {item.kind} record "{item.words()}" gives no date: dated with the signatures')
            made.drafts.append(match)
        if match is None:
            draft.checks.append(f'event kind guessed from "{draft.source[0]}": a signature with no word for what was signed, read as approved')
            made.drafts.append(draft)
            continue
        _join(match, draft)


def _place_loose(made: Made, undated: list[Item], loose_dates: list[Item]) -> None:
    for item in list(undated):
        if item.kind == SIGNED:
            latest = [d for d in made.drafts if d.fields["event"] in RATIFYING]
            if latest:
                target = max(latest, key=lambda d: date_sort_key(str(d.fields["date"])))
                target.signatures.extend(_draft(item, item.kind, None).signatures)
                target.checks.append(f'the signature "{item.words()}" has no date: kept on the latest {target.fields["event"]} ({target.fields["date"]})')
                target.blocks.extend(item.blocks)
                undated.remove(item)
    written = [d for d in made.drafts if d.fields["event"] == "written"]
    for loose in loose_dates:
        if not loose.dates:
            continue
        date = loose.dates[0]
        writer = next((item for item in undated if item.kind == "written"), None)
        if writer is not None:
            undated.remove(writer)
            draft = _draft(writer, "written", date)
            draft.checks.append(f'{writer.what()} has no date: dated with "{loose.words()}", a date standing on its own')
            draft.blocks.extend(loose.blocks)
            made.drafts.append(draft)
        elif not written:
            draft = _draft(loose, "written", date)
            draft.checks.append(f'event kind guessed: "{loose.words()}", a date with no word for what happened, read as when the policy was written')
            made.drafts.append(draft)
        else:
            made.checks.append(f'"{loose.words()}" is a date with no word for what happened: no event made')
            made.unused.update(loose.blocks)
        written = [d for d in made.drafts if d.fields["event"] == "written"]
    for item in undated:
        made.checks.append(f'{item.what()} ("{item.words()}") gives no date, so it is not an event: add the date to the history by hand if the original has it')
        made.unused.update(item.blocks)


def settle(drafts: list[Draft]) -> list[FoundEvent]:
    """Duplicates and one approval's signatures joined, a second "written" made "updated", oldest first."""
    kept: list[Draft] = []
    for draft in drafts:
        twin = next((other for other in kept if _same(other, draft)), None)
        if twin is None:
            kept.append(draft)
        else:
            _join(twin, draft)
    ordered = sorted(kept, key=lambda d: (date_sort_key(str(d.fields["date"])), _ORDER.get(str(d.fields["event"]), 6)))
    first_written = next((d for d in ordered if d.fields["event"] == "written"), None)
    for draft in ordered:
        if draft.fields["event"] == "written" and draft is not first_written:
            draft.fields["event"] = "updated"
            draft.checks.append('a second "written" date read as an update')
    return [draft.found() for draft in ordered]
