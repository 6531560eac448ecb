"""The import benchmark's own parts: the test-document generator, the plain-text writer and the scorer (no LibreOffice, no importer)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.import_score import flagged_strength, normalise, score_draft, sentences, summary
from generator.importer.document import Paragraph, Table
from generator.sources.section_walk import raw_clauses
from tests.documents.from_policy import document_from_policy, organisation_fill
from tests.documents.text_writer import render_text

REPO = Path(__file__).resolve().parent.parent
SEEDS = ["st-thomas", "bledington", "st-james-emmanuel-trust", "st-josephs", "st-lukes"]


def seed_paths(school: str) -> tuple[Path, Path]:
    folder = REPO / "policy_sources" / school
    return folder / "policies" / "social-media.yml", folder / "organisation.yml"


def test_the_document_has_the_schools_words_numbers_and_record() -> None:
    document, header = document_from_policy(*seed_paths("st-thomas"))
    assert header == "St Thomas' CE Primary School – Social Media Policy"
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].heading == 1 and paragraphs[0].text == "Social Media Policy"
    first = next(p for p in paragraphs if p.number == "1.1")
    assert first.text.startswith("The governing body has overall responsibility") and "{{" not in first.text
    assert first.text.endswith("procedures of St Thomas' School.")
    heading = next(p for p in paragraphs if p.number == "5")
    assert (heading.heading, heading.text) == (1, "Social media use - staff")
    # The seed split 5.1 at the sentence; the school wrote one numbered paragraph.
    assert next(p for p in paragraphs if p.number == "5.1").text.endswith(
        "However, staff may use social networking during non-contact time in a private area away from students."
    )
    bold = [s.text for p in paragraphs if p.number == "5.3" for s in p.spans if s.bold]
    assert bold == ["must not"]
    assert [p.text for p in paragraphs if p.bullet][5:7] == ["Blogs", "Online discussion forums"]
    record = [p.text for p in paragraphs if p.where == "record"]
    assert "Signed by: Karen Morris    Date: June 2016" in record and "Chair of Governors" in record
    assert not any("Encoding corrected" in text for b in document.blocks for text in ([b.text] if isinstance(b, Paragraph) else []))


@pytest.mark.parametrize("school", SEEDS)
def test_every_seed_gives_a_document_without_markup(school: str) -> None:
    document, _ = document_from_policy(*seed_paths(school))
    for block in document.blocks:
        texts = [block.text] if isinstance(block, Paragraph) else [cell for row in block.rows for cell in row]
        for text in texts:
            assert not re.search(r"\{\{|\*\*|\]\(", text), text


def test_a_review_table_and_dates_as_the_school_writes_them() -> None:
    document, _ = document_from_policy(*seed_paths("bledington"))
    tables = [b for b in document.blocks if isinstance(b, Table)]
    cells = {cell for table in tables for row in table.rows for cell in row}
    assert tables and tables[0].where == "record"
    assert cells & {"24.01.19", "24 January 2019", "24/01/2019", "24th January 2019"}
    assert "Full Governing Body" in cells


def test_plain_text_types_numbers_and_bullets_and_repeats_page_furniture() -> None:
    document, header = document_from_policy(*seed_paths("st-thomas"))
    text = render_text(document, header=header)
    assert "\n1.1 The governing body has overall responsibility" in text
    assert re.search(r"\n *• Blogs\n", text)
    pages = text.count("Page ")
    assert pages >= 3 and f"Page {pages} of {pages}" in text and text.count(header) == pages
    wrapped = render_text(document, header=header, wrapped=True)
    assert max(len(line) for line in wrapped.splitlines()) <= 80
    assert normalise(" ".join(wrapped.split())).count("The governing body has overall responsibility") == 1


def seed_and_document(school: str) -> tuple[dict[str, Any], str, Any, Any]:
    policy, org = seed_paths(school)
    document, _ = document_from_policy(policy, org)
    return yaml.safe_load(policy.read_text(encoding="utf-8")), policy.read_text(encoding="utf-8"), document, organisation_fill(org)


@pytest.mark.parametrize("school", SEEDS)
def test_a_seed_scored_against_itself_is_perfect(school: str) -> None:
    seed, raw, document, fill = seed_and_document(school)
    figures = summary(score_draft(seed, raw, document, fill))
    assert (figures["clauses"], figures["numbers"], figures["strengths"], figures["flagged"], figures["records"], figures["lost"]) == (
        100.0,
        100.0,
        100.0,
        100.0,
        100.0,
        0,
    )
    assert figures["counts"]["sentences"] > 20


def test_the_scorer_counts_a_lost_clause_a_wrong_number_and_an_unflagged_strength() -> None:
    seed, _, document, fill = seed_and_document("st-thomas")
    draft = copy.deepcopy(seed)
    clauses = [c for _, c in raw_clauses(draft)]
    removed = clauses[1]  # 1.2, whose words are nowhere else in the file
    draft["sections"][0]["clauses"].remove(removed)
    clauses[2]["number"] = "1.9"
    clauses[3]["strength"] = "should"
    draft["history"] = [e for e in draft["history"] if e["event"] == "corrected"]
    score = score_draft(seed, yaml.safe_dump(draft, sort_keys=False, allow_unicode=True), document, fill)
    total = len(clauses)
    assert (score.clauses, score.recovered, score.numbers, score.strengths) == (total, total - 1, total - 2, total - 2)
    assert (score.disagreements, score.flagged) == (1, 0)
    assert (score.records, score.records_found) == (1, 0)
    assert score.lost == len([s for s in sentences(document) if "does not discriminate" in s]) == 1
    groups = {(m.check, m.group) for m in score.misses}
    assert ("numbers", "number differs") in groups and ("flags", "seed must, draft should, no # check: comment") in groups
    assert ("records", "ratified/approved/adopted: no draft event of that kind") in groups


def test_a_check_comment_in_the_clause_flags_its_strength() -> None:
    raw = (
        "sections:\n- id: a\n  clauses:\n  - id: one\n    text: Staff will.\n"
        '    # check: strength guessed from "will"\n    strength: must\n'
        "  - id: two\n    text: Staff may.\n    strength: may\n"
    )
    assert flagged_strength(raw, "one") and not flagged_strength(raw, "two")
