"""Version history as governors and parents use it: ratify, archive, compare, review status, feeds.

Every test drives the real CLI on a copy of a small fixture and reads the built HTML.
"""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest

from tests.helpers import make_project, read_page, run_cli, squash

FIXTURE = Path(__file__).parent / "fixtures" / "history"
TODAY = {"POLICY_SITE_DATE": "2026-11-21"}
POLICY = "policy_sources/maple/policies/online-safety.yml"
PAGES = "site/maple/policies/online-safety"


def cli(project: Path, *args: str) -> tuple[int, str]:
    result = run_cli(*args, cwd=project, env=TODAY)
    return result.returncode, result.stdout + result.stderr


def ratify(project: Path, *args: str) -> tuple[int, str]:
    return cli(project, "ratify", "online-safety", "--school", "maple", "--body", "Full Governing Body", *args)


def build(project: Path, date: str = "2026-11-21", *extra: str) -> str:
    code, out = cli(project, "build", "--date", date, *extra)
    assert code == 0, out
    return out


def edit(project: Path, old: str, new: str) -> None:
    path = project / POLICY
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def approve(project: Path) -> None:
    """Record an approval the way a school without version numbers writes it: no version, a month."""
    edit(project, "review:\n", 'history:\n  - event: approved\n    date: "2025-02"\n    body: Full Governing Body\nreview:\n')


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode) for p in sorted(folder.rglob("*")) if p.is_file()}


class Changes(HTMLParser):
    """The comparison page as data: for each audience, which clause ids appear under which change kinds."""

    def __init__(self) -> None:
        super().__init__()
        self.audience = ""
        self.by_audience: dict[str, dict[str, set[str]]] = {}
        self.kinds: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self._count: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("data-audience"):
            self.audience = a["data-audience"] or ""
            self.by_audience[self.audience] = {}
        if a.get("data-change") and a.get("data-clause"):
            change, clause = a["data-change"] or "", a["data-clause"] or ""
            primary = change.split()[0]
            self.by_audience[self.audience].setdefault(primary, set()).add(clause)
            self.kinds[clause] = change
        self._count = a.get("data-count")

    def handle_data(self, data: str) -> None:
        if self._count and data.strip():
            self.counts[self._count] = int(data.split()[0])
            self._count = None


def read_changes(path: Path) -> Changes:
    parser = Changes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, FIXTURE)


def ratify_twice(project: Path) -> None:
    """Version 1 as in the fixture; version 2 adds, removes, rewords and moves one clause each."""
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--next-review", "2027-01")
    assert code == 0, out
    edit(project, "Staff must not friend pupils on social media.", "Staff must not friend or follow pupils on social media.")
    # report-concerns moves, unchanged, from section 1 to the end of section 2.
    text = (project / POLICY).read_text(encoding="utf-8")
    moved = text[text.index("      - id: report-concerns") : text.index("  - id: families")]
    text = text.replace(moved, "")
    removed = text[text.index("      - id: no-photos") : text.index("      - id: tell-someone")]
    added = (
        '      - id: check-settings\n        number: "2.3"\n        text: Parents should check the privacy settings of their children\'s accounts.\n'
        "        strength: should\n        audiences: [parents]\n        plain:\n          parents: Check the privacy settings on your child's accounts.\n"
    )
    last = "          pupils: If something online upsets me, I will tell an adult.\n"
    text = text.replace(removed, "").replace(last, last + added + moved)
    (project / POLICY).write_text(text, encoding="utf-8")


