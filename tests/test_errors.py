"""A mistake in the YAML gives file:line: and what to write instead, all errors at once, and changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.sources.modal_words import contradiction, strengths_in
from generator.sources.model.common import Strength
from tests.helpers import BUILD_DATE, REPO, make_project, run_cli
from tests.trust_sources import fingerprint, write_trust

FIXTURE = REPO / "tests" / "fixtures" / "valid"
POLICY = "policy_sources/oak-primary/policies/social-media.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, FIXTURE)


def edit(project: Path, old: str, new: str, rel: str = POLICY) -> int:
    """Replace the first `old` with `new`; return the 1-based line where it was."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def errors_of(project: Path) -> tuple[int, list[str]]:
    result = run_cli("validate", cwd=project)
    assert "Traceback" not in result.stderr
    return result.returncode, [line for line in result.stderr.splitlines() if line.startswith("policy_sources/")]


def test_valid_fixture_passes(project: Path) -> None:
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "no errors" in result.stdout


CASES = [
    # (what, old, new, words the message must hold)
    ("bad indentation", "    title: Staff use", "   title: Staff use", ["YAML cannot be read", "indentation"]),
    ("unknown audience", "audiences: [staff]", "audiences: [teachers]", ["'teachers' is not an audience", "use one of: staff, pupils, parents, governors, school"]),
    ("clause id used twice", "- id: pupils-tell", "- id: staff-no-friending", ["id 'staff-no-friending' is already used at line", "unique"]),
    ("date that is not a date", 'date: "2025-01-29"', 'date: "29.01.25"', ["'29.01.25' is not a date", "YYYY-MM-DD"]),
    ("reference to a missing policy", "- id: acceptable-use", "- id: acceptable-usage", ["no policy with id 'acceptable-usage'", "name:"]),
    ("unknown field", "        summary: Never friend pupils.", "        sumary: Never friend pupils.", ["unknown field 'sumary'", "did you mean 'summary'"]),
    (
        "link relative to the page",
        "Parents must not post photos",
        "Parents must not post [photos](../acceptable-use/#rules)",
        ["is relative to the page", "write `policy:acceptable-use#rules`"],
    ),
    (
        "link to a policy not carried",
        "Parents must not post photos",
        "Parents must not post [photos](policy:photos)",
        ["the policy 'photos', which this site does not carry"],
    ),
    (
        "link to an id the policy lacks",
        "Parents must not post photos",
        "Parents must not post [photos](#staf-use)",
        ["has no section, clause or procedure", "'staff-use'"],
    ),
    ("link to a missing file", "Parents must not post photos", "Parents must not post [photos](/photos.pdf)", ["docs/photos.pdf, which does not exist"]),
    ("http link", "Parents must not post photos", "Parents must not post [photos](http://oak.example/photos)", ["not secure", "https://oak.example/photos"]),
    ("section of a missing id", "- id: acceptable-use", "- {id: acceptable-use, section: rule}", ["`section: rule`", "did you mean 'rules'?"]),
    ("pupil clause without plain words", "          pupils: If something online upsets me, I will tell a teacher.", "          staff: x", ["concerns pupils", "plain"]),
]


@pytest.mark.parametrize("what,old,new,words", CASES, ids=[c[0] for c in CASES])
def test_error_names_file_line_and_fix(project: Path, what: str, old: str, new: str, words: list[str]) -> None:
    line = edit(project, old, new)
    code, errors = errors_of(project)
    assert code != 0
    matching = [e for e in errors if all(w in e for w in words)]
    assert matching, f"{what}: no error with {words} in {errors}"
    expected_line = line + 1 if what == "pupil clause without plain words" else line
    if what == "pupil clause without plain words":
        expected_line = edit_line_of(project, "- id: pupils-tell")
    assert matching[0].startswith(f"{POLICY}:{expected_line}: "), f"{what}: {matching[0]} (expected line {expected_line})"


