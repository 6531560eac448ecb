"""The synthetic trust's names: the trust, its policies' titles, places, kinds of school, people and roles."""

from __future__ import annotations

import random
import re

TRUST_ID = "northgate-learning-trust"
TRUST_NAME = "Northgate Learning Trust"
# The trust policy that only ~10% of schools use: an edit to it rebuilds few sites.
RARE_POLICY = "remote-learning"

# (id, title, statutory) of the trust's policies, in the order they are taken.
TRUST_POLICIES = [
    ("online-safety", "Online Safety Policy", True),
    ("social-media", "Social Media Policy", False),
    ("safeguarding", "Safeguarding and Child Protection Policy", True),
    ("behaviour", "Behaviour Policy", True),
    ("anti-bullying", "Anti-bullying Policy", False),
    ("attendance", "Attendance Policy", True),
    ("acceptable-use", "Acceptable Use Policy", False),
    ("data-protection", "Data Protection Policy", True),
    ("mobile-phones", "Mobile Phones and Smart Watches Policy", False),
    ("photos-and-videos", "Photographs and Videos Policy", False),
    ("remote-learning", "Remote Learning Policy", False),
    ("staff-code-of-conduct", "Staff Code of Conduct", True),
    ("whistleblowing", "Whistleblowing Policy", False),
    ("complaints", "Complaints Procedure", True),
    ("equality", "Equality and Diversity Policy", True),
    ("send", "Special Educational Needs and Disabilities Policy", True),
    ("health-and-safety", "Health and Safety Policy", True),
    ("first-aid", "First Aid Policy", False),
    ("medical-conditions", "Supporting Pupils with Medical Conditions Policy", True),
    ("educational-visits", "Educational Visits Policy", False),
    ("relationships-education", "Relationships and Sex Education Policy", True),
    ("charging-and-remissions", "Charging and Remissions Policy", True),
    ("allegations-against-staff", "Allegations Against Staff Policy", False),
    ("low-level-concerns", "Low-level Concerns Policy", False),
]
# A school's own policies are drawn from these.
SCHOOL_POLICIES = [
    ("homework", "Homework Policy"),
    ("uniform", "School Uniform Policy"),
    ("marking-and-feedback", "Marking and Feedback Policy"),
    ("early-years", "Early Years Foundation Stage Policy"),
    ("curriculum", "Curriculum Policy"),
    ("sun-safety", "Sun Safety Policy"),
    ("lettings", "Lettings Policy"),
    ("intimate-care", "Intimate Care Policy"),
    ("visitors-and-volunteers", "Visitors and Volunteers Policy"),
    ("school-meals", "School Meals and Packed Lunches Policy"),
    ("music-lessons", "Instrumental Music Lessons Policy"),
    ("breakfast-club", "Breakfast and After-school Club Policy"),
    ("forest-school", "Forest School Policy"),
    ("collective-worship", "Collective Worship Policy"),
    ("pets-in-school", "Animals in School Policy"),
    ("swimming", "Swimming Lessons Policy"),
]

PLACE_STARTS = "Ash Beech Brook Cherry Elm Fern Hazel Holly Kings Maple Oak Willow Stan Hart Lang Brad Ather Mill Church Thorn".split()
PLACE_ENDS = "field ley ton bury wood ford brook hill gate well".split()
SCHOOL_KINDS = [
    ("primary", "Primary School"),
    ("ce-primary", "Church of England Primary School"),
    ("academy", "Primary Academy"),
    ("junior", "Junior School"),
    ("infant", "Infant School"),
    ("catholic-primary", "Catholic Primary School"),
]
FIRST = {
    "f": "Amelia Chloe Emma Grace Isla Kate Megan Nadia Priya Rachel Uma Zoe".split(),
    "m": "Ben Daniel Faisal Harry Jack Liam Oliver Sam Tom Vikram".split(),
}
LAST = "Ahmed Baker Clarke Davies Evans Fletcher Green Hughes Iqbal Jones Khan Lewis Morgan Nolan Owen Patel Reid Singh Taylor Walsh Wright Young".split()
HONORIFICS = {"f": ["Mrs", "Ms", "Miss", "Dr"], "m": ["Mr", "Mr", "Dr"]}

ACCOUNT_PLATFORMS = [("Facebook", "https://www.facebook.com/{id}"), ("X (Twitter)", "@{id}"), ("Instagram", "@{id}.school"), ("YouTube", "https://www.youtube.com/@{id}")]
PEOPLE_ROLES = [
    ("head-teacher", None),
    ("dsl", None),
    ("chair-of-governors", None),
    ("e-safety-lead", "Online safety lead"),
    ("computing-coordinator", None),
]


def slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def person_name(rng: random.Random) -> str:
    sex = rng.choice("fm")
    return f"{rng.choice(HONORIFICS[sex])} {rng.choice(FIRST[sex])} {rng.choice(LAST)}"
