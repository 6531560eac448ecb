"""The text and Markdown readers on real files: joined wrapped lines, labels kept, headings, lists, tables, furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer.document import Document, ImportProblem, Paragraph, Table
from generator.importer.readers.text_reader import read_text
from generator.importer.records import find_records

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


def _blocks(document: Document) -> list[tuple[str, int, str]]:
    """Each block as (kind, heading level, text): a table as its rows joined."""
    return [("P", b.heading, b.text) if isinstance(b, Paragraph) else ("T", 0, " | ".join("/".join(r) for r in b.rows)) for b in document.blocks]


def test_a_header_written_only_twice_is_furniture_and_never_the_title_and_a_paragraph_runs_on_over_the_page(tmp_path: Path) -> None:
    header = "St Luke's Primary School – Social Media Policy"
    first = "\n".join(f"Staff must keep rule {n} of the code at all times." for n in range(1, 4))
    path = tmp_path / "policy.txt"
    path.write_text(
        f"{header}\n\nSocial Media Policy\n\n{first}\n\nParents should ask before posting photographs of other children on their\n\n"
        f"Page 1 of 2\n\n{header}\n\nown accounts or in private groups.\n\n{header.upper()} is not a header here.\n\nPage 2 of 2\n",
        encoding="utf-8",
    )
    document = read_text(path)
    assert document.dropped == (header, "Page 1 of 2", "Page 2 of 2")
    assert _blocks(document)[0] == ("P", 1, "Social Media Policy")
    assert ("P", 0, "Parents should ask before posting photographs of other children on their own accounts or in private groups.") in _blocks(document)
    assert _blocks(document)[-1] == ("P", 0, f"{header.upper()} is not a header here.")


def test_form_fed_pages_drop_a_bare_page_number_and_a_running_footer_but_keep_body_lines(tmp_path: Path) -> None:
    bodies = ["The school reviews this policy yearly.", "Staff must report concerns.", "Parents may ask for a copy."]
    pages = [f"Policy title\n\n{body}\n\nReviewed: June 2024\n{n}\n" for n, body in enumerate(bodies, start=1)]
    path = tmp_path / "policy.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    document = read_text(path)
    assert document.dropped == ("Policy title", "Reviewed: June 2024", "1", "2", "3")
    assert [p.text for p in _paragraphs(document)] == bodies


def test_tab_separated_approval_rows_are_one_table_even_over_a_page_and_reach_the_record_reader(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(
        "Social Media Policy\n\nVersion\tDate\tAuthor\tApproved by\n1\t5th January 2019\tMrs J Jones\t\n"
        "2\t24th January 2019\t\tFull Governing Body\n\nPage 1 of 2\n\nSocial Media Policy\n\n"
        "3\t24th March 2022\t\tFull Governing Body\n\n\tIndented with a tab, not a table.\n\nPage 2 of 2\n",
        encoding="utf-8",
    )
    document = read_text(path)
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert tables == [
        Table(
            rows=(
                ("Version", "Date", "Author", "Approved by"),
                ("1", "5th January 2019", "Mrs J Jones", ""),
                ("2", "24th January 2019", "", "Full Governing Body"),
                ("3", "24th March 2022", "", "Full Governing Body"),
            ),
            where="line 3",
        )
    ]
    assert _paragraphs(document)[-1].text == "Indented with a tab, not a table."
    events = [e.fields for e in find_records(document.blocks).events]
    assert [(e["event"], e["date"]) for e in events] == [("written", "2019-01-05"), ("approved", "2019-01-24"), ("approved", "2022-03-24")]


def test_columns_lined_up_with_spaces_are_a_table_but_a_hanging_indent_is_not(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(
        "Written by      Mrs J Jones\nDate approved   September 2021\nNext review     September 2022\n\n"
        "1.  Staff must not share photographs of pupils\n    on personal accounts.\n",
        encoding="utf-8",
    )
    document = read_text(path)
    assert _blocks(document) == [
        ("T", 0, "Written by/Mrs J Jones | Date approved/September 2021 | Next review/September 2022"),
        ("P", 0, "1. Staff must not share photographs of pupils on personal accounts."),
    ]


def test_a_line_of_its_own_is_a_heading_only_with_a_sign_of_one(tmp_path: Path) -> None:
    body = "Staff must follow this part of the policy whenever they use social media for school, at home or anywhere else."
    path = tmp_path / "policy.txt"
    path.write_text(
        "\n\n".join(
            [
                "Roles and Responsibilities",  # Title Case, though a heading follows
                "The governing body and every member of staff working in the school",  # a body follows
                body,
                "Facilitating training on social media use.",
                "Developing and implementing the policy",  # between two short lines of a list
                "Taking a lead in any reported incidents.",
                "Pupils should be appropriately dressed, not be subject to ridicule",  # runs on below
                "and must not be on any list of children whose images must not be published.",
                "What is social media?",  # a question over its answer
                body,
                "Code of Conduct for all members of staff at the school – using social networking sites at home",
                body,
                "Adopted by Governing Body: June 2016",
                "Signed by: ______________________    Date: June 2016",
                "Chair of Governors",  # the role under a signature
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    headings = [text for kind, level, text in _blocks(read_text(path)) if level]
    assert headings == [
        "Roles and Responsibilities",
        "The governing body and every member of staff working in the school",
        "What is social media?",
        "Code of Conduct for all members of staff at the school – using social networking sites at home",
    ]


def test_a_heading_wrapped_over_two_lines_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    wrapped = "\n".join(f"Line {n} of a wrapped paragraph that is long enough to set the width of the text." for n in range(6))
    path.write_text(f"{wrapped}\n\nE Dealing with incidents of online bullying and inappropriate use of social\nnetworking sites\n\n{wrapped}\n", encoding="utf-8")
    assert ("P", 1, "E Dealing with incidents of online bullying and inappropriate use of social networking sites") in _blocks(read_text(path))


def test_without_page_marks_only_a_line_repeated_a_page_apart_is_a_header(tmp_path: Path) -> None:
    body = "\n\n".join(f"Staff must keep rule {n} of the code." for n in range(12))
    signatures = "\n\n".join("Signed by: ____________\n\nHeadteacher" for _ in range(3))
    path = tmp_path / "policy.txt"
    path.write_text("\n\n".join(["Social Media Policy", body] * 3) + "\n\n" + signatures + "\n", encoding="utf-8")
    document = read_text(path)
    assert document.dropped == ("Social Media Policy",)
    assert sum(1 for p in _paragraphs(document) if p.text == "Headteacher") == 3
