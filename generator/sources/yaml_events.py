"""The bounded reader that turns a stream of YAML parser events into plain data, noting the line of every value.

The file is read as a stream of parser events and turned into plain data here, without
PyYAML's recursive composer and constructor. That keeps every limit in our hands: a policy
file is data an admin typed or pasted, so nothing in it may crash the tool, run code, or make
it use memory or time out of proportion to the file's size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

import yaml

from generator.sources.control_characters import control_character
from generator.sources.errors import SourceError, display_path, printable
from generator.sources.yaml_document import Path_, YamlDocument

# The bounds, and why they are where they are:
# - The deepest real file (an overlay's added clause with a plain version) nests 8 blocks; 40
#   leaves room for any sensible file while keeping every walker of the data (the validator,
#   the checks, the archive fingerprint) far below Python's recursion limit of 1,000.
MAX_DEPTH = 40
# - A 200-clause policy is about 6,000 values. Aliases (`*name`) reuse a block without copying
#   it in the file, so a 400-byte file can stand for billions of values ("billion laughs"); every
#   alias counts the values it stands for, and 250,000 in all is 40 times the largest policy.
MAX_VALUES = 250_000
# - The longest seed policy is 60 KB; 4 MB is a policy of many hundreds of pages.
MAX_BYTES = 4_000_000
# - Aliases may repeat text as well as blocks: a 100 KB text repeated 20,000 times is 2 GB for
#   every later check to read. The text a file stands for, aliases counted, stays within twice
#   the largest file.
MAX_CHARS = 2 * MAX_BYTES

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ, _MERGE = (_CORE + t for t in ("timestamp", "map", "seq", "merge"))
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}


_KEY_NOT_TEXT = "a field name must be plain text (a word followed by ':'); check this line"


class Unreadable(Exception):
    """A problem with one value that stops the file from being read: (line, message)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class _Open:
    """A block or list being read: its value, where it sits, and the key awaiting a value."""

    value: dict[str, Any] | list[Any]
    loc: Path_
    anchor: str | None
    start: int  # values counted when it opened, to know how many it holds when it closes
    start_chars: int  # and the characters of text
    key: str | None = None
    key_line: int = 0
    skip: bool = False  # the pending key was a duplicate: read its value and drop it


