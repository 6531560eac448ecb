"""Archived versions: the exact words of a policy as ratified, frozen in a file of their own.

policy_sources/<org>/archive/<policy-id>/<version>.yml (or <date>.yml, e.g. 2021-09.yml, for a
version the school gave no number; see `event_key`) holds the policy's content with every
placeholder already filled in, the ratifying event as it was recorded, and a fingerprint of
the content. Later edits to the policy, the organisation (a new head teacher) or the history
cannot change an archived version; an edit to the archive file itself is caught by the
fingerprint and refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field

from generator.sources.canonical import canonical_digest
from generator.sources.errors import SourceError, display_path
from generator.sources.model.common import Slug, Strict
from generator.sources.model.history import RATIFYING_EVENTS, VERSION_MAX, VERSION_PATTERN, Event, event_key, version_name
from generator.sources.model.policy import Policy
from generator.sources.source_files import ARCHIVE_DIR
from generator.sources.validation import validate_model
from generator.sources.yaml_document import YamlDocument
from generator.sources.yaml_source import load_yaml

FORMAT = 1
_VERSION_RE = re.compile(VERSION_PATTERN)


def valid_version(text: str) -> bool:
    """A version number as the model accepts it (fullmatch: `$` alone would let "4\\n" through)."""
    return len(text) <= VERSION_MAX and _VERSION_RE.fullmatch(text) is not None


# The parts of the ratification record the history must keep exactly as archived.
RECORD_FIELDS = ("event", "date", "version", "body", "minute", "signatories")
# What a version is made of: its words. Review dates, draft flags and the record are not.
NOT_CONTENT = {"id", "history", "review", "draft", "statutory", "versions_numbered_by_school"}


class ArchiveFile(Strict):
    """An archive file as written by `policy-site ratify` or `policy-site freeze`."""

    format: int
    policy: Slug
    version: str | None = None  # absent for a version the school gave no number: its file is named by date
    ratification: Event
    fingerprint: str
    content: dict[str, Any] = Field(description="The policy's content as ratified, placeholders filled in.")


@dataclass(frozen=True)
class ArchivedVersion:
    policy_id: str
    version: str | None
    ratification: Event
    content: Policy
    path: Path
    text_fingerprint: str

    @property
    def key(self) -> str:
        """The version's number, or its date when it has none: the archive file's name."""
        return event_key(self.ratification)

    @property
    def name(self) -> str:
        """The version inside a sentence: "version 3", "the version approved in September 2021"."""
        return version_name(self.ratification)


def version_slug(key: str) -> str:
    """Versions are restricted (see the model's VERSION_PATTERN) and dates are digits and hyphens,
    so a version's key is already safe in a URL."""
    return key


def _fill_strings(value: Any, fill: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fill(value)
    if isinstance(value, list):
        return [_fill_strings(v, fill) for v in value]
    if isinstance(value, dict):
        return {k: _fill_strings(v, fill) for k, v in value.items()}
    return value


def frozen_content(policy: Policy, fill: Callable[[str], str]) -> dict[str, Any]:
    """The policy's words with placeholders filled, so the archive names who it named then."""
    data = policy.model_dump(mode="json", exclude=NOT_CONTENT, exclude_defaults=True)
    filled: dict[str, Any] = _fill_strings(data, fill)
    return filled


def fingerprint(data: Any) -> str:
    return "sha256:" + canonical_digest(data)


def _record_fingerprint(ratification: object, content: dict[str, Any]) -> str:
    """Covers who ratified it as well as the words, so neither can be changed unnoticed."""
    return fingerprint({"ratification": ratification, "content": content})


def content_policy(policy_id: str, content: dict[str, Any]) -> Policy:
    return Policy.model_validate({**content, "id": policy_id})


def archive_path(org_folder: Path, policy_id: str, key: str) -> Path:
    """Where a version's text is archived; `key` is its number, or its date (see `event_key`)."""
    return org_folder / ARCHIVE_DIR / policy_id / f"{version_slug(key)}.yml"


def archive_text(org_name: str, policy_id: str, ratification: Event, content: dict[str, Any]) -> str:
    """The archive file, with a header telling a person opening it not to edit it."""
    event = ratification.model_dump(mode="json", exclude_defaults=True)
    record: dict[str, Any] = {"format": FORMAT, "policy": policy_id}
    if ratification.version:  # a version the school gave no number is named by its date alone
        record["version"] = ratification.version
    record |= {"ratification": event, "fingerprint": _record_fingerprint(event, content), "content": content}
    header = (
        f"# The text of {policy_id} {version_name(ratification)} for {org_name}, "
        f"{ratification.event.value} {ratification.date.display()}.\n"
        "# Written by policy-site. Do not edit: this is the permanent record of what was ratified,\n"
        "# and the build refuses an archive whose content no longer matches its fingerprint.\n"
    )
    return header + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


@dataclass(frozen=True)
class Recorded:
    """A policy whose archives are being read, and where its ratification record is kept."""

    policy: Policy
    doc: YamlDocument  # the file holding the policy's history
    own_history: bool  # False for a school adopting its trust's record unchanged


def _load_one(path: Path, recorded: Recorded | None, has_file: bool, errors: list[SourceError]) -> ArchivedVersion | None:

    doc = load_yaml(path, errors)
    if doc is None:
        return None
    record = validate_model(ArchiveFile, doc, errors)
    if record is None:
        return None
    return _check(record, doc, recorded, has_file, errors)


def _check_fingerprint(record: ArchiveFile, doc: YamlDocument, event: Event, where: Recorded, errors: list[SourceError]) -> None:
    """The history keeps each archive's fingerprint, so an archive edited together with its own
    fingerprint no longer matches the record it was ratified with."""
    expected = fingerprint(record.content)
    index = where.policy.history.index(event)
    line = where.doc.line_of(("history", index))
    if event.archive is None:
        errors.append(
            where.doc.error(
                ("history", index),
                f"{version_name(event)} has an archived text ({ARCHIVE_DIR}/{record.policy}/{doc.path.name}) whose fingerprint this entry does not record; "
                f'add the line `archive: "{expected}"` to this entry (policy-site ratify and freeze write it)',
            )
        )
    elif event.archive != expected:
        errors.append(
            doc.error(
                ("content",),
                f"this archived text does not match the fingerprint recorded for {version_name(event)} when it was ratified "
                f"({display_path(where.doc.path)}:{line}); archived text must never change: restore the file from your backup or version control",
            )
        )


def _check(record: ArchiveFile, doc: YamlDocument, where: Recorded | None, has_file: bool, errors: list[SourceError]) -> ArchivedVersion | None:
    before = len(errors)
    path = doc.path
    policy = where.policy if where else None
    if record.format != FORMAT:
        errors.append(doc.error(("format",), f"archive format {record.format} is not one this version of policy-site reads ({FORMAT}); upgrade policy-site"))
    if record.policy != path.parent.name:
        errors.append(doc.error(("policy",), f"this archive is for '{record.policy}' but sits in archive/{path.parent.name}/; move it back where policy-site wrote it"))
    if event_key(record.ratification) != path.stem or record.ratification.version != record.version:
        errors.append(
            doc.error(("version",), f"this archive records {version_name(record.ratification)} but is named {path.name}; restore it from your backup or version control")
        )
    raw_event = doc.data.get("ratification") if isinstance(doc.data, dict) else None
    if _record_fingerprint(raw_event, record.content) != record.fingerprint:
        errors.append(
            doc.error(
                ("content",),
                "this archived version has been edited since it was ratified (its fingerprint no longer matches); "
                "archived text must never change: restore the file from your backup or version control",
            )
        )
    if policy is None and has_file:
        return None  # the policy file has errors of its own, reported already
    if policy is None or where is None:
        errors.append(
            doc.error(
                (),
                f"there is no policies/{path.parent.name}.yml for this archived version; archived versions stay published, so restore the policy file",
            )
        )
    elif record.ratification.event in RATIFYING_EVENTS:
        key = event_key(record.ratification)
        recorded = [e for e in policy.history if e.event in RATIFYING_EVENTS and event_key(e) == key]
        if not recorded:
            errors.append(
                doc.error(
                    ("ratification",),
                    f"{version_name(record.ratification)} is archived but the policy's history has no {record.ratification.event.value} event for it; "
                    "put the event back in the policy's history",
                )
            )
        else:
            differ = [f for f in RECORD_FIELDS if getattr(recorded[0], f) != getattr(record.ratification, f)]
            if differ:
                errors.append(
                    doc.error(
                        ("ratification", differ[0]),
                        f"{version_name(record.ratification)} was archived with a different {', '.join(differ)} from the policy's history; "
                        "the archive is the permanent record, so make the history match it",
                    )
                )
            elif where.own_history:
                _check_fingerprint(record, doc, recorded[0], where, errors)
    try:
        content = content_policy(record.policy, record.content)
    except ValueError as exc:
        errors.append(doc.error(("content",), f"the archived content cannot be read ({exc.__class__.__name__}); restore the file from your backup"))
        return None
    if len(errors) > before:
        return None
    return ArchivedVersion(record.policy, record.version, record.ratification, content, path, fingerprint(record.content))


def _missing(recorded: Recorded, present: set[str], folder: str, errors: list[SourceError]) -> None:
    """A ratification that records an archive fingerprint has an archive file: one deleted or
    renamed is an error, never a version page that silently disappears."""
    for index, event in enumerate(recorded.policy.history):
        if event.archive and event.event in RATIFYING_EVENTS and event_key(event) not in present:
            errors.append(
                recorded.doc.error(
                    ("history", index, "archive"),
                    f"{version_name(event)} was archived as {ARCHIVE_DIR}/{folder}/{version_slug(event_key(event))}.yml, which is missing; "
                    "restore it from your backup or version control (archived versions are never deleted)",
                )
            )


def load_archives(
    org_folder: Path, files: dict[str, list[Path]], policies: dict[str, Recorded], policy_files: set[str], errors: list[SourceError]
) -> dict[str, list[ArchivedVersion]]:
    """Every archived version in `files` (policy id -> its files under org_folder/archive/), per
    policy id, in ratification order."""
    found: dict[str, list[ArchivedVersion]] = {}
    for policy_id, paths in sorted(files.items()):
        versions = []
        for path in paths:
            archived = _load_one(path, policies.get(policy_id), policy_id in policy_files, errors)
            if archived:
                versions.append(archived)
        if versions:
            history = policies[policy_id].policy.history if policy_id in policies else []
            order = {event_key(e): i for i, e in enumerate(history) if e.event in RATIFYING_EVENTS}
            found[policy_id] = sorted(versions, key=lambda a: order.get(a.key, len(order)))
    for policy_id, recorded in policies.items():
        if recorded.own_history:
            _missing(recorded, {p.stem for p in files.get(policy_id, [])}, policy_id, errors)
    return found
