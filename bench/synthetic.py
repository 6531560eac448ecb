"""A synthetic multi-academy trust for benchmarks: a trust, its schools, their policies and overlays.

Deterministic: everything comes from one random.Random(seed) (no clock, no hash order), so the
same arguments always write the same files. `write_trust(root, schools=50)` writes a realistic
large trust into root (a policy_sources folder):

- <trust>/organisation.yml and <trust>/policies/*.yml: the trust's policies (24 of 30), each of
  `clauses` clauses over 5 to 8 sections, with placeholders ({{ role.dsl }}...), sections and
  clauses open to local change, history, review dates (a few overdue, a few due soon), `see:`
  references, procedures, and one SMART guide;
- <school>/organisation.yml with the people and group the trust's placeholders name;
- <school>/overlays/<policy>.yml for most trust policies (one trust policy is used by only ~10%
  of schools), each with a few local changes (values, add, replace, remove, school_accounts);
- <school>/policies/*.yml: the school's own policies up to `policies` in all, a few with two
  archived ratified versions (written exactly as `policy-site ratify` writes them), one draft
  in some schools, and in some schools one policy changed since it was ratified.

Run it alone to write a trust and print what it wrote: `python bench/synthetic.py DIR [SCHOOLS]`.
"""

from __future__ import annotations

import copy
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.sources.archive import archive_path, archive_text, fingerprint, frozen_content  # noqa: E402
from generator.sources.model.history import Event  # noqa: E402
from generator.sources.model.organisation import Organisation  # noqa: E402
from generator.sources.model.policy import Clause, Policy  # noqa: E402
from generator.sources.placeholders import Placeholders  # noqa: E402

BUILD_DATE = "2026-11-21"
POLICY_SCHEMA = "# yaml-language-server: $schema=../../../schema/policy.schema.json\n"
OVERLAY_SCHEMA = "# yaml-language-server: $schema=../../../schema/overlay.schema.json\n"
ORG_SCHEMA = "# yaml-language-server: $schema=../../schema/organisation.schema.json\n"
AUDIENCE_ORDER = ("staff", "pupils", "parents", "governors")

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

# Sections: (id, title, topics, audiences most of its clauses concern).
SECTIONS = [
    ("definitions", "What the words mean", ["definitions"], ["staff", "governors"]),
    ("roles-and-responsibilities", "Roles and responsibilities", ["responsibilities"], ["governors", "staff"]),
    ("expectations-of-staff", "Expectations of staff", ["personal-use", "contact-with-pupils", "contact-with-parents", "privacy-and-security"], ["staff"]),
    ("expectations-of-pupils", "Expectations of pupils", ["phones-and-devices", "cyberbullying", "age-limits"], ["pupils"]),
    ("working-with-parents", "Working with parents and carers", ["contact-with-parents", "school-accounts"], ["parents"]),
    ("photos-and-videos", "Photographs and videos", ["photos-and-images"], ["staff", "parents"]),
    ("technology", "Technology, filtering and monitoring", ["filtering", "monitoring", "privacy-and-security"], ["staff", "governors"]),
    ("teaching-and-training", "Teaching and training", ["online-safety-education", "training"], ["staff", "pupils"]),
    ("reporting-concerns", "Reporting and responding to concerns", ["reporting", "raising-concerns"], ["staff", "parents", "pupils"]),
    ("breaches", "Breaches of this policy", ["breaches", "sexting", "radicalisation"], ["staff", "governors"]),
    ("equality-and-inclusion", "Equality and inclusion", ["equality", "media"], ["governors", "parents"]),
]
FIRST_SECTION = ("purpose-and-scope", "Purpose and scope", ["scope"], ["governors", "staff", "parents"])
LAST_SECTION = ("monitoring-and-review", "Monitoring and review", ["general"], ["governors"])

