"""The Atom feed and iCalendar file read back right in real parsers, follow the RFCs' raw rules, and never change between runs."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar as ical
import pytest

from generator.render.feeds import Calendar, CalendarEvent, Feed, FeedEntry, atom_feed, icalendar
from tests.helpers import make_project, read_page, run_cli, squash

FIXTURE = Path(__file__).parent / "fixtures" / "history"

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_TITLE = "Online safety <script>alert(\"x\")</script> & 'quotes' ]]> done"
HOSTILE_SUMMARY = 'Changed "mobile phones" & <b>tablets</b>; see ]]> and &amp; literally.\nSecond line'
LONG_DESCRIPTION = "St Thomas’ School café review — " + "é’" * 60 + ", then; more\nlines"


def make_feed(entries: list[FeedEntry] | None = None) -> Feed:
    if entries is None:
        entries = [
            FeedEntry(
                id="tag:policies.example.org,2026:oak-primary/social-media/2026-03-04",
                title=HOSTILE_TITLE,
                updated=dt.date(2026, 3, 4),
                link="policies/social-media/history/",
                summary=HOSTILE_SUMMARY,
            ),
            FeedEntry(
                id="tag:policies.example.org,2026:oak-primary/attendance/2025-09-01",
                title="Attendance",
                updated=dt.date(2025, 9, 1),
                link="https://policies.example.org/oak/policies/attendance/",
                summary="Reviewed with no changes.",
            ),
        ]
    return Feed(
        id="tag:policies.example.org,2026:oak-primary",
        title="Oak Primary & Nursery: policy changes",
        author="St Thomas’ School <Trust>",
        link="./",
        self_link="changes.atom",
        updated=dt.date(2026, 3, 4),
        entries=entries,
    )


def make_calendar(events: list[CalendarEvent] | None = None) -> Calendar:
    if events is None:
        events = [
            CalendarEvent(
                uid="social-media-review@oak-primary.policy-site",
                summary="Review due: Social media, phones; tablets",
                description="St Thomas’ School, Bledington; governors\nSecond line with a back\\slash",
                day=dt.date(2026, 12, 31),
                url="https://policies.example.org/oak/policies/social-media/",
                alarm_days_before=14,
            ),
            CalendarEvent(
                uid="attendance-review@oak-primary.policy-site",
                summary="Review due: Attendance",
                description=LONG_DESCRIPTION,
                day=dt.date(2027, 2, 28),
                url="policies/attendance/",
            ),
        ]
    return Calendar(prodid="-//policy-site//Bledington School//EN", name="Bledington School policy reviews", stamp=dt.date(2026, 11, 21), events=events)


def events_of(text: str) -> list[ical.Event]:
    return list(ical.Calendar.from_ical(text).walk("VEVENT"))


# ---------------------------------------------------------------------------
# Atom


def test_feedparser_reads_the_feed_back() -> None:
    parsed = feedparser.parse(atom_feed(make_feed()))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == "tag:policies.example.org,2026:oak-primary"
    assert parsed.feed.title == "Oak Primary & Nursery: policy changes"
    assert parsed.feed.author == "St Thomas’ School <Trust>"
    assert parsed.feed.generator == "policy-site"
    assert parsed.feed.updated_parsed[:6] == (2026, 3, 4, 0, 0, 0)
    links = {link["rel"]: link for link in parsed.feed.links}
    assert links["alternate"]["href"] == "./"
    assert links["self"]["href"] == "changes.atom"
    assert links["self"]["type"] == "application/atom+xml"

    assert [e.id for e in parsed.entries] == [
        "tag:policies.example.org,2026:oak-primary/social-media/2026-03-04",
        "tag:policies.example.org,2026:oak-primary/attendance/2025-09-01",
    ]
    first, second = parsed.entries
    assert first.updated_parsed[:6] == (2026, 3, 4, 0, 0, 0)
    assert second.updated_parsed[:6] == (2025, 9, 1, 0, 0, 0)
    assert [link["href"] for link in first.links if link["rel"] == "alternate"] == ["policies/social-media/history/"]
    assert [link["href"] for link in second.links if link["rel"] == "alternate"] == ["https://policies.example.org/oak/policies/attendance/"]


def test_hostile_text_comes_back_as_the_same_text() -> None:
    parsed = feedparser.parse(atom_feed(make_feed()))
    assert parsed.bozo == 0
    entry = parsed.entries[0]
    assert entry.title == HOSTILE_TITLE
    assert entry.title_detail.type == "text/plain"
    assert entry.summary == HOSTILE_SUMMARY
    assert entry.summary_detail.type == "text/plain"


def test_rfc4287_required_elements_are_present() -> None:
    text = atom_feed(make_feed())
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author", "generator"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "St Thomas’ School <Trust>"
    assert root.findtext(f"{ATOM}updated") == "2026-03-04T00:00:00Z"
    feed_links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert feed_links == {"alternate": "./", "self": "changes.atom"}

    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for name in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert entry.find(f"{ATOM}link").get("rel") == "alternate"
        assert entry.find(f"{ATOM}summary").get("type") == "text"
    assert entries[0].findtext(f"{ATOM}title") == HOSTILE_TITLE
    assert entries[0].findtext(f"{ATOM}summary") == HOSTILE_SUMMARY
    assert entries[1].findtext(f"{ATOM}updated") == "2025-09-01T00:00:00Z"


def test_attribute_and_control_characters_stay_well_formed() -> None:
    entry = FeedEntry(
        id="tag:x,2026:a",
        title="bell\x07 and tab\tand cr\r here",
        updated=dt.date(2026, 1, 2),
        link='history/?a=1&b="2"<3>',
        summary="form feed\x0c gone",
    )
    text = atom_feed(make_feed([entry]))
    root = ET.fromstring(text.encode("utf-8"))
    parsed = root.find(f"{ATOM}entry")
    assert parsed.findtext(f"{ATOM}title") == "bell and tab\tand cr\r here"
    assert parsed.find(f"{ATOM}link").get("href") == 'history/?a=1&b="2"<3>'
    assert parsed.findtext(f"{ATOM}summary") == "form feed gone"
    assert feedparser.parse(text).bozo == 0


def test_empty_feed_is_valid() -> None:
    text = atom_feed(make_feed([]))
    parsed = feedparser.parse(text)
    assert parsed.bozo == 0
    assert parsed.entries == []
    assert parsed.feed.title == "Oak Primary & Nursery: policy changes"
    root = ET.fromstring(text.encode("utf-8"))
    assert [child.tag.removeprefix(ATOM) for child in root] == ["id", "title", "updated", "author", "link", "link", "generator"]


def test_feed_is_deterministic() -> None:
    assert atom_feed(make_feed()) == atom_feed(make_feed())
    assert atom_feed(make_feed([])) == atom_feed(make_feed([]))


# ---------------------------------------------------------------------------
# iCalendar


def test_icalendar_reads_the_calendar_back() -> None:
    text = icalendar(make_calendar())
    cal = ical.Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//policy-site//Bledington School//EN"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Bledington School policy reviews"

    first, second = events_of(text)
    assert [str(e["UID"]) for e in (first, second)] == ["social-media-review@oak-primary.policy-site", "attendance-review@oak-primary.policy-site"]
    assert str(first["SUMMARY"]) == "Review due: Social media, phones; tablets"
    assert str(second["SUMMARY"]) == "Review due: Attendance"
    for event, day in ((first, dt.date(2026, 12, 31)), (second, dt.date(2027, 2, 28))):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is dt.date and start == day
        assert type(end) is dt.date and end == day + dt.timedelta(days=1)
        assert event["DTSTAMP"].dt == dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_description_round_trips_exactly() -> None:
    first, _ = events_of(icalendar(make_calendar()))
    assert str(first["DESCRIPTION"]) == "St Thomas’ School, Bledington; governors\nSecond line with a back\\slash"


def test_absolute_url_is_a_url_property_and_relative_url_goes_into_the_description() -> None:
    text = icalendar(make_calendar())
    first, second = events_of(text)
    assert str(first["URL"]) == "https://policies.example.org/oak/policies/social-media/"
    assert "URL" not in second
    assert str(second["DESCRIPTION"]) == LONG_DESCRIPTION + "\n\npolicies/attendance/"
    assert "\r\nURL:policies/" not in text


def test_url_with_a_line_break_cannot_inject_properties() -> None:
    event = CalendarEvent(uid="u", summary="s", description="", day=dt.date(2026, 1, 1), url="https://x.example/\r\nATTENDEE:mailto:a@b")
    text = icalendar(make_calendar([event]))
    assert "\r\nATTENDEE" not in text
    (parsed,) = events_of(text)
    assert "URL" not in parsed and "ATTENDEE" not in parsed
    assert str(parsed["DESCRIPTION"]) == "https://x.example/\nATTENDEE:mailto:a@b"


def test_alarm_triggers_days_before() -> None:
    first, second = events_of(icalendar(make_calendar()))
    (alarm,) = first.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "Review due: Social media, phones; tablets"
    assert alarm["TRIGGER"].dt == dt.timedelta(days=-14)
    assert second.walk("VALARM") == []


def test_negative_alarm_is_refused() -> None:
    event = CalendarEvent(uid="u", summary="s", description="d", day=dt.date(2026, 1, 1), alarm_days_before=-1)
    with pytest.raises(ValueError, match="alarm_days_before"):
        icalendar(make_calendar([event]))


def test_raw_lines_end_in_crlf_and_fit_in_75_octets() -> None:
    raw = icalendar(make_calendar()).encode("utf-8")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a line cut inside a multi-byte character would not decode on its own
    assert any(line.startswith(b" ") for line in lines), "the long description should have been folded"


def test_folding_never_splits_a_utf8_character() -> None:
    for prefix in range(4):  # shift the fold point across every byte offset of the 2- and 3-byte characters
        description = "x" * prefix + "é’" * 80
        event = CalendarEvent(uid="u", summary="’" * 50, description=description, day=dt.date(2026, 1, 1))
        text = icalendar(make_calendar([event]))
        physical = text.encode("utf-8").split(b"\r\n")[:-1]
        assert all(len(line) <= 75 for line in physical)
        assert any(len(line) < 75 for line in physical if line.startswith(b" "))  # a 3-byte ’ did not fit: folded early
        for line in physical:
            line.decode("utf-8")
        unfolded = text.replace("\r\n ", "")
        assert f"\r\nDESCRIPTION:{description}\r\n" in unfolded
        (parsed,) = events_of(text)
        assert str(parsed["DESCRIPTION"]) == description
        assert str(parsed["SUMMARY"]) == "’" * 50


def test_line_of_exactly_75_octets_is_not_folded() -> None:
    summary = "s" * (75 - len("SUMMARY:"))
    text = icalendar(make_calendar([CalendarEvent(uid="u", summary=summary, description="d", day=dt.date(2026, 1, 1))]))
    assert f"\r\nSUMMARY:{summary}\r\nDESCRIPTION:d\r\n" in text
    longer = icalendar(make_calendar([CalendarEvent(uid="u", summary=summary + "t", description="d", day=dt.date(2026, 1, 1))]))
    assert f"\r\nSUMMARY:{summary}\r\n t\r\n" in longer


def test_empty_calendar_is_valid() -> None:
    text = icalendar(make_calendar([]))
    assert text == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//policy-site//Bledington School//EN\r\nCALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\nX-WR-CALNAME:Bledington School policy reviews\r\nEND:VCALENDAR\r\n"
    )
    cal = ical.Calendar.from_ical(text)
    assert events_of(text) == []
    assert str(cal["PRODID"]) == "-//policy-site//Bledington School//EN"


def test_calendar_is_deterministic() -> None:
    assert icalendar(make_calendar()) == icalendar(make_calendar())
    assert icalendar(make_calendar([])) == icalendar(make_calendar([]))


# ---------------------------------------------------------------------------
# A built site whose dates are months only


MONTHS_ONLY = """history:
  - event: approved
    date: "2021-02"
    signatories:
      - role: Headteacher
  - event: reviewed
    date: "2021-09"
  - event: approved
    date: "2021-09"
    signatories:
      - name: Mrs M Calnan
