"""Load one YAML file safely: read its text, refuse what would throw line numbers off, and turn parser errors into advice."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.sources.control_characters import CONTROL_NAMES, ODD_LINE_BREAK
from generator.sources.errors import SourceError, display_path
from generator.sources.yaml_document import YamlDocument
from generator.sources.yaml_events import MAX_BYTES, EventReader, Unreadable

# libyaml parses about 15 times faster and gives the same marks; fall back where it is missing.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_of_index(text: str, index: int) -> int:
    return text.count("\n", 0, max(index, 0)) + 1


def _yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    if isinstance(exc, yaml.reader.ReaderError):
        # The reader reports a character position, not a line: find the line ourselves.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character) if isinstance(exc.character, int) else "?"
        # libyaml counts bytes of the UTF-8 text; PyYAML's own reader counts characters.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore") if _PARSER is not yaml.SafeLoader else text[: exc.position]
        return before.count("\n") + 1, (
            f"this line contains a character that cannot be in a policy file (U+{ord(char[0]):04X}, a control character); "
            "delete it (it often comes from copying out of a PDF or Word) and save again"
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
    near = text.splitlines()[max(line - 2, 0) : line]
    if any("\t" in row[: len(row) - len(row.lstrip())] for row in near) or "'\\t'" in problem:
        advice = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        advice = "check the indentation, and put text that contains ': ' in quotes"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        advice = "check the indentation: entries at the same level must line up exactly"
    elif "but found another document" in problem:
        advice = "a policy file holds one document: remove the '---' or '...' line"
    else:
        advice = "check the indentation and quoting on this line and the one above"
    return line, f"the YAML cannot be read ({problem}); {advice}"


def _read_text(path: Path, errors: list[SourceError]) -> str | None:
    where = display_path(path)
    try:
        if path.is_dir():
            errors.append(SourceError(where, 1, "this is a folder with a file's name; rename it so its name does not end in .yml"))
            return None
        if path.stat().st_size > MAX_BYTES:
            errors.append(SourceError(where, 1, f"the file is larger than {MAX_BYTES // 1_000_000} MB; no policy is this long: split it, or check it is the right file"))
            return None
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of_index(exc.object.decode("utf-8", errors="replace"), exc.start) if isinstance(exc.object, bytes) else 1
        errors.append(SourceError(where, line, "the file is not UTF-8 text; save it as UTF-8 (in Word or Notepad: Save As, Encoding UTF-8)"))
    except PermissionError:
        errors.append(SourceError(where, 1, "this file cannot be read (permission denied); let policy-site read it, e.g. chmod a+r"))
    except OSError as exc:
        errors.append(SourceError(where, 1, f"this file cannot be read ({exc.strerror or exc.__class__.__name__}); check it is a plain file"))
    return None


def load_yaml(path: Path, errors: list[SourceError], empty_ok: bool = False) -> YamlDocument | None:
    """Load one file; on failure add an error and return None. An empty file is an error
    unless `empty_ok`, when it reads as an empty block."""
    text = _read_text(path, errors)
    if text is None:
        return None
    text = text.removeprefix("\ufeff")  # Notepad's byte-order mark
    odd = ODD_LINE_BREAK.search(text)
    if odd:
        # YAML counts these as line breaks and editors do not, so every later line number would
        # be wrong: report the first at the line an editor shows, and read no further.
        char = odd.group(0)[0]
        name = CONTROL_NAMES.get(char, "a line break")
        errors.append(
            SourceError(
                display_path(path),
                _line_of_index(text, odd.start()),
                f"this line contains U+{ord(char):04X} ({name}), which editors do not show but YAML reads as a new line; "
                "delete it (it often comes from copying out of a PDF or Word), or save the file with ordinary line endings",
            )
        )
        return None
    doc = YamlDocument(path=path, data=None, text=text)
    reader = EventReader(doc, errors)
    try:
        data = reader.read(yaml.parse(text, Loader=_PARSER))
    except Unreadable as exc:
        errors.append(SourceError(display_path(path), exc.line, exc.message))
        return None
    except yaml.YAMLError as exc:
        line, message = _yaml_problem(exc, text)
        errors.append(SourceError(display_path(path), line, message))
        return None
    if data is None:
        if empty_ok:
            return YamlDocument(path=path, data={}, text=text)
        errors.append(SourceError(display_path(path), 1, "the file is empty; see the authoring guide for what it must hold"))
        return None
    doc.data = data
    return doc
