"""Machine-readable files for each site: an Atom feed of changes, a calendar of review
deadlines and a JSON export of every policy's metadata and status."""

from __future__ import annotations

import json
from typing import Any

from generator.render.feeds import Calendar, CalendarEvent, Feed, FeedEntry, atom_feed, icalendar
from generator.render.urls import page_url
from generator.sources.model.common import Audience
from generator.sources.model.history import Event
from generator.sources.model.organisation import Organisation
from generator.sources.placeholders import Placeholders
from generator.views.policy import PolicyView
from generator.views.site import SiteView

FEED = "changes.atom"
CALENDAR = "reviews.ics"
EXPORT = "policies.json"
EXPORT_FORMAT = 1
REMINDER_DAYS = 28


def _url(site_url: str, path: str, directory_urls: bool, anchor: str = "") -> str:
    """Relative to the site root (where the feeds sit), or absolute when site_url is known."""
    url = page_url(path, directory_urls) + (f"#{anchor}" if anchor else "")
    return (site_url.rstrip("/") + "/" + url) if site_url else (url or "./")


def _feed_id(site: SiteView, *parts: str) -> str:
    """Stable whatever the site's address: changing site_url must not make every entry look new."""
    return "urn:policy-site:" + ":".join((site.org.id, *parts))


def _change_summary(view: PolicyView, event: Event, fill: Placeholders) -> str:
    notes = event.changes
    if event.event.value == "corrected":
        return fill.fill(event.note or "A minor correction, with no change in meaning.")
    if notes and notes.parents:
        return fill.fill(notes.parents)
    who = f" by {fill.fill(event.body)}" if event.body else ""
    return f"Version {event.version} of the {fill.fill(view.policy.title)} was {event.event.value}{who} {event.date.when()}."


def changes_feed(site: SiteView, site_url: str, directory_urls: bool) -> str:
    """One entry per ratified version and per minor correction, newest first."""
    fill = Placeholders(site.org, site.trust_name)
    entries = []
    for view in site.policies:
        position = {id(event): n for n, event in enumerate(view.policy.history)}
        for entry in view.versions:
            for event in [entry.event, *entry.corrections]:
                what = "minor correction" if event.event.value == "corrected" else f"version {event.version} {event.event.value}"
                entries.append(
                    FeedEntry(
                        # The event's place in the append-only history keeps two same-day corrections apart.
                        id=_feed_id(site, view.policy.id, entry.slug, event.event.value, event.date.iso(), str(position[id(event)])),
                        title=f"{fill.fill(view.policy.title)}: {what}",
                        updated=event.date.first_day(),
                        link=_url(site_url, view.history_page, directory_urls, f"v{entry.slug}"),
                        summary=_change_summary(view, event, fill),
                    )
                )
    entries.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return atom_feed(
        Feed(
            id=_feed_id(site, "changes"),
            title=f"{site.org.name}: policy changes",
            author=site.org.name,
            link=_url(site_url, "index.md", directory_urls),
            self_link=(site_url.rstrip("/") + "/" + FEED) if site_url else FEED,
            updated=entries[0].updated if entries else site.today,
            entries=entries,
        )
    )


def _site_prefix(site: SiteView, org: Organisation) -> str:
    return "" if org.id == site.org.id else f"../{org.id}/"


def review_calendar(site: SiteView, site_url: str, directory_urls: bool) -> str | None:
    """Every review deadline on the dashboard (a trust's includes its schools'), as all-day events with a reminder."""
    events = []
    for org, view in site.dashboard():
        due = view.status.next_review
        if due is None or view.status.kind == "draft":
            continue
        # A calendar app can only follow an absolute address.
        url = _url(site_url, view.page(Audience.governors), directory_urls) if org.id == site.org.id and site_url else None
        school = f" ({org.name})" if org.id != site.org.id else ""
        # A trust's calendar lists its schools' policies too, each read with that school's values.
        title = Placeholders(org, site.trust_name).fill(view.policy.title)
        description = f"The {title}{school} is due for review by {due.display()}. Status on {site.today.day} {site.today.strftime('%B %Y')}: {view.status.label.lower()}."
        events.append(
            CalendarEvent(
                uid=f"{org.id}.{view.policy.id}.review.{due.iso()}@policy-site",
                summary=f"Policy review due: {title}{school}",
                description=description,
                day=due.last_day(),
                url=url,
                alarm_days_before=REMINDER_DAYS,
            )
        )
    if not events:
        return None  # RFC 5545 needs at least one event; with no deadlines there is no calendar
    events.sort(key=lambda e: (e.day, e.uid))
    return icalendar(Calendar(prodid=f"-//policy-site//{site.org.id}//EN", name=f"{site.org.name}: policy reviews", stamp=site.today, events=events))


def _event_json(event: Event | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return event.model_dump(mode="json", exclude_defaults=True)


def _policy_json(site: SiteView, org: Organisation, view: PolicyView, directory_urls: bool) -> dict[str, Any]:
    prefix = _site_prefix(site, org)
    status = view.status
    fill = Placeholders(org, site.trust_name)
    return {
        "id": view.policy.id,
        "title": fill.fill(view.policy.title),
        "summary": fill.fill(view.policy.summary),
        "statutory": view.policy.statutory,
        "draft": view.policy.draft,
        "status": status.kind,
        "status_label": status.label,
        "next_review": status.next_review.iso() if status.next_review else None,
        "due_by": status.next_review.last_day().isoformat() if status.next_review else None,
        "current": _event_json(status.current),
        "changed_since_ratified": view.unratified_changes,
        "url": prefix + page_url(view.page(), directory_urls),
        "history_url": prefix + page_url(view.history_page, directory_urls),
        "audience_urls": {a.value: prefix + page_url(view.page(a), directory_urls) for a in view.pages},
        "clauses": len(view.policy.clauses()),
        "versions": [
            {
                "version": entry.version,
                "event": entry.event.event.value,
                "date": entry.event.date.iso(),
                "archived": entry.archived is not None,
                "url": prefix + page_url(view.version_page(entry), directory_urls) if entry.archived else None,
                "corrections": [c.date.iso() for c in entry.corrections],
            }
            for entry in view.versions
        ],
    }


def policies_export(site: SiteView, directory_urls: bool) -> str:
    data = {
        "format": EXPORT_FORMAT,
        "generator": "policy-site",
        "build_date": site.today.isoformat(),
        "organisation": {"id": site.org.id, "name": site.org.name, "kind": site.org.kind.value, "trust": site.trust_name},
        "policies": [_policy_json(site, site.org, v, directory_urls) for v in site.by_urgency()],
        "schools": [{"id": s.org.id, "name": s.org.name, "policies": [_policy_json(site, s.org, v, directory_urls) for v in s.policies]} for s in site.schools],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def site_exports(site: SiteView, site_url: str, directory_urls: bool) -> dict[str, str | None]:
    """Every export file of a site by its path (None: the site has none of that kind). The plugin
    writes these and the incremental digest covers them, so a new export is added here once."""
    return {
        FEED: changes_feed(site, site_url, directory_urls),
        CALENDAR: review_calendar(site, site_url, directory_urls),
        EXPORT: policies_export(site, directory_urls),
    }
