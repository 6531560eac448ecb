"""`policy-site import` as an office manager runs it: a real Word file in, a draft policy file out that loads, checks and previews."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.importer.document import Document, Paragraph, Span, Table
from generator.sources.model.policy import Policy
from tests.documents.docx_writer import write_docx
from tests.documents.from_policy import document_from_policy
from tests.documents.text_writer import write_text
from tests.helpers import REPO, run_cli

SEED = REPO / "policy_sources" / "st-thomas"


def _p(text: str, **fields: object) -> Paragraph:
    return Paragraph(spans=(Span(text),), **fields)  # type: ignore[arg-type]


def _school(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    (sources / "st-thomas").mkdir(parents=True)
    shutil.copy(SEED / "organisation.yml", sources / "st-thomas" / "organisation.yml")
    return sources


def _policy() -> Document:
    return Document(
        Path("p.docx"),
        "Word",
        (
            _p("Mobile Phones Policy", heading=1),
            _p("Our aim is that every pupil learns without distraction."),
            _p("Pupils", heading=1, number="1", list_level=0),
            Paragraph(spans=(Span("Pupils "), Span("must not", bold=True), Span(" use a phone in lessons.")), number="1.1", list_level=1),
            _p("Staff will collect phones at the start of the day.", number="1.2", list_level=1),
            _p("Phones may be used on school trips when a teacher says so, as the Trips Policy explains.", number="1.3", list_level=1),
            _p("Definitions", heading=1, number="2", list_level=0),
            _p("A smart watch means any watch that can send messages.", number="2.1", list_level=1),
            _p("Parents should contact the office, not their child's phone, during the day:", number="2.2", list_level=1),
            _p("by phone;", bullet=True, list_level=2),
            _p("by email.", bullet=True, list_level=2),
            Table((("Version", "Date", "Approved by"), ("1", "24.01.2025", "Full Governing Body"))),
            _p("Next review date: January 2027"),
        ),
    )


def test_a_word_file_becomes_a_draft_that_loads_with_its_numbers_bold_strengths_and_record(tmp_path: Path) -> None:
    sources = _school(tmp_path)
    original = tmp_path / "Mobile phones.docx"
    write_docx(_policy(), original, header="St Thomas' – Mobile Phones Policy")
    result = run_cli("--sources", str(sources), "import", str(original), "--school", "st-thomas", cwd=REPO)
    assert result.returncode == 0, result.stderr
    written = sources / "st-thomas" / "policies" / "mobile-phones.yml"
    raw = written.read_text(encoding="utf-8")
    policy = Policy.model_validate(yaml.safe_load(raw))
    assert policy.draft and policy.title == "Mobile Phones Policy"
    clauses = {c.number: c for c in policy.clauses()}
    assert list(clauses) == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert clauses["1.1"].text == "Pupils **must not** use a phone in lessons."
    assert (clauses["1.1"].strength, clauses["1.1"].audiences) == ("must-not", ["pupils"])
    assert clauses["1.2"].strength == "must" and '# check: strength guessed from "will"' in raw
    assert clauses["1.3"].strength == "may" and [r.name for r in clauses["1.3"].see] == ["Trips Policy"]
    assert clauses["2.1"].term == "smart watch"
    assert clauses["2.2"].items == ["by phone;", "by email."] and clauses["2.2"].audiences == ["parents"]
    (event,) = policy.history
    assert (event.event, event.date.iso(), event.body, event.version) == ("approved", "2025-01-24", "Full Governing Body", "1")
    assert policy.review.next is not None and policy.review.next.iso() == "2027-01"
    assert policy.intro == "Our aim is that every pupil learns without distraction."
    # The page header and footer are not the policy's words.
    assert "St Thomas' – Mobile" not in raw and "Page" not in raw.replace("page", "")
    assert "5 clauses (5 numbered)" in result.stdout and "Still to write" in result.stdout


def test_a_seed_policy_as_plain_text_keeps_every_clause_and_its_number(tmp_path: Path) -> None:
    sources = _school(tmp_path)
    document, header = document_from_policy(SEED / "policies" / "social-media.yml", SEED / "organisation.yml")
    original = tmp_path / "policy.txt"
    write_text(document, original, header=header)
    result = run_cli("--sources", str(sources), "import", str(original), "--school", "st-thomas", "--id", "social-media", cwd=REPO)
    assert result.returncode == 0, result.stderr
    draft = Policy.model_validate(yaml.safe_load((sources / "st-thomas" / "policies" / "social-media.yml").read_text(encoding="utf-8")))
    seed = Policy.model_validate(yaml.safe_load((SEED / "policies" / "social-media.yml").read_text(encoding="utf-8")))
    got = {c.number for c in draft.clauses() if c.number}
    wanted = {c.number for c in seed.clauses() if c.number}
    assert len(got & wanted) >= 0.95 * len(wanted)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as a Word document (.docx)"),
        ("notes.xyz", b"hello", "cannot be imported; import a Word document (.docx)"),
        ("empty.docx", b"", "is empty"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "damaged"),
        ("blank.txt", b"   \n\n  ", "no text to import"),
        ("scan.pdf", None, "no text layer"),
    ],
)
def test_a_file_that_cannot_be_imported_gets_one_sentence_and_nothing_is_written(tmp_path: Path, name: str, content: bytes | None, says: str) -> None:
    sources = _school(tmp_path)
    original = tmp_path / name
    if content is None:
        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        with original.open("wb") as out:
            writer.write(out)
    else:
        original.write_bytes(content)
    result = run_cli("--sources", str(sources), "import", str(original), "--school", "st-thomas", cwd=REPO)
    assert result.returncode == 1
    assert says in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (sources / "st-thomas" / "policies").exists()


def test_an_unknown_school_is_named_with_the_ones_there_are(tmp_path: Path) -> None:
    sources = _school(tmp_path)
    original = tmp_path / "p.txt"
    original.write_text("Phones\n\nPupils must not use phones.\n", encoding="utf-8")
    result = run_cli("--sources", str(sources), "import", str(original), "--school", "st-thomsa", cwd=REPO)
    assert result.returncode == 1 and "no organisation 'st-thomsa'" in result.stderr and "st-thomas" in result.stderr


def test_importing_a_newer_version_compares_keeps_ids_and_never_overwrites(tmp_path: Path) -> None:
    sources = _school(tmp_path)
    first = tmp_path / "v1.docx"
    write_docx(_policy(), first)
    assert run_cli("--sources", str(sources), "import", str(first), "--school", "st-thomas", cwd=REPO).returncode == 0
    written = sources / "st-thomas" / "policies" / "mobile-phones.yml"
    before = written.read_bytes()
    blocks = list(_policy().blocks)
    blocks[3] = _p("Pupils must not use a phone or a smart watch in lessons.", number="1.1", list_level=1)
    blocks.insert(6, _p("Pupils must hand in phones before exams.", number="1.4", list_level=1))
    del blocks[5]
    second = tmp_path / "v2.docx"
    write_docx(Document(second, "Word", tuple(blocks)), second)
    result = run_cli("--sources", str(sources), "import", str(second), "--school", "st-thomas", "--review", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert written.read_bytes() == before, "a policy file is never overwritten"
    old_ids = [c.id for c in Policy.model_validate(yaml.safe_load(before)).clauses()]
    assert "already exists: nothing was written" in result.stdout
    assert "3 the same, 1 reworded, 1 new, 1 no longer there" in result.stdout
    assert f"reworded  {old_ids[0]}" in result.stdout and f"gone      {old_ids[2]}" in result.stdout
    page = (tmp_path / "v2.docx.review.html").read_text(encoding="utf-8")
    assert "Compared with the current file" in page and "smart watch in lessons" in page


def test_the_review_page_shows_every_paragraph_beside_what_it_became(tmp_path: Path) -> None:
    sources = _school(tmp_path)
    original = tmp_path / "p.docx"
    write_docx(_policy(), original, header="Running header")
    result = run_cli("--sources", str(sources), "import", str(original), "--school", "st-thomas", "--review", str(tmp_path / "r.html"), cwd=REPO)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "every one in the draft" in page and "not in the draft" not in page
    assert "clause 1.1 (" in page and "the approval record" in page and "Running header" in page


def test_an_imported_draft_validates_with_work_to_do_previews_bannered_and_is_not_published(tmp_path: Path) -> None:
    from tests.helpers import make_project, read_page, squash

    sources = _school(tmp_path)
    project = make_project(tmp_path, sources)
    original = tmp_path / "Mobile phones.docx"
    write_docx(_policy(), original)
    assert run_cli("import", str(original), "--school", "st-thomas", cwd=project).returncode == 0
    checked = run_cli("validate", cwd=project)
    assert checked.returncode == 0, checked.stderr
    assert "mobile-phones (draft): " in checked.stdout and "plain versions still to write" in checked.stdout
    preview = run_cli("build", "--drafts", "--output", "preview", "--date", "2026-12-01", cwd=project)
    assert preview.returncode == 0, preview.stderr + preview.stdout
    page = squash(" ".join(read_page(project / "preview" / "st-thomas" / "policies" / "mobile-phones" / "index.html").text))
    assert "Draft: not approved" in page and "Pupils must not use a phone in lessons." in page
    published = run_cli("build", "--output", "site", "--date", "2026-12-01", cwd=project)
    assert published.returncode == 0, published.stderr + published.stdout
    assert not (project / "site" / "st-thomas" / "policies" / "mobile-phones").exists()
    assert "1 draft not published: st-thomas/mobile-phones" in published.stdout
