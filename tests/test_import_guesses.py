"""What the importer proposes from a rule's words, and that it flags what a person should check."""

from __future__ import annotations

import pytest

from generator.importer.guesses import guess_audiences, guess_term, referenced_policies
from generator.importer.strength_guess import guess_strength
from generator.importer.typed_labels import label_of


@pytest.mark.parametrize(
    ("text", "strength", "flagged"),
    [
        ("Staff must not accept friend requests from pupils.", "must-not", False),
        ("Pupils may not bring phones to lessons.", "must-not", False),
        ("Parents should speak to the class teacher first.", "should", False),
        ("Staff will report every concern to the DSL.", "must", True),
        ("Breaches will be taken seriously.", "info", True),
        ("The governing body has overall responsibility for the policy.", "must", True),
        ("Store account details, including passwords, securely.", "must", True),
        ("When acting on behalf of the school, handle comments with care.", "must", True),
        ("Inappropriate use may lead to disciplinary action.", "info", True),
        ("Pupils may bring a phone if they walk home alone.", "may", True),
        ("We ask that photographs you publish do not include other children.", "should-not", True),
        ("We have the right to delete comments.", "may", True),
        ("It is understood that children under 13 are not permitted to register.", "must-not", True),
        ("We can help pupils who must not be photographed.", "info", True),
        ("The e-safety team consists of the head teacher and two deputies.", "info", False),
    ],
)
def test_a_strength_is_proposed_and_flagged_unless_the_words_leave_no_doubt(text: str, strength: str, flagged: bool) -> None:
    guess = guess_strength(text)
    assert guess.value == strength
    assert (guess.check is not None) == flagged, guess.check


def test_a_list_item_takes_the_force_of_the_words_before_it_and_a_duty_heading_counts() -> None:
    assert guess_strength("The use of the school's logo without permission.", "The following are not acceptable:").value == "must-not"
    assert guess_strength("Facilitating training on social media.", None, "Roles and responsibilities: SLT").value == "must"
    assert guess_strength("Facilitating training on social media.").value == "info"


def test_audiences_come_from_the_subject_else_the_heading_flagged() -> None:
    assert guess_audiences("Parents and carers should talk to their child.", []) == (["parents"], None)
    audiences, check = guess_audiences("Keep passwords safe.", ["staff"])
    assert audiences == ["staff"] and check is not None
    assert guess_audiences("St Mary's will reply within five days.", [], ("St Mary's",))[0] == ["school"]


def test_definitions_and_named_policies() -> None:
    assert guess_term("In this policy, social media means any online service.") == "social media"
    assert guess_term('The school defines "cyber bullying" as bullying online.') == "cyber bullying"
    assert guess_term("Staff must not post.") is None
    assert referenced_policies("See the school's Complaints Policy and our Acceptable Use Agreement.", "Social Media Policy") == [
        "Complaints Policy",
        "Acceptable Use Agreement",
    ]


@pytest.mark.parametrize(
    ("text", "number", "bullet"),
    [
        ("1.1. The governing body", "1.1", False),
        ("(a) pupils", "(a)", False),
        ("iv. staff", "iv", False),
        ("e social media - means", "", True),
        ("o ensure that", "", True),
        ("- 3.1. Staff", "3.1", False),
        ("• A. Use of phones", "", True),
        ("e-safety is", None, None),
        ("1 in 5 pupils", None, None),
        ("I will", None, None),
    ],
)
def test_typed_numbers_and_bullets_are_split_from_the_words(text: str, number: str | None, bullet: bool | None) -> None:
    label, _ = label_of(text)
    if number is None:
        assert label is None
    else:
        assert label is not None and (label.number, label.bullet) == (number, bullet)


def test_the_title_is_the_opening_line_naming_the_policy_else_the_page_header_else_the_file_name() -> None:
    from pathlib import Path

    from generator.importer.assemble import build_draft
    from generator.importer.document import Document, Paragraph, Span

    def doc(*lines: str, dropped: tuple[str, ...] = ()) -> Document:
        return Document(Path("Behaviour_Policy_2024.docx"), "Word", tuple(Paragraph((Span(t),)) for t in lines), dropped=dropped)

    opening = doc("Oak School", "Anti-bullying Policy for Staff and Parents.", "This policy explains what we do.", "Staff must act.")
    assert build_draft(opening, "x", ()).title == "Anti-bullying Policy for Staff and Parents"
    header = build_draft(doc("This policy explains what we do.", "Staff must act.", dropped=("Oak School – Behaviour Policy",)), "x", ())
    assert (header.title, header.title_check) == ("Oak School – Behaviour Policy", "title taken from the page header; check it")
    named = build_draft(doc("Introduction", "Staff must act."), "x", ())
    assert named.title == "Behaviour Policy 2024" and named.title_check is not None
