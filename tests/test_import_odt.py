"""The OpenDocument reader on real .odt files: headings, list numbers rendered or computed from the style, bold, tables, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.importer.document import Document, ImportProblem, Paragraph, Table
from generator.importer.readers.odt_reader import read_odt
from generator.importer.readers.odt_styles import format_number
from tests.documents.odt_writer import write_odt
from tests.documents.sample import sample_document


def _paragraphs(document: Document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("with_numbers", [True, False], ids=["rendered-numbers", "numbers-from-list-style"])
def test_a_written_odt_reads_back_as_the_document_it_was(tmp_path: Path, with_numbers: bool) -> None:
    sample = sample_document()
    document = read_odt(write_odt(sample, tmp_path / "policy.odt", with_numbers=with_numbers))
    assert document.kind == "OpenDocument" and document.title == "Social Media Policy"
    expected = [(p.heading, p.number, p.bullet, p.list_level, p.text) for p in _paragraphs(sample)]
    assert [(p.heading, p.number, p.bullet, p.list_level, p.text) for p in _paragraphs(document)] == expected
    assert [b for b in document.blocks if isinstance(b, Table)] == [Table(rows=(("Approved by", "Date"), ("Full governing body", "24 January 2025")), where="table 1")]
    bold = next(p for p in _paragraphs(document) if p.text.startswith("Every adult"))
    assert [s.text for s in bold.spans if s.bold] == ["must not"]  # bold through the parent style "Strong"
    assert document.dropped == ("Social Media Policy", "Page 1")


def test_number_formats() -> None:
    assert [format_number(n, f) for n, f in ((4, "1"), (2, "a"), (28, "a"), (3, "A"), (4, "i"), (9, "I"), (3, ""))] == ["4", "b", "bb", "C", "iv", "IX", ""]


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as odt:
        for name, text in files.items():
            odt.writestr(name, text)
    return path


def test_bad_odt_files_say_what_is_wrong(tmp_path: Path) -> None:
    good = write_odt(sample_document(), tmp_path / "good.odt")
    with zipfile.ZipFile(good) as odt:
        files = {name: odt.read(name).decode("utf-8") for name in odt.namelist()}
    manifest = files["META-INF/manifest.xml"].replace('media-type="text/xml"/>', 'media-type="text/xml"><manifest:encryption-data/></manifest:file-entry>', 1)
    cases = {
        _zip(tmp_path / "locked.odt", {**files, "META-INF/manifest.xml": manifest}): "locked.odt is password-protected; save an unprotected copy and import that.",
        _zip(tmp_path / "broken.odt", {**files, "content.xml": files["content.xml"][:300]}): "broken.odt is damaged or is not an OpenDocument text;",
        _zip(
            tmp_path / "sheet.odt", {**files, "mimetype": "application/vnd.oasis.opendocument.spreadsheet"}
        ): "sheet.odt is an OpenDocument file but not a text document;",
        _zip(
            tmp_path / "empty.odt", {**files, "content.xml": files["content.xml"].split("<office:text>")[0] + "<office:text/></office:body></office:document-content>"}
        ): ("empty.odt has no text to import."),
    }
    (tmp_path / "letter.odt").write_text("not a zip", encoding="utf-8")
    cases[tmp_path / "letter.odt"] = "letter.odt is damaged or is not an OpenDocument text;"
    for path, message in cases.items():
        with pytest.raises(ImportProblem) as problem:
            read_odt(path)
        assert str(problem.value).startswith(message), path.name
