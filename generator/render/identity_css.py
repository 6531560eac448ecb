"""The organisation's colours as the theme's CSS custom properties, added to the site's stylesheet."""

from __future__ import annotations

from generator.views.identity import Palette


def identity_css(palette: Palette | None) -> str:
    """CSS drawing the site in the school's colours; empty for the default theme.

    The selectors match the theme's own palette rules (on <body>) and come after them, so they win.
    Dark mode's link colours are the ones checked against its background (sources/identity_checks.py)."""
    if palette is None:
        return ""
    light = (
        f"--md-primary-fg-color: {palette.primary}; --md-primary-fg-color--light: {palette.primary}; "
        f"--md-primary-fg-color--dark: {palette.primary}; --md-accent-fg-color: {palette.accent}; "
        f"--md-accent-fg-color--transparent: {palette.accent}1a; --md-typeset-a-color: {palette.primary}; "
        f"--md-footer-bg-color: {palette.primary}; --md-footer-bg-color--dark: {palette.primary};"
    )
    dark = f"--md-typeset-a-color: {palette.dark_primary}; --md-accent-fg-color: {palette.dark_accent}; --md-accent-fg-color--transparent: {palette.dark_accent}1a;"
    return (
        "/* The school's colours (organisation.yml `colours:`). */\n"
        f"[data-md-color-primary], [data-md-color-accent] {{ {light} }}\n"
        f'@media screen {{ [data-md-color-scheme="slate"][data-md-color-primary] {{ {dark} }} }}\n'
    )
