"""Page views to Markdown through Jinja2 templates (overridable from overrides/policy_pages/)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from generator.history.compare import clause_wording
from generator.render.explain import PageWords
from generator.render.filters import markdown_filter, url_filter
from generator.render.page_sections import page_sections
from generator.render.pdf import page_count_mark, pdf_path
from generator.render.site_links import SiteLinks
from generator.render.urls import page_url, relative, relative_url
from generator.sources.inert_text import Rewrite, escape_plain, inert_markdown, theme_safe
from generator.sources.model.common import Audience, Strength
from generator.sources.model.organisation import Organisation
from generator.sources.placeholders import PLACEHOLDER, Placeholders, role_title
from generator.views.glossary import page_glossary
from generator.views.labels import AUDIENCES, audience_label, strength_for_you, strength_label
from generator.views.policy import PolicyView
from generator.views.pupils import pupils_summary, pupils_title, trusted_adults
from generator.views.quick_reference import QUICK_REFERENCE
from generator.views.site import Page, SiteView

TEMPLATES = Path(__file__).parent / "templates"
# Our CSS and the search page's scripts, copied into every site as they are.
ASSETS = Path(__file__).parent / "assets"
# Blocks a hand-written page may place, e.g. `{{ audience_chooser }}` in docs/index.md.
BLOCK = re.compile(r"\{\{\s*(audience_chooser|policy_list|review_dashboard)\s*\}\}")
# A page's title line, under which a draft's banner goes.
_HEADING = re.compile(r"^# .*\n", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n.*?^---\n", re.MULTILINE | re.DOTALL)
# The picture beside a pupils' rule, by its topic: a reviewed list kept as data, beside the topics.
_TOPIC_ICONS = Path(__file__).parent / "topic_icons.yml"


@cache
def _topic_icons() -> tuple[str, dict[str, str]]:
    data = yaml.safe_load(_TOPIC_ICONS.read_text(encoding="utf-8"))
    return str(data["default"]), {str(topic): str(icon) for topic, icon in data["topics"].items()}


def topic_icon(topic: str) -> str:
    """The Material icon name for a topic's picture; a topic with none gets the default."""
    default, icons = _topic_icons()
    return icons.get(topic, default)


