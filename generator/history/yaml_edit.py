"""Minimal, byte-preserving edits to hand-written policy YAML files.

Policy files are written and maintained by people: they carry comments, blank
lines, a schema comment on line 1, a chosen quoting style and key order.
Loading the YAML and dumping it again would throw all of that away, so the
edits here are plain text splices.  PyYAML's composer tells us where each node
starts and ends (``start_mark``/``end_mark``), and we insert or replace only
the characters that the change needs; every other byte of the file is kept.

Every edit is checked before it is returned: the new text must load to exactly
the original data plus the intended change.  If it does not, we raise
``YamlEditError`` instead of returning text, so a bad edit can never be written.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["YamlEditError", "append_to_sequence", "set_scalar"]

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"

# A string is written without quotes only when it is obviously a word or phrase:
# starts with a letter and has no characters that mean something to YAML.
_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 _.,/()'&+-]*")

_BUG = "Nothing was changed; this is a bug in policy-site, please report it along with the file."


class YamlEditError(Exception):
    """An edit we refuse to make, with a message an office admin can act on."""


# --------------------------------------------------------------------------- public API


def append_to_sequence(text: str, key: str, item: dict[str, Any]) -> str:
    """Append `item` as a new last entry of the block sequence under top-level `key`.

    The new entry goes straight after the last line of the last existing entry,
    so comments and blank lines that follow the list stay after it.  It copies the
    existing entries' indentation, which differs between files.  A missing key, an
    empty ``[]`` or an empty value becomes a block list; a one-line list with
    entries is refused, because rewriting it would change the author's layout.
    """
    nl = _newline(text)
    root = _root_mapping(text)
    original = _load(text)
    expected: dict[Any, Any] = copy.deepcopy(original) if isinstance(original, dict) else {}
    item_lines = _dump_item(item)

    found = _find_key(root, key) if root is not None else None
    if found is None:
        new_text = _insert_lines(text, len(text), [f"{_scalar_text(key)}:", *_indent_item(item_lines, 2, 2)], nl)
        expected[key] = [copy.deepcopy(item)]
        _verify(new_text, expected)
        return new_text

    key_node, value = found
    if _is_null(value) or (isinstance(value, SequenceNode) and value.flow_style and not value.value):
        # `history:`, `history: ~` or `history: []`: switch to the block form, entries below the key.
        new_text, pos = _remove_value(text, value)
        col = key_node.start_mark.column + 2
        new_text = _insert_lines(new_text, _line_after(new_text, pos), _indent_item(item_lines, col, 2), nl)
        expected[key] = [copy.deepcopy(item)]
        _verify(new_text, expected)
        return new_text

    if not isinstance(value, SequenceNode):
        raise YamlEditError(
            f"'{key}' (line {key_node.start_mark.line + 1}) is not a list, so a new entry cannot be added to it. "
            f"It should hold one entry per line, each starting with '- '."
        )
    if value.flow_style:
        raise YamlEditError(
            f"The '{key}' list (line {value.start_mark.line + 1}) is written in one line, inside [ ]. "
            f"Please rewrite it with one '- ' entry per line (like the other lists in the file), then try again."
        )

    last = value.value[-1]
    end = _content_end(text, last)
    if end < last.start_mark.index:
        raise YamlEditError(
            f"The last entry of '{key}' (line {last.start_mark.line + 1}) ends with a YAML alias (*name), "
            f"so policy-site cannot tell where it ends. Please write the value out in full, then try again."
        )
    dash_col, offset = _dash_layout(text, value)
    new_text = _insert_lines(text, _line_after(text, end), _indent_item(item_lines, dash_col, offset), nl)
    existing = expected.get(key)
    expected[key] = [*(existing if isinstance(existing, list) else []), copy.deepcopy(item)]
    _verify(new_text, expected)
    return new_text


def set_scalar(text: str, path: tuple[str | int, ...], value: str | bool | int) -> str:
    """Set the scalar at mapping path (e.g. ("review", "next") or ("draft",)), creating the key (and a parent mapping) if missing.

    A number in the path picks an existing entry of a list of blocks, e.g. ("history", 2, "archive").

    An existing value is replaced character for character, so a comment after it
    on the same line survives, and a value that was in quotes stays in the same
    kind of quotes.  A missing key is added after its last sibling (or at the end
    of the file for top-level keys and new parents).  Values in one-line ``{ }``
    mappings, and keys that hold lists or groups, are refused rather than guessed at.
    """
    if not path:
        raise ValueError("set_scalar needs a path of at least one key")
    if isinstance(value, float) or not isinstance(value, str | bool | int):
        raise TypeError(f"set_scalar writes str, bool or int values, not {type(value).__name__}")

    nl = _newline(text)
    root = _root_mapping(text)
    original = _load(text)
    expected: dict[Any, Any] = copy.deepcopy(original) if isinstance(original, dict) else {}
    target: Any = expected
    for key in path[:-1]:
        if isinstance(key, int):
            target = target[key] if isinstance(target, list) and 0 <= key < len(target) else {}
            continue
        child = target.get(key)
        if not isinstance(child, (dict, list)):
            child = {}
            target[key] = child
        target = child
    target[path[-1]] = value

    new_text = _set_in(text, root, path, value, nl)
    _verify(new_text, expected)
    return new_text


# --------------------------------------------------------------------------- set_scalar internals


def _set_in(text: str, root: MappingNode | None, path: tuple[str | int, ...], value: str | bool | int, nl: str) -> str:
    """Walk down `path` through block mappings and make the edit at the first point that needs one."""
    mapping = root
    skip = False
    for depth, key in enumerate(path):
        shown = ".".join(str(k) for k in path[: depth + 1])
        if skip:
            skip = False
            continue
        if isinstance(key, int):
            raise YamlEditError(f"'{shown}' is a list entry where a field name was expected. Please check the file.")
        found = _find_key(mapping, key) if mapping is not None else None
        if found is None:
            return _add_keys(text, mapping, root, path[depth:], value, nl)
        key_node, node = found
        if depth == len(path) - 1:
            if not isinstance(node, ScalarNode):
                kind = "a list" if isinstance(node, SequenceNode) else "a group of settings"
                raise YamlEditError(
                    f"'{shown}' (line {key_node.start_mark.line + 1}) holds {kind}, not a single value, so policy-site will not overwrite it. Please check the file."
                )
            return _replace_scalar(text, node, value, shown)
        following = path[depth + 1] if depth + 1 < len(path) else None
        if isinstance(following, int):
            items = node.value if isinstance(node, SequenceNode) and not node.flow_style else []
            if not 0 <= following < len(items) or not isinstance(items[following], MappingNode) or items[following].flow_style:
                line = key_node.start_mark.line + 1
                raise YamlEditError(f"'{shown}' (line {line}) has no entry {following + 1} written as a block of 'field: value' lines. Please check the file.")
            mapping, skip = items[following], True
            continue
        if isinstance(node, MappingNode):
            if node.flow_style:
                if node.value:
                    raise YamlEditError(
                        f"'{shown}' (line {node.start_mark.line + 1}) is written in one line, inside {{ }}. "
                        f"Please rewrite it with one 'key: value' per line, indented under '{key}:', then try again."
                    )
                return _fill_empty(text, key_node, node, path[depth + 1 :], value, nl)
            mapping = node
            continue
        if _is_null(node):
            return _fill_empty(text, key_node, node, path[depth + 1 :], value, nl)
        raise YamlEditError(
            f"'{shown}' (line {key_node.start_mark.line + 1}) should be a group of settings "
            f"(lines such as '{path[depth + 1]}: ...' indented under it), but it holds something else. Please check the file."
        )
    raise AssertionError("unreachable")  # pragma: no cover


def _replace_scalar(text: str, node: ScalarNode, value: str | bool | int, shown: str) -> str:
    """Replace exactly the characters of an existing value, keeping its quote style and anything after it."""
    start = node.start_mark.index
    if node.start_mark.index == node.end_mark.index:
        # `key:` with nothing after it: the mark sits just after the colon.
        return text[:start] + " " + _scalar_text(value) + text[start:]
    if text[start] in "&*":
        raise YamlEditError(
            f"'{shown}' (line {node.start_mark.line + 1}) uses a YAML anchor or alias (& or *), so changing it could change other values. "
            f"Please write the value out in full, then try again."
        )
    end = _scalar_end(text, node)
    return text[:start] + _scalar_text(value, node.style) + text[end:]


def _add_keys(text: str, mapping: MappingNode | None, root: MappingNode | None, keys: tuple[str | int, ...], value: str | bool | int, nl: str) -> str:
    """Add missing `keys` (nested, innermost gets `value`) inside an existing block mapping."""
    if mapping is None or mapping is root:
        return _insert_lines(text, len(text), _key_lines(keys, value, 0), nl)
    first_key = mapping.value[0][0]
    end = _content_end(text, mapping)
    if end < first_key.start_mark.index:
        raise YamlEditError(
            f"The group at line {first_key.start_mark.line + 1} ends with a YAML alias (*name), so policy-site cannot tell where it ends. "
            f"Please write the value out in full, then try again."
        )
    return _insert_lines(text, _line_after(text, end), _key_lines(keys, value, first_key.start_mark.column), nl)


def _fill_empty(text: str, key_node: Node, node: Node, keys: tuple[str | int, ...], value: str | bool | int, nl: str) -> str:
    """Turn `parent:` / `parent: ~` / `parent: {}` into a block mapping holding the new keys."""
    new_text, pos = _remove_value(text, node)
    lines = _key_lines(keys, value, key_node.start_mark.column + 2)
    return _insert_lines(new_text, _line_after(new_text, pos), lines, nl)


def _key_lines(keys: tuple[str | int, ...], value: str | bool | int, col: int) -> list[str]:
    """`a:` / `  b: value` lines for a chain of new nested keys, starting at column `col`."""
    lines = [f"{' ' * (col + 2 * i)}{_scalar_text(str(key))}:" for i, key in enumerate(keys)]
    lines[-1] += " " + _scalar_text(value)
    return lines


def _scalar_text(value: str | bool | int, style: str | None = None) -> str:
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
        return yaml.safe_load(value) == value
    except yaml.YAMLError:
        return False


# --------------------------------------------------------------------------- append internals


def _dump_item(item: dict[str, Any]) -> list[str]:
    """The item as block YAML lines at column 0, in the caller's key order."""
    if not isinstance(item, dict):
        raise TypeError(f"append_to_sequence adds a mapping (dict), not {type(item).__name__}")
    try:
        dumped = yaml.safe_dump(item, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    except yaml.YAMLError as exc:
        raise YamlEditError(f"policy-site could not write the new entry as YAML ({exc}). {_BUG}") from exc
    # split on "\n" only: str.splitlines() would also split on characters such as U+2028 inside values.
    return dumped.rstrip("\n").split("\n")


def _indent_item(lines: list[str], dash_col: int, offset: int) -> list[str]:
    """Put `- ` in front of the first line at `dash_col` and line the rest up under it; blank lines stay empty."""
    first = " " * dash_col + "-" + " " * (offset - 1) + lines[0]
    pad = " " * (dash_col + offset)
    return [first, *(pad + line if line else line for line in lines[1:])]


def _dash_layout(text: str, seq: SequenceNode) -> tuple[int, int]:
    """Column of the entries' `-` and the distance from it to the entry's content, as the file already has them."""
    for entry in reversed(seq.value):
        index = entry.start_mark.index
        j = index
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        offset = index - (j - 1)
        if j > 0 and text[j - 1] == "-" and offset >= 2:
            return entry.start_mark.column - offset, offset
    return seq.start_mark.column, 2


# --------------------------------------------------------------------------- shared helpers


def _newline(text: str) -> str:
    """The file's own line ending, so lines we add match the lines already there."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _root_mapping(text: str) -> MappingNode | None:
    """The top-level block mapping (None for an empty file); anything else is refused."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise YamlEditError(f"The file is not valid YAML, so policy-site will not edit it. Please fix it first: {exc}") from exc
    if root is None:
        return None
    if not isinstance(root, MappingNode) or root.flow_style:
        raise YamlEditError("The file should be a list of 'key: value' lines at the top level, one per line; policy-site cannot edit it.")
    return root


def _load(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:  # pragma: no cover - compose already accepted the text
        raise YamlEditError(f"The file is not valid YAML, so policy-site will not edit it. Please fix it first: {exc}") from exc


def _find_key(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    """The (key node, value node) pair for `key`; a key written twice is refused, as it is ambiguous."""
    matches = [(k, v) for k, v in mapping.value if isinstance(k, ScalarNode) and k.tag == _STR_TAG and k.value == key]
    if len(matches) > 1:
        lines = " and ".join(str(k.start_mark.line + 1) for k, _ in matches)
        raise YamlEditError(f"'{key}' appears more than once in the same place (lines {lines}). Please keep only one, then try again.")
    return matches[0] if matches else None


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def _scalar_end(text: str, node: ScalarNode) -> int:
    """Index just past a scalar's own characters.

    For `|` and `>` block scalars PyYAML's end mark runs on over the trailing
    line breaks (and into the next line's indentation), so step back to the last
    character of the content.
    """
    end = node.end_mark.index
    if node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
    return end


def _content_end(text: str, node: Node) -> int:
    """Index just past the last character that belongs to `node`'s content.

    End marks of block collections point at whatever follows them (blank lines,
    comments, the next key), so follow the last child down to a scalar or flow
    collection, whose marks are exact.  A `|+` block scalar keeps its trailing
    blank lines as part of the value, so those count as content.
    """
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">") and _keeps_trailing_lines(text, node):
            end = node.end_mark.index
            while end > node.start_mark.index and text[end - 1] in " \t":
                end -= 1
            return end
        return _scalar_end(text, node)
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return _content_end(text, last[1] if isinstance(node, MappingNode) else last)


def _keeps_trailing_lines(text: str, node: ScalarNode) -> bool:
    header_end = text.find("\n", node.start_mark.index)
    header = text[node.start_mark.index : header_end if header_end != -1 else len(text)]
    return "+" in header.split("#", 1)[0]


def _line_after(text: str, pos: int) -> int:
    """Start of the line after the one holding the character just before `pos` (len(text) at the end)."""
    if pos > 0 and text[pos - 1] == "\n":
        return pos
    newline = text.find("\n", pos)
    return len(text) if newline == -1 else newline + 1


def _remove_value(text: str, node: Node) -> tuple[str, int]:
    """Delete an empty value's text (`~`, `null`, `[]`, `{}`) and the spaces before it; returns (text, where it was)."""
    start, end = node.start_mark.index, node.end_mark.index
    if end > start:
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        text = text[:start] + text[end:]
    return text, start


def _insert_lines(text: str, pos: int, lines: list[str], nl: str) -> str:
    """Insert whole lines at a line start; at the end of a file with no final newline, keep it that way."""
    block = nl.join(lines) + nl
    if pos == len(text) and text and not text.endswith("\n"):
        return text + nl + block[: -len(nl)]
    return text[:pos] + block + text[pos:]


def _verify(new_text: str, expected: Any) -> None:
    """Refuse to hand back text that does not load to exactly the intended data."""
    try:
        loaded = yaml.safe_load(new_text)
    except yaml.YAMLError as exc:
        raise YamlEditError(f"policy-site's edit made the file unreadable ({exc}). {_BUG}") from exc
    if loaded != expected:
        raise YamlEditError(f"policy-site's edit did not read back as intended. {_BUG}")