def test_ratify_twice_then_compare_names_each_change(project: Path) -> None:
    ratify_twice(project)
    code, out = ratify(
        project, "--date", "2026-03-04", "--minute", "7.2", "--signed-by", "Chair of Governors: Mrs A Smith", "--note-staff", "Do not follow pupils either."
    )
    assert code == 1
    assert "--note-parents" in out and "--note-governors" in out and "--note-pupils" not in out and "Traceback" not in out
    code, out = ratify(
        project,
        "--date",
        "2026-03-04",
        "--minute",
        "7.2",
        "--signed-by",
        "Chair of Governors: Mrs A Smith",
        "--note-staff",
        "Do not follow pupils either.",
        "--note-parents",
        "New: check your child's privacy settings.",
        "--note-governors",
        "Reporting moved to the families section.",
    )
    assert code == 0, out
    assert "1 added, 1 removed, 1 reworded, 1 moved" in out
    edit(project, "statutory: true\n", "statutory: true\nversions_numbered_by_school: true\n")
    build(project)
    changes = read_changes(project / PAGES / "compare/1-to-2/index.html")
    assert changes.counts == {"added": 1, "removed": 1, "reworded": 1, "changed": 0, "moved": 1}
    assert changes.by_audience["staff"] == {"reworded": {"no-friending"}, "moved": {"report-concerns"}}
    assert changes.by_audience["parents"] == {"added": {"check-settings"}, "removed": {"no-photos"}}
    assert changes.by_audience["governors"] == {"moved": {"report-concerns"}}
    assert changes.by_audience["pupils"] == {}
    assert changes.kinds["report-concerns"] == "moved", "a clause that only moved is not reworded"
    html = (project / PAGES / "compare/1-to-2/index.html").read_text(encoding="utf-8")
    reworded = html[html.index('data-clause="no-friending"') :].split("</div>")[0]
    assert re.findall(r"<ins>(.*?)</ins>", reworded) == ['<span class="ps-sr">added: </span>or follow']
    assert "<del>" not in reworded
    page = read_page(project / PAGES / "compare/1-to-2/index.html")
    assert "No clause for pupils changed." in page.article
    # The history lists both versions with ratification details and change notes.
    history = read_page(project / PAGES / "history/index.html").article
    assert "Version 2 (current) Ratified on 4 March 2026 by Full Governing Body, minute 7.2. Signed by Mrs A Smith (Chair of Governors)." in history
    assert "For parents and carers: New: check your child's privacy settings." in squash(history)
    assert "What changed from version 1" in history and "Version 1 Ratified on 1 February 2025" in history
    assert "Versions are numbered by the school." in history, "the policy says the school numbers them"
    # The audience pages tell each reader what changed for them.
    parents = read_page(project / PAGES / "parents/index.html")
    assert "What changed for youNew: check your child's privacy settings." in squash(parents.ratification[0])