class EventReader:
    def __init__(self, doc: YamlDocument, errors: list[SourceError]) -> None:
        self.doc = doc
        self.errors = errors
        self.resolver = yaml.SafeLoader("")
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, and the values and characters it stands for
        self.open_anchors: set[str] = set()
        self.count = 0
        self.chars = 0
        self.result: Any = None
        self.lines = doc.text.splitlines()

    def _where(self, line: int, message: str) -> SourceError:
        return SourceError(display_path(self.doc.path), line, message)

    def _count(self, n: int, line: int, chars: int = 0) -> None:
        self.count += n
        self.chars += chars
        if self.chars > MAX_CHARS:
            raise Unreadable(
                line, f"this file stands for more than {MAX_CHARS // 1_000_000} million characters of text (aliases like *name repeat it); write the text out once"
            )
        if self.count > MAX_VALUES:
            raise Unreadable(
                line, f"this file stands for more than {MAX_VALUES:,} values (aliases like *name repeat whole blocks); write the text out, or split the file"
            )

    def _next_loc(self, line: int) -> tuple[Path_, bool]:
        """Where the next value goes, and whether it is a key of a block (not a value)."""
        if not self.stack:
            return (), False
        top = self.stack[-1]
        if isinstance(top.value, list):
            loc = (*top.loc, len(top.value))
            self.doc.lines.setdefault(loc, line)
            return loc, False
        if top.key is None:
            return top.loc, True
        return (*top.loc, top.key), False

    def _place(self, value: Any, line: int, is_key: bool) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if is_key:
            if not isinstance(value, str):
                raise Unreadable(line, _KEY_NOT_TEXT)
            key_loc = (*top.loc, value)
            top.key, top.key_line, top.skip = value, line, value in top.value
            if top.skip:
                first = self.doc.lines.get(key_loc, 0)
                self.errors.append(self._where(line, f"'{value}' is written twice in the same block (first at line {first}); keep only one"))
            else:
                self.doc.lines[key_loc] = line
            return
        if not top.skip and top.key is not None:
            top.value[top.key] = value
        top.key = None

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            # types-PyYAML leaves Resolver.resolve unannotated; it returns the tag as text.
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        elif tag.startswith("!!"):
            tag = _CORE + tag[2:]
        if tag == _MERGE:
            raise Unreadable(line, "'<<' (a YAML merge key) is not supported; write the fields out in full")
        if tag not in _SCALAR_TAGS:
            shown = event.tag or tag
            raise Unreadable(line, f"the YAML tag {shown} is not allowed in a policy file; remove it and write the value as text, a number, true/false or a date")
        if tag == _STR or tag == _TIMESTAMP:
            # Dates stay text here: the model parses them and keeps their precision.
            value: Any = event.value
        else:
            # libyaml's events carry its own Mark class, which the stubs do not accept on a node: the
            # two have the same fields, and the constructor only quotes them in its errors.
            start_mark, end_mark = cast("yaml.error.Mark | None", event.start_mark), cast("yaml.error.Mark | None", event.end_mark)
            node = yaml.ScalarNode(tag, event.value, start_mark, end_mark, event.style)
            try:
                value = self.resolver.construct_object(node, deep=True)
            except (ValueError, KeyError, TypeError, OverflowError, yaml.YAMLError):
                kind = {_INT: "a whole number", _FLOAT: "a number", _BOOL: "true or false", _NULL: "empty"}.get(tag, "a value")
                shown = event.value if len(event.value) <= 40 else event.value[:40] + "…"
                raise Unreadable(line, f"'{shown}' cannot be read as {kind}; write {kind}, or put the text in quotes and remove the tag") from None
        if isinstance(value, str):
            bad = control_character(value)
            if bad:
                # Reported, and reading goes on: the file's other mistakes are listed too.
                self.errors.append(
                    self._where(line, f"this text contains {bad}, which is not part of any policy's words; delete it (copying from a PDF or Word often brings one in)")
                )
            if not event.style:  # plain, unquoted text (libyaml says "", PyYAML None)
                self._comment_after(event, value, line)
        return value

    def _key(self, event: yaml.ScalarEvent, line: int) -> str:
        if event.tag not in (None, "!", _STR) or printable(event.value) != event.value:
            raise Unreadable(line, _KEY_NOT_TEXT)
        if event.value == "<<" and not event.style:
            raise Unreadable(line, "'<<' (a YAML merge key) is not supported; write the fields out in full")
        return event.value

    def _comment_after(self, event: yaml.ScalarEvent, value: str, line: int) -> None:
        """Unquoted text followed by ' #' loses the rest of the line as a comment; say so when
        that looks like words rather than a note (a sentence, or a '#hashtag')."""
        end = event.end_mark
        if end is None or end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        found = re.match(r"\s+#(\S?)", rest)
        if found and (found.group(1) or " " in value):
            self.errors.append(
                self._where(
                    end.line + 1,
                    f"the text after ' #' on this line is read as a comment and left out (the value read is '{value[-40:]}'); "
                    "put the whole text in quotes, or move a note to a line of its own",
                )
            )

    def _open(self, event: yaml.CollectionStartEvent, line: int, is_map: bool) -> None:
        tag = event.tag
        if tag not in (None, "!", _MAP if is_map else _SEQ, "!!map" if is_map else "!!seq"):
            raise Unreadable(line, f"the YAML tag {tag} is not allowed in a policy file; remove it")
        if len(self.stack) >= MAX_DEPTH:
            raise Unreadable(line, f"blocks are nested more than {MAX_DEPTH} deep here; no policy needs this: check the indentation")
        loc, is_key = self._next_loc(line)
        if is_key:
            raise Unreadable(line, _KEY_NOT_TEXT)
        self.doc.lines.setdefault(loc, line)
        self._count(1, line)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Open({} if is_map else [], loc, event.anchor, self.count, self.chars))

    def _close(self, line: int) -> None:
        top = self.stack.pop()
        if top.anchor:
            self.open_anchors.discard(top.anchor)
            self.anchors[top.anchor] = (top.value, self.count - top.start + 1, self.chars - top.start_chars)
        self._place(top.value, line, False)

    def _alias(self, event: yaml.AliasEvent, line: int) -> None:
        name = event.anchor
        if name in self.open_anchors:
            raise Unreadable(line, f"*{name} refers to the block it is inside, which would repeat for ever; write the text out instead")
        if name not in self.anchors:
            raise Unreadable(line, f"*{name} refers to no '&{name}' above it; define the anchor first or write the text out")
        value, size, chars = self.anchors[name]
        self._count(size, line, chars)
        _, is_key = self._next_loc(line)
        self._place(value, line, is_key)

    def read(self, events: Any) -> Any:
        documents = 0
        for event in events:
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise Unreadable(line, "this file holds more than one YAML document; a policy file holds one: remove the '---' line")
            elif isinstance(event, yaml.ScalarEvent):
                loc, is_key = self._next_loc(line)
                if not is_key:
                    self.doc.lines.setdefault(loc, line)
                self._count(1, line, len(event.value))
                # A field name is its text as written: `no:` or `2021:` is a name, not a value.
                value = self._key(event, line) if is_key else self._scalar(event, line)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, len(event.value))
                self._place(value, line, is_key)
            elif isinstance(event, yaml.MappingStartEvent):
                self._open(event, line, True)
            elif isinstance(event, yaml.SequenceStartEvent):
                self._open(event, line, False)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self._close(line)
            elif isinstance(event, yaml.AliasEvent):
                self._alias(event, line)
        return self.result if documents else None
