"""Word's automatic numbering as the reader sees it: numbering.xml's definitions and the counters Word keeps.

Word keeps one running count per abstract definition (w:abstractNum), not per list instance
(w:num): several instances of one definition continue each other, and an instance carrying a
w:lvlOverride restarts the overridden level where that instance is first used at it (ECMA-376
17.9; what Word does when "Restart at 1" makes a new instance). A level restarts whenever a
shallower level advances, unless its w:lvlRestart says after which level (0: never).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace

from generator.importer.readers.docx_package import W, int_val, on_off, val
from generator.importer.readers.number_formats import format_number

LEVELS = 9
PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    """One w:lvl: where it starts, how its counter is written and what text surrounds it."""

    start: int = 1
    number_format: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 never; None default
    legal: bool = False  # w:isLgl: every level's counter shown as decimal
    style: str | None = None  # w:pStyle: the paragraph style numbered at this level


@dataclass(frozen=True)
class Instance:
    """One w:num: the definition it uses and its per-level overrides (a new start, or a whole w:lvl)."""

    abstract: str
    starts: dict[int, int]
    levels: dict[int, Level]


@dataclass(frozen=True)
class Definitions:
    """numbering.xml: abstract definitions' levels by id, instances by numId, numbering styles' links."""

    abstracts: dict[str, dict[int, Level]]
    instances: dict[str, Instance]
    style_links: dict[str, str]  # abstractNumId -> numbering style it takes its levels from (numStyleLink)
    linked_by: dict[str, str]  # numbering style -> abstractNumId that defines it (styleLink)


@dataclass
class Counters:
    """The running counts, per abstract definition, and which (instance, level) pairs have been used."""

    counts: dict[str, list[int | None]] = field(default_factory=dict)
    used: set[tuple[str, int]] = field(default_factory=set)


@dataclass(frozen=True)
class Numbered:
    """What numbering gives one paragraph."""

    number: str
    bullet: bool
    level: int


def read_definitions(root: ET.Element | None) -> Definitions:
    """Index numbering.xml; no part means no automatic numbering at all."""
    if root is None:
        return Definitions({}, {}, {}, {})
    abstracts: dict[str, dict[int, Level]] = {}
    style_links: dict[str, str] = {}
    linked_by: dict[str, str] = {}
    for element in root.iter(W + "abstractNum"):
        abstract_id = val(element, "abstractNumId") or ""
        abstracts[abstract_id] = {ilvl: _level(lvl) for lvl in element.findall(W + "lvl") if (ilvl := _ilvl(lvl)) is not None}
        link = val(element.find(W + "numStyleLink"))
        if link:
            style_links[abstract_id] = link
        defines = val(element.find(W + "styleLink"))
        if defines:
            linked_by.setdefault(defines, abstract_id)
    instances = {}
    for element in root.iter(W + "num"):
        starts: dict[int, int] = {}
        levels: dict[int, Level] = {}
        for override in element.findall(W + "lvlOverride"):
            ilvl = _ilvl(override)
            if ilvl is None:
                continue
            lvl = override.find(W + "lvl")
            if lvl is not None:
                levels[ilvl] = _level(lvl)
                starts[ilvl] = levels[ilvl].start
            start = int_val(override.find(W + "startOverride"))
            if start is not None:
                starts[ilvl] = start
        instances[val(element, "numId") or ""] = Instance(val(element.find(W + "abstractNumId")) or "", starts, levels)
    return Definitions(abstracts, instances, style_links, linked_by)


def _ilvl(element: ET.Element) -> int | None:
    text = element.get(W + "ilvl")
    return int(text) if text is not None and text.isdigit() and int(text) < LEVELS else None


def _level(lvl: ET.Element) -> Level:
    return Level(
        start=int_val(lvl.find(W + "start"), 1) or 0,
        number_format=val(lvl.find(W + "numFmt")) or "decimal",
        text=val(lvl.find(W + "lvlText")) or "",
        restart=int_val(lvl.find(W + "lvlRestart")),
        legal=on_off(lvl.find(W + "isLgl")) is True,
        style=val(lvl.find(W + "pStyle")),
    )


def resolve_abstract(definitions: Definitions, num_id: str) -> str | None:
    """The abstract definition whose levels an instance shows, through numStyleLink -> styleLink."""
    instance = definitions.instances.get(num_id)
    if instance is None:
        return None
    abstract = instance.abstract
    for _ in range(LEVELS):  # a numbering style can link to one that links again; never loop for ever
        style = definitions.style_links.get(abstract)
        if style is None or style not in definitions.linked_by:
            break
        abstract = definitions.linked_by[style]
    return abstract if abstract in definitions.abstracts else None


def level_of_style(definitions: Definitions, num_id: str, style_id: str) -> int:
    """The level whose w:pStyle is the style that brought the numbering (level 0 if none names it)."""
    abstract = resolve_abstract(definitions, num_id)
    for ilvl, level in sorted(definitions.abstracts.get(abstract or "", {}).items()):
        if level.style == style_id:
            return ilvl
    return 0


def levels_of(definitions: Definitions, num_id: str, abstract: str) -> dict[int, Level]:
    """An instance's levels: its abstract definition's, with any w:lvl an override redefines."""
    instance = definitions.instances[num_id]
    levels = dict(definitions.abstracts[abstract])
    levels.update(instance.levels)
    for ilvl, start in instance.starts.items():
        if ilvl in levels:
            levels[ilvl] = replace(levels[ilvl], start=start)
    return levels


def advance(definitions: Definitions, counters: Counters, num_id: str, ilvl: int) -> Numbered | None:
    """Count one paragraph of a list and say its number; None for numId 0 or an undefined list."""
    abstract = resolve_abstract(definitions, num_id)
    if num_id == "0" or abstract is None:
        return None
    levels = levels_of(definitions, num_id, abstract)
    level = levels.get(ilvl)
    if level is None:
        return None
    counts = counters.counts.setdefault(abstract, [None] * LEVELS)
    instance = definitions.instances[num_id]
    if ilvl in instance.starts and (num_id, ilvl) not in counters.used:
        counts[ilvl] = None
    counters.used.add((num_id, ilvl))
    current = counts[ilvl]
    counts[ilvl] = level.start if current is None else current + 1
    for shallower in range(ilvl):
        # An item deeper than any so far shows the shallower levels at their start and, as
        # LibreOffice counts (checked on a converted file), the next shallower item goes past it.
        if counts[shallower] is None:
            counts[shallower] = levels[shallower].start if shallower in levels else 1
    for deeper in range(ilvl + 1, LEVELS):
        restart = levels[deeper].restart if deeper in levels else None
        if restart is None or (restart > 0 and ilvl < restart):
            counts[deeper] = None
    if level.number_format == "bullet":
        return Numbered("", True, ilvl)
    return Numbered(_fill(level, levels, counts).strip(), False, ilvl)


def _fill(level: Level, levels: dict[int, Level], counts: list[int | None]) -> str:
    def one(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        shown = levels.get(index, Level())
        count = counts[index]
        number = shown.start if count is None else count
        number_format = "decimal" if level.legal and shown.number_format not in ("none", "bullet") else shown.number_format
        return format_number(number, number_format)

    return PLACEHOLDER.sub(one, level.text)