def test_archived_version_is_permanent_and_out_of_search(project: Path) -> None:
    ratify_twice(project)
    code, out = ratify(project, "--date", "2026-03-04", "--note-staff", "a", "--note-parents", "b", "--note-governors", "c")
    assert code == 0, out
    build(project)
    v1 = (project / PAGES / "versions/1/index.html").read_bytes()
    v2 = (project / PAGES / "versions/2/index.html").read_bytes()
    old = read_page(project / PAGES / "versions/1/index.html")
    assert "This is not the current version" in old.article and "This is version 1 as ratified on 1 February 2025. Version 2 was ratified on 4 March 2026." in old.article
    assert "Staff must not friend pupils on social media." in old.clauses["no-friending"]
    assert "no-photos" in old.clauses and "check-settings" not in old.clauses
    assert 'href="../../"' in v1.decode() and '<meta name="robots" content="noindex">' in v1.decode()
    assert "The current version, as ratified" in read_page(project / PAGES / "versions/2/index.html").article
    # The head teacher's name was filled in when the version was archived.
    assert "Ann Head" in old.clauses["report-concerns"]

    # Edits to the current policy and to the organisation do not reach the archived pages.
    edit(project, "Parents should check the privacy settings", "Parents and carers should check the privacy settings")
    org = project / "policy_sources/maple/organisation.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("name: Ann Head", "name: Bea New"), encoding="utf-8")
    out = build(project)
    assert (project / PAGES / "versions/1/index.html").read_bytes() == v1
    assert (project / PAGES / "versions/2/index.html").read_bytes() == v2
    assert "Parents and carers should check" in read_page(project / PAGES / "index.html").clauses["check-settings"]
    assert "warning: maple/online-safety: the text has changed since version 2 was ratified" in out
    changes = read_changes(project / PAGES / "compare/2-to-current/index.html")
    assert changes.by_audience["parents"] == {"reworded": {"check-settings"}}
    index = json.loads((project / "site/maple/search/index.json").read_text(encoding="utf-8"))
    locations = {row[index["fields"].index("url")].split("#")[0] for row in index["docs"]}
    assert "policies/online-safety/" in locations
    assert not [loc for loc in locations if "/versions/" in loc or "/compare/" in loc]

    # Recording it as a minor correction lists it as such and silences the warning.
    code, out = cli(project, "correct", "online-safety", "--school", "maple", "--date", "2026-05-01", "--note", "Added 'and carers' to 2.3.")
    assert code == 0, out
    out = build(project)
    assert "changed since version" not in out
    history = read_page(project / PAGES / "history/index.html").article
    assert "Minor corrections (no change in meaning, no new version): 1 May 2026: Added 'and carers' to 2.3." in squash(history)
    assert (project / PAGES / "versions/2/index.html").read_bytes() == v2

    # An archive edited by hand is refused, naming the file and the line.
    archive = project / "policy_sources/maple/archive/online-safety/1.yml"
    archive.chmod(0o644)
    archive.write_text(archive.read_text(encoding="utf-8").replace("friend pupils", "befriend pupils"), encoding="utf-8")
    code, out = cli(project, "build", "--date", "2026-11-21")
    assert code == 1
    assert re.search(r"policy_sources/maple/archive/online-safety/1\.yml:\d+: this archived version has been edited since it was ratified", out), out
    assert (project / PAGES / "versions/1/index.html").read_bytes() == v1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2025-01-31", "--note-staff", "x"], "is earlier than the last ratification (version 1, ratified 1 February 2025)"),
        (["--date", "2025-03-01", "--version", "1", "--note-staff", "x"], "version 1 is already recorded (ratified 1 February 2025)"),
        (["--date", "2026-12-25", "--note-staff", "x"], "is after today (2026-11-21)"),
        (["--date", "2025-03", "--note-staff", "x"], "give the full date of the ratification, YYYY-MM-DD"),
        (["--date", "2025-03-01"], "the clauses for staff have changed (1 reworded)"),
    ],
)
def test_bad_ratify_input_is_refused_and_changes_nothing(project: Path, args: list[str], message: str) -> None:
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--next-review", "2027-01")
    assert code == 0, out
    edit(project, "friend pupils", "friend or follow pupils")
    before = snapshot(project)
    code, out = ratify(project, *args)
    assert code == 1
    assert message in out, out
    assert "Traceback" not in out
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ratify", "online-safety", "--school", "oak", "--date", "2025-03-01", "--body", "FGB"],
            "there is no school or trust called 'oak'; choose one of: maple, maple-trust",
        ),
        (["ratify", "e-safety", "--school", "maple", "--date", "2025-03-01", "--body", "FGB"], "maple has no policy 'e-safety'"),
        (["ratify", "online-safety", "--school", "maple", "--date", "2025-03-01", "--body", "FGB"], "give at least one change note"),
        (["ratify", "online-safety", "--school", "maple", "--date", "2025-03-01", "--body", "FGB", "--note-staff", "x"], "next review date (January 2025) is not after"),
        (["freeze", "online-safety", "--school", "maple"], "has no ratified version in its history"),
        (["correct", "online-safety", "--school", "maple", "--date", "2025-03-01", "--note", "typo"], "has not been ratified yet"),
    ],
)
def test_bad_commands_on_an_unratified_policy(project: Path, args: list[str], message: str) -> None:
    edit(project, 'next: "2027-01"', 'next: "2025-01"')
    before = snapshot(project)
    code, out = cli(project, *args)
    assert code == 1
    assert message in out, out
    assert snapshot(project) == before


def test_ratify_keeps_the_file_as_written(project: Path) -> None:
    original = (project / POLICY).read_text(encoding="utf-8")
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--next-review", "2028-01")
    assert code == 0, out
    updated = (project / POLICY).read_text(encoding="utf-8")
    assert 'next: "2028-01"  # set by the governors' in updated
    assert original.replace('"2027-01"', '"2028-01"') in updated.replace(updated[updated.index("history:") : updated.index("review:")], "")
    code, out = ratify(project, "--date", "2025-02-02", "--note-governors", "Again.")
    assert code == 0, out
    assert "version 2" in out


