"""The text and Markdown readers on real files: joined wrapped lines, labels kept, headings, lists, tables, furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer.document import Document, ImportProblem, Paragraph, Table
from generator.importer.readers.text_reader import read_text

SEED = Path(__file__).parent / "fixtures" / "import" / "002_1066d86f039fb33d.txt"


def _paragraphs(document: Document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def _find(document: Document, start: str) -> Paragraph:
    return next(p for p in _paragraphs(document) if p.text.startswith(start))


def test_a_real_seed_text_joins_its_wrapped_definitions_one_paragraph_each() -> None:
    document = read_text(SEED)
    assert document.kind == "text"
    definition = _find(document, "e social media - means")
    assert definition.text.endswith("it is impossible to cover all examples of emerging social media in this policy.")
    assert _find(document, "e information - means").text == (
        "e information - means all types of information including but not limited to, facts, data, comments, audio, video, photographs, "
        "images and any other form of online interaction."
    )
    assert _find(document, "o ensure that all concerns").text.endswith("are investigated promptly and appropriately;")
    assert _find(document, "e raise any concerns").text == "e raise any concerns or queries in connection with this policy with the Head of School;"
    headings = [(p.heading, p.text) for p in _paragraphs(document) if p.heading]
    assert headings[:4] == [(1, "Introduction"), (1, "Scope and definitions"), (1, "Key Principles"), (1, "4, Roles and responsibilities")]
    assert _find(document, "3.5 The principles").heading == 0
    assert "Counter -Terrorism and Security Act 2015 (June 2015)." in _find(document, "This policy takes into account").text
    assert document.dropped == ()  # its numbers "3.1".."3.4" repeat, but are not page furniture
    assert _find(document, "3.1").where == "line 51"


def test_running_headers_and_page_lines_are_dropped_and_listed(tmp_path: Path) -> None:
    page = "St Luke's Primary School\n\n{body}\n\nPage {n} of 3\n"
    bodies = [
        "Staff must not share photographs of pupils on personal\naccounts or in private groups.",
        "Parents should ask before posting.",
        "Pupils may use the school blog.",
    ]
    path = tmp_path / "policy.txt"
    path.write_text("\f".join(page.format(body=b, n=n) for n, b in enumerate(bodies, 1)), encoding="utf-8")
    document = read_text(path)
    assert document.dropped == ("St Luke's Primary School", "Page 1 of 3", "Page 2 of 3", "Page 3 of 3")
    assert [p.text for p in _paragraphs(document)] == [
        "Staff must not share photographs of pupils on personal accounts or in private groups.",
        "Parents should ask before posting.",
        "Pupils may use the school blog.",
    ]


def test_plain_text_keeps_typed_labels_and_hyphens_and_decodes_windows_text(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    text = (
        "3. Definitions\n3.1 Social media means any online\nservice where people share.\n- Blogs\n• Forums and e-\nsafety boards\n\nThe school\u2019s staff must act.\n"
    )
    path.write_bytes(text.encode("cp1252", errors="replace").replace(b"\x95", b"\x95"))
    document = read_text(path)
    assert [(p.heading, p.text) for p in _paragraphs(document)] == [
        (1, "3. Definitions"),
        (0, "3.1 Social media means any online service where people share."),
        (0, "- Blogs"),
        (0, "• Forums and e-safety boards"),
        (0, "The school\u2019s staff must act."),
    ]


def test_markdown_headings_lists_bold_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "policy.md"
    path.write_text(
        "\ufeffSocial Media Policy\n===================\n\n## Scope\n\nThis policy **must** be read\nby all staff.\n\n"
        "1. Staff must report concerns.\n   1. To the head.\n2) Parents may ask.\n\n- Blogs\n  * Class blogs\n+ Forums\n\n"
        "| Approved by | Date |\n|---|---|\n| Governors | 24.01.19 |\n\nSub heading\n-----------\n### Third\n",
        encoding="utf-8",
    )
    document = read_text(path)
    assert document.kind == "Markdown"
    paragraphs = _paragraphs(document)
    assert [(p.heading, p.text) for p in paragraphs if p.heading] == [(1, "Social Media Policy"), (2, "Scope"), (2, "Sub heading"), (3, "Third")]
    scope = _find(document, "This policy")
    assert scope.text == "This policy must be read by all staff." and [s.text for s in scope.spans if s.bold] == ["must"]
    items = [(p.number, p.bullet, p.list_level, p.text) for p in paragraphs if p.list_level is not None]
    assert items == [
        ("1.", False, 0, "Staff must report concerns."),
        ("1.", False, 1, "To the head."),
        ("2)", False, 0, "Parents may ask."),
        ("", True, 0, "Blogs"),
        ("", True, 1, "Class blogs"),
        ("", True, 0, "Forums"),
    ]
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert tables == [Table(rows=(("Approved by", "Date"), ("Governors", "24.01.19")), where="line 17")]


@pytest.mark.parametrize("name", ["empty.txt", "blank.md"])
def test_an_empty_file_has_no_text_to_import(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("" if name == "empty.txt" else " \n\t\n\f\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=rf"^{name} has no text to import\.$"):
        read_text(path)
