"""Which sites need building again: a digest of everything a site's output is made from.

A site's digest covers the Markdown of every page it will have (so the school's sources,
its trust's policies and anything else a page shows), its search documents and feeds, the
hand-written pages, and the tool itself (mkdocs.yml, templates, overrides, the generator's
code and the MkDocs/Material versions). Equal digests mean byte-identical output, so a site
whose digest is unchanged since the last build into the same folder is kept as it is.
Editing one school's overlay changes that school's pages only; editing a trust policy
changes the pages of the trust and of the schools that adopt it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from pathlib import Path

from generator.render import exports
from generator.render.renderer import Renderer
from generator.sources.loaded import Sources
from generator.views.site import SiteView, site_view


@dataclass(frozen=True)
class DigestContext:
    """What every site's digest needs besides its sources, read once per build."""

    templates: Path
    hand_written: list[tuple[str, str]]
    directory_urls: bool
    site_url: str
    pdfs: bool
    window_days: int
    tool: str
    docs_dir: Path | None = None  # so `/path` links are written as the build writes them
    drafts: bool = False  # a preview's, with the draft policies


@dataclass(frozen=True)
class SiteRecord:
    """What the manifest keeps for each site it has built."""

    inputs: str  # the files the site is made from (a quick first check)
    digest: str  # what the site is made from (the decisive check)
    notices: list[str]  # its warnings, printed again whenever it is kept
    stop: str | None  # why --fail-on-overdue-statutory would stop for it


MANIFEST_FORMAT = 2
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "lunr", "playwright")
GENERATOR = Path(__file__).parents[1]


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def tool_digest(config_file: Path, folders: list[Path], settings: dict[str, object]) -> str:
    """Everything outside the sources that shapes every site: config, templates, code, versions."""
    h = hashlib.sha256()
    h.update(config_file.read_bytes())
    for folder in [GENERATOR, *folders]:
        for path in _files(folder):
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    for package in PACKAGES:
        try:
            h.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package} missing".encode())
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return h.hexdigest()


def site_digest(site: SiteView, renderer: Renderer, hand_written: list[tuple[str, str]], directory_urls: bool, site_url: str, tool: str) -> str:
    """The digest of what one organisation's site is made from (see the module docstring)."""
    h = hashlib.sha256(tool.encode())
    for page in site.pages:
        h.update(page.path.encode())
        h.update(renderer.page(page).encode())
    for src, markdown in hand_written:
        h.update(src.encode())
        h.update(renderer.hand_written(markdown, src).encode())
    # The search documents are made from the same policies and pages: their data stands in
    # for them (building the documents costs more than all the pages).
    h.update(site.org.model_dump_json().encode())
    if site.identity:
        # The header and footer: a trust's logo and colours reach its schools' pages, and a logo
        # file can change under the same name.
        h.update(repr(replace(site.identity, logo=None)).encode())
        if site.identity.logo:
            h.update(f"{site.identity.logo_asset}\n".encode())
            h.update(site.identity.logo.read_bytes())
    for view in site.policies:
        h.update(view.policy.model_dump_json().encode())
    for content in exports.site_exports(site, site_url, directory_urls).values():
        h.update((content or "").encode())
    h.update(json.dumps(site.nav([src for src, _ in hand_written if src != "index.md"]), sort_keys=True).encode())
    return h.hexdigest()


def site_record(site: SiteView, renderer: Renderer, inputs: str, context: DigestContext) -> SiteRecord:
    digest = site_digest(site, renderer, context.hand_written, context.directory_urls, context.site_url, context.tool)
    return SiteRecord(inputs, digest, site.notices(), site.overdue_statutory())


def record_from_sources(sources: Sources, org_id: str, day: dt.date, inputs: str, context: DigestContext) -> SiteRecord:
    """A site's record made from its sources without building it, to compare with the last build's."""
    site = site_view(sources, org_id, day, context.window_days, context.drafts)
    return site_record(site, Renderer(site, context.templates, context.directory_urls, context.pdfs, context.docs_dir), inputs, context)


def input_files(sources: Sources, org_id: str) -> list[Path]:
    """The source files one site is made from: a school's folder and the trust files it adopts;
    for a trust, every folder (its dashboard shows each school's policies)."""
    source = sources.orgs[org_id]
    if source.org.kind.value == "trust":
        return _files(sources.root)
    files = _files(source.folder)
    trust = sources.orgs.get(source.org.trust.id or "") if source.org.trust else None
    if trust:
        files.append(trust.doc.path)
        files += [trust.policies[pid].doc.path for pid, ps in sorted(source.policies.items()) if ps.adoption and pid in trust.policies]
    return files


def inputs_digest(sources: Sources, org_id: str, tool: str) -> str:
    h = hashlib.sha256(tool.encode())
    for path in input_files(sources, org_id):
        h.update(str(path.relative_to(sources.root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def read_manifest(path: Path | None) -> dict[str, SiteRecord]:
    """The records of the sites online (see generator/sites/publish.py for where the manifest lives);
    nothing (so a full build) if there is none or it is unreadable."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            return {}
        return {str(k): SiteRecord(**v) for k, v in data["sites"].items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def manifest_text(sites: dict[str, SiteRecord]) -> str:
    """The manifest for a generation, written by generator/sites/publish.py before it goes online."""
    return json.dumps({"format": MANIFEST_FORMAT, "sites": {k: asdict(v) for k, v in sorted(sites.items())}}, indent=1) + "\n"
