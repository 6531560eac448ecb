"""Read policy_sources/ into validated models, collecting every error of the run."""

from __future__ import annotations

from pathlib import Path

from generator.sources.anchors import Anchor, policy_anchors
from generator.sources.archive import Recorded, load_archives
from generator.sources.checks import check_links, check_policy_data, check_sources, policy_warnings
from generator.sources.errors import SourceError, SourcesInvalid, display_path
from generator.sources.link_check import LinkSite, check_site_links
from generator.sources.loaded import OrgSource, PolicySource, Sources, own_history
from generator.sources.model.organisation import Organisation
from generator.sources.model.overlay import Overlay
from generator.sources.model.policy import Policy
from generator.sources.overlay import merge
from generator.sources.parties import Reads, party_pages
from generator.sources.placeholders import Placeholders
from generator.sources.plain_work import work_report
from generator.sources.reading_checks import reading_warnings
from generator.sources.source_files import ORGANISATION_FILE, POLICIES_DIR, find_source_files
from generator.sources.strength_checks import overlay_warnings
from generator.sources.validation import validate_model
from generator.sources.yaml_document import YamlDocument
from generator.sources.yaml_source import load_yaml


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


# (organisation folder, the policy whose text it is or None, the file): every file whose links are checked.
LinkDocs = list[tuple[str, str | None, YamlDocument]]


def load_sources(root: Path, only: str | None = None, docs_dir: Path | None = None) -> Sources:
    """Load and check every organisation and policy (or, with `only`, those one organisation's
    site is made from, so a live preview of one school stays quick in a large trust); raise
    SourcesInvalid listing all errors. With `docs_dir`, a link to a file checks it is there."""
    errors: list[SourceError] = []
    link_docs: LinkDocs = []
    orgs: dict[str, OrgSource] = {}
    raw_docs: list[tuple[set[str], YamlDocument, Reads]] = []
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
        if org_doc:
            link_docs.append((name, None, org_doc))
        org = validate_model(Organisation, org_doc, errors) if org_doc else None
        policies: dict[str, PolicySource] = {}
        site_policies = {p.stem for p in files.policies} | {p.stem for p in files.overlays}
        for policy_path in files.policies:
            doc = load_yaml(policy_path, errors)
            if doc:
                raw_docs.append((site_policies, doc, party_pages(org)))
                link_docs.append((name, policy_path.stem, doc))
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
        _adopt(sources, sources.orgs[org_id], paths, errors, link_docs)
    for org_id, source in orgs.items():
        stems = {p.stem for p in found.orgs[org_id].policies} | {p.stem for p in overlays[org_id]}
        recorded = {pid: Recorded(ps.policy, ps.doc, own_history(ps)) for pid, ps in source.policies.items()}
        source.archives = load_archives(source.folder, archives[org_id], recorded, stems, errors)
    if not orgs and not errors:
        errors.append(SourceError(display_path(root), 1, "no organisations found; add a folder with organisation.yml and policies/"))
    # A policy may link by id only to policies on its own site (its own and those it adopts).
    for files_here, doc, reads in raw_docs:
        errors.extend(check_policy_data(doc, files_here, reads, sources.plain_to_write))
        sources.warnings.extend(str(warning) for warning in sorted(policy_warnings(doc)))
    errors.extend(check_sources(sources))
    sources.warnings.extend(str(warning) for warning in sorted(reading_warnings(sources)))
    errors.extend(_check_site_links(sources, link_docs, {name: files.stems() for name, files in found.orgs.items()}, docs_dir))
    if errors:
        raise SourcesInvalid(errors, work_report(sources.plain_to_write))
    return sources


def _check_site_links(sources: Sources, link_docs: LinkDocs, stems: dict[str, set[str]], docs_dir: Path | None) -> list[SourceError]:
    """Every link of every file against the site it is published on: the merged policies' ids
    where they loaded, else those written in the policy's own file (so one broken file does
    not make every link to it an error)."""
    raw: dict[tuple[str, str], dict[str, Anchor]] = {(org, own): policy_anchors(doc.data) for org, own, doc in link_docs if own and doc.path.parent.name == POLICIES_DIR}
    errors: list[SourceError] = []
    sites: dict[str, LinkSite] = {}
    for org, own, doc in link_docs:
        if org not in sites:
            loaded = sources.orgs[org].policies if org in sources.orgs else {}
            policies = {pid: policy_anchors(loaded[pid].policy.model_dump(mode="json")) if pid in loaded else raw.get((org, pid)) for pid in stems.get(org, set())}
            sites[org] = LinkSite(policies, docs_dir)
        errors += check_site_links(doc, sites[org], own)
    return errors


def _adopt(sources: Sources, source: OrgSource, paths: list[Path], errors: list[SourceError], link_docs: LinkDocs) -> None:
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
        link_docs.append((org.id, path.stem, doc))
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
        sources.warnings.extend(str(warning) for warning in sorted(overlay_warnings(doc, trust_policy.doc)))
        titles = {pid: ps.policy.title for pid, ps in trust.policies.items()}
        merged = merge(trust_policy.policy, overlay, doc, fill, site_policies, titles, trust.org.id, errors, party_pages(org))
        if merged:
            source.policies[path.stem] = PolicySource(merged[0], doc, merged[1])
