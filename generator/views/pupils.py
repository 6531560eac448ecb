"""What the pupils' pages show beyond the rules: a policy's title and summary for a child, and whom a child can tell."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import Policy
from generator.sources.placeholders import role_title

_ROLE_WORDS = Path(__file__).parent / "pupil_roles.yml"


@cache
def role_words() -> dict[str, str]:
    """Each role key in a child's words, as pupil_roles.yml gives them."""
    data = yaml.safe_load(_ROLE_WORDS.read_text(encoding="utf-8"))
    return {str(role): str(words) for role, words in data.items()}


@dataclass(frozen=True)
class TrustedAdult:
    """One adult the organisation names for pupils to tell, as the pupils' page names them."""

    name: str
    role: str


def trusted_adults(org: Organisation) -> list[TrustedAdult]:
    """The organisation's trusted adults in the order it lists them (ids are checked at load)."""
    people = {person.id: person for person in org.people}
    adults = []
    for person_id in org.trusted_adults:
        person = people.get(person_id)
        if person is not None:
            adults.append(TrustedAdult(person.name, role_words().get(person.role) or role_title(person.role, person.title)))
    return adults


def pupils_title(policy: Policy) -> str:
    return policy.for_pupils.title if policy.for_pupils else policy.title


def pupils_summary(policy: Policy) -> str:
    return policy.for_pupils.summary if policy.for_pupils else policy.summary
