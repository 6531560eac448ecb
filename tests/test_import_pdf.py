"""The PDF reader on real PDFs printed by Chromium: paragraphs, headings, bold, typed labels, furniture, bad files."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser

from generator.importer.document import Document, ImportProblem, Paragraph, Table
from generator.importer.readers.line_joins import join_text, vocabulary
from generator.importer.readers.pdf_reader import read_pdf
from tests.documents.html_writer import print_blank_pdf, print_pdf
from tests.documents.pdf_handmade import Rule, Text, write_pdf
from tests.documents.sample import long_document, sample_document


@pytest.fixture(scope="module")
def pdfs(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    sample = sample_document()
    # Three pages or so: the running title and "Page N of M" repeat on every one.
    document = Document(path=Path("policy"), kind="sample", blocks=sample.blocks + long_document(3).blocks[1:], title=sample.title)
    policy = print_pdf(browser, document, folder / "policy.pdf", running_title="Social Media Policy")
    writer = pypdf.PdfWriter(clone_from=str(policy))
    writer.encrypt("secret")
    writer.write(folder / "encrypted.pdf")
    (folder / "damaged.pdf").write_bytes(policy.read_bytes()[:400])
    (folder / "letter.pdf").write_text("Dear parents, this is not a PDF at all.", encoding="utf-8")
    return {"policy": policy, "blank": print_blank_pdf(browser, folder / "blank.pdf"), **{n: folder / f"{n}.pdf" for n in ("encrypted", "damaged", "letter")}}


@pytest.fixture(scope="module")
def policy(pdfs: dict[str, Path]) -> Document:
    return read_pdf(pdfs["policy"])


def _paragraphs(document: Document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def _find(document: Document, start: str) -> Paragraph:
    return next(p for p in _paragraphs(document) if p.text.startswith(start))


def test_headings_come_back_with_their_levels_from_the_sizes(policy: Document) -> None:
    headings = [(p.heading, p.text) for p in _paragraphs(policy) if p.heading]
    assert headings[:6] == [
        (1, "Social Media Policy"),
        (2, "Introduction"),
        (2, "Definitions"),
        (2, "Responsibilities"),
        (3, "Examples of social media"),
        (2, "Section 1 of the policy"),
    ]
    assert policy.kind == "PDF" and policy.title == "Social Media Policy"


def test_wrapped_lines_join_into_one_paragraph_with_the_typed_label_first(policy: Document) -> None:
    clause = _find(policy, "1.1 ")
    assert clause.text == "1.1 An adult means any member of staff, volunteer, governor or visitor working in the school."
    assert _find(policy, "Adults working").text == " ".join(sample_document().blocks[2].text.split())  # type: ignore[union-attr]
    assert _find(policy, "• Blogs").text == "• Blogs and personal websites"
    assert clause.where == "page 1" and clause.number == "" and not clause.bullet


def test_list_levels_follow_the_indentation_of_labelled_lines(policy: Document) -> None:
    assert [_find(policy, label).list_level for label in ("1. ", "1.1 ", "2.1 ", "(a) ", "(b) ", "• Blogs")] == [0, 1, 1, 2, 2, 0]
    assert _find(policy, "Adults working").list_level is None


def test_bold_words_are_bold_spans(policy: Document) -> None:
    paragraph = _find(policy, "Every adult")
    assert [s.text.strip() for s in paragraph.spans if s.bold] == ["must not"]
    assert paragraph.text == "Every adult must not accept a pupil as a friend on a personal account."


def test_hyphenated_words_keep_their_hyphen_across_a_line_end(policy: Document) -> None:
    text = " ".join(p.text for p in _paragraphs(policy))
    assert "e-safety" in text and "co-ordinator" in text
    assert "esafety" not in text and "coordinator" not in text


def test_page_furniture_is_dropped_and_listed(policy: Document) -> None:
    pages = len(pypdf.PdfReader(policy.path).pages)
    assert pages >= 2
    assert [f"Page {n} of {pages}" for n in range(1, pages + 1)] == [d for d in policy.dropped if d.startswith("Page")]
    assert "Social Media Policy" in policy.dropped
    texts = [p.text for p in _paragraphs(policy)]
    assert not any("Page 2 of" in t for t in texts)
    assert texts.count("Social Media Policy") == 1  # the title heading stays, the running title goes
    assert {p.where for p in _paragraphs(policy)} >= {"page 1", "page 2"}


def test_line_end_hyphens() -> None:
    assert join_text("a matter of personal respon-", "sibility for all") == "a matter of personal responsibility for all"
    assert join_text("the school's e-", "safety lead") == "the school's e-safety lead"
    assert join_text("the computing co-", "ordinator") == "the computing co-ordinator"
    assert join_text("the well-", "being of pupils", frozenset({"well-being"})) == "the well-being of pupils"
    assert join_text("Counter-", "Terrorism Act") == "Counter-Terrorism Act"
    assert join_text("staff must", "report") == "staff must report"


def test_line_end_hyphens_judged_by_the_document() -> None:
    assert join_text("the after-", "school club", frozenset({"school"})) == "the after-school club"
    assert join_text("the class-", "room door", frozenset({"classroom"})) == "the classroom door"
    assert join_text("Anti-", "bullying Week") == "Anti-bullying Week"
    assert join_text("to act pro-", "actively") == "to act pro-actively"
    # The halves of a broken word are not words of the document.
    assert vocabulary(["a matter of personal respon-", "sibility for all"]) == {"a", "matter", "of", "personal", "for", "all"}


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """A page laid out as LibreOffice lays out Word documents: real spaces in the plain font after a bold run."""
    body = [
        Text(72, 120, "Staff **must not** use their own personal accounts to contact pupils or parents, and every"),
        Text(72, 134, "member of staff will read the school's anti-bullying policy and the e-safety policy, which"),
        Text(72, 148, "is a matter of personal respon-"),
        Text(72, 162, "sibility for every adult, and the anti-"),
        Text(72, 176, "bullying policy too."),
        Text(72, 200, "Anyone working at the school either as a paid employee or as a volunteer **must not**"),
        Text(72, 214, "**communicate with children outside of their family via social networking sites, or in any**"),
        Text(72, 228, "**other way.**"),
        Text(72, 256, "**Organisational control roles & responsibilities:**", 16),
        Text(72, 275, "**Administrator/Moderator**", 16),
        Text(72, 300, "Create the account following approval by the senior leadership team."),
        Text(72, 324, "**Safe**", 13),
        Text(72, 345, "Do not give out personal information."),
    ]
    heading = [Text(72, 80, "**A**", 14), Text(100, 80, "**Use of social networking and computer games by staff in a**", 14), Text(100, 97, "**personal capacity**", 14)]
    return read_pdf(write_pdf(tmp_path_factory.mktemp("handmade") / "layout.pdf", [heading + body]))


def test_a_space_after_a_bold_run_is_kept(handmade: Document) -> None:
    paragraph = _find(handmade, "Staff")
    assert paragraph.text.startswith("Staff must not use their own")
    assert [s.text.strip() for s in paragraph.spans if s.bold] == ["must not"]


def test_a_hyphen_pdfium_marks_at_a_line_end_goes_back_and_the_join_decides(handmade: Document) -> None:
    text = _find(handmade, "Staff").text
    assert "personal responsibility for every adult, and the anti-bullying policy too." in text
    assert "\ufffe" not in text


def test_a_heading_wrapped_under_its_own_text_is_one_heading(handmade: Document) -> None:
    headings = [(p.heading, p.text) for p in _paragraphs(handmade) if p.heading]
    assert headings == [
        (2, "A Use of social networking and computer games by staff in a personal capacity"),
        (1, "Organisational control roles & responsibilities: Administrator/Moderator"),
        (3, "Safe"),
    ]


def test_bold_words_wrapped_onto_a_whole_line_stay_in_their_paragraph(handmade: Document) -> None:
    paragraph = _find(handmade, "Anyone working")
    assert paragraph.text.endswith("as a volunteer must not communicate with children outside of their family via social networking sites, or in any other way.")
    assert not paragraph.heading


def test_a_ruled_table_printed_by_chromium_is_a_table(policy: Document) -> None:
    tables = [b for b in policy.blocks if isinstance(b, Table)]
    assert [t.rows for t in tables] == [(("Approved by", "Date"), ("Full governing body", "24 January 2025"))]
    assert not any("24 January 2025" in p.text for p in _paragraphs(policy))


def _grid(xs: list[float], ys: list[float], gaps: frozenset[tuple[int, int]] = frozenset()) -> list[Text | Rule]:
    """The rules of a table; `gaps` are (row, edge) places with no vertical rule: merged cells."""
    rules: list[Text | Rule] = [Rule(xs[0], y, xs[-1], y) for y in ys]
    for row, (top, bottom) in enumerate(zip(ys, ys[1:], strict=False)):
        rules.extend(Rule(x, top, x, bottom) for edge, x in enumerate(xs) if (row, edge) not in gaps)
    return rules


@pytest.fixture(scope="module")
def tabled(tmp_path_factory: pytest.TempPathFactory) -> Document:
    xs, ys = [72.0, 140.0, 270.0, 360.0, 520.0], [110.0, 140.0, 156.0, 186.0, 202.0]
    first = [
        Text(72, 90, "This policy was written and approved as the table below records, and is reviewed every year."),
        *_grid(xs, ys, frozenset({(3, 1)})),
        Text(76, 122, "Version"),
        Text(144, 122, "Date"),
        Text(274, 122, "Action"),
        Text(364, 122, "Approved by /"),
        Text(364, 135, "author"),
        Text(144, 152, "5th January 2019"),
        Text(274, 152, "Written"),
        Text(76, 168, "1"),
        Text(144, 168, "24th January 2019"),
        Text(274, 168, "Ratified"),
        Text(364, 168, "Full Governing"),
        Text(364, 181, "Body"),
        Text(76, 198, "Merged across two columns"),
        Text(364, 198, "Staff"),
        Rule(72, 230, 520, 230),
        Rule(72, 260, 520, 260),
        Rule(72, 230, 72, 260),
        Rule(520, 230, 520, 260),
        Text(76, 248, "A paragraph in a box is still a paragraph, with a full stop."),
        *_grid(xs[:3], [780.0, 796.0]),
        Text(76, 792, "2"),
        Text(144, 792, "24th March 2022"),
    ]
    second = [*_grid(xs[:3], [60.0, 76.0]), Text(144, 72, "8th January 2025"), Text(72, 100, "Signed by the Chair of Governors.")]
    return read_pdf(write_pdf(tmp_path_factory.mktemp("tables") / "tables.pdf", [first, second]))


def test_ruled_tables_come_back_as_tables_in_their_place(tabled: Document) -> None:
    kinds = [type(b).__name__ for b in tabled.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table", "Paragraph"]
    table = tabled.blocks[1]
    assert isinstance(table, Table) and table.where == "page 1"
    assert table.rows == (
        ("Version", "Date", "Action", "Approved by / author"),
        ("", "5th January 2019", "Written", ""),
        ("1", "24th January 2019", "Ratified", "Full Governing Body"),
        ("Merged across two columns", "", "", "Staff"),
    )
    assert not any("January" in p.text for p in _paragraphs(tabled))


def test_a_box_round_a_paragraph_is_not_a_table(tabled: Document) -> None:
    assert _find(tabled, "A paragraph in a box").text == "A paragraph in a box is still a paragraph, with a full stop."


def test_a_table_carried_over_a_page_break_is_one_table(tabled: Document) -> None:
    assert tabled.blocks[3] == Table((("2", "24th March 2022"), ("", "8th January 2025")), where="page 1")
    assert isinstance(tabled.blocks[4], Paragraph) and tabled.blocks[4].text == "Signed by the Chair of Governors."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("blank", "blank.pdf has no text layer (it is probably a scan); run OCR on it first"),
        ("encrypted", "encrypted.pdf is password-protected; save an unprotected copy and import that."),
        ("damaged", "damaged.pdf is damaged or is not a PDF;"),
        ("letter", "letter.pdf is damaged or is not a PDF;"),
    ],
)
def test_bad_pdfs_say_what_is_wrong_in_one_sentence(pdfs: dict[str, Path], name: str, message: str) -> None:
    with pytest.raises(ImportProblem) as problem:
        read_pdf(pdfs[name])
    assert str(problem.value).startswith(message)
    assert str(problem.value).replace("e.g. ", "").count(". ") == 0 and str(problem.value).endswith(".")
