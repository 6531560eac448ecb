"""Which sites a build keeps as they are and which it builds again, from their digests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.mkdocs_adapter.config import SiteConfig
from generator.sites import incremental
from generator.sites.incremental import DigestContext, SiteRecord
from generator.sources.loaded import Sources


def digest_context(config: SiteConfig, pdf: bool | None, day: dt.date, drafts: bool = False) -> DigestContext:
    """Everything outside the sources that every site's digest needs (see incremental.py)."""
    pdfs = config.pdf if pdf is None else pdf
    # With the drafts in the digest, a normal build after a preview into the same folder rebuilds.
    settings = {"date": day.isoformat(), "pdf": pdfs, "window": config.review_window_days, "drafts": drafts}
    tool = incremental.tool_digest(config.config_file, [config.docs_dir, config.custom_dir, config.templates], settings)
    return DigestContext(
        config.templates, config.hand_written(), config.use_directory_urls, config.site_url, pdfs, config.review_window_days, tool, config.docs_dir, drafts
    )


def keep_or_build(
    sources: Sources,
    org_ids: list[str],
    day: dt.date,
    context: DigestContext,
    output: Path,
    earlier: dict[str, SiteRecord],
) -> tuple[dict[str, SiteRecord], dict[str, str]]:
    """The sites to keep as they are (with their records) and the sites to build (with their inputs).

    Unchanged files settle most sites at once; a site whose files changed is rendered to
    Markdown and kept if that is unchanged too (a school's overlay edit changes the trust's
    files but not the trust's pages). `earlier` is empty for a full build."""
    keep: dict[str, SiteRecord] = {}
    build: dict[str, str] = {}
    for org_id in org_ids:
        inputs = incremental.inputs_digest(sources, org_id, context.tool)
        before = earlier.get(org_id)
        if before is None or not (output / org_id / "index.html").is_file():
            build[org_id] = inputs
        elif before.inputs == inputs:
            keep[org_id] = before
        else:
            now = incremental.record_from_sources(sources, org_id, day, inputs, context)
            if now.digest == before.digest:
                keep[org_id] = now
            else:
                build[org_id] = inputs
    return keep, build
