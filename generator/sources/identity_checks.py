"""The organisation's look: a logo file that is there and safe to publish, and colours with AA contrast."""

from __future__ import annotations

import math
import re
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from generator.sources.colours import AA_TEXT, DARK_BACKGROUND, RGB, WHITE, contrast, nearest_passing, parse_hex, to_hex
from generator.sources.errors import SourceError, display_path
from generator.sources.links import url_scheme
from generator.sources.model.organisation import Colours, Organisation
from generator.sources.source_files import LOGO_SUFFIXES

if TYPE_CHECKING:
    from generator.sources.yaml_document import YamlDocument

# Every page loads the logo: a phone on a slow line should not wait for a poster-sized file.
MAX_LOGO_BYTES = 500_000
# What an SVG could run or fetch: a script, an event handler, an embedded page, or an address
# that is not a part of the picture itself ("#id") or inline data.
_SVG_ACTIVE = re.compile(r"<\s*script\b|<\s*foreignObject\b|\son[a-z]+\s*=", re.IGNORECASE)
_SVG_ADDRESS = re.compile(r"""(?:href|src)\s*=\s*["']\s*(?!#|data:image/)[^"'\s]""", re.IGNORECASE)
_SVG_CSS_ADDRESS = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)


def logo_file(org: Organisation, folder: Path) -> Path | None:
    """The logo's file, beside organisation.yml, once checked."""
    return folder / org.logo.strip() if org.logo else None


def _logo_problem(name: str, folder: Path) -> str | None:
    text = name.strip()
    if url_scheme(text) or text.startswith(("//", "www.")):
        return (
            "the logo must be a file here, not an address: save the picture beside organisation.yml and write its file name, "
            "e.g. `logo: logo.svg` (pages load nothing from another site)"
        )
    if "/" in text or "\\" in text or text in (".", ".."):
        return f"save the logo beside organisation.yml and write its file name alone, e.g. `logo: {PurePath(text.replace(chr(92), '/')).name or 'logo.svg'}`"
    if not text.lower().endswith(LOGO_SUFFIXES):
        return f"'{text}' is not a picture the site can show; save the logo as a .svg, .png or .jpg file and write that name"
    path = folder / text
    if path.is_symlink() or not path.is_file():
        return f"there is no file '{text}' in {display_path(folder)}/; save the logo there beside organisation.yml, or correct the name"
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return f"{text} is {size // 1000} kB; save a smaller copy of the logo (under {MAX_LOGO_BYTES // 1000} kB), as every page loads it"
    if text.lower().endswith(".svg"):
        picture = path.read_text(encoding="utf-8", errors="replace")
        if _SVG_ACTIVE.search(picture) or _SVG_ADDRESS.search(picture) or _SVG_CSS_ADDRESS.search(picture):
            return f"{text} contains a script, an event handler or a link to another file; save the logo as a plain drawing (or as a .png)"
    return None


def _ratio(value: float) -> str:
    # Rounded down, so a colour that just fails never reads as "4.50:1".
    return f"{math.floor(value * 100) / 100:.2f}:1"


def _contrast_error(doc: YamlDocument, loc: tuple[str, ...], value: str, background: RGB, against: str, used: str) -> SourceError | None:
    colour = parse_hex(value)
    if colour is None or contrast(colour, background) >= AA_TEXT:
        return None
    shade = nearest_passing(colour, background)
    too = "light" if background == WHITE else "dark"
    return doc.error(
        loc,
        f"{value} is too {too} for {used}: {_ratio(contrast(colour, background))} against {against}, where WCAG AA asks for {AA_TEXT}:1; "
        f'the nearest shade of the same colour that passes is {to_hex(shade)} ({_ratio(contrast(shade, background))}): write `{loc[-1]}: "{to_hex(shade)}"`',
    )


def _colour_errors(colours: Colours, doc: YamlDocument) -> list[SourceError]:
    dark = "dark mode's background"
    checks = [
        (("colours", "primary"), colours.primary, WHITE, "white", "the white words of the header and footer on it, and links in it"),
        (("colours", "accent"), colours.accent, WHITE, "white", "links in it when pointed at or focused"),
        (("colours", "dark", "primary"), colours.dark.primary, DARK_BACKGROUND, dark, "links in it in dark mode"),
        (("colours", "dark", "accent"), colours.dark.accent, DARK_BACKGROUND, dark, "links in it when pointed at or focused in dark mode"),
    ]
    found = [_contrast_error(doc, loc, value, background, against, used) for loc, value, background, against, used in checks if value]
    return [error for error in found if error]


def check_identity(org: Organisation, doc: YamlDocument) -> list[SourceError]:
    """The logo and colours of one organisation.yml, as `file:line:` errors."""
    errors: list[SourceError] = []
    if org.logo is not None:
        problem = _logo_problem(org.logo, doc.path.parent)
        if problem:
            errors.append(doc.error(("logo",), problem))
    if org.colours:
        errors += _colour_errors(org.colours, doc)
    return errors
