"""Byte-preserving YAML edits: the result loads as intended and every untouched byte survives."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.history import yaml_edit
from generator.history.yaml_edit import append_to_sequence, set_scalar
from generator.history.yaml_errors import YamlEditError
from generator.history.yaml_text import scalar_text

REPO = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/policy.schema.json\n"

NEW_EVENT: dict[str, Any] = {"event": "ratified", "date": "2026-02-11", "version": "4", "body": "Full Governing Body"}
NEW_EVENT_LINES_2 = "  - event: ratified\n    date: '2026-02-11'\n    version: '4'\n    body: Full Governing Body\n"


def load(text: str) -> Any:
    return yaml.safe_load(text)


def with_appended(text: str, key: str, item: dict[str, Any]) -> Any:
    data = copy.deepcopy(load(text)) or {}
    data[key] = [*(data.get(key) or []), item]
    return data


def assert_spliced(original: str, result: str, at: int, inserted: str) -> None:
    """`result` is `original` with exactly `inserted` put in at index `at`: prefix and suffix byte-identical."""
    assert result.startswith(original[:at])
    assert result.endswith(original[at:])
    assert result == original[:at] + inserted + original[at:]


def assert_replaced(original: str, result: str, old: str, new: str) -> None:
    """`result` is `original` with the single occurrence of `old` swapped for `new`."""
    assert original.count(old) == 1
    at = original.index(old)
    assert result.startswith(original[:at])
    assert result.endswith(original[at + len(old) :])
    assert result == original[:at] + new + original[at + len(old) :]


# --------------------------------------------------------------------------- append_to_sequence

INDENTED = (
    SCHEMA_LINE + "id: demo\n"
    "title: Demo Policy\n"
    "\n"
    "history:\n"
    "  - event: written\n"
    '    date: "2019-01-05"\n'
    "  - event: ratified   # by the full board\n"
    '    date: "2019-01-24"\n'
    '    version: "1"\n'
    "\n"
    "sections: []\n"
)


def test_append_two_space_indented_items() -> None:
    result = append_to_sequence(INDENTED, "history", NEW_EVENT)
    assert load(result) == with_appended(INDENTED, "history", NEW_EVENT)
    at = INDENTED.index('    version: "1"\n') + len('    version: "1"\n')
    assert_spliced(INDENTED, result, at, NEW_EVENT_LINES_2)
    assert result.startswith(SCHEMA_LINE)


def test_append_column_zero_items() -> None:
    original = 'id: demo\nhistory:\n- event: written\n  date: "2019-01-05"\n- event: approved\n  date: "2021-02"\nreview:\n  next: "2024-02"\n'
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    inserted = "- event: ratified\n  date: '2026-02-11'\n  version: '4'\n  body: Full Governing Body\n"
    assert_spliced(original, result, original.index("review:"), inserted)


def test_append_keeps_wider_dash_offset() -> None:
    original = 'history:\n    -   event: written\n        date: "2019"\nnext: 1\n'
    result = append_to_sequence(original, "history", {"event": "updated", "date": "2020"})
    assert load(result) == with_appended(original, "history", {"event": "updated", "date": "2020"})
    assert_spliced(original, result, original.index("next:"), "    -   event: updated\n        date: '2020'\n")


def test_append_after_literal_block_scalar() -> None:
    original = "history:\n  - event: updated\n    note: |\n      First line.\n\n      Last line.\n\n\n# Sections follow\nsections: []\n"
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert load(result)["history"][0]["note"] == "First line.\n\nLast line.\n"
    at = original.index("      Last line.\n") + len("      Last line.\n")
    assert_spliced(original, result, at, NEW_EVENT_LINES_2)


def test_append_after_folded_block_scalar_and_nested_signatories() -> None:
    original = (
        "history:\n"
        "  - event: ratified\n"
        '    date: "2025-01-29"\n'
        "    signatories:\n"
        "      - role: Co-headteachers\n"
        "      - role: Chair of Governors\n"
        "        name: Ann Smith\n"
        "    note: >-\n"
        '      The source copy records one signature, "Signed:\n'
        '      CO-HEADTEACHERS", with no names.\n'
        "\n"
        "sections: []\n"
    )
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    at = original.index("with no names.\n") + len("with no names.\n")
    assert_spliced(original, result, at, NEW_EVENT_LINES_2)


def test_append_when_last_item_ends_with_nested_signatories() -> None:
    original = "history:\n  - event: adopted\n    signatories:\n      - role: Head teacher\n        name: Karen Morris\n      - role: Chair\n\n\nsections: []\n"
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert_spliced(original, result, original.index("\n\n\nsections") + 1, NEW_EVENT_LINES_2)


def test_append_after_quoted_multiline_string_with_comment() -> None:
    original = 'history:\n  - event: updated\n    note: "a long note that\n      wraps onto a second line"  # checked\nsections: []\n'
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert_spliced(original, result, original.index("sections:"), NEW_EVENT_LINES_2)


def test_append_keep_chomped_block_scalar_keeps_its_blank_lines() -> None:
    original = "history:\n  - event: updated\n    note: |+\n      kept\n\n\nsections: []\n"
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert load(result)["history"][0]["note"] == "kept\n\n\n"
    assert_spliced(original, result, original.index("sections:"), NEW_EVENT_LINES_2)


def test_append_leaves_trailing_comments_and_blank_lines_after_new_item() -> None:
    original = (
        SCHEMA_LINE + "history:\n"
        "  - event: written\n"
        '    date: "2019-01-05"   # from the minutes\n'
        "\n"
        "  # older entries were lost\n"
        "\n"
        "# --- review ---\n"
        "review:\n"
        '  next: "2026-01"\n'
    )
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    at = original.index("# from the minutes\n") + len("# from the minutes\n")
    assert_spliced(original, result, at, NEW_EVENT_LINES_2)
    tail = '\n  # older entries were lost\n\n# --- review ---\nreview:\n  next: "2026-01"\n'
    assert result.endswith(NEW_EVENT_LINES_2 + tail)


def test_append_when_key_missing() -> None:
    original = SCHEMA_LINE + "id: demo\ntitle: Demo\n# end of file comment\n"
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert_spliced(original, result, len(original), "history:\n" + NEW_EVENT_LINES_2)


def test_append_when_key_missing_and_no_final_newline() -> None:
    original = "id: demo\ntitle: Demo"
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert result == original + "\nhistory:\n" + NEW_EVENT_LINES_2.rstrip("\n")


def test_append_to_last_item_at_end_of_file_without_final_newline() -> None:
    original = 'id: demo\nhistory:\n  - event: written\n    date: "2019-01-05"'
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert result == original + "\n" + NEW_EVENT_LINES_2.rstrip("\n")
    assert not result.endswith("\n")


def test_append_to_empty_flow_sequence() -> None:
    original = "id: demo\nhistory: []   # none yet\nsections: []\n"
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert result == "id: demo\nhistory:   # none yet\n" + NEW_EVENT_LINES_2 + "sections: []\n"


@pytest.mark.parametrize("empty", ["", " ~", " null"])
def test_append_to_null_value(empty: str) -> None:
    original = f"id: demo\nhistory:{empty}\n\nsections: []\n"
    result = append_to_sequence(original, "history", NEW_EVENT)
    assert load(result) == with_appended(original, "history", NEW_EVENT)
    assert result == "id: demo\nhistory:\n" + NEW_EVENT_LINES_2 + "\nsections: []\n"


def test_append_refuses_non_empty_flow_sequence() -> None:
    original = "history: [written, ratified]\n"
    with pytest.raises(YamlEditError, match=r"one line.*one '- ' entry per line"):
        append_to_sequence(original, "history", NEW_EVENT)


def test_append_refuses_non_list() -> None:
    with pytest.raises(YamlEditError, match="not a list"):
        append_to_sequence("history: some text\n", "history", NEW_EVENT)


def test_append_refuses_duplicate_key() -> None:
    with pytest.raises(YamlEditError, match="more than once"):
        append_to_sequence("history:\n  - a: 1\nhistory:\n  - b: 2\n", "history", NEW_EVENT)


def test_append_refuses_invalid_yaml() -> None:
    with pytest.raises(YamlEditError, match="not valid YAML"):
        append_to_sequence("history:\n  - a: 1\n - b: [\n", "history", NEW_EVENT)


def test_append_crlf_file() -> None:
    original = "# schema\r\nid: demo\r\nhistory:\r\n  - event: written\r\n    note: |\r\n      Line one.\r\n      Line two.\r\n\r\nsections: []\r\n"
    item = {"event": "ratified", "date": "2026-02-11", "note": "Two\nlines"}
    result = append_to_sequence(original, "history", item)
    assert load(result) == with_appended(original, "history", item)
    inserted = "  - event: ratified\r\n    date: '2026-02-11'\r\n    note: 'Two\r\n\r\n      lines'\r\n"
    assert_spliced(original, result, original.index("\r\nsections"), inserted)
    assert "\n" not in result.replace("\r\n", "")


def test_append_quotes_strings_that_look_like_dates_or_numbers() -> None:
    item = {"event": "ratified", "date": "2025-01-29", "version": "4", "score": "7.2", "flag": "yes", "empty": "", "count": 3}
    result = append_to_sequence(INDENTED, "history", item)
    new = load(result)["history"][-1]
    assert new == item
    assert [type(v) for v in new.values()] == [str, str, str, str, str, str, int]
    assert list(new) == list(item)  # caller's key order survives


def test_append_nested_structures_and_multiline_strings_round_trip() -> None:
    item = {
        "event": "ratified",
        "date": "2026-02-11",
        "signatories": [{"role": "Headteacher", "name": "Jo Bloggs"}, {"role": "Chair of Governors"}],
        "changes": {"parents": "New section on phones.\n\nSee page 3.\n", "staff": "Line one\nline two"},
        "note": 'Café: "quoted" text, with # hash and: colon\n  indented line',
    }
    result = append_to_sequence(INDENTED, "history", item)
    assert load(result) == with_appended(INDENTED, "history", item)
    assert load(result)["history"][-1] == item


def test_append_to_real_policy_file_keeps_every_line_in_order() -> None:
    source = REPO / "policy_sources" / "bledington" / "policies" / "social-media.yml"
    original = source.read_text(encoding="utf-8")
    item = {"event": "ratified", "date": "2026-02-11", "version": "4", "body": "Full Governing Body", "signatories": [{"role": "Co-headteachers"}]}
    result = append_to_sequence(original, "history", item)
    assert load(result) == with_appended(original, "history", item)
    old_lines = original.splitlines(keepends=True)
    new_lines = result.splitlines(keepends=True)
    assert len(new_lines) == len(old_lines) + 6
    remaining = iter(new_lines)
    assert all(line in remaining for line in old_lines)  # every original line, in order
    assert result.startswith(SCHEMA_LINE)
    # the new entry sits straight after the last entry's last line, before the blank line and `sections:`
    last = original.split("\n\nsections:")[0].rstrip("\n").splitlines()[-1]
    assert last + "\n  - event: ratified\n" in result
    assert "    signatories:\n    - role: Co-headteachers\n\nsections:\n" in result
    assert source.read_text(encoding="utf-8") == original  # read, never written


# --------------------------------------------------------------------------- set_scalar

REVIEW = (
    SCHEMA_LINE + "id: demo\n"
    "draft: true\n"
    "review:\n"
    '  next: "2026-09"   # agreed at FGB\n'
    "  by: Full Governing Body\n"
    "  cycle: 'annual'\n"
    "\n"
    "# Sections below\n"
    "sections: []\n"
)


def with_set(text: str, path: tuple[str, ...], value: Any) -> Any:
    data = copy.deepcopy(load(text)) or {}
    target = data
    for key in path[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    target[path[-1]] = value
    return data


def test_set_replaces_double_quoted_value_keeping_comment() -> None:
    result = set_scalar(REVIEW, ("review", "next"), "2027-09")
    assert load(result) == with_set(REVIEW, ("review", "next"), "2027-09")
    assert_replaced(REVIEW, result, '"2026-09"', '"2027-09"')
    assert '  next: "2027-09"   # agreed at FGB\n' in result


def test_set_replaces_unquoted_value() -> None:
    result = set_scalar(REVIEW, ("review", "by"), "Curriculum Committee")
    assert load(result) == with_set(REVIEW, ("review", "by"), "Curriculum Committee")
    assert_replaced(REVIEW, result, "Full Governing Body", "Curriculum Committee")


def test_set_quotes_date_like_value_replacing_plain_one() -> None:
    original = "review:\n  next: never # to be decided\n"
    result = set_scalar(original, ("review", "next"), "2027-09-30")
    assert load(result) == {"review": {"next": "2027-09-30"}}
    assert result == 'review:\n  next: "2027-09-30" # to be decided\n'


def test_set_keeps_single_quote_style() -> None:
    result = set_scalar(REVIEW, ("review", "cycle"), "every two years")
    assert load(result) == with_set(REVIEW, ("review", "cycle"), "every two years")
    assert_replaced(REVIEW, result, "'annual'", "'every two years'")


def test_set_top_level_bool() -> None:
    result = set_scalar(REVIEW, ("draft",), False)
    assert load(result) == with_set(REVIEW, ("draft",), False)
    assert_replaced(REVIEW, result, "draft: true", "draft: false")


def test_set_int_value() -> None:
    original = "id: demo\nversion: 3  # last ratified\n"
    result = set_scalar(original, ("version",), 4)
    assert load(result) == {"id": "demo", "version": 4}
    assert result == "id: demo\nversion: 4  # last ratified\n"


def test_set_fills_empty_value() -> None:
    original = "review:\n  next:   # to be set\n  by: FGB\n"
    result = set_scalar(original, ("review", "next"), "2027-09")
    assert load(result) == {"review": {"next": "2027-09", "by": "FGB"}}
    assert result == 'review:\n  next: "2027-09"   # to be set\n  by: FGB\n'


def test_set_replaces_block_scalar_value() -> None:
    original = "review:\n  note: >-\n    old text\n    over two lines\n\n  by: FGB\n"
    result = set_scalar(original, ("review", "note"), "new")
    assert load(result) == {"review": {"note": "new", "by": "FGB"}}
    assert result == "review:\n  note: new\n\n  by: FGB\n"


def test_set_inserts_into_existing_parent() -> None:
    result = set_scalar(REVIEW, ("review", "last"), "2025-09-30")
    assert load(result) == with_set(REVIEW, ("review", "last"), "2025-09-30")
    at = REVIEW.index("  cycle: 'annual'\n") + len("  cycle: 'annual'\n")
    assert_spliced(REVIEW, result, at, '  last: "2025-09-30"\n')


def test_set_inserts_after_parent_ending_in_block_scalar() -> None:
    original = 'review:\n    next: "2026-09"\n    note: |\n      See minutes.\n\n# tail\nsections: []\n'
    result = set_scalar(original, ("review", "by"), "FGB")
    assert load(result) == with_set(original, ("review", "by"), "FGB")
    assert_spliced(original, result, original.index("\n# tail"), "    by: FGB\n")


def test_set_creates_missing_parent() -> None:
    original = SCHEMA_LINE + "id: demo\nsections: []\n"
    result = set_scalar(original, ("review", "next"), "2027-09")
    assert load(result) == with_set(original, ("review", "next"), "2027-09")
    assert_spliced(original, result, len(original), 'review:\n  next: "2027-09"\n')


def test_set_creates_missing_top_level_key() -> None:
    original = "id: demo\nsections: []\n# trailing comment"
    result = set_scalar(original, ("draft",), True)
    assert load(result) == {"id": "demo", "sections": [], "draft": True}
    assert result == original + "\ndraft: true"


@pytest.mark.parametrize("empty", ["", " ~", " {}"])
def test_set_fills_empty_parent(empty: str) -> None:
    original = f"id: demo\nreview:{empty}\nsections: []\n"
    result = set_scalar(original, ("review", "next"), "2027-09")
    assert load(result) == {"id": "demo", "review": {"next": "2027-09"}, "sections": []}
    assert result == 'id: demo\nreview:\n  next: "2027-09"\nsections: []\n'


def test_set_crlf_file() -> None:
    original = 'id: demo\r\nreview:\r\n  next: "2026-09"\r\n\r\nsections: []\r\n'
    result = set_scalar(original, ("review", "by"), "FGB")
    assert load(result) == with_set(original, ("review", "by"), "FGB")
    assert_spliced(original, result, original.index("\r\nsections"), "  by: FGB\r\n")
    result = set_scalar(original, ("draft",), False)
    assert result == original + "draft: false\r\n"


def test_set_refuses_flow_mapping_parent() -> None:
    original = 'review: {next: "2026-09", by: FGB}\n'
    with pytest.raises(YamlEditError, match=r"one line.*\{ \}"):
        set_scalar(original, ("review", "next"), "2027-09")


def test_set_refuses_non_scalar_target() -> None:
    with pytest.raises(YamlEditError, match="not a single value"):
        set_scalar(REVIEW, ("review",), "2027-09")
    with pytest.raises(YamlEditError, match="not a single value"):
        set_scalar("history:\n  - a: 1\n", ("history",), "x")


def test_set_refuses_scalar_parent() -> None:
    with pytest.raises(YamlEditError, match="group of settings"):
        set_scalar("review: next year\n", ("review", "next"), "2027-09")


def test_set_on_real_policy_file() -> None:
    source = REPO / "policy_sources" / "st-josephs" / "policies" / "social-media.yml"
    original = source.read_text(encoding="utf-8")
    result = set_scalar(original, ("review", "next"), "2027-09")
    assert load(result) == with_set(original, ("review", "next"), "2027-09")
    assert_replaced(original, result, '  next: "2022-09"\n', '  next: "2027-09"\n')


# --------------------------------------------------------------------------- helpers and the safety net


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Full Governing Body", "Full Governing Body"),
        ("2027-09", '"2027-09"'),
        ("2027-09-30", '"2027-09-30"'),
        ("4", '"4"'),
        ("7.2", '"7.2"'),
        ("yes", '"yes"'),
        ("null", '"null"'),
        ("", '""'),
        ("a: b", '"a: b"'),
        ("x # y", '"x # y"'),
        ('say "hi"\nnow', '"say \\"hi\\"\\nnow"'),
        (True, "true"),
        (False, "false"),
        (12, "12"),
    ],
)
def test_scalar_text_loads_back_as_same_value(value: str | bool | int, expected: str) -> None:
    text = scalar_text(value)
    assert text == expected
    assert yaml.safe_load(f"k: {text}\n") == {"k": value}


def test_broken_edit_is_refused_as_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_edit, "indent_item", lambda lines, dash_col, offset: ["  - broken: true"])
    with pytest.raises(YamlEditError, match="this is a bug in policy-site"):
        append_to_sequence(INDENTED, "history", NEW_EVENT)


def test_unreadable_edit_is_refused_as_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_edit, "scalar_text", lambda value, style=None: "[unclosed")
    with pytest.raises(YamlEditError, match="this is a bug in policy-site"):
        set_scalar(REVIEW, ("review", "next"), "2027-09")
