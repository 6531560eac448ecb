"""The words shown for audiences and clause strengths, and the order audiences and strengths are shown in."""

from __future__ import annotations

from generator.sources.model.common import Audience, Strength

AUDIENCES = [Audience.parents, Audience.pupils, Audience.staff, Audience.governors]
AUDIENCE_LABELS = {
    Audience.staff: "Staff",
    Audience.pupils: "Pupils",
    Audience.parents: "Parents and carers",
    Audience.governors: "Governors",
}
# How a setting names the children it teaches: the pupils' page is theirs whatever its word.
PUPILS_BY_SETTING = {"nursery": "Children", "secondary": "Students", "college": "Students"}
STRENGTH_LABELS = {
    Strength.must: "Must",
    Strength.must_not: "Must not",
    Strength.should: "Should",
    Strength.should_not: "Should not",
    Strength.may: "May",
    Strength.info: "Information",
}
STRENGTH_ORDER = list(STRENGTH_LABELS)
# The same strengths said to the reader a rule binds, as parents' pages say them: words, not labels.
STRENGTH_FOR_YOU = {
    Strength.must: "You must",
    Strength.must_not: "You must not",
    Strength.should: "Please",
    Strength.should_not: "Please do not",
    Strength.may: "You may",
    Strength.info: "Good to know",
}


def audience_label(value: str, setting: str = "primary") -> str:
    if value == Audience.pupils.value:
        return PUPILS_BY_SETTING.get(setting, AUDIENCE_LABELS[Audience.pupils])
    return AUDIENCE_LABELS[Audience(value)]


def strength_label(value: str) -> str:
    return STRENGTH_LABELS[Strength(value)]


def strength_for_you(value: str) -> str:
    """The strength as the rule's own reader is told it: "You must not", "Please"."""
    return STRENGTH_FOR_YOU[Strength(value)]
