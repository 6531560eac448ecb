"""The reading-level measure on known texts, its warning as an author sees it, `policy-site language`, and the demo's pages against their targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.sources.reading_level import PARENTS_FORMULA, PUPILS_FORMULA, is_familiar, reading
from tests.helpers import PUPILS_TELL_LINE, REPO, run_cli, valid_project_with


def test_an_everyday_sentence_reads_young_and_a_formal_one_old() -> None:
    easy = reading("I will tell a teacher if something online upsets me.", PUPILS_FORMULA)
    assert easy.age <= 8 and easy.hard_words == []
    formal = reading(
        "Inappropriate use of social networking sites will result in repercussions commensurate with the seriousness of the breach.",
        PUPILS_FORMULA,
    )
    assert formal.age > 9
    assert {"Inappropriate", "networking", "repercussions", "commensurate", "breach"} <= set(formal.hard_words)


def test_a_text_reads_at_its_hardest_sentence() -> None:
    one = reading("Ask a teacher first.", PARENTS_FORMULA)
    two = reading("Ask a teacher first. Safeguarding concerns are escalated to the designated lead, who liaises with external agencies.", PARENTS_FORMULA)
    assert two.age > one.age and two.age > 11


def test_bullets_read_the_same_with_or_without_full_stops() -> None:
    # Flesch-Kincaid scores these grade 14 without full stops and 4 with them.
    bare = "- Keep your password to yourself\n- Tell a grown-up if something upsets you\n- Only talk to people you know"
    stopped = "- Keep your password to yourself.\n- Tell a grown-up if something upsets you.\n- Only talk to people you know."
    assert reading(bare, PUPILS_FORMULA).age == reading(stopped, PUPILS_FORMULA).age <= 8


@pytest.mark.parametrize("word", ["families", "stopped", "making", "teachers", "happier", "online", "behaviour", "grown-up", "don't", "parents'"])
def test_regular_endings_and_our_everyday_words_are_familiar(word: str) -> None:
    assert is_familiar(word, False, PUPILS_FORMULA)


def test_names_are_familiar_and_capitals_are_not() -> None:
    assert is_familiar("Childline", False, PUPILS_FORMULA) and is_familiar("Harrison", False, PUPILS_FORMULA)
    assert not is_familiar("CEOP", False, PARENTS_FORMULA)
    assert not is_familiar("Repercussions", True, PUPILS_FORMULA)


def test_words_of_school_life_count_for_parents_only() -> None:
    assert is_familiar("complaint", False, PARENTS_FORMULA) and not is_familiar("complaint", False, PUPILS_FORMULA)


def _with_pupils_words(tmp_path: Path, words: str, organisation_extra: str = "") -> Path:
    project, _ = valid_project_with(tmp_path, PUPILS_TELL_LINE, f"          pupils: {words}\n")
    if organisation_extra:
        org = project / "policy_sources" / "oak-primary" / "organisation.yml"
        org.write_text(org.read_text(encoding="utf-8") + organisation_extra, encoding="utf-8")
    return project


HARD = "If I encounter inappropriate material I will notify a designated adult immediately, otherwise there will be repercussions."


def test_a_hard_plain_version_is_a_warning_with_its_line_level_and_words(tmp_path: Path) -> None:
    project = _with_pupils_words(tmp_path, HARD)
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "reads at about age" in line]
    assert len(warnings) == 1, result.stderr
    line = warnings[0]
    assert line.startswith("warning: policy_sources/oak-primary/policies/social-media.yml:")
    number = int(line.split(":")[2])
    written = (project / "policy_sources/oak-primary/policies/social-media.yml").read_text(encoding="utf-8").splitlines()
    assert written[number - 1].strip().startswith("pupils: If I encounter")
    assert "the pupils' version reads at about age" in line and "(target 9)" in line
    assert '"inappropriate"' in line and '"repercussions"' in line


def test_the_target_is_set_per_site(tmp_path: Path) -> None:
    project = _with_pupils_words(tmp_path, HARD, "reading_age:\n  pupils: 16\n")
    assert "reads at about age" not in run_cli("validate", cwd=project).stderr


def test_language_lists_every_text_hardest_first(tmp_path: Path) -> None:
    project = _with_pupils_words(tmp_path, HARD)
    result = run_cli("language", "--school", "oak-primary", cwd=project)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith(("over", "ok"))]
    assert len(rows) >= 3
    assert rows[0].startswith("over age") and "If I encounter" not in rows[0] and "inappropriate" in rows[0]
    assert all(not row.startswith("over") for row in rows[1:])
    assert "oak-primary:" in result.stdout and "pupils' texts" in result.stdout
    over = run_cli("language", "--over", cwd=project).stdout
    assert [line for line in over.splitlines() if line.startswith(("over", "ok"))] == rows[:1]
    missing = run_cli("language", "--school", "nowhere", cwd=project)
    assert missing.returncode == 1 and "choose from: oak-primary" in missing.stdout


def test_every_demo_page_for_pupils_and_parents_reads_at_its_target(demo_site: Path) -> None:
    from tests.reading_pages import page_levels

    levels = page_levels(demo_site)
    assert any(kind == "pupils' policy pages" for _, kind in levels) and any(kind == "parents' policy pages" for _, kind in levels)
    over = [(str(page.relative_to(demo_site)), age) for (_, kind), pages in levels.items() for page, age in pages if age > (9 if kind.startswith("pupils") else 11)]
    assert over == []


def test_no_demo_text_is_over_its_reading_age() -> None:
    result = run_cli("validate", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "reads at about age" in line] == []
