"""Build one organisation's site, or serve one live, through MkDocs: the calls the other stages make."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.mkdocs_adapter.plugin import PolicySitePlugin
from generator.render.pdf import PrintJob
from generator.render.renderer import Renderer
from generator.sources.loaded import Sources
from generator.views.site import SiteView


class SiteBuildError(Exception):
    """MkDocs could not build or serve the site; the message says why in one sentence."""


@dataclass
class BuiltSite:
    """What one build made, for the manifest record and the PDFs printed after all the builds."""

    site: SiteView
    renderer: Renderer
    pdf_jobs: list[PrintJob] = field(default_factory=list)


@dataclass(frozen=True)
class SiteRequest:
    config_file: Path
    site_dir: Path
    org_id: str
    day: str
    strict: bool
    fail_on_overdue_statutory: bool
    pdf: bool | None  # None: as mkdocs.yml says
    drafts: bool = False  # a preview with the draft policies, never to be published


def quiet_mkdocs_logs(verbose: bool) -> None:
    """MkDocs' warnings on stderr as `WARNING: ...`, its progress only when verbose."""
    # Warnings must reach MkDocs' strict-mode counter, and the admin must see them.
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.INFO if verbose else logging.WARNING)
    if not any(getattr(h, "policy_site", False) for h in mkdocs_log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        # A mark on our handler, so a second build in the same process does not add another.
        handler.policy_site = True  # type: ignore[attr-defined]
        mkdocs_log.addHandler(handler)
        mkdocs_log.propagate = False


def build_site(request: SiteRequest, preloaded: Sources | None) -> BuiltSite:
    """Build one organisation's site into request.site_dir, from `preloaded` sources when given.

    PDFs are not printed here but returned as jobs, so a build of many sites prints them all with
    one browser at the end rather than one Chromium per worker competing for the same cores."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(request.config_file), site_dir=str(request.site_dir), strict=request.strict)
        plugin = config.plugins["policy-site"]
        assert isinstance(plugin, PolicySitePlugin)
        plugin.config.organisation = request.org_id
        plugin.config.date = request.day
        plugin.config.fail_on_overdue_statutory = request.fail_on_overdue_statutory or plugin.config.fail_on_overdue_statutory
        plugin.config.drafts = request.drafts
        if request.pdf is not None:
            plugin.config.pdf = request.pdf
        plugin.preloaded = preloaded
        plugin.defer_pdfs = True
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as exc:
        raise SiteBuildError(str(exc)) from exc
    assert plugin.site is not None and plugin.renderer is not None  # set by every successful build
    return BuiltSite(plugin.site, plugin.renderer, list(plugin.pdf_jobs))


def serve(config_file: str, dev_addr: str) -> None:
    """Serve the site at dev_addr, rebuilding when a file is saved, until Ctrl+C."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    try:
        mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        raise SiteBuildError(str(exc)) from exc
