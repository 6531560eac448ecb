"""Colour contrast as WCAG 2.x measures it, and the nearest shade of a colour's hue that passes."""

from __future__ import annotations

import colorsys
import re

RGB = tuple[int, int, int]

WHITE: RGB = (255, 255, 255)
# Material's dark ("slate") page background: hsl(225deg 15% 14%).
DARK_BACKGROUND: RGB = (30, 33, 41)
# WCAG 2.x AA for text of normal size (1.4.3); links and the header's words are normal size.
AA_TEXT = 4.5

_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(text: str) -> RGB | None:
    """'#1b4f72' or '#fff' as red, green, blue; None for anything else."""
    match = _HEX.match(text.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG 2.x definition, sRGB)."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def passes(colour: RGB, background: RGB, ratio: float = AA_TEXT) -> bool:
    return contrast(colour, background) >= ratio


def _with_lightness(hue: float, saturation: float, lightness: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return (round(r * 255), round(g * 255), round(b * 255))


def nearest_passing(colour: RGB, background: RGB, ratio: float = AA_TEXT) -> RGB:
    """The colour itself if it passes against `background`; else the same hue and saturation at the
    nearest lightness that does (checked after rounding to whole channels, as it will be written)."""
    if passes(colour, background, ratio):
        return colour
    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    for step in range(1, 1001):
        for candidate in (lightness - step / 1000, lightness + step / 1000):
            if 0 <= candidate <= 1:
                shade = _with_lightness(hue, saturation, candidate)
                if passes(shade, background, ratio):
                    return shade
    # Unreachable for the backgrounds used here: black or white always passes against one of them.
    return (0, 0, 0) if passes((0, 0, 0), background, ratio) else WHITE
