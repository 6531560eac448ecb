"""A draft policy as the YAML file a person finishes: the policy's fields in the authoring guide's order, every guess with a `# check:` comment above it.

PyYAML cannot write comments, so the file is written line by line here; every scalar is
written by PyYAML itself (quoting), or as a block scalar checked to read back the same.
"""

from __future__ import annotations

import re
import textwrap

import yaml

from generator.importer.draft import NOT_PLACED_ID, Draft, DraftClause, DraftSection

WIDTH = 100
NOT_PLACED_TITLE = "Not placed by the import"


# Words YAML reads as plain text when written unquoted: a letter first, no ": " or " #", no
# indicator characters. Anything else goes through PyYAML, which quotes as it must.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/\u2018\u2019\u201c\u201d;!?&\u2013\u2014-]*")
_NOT_PLAIN_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
# What a block scalar would not carry as written: runs of spaces, tabs, control characters.
_NEEDS_CHECK = re.compile(r"  |[^\S\n ]|[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]")


def _scalar(value: str) -> str:
    """`value` as a YAML flow scalar (quoted where it must be)."""
    if _PLAIN.fullmatch(value) and value == value.strip() and value.lower() not in _NOT_PLAIN_WORDS:
        return value
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _block(value: str, indent: str) -> list[str] | None:
    """`value` as a folded (one line) or literal (several lines) block scalar, None if it would not read back the same."""
    if value != value.strip() or not value:
        return None
    if "\n" in value:
        lines = [f"{indent}{line}" if line else "" for line in value.split("\n")]
        header = "|-"
    else:
        lines = [indent + line for line in textwrap.wrap(value, WIDTH - len(indent), break_long_words=False, break_on_hyphens=False)]
        header = ">-"
    if not _NEEDS_CHECK.search(value) and all(line == line.strip() for line in value.split("\n")):
        # Single spaces, no tabs, no line starting or ending in a space: folding and literal
        # blocks give these words back as they are, so reading them again would prove nothing.
        return [header, *lines]
    text = "k: " + header + "\n" + "\n".join(lines) + "\n"
    try:
        if yaml.safe_load(text) != {"k": value}:
            return None
    except yaml.YAMLError:
        return None
    return [header, *lines]


def field_lines(key: str, value: str, indent: str, first: str | None = None) -> list[str]:
    """`key: value` at `indent` (`first` replaces the indent on the first line, for "- ")."""
    lead = first if first is not None else indent
    flow = _scalar(value)
    if len(lead) + len(key) + 2 + len(flow) <= WIDTH and "\n" not in flow:
        return [f"{lead}{key}: {flow}"]
    block = _block(value, indent + "  ")
    if block is None:
        return [f"{lead}{key}: {flow}"]
    return [f"{lead}{key}: {block[0]}", *block[1:]]


def _checks(note: str | None, indent: str) -> list[str]:
    return [f"{indent}# check: {line}" for line in (note or "").split("\n") if line]


def _list(key: str, values: list[str], indent: str) -> list[str]:
    return [f"{indent}{key}: [" + ", ".join(_scalar(v) for v in values) + "]"] if values else []


def _items(values: list[str], indent: str) -> list[str]:
    out = [f"{indent}items:"]
    for value in values:
        for i, line in enumerate(field_lines("x", value, indent + "    ", first=indent + "  - ")):
            out.append(line.replace("- x: ", "- ", 1) if i == 0 else line)
    return out


def clause_lines(clause: DraftClause, indent: str) -> list[str]:
    """One clause as a list entry: `- id: ...` then its fields."""
    inner = indent + "  "
    out = [f"{indent}- id: {clause.id}"]
    if clause.number:
        out += [f"{inner}number: {_scalar(clause.number)}"]
    if clause.lead_in:
        out += field_lines("lead_in", clause.lead_in, inner)
    if clause.term:
        out += _checks(clause.checks.get("term"), inner) + [f"{inner}term: {_scalar(clause.term)}"]
    out += _checks(clause.checks.get("text"), inner) + field_lines("text", clause.text, inner)
    if clause.items:
        out += _items(clause.items, inner)
    out += _checks(clause.checks.get("strength"), inner) + [f"{inner}strength: {clause.strength}"]
    out += _checks(clause.checks.get("audiences"), inner) + _list("audiences", clause.audiences, inner)
    if clause.see:
        out += [f"{inner}see:"] + [f"{inner}  - name: {_scalar(name)}" for name in clause.see]
    return out


def _prose(key: str, paragraphs: list[str], indent: str) -> list[str]:
    return field_lines(key, "\n\n".join(paragraphs), indent) if paragraphs else []


def section_lines(section: DraftSection, indent: str) -> list[str]:
    inner = indent + "  "
    out = [f"{indent}- id: {section.id}"]
    if section.number:
        out += [f"{inner}number: {_scalar(section.number)}"]
    out += field_lines("title", section.title, inner)
    out += _prose("intro", section.intro, inner)
    if section.clauses:
        out += [f"{inner}clauses:"]
        for clause in section.clauses:
            out += clause_lines(clause, inner + "  ")
    if section.sections:
        out += [f"{inner}sections:"]
        for child in section.sections:
            out += section_lines(child, inner + "  ")
    out += _prose("closing", section.closing, inner)
    return out


def _history(draft: Draft) -> list[str]:
    if not draft.history:
        return []
    out = ["history:"]
    for fields, checks in zip(draft.history, draft.history_checks, strict=True):
        out += [f"  # check: {check}" for check in checks]
        dumped = yaml.safe_dump([fields], allow_unicode=True, sort_keys=False, width=WIDTH, default_flow_style=False)
        out += ["  " + line for line in dumped.rstrip("\n").split("\n")]
    return out


def _review(draft: Draft) -> list[str]:
    out = ["", *(f"# check: {check}" for check in draft.review_checks)]
    if not draft.review:
        return out + ["# check: no next review date found; add `review: next: YYYY-MM` if the policy gives one"]
    out += ["review:"]
    for key, value in draft.review.items():
        out += [f"  {key}: {value if isinstance(value, int) else _scalar(value)}"]
    return out


def draft_yaml(draft: Draft, header: list[str]) -> str:
    """The whole file: `header` comment lines, then the policy."""
    out = [f"# {line}" if line else "#" for line in header]
    out += [f"id: {draft.id}"]
    out += _checks("\n".join(draft.checks), "") if draft.checks else []
    out += _checks(draft.title_check, "") + field_lines("title", draft.title, "")
    out += ["# check: write one plain sentence saying what the policy is for (this is its first sentence)"]
    out += field_lines("summary", draft.summary, "")
    out += ["# A draft is never published: preview it with `policy-site serve`; `ratify` sets draft: false.", "draft: true"]
    out += _prose("intro", draft.intro, "")
    out += _history(draft) + _review(draft)
    out += ["", "sections:"]
    for section in draft.sections:
        out += section_lines(section, "  ")
    if draft.not_placed:
        out += [
            "  # check: the import could not place these paragraphs; move each where it belongs, then delete this section",
            f"  - id: {NOT_PLACED_ID}",
            f"    title: {NOT_PLACED_TITLE}",
        ]
        out += field_lines("intro", "\n".join(draft.not_placed), "    ")
    return "\n".join(out) + "\n"
