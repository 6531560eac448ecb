"""Read policy_sources/ into validated models, collecting every error of the run."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.archive import ArchivedVersion, Recorded, load_archives
from generator.checks import check_links, check_policy_data, check_sources
from generator.errors import SourceError, SourcesInvalid, display_path
from generator.model import Organisation, Overlay, Policy
from generator.overlay import Adoption, merge
from generator.source_files import ORGANISATION_FILE, find_source_files
from generator.text import Placeholders
from generator.yaml_source import YamlDocument, load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class PolicySource:
    policy: Policy
    doc: YamlDocument
    adoption: Adoption | None = None  # set when the policy is a trust policy adapted by an overlay


@dataclass
class OrgSource:
    org: Organisation
    doc: YamlDocument
    policies: dict[str, PolicySource] = field(default_factory=dict)
    archives: dict[str, list[ArchivedVersion]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.doc.path.parent


@dataclass
class Sources:
    root: Path
    orgs: dict[str, OrgSource]
    warnings: list[str] = field(default_factory=list)  # files under the sources folder left unread, and why

    def trust_of(self, org: Organisation) -> Organisation | None:
        if org.trust and org.trust.id and org.trust.id in self.orgs:
            return self.orgs[org.trust.id].org
        return None

    def trust_name(self, org: Organisation) -> str | None:
        if org.kind.value == "trust":
            return org.name
        if org.trust:
            trust = self.trust_of(org)
            return trust.name if trust else org.trust.name
        return None


def _field_named(model: type[BaseModel], name: str) -> str | None:
    """The model's field written `name` in YAML: its own name, or its alias (`with` for `with_`)."""
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return field_name
    return None


def _yaml_names(model: type[BaseModel]) -> list[str]:
    return sorted(info.alias or name for name, info in model.model_fields.items())


def _model_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that sits at `loc` inside `model`, to list its fields in advice."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        name = _field_named(current, part)
        if name is None:
            return None
        current = _unwrap(current.model_fields[name].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", None)
    if args:
        for arg in args:
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, (BaseModel, Enum)):
                return inner
    return annotation


def _field_hint(model: type[BaseModel] | None, name: str) -> str:
    if model is None or name not in model.model_fields:
        return ""
    target = _unwrap(model.model_fields[name].annotation)
    if isinstance(target, type) and issubclass(target, Enum):
        return f" (one of: {', '.join(m.value for m in target)})"
    description = model.model_fields[name].description
    return f" ({description})" if description else ""


def _translate(error: dict[str, Any], model: type[BaseModel]) -> tuple[tuple[str | int, ...], str]:
    """Turn one pydantic error into (where, plain sentence with what to write instead)."""
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part[:1].isupper()))
    kind = error["type"]
    value = error.get("input")
    if isinstance(value, str) and len(value) > 60:
        value = value[:60] + "…"
    name = str(loc[-1]) if loc else ""
    parent = _model_fields(model, loc[:-1])
    if kind == "missing":
        return loc, f"'{name}' is missing; add `{name}:`{_field_hint(parent, name)}"
    if kind == "extra_forbidden":
        allowed = _yaml_names(parent) if parent else []
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"the fields allowed here are: {', '.join(allowed)}"
        return loc, f"unknown field '{name}'; {hint}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        what = "an audience" if "pupils" in expected else f"a valid '{name}'" if isinstance(loc[-1], str) else "valid here"
        if isinstance(loc[-1], int) and len(loc) > 1:
            what = "an audience" if loc[-2] == "audiences" else f"a valid entry for '{loc[-2]}'"
        return loc, f"'{value}' is not {what}; write one of: {expected.replace(chr(39), '')}"
    if kind == "string_pattern_mismatch" and name == "version":
        return loc, f'\'{value}\' is not a version number; write digits, letters and dots only, e.g. "3" or "2.1"'
    if kind == "string_pattern_mismatch":
        suggestion = "-".join("".join(c if c.isalnum() else " " for c in str(value).lower()).split())
        return loc, (f"'{value}' is not a valid id; use lowercase letters, digits and single hyphens" + (f", e.g. {suggestion}" if suggestion else ""))
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return loc, message
    if kind in ("too_short",):
        return loc, f"'{name}' needs at least {error['ctx']['min_length']} entr{'y' if error['ctx']['min_length'] == 1 else 'ies'}"
    if kind == "string_too_short":
        return loc, f"'{name}' is empty; write the text"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "bool_type", "int_type", "int_parsing", "bool_parsing"):
        expected = {
            "string_type": "text",
            "list_type": "a list (lines starting with '- ')",
            "dict_type": "a block of 'field: value' lines",
            "model_type": "a block of 'field: value' lines",
            "bool_type": "true or false",
            "bool_parsing": "true or false",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
        }[kind]
        hint = " (put it in quotes)" if kind == "string_type" and value is not None else ""
        shown = repr(value)
        return loc, f"'{name}' should be {expected}{hint}, not {shown if len(shown) <= 60 else shown[:60] + '…'}"
    return loc, f"'{name}': {error['msg']}"