SUBJECTS = {
    "staff": [("staff", "Staff"), ("all-staff", "All staff"), ("teachers", "Teachers and teaching assistants"), ("supply-staff", "Supply staff and volunteers")],
    "pupils": [("pupils", "Pupils"), ("children", "Children"), ("older-pupils", "Pupils in Years 5 and 6")],
    "parents": [("parents", "Parents and carers"), ("families", "Families"), ("visitors", "Parents and visitors")],
    "governors": [("governors", "Governors"), ("governing-body", "The governing body"), ("chair", "The chair of governors, {{ role.chair-of-governors }},")],
}
SCHOOL_SUBJECTS = [
    ("school", "The school"),
    ("named-school", "{{ school.name }}"),
    ("head", "The head teacher, {{ role.head-teacher }},"),
    ("dsl", "The Designated Safeguarding Lead, {{ role.dsl }},"),
    ("team", "The e-safety team ({{ group.e-safety-team }})"),
]
VERBS = [
    ("report", "report any concern about"),
    ("protect", "protect the privacy of"),
    ("use", "use"),
    ("share", "share"),
    ("check", "check the settings of"),
    ("record", "keep a written record of"),
    ("discuss", "talk openly about"),
    ("store", "store"),
    ("follow", "follow the agreed rules for"),
    ("explain", "explain the expectations around"),
    ("avoid", "avoid unnecessary contact through"),
    ("ask", "ask for permission before using"),
    ("review", "regularly review"),
    ("delete", "delete"),
    ("respond", "respond promptly to"),
]
INFO_VERBS = [
    ("monitors", "monitors"),
    ("trains", "provides regular training on"),
    ("publishes", "publishes clear guidance about"),
    ("reviews", "reviews every year"),
    ("keeps", "keeps a record of"),
    ("explains", "explains to new families"),
]
OBJECTS = [
    ("email", "school email accounts"),
    ("platform", "the school's learning platform"),
    ("phones", "personal mobile phones"),
    ("social-media", "social media platforms"),
    ("photos", "photographs and videos taken during lessons"),
    ("messages", "messages from parents and carers"),
    ("concerns", "concerns raised by pupils"),
    ("games", "online games and chat rooms"),
    ("website", "the school website"),
    ("cloud", "cloud storage services"),
    ("blogs", "class blogs and newsletters"),
    ("trips", "school trips and residential visits"),
    ("data", "sensitive personal data"),
    ("homework", "homework set online"),
    ("passwords", "passwords and login details"),
    ("tablets", "school tablets and laptops"),
]
EXTENSIONS = [
    "during the school day",
    "at all times",
    "both in school and at home",
    "unless the head teacher has given written permission",
    "so that pupils are kept safe from harm",
    "in line with the trust's data protection procedures",
    "and keep a note of what was done and when",
    "within one working day",
    "even when the contact appears to be harmless",
    "so that any concern can be followed up quickly",
    "as set out in Keeping Children Safe in Education",
    "whether or not the device belongs to the school",
    "taking account of the age and needs of the pupils involved",
    "following the guidance given in staff training each September",
    "and with the same care they would take in the classroom",
    "on school premises and on visits away from school",
]
FOLLOW_UPS = [
    "This applies during the school day and on school trips.",
    "Any breach will be taken seriously and recorded.",
    "{{ role.head-teacher }} will decide what happens next.",
    "Concerns should be passed to the Designated Safeguarding Lead, {{ role.dsl }}.",
    "Advice is available from the e-safety team ({{ group.e-safety-team }}).",
    "The same rules apply to pupils who join the school part-way through the year.",
    "See [Keeping Children Safe in Education](https://www.gov.uk/government/publications/keeping-children-safe-in-education--2) for the statutory guidance.",
    "{{ trust.name }} reviews how this works across its schools every year.",
    "If in doubt, ask before acting rather than after.",
]
PUPIL_DOS = [
    "tell a grown-up if something online upsets me",
    "only use school tablets when a teacher says I can",
    "keep my passwords secret",
    "be kind to other people online",
    "ask before I take a photo of someone",
    "hand my phone in when I arrive at school",
    "tell my teacher if someone is unkind to me",
    "only talk to people I know in real life",
]
PUPIL_DONTS = [
    "share my address or school online",
    "open messages from people I do not know",
    "post photos of other children",
    "use my phone during lessons",
    "join in if someone is being unkind online",
]
PARENT_LINES = [
    "Please do not post photos of other people's children online.",
    "Staff will not accept friend requests from you on social media.",
    "We will tell you straight away if we are worried about your child.",
    "Please talk to your child about who they talk to online.",
    "If you are worried, please tell the Designated Safeguarding Lead, {{ role.dsl }}.",
    "You can ask the school office for a paper copy of anything we send online.",
    "We only use photos of your child if you have said we may.",
    "Please keep your phone away while you are in school with the children.",
    "We check the school's computers and tablets to keep children safe.",
]
TERMS = [
    ("social media", "any website or app where people share messages, photos or videos with others"),
    ("personal data", "any information that could identify a living person, such as a name or a photograph"),
    ("cyberbullying", "bullying that happens online or through phones, games or messages"),
    ("staff", "everyone who works in the school, paid or unpaid, including supply staff and volunteers"),
    ("device", "any phone, tablet, laptop, smart watch or other equipment that can go online"),
    ("parents", "parents, carers and anyone with parental responsibility for a pupil"),
]
STEPS = [
    "Stay calm and listen without asking leading questions.",
    "Write down what was said, in the pupil's own words, with the time and date.",
    "Do not look through the rest of the device or forward any images.",
    "Tell the Designated Safeguarding Lead, {{ role.dsl }}, the same day.",
    "Save the evidence: screen prints, the time and the date.",
    "Record the incident on the school's safeguarding system.",
    "Agree with the head teacher who will contact the pupil's parents.",
]
STATUTES = [
    ("Keeping Children Safe in Education", "2024"),
    ("Working Together to Safeguard Children", "2023"),
    ("Data Protection Act", "2018"),
    ("Education and Inspections Act", "2006"),
    ("Equality Act", "2010"),
    ("Teaching Online Safety in Schools", "2023"),
]
ACCOUNT_PLATFORMS = [("Facebook", "https://www.facebook.com/{id}"), ("X (Twitter)", "@{id}"), ("Instagram", "@{id}.school"), ("YouTube", "https://www.youtube.com/@{id}")]
PEOPLE_ROLES = [
    ("head-teacher", None),
    ("dsl", None),
    ("chair-of-governors", None),
    ("e-safety-lead", "Online safety lead"),
    ("computing-coordinator", None),
]


