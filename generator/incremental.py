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

import hashlib
import json
from importlib import metadata
from pathlib import Path

from generator import exports
from generator.render import Renderer
from generator.views import SiteView

MANIFEST_FORMAT = 1
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "lunr", "playwright")
GENERATOR = Path(__file__).parent


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
    for view in site.policies:
        h.update(view.policy.model_dump_json().encode())
    for content in (
        exports.changes_feed(site, site_url, directory_urls),
        exports.review_calendar(site, site_url, directory_urls),
        exports.policies_export(site, directory_urls),
    ):
        h.update((content or "").encode())
    h.update(json.dumps(site.nav([src for src, _ in hand_written if src != "index.md"]), sort_keys=True).encode())
    return h.hexdigest()


def manifest_path(output: Path) -> Path:
    # Beside the output, not in it: the output folder stays plain files for any host.
    return output.with_name(f".{output.name}.manifest.json")


def read_manifest(output: Path) -> dict[str, str]:
    path = manifest_path(output)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("sites"), dict):
        return {}
    return {str(k): str(v) for k, v in data["sites"].items()}


def write_manifest(output: Path, sites: dict[str, str]) -> None:
    text = json.dumps({"format": MANIFEST_FORMAT, "sites": dict(sorted(sites.items()))}, indent=1)
    manifest_path(output).write_text(text + "\n", encoding="utf-8")
