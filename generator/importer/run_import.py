"""`policy-site import`'s work: read the file, make the draft, check it loads as a policy, and write it without ever overwriting one."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.importer.assemble import build_draft
from generator.importer.document import Document, ImportProblem
from generator.importer.draft import Draft
from generator.importer.draft_yaml import draft_yaml
from generator.importer.ids import slug
from generator.importer.read import read_document
from generator.sources.model.policy import Policy

ORGANISATION_FILE = "organisation.yml"
# libyaml's loader where PyYAML was built with it: the pure-Python one takes a third of a second on a 40-page draft.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Imported:
    """A document read and made into a draft, not yet written."""

    document: Document
    draft: Draft
    text: str  # the draft's YAML
    target: Path  # where it goes: policy_sources/<school>/policies/<id>.yml
    seconds: float  # reading and drafting, not writing
    policy: Policy  # the draft as the model reads it back: proof it loads, and what a re-import compares


def school_names(sources: Path, school: str) -> tuple[str, ...]:
    """The organisation's name and short name, read from its organisation.yml (and only that file)."""
    folder = sources / school
    path = folder / ORGANISATION_FILE
    if not path.is_file():
        known = sorted(p.name for p in sources.iterdir() if (p / ORGANISATION_FILE).is_file()) if sources.is_dir() else []
        choose = f"; choose from: {', '.join(known)}" if known else f"; create {path} first (see AUTHORING.md §2)"
        raise ImportProblem(f"no organisation '{school}' in {sources}{choose}")
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ImportProblem(f"{path} cannot be read ({exc.__class__.__name__}); run `policy-site validate` and fix it first") from None
    data = data if isinstance(data, dict) else {}
    return tuple(str(data[key]) for key in ("name", "short_name") if data.get(key))


def make_draft(file: Path, sources: Path, school: str, policy_id: str | None) -> Imported:
    """Read `file` and make its draft; ImportProblem for anything that stops it."""
    names = school_names(sources, school)
    started = time.perf_counter()
    document = read_document(file)
    provisional = build_draft(document, "imported", names)
    # "Social Media Policy for Staff and Parents" is the social-media policy.
    named = re.split(r"\s+polic(?:y|ies)\b", provisional.title, maxsplit=1, flags=re.IGNORECASE)[0]
    chosen = policy_id or slug(named or provisional.title, max_words=5)
    if slug(chosen, max_words=20) != chosen:
        raise ImportProblem(f"--id '{chosen}' is not an id; use lower-case words joined by hyphens, e.g. --id {slug(chosen)}")
    provisional.id = chosen
    header = [
        "yaml-language-server: $schema=../../../schema/policy.schema.json",
        f"Imported from {file.name} ({document.kind}) by `policy-site import`: a draft, not yet the school's policy.",
        "Check every `# check:` comment, write the plain versions `policy-site validate` lists, preview",
        "with `policy-site serve`, and delete the `# check:` comments as you go (AUTHORING.md §4b).",
        "",
    ]
    text = draft_yaml(provisional, header)
    seconds = time.perf_counter() - started
    try:
        policy = Policy.model_validate(yaml.load(text, Loader=SAFE_LOADER))
    except (ValidationError, yaml.YAMLError) as exc:
        # Our fault, not the school's: say so rather than write a file that will not load.
        raise ImportProblem(f"the draft made from {file.name} does not load as a policy ({str(exc).splitlines()[0]}); nothing was written: please report this") from None
    return Imported(document, provisional, text, sources / school / "policies" / f"{chosen}.yml", seconds, policy)


def write_new(path: Path, text: str) -> None:
    """Write `path` only if no file is there: a policy file is never overwritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.importing")
    temporary.write_text(text, encoding="utf-8")
    try:
        # A hard link fails if the name is taken, so a file that appeared meanwhile is kept.
        os.link(temporary, path)
    except FileExistsError:
        raise ImportProblem(f"{path} already exists; it was not changed") from None
    finally:
        temporary.unlink()
