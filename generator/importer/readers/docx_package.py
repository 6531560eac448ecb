"""Open a .docx as a zip of XML parts, turning every way it can be unreadable into one ImportProblem."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.importer.document import ImportProblem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# An encrypted .docx is an OLE compound file holding these streams (names stored as UTF-16).
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
OLD_WORD_STREAM = "WordDocument".encode("utf-16-le")


@dataclass(frozen=True)
class Package:
    """The parsed parts a reader needs; optional parts are None where the file has none."""

    document: ET.Element
    styles: ET.Element | None
    numbering: ET.Element | None
    furniture: tuple[ET.Element, ...]  # headers then footers, in part-name order
    core: ET.Element | None


def val(element: ET.Element | None, name: str = "val") -> str | None:
    """A w: attribute of an element (w:val by default), None where the element or attribute is missing."""
    if element is None:
        return None
    return element.get(W + name)


def on_off(element: ET.Element | None) -> bool | None:
    """A Word on/off property (w:b, w:isLgl): None where absent, False for val 0/false/off."""
    if element is None:
        return None
    return val(element) not in ("0", "false", "off")


def int_val(element: ET.Element | None, default: int | None = None) -> int | None:
    """A w:val read as a number; a malformed one counts as missing rather than stopping the import."""
    text = val(element)
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def open_package(path: Path) -> Package:
    """Read the parts of a Word file, or say in one sentence why it cannot be read."""
    name = path.name
    try:
        head = path.read_bytes()
    except OSError as error:
        raise ImportProblem(f"{name} cannot be read ({error.strerror or error}); check the file name and try again.") from None
    if head.startswith(OLE_MAGIC):
        raise ImportProblem(_ole_message(name, head))
    damaged = f"{name} is damaged or not a Word document; open it in Word and save it again as .docx."
    try:
        archive = zipfile.ZipFile(io.BytesIO(head))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportProblem(damaged) from None
    with archive:
        names = set(archive.namelist())
        main = _main_part(archive, names)
        if main not in names:
            raise ImportProblem(f"{name} is a zip file but not a Word document (it has no word/document.xml); open it in Word and save it as .docx.")
        try:
            document = _parse(archive, main)
            folder = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
            furniture = tuple(
                _parse(archive, part) for kind in ("header", "footer") for part in sorted(n for n in names if n.startswith(folder + kind) and n.endswith(".xml"))
            )
            return Package(
                document=document,
                styles=_parse_optional(archive, folder + "styles.xml", names),
                numbering=_parse_optional(archive, folder + "numbering.xml", names),
                furniture=furniture,
                core=_parse_optional(archive, "docProps/core.xml", names),
            )
        except (ET.ParseError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            raise ImportProblem(damaged) from None


def _ole_message(name: str, data: bytes) -> str:
    if ENCRYPTION_STREAM in data or name.lower().endswith((".docx", ".docm")) and OLD_WORD_STREAM not in data:
        return f"{name} is password-protected; remove the password in Word (File > Info > Protect Document) and save again."
    return f"{name} is an old Word 97-2003 file (.doc); open it in Word and save it as .docx."


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part named by the package's relationships (word/document.xml almost always)."""
    if "_rels/.rels" in names:
        try:
            rels = ET.fromstring(archive.read("_rels/.rels"))
        except (ET.ParseError, zipfile.BadZipFile, OSError, ValueError):
            return "word/document.xml"
        for rel in rels.iter(REL + "Relationship"):
            target = rel.get("Target", "")
            if rel.get("Type") == OFFICE_DOCUMENT and target:
                return target.lstrip("/")
    return "word/document.xml"


def _parse(archive: zipfile.ZipFile, part: str) -> ET.Element:
    return ET.fromstring(archive.read(part))


def _parse_optional(archive: zipfile.ZipFile, part: str, names: set[str]) -> ET.Element | None:
    return _parse(archive, part) if part in names else None
