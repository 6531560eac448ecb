"""Finds the ruled tables of a PDF page: the grid its thin drawn rules make, and each cell's text.

Word, LibreOffice and browsers draw a table's borders as thin lines or thin filled boxes. The
horizontal and vertical rules that cross one another make one grid; its rows and columns are
the distinct heights and positions of the rules, and a cell spans the columns whose dividing
rule is missing beside it (a merged cell). PDFium gives the text inside each cell's box.
Walking a page's objects costs a few calls each, and Chromium makes an object of every glyph:
such a page is searched only when one of its lines is spread wider than the document sets
text (cells side by side on one line).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from generator.importer.readers.line_joins import join_text
from generator.importer.readers.pdf_lines import Line

_THIN = 2.5  # points: a rule's thickness at most
_NEAR = 2.5  # points: rules this close meet, or are the same rule
_SPREAD = 1.25  # a line this much wider per letter than the document's text holds cells side by side
_FEW_OBJECTS = 600  # a page with no more objects than this is cheap to search whatever its lines look like


@dataclass(frozen=True)
class PageTable:
    """A ruled table: its box on the page (points, y measured down) and its rows of cell texts."""

    page: int
    top: float
    bottom: float
    columns: tuple[float, ...]  # the x of every column edge, left to right
    rows: tuple[tuple[str, ...], ...]

    def holds(self, line: Line) -> bool:
        """Whether the line's text sits inside the table (so it is read as a cell, not a line)."""
        return self.columns[0] - _NEAR <= line.x0 <= self.columns[-1] and self.top - _NEAR <= line.y <= self.bottom + _NEAR

    def continues(self, other: PageTable) -> bool:
        """Whether `other` is this table carried on over a page break: the next page, the same columns."""
        return (
            other.page == self.page + 1 and len(other.columns) == len(self.columns) and all(abs(a - b) <= _NEAR for a, b in zip(self.columns, other.columns, strict=True))
        )


def _per_letter(line: Line) -> float:
    return (line.x1 - line.x0) / max(1, len(line.text.strip()))


def usual_spread(lines: list[Line]) -> float:
    """How wide the document sets a letter, for its size: the median over its lines of 20 letters or more."""
    ordinary = [_per_letter(line) / line.size for line in lines if len(line.text.strip()) >= 20]
    return median(ordinary) if ordinary else 0.5


def _spread(lines: list[Line], usual: float) -> bool:
    """Whether a line of two words or more is spread wider per letter than the document's text is."""
    return any(_per_letter(line) / line.size > usual * _SPREAD for line in lines if len(line.text.split()) >= 2)


def _rules(page: pdfium.PdfPage, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The page's horizontal rules (y, x0, x1) and vertical rules (x, y0, y1), y measured down."""
    across: list[tuple[float, float, float]] = []
    down: list[tuple[float, float, float]] = []
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        width, tall = right.value - left.value, top.value - bottom.value
        if tall <= _THIN < width:
            across.append((height - (top.value + bottom.value) / 2, left.value, right.value))
        elif width <= _THIN < tall:
            down.append(((left.value + right.value) / 2, height - top.value, height - bottom.value))
    return across, down


def _distinct(values: list[float]) -> list[float]:
    found: list[float] = []
    for value in sorted(values):
        if not found or value - found[-1] > _NEAR:
            found.append(value)
    return found


def _grids(across: list[tuple[float, float, float]], down: list[tuple[float, float, float]]) -> list[tuple[list[int], list[int]]]:
    """The rules that meet, in groups: (indices into `across`, indices into `down`) for each grid."""
    parent = list(range(len(across) + len(down)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(across):
        for j, (x, y0, y1) in enumerate(down):
            if x0 - _NEAR <= x <= x1 + _NEAR and y0 - _NEAR <= y <= y1 + _NEAR:
                parent[root(i)] = root(len(across) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(parent)):
        group = groups.setdefault(root(i), ([], []))
        (group[0] if i < len(across) else group[1]).append(i if i < len(across) else i - len(across))
    return [g for g in groups.values() if g[0] and g[1]]


def _cell_text(textpage: pdfium.PdfTextPage, box: tuple[float, float, float, float], height: float) -> str:
    left, top, right, bottom = box
    raw = textpage.get_text_bounded(left, height - bottom, right, height - top)
    text = ""
    for line in raw.replace("\ufffe", "-\n").replace("\r", "\n").split("\n"):
        text = join_text(text, line) if text else line
    return " ".join(text.split())


def _table(textpage: pdfium.PdfTextPage, page: tuple[int, float], across: list[tuple[float, float, float]], down: list[tuple[float, float, float]]) -> PageTable | None:
    number, height = page
    ys, xs = _distinct([y for y, _, _ in across]), _distinct([x for x, _, _ in down])
    if len(ys) < 2 or len(xs) < 3:  # one column: a box drawn round a paragraph, not a table
        return None
    rows: list[tuple[str, ...]] = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        middle = (top + bottom) / 2
        # A column edge with no rule beside this row is inside a merged cell.
        edges = [x for x in xs if any(abs(x - rx) <= _NEAR and y0 - _NEAR <= middle <= y1 + _NEAR for rx, y0, y1 in down)]
        if len(edges) < 2:
            continue
        row: list[str] = []
        for start, end in zip(edges, edges[1:], strict=False):
            row.append(_cell_text(textpage, (start, top, end, bottom), height))
            row.extend("" for x in xs if start + _NEAR < x < end - _NEAR)
        if any(row):
            rows.append(tuple(row))
    return PageTable(number, ys[0], ys[-1], tuple(xs), tuple(rows)) if rows else None


def page_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int, lines: list[Line], usual: float) -> list[PageTable]:
    """The ruled tables of page `number`, top first; `lines` are the page's lines, `usual` the document's `usual_spread`."""
    if pdfium_c.FPDFPage_CountObjects(page.raw) > _FEW_OBJECTS and not _spread(lines, usual):
        return []
    height = float(page.get_height())
    across, down = _rules(page, height)
    if not across or not down:
        return []
    tables: list[PageTable] = []
    for rows, columns in _grids(across, down):
        table = _table(textpage, (number, height), [across[i] for i in rows], [down[j] for j in columns])
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.top)