def _swallowed(doc: YamlDocument, loc: tuple[str | int, ...], name: str) -> SourceError | None:
    """A missing field that is really there, indented so far that YAML read it as part of the
    text above it: say so at the line where it is written."""
    block: Any = doc.data
    for part in loc:
        try:
            block = block[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(block, dict):
        return None
    pattern = re.compile(rf"(?:^|\s){re.escape(name)}:(?:\s|$)")
    holder = next((key for key, value in block.items() if isinstance(value, str) and pattern.search(value)), None)
    if holder is None:
        return None
    start = doc.line_of((*loc, holder))
    lines = doc.text.splitlines()
    line = next((n for n in range(start, len(lines) + 1) if re.match(rf"\s*{re.escape(name)}:", lines[n - 1])), start)
    return SourceError(
        display_path(doc.path),
        line,
        f"'{name}:' is indented as far as the text of '{holder}:' above it, so it is read as part of that text; move it left to line up with '{holder}:'",
    )


def validate_model(model: type[M], doc: YamlDocument, errors: list[SourceError]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc, message = _translate(error, model)
            found = _swallowed(doc, loc[:-1], str(loc[-1])) if error["type"] == "missing" and loc else None
            errors.append(found or doc.error(loc, message))
        return None


def _needed_for(root: Path, org_id: str) -> set[str] | None:
    """The folders one organisation's site is made from: a school and its trust. A trust's site
    shows its schools' review status, so it needs every folder (None)."""
    path = root / org_id / ORGANISATION_FILE
    if path.is_symlink() or not path.is_file():
        return None  # the full walk reports it
    doc = load_yaml(path, [])
    data = doc.data if doc and isinstance(doc.data, dict) else {}
    if data.get("kind") != "school":
        return None
    trust = data.get("trust")
    trust_id = trust.get("id") if isinstance(trust, dict) else None
    return {org_id} | ({trust_id} if isinstance(trust_id, str) else set())


def load_sources(root: Path, only: str | None = None) -> Sources:
    """Load and check every organisation and policy (or, with `only`, those one organisation's
    site is made from, so a live preview of one school stays quick in a large trust); raise
    SourcesInvalid listing all errors."""
    errors: list[SourceError] = []
    orgs: dict[str, OrgSource] = {}
    raw_docs: list[tuple[set[str], YamlDocument]] = []
    if not root.is_dir():
        raise SourcesInvalid([SourceError(display_path(root), 1, "this folder does not exist; create it or point --sources at your policies")])
    overlays: dict[str, list[Path]] = {}
    archives: dict[str, dict[str, list[Path]]] = {}
    found = find_source_files(root, _needed_for(root, only) if only else None)
    errors += found.errors
    for name, files in found.orgs.items():
        folder = files.folder
        if files.organisation is None:
            errors.append(SourceError(display_path(folder), 1, f"no {ORGANISATION_FILE} here; every organisation folder needs one"))
            continue
        org_doc = load_yaml(files.organisation, errors)
        # Links are checked in the raw data of every file, so they are reported even beside model errors.
        errors += check_links(org_doc) if org_doc else []
        org = validate_model(Organisation, org_doc, errors) if org_doc else None
        policies: dict[str, PolicySource] = {}
        site_policies = {p.stem for p in files.policies} | {p.stem for p in files.overlays}
        for policy_path in files.policies:
            doc = load_yaml(policy_path, errors)
            if doc:
                raw_docs.append((site_policies, doc))
            policy = validate_model(Policy, doc, errors) if doc else None
            if doc and policy:
                if policy.id != policy_path.stem:
                    errors.append(doc.error(("id",), f"id '{policy.id}' does not match the file name; write `id: {policy_path.stem}` or rename the file"))
                elif policy.id in policies:
                    first = policies[policy.id].doc.path.name
                    errors.append(doc.error((), f"there are two files for the policy '{policy.id}' ({first} and {policy_path.name}); keep one"))
                    continue
                policies[policy.id] = PolicySource(policy, doc)
        if org and org_doc:
            if org.id != name:
                errors.append(org_doc.error(("id",), f"id '{org.id}' does not match the folder name; write `id: {name}` or rename the folder"))
                continue
            orgs[org.id] = OrgSource(org, org_doc, policies)
            overlays[org.id] = files.overlays
            archives[org.id] = files.archives
    sources = Sources(root, orgs, found.warnings)
    for org_id, paths in overlays.items():
        _adopt(sources, sources.orgs[org_id], paths, errors)
    for org_id, source in orgs.items():
        stems = {p.stem for p in found.orgs[org_id].policies} | {p.stem for p in overlays[org_id]}
        recorded = {pid: Recorded(ps.policy, ps.doc, own_history(ps)) for pid, ps in source.policies.items()}
        source.archives = load_archives(source.folder, archives[org_id], recorded, stems, errors)
    if not orgs and not errors:
        errors.append(SourceError(display_path(root), 1, "no organisations found; add a folder with organisation.yml and policies/"))
    # A policy may link by id only to policies on its own site (its own and those it adopts).
    for files_here, doc in raw_docs:
        errors.extend(check_policy_data(doc, files_here))
    errors.extend(check_sources(sources))
    if errors:
        raise SourcesInvalid(errors)
    return sources


def own_history(ps: PolicySource) -> bool:
    """Whether the policy's ratification record is written in its own file (not the trust's)."""
    return ps.adoption is None or (isinstance(ps.doc.data, dict) and "history" in ps.doc.data)


def _adopt(sources: Sources, source: OrgSource, paths: list[Path], errors: list[SourceError]) -> None:
    """Merge each overlay in the school's overlays/ with its trust's policy of the same id."""
    if not paths:
        return
    org = source.org
    trust = sources.orgs.get(org.trust.id) if org.trust and org.trust.id else None
    site_policies = set(source.policies) | {p.stem for p in paths}
    fill = Placeholders(org, sources.trust_name(org))
    for path in paths:
        # An empty overlay adopts the trust's policy unchanged.
        doc = load_yaml(path, errors, empty_ok=True)
        if doc is None:
            continue
        errors += check_links(doc)
        overlay = validate_model(Overlay, doc, errors)
        if overlay is None:
            continue
        if org.kind.value == "trust" or trust is None:
            errors.append(
                doc.error(
                    (),
                    f"{org.name} has no trust here to adapt a policy from; add `trust: {{id: ...}}` to organisation.yml, "
                    "or move this file to policies/ as a policy of its own",
                )
            )
            continue
        if path.stem in source.policies:
            errors.append(doc.error((), f"{org.id} has both policies/{path.stem}.yml and this overlay of the trust's policy; keep one"))
            continue
        trust_policy = trust.policies.get(path.stem)
        if trust_policy is None:
            listed = ", ".join(sorted(trust.policies)) or "none yet"
            errors.append(doc.error((), f"{trust.org.name} has no policy '{path.stem}' to adapt (its policies: {listed}); name the file after one of them"))
            continue
        titles = {pid: ps.policy.title for pid, ps in trust.policies.items()}
        merged = merge(trust_policy.policy, overlay, doc, fill, site_policies, titles, trust.org.id, errors)
        if merged:
            source.policies[path.stem] = PolicySource(merged[0], doc, merged[1])
