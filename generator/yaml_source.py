"""Safe YAML loading that remembers the line of every value, so errors can say where."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SourceError, display_path

Path_ = tuple[str | int, ...]

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# libyaml composes about 15 times faster and gives the same marks; fall back where it is missing.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    """Plain data from one YAML file plus the line of each key and list item."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int:
        """Line of the deepest part of `loc` that exists in the file (1-based)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def error(self, loc: Path_, message: str) -> SourceError:
        return SourceError(display_path(self.path), self.line_of(loc), message)


def _yaml_problem(exc: yaml.YAMLError) -> tuple[int, str]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    if "\\t" in problem or "tab" in problem:
        advice = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        advice = "check the indentation, and put text that contains ': ' in quotes"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        advice = "check the indentation: entries at the same level must line up exactly"
    else:
        advice = "check the indentation and quoting on this line and the one above"
    return line, f"the YAML cannot be read ({problem}); {advice}"


class _Converter:
    def __init__(self, doc: YamlDocument, errors: list[SourceError]) -> None:
        self.doc = doc
        self.errors = errors
        self.scalars = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, loc: Path_) -> Any:
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(self.scalars.construct_object(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
                key_loc = (*loc, key)
                if key in result:
                    first = self.doc.lines.get(key_loc, 0)
                    self.errors.append(
                        SourceError(
                            display_path(self.doc.path),
                            key_node.start_mark.line + 1,
                            f"'{key}' is written twice in the same block (first at line {first}); keep only one",
                        )
                    )
                    continue
                self.doc.lines[key_loc] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, key_loc)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        if node.tag == _TIMESTAMP_TAG:
            # Dates are parsed by the model, which keeps their precision.
            return node.value
        return self.scalars.construct_object(node)


def load_yaml(path: Path, errors: list[SourceError], empty_ok: bool = False) -> YamlDocument | None:
    """Load one file; on failure add an error and return None. An empty file is an error
    unless `empty_ok`, when it reads as an empty block."""
    doc = YamlDocument(path=path, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        errors.append(SourceError(display_path(path), 1, "the file is not UTF-8 text; save it as UTF-8"))
        return None
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError as exc:
        line, message = _yaml_problem(exc)
        errors.append(SourceError(display_path(path), line, message))
        return None
    if node is None:
        if empty_ok:
            return YamlDocument(path=path, data={})
        errors.append(SourceError(display_path(path), 1, "the file is empty; see the authoring guide for what it must hold"))
        return None
    doc.data = _Converter(doc, errors).convert(node, ())
    return doc
