"""What every command shares: loading the sources, reading --date, and saying why it stopped."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.sources.build_date import build_date

if TYPE_CHECKING:
    from generator.sources.loaded import Sources


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def no_config(config: str) -> str:
    """Outside the project folder MkDocs would fail with a traceback; say where to run instead."""
    path = Path(config)
    if path.name == "mkdocs.yml" and not path.exists():
        where = path.parent.absolute()
        return f"no mkdocs.yml in {where}; run policy-site in the folder that holds mkdocs.yml, or pass --config PATH"
    return f"no configuration file {path.absolute()}; run policy-site in the folder that holds mkdocs.yml, or pass --config PATH"


def build_day(text: str | None) -> dt.date | str:
    """The build date from --date (default: SOURCE_DATE_EPOCH or today), or what to write instead."""
    try:
        return build_date(text)
    except ValueError:
        return f"--date '{text}' is not a date; write YYYY-MM-DD"


def no_such_organisation(names: list[str], sources: Sources) -> str:
    return f"no organisation called {', '.join(names)}; choose from: {', '.join(sorted(sources.orgs))}"


def load(sources_dir: Path, only: str | None = None, docs_dir: Path | None = None, show_work: bool = False, warnings: bool = True) -> Sources | None:
    """The sources, or None after printing every error of them; warnings are printed either way.
    With `docs_dir`, links to its files are checked too; with `show_work`, the drafts' work to
    do is listed after the errors."""
    # Loaded here, not at start-up: `policy-site import` and `--help` do not read the sources.
    from generator.sources.errors import SourcesInvalid
    from generator.sources.load import load_sources

    try:
        sources = load_sources(sources_dir, only=only, docs_dir=docs_dir)
    except SourcesInvalid as exc:
        print(exc.report(), file=sys.stderr)
        if show_work:
            print_work(exc.work)
        return None
    for warning in sources.warnings if warnings else []:
        print(f"warning: {warning}", file=sys.stderr)
    return sources


def print_work(lines: list[str]) -> None:
    """The drafts' plain versions still to write, one line a draft, under a heading that says they are not errors."""
    if lines:
        print("Work to do in drafts (not errors; a preview shows the policy's own words until it is done):")
        for line in lines:
            print(f"  {line}")
