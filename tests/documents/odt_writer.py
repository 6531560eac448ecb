"""Writes a `Document` as a real, minimal OpenDocument text (.odt): headings, numbered and bulleted lists, bold, tables, a header.

Numbered paragraphs go in lists of one numbering style (level 1 "1.", level 2 "1.1", level 3
"(a)"), continued across headings, so the labels a reader computes from the style match the
sample's. LibreOffice also writes each item's rendered label as <text:number>:
`with_numbers` writes those too, so both of a reader's paths can be tested.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from generator.importer.document import Document, Paragraph, Table

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"'
)
_LIST_STYLES = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
    '<text:list-level-style-number text:level="2" style:num-format="1" text:display-levels="2"/>'
    '<text:list-level-style-number text:level="3" style:num-format="a" style:num-prefix="(" style:num-suffix=")"/>'
    "</text:list-style>"
    '<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
    '<text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>'
)
# T1 is bold itself; T2 is bold through its parent, a common style in styles.xml.
_AUTOMATIC = (
    '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="T2" style:family="text" style:parent-style-name="Strong"><style:text-properties fo:color="#000000"/></style:style>'
)


def _spans(paragraph: Paragraph, index: int) -> str:
    style = ("T1", "T2")
    return "".join(f'<text:span text:style-name="{style[index % 2]}">{escape(s.text)}</text:span>' if s.bold else escape(s.text) for s in paragraph.spans)


def _items(paragraphs: list[Paragraph], with_numbers: bool, start: int) -> str:
    """Nested lists from the items' levels (one text:list a run of items, continuing the numbering)."""
    out: list[str] = []
    depth = -1
    for k, paragraph in enumerate(paragraphs):
        level = paragraph.list_level or 0
        while depth < level:
            depth += 1
            out.append("<text:list>" if depth else "")
            out.append("<text:list-item>")
        while depth > level:
            out.append("</text:list-item></text:list>")
            depth -= 1
        if out[-1] != "<text:list-item>":
            out.append("</text:list-item><text:list-item>")
        number = f"<text:number>{escape(paragraph.number)}</text:number>" if with_numbers and paragraph.number else ""
        out.append(f"{number}<text:p>{_spans(paragraph, start + k)}</text:p>")
    while depth > 0:
        out.append("</text:list-item></text:list>")
        depth -= 1
    out.append("</text:list-item>")
    return "".join(out)


def _body(document: Document, with_numbers: bool) -> str:
    out: list[str] = []
    blocks = list(document.blocks)
    started = {"L1": False, "L2": False}
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Table):
            rows = "".join(
                "<table:table-row>" + "".join(f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row) + "</table:table-row>"
                for row in block.rows
            )
            out.append(f'<table:table table:name="Table{index}"><table:table-column table:number-columns-repeated="{len(block.rows[0])}"/>{rows}</table:table>')
            index += 1
        elif block.heading:
            out.append(f'<text:h text:outline-level="{block.heading}">{escape(block.text)}</text:h>')
            index += 1
        elif block.list_level is None:
            out.append(f"<text:p>{_spans(block, index)}</text:p>")
            index += 1
        else:
            run: list[Paragraph] = []
            while index < len(blocks) and isinstance(blocks[index], Paragraph) and blocks[index].list_level is not None and not blocks[index].heading:  # type: ignore[union-attr]
                run.append(blocks[index])  # type: ignore[arg-type]
                index += 1
            style = "L2" if run[0].bullet else "L1"
            continued = ' text:continue-numbering="true"' if started[style] else ""
            started[style] = True
            out.append(f'<text:list text:style-name="{style}"{continued}>{_items(run, with_numbers, index)}</text:list>')
    return "".join(out)


def write_odt(document: Document, path: Path, with_numbers: bool = True, header: str = "Social Media Policy") -> Path:
    """Write the document to `path` as .odt, with `header` as the page header (in styles.xml) and a page-number footer."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}><office:automatic-styles>{_AUTOMATIC}{_LIST_STYLES}</office:automatic-styles>'
        f"<office:body><office:text>{_body(document, with_numbers)}</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_NS}><office:styles>'
        '<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:styles>'
        '<office:master-styles><style:master-page style:name="Standard">'
        f"<style:header><text:p>{escape(header)}</text:p></style:header>"
        '<style:footer><text:p>Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
        "</style:master-page></office:master-styles></office:document-styles>"
    )
    title = escape(document.title or "")
    meta = f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_NS}><office:meta><dc:title>{title}</dc:title></office:meta></office:document-meta>'
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        + "".join(f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="text/xml"/>' for n in ("content.xml", "styles.xml", "meta.xml"))
        + "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")  # first and stored, as ODF requires
        for name, text in (("content.xml", content), ("styles.xml", styles), ("meta.xml", meta), ("META-INF/manifest.xml", manifest)):
            odt.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return path