def _finalize(value: Any) -> Any:
    """Every value printed by a template is escaped unless it is already safe Markup."""
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    return Markup(escape_plain(str(value)))


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, not once per site: each site has its own
    Environment (its own placeholder filters), and compiling took most of a small site's
    rendering time. Jinja checks each template's source before reusing its code."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(override_dir: Path | None) -> Environment:
    loaders = [FileSystemLoader(str(override_dir))] if override_dir and override_dir.is_dir() else []
    loaders.append(FileSystemLoader(str(TEMPLATES)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # so macro output is Markup and only data gets escaped
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.globals.update(
        AUDIENCES=AUDIENCES,
        Audience=Audience,
        Strength=Strength,
        audience_label=audience_label,
        strength_label=strength_label,
        strength_for_you=strength_for_you,
        role_title=role_title,
        wording=clause_wording,
        pupils_title=pupils_title,
        pupils_summary=pupils_summary,
        trusted_adults=trusted_adults,
        topic_icon=topic_icon,
    )
    env.filters["sections"] = page_sections
    return env


class Renderer:
    """Renders one organisation's pages; the only place templates are touched."""

    def __init__(self, site: SiteView, override_dir: Path | None, directory_urls: bool = True, pdfs: bool = False, docs_dir: Path | None = None) -> None:
        self.site = site
        self.directory_urls = directory_urls
        self.fill = Placeholders(site.org, site.trust_name)
        self.links = SiteLinks(site, directory_urls, docs_dir)
        self.env = environment(override_dir)
        self.env.globals["site_anchor"] = self.links.anchor
        # The download link exists exactly when the build prints the PDF.
        # Pages name audiences as the setting does (pupils, children or students), and list only those with pages.
        self.env.globals["audience_label"] = site.audience_label
        self.env.globals["AUDIENCES"] = site.audiences
        self.env.globals["pdf_file"] = lambda view, audience=None, part=None: pdf_path(site.org.id, view, audience, part) if pdfs else None
        # The PDF's page count, written in once the build has printed it (pdf.fill_page_counts).
        self.env.globals["pdf_pages"] = lambda view, audience=None, part=None: Markup(page_count_mark(pdf_path(site.org.id, view, audience, part)))
        self.env.globals["QUICK_REFERENCE"] = QUICK_REFERENCE
        self.env.filters["md"] = markdown_filter(self.fill.fill, self._rewrite_for)
        self.env.filters["url"] = url_filter(self.fill.fill, self._rewrite_for)
        self.env.filters["inline"] = lambda text: Markup(escape_plain(self.fill.fill(text or "")))
        self.env.globals["page_words"] = self._page_words
        self.env.filters["explain"] = lambda text, words: words.explain(text) if words else text
        # Front matter titles: a JSON string is valid YAML whatever the text holds.
        self.env.filters["front_title"] = lambda text: Markup(json.dumps(theme_safe(self.fill.fill(str(text)))))

    @pass_context
    def _page_words(self, context: Context, view: PolicyView, audience: Audience) -> PageWords:
        """A fresh glossary for one family page: each word is explained once, where the page first shows it."""
        rewrite = self._rewrite_for(context)
        current = page_url(str(context.get("current", "")), self.directory_urls)
        full = relative_url(current, page_url(view.page(), self.directory_urls))
        here = {c.id for c in view.clauses_for(audience)}

        def pointer(clause_id: str) -> str:
            """A defining clause this page shows, or the same clause in the full policy."""
            return f"#{clause_id}" if clause_id in here else f"{full}#{clause_id}"

        return PageWords(page_glossary(view.policy, view.org, audience), lambda text: inert_markdown(self.fill.fill(text).strip(), rewrite), pointer)

    def _rewrite(self, current: str, page: Page | None) -> Rewrite:
        """How the links of a text are written on the page `current`: `#id` goes to the full page
        of the policy whose text it is (on a version page, the version's own text is the page)."""
        view = page.policy if page else None
        home = (current if page and page.version else view.page(), view.policy.id) if view else None
        return lambda address: self.links.address(address, current, home)

    def _rewrite_for(self, context: Context) -> Rewrite:
        page = context.get("page")
        return self._rewrite(str(context.get("current", "")), page if isinstance(page, Page) else None)

    def _render(self, template: str, current: str, **context: Any) -> str:
        def link(target: str, anchor: str = "") -> Markup:
            """For Markdown links: the renderer checks and rewrites them."""
            return Markup(relative(current, target) + (f"#{anchor}" if anchor else ""))

        def href(target: str, anchor: str = "") -> Markup:
            """For raw HTML, which the renderer leaves alone: the final relative URL."""
            url = relative_url(page_url(current, self.directory_urls), page_url(target, self.directory_urls))
            return Markup(url + (f"#{anchor}" if anchor else ""))

        def href_file(name: str) -> Markup:
            """A file at the site root that is not a page (a feed, an export)."""
            return Markup(relative_url(page_url(current, self.directory_urls), name))

        def other_site(org_id: str, target: str) -> Markup:
            """A page of a sibling organisation's site: sites sit side by side in the output folder."""
            up = "../" * (page_url(current, self.directory_urls).count("/") + 1)
            return Markup(f"{up}{org_id}/{page_url(target, self.directory_urls)}")

        return self.env.get_template(template).render(
            site=self.site,
            org=self.site.org,
            link=link,
            href=href,
            href_file=href_file,
            other_site=other_site,
            window_days=self.site.window_days,
            current=current,
            **context,
        )

    def page(self, page: Page) -> str:
        markdown = self._render(page.template, page.path, page=page, view=page.policy, audience=page.audience)
        if page.policy and page.policy.policy.draft:
            # Here, not in each template, so that no page of a draft (nor a school's own
            # template) goes without it.
            return with_banner(markdown, self._render("draft_banner.md.j2", page.path))
        return markdown

    def hand_written(self, markdown: str, path: str) -> str:
        """Fill placeholders and blocks in a hand-written docs/ page (the file itself is never changed)."""
        text = BLOCK.sub(lambda m: self._render(f"blocks/{m.group(1)}.md.j2", path), markdown)
        welcome = Markup(inert_markdown(self.fill.fill(self.site.org.welcome).strip(), self._rewrite(path, None))) if self.site.org.welcome else ""
        text = re.sub(r"\{\{\s*school\.welcome\s*\}\}", lambda m: welcome, text)

        def value(match: re.Match[str]) -> str:
            filled = self.fill.fill(match.group(0))
            return match.group(0) if filled == match.group(0) else escape_plain(filled)

        return PLACEHOLDER.sub(value, text)


def with_banner(markdown: str, banner: str) -> str:
    """The banner under the page's title, or at the top of its body if it has no title line."""
    front = _FRONT_MATTER.match(markdown)
    start = front.end() if front else 0
    heading = _HEADING.search(markdown, start)
    at = heading.end() if heading else start
    return f"{markdown[:at]}\n{banner}{markdown[at:]}"


def source_errors_page(errors: list[str], override_dir: Path | None) -> str:
    """The HTML shown in place of a page while the sources have errors (under `serve` only),
    through the same overridable, escaping templates as the pages: the lines can hold YAML text."""
    return environment(override_dir).get_template("source_errors.html.j2").render(errors=errors)


def site_index(orgs: list[Organisation]) -> str:
    """The output folder's own front page, linking each organisation's site."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    # A school names its trust by the trust's own name where the trust's folder is here too.
    names = {org.id: org.name for org in orgs}
    return env.get_template("site_index.html.j2").render(orgs=orgs, names=names)