review:
  next: "2022-09"
"""


def test_month_only_dates_stay_months_in_pages_feed_and_calendar(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    policy = project / "policy_sources/maple/policies/online-safety.yml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace('review:\n  next: "2027-01"  # set by the governors\n', MONTHS_ONLY), encoding="utf-8")
    result = run_cli("build", "--date", "2026-11-21", "--school", "maple", cwd=project, env={"POLICY_SITE_DATE": "2026-11-21"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site/maple"

    feed = feedparser.parse((site / "changes.atom").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [(e.title, e.summary) for e in feed.entries] == [
        ("Online Safety Policy: approved September 2021", "The Online Safety Policy was approved in September 2021."),
        ("Online Safety Policy: approved February 2021", "The Online Safety Policy was approved in February 2021."),
    ]
    # Atom needs a full timestamp: the feed's documented rule is the first instant of the month.
    assert [e.updated for e in feed.entries] == ["2021-09-01T00:00:00Z", "2021-02-01T00:00:00Z"]

    (event,) = events_of((site / "reviews.ics").read_text(encoding="utf-8"))
    assert str(event["DESCRIPTION"]) == "The Online Safety Policy is due for review by September 2022. Status on 21 November 2026: overdue for review."
    assert event.decoded("DTSTART") == dt.date(2022, 9, 30), "due by the end of the month, as the guide says"

    pages = [p for p in (site / "policies/online-safety").rglob("*.html")] + [site / "governors/index.html", site / "policies/index.html"]
    for page in pages:
        text = squash(read_page(page).article)
        for invented in ("1 September 2021", "1 February 2021", "30 September 2022", "on September 2021", "on February 2021"):
            assert invented not in text, (page, invented)
    history = squash(read_page(site / "policies/online-safety/history/index.html").article)
    assert "Approved September 2021 (current) Approved in September 2021 . Signed by Mrs M Calnan." in history
    assert "Approved February 2021 Approved in February 2021 . Signed by Headteacher." in history
