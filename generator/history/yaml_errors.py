"""The error an edit to a policy YAML file is refused with, and the note for a refusal that is policy-site's own fault."""

from __future__ import annotations

BUG = "Nothing was changed; this is a bug in policy-site, please report it along with the file."


class YamlEditError(Exception):
    """An edit we refuse to make, with a message an office admin can act on."""
