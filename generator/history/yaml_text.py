"""Writing YAML text for an edit: values and entries as YAML lines, and splicing lines into the file."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import Node

from generator.history.yaml_errors import BUG, YamlEditError

# A string is written without quotes only when it is obviously a word or phrase:
# starts with a letter and has no characters that mean something to YAML.
_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 _.,/()'&+-]*")


def line_ending(text: str) -> str:
    """The file's own line ending, so lines we add match the lines already there."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def key_lines(keys: tuple[str | int, ...], value: str | bool | int, col: int) -> list[str]:
    """`a:` / `  b: value` lines for a chain of new nested keys, starting at column `col`."""
    lines = [f"{' ' * (col + 2 * i)}{scalar_text(str(key))}:" for i, key in enumerate(keys)]
    lines[-1] += " " + scalar_text(value)
    return lines


def scalar_text(value: str | bool | int, style: str | None = None) -> str:
    """YAML text for a value that loads back as exactly that value (a string never turns into a date or number).

    Strings keep the original value's quote style where one is given; otherwise
    plain words stay unquoted and anything else gets double quotes.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if style == "'" and value.isprintable() and value.strip() == value:
        return "'" + value.replace("'", "''") + "'"
    if style != '"' and _PLAIN_SAFE.fullmatch(value) and not value.endswith(" ") and _plain_loads_as(value):
        return value
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000_000)
    return dumped.rstrip("\n").removesuffix("\n...").rstrip("\n")


def _plain_loads_as(value: str) -> bool:
    """Whether `value` written without quotes reads back as the same string (not yes/no/null/a date...)."""
    try:
        loaded: object = yaml.safe_load(value)
        return loaded == value
    except yaml.YAMLError:
        return False


def dump_item(item: dict[str, Any]) -> list[str]:
    """The item as block YAML lines at column 0, in the caller's key order."""
    if not isinstance(item, dict):
        raise TypeError(f"append_to_sequence adds a mapping (dict), not {type(item).__name__}")
    try:
        dumped = yaml.safe_dump(item, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    except yaml.YAMLError as exc:
        raise YamlEditError(f"policy-site could not write the new entry as YAML ({exc}). {BUG}") from exc
    # split on "\n" only: str.splitlines() would also split on characters such as U+2028 inside values.
    return dumped.rstrip("\n").split("\n")


def indent_item(lines: list[str], dash_col: int, offset: int) -> list[str]:
    """Put `- ` in front of the first line at `dash_col` and line the rest up under it; blank lines stay empty."""
    first = " " * dash_col + "-" + " " * (offset - 1) + lines[0]
    pad = " " * (dash_col + offset)
    return [first, *(pad + line if line else line for line in lines[1:])]


def line_after(text: str, pos: int) -> int:
    """Start of the line after the one holding the character just before `pos` (len(text) at the end)."""
    if pos > 0 and text[pos - 1] == "\n":
        return pos
    newline = text.find("\n", pos)
    return len(text) if newline == -1 else newline + 1


def remove_value(text: str, node: Node) -> tuple[str, int]:
    """Delete an empty value's text (`~`, `null`, `[]`, `{}`) and the spaces before it; returns (text, where it was)."""
    start, end = node.start_mark.index, node.end_mark.index
    if end > start:
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        text = text[:start] + text[end:]
    return text, start


def insert_lines(text: str, pos: int, lines: list[str], nl: str) -> str:
    """Insert whole lines at a line start; at the end of a file with no final newline, keep it that way."""
    block = nl.join(lines) + nl
    if pos == len(text) and text and not text.endswith("\n"):
        return text + nl + block[: -len(nl)]
    return text[:pos] + block + text[pos:]