def test_a_clause_cannot_take_the_anchor_of_a_smart_letter(project: Path) -> None:
    """Each letter of the SMART guide is an anchor of the pupils' page (a search result opens
    it): a clause with the same id would make the link open the wrong thing."""
    letters = "".join(f"  {letter}:\n    pupils: I keep safe.\n" for letter in ("safe", "meeting", "accepting", "reliable", "tell"))
    edit(project, "related_policies:", f"smart:\n{letters}related_policies:")
    edit(project, "- id: pupils-tell", "- id: be-smart-online-tell")
    code, errors = errors_of(project)
    assert code != 0
    assert any("id 'be-smart-online-tell' is already used at line" in e for e in errors), errors


def edit_line_of(project: Path, text: str) -> int:
    content = (project / POLICY).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def test_missing_required_field_points_at_its_clause(project: Path) -> None:
    clause_line = edit_line_of(project, "- id: pupils-tell")
    edit(project, "        strength: should\n", "")
    code, errors = errors_of(project)
    assert code != 0
    assert any(e.startswith(f"{POLICY}:{clause_line}: 'strength' is missing; add `strength:` (one of: must, must-not") for e in errors), errors


def test_missing_organisation_file_value(project: Path) -> None:
    line = edit(project, "name: Oak Primary School\n", "", "policy_sources/oak-primary/organisation.yml")
    code, errors = errors_of(project)
    assert code != 0
    assert any(
        e.startswith(f"policy_sources/oak-primary/organisation.yml:{line - 1}: 'name' is missing")
        or e.startswith("policy_sources/oak-primary/organisation.yml:1: 'name' is missing")
        for e in errors
    ), errors


def test_every_error_of_a_run_is_listed_together(project: Path) -> None:
    lines = [
        edit(project, "audiences: [staff]", "audiences: [teachers]"),
        edit(project, "- id: pupils-tell", "- id: staff-no-friending"),
        edit(project, 'date: "2025-01-29"', 'date: "2025-13-01"'),
        edit(project, "- id: acceptable-use", "- id: nowhere"),
    ]
    code, errors = errors_of(project)
    assert code != 0
    reported = sorted(int(e.split(":")[1]) for e in errors)
    assert reported == sorted(lines), errors


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_last_good_site_untouched(project: Path) -> None:
    first = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")
    edit(project, "audiences: [staff]", "audiences: [teachers]")
    second = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert second.returncode != 0
    assert f"{POLICY}:" in second.stderr and "nothing was built" in second.stderr
    assert "Traceback" not in second.stderr
    assert tree_digest(project / "site") == before


def test_plain_mkdocs_build_reports_the_same_errors(project: Path) -> None:
    import subprocess
    import sys

    line = edit(project, "audiences: [staff]", "audiences: [teachers]")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"{POLICY}:{line}: 'teachers' is not an audience" in result.stderr
    assert not (project / "site").exists()


def test_a_plain_version_for_an_audience_the_clause_lacks_is_an_error(project: Path) -> None:
    # No page would show it: the parents' version of a staff-only rule.
    line = edit(
        project,
        "        summary: Never friend pupils.\n",
        "        summary: Never friend pupils.\n        plain:\n          parents: Staff will not be your child's friend online.\n",
    )
    code, errors = errors_of(project)
    assert code == 1
    assert errors == [
        f"{POLICY}:{line + 2}: clause 'staff-no-friending' has a plain version for parents but is not for parents, so no page shows it; "
        "add parents to its `audiences:` or `informs:`, or remove this plain version"
    ]


def test_an_empty_section_and_a_number_used_twice_are_warnings(project: Path) -> None:
    empty = edit(project, "  - id: pupil-use\n", "  - id: still-to-write\n    title: Still to write\n  - id: pupil-use\n")
    first = edit_line_of(project, '        number: "1.1"')
    twice = edit(project, '        number: "1.2"', '        number: "1.1"')
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "no errors" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        f"warning: {POLICY}:{twice}: number 1.1 is already used at line {first} in this section; check the original's numbering",
        f"warning: {POLICY}:{empty}: section 'still-to-write' has no clauses, sub-sections or text, so no page shows anything of it; add its text or remove it",
    ]
    # The build goes ahead and says the same.
    built = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert built.returncode == 0, built.stderr
    assert f"{POLICY}:{twice}: number 1.1 is already used" in built.stderr


def warnings_of(project: Path) -> list[str]:
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("warning: ")]


