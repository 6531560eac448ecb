"""Writes small PDFs by hand: lines of Helvetica placed where a test says, bold runs, ruled lines.

Word, LibreOffice and Chromium each lay text out their own way; these PDFs pin one layout
down exactly (a real space glyph after a bold run, a hyphen ending a line, a heading wrapped
under its own text, a table drawn with rules), so a test of the PDF reader shows the behaviour
it means to. Positions are in points with y measured down from the top of an A4 page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WIDTH, HEIGHT = 595.0, 842.0


@dataclass(frozen=True)
class Text:
    """One line of text at (x, y): `**` marks bold runs, as in "Staff **must not** use"."""

    x: float
    y: float
    text: str
    size: float = 11.0


@dataclass(frozen=True)
class Rule:
    """A ruled line from (x0, y0) to (x1, y1), as a table's borders are drawn."""

    x0: float
    y0: float
    x1: float
    y1: float


def _literal(text: str) -> str:
    raw = text.encode("cp1252")
    return "(" + "".join(chr(b) if 32 <= b < 127 and chr(b) not in "()\\" else f"\\{b:03o}" for b in raw) + ")"


def _content(items: list[Text | Rule]) -> str:
    out: list[str] = []
    for item in items:
        if isinstance(item, Rule):
            out.append(f"0.5 w {item.x0:.2f} {HEIGHT - item.y0:.2f} m {item.x1:.2f} {HEIGHT - item.y1:.2f} l S")
            continue
        runs = [(i % 2 == 1, part) for i, part in enumerate(re.split(r"\*\*", item.text)) if part]
        shows = " ".join(f"/F{2 if bold else 1} {item.size:g} Tf {_literal(part)} Tj" for bold, part in runs)
        out.append(f"BT 1 0 0 1 {item.x:.2f} {HEIGHT - item.y:.2f} Tm {shows} ET")
    return "\n".join(out)


def write_pdf(path: Path, pages: list[list[Text | Rule]], title: str = "") -> Path:
    """A PDF at `path` with one page per list of items; returns the path."""
    fonts = "<< /F1 3 0 R /F2 4 0 R >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [" + " ".join(f"{6 + 2 * i} 0 R" for i in range(len(pages))) + f"] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Title {_literal(title)} >>",
    ]
    for index, items in enumerate(pages):
        stream = _content(items)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH:g} {HEIGHT:g}] /Resources << /Font {fonts} >> /Contents {7 + 2 * index} 0 R >>")
        objects.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
    body = "%PDF-1.4\n"
    offsets: list[int] = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body.encode("latin-1")))
        body += f"{number} 0 obj\n{obj}\nendobj\n"
    xref = len(body.encode("latin-1"))
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    path.write_bytes(body.encode("latin-1"))
    return path
