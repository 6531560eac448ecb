"""mkdocs.yml read into the few settings the rest of policy-site needs, so no other stage sees MkDocs' config."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteConfig:
    config_file: Path
    docs_dir: Path  # the hand-written pages
    custom_dir: Path  # the theme's overrides
    templates: Path  # the overridable page templates
    use_directory_urls: bool
    site_url: str
    pdf: bool
    review_window_days: int
    pages: tuple[str, ...]  # the hand-written pages under docs_dir, in the order MkDocs lists them

    def hand_written(self) -> list[tuple[str, str]]:
        """The hand-written pages as (path under docs_dir, text), as the plugin sees them in a build."""
        return [(page, (self.docs_dir / page).read_text(encoding="utf-8")) for page in self.pages]


def read_config(config_file: str) -> SiteConfig | str:
    """The settings of mkdocs.yml, or why it cannot be read, as one sentence."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import get_files

    try:
        config = load_config(config_file)
        pages = tuple(f.src_uri for f in get_files(config).documentation_pages())
    except (MkDocsException, OSError) as exc:
        return f"cannot read {config_file}: {exc}"
    plugin = config.plugins["policy-site"]
    base = Path(config.config_file_path).resolve().parent
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else base / "overrides"
    return SiteConfig(
        config_file=Path(config.config_file_path),
        docs_dir=Path(config.docs_dir),
        custom_dir=custom,
        templates=base / plugin.config.templates,
        use_directory_urls=bool(config.use_directory_urls),
        site_url=config.site_url or "",
        pdf=bool(plugin.config.pdf),
        review_window_days=int(plugin.config.review_window_days),
        pages=pages,
    )
