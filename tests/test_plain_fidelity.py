"""The check that a plain version says what its rule says: known answers, the warning as a person sees it, and the demo's plain versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.sources.model.common import Strength
from generator.sources.plain_fidelity import fidelity
from tests.helpers import PUPILS_TELL_LINE, REPO, run_cli, valid_project_with


@pytest.mark.parametrize(
    ("rule", "strength", "plain", "kind"),
    [
        # A condition dropped: the rule holds only for serious cases.
        ("Pupils may be excluded only for serious breaches of this policy.", Strength.info, "I could be excluded from school.", "condition"),
        # An exception dropped: family members may be friends online.
        ("Staff must not be friends with pupils on social media, except family members.", Strength.must_not, "I will not add my teachers on social media.", "condition"),
        # A permission invented for a statement of scope.
        (
            "Personal communications likely to harm the school are within the scope of this policy.",
            Strength.info,
            "You may use social media at home, but posts that hurt the school count.",
            "permission",
        ),
        # A prohibition softened: "malicious" became "unkind".
        ("Parents must not post malicious comments about staff.", Strength.must_not, "Do not post unkind comments about staff.", "softened"),
        # A consequence the rule does not state.
        ("Breaches of this policy will be taken seriously.", Strength.info, "If I break these rules I will be excluded.", "consequence"),
        # A prohibition shown as a permission.
        ("Pupils must not use phones in lessons.", Strength.must_not, "I can use my phone in lessons.", "strength"),
        # A named group narrowed: every member of staff told as teachers, anyone as friends.
        ("Members of staff must not accept friend requests from pupils.", Strength.must_not, "My teachers will not be my friends online.", "narrowed"),
        ("Pupils must not share images of anyone without their permission.", Strength.must_not, "I will not share photos of my friends without asking.", "narrowed"),
    ],
)
def test_a_plain_version_that_changes_its_rule_is_flagged(rule: str, strength: Strength, plain: str, kind: str) -> None:
    assert kind in {finding.kind for finding in fidelity(rule, strength, plain)}


@pytest.mark.parametrize(
    ("rule", "strength", "plain"),
    [
        (
            "Staff must not be friends with pupils on social media, except family members.",
            Strength.must_not,
            "I will not add adults from school online, unless they are family.",
        ),
        ("Parents must not post malicious comments about staff.", Strength.must_not, "Do not post comments meant to hurt staff."),
        ("Pupils may bring a phone if they walk home alone.", Strength.may, "I can bring a phone if I walk home alone."),
        ("Staff should report concerns to the DSL.", Strength.should, "Staff tell the safeguarding lead about any worry."),
        ("Members of staff must not accept friend requests from pupils.", Strength.must_not, "Adults at school will not be my friends online."),
        ("Parents must not post images if other people's children can be seen.", Strength.must_not, "Do not post photos where other children can be seen."),
    ],
)
def test_a_faithful_paraphrase_is_not_flagged(rule: str, strength: Strength, plain: str) -> None:
    assert fidelity(rule, strength, plain) == []


def test_the_warning_names_the_line_and_plain_reviewed_answers_it(tmp_path: Path) -> None:
    project, policy = valid_project_with(tmp_path, PUPILS_TELL_LINE, "          pupils: I can post anything I like.\n")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if "may not say what the rule says" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: policy_sources/oak-primary/policies/social-media.yml:")
    assert "plain_reviewed: {pupils: why}" in warnings[0]
    reviewed = policy.read_text(encoding="utf-8").replace(
        "          pupils: I can post anything I like.\n",
        "          pupils: I can post anything I like.\n        plain_reviewed:\n          pupils: a test of the answer\n",
    )
    policy.write_text(reviewed, encoding="utf-8")
    assert "may not say what the rule says" not in run_cli("validate", cwd=project).stderr


def test_no_plain_version_of_the_demo_changes_its_rule() -> None:
    result = run_cli("validate", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "may not say what the rule says" in line] == []
