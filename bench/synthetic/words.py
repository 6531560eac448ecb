"""The words a synthetic policy is made of: sections, subjects, verbs, objects, plain versions, terms, steps, statutes."""

from __future__ import annotations

AUDIENCE_ORDER = ("staff", "pupils", "parents", "governors")

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
