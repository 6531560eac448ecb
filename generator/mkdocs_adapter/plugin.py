"""The MkDocs plugin: our page views handed to MkDocs/Material as pages.

It reads the plugin options, adds the generated pages as virtual files (nothing is written
into docs/), sets the navigation, and watches policy_sources/ under `mkdocs serve`. The rest
of the adapter: `config.py` (mkdocs.yml for the other stages), `run.py` (build or serve one
site), `html_fixes.py` (corrections to Material's HTML).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from generator.mkdocs_adapter.html_fixes import fix_page_html
from generator.render import exports, pdf, print_urls, search_index
from generator.render.identity_css import identity_css
from generator.render.renderer import ASSETS, Renderer, source_errors_page
from generator.render.safe_html import neutralise_html
from generator.sources.build_date import build_date
from generator.sources.errors import SourcesInvalid
from generator.sources.inert_text import theme_safe
from generator.sources.load import load_sources
from generator.sources.loaded import Sources
from generator.sources.status import DEFAULT_WINDOW_DAYS
from generator.views.site import SiteView, site_view

log = get_plugin_logger(__name__)

STYLESHEET = "assets/policy-site.css"
# Served as the one stylesheet above, in this order (print rules last, so they win): one
# request fewer each on a phone.
STYLESHEET_PARTS = ("policy-site.css", "search.css", "pupils-words.css", "print.css")
# Each loaded only by the pages that use it (overrides/main.html): search, the pupils' words, and
# the print button of policy pages.
SCRIPTS = ("lunr.min.js", "policy-search.js", "pupils-words.js", "print-page.js")
# The hand-written page every footer links to, when docs/ has it.
ACCESSIBILITY_PAGE = "accessibility.md"


# MkDocs' Config.__init_subclass__ has no annotations, so a subclass is an untyped call to mypy.
class PolicySiteConfig(base.Config):  # type: ignore[no-untyped-call]
    sources = c.Type(str, default="policy_sources")
    organisation = c.Optional(c.Type(str))
    date = c.Optional(c.Type(str))
    review_window_days = c.Type(int, default=DEFAULT_WINDOW_DAYS)
    templates = c.Type(str, default="overrides/policy_pages")
    fail_on_overdue_statutory = c.Type(bool, default=False)
    pdf = c.Type(bool, default=True)
    # A preview's: draft policies included, bannered (always under `serve`).
    drafts = c.Type(bool, default=False)


def choose_organisation(sources: Sources, requested: str | None) -> str:
    org_id = requested or os.environ.get("POLICY_SITE_ORG") or next(iter(sorted(sources.orgs)))
    if org_id not in sources.orgs:
        raise PluginError(f"there is no organisation '{org_id}'; choose one of: {', '.join(sorted(sources.orgs))}")
    return org_id


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):  # type: ignore[no-untyped-call]  # as above
    def __init__(self) -> None:
        self.command = "build"
        self.site: SiteView | None = None
        self.renderer: Renderer | None = None
        self.base: Path = Path.cwd()
        self.notices: list[str] = []
        self.pdfs = False
        # `policy-site build` loads the sources once for all its sites and hands them in here.
        self.preloaded: Sources | None = None
        # Set by `policy-site build`, which prints every site's PDFs with one browser at the end
        # rather than one Chromium per worker process competing for the same cores.
        self.defer_pdfs = False
        self.pdf_jobs: list[pdf.PrintJob] = []
        # Under `serve`, while the sources have errors: the `file:line: message` lines every page
        # shows instead of its text (None when the sources are fine).
        self.problems: list[str] | None = None
        # The generated files of the last good build, reused while `problems` is set so the
        # open page keeps its address and title.
        self.generated: dict[str, str] = {}
        # The hand-written accessibility statement's address, which every page's footer links to.
        self.accessibility_url: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.base = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            wanted = self.config.organisation or os.environ.get("POLICY_SITE_ORG")
            sources = self.preloaded or load_sources(self.base / self.config.sources, only=wanted, docs_dir=Path(config.docs_dir))
            org_id = choose_organisation(sources, self.config.organisation)
        except (SourcesInvalid, PluginError) as exc:
            if self.command != "serve" or self.site is None:
                if isinstance(exc, SourcesInvalid):
                    raise PluginError("policy sources have errors:\n" + exc.report()) from None
                raise
            return self._show_problems(config, exc)
        try:
            today = build_date(self.config.date)
        except ValueError:
            raise PluginError(f"the build date '{self.config.date}' is not a date; write YYYY-MM-DD") from None
        if self.problems is not None:
            print("The policy files are fixed; the preview shows the site again.", flush=True)
            self.problems = None
        drafts = self.config.drafts or self.command == "serve"
        self.site = site_view(sources, org_id, today, self.config.review_window_days, drafts)
        if self.config.fail_on_overdue_statutory and (overdue := self.site.overdue_statutory()):
            raise PluginError(overdue)
        # Info, not warning: an overdue policy is the school's business, not a broken build.
        self.notices = self.site.notices()
        for notice in self.notices:
            log.info(notice)
        # Not under `mkdocs serve`: printing on every save would make the preview slow to follow.
        self.pdfs = self.config.pdf and self.command == "build"
        if self.pdfs:
            try:
                pdf.find_chromium()
            except pdf.PdfError as exc:
                raise PluginError(str(exc)) from None
        self.renderer = Renderer(self.site, self.base / self.config.templates, config.use_directory_urls, self.pdfs, Path(config.docs_dir))
        return self._site_config(config, org_id)

    def _show_problems(self, config: MkDocsConfig, exc: SourcesInvalid | PluginError) -> MkDocsConfig:
        """A broken save under `serve`: say what is wrong in the terminal, as `validate` does, and
        build the last good site's pages as error pages rather than stop. A build that raised
        would leave MkDocs' server holding every request (and the open page) until the files
        were fixed, with only "Aborted with a BuildError!" in the terminal."""
        assert self.site
        if isinstance(exc, SourcesInvalid):
            self.problems = [str(error) for error in exc.errors]
            report = exc.report()
        else:
            self.problems = [str(exc)]
            report = str(exc)
        print(f"{report}\nThe preview shows these errors on every page until the files are fixed.", file=sys.stderr, flush=True)
        return self._site_config(config, self.site.org.id)

    def _site_config(self, config: MkDocsConfig, org_id: str) -> MkDocsConfig:
        """The site's name, address and stylesheet, which MkDocs reads afresh on every rebuild."""
        assert self.site
        config.site_name = theme_safe(self.site.org.name)
        # Search engines show this under the site's name; pages with a summary give their own.
        config.site_description = theme_safe(f"{self.site.org.name}: policies for parents and carers, pupils, staff and governors")
        if self.command == "build" and Path(config.site_dir).name != org_id:
            # Each organisation gets its own site under the output folder.
            config.site_dir = str(Path(config.site_dir) / org_id)
            if config.site_url:
                config.site_url = config.site_url.rstrip("/") + f"/{org_id}/"
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site and self.renderer
        hand_written = [f for f in files.documentation_pages() if f.src_uri != "index.md"]
        for page in self.site.pages:
            clash = files.get_file_from_path(page.path)
            if clash is not None:
                raise PluginError(f"docs/{page.path} would be hidden by a generated page of the same name; rename it")
        if self.problems is None:
            self.generated = self._generate(files, config)
        for name, content in self.generated.items():
            files.append(File.generated(config, name, content=content))
        for script in SCRIPTS:
            files.append(File.generated(config, f"assets/{script}", abs_src_path=str(ASSETS / script)))
        identity = self.site.identity
        if identity and identity.logo and identity.logo_asset:
            files.append(File.generated(config, identity.logo_asset, abs_src_path=str(identity.logo)))
        statement = files.get_file_from_path(ACCESSIBILITY_PAGE)
        self.accessibility_url = statement.url if statement else None
        config.nav = self.site.nav([f.src_uri for f in sorted(hand_written, key=lambda f: f.src_uri)])
        return files

    def _generate(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """Every file the plugin adds to the site, by its path in the site."""
        assert self.site and self.renderer
        generated = {page.path: self.renderer.page(page) for page in self.site.pages}
        parts = [(ASSETS / part).read_text(encoding="utf-8") for part in STYLESHEET_PARTS]
        # The school's colours before the print rules, which stay last.
        parts.insert(-1, identity_css(self.site.identity.palette if self.site.identity else None))
        generated[STYLESHEET] = "\n".join(part for part in parts if part)
        generated[search_index.INDEX_FILE] = self._search_index(files, config)
        outputs = exports.site_exports(self.site, config.site_url or "", config.use_directory_urls)
        generated.update({name: content for name, content in outputs.items() if content is not None})
        return generated

    def _search_index(self, files: Files, config: MkDocsConfig) -> str:
        assert self.site
        hand_written = [(f.src_uri, Path(f.abs_src_path).read_text(encoding="utf-8")) for f in files.documentation_pages() if f.generated_by is None and f.abs_src_path]
        return search_index.site_index_json(self.site, hand_written, config.use_directory_urls)

    def _identity(self, context: TemplateContext) -> TemplateContext:
        """The header's and footer's data for the theme's templates (overrides/partials/)."""
        # TemplateContext names only MkDocs' own keys; a theme's templates read any key it holds.
        extra = cast(dict[str, Any], context)
        extra["identity"] = self.site.identity if self.site else None
        extra["accessibility_url"] = self.accessibility_url
        return context

    def on_page_context(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        return self._identity(context)

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        # 404.html is a theme template, not a page: it has the same header and footer.
        return self._identity(context)

    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer
        if self.problems is not None:
            return ""  # replaced by the error page in on_page_content; no need to convert it
        if page.file.generated_by is None:
            return self.renderer.hand_written(markdown, page.file.src_uri)
        return markdown

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.problems is not None:
            return source_errors_page(self.problems, self.base / self.config.templates)
        address = urljoin(config.site_url, page.url) if config.site_url else None
        return print_urls.mark_links(html, address)

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        # Last, over the whole page (the PDFs are printed from it): no script link survives.
        return neutralise_html(fix_page_html(output))

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a theme template, not a page: on_post_page never sees it.
        return neutralise_html(fix_page_html(output_content)) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.pdfs:
            return
        assert self.site
        site_dir = Path(config.site_dir)
        jobs = pdf.print_jobs(self.site, site_dir, config.use_directory_urls)
        if self.defer_pdfs:
            self.pdf_jobs = jobs
            return
        try:
            pdf.print_pdfs(site_dir, jobs, self.site.today)
        except pdf.PdfError as exc:
            raise PluginError(str(exc)) from None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.base / self.config.sources))
        templates = self.base / self.config.templates
        if templates.is_dir():
            server.watch(str(templates))
        # MkDocs says where it serves only in an info message, which the preview does not show.
        # Said once the server listens (socketserver's server_activate), so the address answers
        # as soon as it is printed, and never printed if the port cannot be had.
        assert self.site
        line = f"Serving {self.site.org.name} at {server.url} — saving a file in {self.config.sources}/ reloads the page; Ctrl+C to stop"
        listen = server.server_activate

        def listen_and_say() -> None:
            listen()
            print(line, flush=True)

        server.server_activate = listen_and_say
        return server
