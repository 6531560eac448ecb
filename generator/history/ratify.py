"""`ratify`: record a ratified version in a policy's history and archive its text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.history.command import Outcome, Refused, apply_edits, check_arguments, event_dict, last_archived, locate, meeting_date, write_checked
from generator.history.compare import Comparison, affected_audiences, compare
from generator.sources.archive import archive_path, archive_text, content_policy, fingerprint, frozen_content, valid_version
from generator.sources.dates import PolicyDate
from generator.sources.errors import display_path
from generator.sources.loaded import OrgSource
from generator.sources.model.common import Audience
from generator.sources.model.history import RATIFYING_EVENTS, VERSION_MAX, Event, event_key, version_key, version_name
from generator.sources.model.policy import Policy
from generator.sources.placeholders import Placeholders
from generator.sources.plain_work import work_report
from generator.sources.status import ratifications


@dataclass(frozen=True)
class Ratification:
    policy: str
    school: str
    date: str
    body: str | None = None
    minute: str | None = None
    signed_by: list[str] = field(default_factory=list)
    version: str | None = None
    event: str = "ratified"
    notes: dict[Audience, str] = field(default_factory=dict)
    note: str | None = None
    next_review: str | None = None
    no_version: bool = False  # the school gives this version no number: it is known by its date


def _next_version(policy: Policy, requested: str | None, no_version: bool) -> str | None:
    """The version number to record: the one asked for, or one more than the last; None when
    the school numbers none (asked with --no-version, or the last version has no number)."""
    recorded = {version_key(e.version): e for e in ratifications(policy) if e.version}
    if no_version:
        if requested is not None:
            raise Refused("give either --version or --no-version, not both")
        return None
    if requested is None:
        if not ratifications(policy):
            requested = "1"
        else:
            last = ratifications(policy)[-1].version
            if last is None:
                return None  # the school has not numbered its versions; do not start now
            if not last.isdigit():
                raise Refused(f"the last version is '{last}', which is not a whole number, so the next cannot be worked out; give --version")
            requested = str(int(last) + 1)
    if not valid_version(requested):
        raise Refused(f"--version {requested!r}: use digits, letters and single dots only (at most {VERSION_MAX} characters), e.g. 4 or 2.1")
    if version_key(requested) in recorded:
        e = recorded[version_key(requested)]
        same = "" if e.version == requested else f" as {e.version}, which is the same number written differently"
        raise Refused(
            f"version {requested} is already recorded{same} ({e.event.value} {e.date.display()}); a version is ratified once and never overwritten. "
            "Give a new --version, or use `policy-site correct` for a minor correction without a new version"
        )
    return requested


def _check_free(source: OrgSource, policy: Policy, event: Event) -> None:
    """A version is made once: its key (number, or date when it has none) must be new."""
    key = event_key(event)
    same = next((e for e in ratifications(policy) if not e.version and not event.version and event_key(e) == key), None)
    if same:
        raise Refused(
            f"a version with no number is already recorded for {same.date.display()} ({same.event.value}); a version with no number is known by its date, "
            "so give this one a --version, or use `policy-site correct` for a minor correction"
        )
    existing = archive_path(source.folder, policy.id, key)
    if existing.exists():
        fix = "Give a new --version" if event.version else "Give a --version"
        raise Refused(f"{display_path(existing)} already exists; archived versions are never overwritten. {fix}")


def _signatories(signed_by: list[str]) -> list[dict[str, str]]:
    people = []
    for entry in signed_by:
        role, _, name = entry.partition(":")
        if not role.strip() and not name.strip():
            raise Refused(f"--signed-by '{entry}': write 'Role: Name', e.g. 'Chair of Governors: Mrs A Smith', just the role, or ': Name' for a name alone")
        person = {"role": role.strip()} if role.strip() else {}
        if name.strip():
            person["name"] = name.strip()
        people.append(person)
    return people


def _check_notes(comparison: Comparison | None, notes: dict[Audience, str], since: str | None) -> None:
    """`since` names the archived version compared with: "version 2", "the version approved in September 2021"."""
    if comparison is None:
        if not notes:
            raise Refused(
                "there is no archived earlier version to compare with, so say what this version is: give at least one change note, e.g. --note-governors 'First version'"
            )
        return
    affected = affected_audiences(comparison)
    missing = [a for a in affected if not notes.get(a)]
    if missing:
        counts = ", ".join(f"{n} {k}" for k, n in comparison.counts().items() if n)
        flags = " ".join(f"--note-{a.value} '...'" for a in missing)
        raise Refused(
            f"since {since} the clauses for {', '.join(a.value for a in affected)} have changed ({counts}); "
            f"each audience whose pages change needs a change note in plain words. Add: {flags}"
        )
    if not affected and comparison.other_parts and not notes:
        raise Refused(f"since {since}, {', '.join(comparison.other_parts)} changed; give at least one change note, e.g. --note-governors '...'")


def ratify(sources_dir: Path, request: Ratification) -> Outcome:
    single = {"--date": request.date, "--body": request.body, "--minute": request.minute, "--version": request.version, "--note": request.note}
    check_arguments(
        [*single.items(), ("--next-review", request.next_review), *(("--signed-by", who) for who in request.signed_by)],
        [(f"--note-{a.value}", text) for a, text in request.notes.items()],
    )
    sources, source, ps = locate(sources_dir, request.school, request.policy)
    policy = ps.policy
    # Ratified, it is no longer a draft, and a policy in use needs every plain version.
    work = work_report([t for t in sources.plain_to_write if t.path == display_path(ps.doc.path)])
    if work:
        raise Refused(f"{work[0]}; write them before ratifying (`policy-site validate` lists them)")
    if request.event not in {e.value for e in RATIFYING_EVENTS}:
        raise Refused(f"--event '{request.event}': use ratified, approved or adopted")
    day = meeting_date(request.date, policy, "ratification")
    version = _next_version(policy, request.version, request.no_version)
    fill = Placeholders(source.org, sources.trust_name(source.org))
    content = frozen_content(policy, fill.fill)
    previous = last_archived(source, policy.id)
    comparison = compare(previous.content, content_policy(policy.id, content)) if previous else None
    _check_notes(comparison, request.notes, previous.name if previous else None)
    if request.next_review:
        try:
            next_review = PolicyDate.parse(request.next_review)
        except ValueError as exc:
            raise Refused(f"--next-review: {exc}") from None
        if next_review.last_day() <= day.first_day():
            raise Refused(f"--next-review {request.next_review} is not after the ratification date; give the date of the next review")
    elif policy.review.next and policy.review.next.last_day() <= day.last_day():
        raise Refused(
            f"the policy's next review date ({policy.review.next.display()}) is not after this ratification, so it would show as overdue at once; "
            "give --next-review YYYY-MM-DD (or YYYY-MM)"
        )
    fields: dict[str, Any] = {"event": request.event, "date": day.iso()}
    if version is not None:
        fields["version"] = version
    if request.body:
        fields["body"] = request.body
    if request.minute:
        fields["minute"] = request.minute
    if request.signed_by:
        fields["signatories"] = _signatories(request.signed_by)
    if request.note:
        fields["note"] = request.note
    if request.notes:
        fields["changes"] = {a.value: request.notes[a] for a in Audience if request.notes.get(a)}
    event = Event.model_validate(fields)
    _check_free(source, policy, event)
    # The record keeps the archive's fingerprint: an archive edited later, even with its own
    # fingerprint recomputed, no longer matches the history it was ratified with.
    recorded = event.model_copy(update={"archive": fingerprint(content)})
    edits: list[tuple[Any, Any]] = [("history", event_dict(recorded))]
    if policy.draft:
        edits.append((("draft",), False))
    if request.next_review:
        edits.append((("review", "next"), request.next_review))
    new_text = apply_edits(ps.doc.path, edits)
    path = archive_path(source.folder, policy.id, event_key(event))
    written = write_checked(sources, source, ps, new_text, (path, archive_text(source.org.name, policy.id, event, content)))
    return Outcome(written, version or "", comparison, version_name(event))