@dataclass
class Edit:
    """A clause whose text a benchmark changes: the file it is in and the clause's id."""

    path: Path
    clause: str
    org: str
    policy: str


@dataclass
class SyntheticTrust:
    root: Path
    trust_id: str
    school_ids: list[str]
    policies_per_school: int
    clauses_per_policy: int
    rare_policy: str
    rare_schools: list[str]
    school_edit: Edit
    trust_edit: Edit
    files: int = 0
    archives: int = 0
    overlays: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def orgs(self) -> list[str]:
        return sorted([self.trust_id, *self.school_ids])


def slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def dump(path: Path, data: Any, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def person_name(rng: random.Random) -> str:
    sex = rng.choice("fm")
    return f"{rng.choice(HONORIFICS[sex])} {rng.choice(FIRST[sex])} {rng.choice(LAST)}"


def day_in(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> str:
    return f"{year}-{rng.randint(*months):02d}-{rng.randint(1, 28):02d}"


class Writer:
    """Makes the policy text; one instance per trust, all randomness from its rng."""

    def __init__(self, rng: random.Random, clauses: int) -> None:
        self.rng = rng
        self.clauses = clauses

    def sentence(self, strength: str, audience: str) -> tuple[str, str, str]:
        """(text, id stem, summary) for one clause: 15 to 60 words, English enough to read."""
        rng = self.rng
        target = rng.randint(15, 60)
        obj_key, obj = rng.choice(OBJECTS)
        if strength == "info":
            subj_key, subject = rng.choice(SCHOOL_SUBJECTS)
            verb_key, verb = rng.choice(INFO_VERBS)
            modal = ""
        else:
            subj_key, subject = rng.choice(SUBJECTS[audience] + SCHOOL_SUBJECTS[:1])
            verb_key, verb = rng.choice(VERBS)
            modal = {"must": "must", "must-not": "must not", "should": "should", "should-not": "should not", "may": "may"}[strength]
            if strength in ("must", "must-not") and rng.random() < 0.3:
                modal = f"**{modal}**"
            if subj_key in ("school",) and strength != "may":
                modal = modal.replace("must not", "will not").replace("must", "will")
        words = [subject] + ([modal] if modal else []) + [verb, obj]
        text = " ".join(words)
        extensions = rng.sample(EXTENSIONS, len(EXTENSIONS))
        while len(text.split()) < min(target, 34) and extensions:
            text += " " + extensions.pop()
        text += "."
        while len(text.split()) < target:
            text += " " + rng.choice(FOLLOW_UPS)
        summary = f"{'Never ' + verb if strength in ('must-not', 'should-not') else verb[:1].upper() + verb[1:]} {obj}."
        return text, f"{subj_key}-{verb_key}-{obj_key}", summary

    def clause(self, topic: str, primary: str, used: set[str], id_prefix: str = "") -> dict[str, Any]:
        rng = self.rng
        if topic == "definitions" and rng.random() < 0.7:
            term, meaning = rng.choice(TERMS)
            text, stem, summary = f"In this policy, **{term}** means {meaning}.", f"definition-{slug(term)}", ""
            strength = "info"
        else:
            strength = rng.choices(["must", "must-not", "should", "should-not", "may", "info"], [30, 20, 20, 5, 10, 15])[0]
            text, stem, summary = self.sentence(strength, primary)
            term = None
        others = [a for a in AUDIENCE_ORDER if a != primary]
        audiences = {primary, *rng.sample(others, rng.choice([0, 0, 1, 1, 2]))}
        ident = (id_prefix + stem)[:72]
        base, n = ident, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        clause: dict[str, Any] = {"id": ident}
        if term:
            clause["term"] = term
        clause["text"] = text
        if rng.random() < 0.08:
            clause["items"] = [o for _, o in rng.sample(OBJECTS, 3)]
        clause["strength"] = strength
        clause["audiences"] = [a for a in AUDIENCE_ORDER if a in audiences]
        clause["topic"] = topic
        if "staff" in audiences and strength in ("must", "must-not", "should", "should-not") and summary:
            clause["summary"] = summary
        plain = {}
        if "pupils" in audiences:
            dont = strength in ("must-not", "should-not")
            plain["pupils"] = f"I will {'not ' + rng.choice(PUPIL_DONTS) if dont else rng.choice(PUPIL_DOS)}."
        if "parents" in audiences:
            plain["parents"] = " ".join(rng.sample(PARENT_LINES, rng.choice([1, 1, 2])))
        if plain:
            clause["plain"] = plain
        if strength in ("must", "must-not") and rng.random() < 0.25:
            clause["consequence"] = rng.choice(["This may lead to disciplinary action.", "Breaches are recorded and reported to governors."])
        if rng.random() < 0.08:
            title = rng.choice(TRUST_POLICIES)[1]
            clause["see"] = [{"name": title}]
        return clause

    def policy(self, policy_id: str, title: str, trust: bool, sections: int | None = None) -> dict[str, Any]:
        rng = self.rng
        count = sections or rng.randint(5, 8)
        chosen = [FIRST_SECTION, *rng.sample(SECTIONS, count - 2), LAST_SECTION]
        per = [self.clauses // count + (1 if i < self.clauses % count else 0) for i in range(count)]
        used: set[str] = set()
        open_sections = {s[0] for s in rng.sample(chosen[1:-1], rng.choice([1, 2]))} if trust else set()
        out_sections = []
        for number, ((sid, stitle, topics, audiences), n) in enumerate(zip(chosen, per, strict=True), 1):
            used.add(sid)
            section: dict[str, Any] = {"id": sid, "number": str(number), "title": stitle}
            if rng.random() < 0.3:
                section["intro"] = f"This part of the policy explains how {stitle.lower()} work at {{{{ school.name }}}}."
            clauses = []
            for c in range(n):
                clause = self.clause(rng.choice(topics), rng.choice(audiences), used)
                clause = {"id": clause["id"], "number": f"{number}.{c + 1}", **{k: v for k, v in clause.items() if k != "id"}}
                if trust and sid not in open_sections and rng.random() < 0.1:
                    clause["open_to_local"] = True
                clauses.append(clause)
            section["clauses"] = clauses
            if sid in open_sections:
                section["open_to_local"] = True
            out_sections.append(section)
        data: dict[str, Any] = {"id": policy_id, "title": title, "summary": f"How {{{{ school.short_name }}}} approaches {title.lower().removesuffix(' policy')}."}
        data["intro"] = (
            f"{{{{ school.name }}}} is committed to keeping every pupil safe and treating every member of our community fairly. "
            f"This {title.lower()} sets out what we expect of staff, pupils, parents and governors."
        )
        data["sections"] = out_sections
        locked = [c["id"] for s in out_sections if not s.get("open_to_local") for c in s["clauses"] if not c.get("open_to_local")]
        if rng.random() < 0.35 and len(locked) >= 2:
            procedures = []
            for p in range(rng.choice([1, 2])):
                steps = [{"text": t} for t in rng.sample(STEPS, rng.randint(3, 5))]
                for step in rng.sample(steps, 2):
                    step["clause"] = rng.choice(locked)
                procedures.append(
                    {"id": f"{policy_id}-incident-{p + 1}", "title": f"What to do: {title.lower()} incident {p + 1}", "audiences": ["staff"], "steps": steps}
                )
            data["procedures"] = procedures
        data["statutory_references"] = [{"name": n, "year": y} for n, y in rng.sample(STATUTES, rng.randint(1, 3))]
        data["related_policies"] = [{"name": t} for _, t, _ in rng.sample(TRUST_POLICIES, 2) if t != title]
        data["closing"] = "This policy was written with staff, governors and parents and is reviewed regularly."
        return data


def smart_guide() -> dict[str, Any]:
    return {
        "number": "9.1",
        "title": "Be SMART online",
        "intro": "We teach every pupil to take a SMART approach online:",
        "safe": {
            "text": "Do not give out personal information or post photos of yourself to people you talk to online.",
            "pupils": "I keep my name, address and photos private.",
        },
        "meeting": {"text": "Never meet somebody you have only met online.", "pupils": "I will never meet someone I only know online."},
        "accepting": {"text": "Only open emails and messages from people you already know.", "pupils": "I only open messages from people I know."},
        "reliable": {"text": "We teach pupils that not everything online is true.", "pupils": "I know that not everything I see online is true."},
        "tell": {"text": "Tell a trusted adult about anything online that worries you.", "pupils": "If something online worries me, I tell a grown-up I trust."},
    }


def review_next(rng: random.Random) -> str:
    """Mostly in date, some due within 60 days of the build date (2026-11-21), some overdue.
    Every ratification here is in 2025 or before, so each date is after the last one."""
    kind = rng.choices(["overdue", "soon", "in-date"], [10, 10, 80])[0]
    if kind == "overdue":
        return f"2026-{rng.randint(3, 10):02d}"
    if kind == "soon":
        return rng.choice(["2026-12", "2027-01-05", "2027-01-12", "2026-12-15"])
    return f"{rng.randint(2027, 2028)}-{rng.randint(3, 12):02d}"


def trust_history(rng: random.Random, chair: str, ceo: str) -> list[dict[str, Any]]:
    signatories = [{"role": "Chair of Trustees", "name": chair}, {"role": "Chief Executive Officer", "name": ceo}]

    def ratified(year: int, months: tuple[int, int], version: str) -> dict[str, Any]:
        minute = f"TB {year % 100}/{rng.randint(10, 99)}"
        return {"event": "ratified", "date": day_in(rng, year, months), "version": version, "body": "Trust Board", "minute": minute, "signatories": signatories}

    events: list[dict[str, Any]] = [{"event": "written", "date": f"2023-{rng.randint(1, 5):02d}", "by": ceo}, ratified(2023, (6, 7), "1")]
    if rng.random() < 0.5:
        events.append({"event": "reviewed", "date": f"2024-{rng.randint(9, 11):02d}", "by": "Trust safeguarding committee"})
        events.append(ratified(2025, (3, 7), "2"))
    return events


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


def fingerprint_of(clause: dict[str, Any]) -> str:
    from generator.sources.adoption import clause_fingerprint  # written with the overlay format (issue 5)

    return clause_fingerprint(Clause.model_validate(clause))


def overlay_for(rng: random.Random, writer: Writer, policy: dict[str, Any], school: dict[str, Any]) -> dict[str, Any]:
    """A school's local changes to one trust policy: a few, as a real school makes."""
    data: dict[str, Any] = {}
    if rng.random() < 0.3:
        data["values"] = {"school.phone": school["contact"]["phone"].replace(" ", " 0", 1)} if rng.random() < 0.5 else {"role.dsl": person_name(rng)}
    if policy["id"] in ("social-media", "online-safety", "photos-and-videos"):
        sid = school["id"]
        data["school_accounts"] = [
            {"platform": p, "address": a.format(id=sid.split("-")[0]), "purpose": "News, celebrations and reminders for families."}
            for p, a in rng.sample(ACCOUNT_PLATFORMS, 2)
        ]
    sections = policy["sections"]
    open_sections = [s for s in sections if s.get("open_to_local")]
    open_clauses = [c for s in sections for c in s["clauses"] if c.get("open_to_local") or s.get("open_to_local")]
    rng.shuffle(open_clauses)
    removed: set[str] = set()
    if open_clauses and rng.random() < 0.4:
        clause = open_clauses.pop()
        removed.add(clause["id"])
        data["remove"] = [{"clause": clause["id"], "based_on": fingerprint_of(clause), "reason": "We do not offer this at our school."}]
    if open_clauses and rng.random() < 0.5:
        clause = open_clauses.pop()
        new_text = clause["text"].rstrip(".") + f", and at {school['short_name']} this is checked by the class teacher each week."
        data["replace"] = [{"clause": clause["id"], "based_on": fingerprint_of(clause), "with": {"text": new_text}}]
    adds = []
    if open_sections:
        used = {c["id"] for s in sections for c in s["clauses"]} | {s["id"] for s in sections}
        for k in range(rng.choice([1, 2])):
            section = rng.choice(open_sections)
            topics = next((t for sid, _, t, _ in SECTIONS if sid == section["id"]), ["general"])
            audiences = next((a for sid, _, _, a in SECTIONS if sid == section["id"]), ["staff"])
            clause = writer.clause(rng.choice(topics), rng.choice(audiences), used, id_prefix=f"local-{k + 1}-")
            add: dict[str, Any] = {"section": section["id"]}
            after = [c["id"] for c in section["clauses"] if c["id"] not in removed]
            if after and rng.random() < 0.5:
                add["after"] = rng.choice(after)
            add["clause"] = clause
            adds.append(add)
    if adds:
        data["add"] = adds
    if rng.random() < 0.5:
        data["history"] = [
            {"event": "adopted", "date": day_in(rng, 2025, (9, 10)), "version": "1", "body": "Local Governing Body", "signatories": [{"role": "Chair of Governors"}]}
        ]
        data["review"] = {"next": review_next(rng)}
    return data


def school_policy(rng: random.Random, writer: Writer, pid: str, title: str, org: dict[str, Any], kind: str, trust_name: str, root: Path) -> tuple[dict[str, Any], int]:
    """One of a school's own policies; kind is 'plain', 'versions' (two archived versions),
    'changed' (one archived version, text changed since) or 'draft'. Returns (data, archives written)."""
    data = writer.policy(pid, title, trust=False)
    head = next(p["name"] for p in org["people"] if p["role"] == "head-teacher")
    chair = next(p["name"] for p in org["people"] if p["role"] == "chair-of-governors")
    signatories = [{"role": "Head teacher", "name": head}, {"role": "Chair of Governors", "name": chair}]
    history: list[dict[str, Any]] = [{"event": "written", "date": f"2023-{rng.randint(1, 6):02d}", "by": head}]
    if kind == "draft":
        data = {**data, "draft": True}
        data["history"] = history
        return data, 0
    v1_event = {"event": "ratified", "date": day_in(rng, 2023, (7, 9)), "version": "1", "body": "Full Governing Body", "minute": f"FGB 23/{rng.randint(10, 99)}"}
    v1_event["signatories"] = signatories
    archives: list[tuple[dict[str, Any], dict[str, Any]]] = []
    if kind in ("versions", "changed"):
        older = copy.deepcopy(data)
        clauses = [c for s in older["sections"] for c in s["clauses"]]
        for clause in rng.sample(clauses, 2):
            words = clause["text"].split(" ")
            words.insert(len(words) // 2, rng.choice(["normally", "always", "where possible"]))
            clause["text"] = " ".join(words)
        if kind == "versions":
            # Version 2 added a clause: take it out of version 1 (one no procedure step points to,
            # as version 1 was valid too).
            steps = {step.get("clause") for p in older.get("procedures", []) for step in p["steps"]}
            section = max(older["sections"], key=lambda s: len(s["clauses"]))
            section["clauses"].remove(next(c for c in reversed(section["clauses"]) if c["id"] not in steps))
        archives.append((older, v1_event))
    history.append(v1_event)
    if kind == "versions":
        v2_event = {
            "event": "ratified",
            "date": day_in(rng, 2025, (2, 6)),
            "version": "2",
            "body": "Full Governing Body",
            "minute": f"FGB 25/{rng.randint(10, 99)}",
            "signatories": signatories,
            "changes": {"staff": "One new rule and two rules reworded.", "governors": "Reviewed on schedule; small changes."},
        }
        history.append(v2_event)
        archives.append((data, v2_event))
    data["history"] = history
    data["review"] = {"next": review_next(rng), "by": "the Full Governing Body"}
    if rng.random() < 0.2:
        data["statutory"] = True
    model_org = Organisation.model_validate(org)
    fill = Placeholders(model_org, trust_name).fill
    for content_data, event_data in archives:
        event = Event.model_validate(event_data)
        content = frozen_content(Policy.model_validate({**content_data, "id": pid}), fill)
        # Exactly as `policy-site ratify` records it: the archived event, with the archive's fingerprint.
        for i, recorded in enumerate(data["history"]):
            if recorded is event_data:
                data["history"][i] = {**event.model_dump(mode="json", exclude_defaults=True), "archive": fingerprint(content)}
        path = archive_path(root / org["id"], pid, event.version or "")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(archive_text(org["name"], pid, event, content), encoding="utf-8")
    return data, len(archives)


def write_trust(root: Path, schools: int, policies: int = 30, clauses: int = 40, seed: int = 5) -> SyntheticTrust:
    """Write a synthetic trust of `schools` schools into root (a policy_sources folder)."""
    rng = random.Random(seed)
    writer = Writer(rng, clauses)
    root.mkdir(parents=True, exist_ok=True)
    names = school_names(rng, schools)
    trust, ceo, chair = trust_org(rng, names)
    dump(root / TRUST_ID / "organisation.yml", trust, ORG_SCHEMA)
    files = 1
    n_trust = min(len(TRUST_POLICIES), max(2, round(policies * 0.8)))
    trust_policies: dict[str, dict[str, Any]] = {}
    for pid, title, statutory in TRUST_POLICIES[:n_trust]:
        data = writer.policy(pid, title, trust=True)
        history = trust_history(rng, chair, ceo)
        data = {"id": pid, "title": title, "summary": data["summary"], "statutory": statutory, "intro": data["intro"], "history": history, **data}
        data["review"] = {"next": review_next(rng), "by": "the Trust Board"}
        if pid == "online-safety":
            data["smart"] = smart_guide()
        if pid == "social-media":
            data["school_accounts"] = [
                {"platform": "LinkedIn", "address": "https://www.linkedin.com/company/northgate-learning-trust", "purpose": "Trust news and jobs."}
            ]
        trust_policies[pid] = data
        dump(root / TRUST_ID / "policies" / f"{pid}.yml", data, POLICY_SCHEMA)
        files += 1
    rare = RARE_POLICY if RARE_POLICY in trust_policies else sorted(trust_policies)[-1]
    school_ids = [sid for sid, _ in names]
    rare_schools = sorted(rng.sample(school_ids, max(1, round(schools * 0.1))))
    result_archives = overlays = 0
    own_edit: Edit | None = None
    for index, (sid, name) in enumerate(names):
        org = school_org(rng, sid, name)
        dump(root / sid / "organisation.yml", org, ORG_SCHEMA)
        files += 1
        adopted = [pid for pid in trust_policies if pid != rare or sid in rare_schools]
        for pid in adopted:
            dump(root / sid / "overlays" / f"{pid}.yml", overlay_for(rng, writer, trust_policies[pid], org), OVERLAY_SCHEMA)
            files += 1
            overlays += 1
        own_count = max(0, policies - len(adopted))
        own = rng.sample(SCHOOL_POLICIES, min(own_count, len(SCHOOL_POLICIES)))
        kinds = ["versions", "versions"] + (["changed"] if index % 5 == 0 else []) + (["draft"] if index % 4 == 2 else [])
        kinds += ["plain"] * max(0, len(own) - len(kinds))
        for (pid, title), kind in zip(sorted(own), kinds, strict=False):
            data, archived = school_policy(rng, writer, pid, title, org, kind, TRUST_NAME, root)
            dump(root / sid / "policies" / f"{pid}.yml", data, POLICY_SCHEMA)
            files += 1 + archived
            result_archives += archived
            if own_edit is None and kind == "plain" and index == len(names) // 2:
                clause = next(c["id"] for s in data["sections"][1:] for c in s["clauses"])
                own_edit = Edit(root / sid / "policies" / f"{pid}.yml", clause, sid, pid)
    if own_edit is None:  # too few policies for a plain one: edit the middle school's first overlay
        sid = names[len(names) // 2][0]
        pid = sorted(trust_policies)[0]
        own_edit = Edit(root / sid / "overlays" / f"{pid}.yml", "", sid, pid)
    policy = trust_policies[rare]
    locked = [c["id"] for s in policy["sections"] if not s.get("open_to_local") for c in s["clauses"] if not c.get("open_to_local")]
    trust_edit = Edit(root / TRUST_ID / "policies" / f"{rare}.yml", locked[len(locked) // 2], TRUST_ID, rare)
    return SyntheticTrust(
        root, TRUST_ID, school_ids, policies, clauses, rare, rare_schools, own_edit, trust_edit, files=files, archives=result_archives, overlays=overlays
    )


def edit_clause(edit: Edit, words: str = " Staff are reminded of this at the start of every term.") -> None:
    """Change one clause's text, as an admin would, leaving the rest of the file as it was."""
    text = edit.path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True)[:1] if line.startswith("#"))
    data = yaml.safe_load(text)
    if edit.clause:
        clause = next(c for s in data["sections"] for c in s["clauses"] if c["id"] == edit.clause)
        clause["text"] = clause["text"] + words
    else:
        data.setdefault("values", {})["school.phone"] = "01632 960999"
    dump(edit.path, data, header)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    trust = write_trust(target, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
    print(f"{len(trust.school_ids)} schools, {trust.files} files ({trust.overlays} overlays, {trust.archives} archives) in {target}")
    print(f"rare policy {trust.rare_policy} used by {', '.join(trust.rare_schools)}")
    print(f"school edit: {trust.school_edit}")
    print(f"trust edit: {trust.trust_edit}")