@pytest.mark.parametrize(
    ("date", "status", "banner"),
    [
        ("2026-12-01", "in-date", None),
        ("2026-12-02", "due-soon", "Due for review soon"),
        ("2027-01-31", "due-soon", "Due for review soon"),
        ("2027-02-01", "overdue", "Overdue for review"),
    ],
)
def test_review_status_around_the_boundaries(project: Path, date: str, status: str, banner: str | None) -> None:
    """Due January 2027 means by 31 January; "due soon" starts 60 days before."""
    approve(project)
    out = build(project, date, "--school", "maple")
    for page in ["index.html", "staff/index.html", "parents/index.html", "governors/index.html", "history/index.html"]:
        html = (project / PAGES / page).read_text(encoding="utf-8")
        assert f'data-status="{status}"' in html, page
        # The full policy shows a banner; an audience page says the same in its status line, above the rules.
        for other in ("Overdue for review", "Due for review soon"):
            if page == "index.html":
                assert (f'<p class="admonition-title">{other}</p>' in html) == (other == banner), (page, other)
            elif page != "history/index.html":
                assert (f'<strong class="ps-status ps-status--{status}">{other}</strong>' in html) == (other == banner), (page, other)
                assert f'<p class="admonition-title">{other}</p>' not in html, (page, other)
    assert ("overdue for review" in out) == (status == "overdue")


def test_window_is_configurable_and_statutory_overdue_can_fail_the_build(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("- policy-site:", "- policy-site:\n      review_window_days: 30", 1), encoding="utf-8")
    assert "review_window_days: 30" in config.read_text(encoding="utf-8")
    approve(project)
    build(project, "2026-12-02", "--school", "maple")
    assert 'data-status="in-date"' in (project / PAGES / "index.html").read_text(encoding="utf-8")
    build(project, "2027-01-01", "--school", "maple")
    assert 'data-status="due-soon"' in (project / PAGES / "index.html").read_text(encoding="utf-8")
    before = snapshot(project / "site")
    code, out = cli(project, "build", "--date", "2027-02-01", "--fail-on-overdue-statutory")
    assert code == 1
    assert "statutory policies are overdue for review: Online Safety Policy (due by January 2027)" in out
    assert snapshot(project / "site") == before


def test_dashboard_sorts_by_urgency_and_trust_sees_every_school(project: Path) -> None:
    build(project, "2027-02-01")
    trust = read_page(project / "site/maple-trust/governors/index.html").article
    assert "School Policy Status Version Last ratified Next review" in trust
    rows = trust[trust.index("Next review") :]
    assert rows.index("Online Safety Policy") < rows.index("Charging Policy"), "overdue first"
    assert "Maple Online Safety Policy (statutory) Overdue for review None recorded Not recorded January 2027" in rows
    html = (project / "site/maple-trust/governors/index.html").read_text(encoding="utf-8")
    assert 'href="../../maple/policies/online-safety/governors/"' in html
    assert (project / "site/maple/policies/online-safety/governors/index.html").is_file()


