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
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.history.yaml_errors import BUG, YamlEditError
from generator.history.yaml_nodes import content_end, dash_layout, find_key, is_null, load_data, root_mapping, scalar_end
from generator.history.yaml_text import dump_item, indent_item, insert_lines, key_lines, line_after, line_ending, remove_value, scalar_text

__all__ = ["append_to_sequence", "set_scalar"]


# --------------------------------------------------------------------------- public API


def append_to_sequence(text: str, key: str, item: dict[str, Any]) -> str:
    """Append `item` as a new last entry of the block sequence under top-level `key`.

    The new entry goes straight after the last line of the last existing entry,
    so comments and blank lines that follow the list stay after it.  It copies the
    existing entries' indentation, which differs between files.  A missing key, an
    empty ``[]`` or an empty value becomes a block list; a one-line list with
    entries is refused, because rewriting it would change the author's layout.
    """
    nl = line_ending(text)
    root = root_mapping(text)
    original = load_data(text)
    expected: dict[Any, Any] = copy.deepcopy(original) if isinstance(original, dict) else {}
    item_lines = dump_item(item)

    found = find_key(root, key) if root is not None else None
    if found is None:
        new_text = insert_lines(text, len(text), [f"{scalar_text(key)}:", *indent_item(item_lines, 2, 2)], nl)
        expected[key] = [copy.deepcopy(item)]
        _verify(new_text, expected)
        return new_text

    key_node, value = found
    if is_null(value) or (isinstance(value, SequenceNode) and value.flow_style and not value.value):
        # `history:`, `history: ~` or `history: []`: switch to the block form, entries below the key.
        new_text, pos = remove_value(text, value)
        col = key_node.start_mark.column + 2
        new_text = insert_lines(new_text, line_after(new_text, pos), indent_item(item_lines, col, 2), nl)
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
    end = content_end(text, last)
    if end < last.start_mark.index:
        raise YamlEditError(
            f"The last entry of '{key}' (line {last.start_mark.line + 1}) ends with a YAML alias (*name), "
            f"so policy-site cannot tell where it ends. Please write the value out in full, then try again."
        )
    dash_col, offset = dash_layout(text, value)
    new_text = insert_lines(text, line_after(text, end), indent_item(item_lines, dash_col, offset), nl)
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

    nl = line_ending(text)
    root = root_mapping(text)
    original = load_data(text)
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
        found = find_key(mapping, key) if mapping is not None else None
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
        if is_null(node):
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
        return text[:start] + " " + scalar_text(value) + text[start:]
    if text[start] in "&*":
        raise YamlEditError(
            f"'{shown}' (line {node.start_mark.line + 1}) uses a YAML anchor or alias (& or *), so changing it could change other values. "
            f"Please write the value out in full, then try again."
        )
    end = scalar_end(text, node)
    return text[:start] + scalar_text(value, node.style) + text[end:]


def _add_keys(text: str, mapping: MappingNode | None, root: MappingNode | None, keys: tuple[str | int, ...], value: str | bool | int, nl: str) -> str:
    """Add missing `keys` (nested, innermost gets `value`) inside an existing block mapping."""
    if mapping is None or mapping is root:
        return insert_lines(text, len(text), key_lines(keys, value, 0), nl)
    first_key = mapping.value[0][0]
    end = content_end(text, mapping)
    if end < first_key.start_mark.index:
        raise YamlEditError(
            f"The group at line {first_key.start_mark.line + 1} ends with a YAML alias (*name), so policy-site cannot tell where it ends. "
            f"Please write the value out in full, then try again."
        )
    return insert_lines(text, line_after(text, end), key_lines(keys, value, first_key.start_mark.column), nl)


def _fill_empty(text: str, key_node: Node, node: Node, keys: tuple[str | int, ...], value: str | bool | int, nl: str) -> str:
    """Turn `parent:` / `parent: ~` / `parent: {}` into a block mapping holding the new keys."""
    new_text, pos = remove_value(text, node)
    lines = key_lines(keys, value, key_node.start_mark.column + 2)
    return insert_lines(new_text, line_after(new_text, pos), lines, nl)


def _verify(new_text: str, expected: Any) -> None:
    """Refuse to hand back text that does not load to exactly the intended data."""
    try:
        loaded = yaml.safe_load(new_text)
    except yaml.YAMLError as exc:
        raise YamlEditError(f"policy-site's edit made the file unreadable ({exc}). {BUG}") from exc
    if loaded != expected:
        raise YamlEditError(f"policy-site's edit did not read back as intended. {BUG}")
