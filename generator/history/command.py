"""What ratify, freeze and correct share: the outcome, the refusal, finding the policy, checking arguments, and writing the files.

Each command checks everything first, then makes its edits on a scratch copy of the sources
and loads that copy as a build would. Only when the copy is valid are the real files written:
the archive file is created (never overwritten) and the policy file replaced in one step.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.history.compare import Comparison
from generator.history.yaml_edit import append_to_sequence, set_scalar
from generator.history.yaml_errors import YamlEditError
from generator.sources.archive import ArchivedVersion
from generator.sources.build_date import build_date
from generator.sources.dates import PolicyDate
from generator.sources.errors import SourcesInvalid, display_path
from generator.sources.links import line_break_problem, text_link_problems
from generator.sources.load import load_sources
from generator.sources.loaded import OrgSource, PolicySource, Sources
from generator.sources.model.history import Event, version_name
from generator.sources.model.policy import Policy
from generator.sources.status import current_ratification


class Refused(Exception):
    """A request we will not carry out; the message says why and what to do instead."""


@dataclass(frozen=True)
class Outcome:
    """What a command wrote, for the confirmation it prints."""

    written: list[Path]
    version: str  # the version's number, or "" when it has none
    comparison: Comparison | None = None
    name: str = ""  # the version as the confirmation names it: "version 3", "the version approved in September 2021"


def check_arguments(one_line: list[tuple[str, str | None]], texts: list[tuple[str, str | None]]) -> None:
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


def locate(sources_dir: Path, school: str, policy_id: str) -> tuple[Sources, OrgSource, PolicySource]:
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


def meeting_date(text: str, policy: Policy, what: str) -> PolicyDate:
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
            f"--date {text} is earlier than the last ratification ({_described(last)}); a later {what} cannot be dated before it. Check the date of the meeting"
        )
    if policy.history and day.first_day() < policy.history[-1].date.first_day():
        last = policy.history[-1]
        raise Refused(
            f"--date {text} is earlier than the last entry in the policy's history ({last.event.value} {last.date.display()}); the history must stay in date order"
        )
    return day


def _described(event: Event) -> str:
    """ "version 1, ratified 1 February 2025", or "the version approved in September 2021"."""
    if event.version:
        return f"version {event.version}, {event.event.value} {event.date.display()}"
    return version_name(event)


def last_archived(source: OrgSource, policy_id: str) -> ArchivedVersion | None:
    archives = source.archives.get(policy_id, [])
    return archives[-1] if archives else None


def _read(path: Path) -> str:
    # newline="" keeps Windows line endings as they are: only the edited lines may change.
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def apply_edits(path: Path, edits: list[tuple[Any, Any]]) -> str:
    """The policy file's text with the edits made, its layout and comments kept; nothing is written yet."""
    text = _read(path)
    for kind, arg in edits:
        try:
            text = append_to_sequence(text, "history", arg) if kind == "history" else set_scalar(text, kind, arg)
        except YamlEditError as exc:
            raise Refused(f"{display_path(path)}: {exc}") from None
    return text


def write_checked(sources: Sources, source: OrgSource, ps: PolicySource, new_text: str | None, archive: tuple[Path, str] | None) -> list[Path]:
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


def event_dict(event: Event) -> dict[str, Any]:
    return event.model_dump(mode="json", exclude_defaults=True)
