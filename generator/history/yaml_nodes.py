"""Reading a policy YAML file for an edit: its top mapping and data, a key's nodes, and where each node's text ends."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from generator.history.yaml_errors import YamlEditError

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"


def root_mapping(text: str) -> MappingNode | None:
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


def load_data(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:  # pragma: no cover - compose already accepted the text
        raise YamlEditError(f"The file is not valid YAML, so policy-site will not edit it. Please fix it first: {exc}") from exc


def find_key(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    """The (key node, value node) pair for `key`; a key written twice is refused, as it is ambiguous."""
    matches = [(k, v) for k, v in mapping.value if isinstance(k, ScalarNode) and k.tag == _STR_TAG and k.value == key]
    if len(matches) > 1:
        lines = " and ".join(str(k.start_mark.line + 1) for k, _ in matches)
        raise YamlEditError(f"'{key}' appears more than once in the same place (lines {lines}). Please keep only one, then try again.")
    return matches[0] if matches else None


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def scalar_end(text: str, node: ScalarNode) -> int:
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


def content_end(text: str, node: ScalarNode | CollectionNode) -> int:
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
        return scalar_end(text, node)
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return content_end(text, last[1] if isinstance(node, MappingNode) else last)


def _keeps_trailing_lines(text: str, node: ScalarNode) -> bool:
    header_end = text.find("\n", node.start_mark.index)
    header = text[node.start_mark.index : header_end if header_end != -1 else len(text)]
    return "+" in header.split("#", 1)[0]


def dash_layout(text: str, seq: SequenceNode) -> tuple[int, int]:
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
