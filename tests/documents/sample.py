"""Policies as neutral `Document`s for the writers: a short one with every feature, and a long one for timing.

The labels are the ones a reader should give back ("1.", "1.1", "(a)"), chosen to match the
numbering list style the ODT writer declares, so one document tests every format.
"""

from __future__ import annotations

from pathlib import Path

from generator.importer.document import Document, Paragraph, Span, Table


def _p(text: str, **fields: object) -> Paragraph:
    return Paragraph(spans=(Span(text),), **fields)  # type: ignore[arg-type]


SENTENCES = (
    "Adults working in school must not share personal information about pupils on any social networking site or e-safety forum.",
    "The designated safeguarding lead and the co-ordinator for computing will review the filtering arrangements every term and report to governors.",
    "Staff should take care that nothing they publish could bring the school into disrepute, whether in working time or in their personal time.",
)


def sample_document(path: Path = Path("sample")) -> Document:
    """A short policy with headings on three levels, numbered clauses, bullets, bold words and a table."""
    blocks: list[Paragraph | Table] = [
        _p("Social Media Policy", heading=1),
        _p("Introduction", heading=2),
        _p(SENTENCES[0] + " " + SENTENCES[1]),
        Paragraph(spans=(Span("Every adult "), Span("must not", bold=True), Span(" accept a pupil as a friend on a personal account.")), where=""),
        _p("Definitions", heading=2),
        _p("In this policy, social media means any online service that lets people share content with each other.", number="1.", list_level=0),
        _p("An adult means any member of staff, volunteer, governor or visitor working in the school.", number="1.1", list_level=1),
        _p("A pupil means any child on the school roll, whether at the main site or elsewhere.", number="1.2", list_level=1),
        _p("Responsibilities", heading=2),
        _p("Staff must report every concern to the Head of School without delay.", number="2.", list_level=0),
        _p("The Head of School will:", number="2.1", list_level=1),
        _p("keep a record of every concern raised;", number="(a)", list_level=2),
        _p("tell the governors each term.", number="(b)", list_level=2),
        _p("Examples of social media", heading=3),
        _p("Blogs and personal websites", bullet=True, list_level=0),
        _p("Video sharing sites", bullet=True, list_level=0),
        Table(rows=(("Approved by", "Date"), ("Full governing body", "24 January 2025"))),
        _p(SENTENCES[2]),
    ]
    return Document(path=path, kind="sample", blocks=tuple(blocks), title="Social Media Policy")


def long_document(sections: int = 40, path: Path = Path("long")) -> Document:
    """A policy of about one page a section (40 sections: about 40 pages), for timing the readers."""
    blocks: list[Paragraph | Table] = [_p("Social Media Policy", heading=1)]
    for s in range(1, sections + 1):
        blocks.append(_p(f"Section {s} of the policy", heading=2))
        for c in range(1, 6):
            text = " ".join(SENTENCES[(s + c + k) % 3] for k in range(2))
            blocks.append(_p(text, number=f"{s}.{c}", list_level=1))
        blocks.append(_p("Further duties", heading=3))
        for k in range(3):
            blocks.append(_p(SENTENCES[k], bullet=True, list_level=0))
        blocks.append(Paragraph(spans=(Span("Staff "), Span("must", bold=True), Span(" read this section. " + SENTENCES[(s + 1) % 3]))))
    return Document(path=path, kind="sample", blocks=tuple(blocks), title="Social Media Policy")
