"""Tiny hand-written .docx files for the Word markup the writer never produces (overrides, style links, tracked changes)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.documents.docx_parts import CONTENT_TYPES, DOCUMENT_RELS, HEAD, NS, PACKAGE_RELS


def make_docx(
    path: Path,
    body: str,
    *,
    numbering: str = "",
    styles: str = "",
    header: str | None = None,
    title: str | None = None,
) -> Path:
    """A .docx whose document body, numbering definitions and styles are the given w: XML fragments."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/document.xml": f"{HEAD}<w:document {NS}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": f"{HEAD}<w:styles {NS}>{styles}</w:styles>",
        "word/numbering.xml": f"{HEAD}<w:numbering {NS}>{numbering}</w:numbering>",
    }
    if header is not None:
        parts["word/header1.xml"] = f"{HEAD}<w:hdr {NS}><w:p><w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>"
    if title is not None:
        parts["docProps/core.xml"] = (
            f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>'
        )
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def para(text: str, *, style: str = "", num: str = "", ilvl: int | None = None, run: str = "") -> str:
    """A w:p with an optional style and numPr; `run` is extra run properties XML."""
    numpr = ""
    if num:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        numpr = f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>'
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    rpr = f"<w:rPr>{run}</w:rPr>" if run else ""
    return f'<w:p><w:pPr>{style_xml}{numpr}</w:pPr><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def level(ilvl: int, number_format: str, text: str, *, start: int = 1, extra: str = "") -> str:
    """A w:lvl."""
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>{extra}<w:lvlText w:val="{text}"/></w:lvl>'


def abstract(abstract_id: str, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: str, abstract_id: str, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
