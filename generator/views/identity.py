"""The organisation's identity on every page: name, logo, colours (its own or its trust's), contact details, the build date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.sources.colours import DARK_BACKGROUND, nearest_passing, parse_hex, to_hex
from generator.sources.dates import PolicyDate
from generator.sources.identity_checks import logo_file
from generator.sources.loaded import Sources
from generator.sources.model.organisation import Colours

# The logo's name in every site, whatever the school called its file: the same sources give the same site.
LOGO_ASSET = "assets/logo"


@dataclass(frozen=True)
class Palette:
    """The colours a site is drawn in: those written, and dark mode's computed where not written."""

    primary: str
    accent: str
    dark_primary: str
    dark_accent: str


@dataclass(frozen=True)
class Identity:
    name: str
    logo: Path | None  # the picture in the sources, copied into the site as `logo_asset`
    palette: Palette | None  # None: the default theme's colours
    website: str | None
    email: str | None
    phone: str | None
    address: str | None
    built: dt.date

    @property
    def logo_asset(self) -> str | None:
        return f"{LOGO_ASSET}{self.logo.suffix.lower()}" if self.logo else None

    @property
    def phone_link(self) -> str | None:
        """The phone number as a tel: address (digits and a leading +), or None if it has no digits."""
        if not self.phone:
            return None
        digits = re.sub(r"\D", "", self.phone)
        plus = "+" if self.phone.strip().startswith("+") else ""
        return f"tel:{plus}{digits}" if digits else None

    @property
    def website_label(self) -> str | None:
        """The website's address as people say it: without https:// and the final slash."""
        if not self.website:
            return None
        return re.sub(r"^[a-z]+://", "", self.website.strip(), flags=re.IGNORECASE).rstrip("/")

    @property
    def built_display(self) -> str:
        return PolicyDate(self.built.year, self.built.month, self.built.day).display()


def _dark(written: str | None, light: str) -> str:
    if written:
        return written
    colour = parse_hex(light)
    assert colour is not None  # the model accepted it
    return to_hex(nearest_passing(colour, DARK_BACKGROUND))


def palette(colours: Colours) -> Palette:
    accent = colours.accent or colours.primary
    return Palette(colours.primary, accent, _dark(colours.dark.primary, colours.primary), _dark(colours.dark.accent, accent))


def identity_of(sources: Sources, org_id: str, built: dt.date) -> Identity:
    """The identity one organisation's site shows: a school without a logo or colours of its own has
    its trust's (when the trust's folder is here), else the default theme's."""
    source = sources.orgs[org_id]
    org = source.org
    trust = sources.orgs.get(org.trust.id) if org.trust and org.trust.id and org.kind.value == "school" else None
    logo = logo_file(org, source.folder) or (logo_file(trust.org, trust.folder) if trust else None)
    colours = org.colours or (trust.org.colours if trust else None)
    contact = org.contact
    return Identity(org.name, logo, palette(colours) if colours else None, org.website, contact.email, contact.phone, contact.address, built)
