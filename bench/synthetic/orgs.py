"""The organisation.yml of the synthetic trust and of each of its schools: names, contacts, people and groups."""

from __future__ import annotations

import random
from typing import Any

from synthetic.names import PEOPLE_ROLES, PLACE_ENDS, PLACE_STARTS, SCHOOL_KINDS, TRUST_ID, TRUST_NAME, person_name, slug


def school_org(rng: random.Random, school_id: str, name: str) -> dict[str, Any]:
    people = []
    for role, title in PEOPLE_ROLES:
        name_ = person_name(rng)
        person = {"id": f"{slug(name_.split(' ', 1)[1])}-{role}", "name": name_, "role": role}
        if title:
            person["title"] = title
        people.append(person)
    team = [people[0]["id"], people[3]["id"], people[4]["id"]]
    domain = school_id.replace("-", "") + ".sch.uk"
    return {
        "id": school_id,
        "name": name,
        "short_name": name.replace(" Church of England", "").replace(" Primary School", " School"),
        "kind": "school",
        "trust": {"id": TRUST_ID},
        "website": f"https://www.{domain}/",
        "welcome": f"Welcome to the policies of {name}, part of {TRUST_NAME}. Ask the school office if you need a policy in another format.",
        "contact": {
            "email": f"office@{domain}",
            "phone": f"01{rng.randint(200, 999)} {rng.randint(100000, 999999)}",
            "address": f"{rng.randint(1, 120)} School Lane, {name.split()[0]} AB{rng.randint(1, 9)} {rng.randint(1, 9)}CD",
            "concerns": "Please speak to your child's class teacher first. If that does not settle it, contact the school office.",
        },
        "people": people,
        "groups": [{"id": "e-safety-team", "title": "E-safety team", "members": team}],
    }


def trust_org(rng: random.Random, schools: list[tuple[str, str]]) -> tuple[dict[str, Any], str, str]:
    ceo, chair = person_name(rng), person_name(rng)
    org = {
        "id": TRUST_ID,
        "name": TRUST_NAME,
        "short_name": "Northgate",
        "kind": "trust",
        "website": "https://www.northgate-trust.org.uk/",
        "welcome": f"The policies that {TRUST_NAME} sets for all its schools.",
        "contact": {"email": "office@northgate-trust.org.uk", "phone": "01632 960000"},
        "schools": [{"name": name, "id": sid} for sid, name in schools],
        "people": [
            {"id": slug(ceo.split(" ", 1)[1]) + "-ceo", "name": ceo, "role": "chief-executive", "title": "Chief Executive Officer"},
            {"id": slug(chair.split(" ", 1)[1]) + "-chair", "name": chair, "role": "chair-of-trustees", "title": "Chair of Trustees"},
        ],
    }
    return org, ceo, chair


def school_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    places = [a + b for a in PLACE_STARTS for b in PLACE_ENDS]
    chosen = rng.sample(places, n) if n <= len(places) else [f"{p}{i}" for i, p in enumerate(places * (n // len(places) + 1))][:n]
    out = []
    for place in chosen:
        key, kind = rng.choice(SCHOOL_KINDS)
        out.append((f"{slug(place)}-{key}", f"{place} {kind}"))
    return sorted(out)