def test_words_that_say_the_opposite_of_the_strength_are_a_warning(project: Path) -> None:
    # A rewording to a prohibition left marked `must`, and a duty left marked `must-not`.
    edit(project, "text: Staff **must not** friend pupils", "text: Staff must never friend pupils")
    friending = edit(project, "        strength: must-not\n        audiences: [staff]", "        strength: must\n        audiences: [staff]")
    edit(project, "text: Parents must not post photos of other children.", "text: Parents must ask before posting photos of other children.")
    photos = edit_line_of(project, "        strength: must-not\n        audiences: [parents]")
    assert warnings_of(project) == [
        f"warning: {POLICY}:{friending}: clause 'staff-no-friending' is marked must but its words say \"must never\"; check the strength",
        f"warning: {POLICY}:{photos}: clause 'parents-photos' is marked must-not but its words say \"must\"; check the strength",
    ]


def test_words_that_agree_mix_or_have_no_modal_give_no_warning(project: Path) -> None:
    # A prohibition with its exception, "will" alone, and no modal word at all.
    edit(project, "text: Staff **must not** friend pupils", "text: Staff must not friend pupils, but may accept requests from their own children")
    edit(project, "text: Parents must not post photos of other children.", "text: Parents will keep photos of other children off social media.")
    edit(project, "text: Pupils should tell a member of staff", "text: Pupils tell a member of staff")
    assert warnings_of(project) == []


def test_an_overlay_rewording_that_contradicts_the_strength_is_a_warning(tmp_path: Path) -> None:
    overlay = {
        "replace": [
            # The school's words with the trust's `must-not`; and mixed words ("may ... never") say nothing.
            {"clause": "no-private-messages", "based_on": fingerprint("no-private-messages"), "with": {"text": "Adults must reply to pupils on the school platform."}},
            {"clause": "phones-at-break", "based_on": fingerprint("phones-at-break"), "with": {"text": "Adults may use phones at break, never in class."}},
        ],
        "add": [
            {
                "section": "contact",
                "clause": {"id": "no-calls", "text": "Parents must not ring staff at home.", "strength": "may", "audiences": ["governors"]},
            }
        ],
    }
    project = make_project(tmp_path)
    write_trust(project / "policy_sources", overlay)
    text = (project / "policy_sources" / "ash" / "overlays" / "online-safety.yml").read_text(encoding="utf-8").splitlines()
    replaced = text.index("    text: Adults must reply to pupils on the school platform.") + 1
    added = text.index("    strength: may") + 1
    overlay_file = "policy_sources/ash/overlays/online-safety.yml"
    assert warnings_of(project) == [
        f"warning: {overlay_file}:{replaced}: clause 'no-private-messages' is marked must-not by the trust but the school's words say \"must\"; check the strength",
        f"warning: {overlay_file}:{added}: clause 'no-calls' is marked may but its words say \"must not\"; check the strength",
    ]


@pytest.mark.parametrize(
    "text,found",
    [
        ("Staff may not use phones. Staff may use them at break.", [("must-not", "may not"), ("may", "may")]),
        ("Under no circumstances should staff post. Do not reply.", [("must-not", "Under no circumstances"), ("should", "should"), ("must-not", "Do not")]),
        ("Pupils who do not have consent are advised to wait.", [("should", "advised to")]),
        ("Staff are recommended not to retweet; they mustn\u2019t tag.", [("should-not", "recommended not to"), ("must-not", "mustn\u2019t")]),
        ("The school will reply.", []),
    ],
)
def test_modal_phrases_and_the_strength_they_imply(text: str, found: list[tuple[str, str]]) -> None:
    assert [(strength.value, phrase) for strength, phrase in strengths_in(text)] == found


def test_only_an_unmixed_opposite_polarity_contradicts() -> None:
    assert contradiction("Staff must not post.", Strength.should) == "must not"
    assert contradiction("Staff must not post.", Strength.should_not) is None  # a weaker strength, same way
    assert contradiction("Staff should report it.", Strength.must) is None
    assert contradiction("Breaches may lead to dismissal.", Strength.must_not) is None  # "may" is also "might"
    assert contradiction("Staff must not post.", Strength.info) is None
