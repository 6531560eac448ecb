"""An OpenDocument file's styles as the reader needs them: which are bold, and how each list style numbers its levels."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator.importer.readers.number_formats import format_number as word_format

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def q(name: str) -> str:
    """ "text:p" as ElementTree's "{urn...}p"."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


@dataclass(frozen=True)
class Level:
    """One level of a list style: a bullet, or a number's format, prefix, suffix, levels shown and start."""

    bullet: bool
    num_format: str = "1"
    prefix: str = ""
    suffix: str = ""
    display_levels: int = 1
    start: int = 1


def bold_styles(*roots: ET.Element) -> set[str]:
    """Names of the text and paragraph styles that set bold, themselves or through a parent style."""
    weight: dict[str, str | None] = {}
    parent: dict[str, str] = {}
    for root in roots:
        for style in root.iter(q("style:style")):
            name = style.get(q("style:name"), "")
            props = style.find(q("style:text-properties"))
            weight[name] = props.get(q("fo:font-weight")) if props is not None else None
            parent[name] = style.get(q("style:parent-style-name"), "")

    def bold(name: str, seen: int = 0) -> bool:
        if name not in weight or seen > 20:
            return False
        own = weight[name]
        return own in ("bold", "600", "700", "800", "900") if own is not None else bold(parent[name], seen + 1)

    return {name for name in weight if bold(name)}


def list_styles(*roots: ET.Element) -> dict[str, dict[int, Level]]:
    """Each list style's levels (1-based), from content.xml's automatic styles and styles.xml."""
    found: dict[str, dict[int, Level]] = {}
    for root in roots:
        for style in root.iter(q("text:list-style")):
            levels: dict[int, Level] = {}
            for level in style:
                number = int(level.get(q("text:level"), "1"))
                if level.tag == q("text:list-level-style-bullet"):
                    levels[number] = Level(bullet=True)
                elif level.tag == q("text:list-level-style-number"):
                    levels[number] = Level(
                        bullet=False,
                        num_format=level.get(q("style:num-format"), ""),
                        prefix=level.get(q("style:num-prefix"), ""),
                        suffix=level.get(q("style:num-suffix"), ""),
                        display_levels=int(level.get(q("text:display-levels"), "1")),
                        start=int(level.get(q("text:start-value"), "1")),
                    )
            found[style.get(q("style:name"), "")] = levels
    return found


# ODF's style:num-format values as Word's w:numFmt names, so one formatter serves both.
ODF_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman", "": "none"}


def format_number(n: int, num_format: str) -> str:
    """n in the list style's format: "1", "a", "A", "i", "I"; "" shows no number."""
    return word_format(n, ODF_FORMATS.get(num_format, "decimal"))


def label(counters: list[int], levels: dict[int, Level]) -> str:
    """The label of the item whose counters (outermost first) are given, as the list style renders it."""
    depth = len(counters)
    level = levels.get(depth, Level(bullet=False))
    shown = counters[max(0, depth - level.display_levels) :]
    first = depth - len(shown) + 1
    parts = [format_number(n, levels.get(first + k, Level(bullet=False)).num_format) for k, n in enumerate(shown)]
    body = ".".join(p for p in parts if p)
    return f"{level.prefix}{body}{level.suffix}" if body else ""
