"""The Word reader: real .docx files written by the test writer or by hand, read back block by block."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.importer.document import Document, ImportProblem, Paragraph, Span, Table
from generator.importer.readers.docx_reader import read_docx
from generator.importer.readers.number_formats import format_number
from tests.documents.docx_handmade import abstract, level, make_docx, num, para
from tests.documents.docx_writer import numbering_fallbacks, write_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _p(text: str, **kwargs: object) -> Paragraph:
    return Paragraph(spans=(Span(text),), **kwargs)  # type: ignore[arg-type]


POLICY = Document(
    path=Path("policy.docx"),
    kind="Word",
    title="Social media policy",
    blocks=(
        _p("Social media policy", heading=1),
        _p("Purpose", heading=2, number="1", list_level=0),
        Paragraph(spans=(Span("Staff "), Span("must not", bold=True), Span(" befriend pupils.")), number="1.1", list_level=1),
        _p("Staff may use:", number="1.2", list_level=1),
        _p("school accounts", number="(a)", list_level=2),
        _p("approved apps", number="(b)", list_level=2),
        _p("on weekdays", number="i.", list_level=3),
        _p("in term time", number="ii.", list_level=3),
        _p("nothing else", number="(c)", list_level=2),
        _p("Blogs", bullet=True, list_level=0),
        _p("Forums", bullet=True, list_level=1),
        _p("Scope", heading=2, number="2", list_level=0),
        _p("All staff.", number="2.1", list_level=1),
        _p("Visitors.", number="2.2", list_level=1),
        _p("Annexes", heading=2, number="A", list_level=0),
        _p("Contacts", heading=3),
        Table(rows=(("Approved by", "Date"), ("Governors", "1 May 2024"))),
    ),
)


def _shape(document: Document) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            out.append(("table", block.rows))
        else:
            out.append((block.spans, block.heading, block.number, block.bullet, block.list_level))
    return out


def test_a_written_policy_reads_back_as_it_was_written(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    write_docx(POLICY, path, header="St Thomas Primary School")
    read = read_docx(path)
    assert read.kind == "Word"
    assert read.title == "Social media policy"
    assert _shape(read) == _shape(POLICY)
    assert read.dropped == ("St Thomas Primary School", "Page 1 of 1")
    assert [block.where for block in read.blocks][:2] == ["paragraph 1", "paragraph 2"]
    assert read.blocks[-1].where == "table 1"


def test_the_writer_numbers_with_word_numbering_not_typed_digits(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    write_docx(POLICY, path)
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml").decode()
        numbering = archive.read("word/numbering.xml").decode()
    assert "1.1" not in document and "(a)" not in document
    assert "<w:numPr>" in document
    assert 'w:val="%1.%2"' in numbering and 'w:val="(%3)"' in numbering and 'w:val="lowerRoman"' in numbering
    assert numbering_fallbacks(POLICY) == {"restart": 0, "new list": 1, "typed": 0}


def test_the_same_document_gives_the_same_bytes(tmp_path: Path) -> None:
    write_docx(POLICY, tmp_path / "one.docx", header="H")
    write_docx(POLICY, tmp_path / "two.docx", header="H")
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


def test_labels_out_of_sequence_restart_a_list_and_odd_labels_are_typed(tmp_path: Path) -> None:
    document = Document(
        path=Path("x.docx"),
        kind="Word",
        blocks=(
            _p("Rules", heading=2, number="4"),
            _p("one", number="4.1"),
            _p("jumps", number="4.7"),
            _p("back", number="4.2"),
            _p("odd", number="A-1"),
        ),
    )
    path = tmp_path / "odd.docx"
    write_docx(document, path)
    read = read_docx(path)
    assert [block.number for block in read.blocks if isinstance(block, Paragraph)] == ["4", "4.1", "4.7", "4.2", ""]
    assert read.blocks[-1].text == "A-1 odd"  # type: ignore[union-attr]
    assert numbering_fallbacks(document) == {"restart": 2, "new list": 0, "typed": 1}


def _numbers(path: Path) -> list[str]:
    return [block.number for block in read_docx(path).blocks if isinstance(block, Paragraph)]


DECIMAL = abstract("0", level(0, "decimal", "%1."), level(1, "decimal", "%1.%2."))


def test_instances_of_one_definition_continue_and_a_start_override_restarts(tmp_path: Path) -> None:
    numbering = DECIMAL + num("1", "0") + num("2", "0") + num("3", "0", '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    body = para("a", num="1", ilvl=0) + para("b", num="2", ilvl=0) + para("c", num="3", ilvl=0) + para("d", num="3", ilvl=0) + para("e", num="1", ilvl=0)
    assert _numbers(make_docx(tmp_path / "x.docx", body, numbering=numbering)) == ["1.", "2.", "1.", "2.", "3."]


def test_a_deeper_level_restarts_when_a_shallower_one_advances_unless_lvl_restart_says(tmp_path: Path) -> None:
    never = abstract("5", level(0, "decimal", "%1."), level(1, "lowerLetter", "(%2)", extra='<w:lvlRestart w:val="0"/>'))
    numbering = DECIMAL + num("1", "0") + never + num("2", "5")
    body = "".join(
        para(t, num=n, ilvl=lv) for t, n, lv in [("a", "1", 0), ("b", "1", 1), ("c", "1", 0), ("d", "1", 1), ("e", "2", 0), ("f", "2", 1), ("g", "2", 0), ("h", "2", 1)]
    )
    assert _numbers(make_docx(tmp_path / "x.docx", body, numbering=numbering)) == ["1.", "1.1.", "2.", "2.1.", "1.", "(a)", "2.", "(b)"]


def test_legal_numbering_shows_every_level_as_decimal(tmp_path: Path) -> None:
    numbering = abstract("0", level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2", extra="<w:isLgl/>")) + num("1", "0")
    body = para("a", num="1", ilvl=0) + para("b", num="1", ilvl=0) + para("c", num="1", ilvl=1)
    assert _numbers(make_docx(tmp_path / "x.docx", body, numbering=numbering)) == ["I.", "II.", "2.1"]


HEADING_STYLES = (
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
)
HEADING_LIST = abstract("0", level(0, "decimal", "%1", extra='<w:pStyle w:val="Heading1"/>'), level(1, "decimal", "%1.%2", extra='<w:pStyle w:val="Clause"/>')) + num(
    "1", "0"
)


def test_headings_numbered_through_a_style_linked_list_and_numid_0_removes_a_number(tmp_path: Path) -> None:
    body = (
        para("Purpose", style="Heading1")
        + para("Staff must.", style="Clause")
        + para("Pupils may.", style="Clause")
        + para("Not numbered", style="Heading1", num="0")
        + para("Scope", style="Heading1")
        + para("Everyone.", style="Clause")
    )
    read = read_docx(make_docx(tmp_path / "x.docx", body, numbering=HEADING_LIST, styles=HEADING_STYLES))
    got = [(b.number, b.heading, b.list_level, b.spans[0].bold) for b in read.blocks if isinstance(b, Paragraph)]
    assert got == [("1", 1, 0, True), ("1.1", 0, 1, False), ("1.2", 0, 1, False), ("", 1, None, True), ("2", 1, 0, True), ("2.1", 0, 1, False)]


def test_an_override_can_redefine_a_whole_level_and_a_numbering_style_links_definitions(tmp_path: Path) -> None:
    linked = abstract("7", extra='<w:numStyleLink w:val="PolicyList"/>')
    real = abstract("8", level(0, "upperLetter", "%1)"), extra='<w:styleLink w:val="PolicyList"/>')
    redefined = '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="[%1]"/></w:lvl></w:lvlOverride>'
    numbering = linked + real + num("1", "7") + num("2", "8", redefined)
    body = para("a", num="1", ilvl=0) + para("b", num="1", ilvl=0) + para("c", num="2", ilvl=0) + para("d", num="2", ilvl=0)
    assert _numbers(make_docx(tmp_path / "x.docx", body, numbering=numbering)) == ["A)", "B)", "[iv]", "[v]"]


def test_bold_comes_from_styles_and_defaults_and_a_run_can_switch_it_off(tmp_path: Path) -> None:
    styles = (
        "<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain"/><w:rPr><w:b w:val="false"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'
    )
    body = (
        para("default bold") + '<w:p><w:pPr><w:pStyle w:val="Plain"/></w:pPr><w:r><w:t xml:space="preserve">plain </w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve">strong </w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b w:val="0"/></w:rPr><w:t>off</w:t></w:r></w:p>'
    )
    read = read_docx(make_docx(tmp_path / "x.docx", body, styles=styles))
    assert [b.spans for b in read.blocks if isinstance(b, Paragraph)] == [
        (Span("default bold", True),),
        (Span("plain "), Span("strong ", True), Span("off")),
    ]


def test_shown_text_only_from_links_controls_fields_and_tracked_changes(tmp_path: Path) -> None:
    body = (
        '<w:sdt><w:sdtContent><w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>In a control</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        "<w:p><w:hyperlink><w:r><w:t>Link</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>tab</w:t><w:br/><w:t>line</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t> new</w:t></w:r></w:ins></w:p>"
        + para("Policy", style="Title")
        + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Both</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Tall</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    styles = '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    read = read_docx(make_docx(tmp_path / "x.docx", body, styles=styles, header="Running head", title="T"))
    first, second, third, table = read.blocks
    assert (first.text, first.heading) == ("In a control", 3)  # type: ignore[union-attr]
    assert second.text == "Link tab\nline7 new"  # type: ignore[union-attr]
    assert (third.text, third.heading) == ("Policy", 1)  # type: ignore[union-attr]
    assert table == Table(rows=(("Both", ""), ("Tall", "x"), ("", "y")), where="table 1")
    assert (read.title, read.dropped) == ("T", ("Running head",))


@pytest.mark.parametrize(
    ("number_format", "values"),
    [
        ("decimal", ["1", "9", "10"]),
        ("decimalZero", ["01", "09", "10"]),
        ("lowerLetter", ["a", "i", "j"]),
        ("upperLetter", ["A", "I", "J"]),
        ("lowerRoman", ["i", "ix", "x"]),
        ("upperRoman", ["I", "IX", "X"]),
        ("ordinal", ["1st", "9th", "10th"]),
        ("cardinalText", ["One", "Nine", "Ten"]),
        ("ordinalText", ["First", "Ninth", "Tenth"]),
        ("none", ["", "", ""]),
    ],
)
def test_number_formats(number_format: str, values: list[str]) -> None:
    assert [format_number(n, number_format) for n in (1, 9, 10)] == values


def test_long_counts_in_words_and_letters() -> None:
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(21, "ordinalText") == "Twenty-first"
    assert format_number(1994, "upperRoman") == "MCMXCIV"
    assert format_number(112, "ordinal") == "112th"


def _problem(path: Path) -> str:
    with pytest.raises(ImportProblem) as caught:
        read_docx(path)
    message = str(caught.value)
    assert message.count(".") >= 1 and "\n" not in message and message.startswith(path.name)
    return message


def test_every_bad_file_gets_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "text.docx").write_text("not a zip")
    assert "is damaged or not a Word document; open it in Word and save it again as .docx" in _problem(tmp_path / "text.docx")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
    (tmp_path / "locked.docx").write_bytes(ole + "EncryptionInfo".encode("utf-16-le"))
    assert "is password-protected; remove the password in Word (File > Info > Protect Document)" in _problem(tmp_path / "locked.docx")
    (tmp_path / "old.doc").write_bytes(ole + "WordDocument".encode("utf-16-le"))
    assert "old Word 97-2003 file (.doc)" in _problem(tmp_path / "old.doc")
    with zipfile.ZipFile(tmp_path / "sheet.docx", "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "has no word/document.xml" in _problem(tmp_path / "sheet.docx")
    assert "has no text to import" in _problem(make_docx(tmp_path / "empty.docx", "<w:p/>" + para("   ")))
    broken = make_docx(tmp_path / "broken.docx", para("fine"), numbering="<w:abstractNum")
    assert "is damaged" in _problem(broken)
    assert "cannot be read" in _problem(tmp_path / "missing.docx")


def test_a_forty_page_policy_is_read_whole_and_numbered_to_its_last_clause(tmp_path: Path) -> None:
    # How fast is measured by `make bench-import` (a 40-page policy), not here: a timed test
    # fails on a busy machine while the code is fine.
    blocks: list[Paragraph | Table] = []
    for section in range(1, 41):
        blocks.append(_p(f"Section {section}", heading=2, number=str(section)))
        for clause in range(1, 37):
            spans = (Span(f"Clause {clause} says staff "), Span("must", bold=True), Span(" follow the procedure " * 4))
            blocks.append(Paragraph(spans=spans, number=f"{section}.{clause}"))
    document = Document(path=Path("long.docx"), kind="Word", blocks=tuple(blocks))
    path = tmp_path / "long.docx"
    write_docx(document, path)
    read = read_docx(path)
    assert len(read.blocks) == 1480 and read.blocks[-1].number == "40.36"  # type: ignore[union-attr]


def test_counts_match_what_libreoffice_showed_for_an_orphan_clause_a_shared_definition_and_a_table(tmp_path: Path) -> None:
    # The expected numbers are those LibreOffice 7 printed when converting this same file to PDF.
    restart_clauses = '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride>'
    numbering = abstract("0", level(0, "decimal", "%1.", start=3), level(1, "decimal", "%1.%2.")) + num("1", "0") + num("2", "0", restart_clauses)
    in_table = f"<w:tbl><w:tr><w:tc>{para('in table', num='1', ilvl=0)}</w:tc></w:tr></w:tbl>"
    body = (
        para("Orphan clause", num="1", ilvl=1)
        + para("Top", num="1", ilvl=0)
        + para("Next", num="1", ilvl=1)
        + para("Shared", num="2", ilvl=1)
        + para("Shared again", num="1", ilvl=1)
        + in_table
        + para("After table", num="1", ilvl=0)
    )
    assert _numbers(make_docx(tmp_path / "x.docx", body, numbering=numbering)) == ["3.1.", "4.", "4.1.", "4.5.", "4.6.", "6."]