def test_feeds_parse_and_validate(project: Path) -> None:
    ratify_twice(project)
    code, out = ratify(project, "--date", "2026-03-04", "--note-staff", "a", "--note-parents", "Check your child's <privacy> settings & more.", "--note-governors", "c")
    assert code == 0, out
    build(project)
    site = project / "site/maple"
    feed = feedparser.parse((site / "changes.atom").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Maple Primary School: policy changes"
    assert [e.title for e in feed.entries] == ["Online Safety Policy: version 2 ratified", "Online Safety Policy: version 1 ratified"]
    assert feed.entries[0].summary == "Check your child's <privacy> settings & more."
    assert feed.entries[0].updated.startswith("2026-03-04")
    assert feed.entries[0].link == "policies/online-safety/history/#v2"
    assert (site / "policies/online-safety/history/index.html").is_file()
    assert len({e.id for e in feed.entries}) == 2

    raw = (site / "reviews.ics").read_bytes()
    assert all(line.endswith(b"\r") for line in raw.split(b"\n")[:-1]) and raw.endswith(b"\r\n")
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Policy review due: Online Safety Policy"]
    assert events[0].decoded("DTSTART").isoformat() == "2027-01-31"
    assert list(events[0].walk("VALARM"))[0].decoded("TRIGGER").days == -28
    trust_calendar = icalendar.Calendar.from_ical((project / "site/maple-trust/reviews.ics").read_bytes())
    assert sorted(str(e["SUMMARY"]) for e in trust_calendar.walk("VEVENT")) == [
        "Policy review due: Charging Policy",
        "Policy review due: Online Safety Policy (Maple Primary School)",
    ]

    export = json.loads((site / "policies.json").read_text(encoding="utf-8"))
    policy = export["policies"][0]
    assert policy["id"] == "online-safety" and policy["status"] == "in-date" and policy["due_by"] == "2027-01-31"
    assert [v["version"] for v in policy["versions"]] == ["1", "2"] and policy["versions"][1]["url"] == "policies/online-safety/versions/2/"
    assert policy["current"]["version"] == "2" and policy["current"]["changes"]["staff"] == "a"
    governors = (site / "governors/index.html").read_text(encoding="utf-8")
    assert 'href="../changes.atom"' in governors and 'href="../reviews.ics"' in governors
    assert 'type="application/atom+xml"' in governors


def test_seed_history_lists_bledington_ratifications(demo_site: Path) -> None:
    history = read_page(demo_site / "bledington/policies/social-media/history/index.html").article
    for line in ["Version 3 (current) Ratified on 29 January 2025", "Version 2 Ratified on 24 March 2022", "Version 1 Ratified on 24 January 2019"]:
        assert line in history
    assert "The text of version 2 was not archived" in history and "The text of version 1 was not archived" in history
    assert "Read version 3 as ratified" in history
    assert (demo_site / "bledington/policies/social-media/versions/3/index.html").is_file()
    assert not (demo_site / "bledington/policies/social-media/versions/2").exists()
    feed = feedparser.parse((demo_site / "bledington/changes.atom").read_bytes())
    # Newest first: the corrections of 2026 (its encoding after the audit, the pupils' title and
    # summary), then the three ratifications.
    assert feed.bozo == 0 and [e.updated[:10] for e in feed.entries] == ["2026-12-01", "2026-12-01", "2025-01-29", "2022-03-24", "2019-01-24"]


def test_corrections_cannot_hide_changes_of_meaning(project: Path) -> None:
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--next-review", "2027-01")
    assert code == 0, out
    correct = ("correct", "online-safety", "--school", "maple", "--note", "Typo.")
    code, out = cli(project, *correct, "--date", "2025-03-01")
    assert code == 1 and "has not changed since version 1" in out
    # Only the plain words for parents change: still a change the build must notice.
    edit(project, "Do not post photos of other people's children.", "Please do not post photos of other people's children.")
    out = build(project, "2026-11-21", "--school", "maple")
    assert "warning: maple/online-safety: the text has changed since version 1 was ratified" in out
    assert read_changes(project / PAGES / "compare/1-to-current/index.html").by_audience["parents"] == {"reworded": {"no-photos"}}
    code, out = cli(project, *correct, "--date", "2025-03-01")
    assert code == 0, out
    assert "changed since version" not in build(project, "2026-11-21", "--school", "maple")
    code, out = cli(project, *correct, "--date", "2025-03-02")
    assert code == 1 and "its last recorded correction" in out
    # A later edit after a correction is noticed again, and a change of strength is never "minor".
    edit(project, "strength: should\n", "strength: must\n")
    assert "changed since version 1" in build(project, "2026-11-21", "--school", "maple")
    before = snapshot(project / "policy_sources")
    code, out = cli(project, *correct, "--date", "2025-03-02")
    assert code == 1 and "needs a new version: use `policy-site ratify`" in out and "1 changed" in out
    assert snapshot(project / "policy_sources") == before


def test_only_audiences_whose_pages_change_need_a_note(project: Path) -> None:
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--next-review", "2027-01")
    assert code == 0, out
    edit(project, "audiences: [staff]\n", "audiences: [staff, parents]\n        plain:\n          parents: Staff will not friend your child online.\n")
    code, out = ratify(project, "--date", "2025-03-01")
    assert code == 1 and "the clauses for parents have changed" in out and "--note-staff" not in out, out


def test_archive_record_and_versions_are_protected(project: Path) -> None:
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--signed-by", "Chair: Mrs A Smith")
    assert code == 0, out
    archive = project / "policy_sources/maple/archive/online-safety/1.yml"
    original = archive.read_text(encoding="utf-8")
    archive.chmod(0o644)
    archive.write_text(original.replace("Mrs A Smith", "Mr Z Forged"), encoding="utf-8")
    code, out = cli(project, "validate")
    assert code == 1 and "1.yml:" in out and "has been edited since it was ratified" in out
    archive.write_text(original, encoding="utf-8")
    edit(project, "body: Full Governing Body", "body: Finance Committee")
    code, out = cli(project, "validate")
    assert code == 1 and "was archived with a different body from the policy's history" in out, out
    edit(project, "body: Finance Committee", "body: Full Governing Body")
    edit(project, "version: '1'", "version: ../x")
    code, out = cli(project, "validate")
    assert code == 1 and re.search(r"online-safety\.yml:\d+: '\.\./x' is not a version number", out), out


def test_ratify_keeps_windows_line_endings(project: Path) -> None:
    path = project / POLICY
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--next-review", "2027-01")
    assert code == 0, out
    data = path.read_bytes()
    assert b"history:" in data and data.count(b"\n") == data.count(b"\r\n")


def test_freeze_takes_only_the_latest_version_unless_told(project: Path) -> None:
    edit(
        project,
        "statutory: true\n",
        "statutory: true\nhistory:\n  - event: ratified\n    date: '2024-01-01'\n    version: '1'\n  - event: updated\n    date: '2024-06-01'\n",
    )
    code, out = cli(project, "freeze", "online-safety", "--school", "maple")
    assert code == 1 and "records updated 1 June 2024 after version 1" in out and "--earlier" in out
    code, out = cli(project, "freeze", "online-safety", "--school", "maple", "--earlier")
    assert code == 0, out
    assert (project / "policy_sources/maple/archive/online-safety/1.yml").is_file()


def test_no_calendar_without_review_dates(project: Path) -> None:
    edit(project, 'review:\n  next: "2027-01"  # set by the governors\n', "")
    build(project, "2026-11-21", "--school", "maple")
    assert not (project / "site/maple/reviews.ics").exists()
    assert "reviews.ics" not in (project / "site/maple/governors/index.html").read_text(encoding="utf-8")
    assert (project / "site/maple/changes.atom").is_file()


RECORD_WITHOUT_NUMBERS = """history:
  - event: first-reading
    date: "2025-01-10"
    body: Full Governing Body
  - event: second-reading
    date: "2025-01-24"
    body: Full Governing Body
  - event: approved
    date: "2025-02"
    body: Full Governing Body
    signatories:
      - name: Mrs A Smith
      - role: Head teacher
  - event: noted
    date: "2025-03"
    body: Staff meeting
  - event: issued
    date: "2025-03-03"
review:
"""


def test_a_version_the_school_did_not_number_is_known_by_its_event_and_date(project: Path) -> None:
    edit(project, "review:\n", RECORD_WITHOUT_NUMBERS)
    code, out = cli(project, "freeze", "online-safety", "--school", "maple")
    assert code == 1 and "records noted March 2025, issued 3 March 2025 after the version approved in February 2025" in out, out
    code, out = cli(project, "freeze", "online-safety", "--school", "maple", "--version", "2025-02", "--earlier")
    assert code == 0 and "as the version approved in February 2025 for maple" in out, out
    archive = (project / "policy_sources/maple/archive/online-safety/2025-02.yml").read_text(encoding="utf-8")
    assert "\nversion:" not in archive and "  version:" not in archive, "no number is made up for the archive"
    edit(project, "Staff must not friend pupils on social media.", "Staff must not befriend pupils on social media.")
    code, out = cli(project, "correct", "online-safety", "--school", "maple", "--date", "2026-01-05", "--note", "Wording.")
    assert code == 0 and "minor correction to the version approved in February 2025" in out, out
    build(project)

    history = squash(read_page(project / PAGES / "history/index.html").article)
    assert "Approved February 2025 (current) Approved in February 2025 by Full Governing Body. Signed by Mrs A Smith; Head teacher." in history
    assert "Read this version as approved" in history and "5 January 2026: Wording." in history
    assert "Before this version: 10 January 2025: First reading (Full Governing Body) 24 January 2025: Second reading (Full Governing Body)" in history
    assert "Since the current version March 2025: Noted (Staff meeting) 3 March 2025: Issued" in history
    for absent in ["Not yet ratified", "Version 1", "Versions are numbered", "name not recorded", "Changed since"]:
        assert absent not in history, absent

    version = read_page(project / PAGES / "versions/2025-02/index.html")
    assert "The current version, as approved This is the text as approved in February 2025." in squash(version.article)
    record = squash(version.ratification[0])
    assert record.startswith("Record of this version ApprovedFebruary 2025 by Full Governing Body") and "Version" not in record

    box = squash(read_page(project / PAGES / "index.html").ratification[0])
    assert box.startswith("Approval and review ApprovedFebruary 2025 by Full Governing Body Signed byMrs A Smith; Head teacher")
    assert "Version" not in box and "Corrected5 January 2026" in box and "StatusIn date" in box
    governors = squash(read_page(project / PAGES / "governors/index.html").article)
    assert "Approval and review record Date Event Body Signed by Notes 10 January 2025 First reading Full Governing Body" in governors
    assert "February 2025 Approved Full Governing Body Mrs A Smith; Head teacher" in governors
    dashboard = squash(read_page(project / "site/maple/governors/index.html").article)
    assert "Policy Status Last approved Next review Online Safety Policy (statutory) In date February 2025 January 2027" in dashboard

    feed = feedparser.parse((project / "site/maple/changes.atom").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    got = [(e.title, e.summary, e.updated, e.link) for e in feed.entries]
    assert got == [
        ("Online Safety Policy: minor correction", "Wording.", "2026-01-05T00:00:00Z", "policies/online-safety/history/#v2025-02"),
        ("Online Safety Policy: issued 3 March 2025", "The Online Safety Policy was issued on 3 March 2025.", "2025-03-03T00:00:00Z", "policies/online-safety/history/"),
        (
            "Online Safety Policy: approved February 2025",
            "The Online Safety Policy was approved by Full Governing Body in February 2025.",
            "2025-02-01T00:00:00Z",
            "policies/online-safety/history/#v2025-02",
        ),
    ]
    export = json.loads((project / "site/maple/policies.json").read_text(encoding="utf-8"))
    versions = export["policies"][0]["versions"]
    assert [(v["version"], v["key"], v["url"]) for v in versions] == [(None, "2025-02", "policies/online-safety/versions/2025-02/")]


def test_a_policy_in_use_without_a_recorded_approval_says_so_and_no_more(project: Path) -> None:
    edit(project, "review:\n", 'history:\n  - event: updated\n    date: "2017-10"\nreview:\n')
    build(project, "2026-11-21", "--school", "maple")
    for page in ["index.html", "staff/index.html", "parents/index.html", "governors/index.html"]:
        box = squash(read_page(project / PAGES / page).ratification[0])
        assert box.startswith("Approval and review ApprovalNot recorded in this policy Last recordedUpdated October 2017"), (page, box)
        assert "StatusIn use; approval not recorded" in box and "Ratif" not in box and "Draft" not in box, (page, box)
        assert "See what the policy records" in box
    history = squash(read_page(project / PAGES / "history/index.html").article)
    assert "No approval, ratification or adoption is recorded in this policy. What the policy records October 2017: Updated" in history
    assert "Not yet ratified" not in history and "Since the current version" not in history and "Versions are numbered" not in history
    governors = squash(read_page(project / PAGES / "governors/index.html").article)
    assert "Date Event Body Signed by Notes October 2017 Updated" in governors
    dashboard = squash(read_page(project / "site/maple/governors/index.html").article)
    assert "Policy Status Last approved or ratified Next review Online Safety Policy (statutory) In use; approval not recorded Not recorded January 2027" in dashboard
    assert json.loads((project / "site/maple/policies.json").read_text(encoding="utf-8"))["policies"][0]["status"] == "approval-not-recorded"

    # A draft is left out of a normal build and shown, bannered, in a preview (tests/test_drafts.py).
    edit(project, "statutory: true\n", "statutory: true\ndraft: true\n")
    build(project, "2026-11-21", "--school", "maple", "--drafts")
    preview = project / PAGES.replace("site/", "site-preview/", 1)
    box = squash(read_page(preview / "index.html").ratification[0])
    assert "StatusDraft" in box and "In use" not in box
    assert "Draft: not approved This is a preview of a draft policy." in squash(read_page(preview / "index.html").article)


def test_ratify_without_a_number_keeps_the_event_word(project: Path) -> None:
    code, out = ratify(project, "--date", "2025-02-01", "--event", "adopted", "--no-version", "--version", "3", "--note-governors", "First.")
    assert code == 1 and "give either --version or --no-version, not both" in out
    code, out = ratify(project, "--date", "2025-02-01", "--event", "adopted", "--no-version", "--signed-by", ": Mrs A Smith", "--note-governors", "First.")
    assert code == 0 and "Recorded the version adopted on 1 February 2025 of online-safety" in out, out
    edit(project, "Staff must not friend pupils on social media.", "Staff must not friend or follow pupils on social media.")
    code, out = ratify(project, "--date", "2026-03-04", "--event", "adopted", "--note-staff", "Do not follow pupils either.")
    assert code == 0 and "Recorded the version adopted on 4 March 2026" in out, out
    code, out = ratify(project, "--date", "2026-03-04", "--event", "adopted")
    assert code == 1 and "a version with no number is already recorded for 4 March 2026 (adopted)" in out, out
    archive = project / "policy_sources/maple/archive/online-safety"
    assert sorted(p.name for p in archive.iterdir()) == ["2025-02-01.yml", "2026-03-04.yml"]
    policy = (project / POLICY).read_text(encoding="utf-8")
    assert "version:" not in policy and "- name: Mrs A Smith" in policy and "role:" not in policy
    build(project)

    history = squash(read_page(project / PAGES / "history/index.html").article)
    assert "Adopted 4 March 2026 (current) Adopted on 4 March 2026 by Full Governing Body." in history
    assert "Adopted 1 February 2025 Adopted on 1 February 2025 by Full Governing Body. Signed by Mrs A Smith." in history
    assert "What changed from the version adopted on 1 February 2025" in history and "Ratified" not in history and "as ratified" not in history
    old = squash(read_page(project / PAGES / "versions/2025-02-01/index.html").article)
    assert "This is not the current version This is the text as adopted on 1 February 2025. A later version was adopted on 4 March 2026." in old
    assert "replaced" not in old
    current = squash(read_page(project / PAGES / "versions/2026-03-04/index.html").article)
    assert "The current version, as adopted" in current
    compare_page = squash(read_page(project / PAGES / "compare/2025-02-01-to-2026-03-04/index.html").article)
    assert "what changed from the version adopted on 1 February 2025 to the version adopted on 4 March 2026" in compare_page
    dashboard = squash(read_page(project / "site/maple/governors/index.html").article)
    assert "Policy Status Last adopted Next review Online Safety Policy (statutory) In date 4 March 2026 January 2027" in dashboard


def test_an_encoding_correction_keeps_every_word_of_the_school(project: Path) -> None:
    """`correct --encoding`: the strength or audience we gave a clause was wrong, the school's
    words were not; that is recorded without a new version, but only while no word changes."""
    code, out = ratify(project, "--date", "2025-02-01", "--note-governors", "First version.", "--next-review", "2027-01")
    assert code == 0, out
    correct = ("correct", "online-safety", "--school", "maple", "--date", "2025-03-01", "--note", "Strength fixed to match the words.")
    edit(project, "strength: should\n", "strength: must\n")
    code, out = cli(project, *correct)
    assert code == 1 and "add --encoding" in out
    code, out = cli(project, *correct, "--encoding")
    assert code == 0, out
    assert "changed since version" not in build(project, "2026-11-21", "--school", "maple")
    # A word added to the school's text is never an encoding correction.
    edit(project, "Parents must not post photos of other children.", "Parents must not ever post photos of other children.")
    before = snapshot(project / "policy_sources")
    code, out = cli(project, "correct", "online-safety", "--school", "maple", "--date", "2025-03-02", "--note", "More.", "--encoding")
    assert code == 1 and "words were added to or removed from the school's text since version 1" in out, out
    assert snapshot(project / "policy_sources") == before
