"""The approval record read from a document's blocks: the five seeds' records as their hand-checked
YAML has them (names and bodies as extracted, which the YAML's comments then judge), and the other
shapes UK schools write: tables in any column order, key/value tables, signature lines, dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer.document import Block, Document, Paragraph, Span, Table
from generator.importer.read import read_document
from generator.importer.record_dates import find_dates
from generator.importer.records import find_records
from generator.sources.model.history import Event
from generator.sources.model.policy import Review
from tests.documents.docx_writer import write_docx


def para(text: str, heading: int = 0) -> Paragraph:
    return Paragraph((Span(text),), heading=heading)


def fields(blocks: list[Block]) -> list[dict[str, object]]:
    records = find_records(blocks)
    for event in records.events:
        Event.model_validate(event.fields)  # every event is one the policy YAML accepts
    return [event.fields for event in records.events]


def test_st_thomas_signatures_date_the_adoption() -> None:
    blocks: list[Block] = [
        para("St Thomas' CE Primary School"),
        para("Social Media Policy", 1),
        para("Adopted by The Heatons Primary Cluster and St Thomas' CE Primary School"),
        para("Statement of intent", 2),
        para("St Thomas' School understands that social media is a growing part of life outside of school."),
        para("Signed by: Karen Morris Date: June 2016"),
        para("Head teacher"),
        para("Signed by: Mr Andrew Whittell Date: June 2016"),
        para("Chair of Governors"),
        para("1. Key roles and responsibilities", 1),
    ]
    records = find_records(blocks)
    assert fields(blocks) == [
        {
            "event": "adopted",
            "date": "2016-06",
            "body": "The Heatons Primary Cluster and St Thomas' CE Primary School",
            "signatories": [{"name": "Karen Morris", "role": "Head teacher"}, {"name": "Mr Andrew Whittell", "role": "Chair of Governors"}],
        }
    ]
    assert records.used == {2, 5, 6, 7, 8}
    assert any("dated with the signatures" in check for check in records.events[0].checks)
    assert records.review_next is None


def test_bledington_three_ratifications_and_their_updates() -> None:
    cells = ("Date of Ratification by FGB:\n24.01.19\n24.03.22\n29.01.25", "Written 05.01.19\nUpdated 24.02.22\n08.01.25", "Signed: CO-HEADTEACHERS")
    blocks: list[Block] = [para("Bledington Primary School"), para("Social Media Policy for Staff, Governors, Parents and all visitors to School.", 1), Table((cells,))]
    blocks.append(para("This policy should be read in conjunction with our Safeguarding, Behaviour and E-safety policies."))
    records = find_records(blocks)
    fgb = "Full Governing Body"
    assert fields(blocks) == [
        {"event": "written", "date": "2019-01-05"},
        {"event": "ratified", "date": "2019-01-24", "body": fgb},
        {"event": "updated", "date": "2022-02-24"},
        {"event": "ratified", "date": "2022-03-24", "body": fgb},
        {"event": "updated", "date": "2025-01-08"},
        {"event": "ratified", "date": "2025-01-29", "body": fgb, "signatories": [{"role": "Co-headteachers"}]},
    ]
    assert records.used == {2}
    last = records.events[-1].checks
    assert 'body "FGB" read as "Full Governing Body"' in last
    assert any("has no date: kept on the latest ratified" in check for check in last)
    assert 'two-digit year read as 2025 in "29.01.25"' in last


def test_st_josephs_review_table_and_approvals() -> None:
    table = Table(
        (
            ("Written by:", "Date reviewed:", "Approved by:", "Date for next review:"),
            ("Mrs Jo-Garnock-", "September 2021", "Mrs M Calnan", "September 2022"),
            ("Jones", "", "", ""),
        )
    )
    blocks: list[Block] = [
        para("St Joseph's Catholic Primary School"),
        para("Social Media Policy", 1),
        table,
        para("SCOPE", 2),
        para("Social Media Policy"),
        para("December 2020"),
        para("The Social Media Policy is based on best practice advice from Lancashire County Council."),
        para("This policy will be reviewed as appropriate by the committee on behalf of The Governing Body."),
        para("Intended Policy Review Date - September 2022"),
        para("Approved by: R. G. Aths"),
        para("(Headteacher) Date: February 2021"),
        para("Approved by: the bahran (Governor) Date: February 2021."),
    ]
    records = find_records(blocks)
    assert fields(blocks) == [
        {"event": "written", "date": "2020-12", "by": "Mrs Jo-Garnock-Jones"},
        {"event": "approved", "date": "2021-02", "signatories": [{"name": "R. G. Aths", "role": "Headteacher"}, {"name": "the bahran", "role": "Governor"}]},
        {"event": "reviewed", "date": "2021-09"},
        {"event": "approved", "date": "2021-09", "body": "Mrs M Calnan"},
    ]
    assert (records.review_next, records.review_by) == ("2022-09", "the committee on behalf of The Governing Body")
    Review(next=records.review_next, by=records.review_by)
    # The review sentence is a rule of the policy: it stays in the text.
    assert records.used == {2, 5, 8, 9, 10, 11}
    assert any('"the bahran" as extracted' in check for check in records.events[1].checks)
    assert any('dated with the "Date reviewed"' in check for check in records.events[3].checks)
    assert any("joined as one cell" in check for check in records.checks)


def test_st_lukes_updated_in_the_title_leaves_the_title() -> None:
    blocks: list[Block] = [
        para("St Luke's Primary School"),
        para("Social Media Policy (Updated October 2017)", 1),
        para("This policy has been written to help guide parents with the use of social media."),
    ]
    records = find_records(blocks)
    assert [(event.fields["event"], event.fields["date"]) for event in records.events] == [("updated", "2017-10")]
    assert records.events[0].blocks == (1,)
    assert records.used == frozenset()


def test_st_james_prose_has_no_record() -> None:
    # PDF lines: a date inside a sentence ("updated Aug 2016") and "review" as a verb are not a record.
    lines = [
        "This policy takes into account the provisions of the DfE's statutory advice for",
        "schools on Keeping Children Safe in Education (updated Aug 2016), the non",
        "statutory guidance on the Prevent Duty (June 2015), and the Briefing Note to",
        "e adults must continually monitor and review their own practices in terms of",
        "Adults, particularly those new to the school setting, must review their social",
    ]
    blocks: list[Block] = [para("Introduction", 1)] + [para(line) for line in lines] * 3
    records = find_records(blocks)
    assert records.events == () and records.used == frozenset() and records.review_next is None


def test_a_version_table_in_any_column_order() -> None:
    table = Table(
        (
            ("Review date", "Approved by", "Author", "Date", "Version"),
            ("Sept 2023", "FGB", "J Smith", "14/09/2022", "1.0"),
            ("September 2024", "Governors", "J Smith", "20/09/2023", "2"),
        )
    )
    records = find_records([para("Online safety policy", 1), table])
    assert fields([table]) == [
        {"event": "written", "date": "2022-09-14", "by": "J Smith"},
        {"event": "approved", "date": "2022-09-14", "version": "1.0", "body": "Full Governing Body"},
        {"event": "updated", "date": "2023-09-20", "by": "J Smith"},
        {"event": "approved", "date": "2023-09-20", "version": "2", "body": "Governors"},
    ]
    assert records.review_next == "2024-09" and records.used == {1}


def test_a_ratification_table_with_committee_and_minute() -> None:
    table = Table((("Committee", "Minute", "Ratified by governors on"), ("Resources", "12/3", "24.01.2019")))
    assert fields([table]) == [{"event": "ratified", "date": "2019-01-24", "body": "governors", "minute": "12/3"}]


def test_a_key_value_table() -> None:
    table = Table(
        (
            ("Written by", "Mrs X"),
            ("Date reviewed", "September 2021"),
            ("Approved by", "Mrs M Calnan"),
            ("Next review date", "September 2022"),
        )
    )
    records = find_records([table])
    assert [event.fields for event in records.events] == [
        {"event": "reviewed", "date": "2021-09"},
        {"event": "approved", "date": "2021-09", "body": "Mrs M Calnan"},
    ]
    assert records.review_next == "2022-09"
    assert any('Written by "Mrs X" (' in check and "gives no date" in check for check in records.checks)


def test_record_lines_of_several_kinds() -> None:
    blocks: list[Block] = [
        para("Written: March 2019 / Updated: March 2022"),
        para("Approved by governors: March 2022"),
        para("Ratified by the Full Governing Body on 24.01.23"),
        para("Date of next review: September 2026"),
    ]
    records = find_records(blocks)
    assert fields(blocks) == [
        {"event": "written", "date": "2019-03"},
        {"event": "updated", "date": "2022-03"},
        {"event": "approved", "date": "2022-03", "body": "governors"},
        {"event": "ratified", "date": "2023-01-24", "body": "Full Governing Body"},
    ]
    assert records.review_next == "2026-09" and records.used == {0, 1, 2, 3}


def test_blank_signature_lines_are_no_event_but_are_used() -> None:
    blocks: list[Block] = [para("Signed: ______ (Chair of Governors) Date: ____"), para("Signed: ________ (Headteacher) Date: ________")]
    records = find_records(blocks)
    assert records.events == ()
    assert records.used == {0, 1}
    assert any("blank signature line for Chair of Governors" in check for check in records.checks)


def test_a_signature_without_an_approval_is_guessed_approved() -> None:
    blocks: list[Block] = [para("Signed: Mrs A Patel, Chair of Governors  Date: 3rd March 2024")]
    records = find_records(blocks)
    assert fields(blocks) == [{"event": "approved", "date": "2024-03-03", "signatories": [{"name": "Mrs A Patel", "role": "Chair of Governors"}]}]
    assert any("event kind guessed" in check for check in records.events[0].checks)
    assert any("split at the comma" in check for check in records.events[0].checks)


def test_policy_prose_about_review_is_a_rule_not_a_record() -> None:
    blocks: list[Block] = [
        para("Governors will review this policy every two years."),
        para("All social media services must be approved by the Headteacher in advance of any educational work being undertaken."),
        para("Reviewed annually, the policy is shared with all staff at the start of the year."),
    ]
    records = find_records(blocks)
    assert records.events == () and records.used == frozenset()
    assert (records.review_every_months, records.review_by, records.review_next) == (24, "Governors", None)
    assert any("every 24 months" in check for check in records.checks)


def test_review_dates_that_disagree_keep_the_latest_with_a_check() -> None:
    records = find_records([para("Review date: Autumn 2023"), para("Next review: July 2024")])
    assert records.review_next == "2024-07"
    assert any("more than one next review date" in check for check in records.checks)


@pytest.mark.parametrize(
    ("words", "iso", "check"),
    [
        ("24.01.19", "2019-01-24", "two-digit year"),
        ("05/01/2019", "2019-01-05", "day.month.year"),
        ("24-01-2019", "2019-01-24", None),
        ("29 January 2025", "2025-01-29", None),
        ("29th Jan 2025", "2025-01-29", None),
        ("January 2025", "2025-01", None),
        ("Sept 2022", "2022-09", None),
        ("Autumn 2023", "2023", "a term, not a month"),
        ("Spring Term 2024", "2024", "a term, not a month"),
        ("2024/25", "2024", "academic year"),
        ("2024-25", "2024", "academic year"),
        ("2025", "2025", None),
        ("01/24/2019", "2019-01-24", "month/day/year"),
    ],
)
def test_dates_as_uk_schools_write_them(words: str, iso: str, check: str | None) -> None:
    (date,) = find_dates(f"Date: {words}.")
    assert date.iso == iso
    assert (check is None and not date.checks) or (check is not None and any(check in c for c in date.checks))


def test_a_date_not_in_the_calendar_is_said_not_invented() -> None:
    records = find_records([para("Ratified: 31.02.19")])
    assert records.events == ()
    assert any('"31.02.19" is not a date in the calendar' in check for check in records.checks)


def test_a_text_files_record_line_with_tabs_and_markup() -> None:
    line = "Date of Ratification by FGB: 24.01.19 24.03.22 29.01.25\t<i>Written 05.01.19 Updated 24.02.22 08.01.25</i>\tSigned: CO-HEADTEACHERS "
    records = find_records([para(line)])
    assert [(event.fields["event"], event.fields["date"]) for event in records.events] == [
        ("written", "2019-01-05"),
        ("ratified", "2019-01-24"),
        ("updated", "2022-02-24"),
        ("ratified", "2022-03-24"),
        ("updated", "2025-01-08"),
        ("ratified", "2025-01-29"),
    ]
    assert records.events[-1].fields["signatories"] == [{"role": "Co-headteachers"}]
    assert records.used == {0}


def test_a_heading_row_and_its_values_given_as_two_tables() -> None:
    heading = Table((("Written by:", "Date reviewed:", "Approved by:", "Date for next review:"),))
    values = Table((("Mrs X", "September 2021", "Mrs M Calnan", "September 2022"),))
    records = find_records([heading, values, para("Social media is part of school life.")])
    assert [event.fields["event"] for event in records.events] == ["reviewed", "approved"]
    assert records.review_next == "2022-09" and records.used == {0, 1}


def test_a_version_table_whose_action_column_names_each_event(tmp_path: Path) -> None:
    # Written as a real Word file and read back, as a school's version-control table reaches the reader.
    table = Table(
        (
            ("Version", "Date", "Action", "Approved by / author"),
            ("", "5th January 2019", "Policy written", "Mrs A Khan"),
            ("1", "24/01/2019", "Ratified", "FGB"),
            ("1.1", "March 2021", "Reviewed and updated", ""),
            ("1.2", "June 2022", "Minor amendments to wording", ""),
            ("2", "14.07.22", "Approved by SLT", ""),
        )
    )
    path = tmp_path / "policy.docx"
    write_docx(Document(path=path, kind="Word", blocks=(para("Online safety policy", 1), table, para("Pupils must log off.")), title="Online safety policy"), path)
    blocks = list(read_document(path).blocks)
    records = find_records(blocks)
    assert fields(blocks) == [
        {"event": "written", "date": "2019-01-05", "by": "Mrs A Khan"},
        {"event": "ratified", "date": "2019-01-24", "version": "1", "body": "Full Governing Body"},
        {"event": "reviewed", "date": "2021-03", "version": "1.1"},
        {"event": "updated", "date": "2022-06", "version": "1.2"},
        {"event": "approved", "date": "2022-07-14", "version": "2", "body": "Senior Leadership Team"},
    ]
    assert records.used == {1}
    assert not any("taken from the row's" in check for event in records.events for check in event.checks)


def test_an_action_that_names_no_event_is_read_as_an_update_with_a_check() -> None:
    table = Table((("Date", "Event", "Author"), ("March 2023", "Links checked", "J Smith")))
    records = find_records([table])
    assert fields([table]) == [{"event": "updated", "date": "2023-03", "by": "J Smith", "note": "Links checked"}]
    assert 'event kind guessed from "Links checked" in the "Event" column: read as updated' in records.events[0].checks


def test_a_key_value_table_gives_an_events_writer_and_date_in_two_rows() -> None:
    table = Table(
        (
            ("Written by", "Mrs Jo Garnock-Jones"),
            ("Date written", "December 2020"),
            ("Approved by", "Mrs M Calnan"),
            ("Date approved", "September 2021"),
            ("Date approved", "September 2022"),
        )
    )
    records = find_records([table])
    assert fields([table]) == [
        {"event": "written", "date": "2020-12", "by": "Mrs Jo Garnock-Jones"},
        {"event": "approved", "date": "2021-09", "body": "Mrs M Calnan"},
        {"event": "approved", "date": "2022-09"},
    ]
    assert records.checks == ()


def test_a_heading_row_with_an_approver_column_and_an_approval_date_column() -> None:
    table = Table((("Version", "Approved by", "Date approved"), ("3", "Resources Committee", "12.05.2023")))
    assert fields([table]) == [{"event": "approved", "date": "2023-05-12", "version": "3", "body": "Resources Committee"}]


def test_a_version_table_that_came_as_lines_with_its_cells_wrapped() -> None:
    # A PDF's table as its text layer gives it: a line a row, a long cell carried on to a line of its own.
    lines = [
        "Version Date Action Approved by /",
        "author",
        "5th January 2019 Written",
        "1 24th January 2019 Ratified Full Governing",
        "Body",
        "24th February 2022",
        "Updated",
    ]
    blocks: list[Block] = [para("Social Media Policy", 1), *map(para, lines), para("Ratified by Full Governing Body: 29th January 2025"), para("Pupils must log off.")]
    records = find_records(blocks)
    assert fields(blocks) == [
        {"event": "written", "date": "2019-01-05"},
        {"event": "ratified", "date": "2019-01-24", "version": "1", "body": "Full Governing Body"},
        {"event": "updated", "date": "2022-02-24"},
        {"event": "ratified", "date": "2025-01-29", "body": "Full Governing Body"},
    ]
    assert records.used == set(range(1, 9))
    assert any('the record table headed "Version Date Action Approved by / author" read from lines' in check for check in records.checks)


def test_label_value_lines_with_no_colon_are_a_key_value_table() -> None:
    lines = [
        "Written by Mrs Jo Garnock-Jones",
        "Date written December 2020",
        "Approved by Mrs M Calnan",
        "Date approved September 2021",
        "Next review date September 2022",
    ]
    blocks: list[Block] = [*map(para, lines), para("Signed by: Karen Morris Date: September 2021"), para("Head teacher")]
    records = find_records(blocks)
    assert fields(blocks) == [
        {"event": "written", "date": "2020-12", "by": "Mrs Jo Garnock-Jones"},
        {"event": "approved", "date": "2021-09", "body": "Mrs M Calnan", "signatories": [{"name": "Karen Morris", "role": "Head teacher"}]},
    ]
    assert records.review_next == "2022-09" and records.used == set(range(7))


def test_sentences_that_open_with_record_words_stay_sentences() -> None:
    blocks: list[Block] = [
        para("Written by the staff and pupils together."),
        para("Date reviewed September 2021"),
        para("Version 2 of the code of conduct applies to all staff."),
    ]
    records = find_records(blocks)
    assert fields(blocks) == [{"event": "reviewed", "date": "2021-09"}]
    assert records.used == {1}
    assert not any("read as a table" in check for check in records.checks)
