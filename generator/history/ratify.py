"""Record a ratification, a minor correction, or the text of an already ratified version.

Each command checks everything first, then makes its edits on a scratch copy of the sources
and loads that copy as a build would. Only when the copy is valid are the real files written:
the archive file is created (never overwritten) and the policy file replaced in one step.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.history.compare import Comparison, affected_audiences, compare
from generator.history.yaml_edit import YamlEditError, append_to_sequence, set_scalar
from generator.sources.archive import ArchivedVersion, archive_path, archive_text, content_policy, fingerprint, frozen_content, valid_version
from generator.sources.dates import PolicyDate
from generator.sources.errors import SourcesInvalid, display_path
from generator.sources.links import line_break_problem, text_link_problems
from generator.sources.load import load_sources
from generator.sources.loaded import OrgSource, PolicySource, Sources, own_history
from generator.sources.model.common import Audience
from generator.sources.model.history import RATIFYING_EVENTS, VERSION_MAX, Event, EventKind, version_key
from generator.sources.model.policy import Policy
from generator.sources.placeholders import Placeholders
from generator.sources.status import build_date, current_ratification, ratifications


class Refused(Exception):
    """A request we will not carry out; the message says why and what to do instead."""


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


@dataclass(frozen=True)
class Outcome:
    """What a command wrote, for the confirmation it prints."""

    written: list[Path]
    version: str
    comparison: Comparison | None = None


def _check_arguments(one_line: list[tuple[str, str | None]], texts: list[tuple[str, str | None]]) -> None:
    """Refuse, before anything is read or written, a value typed on the command line that the
    sources would refuse: a line break in a one-line value, or an unsafe link in any of them.
    Each goes into the policy file and onto its pages, so it is checked as the file would be."""
    for flag, value, single in [*((f, v, True) for f, v in one_line), *((f, v, False) for f, v in texts)]:
        if value is None:
            continue
        problem = line_break_problem(value.removesuffix("\n")) if single else None
        problem = problem or next(iter(text_link_problems(value)), None)
        if problem:
            raise Refused(f"{flag}: {problem}")


def _locate(sources_dir: Path, school: str, policy_id: str) -> tuple[Sources, OrgSource, PolicySource]:
    try:
        sources = load_sources(sources_dir)
    except SourcesInvalid as exc:
        raise Refused(exc.report().replace("nothing was built or changed", "fix them first; nothing was changed")) from None
    if school not in sources.orgs:
        raise Refused(f"there is no school or trust called '{school}'; choose one of: {', '.join(sorted(sources.orgs))}")
    source = sources.orgs[school]
    if policy_id not in source.policies:
        known = ", ".join(sorted(source.policies)) or "none yet"
        raise Refused(f"{school} has no policy '{policy_id}' (looked for {display_path(source.folder / 'policies' / (policy_id + '.yml'))}); its policies are: {known}")
    return sources, source, source.policies[policy_id]


def _meeting_date(text: str, policy: Policy, what: str) -> PolicyDate:
    try:
        day = PolicyDate.parse(text)
    except ValueError as exc:
        raise Refused(f"--date: {exc}") from None
    if day.day is None:
        raise Refused(f"--date '{text}': give the full date of the {what}, YYYY-MM-DD")
    today = build_date()
    if day.first_day() > today:
        raise Refused(f"--date {text} is after today ({today.isoformat()}); record a {what} once it has happened")
    last = current_ratification(policy)
    if last and day.first_day() < last.date.first_day():
        raise Refused(
            f"--date {text} is earlier than the last ratification (version {last.version}, {last.event.value} {last.date.display()}); "
            f"a later {what} cannot be dated before it. Check the date of the meeting"
        )
    if policy.history and day.first_day() < policy.history[-1].date.first_day():
        last = policy.history[-1]
        raise Refused(
            f"--date {text} is earlier than the last entry in the policy's history ({last.event.value} {last.date.display()}); the history must stay in date order"
        )
    return day


def _next_version(policy: Policy, requested: str | None, source: OrgSource) -> str:
    recorded = {version_key(e.version): e for e in ratifications(policy) if e.version}
    if requested is None:
        if not recorded:
            requested = "1"
        else:
            last = ratifications(policy)[-1].version or ""
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
    existing = archive_path(source.folder, policy.id, requested)
    if existing.exists():
        raise Refused(f"{display_path(existing)} already exists; archived versions are never overwritten. Give a new --version")
    return requested


def _signatories(signed_by: list[str]) -> list[dict[str, str]]:
    people = []
    for entry in signed_by:
        role, _, name = entry.partition(":")
        if not role.strip():
            raise Refused(f"--signed-by '{entry}': write 'Role: Name', e.g. 'Chair of Governors: Mrs A Smith', or just the role")
        person = {"role": role.strip()}
        if name.strip():
            person["name"] = name.strip()
        people.append(person)
    return people


def _last_archived(source: OrgSource, policy_id: str) -> ArchivedVersion | None:
    archives = source.archives.get(policy_id, [])
    return archives[-1] if archives else None


def _check_notes(comparison: Comparison | None, notes: dict[Audience, str], since: str | None) -> None:
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
            f"since version {since} the clauses for {', '.join(a.value for a in affected)} have changed ({counts}); "
            f"each audience whose pages change needs a change note in plain words. Add: {flags}"
        )
    if not affected and comparison.other_parts and not notes:
        raise Refused(f"since version {since}, {', '.join(comparison.other_parts)} changed; give at least one change note, e.g. --note-governors '...'")


def _read(path: Path) -> str:
    # newline="" keeps Windows line endings as they are: only the edited lines may change.
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _apply(path: Path, edits: list[tuple[Any, Any]]) -> str:
    text = _read(path)
    for kind, arg in edits:
        try:
            text = append_to_sequence(text, "history", arg) if kind == "history" else set_scalar(text, kind, arg)
        except YamlEditError as exc:
            raise Refused(f"{display_path(path)}: {exc}") from None
    return text


def _write(sources: Sources, source: OrgSource, ps: PolicySource, new_text: str | None, archive: tuple[Path, str] | None) -> list[Path]:
    """Try the change on a scratch copy first; then create the archive and replace the policy file."""
    with tempfile.TemporaryDirectory(prefix="policy-site-") as scratch:
        copy = Path(scratch) / "sources"
        shutil.copytree(sources.root, copy)
        rel_policy = ps.doc.path.resolve().relative_to(sources.root.resolve())
        if new_text is not None:
            with (copy / rel_policy).open("w", encoding="utf-8", newline="") as handle:
                handle.write(new_text)
        if archive:
            target = copy / archive[0].resolve().relative_to(sources.root.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(archive[1], encoding="utf-8")
        try:
            load_sources(copy)
        except SourcesInvalid as exc:
            raise Refused("the change would leave the sources invalid, so nothing was written (please report this):\n" + exc.report()) from None
    written: list[Path] = []
    policy_path = ps.doc.path
    temporary = policy_path.with_name(f".{policy_path.name}.new")
    if new_text is not None:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            handle.write(new_text)
    try:
        if archive:
            path, content = archive
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as handle:  # never overwrite an archived version
                handle.write(content)
            # Read-only, so an editor warns before anyone changes the record.
            path.chmod(0o444)
            written.append(path)
        if new_text is not None:
            os.replace(temporary, policy_path)
            written.append(policy_path)
    except OSError as exc:
        # Leave things as they were: an archive without its history event would block the next try.
        for path in written[:1] if archive else []:
            path.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)
        raise Refused(f"could not write the files ({exc}); nothing was changed") from None
    return written


def _event_dict(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json", exclude_defaults=True)


def ratify(sources_dir: Path, request: Ratification) -> Outcome:
    single = {"--date": request.date, "--body": request.body, "--minute": request.minute, "--version": request.version, "--note": request.note}
    _check_arguments(
        [*single.items(), ("--next-review", request.next_review), *(("--signed-by", who) for who in request.signed_by)],
        [(f"--note-{a.value}", text) for a, text in request.notes.items()],
    )
    sources, source, ps = _locate(sources_dir, request.school, request.policy)
    policy = ps.policy
    if request.event not in {e.value for e in RATIFYING_EVENTS}:
        raise Refused(f"--event '{request.event}': use ratified, approved or adopted")
    day = _meeting_date(request.date, policy, "ratification")
    version = _next_version(policy, request.version, source)
    fill = Placeholders(source.org, sources.trust_name(source.org))
    content = frozen_content(policy, fill.fill)
    previous = _last_archived(source, policy.id)
    comparison = compare(previous.content, content_policy(policy.id, content)) if previous else None
    _check_notes(comparison, request.notes, previous.version if previous else None)
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
    fields: dict[str, Any] = {"event": request.event, "date": day.iso(), "version": version}
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
    # The record keeps the archive's fingerprint: an archive edited later, even with its own
    # fingerprint recomputed, no longer matches the history it was ratified with.
    recorded = event.model_copy(update={"archive": fingerprint(content)})
    edits: list[tuple[Any, Any]] = [("history", _event_dict(recorded))]
    if policy.draft:
        edits.append((("draft",), False))
    if request.next_review:
        edits.append((("review", "next"), request.next_review))
    new_text = _apply(ps.doc.path, edits)
    path = archive_path(source.folder, policy.id, version)
    written = _write(sources, source, ps, new_text, (path, archive_text(source.org.name, policy.id, event, content)))
    return Outcome(written, version, comparison)


def freeze(sources_dir: Path, school: str, policy_id: str, version: str | None, earlier: bool = False) -> Outcome:
    """Archive the current text as the text of an already ratified version (when adopting policy-site).

    This is the admin's word that the text is that version's, so it is only taken for the
    latest version with nothing recorded after it, unless they say it is an earlier one.
    """
    sources, source, ps = _locate(sources_dir, school, policy_id)
    history = ps.policy.history
    ratified = ratifications(ps.policy)
    if not ratified:
        raise Refused(f"{policy_id} has no ratified version in its history to archive; use `policy-site ratify` to record one")
    chosen = ratified[-1] if version is None else next((e for e in ratified if e.version == version), None)
    if chosen is None:
        raise Refused(f"{policy_id} has no version '{version}' in its history; its versions are: {', '.join(e.version or '?' for e in ratified)}")
    assert chosen.version
    later = history[history.index(chosen) + 1 :]
    if later and not earlier:
        what = ", ".join(f"{e.event.value} {e.date.display()}" for e in later)
        raise Refused(
            f"the history records {what} after version {chosen.version}, so the text now may not be version {chosen.version}'s. "
            f"Only if you have checked the text against the signed copy of version {chosen.version}, run again with --earlier"
        )
    path = archive_path(source.folder, policy_id, chosen.version)
    if path.exists():
        raise Refused(f"{display_path(path)} already exists; archived versions are never overwritten")
    fill = Placeholders(source.org, sources.trust_name(source.org))
    content = frozen_content(ps.policy, fill.fill)
    # A school adopting its trust's record unchanged keeps no history of its own to write to.
    new_text = _apply(ps.doc.path, [(("history", history.index(chosen), "archive"), fingerprint(content))]) if own_history(ps) else None
    written = _write(sources, source, ps, new_text, (path, archive_text(source.org.name, policy_id, chosen.model_copy(update={"archive": None}), content)))
    return Outcome(written, chosen.version)


def correct(sources_dir: Path, school: str, policy_id: str, date: str, note: str) -> Outcome:
    """Record a minor correction (no change in meaning) to the current version, as GOV.UK does."""
    _check_arguments([("--date", date), ("--note", note)], [])
    sources, source, ps = _locate(sources_dir, school, policy_id)
    policy = ps.policy
    ratified = ratifications(policy)
    if not ratified:
        raise Refused(f"{policy_id} has not been ratified yet, so its text can be edited freely; there is nothing to correct")
    if not note.strip():
        raise Refused("--note: say what was corrected, e.g. 'Fixed the spelling of \"safeguarding\" in 4.2'")
    day = _meeting_date(date, policy, "correction")
    previous = _last_archived(source, policy.id)
    fill = Placeholders(source.org, sources.trust_name(source.org))
    content = frozen_content(policy, fill.fill)
    current = ratified[-1]
    if previous and previous.version == current.version:
        comparison = compare(previous.content, content_policy(policy.id, content))
        if comparison.changes_meaning:
            counts = ", ".join(f"{n} {k}" for k, n in comparison.counts().items() if n)
            raise Refused(
                f"since version {previous.version} clauses were added, removed or changed strength or audience ({counts}); "
                "that changes the meaning, so it needs a new version: use `policy-site ratify`"
            )
        corrections = [e.fingerprint for e in policy.history[policy.history.index(current) :] if e.event == EventKind.corrected and e.fingerprint]
        if fingerprint(content) == (corrections[-1] if corrections else previous.text_fingerprint):
            raise Refused(f"the text has not changed since version {previous.version} or its last recorded correction; edit the policy first, then record the correction")
    event = Event(event=EventKind.corrected, date=day, version=current.version, note=note.strip(), fingerprint=fingerprint(content))
    new_text = _apply(ps.doc.path, [("history", _event_dict(event))])
    written = _write(sources, source, ps, new_text, None)
    return Outcome(written, ratified[-1].version or "")
