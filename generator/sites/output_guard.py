"""Which output folders a build refuses to replace, and the sentence that says why."""

from __future__ import annotations

from pathlib import Path

from generator.sites.output_paths import MANIFEST_SUFFIX, shown
from generator.sources.errors import display_path

GENERATOR = Path(__file__).resolve().parents[1]


def _relation(path: Path, folder: Path) -> str | None:
    if path == folder:
        return "is"
    if path.is_relative_to(folder):
        return "lies inside"
    if folder.is_relative_to(path):
        return "holds"
    return None


def _former_site(folder: Path) -> bool:
    """An empty folder, or sites policy-site built: an older version's output (its index page at
    the top), or sites gathered from CI shards (a folder of sites, each with its index page)."""
    try:
        children = list(folder.iterdir())
        return (folder / "index.html").is_file() or all(child.is_dir() and (child / "index.html").is_file() for child in children)
    except OSError:
        return False


def refusal(output: Path, protected: list[tuple[str, Path]], project: Path) -> str | None:
    """Why `output` must not be built into, or None. A build replaces the whole output folder, so it
    must not be, hold or lie inside anything the project is made from; the project folder may hold
    the output (site/ is there) but must not be it or lie inside it. Nor may it lie inside a
    published generation: files there are shared with other generations and never changed."""
    hint = "a build replaces its whole output folder, so choose one of its own, e.g. --output site"
    if output.name.startswith(".") and output.name.endswith((".builds", ".lock", MANIFEST_SUFFIX)):
        return f"{shown(output)} is a name policy-site keeps for its own records beside an output; {hint}."
    if output.exists() and not output.is_dir():
        return f"{shown(output)} is a file, not a folder; {hint}."
    targets = [output, output.resolve()]
    # The parent is resolved already; the output itself, if a link, is checked by live_generation.
    if any(part.startswith(".") and part.endswith(".builds") for part in output.parent.parts):
        return f"{shown(output)} lies inside a site policy-site published; {hint}."
    real_project = project.resolve()
    named = [("folder that holds mkdocs.yml", real_project)] + [(what, folder.resolve()) for what, folder in protected]
    for what, real in named:
        for target in targets:
            relation = _relation(target, real)
            if relation == "lies inside" and real == real_project:
                continue  # site/ beside mkdocs.yml: the usual place
            if relation == "is":
                return f"{shown(output)} is the {what}; {hint}."
            if relation:
                name = display_path(real) if real != Path.cwd().resolve() else str(real)
                return f"{shown(output)} {relation} {name}, the {what}; {hint}."
    if output.is_dir() and not output.is_symlink() and not _former_site(output):
        # A plain folder becomes a generation and is removed by a later build: only a site that
        # an older version built (or an empty folder) may be taken over, never someone's files.
        return f"{shown(output)} is a folder that policy-site did not build (it has no index.html, nor sites that have one); {hint}."
    return None
