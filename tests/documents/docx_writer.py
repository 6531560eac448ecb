"""Write a neutral Document as a real Word file: heading styles, bold runs, tables, and Word's own numbering.

Numbers are not typed: each Paragraph's `number` becomes automatic numbering planned by
`docx_numbering_plan`, so Word (and LibreOffice) produce the label. The bytes are the same for
the same Document: fixed zip timestamps and a fixed part order.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from generator.importer.document import Document, Paragraph, Span, Table
from tests.documents import docx_parts
from tests.documents.docx_numbering_plan import BULLET_LIST, Plan, plan_numbering

FIXED_TIME = (2024, 1, 1, 0, 0, 0)
SECTION = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/>'
    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
    'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
)


def numbering_fallbacks(document: Document) -> dict[str, int]:
    """How many labels needed a restarted list instance, a list of their own, or typing as text."""
    return dict(plan_numbering(document.blocks).fallbacks)


def write_docx(document: Document, path: Path, *, header: str | None = None, footer_page_numbers: bool = True) -> None:
    """Write `document` to `path` as a .docx that Word and LibreOffice open."""
    plan = plan_numbering(document.blocks)
    body = "".join(_block_xml(index, block, plan) for index, block in enumerate(document.blocks))
    parts = {
        "[Content_Types].xml": docx_parts.CONTENT_TYPES,
        "_rels/.rels": docx_parts.PACKAGE_RELS,
        "docProps/core.xml": docx_parts.core_xml(document.title),
        "docProps/app.xml": docx_parts.APP,
        "word/_rels/document.xml.rels": docx_parts.DOCUMENT_RELS,
        "word/document.xml": f"{docx_parts.HEAD}<w:document {docx_parts.NS}><w:body>{body}{SECTION}</w:body></w:document>",
        "word/styles.xml": docx_parts.STYLES,
        "word/numbering.xml": docx_parts.numbering_xml(plan.definitions),
        "word/settings.xml": docx_parts.SETTINGS,
        "word/header1.xml": docx_parts.header_xml(header),
        "word/footer1.xml": docx_parts.footer_xml(footer_page_numbers),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))


def _block_xml(index: int, block: Paragraph | Table, plan: Plan) -> str:
    if isinstance(block, Table):
        return _table_xml(block)
    return _paragraph_xml(index, block, plan)


def _paragraph_xml(index: int, paragraph: Paragraph, plan: Plan) -> str:
    style = f"Heading{min(paragraph.heading, 6)}" if paragraph.heading else ""
    numpr = ""
    spans = paragraph.spans
    if paragraph.bullet:
        numpr = _numpr(BULLET_LIST, paragraph.list_level or 0)
    elif index in plan.assigned:
        numpr = _numpr(*plan.assigned[index])
    elif index in plan.typed:
        spans = (Span(paragraph.number.strip() + " "), *spans)
    if numpr and not style:
        style = "ListParagraph"
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr = f"<w:pPr>{style_xml}{numpr}</w:pPr>" if style_xml or numpr else ""
    return f"<w:p>{ppr}{''.join(_run_xml(span) for span in spans)}</w:p>"


def _numpr(num_id: str, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def _run_xml(span: Span) -> str:
    # A heading's style is bold already: an explicit w:b on or off keeps the span's look either way.
    bold = "<w:rPr><w:b/></w:rPr>" if span.bold else '<w:rPr><w:b w:val="0"/></w:rPr>'
    pieces = []
    for number, line in enumerate(span.text.split("\n")):
        if number:
            pieces.append("<w:br/>")
        if line:
            pieces.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    return f"<w:r>{bold}{''.join(pieces)}</w:r>"


def _table_xml(table: Table) -> str:
    columns = max((len(row) for row in table.rows), default=1)
    width = 9026 // columns
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    rows = []
    for row in table.rows:
        cells = []
        for text in [*row, *([""] * (columns - len(row)))]:
            paragraphs = "".join(f"<w:p>{_run_xml(Span(line))}</w:p>" for line in text.split("\n")) or "<w:p/>"
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>')
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
