"""`policy-site ratify`, `freeze` and `correct`: the commands that write the version history."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from generator.cli.common import fail
from generator.history import command, correct, freeze, ratify
from generator.sources.errors import display_path
from generator.sources.model.common import Audience


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rat = commands.add_parser("ratify", help="record a ratified version and archive its text permanently")
    rat.add_argument("policy", help="policy id, e.g. social-media")
    rat.add_argument("--school", required=True, help="school or trust id, e.g. bledington")
    rat.add_argument("--date", required=True, help="date of the meeting, YYYY-MM-DD")
    rat.add_argument("--body", required=True, help="who ratified it, e.g. 'Full Governing Body'")
    rat.add_argument("--minute", help="minute reference, e.g. 7.2")
    rat.add_argument(
        "--signed-by", action="append", metavar="'ROLE: NAME'", help="a signatory, e.g. 'Chair of Governors: Mrs A Smith', a role alone, or ': Name' (repeatable)"
    )
    rat.add_argument("--version", help="version number (default: one more than the last; none if the last version has no number)")
    rat.add_argument("--no-version", action="store_true", help="the school gives this version no number: it is known by its date")
    rat.add_argument("--event", default="ratified", choices=["ratified", "approved", "adopted"], help="what the meeting did (default: ratified)")
    for audience in Audience:
        rat.add_argument(f"--note-{audience.value}", metavar="TEXT", help=f"what changed, in plain words for {audience.value}")
    rat.add_argument("--note", help="anything else for the record")
    rat.add_argument("--next-review", metavar="DATE", help="next review date, YYYY-MM-DD or YYYY-MM")
    rat.set_defaults(run=run_ratify)
    frz = commands.add_parser("freeze", help="archive the current text as an already ratified version (when starting to use policy-site)")
    frz.add_argument("policy")
    frz.add_argument("--school", required=True)
    frz.add_argument("--version", help="the version the current text is, or its date if it has no number (default: the last ratified)")
    frz.add_argument("--earlier", action="store_true", help="the history records events after that version, but you have checked the text is that version's")
    frz.set_defaults(run=run_freeze)
    cor = commands.add_parser("correct", help="record a minor correction (no change in meaning) without a new version")
    cor.add_argument("policy")
    cor.add_argument("--school", required=True)
    cor.add_argument("--date", required=True, help="date of the correction, YYYY-MM-DD")
    cor.add_argument("--note", required=True, help="what was corrected")
    cor.add_argument(
        "--encoding",
        action="store_true",
        help="the school's words are unchanged (none added or removed): only how they were encoded (clauses split, strengths, audiences, headings) is corrected",
    )
    cor.set_defaults(run=run_correct)


def _record(action: Callable[[], command.Outcome], refused: str, done: Callable[[command.Outcome], str]) -> int:
    """Run one of the commands that write to policy_sources/ and say what it wrote."""
    try:
        outcome = action()
    except command.Refused as exc:
        return fail(f"{refused}: {exc}")
    print(done(outcome))
    if outcome.comparison is not None:
        counts = ", ".join(f"{n} {k}" for k, n in outcome.comparison.counts().items() if n) or "no clause changed"
        print(f"Clauses since the previous archived version: {counts}.")
    for path in outcome.written:
        print(f"  wrote {display_path(path)}")
    print("Rebuild the site (policy-site build) to publish it.")
    return 0


def run_ratify(args: argparse.Namespace) -> int:
    notes = {audience: getattr(args, f"note_{audience.value}") for audience in Audience if getattr(args, f"note_{audience.value}")}
    request = ratify.Ratification(
        policy=args.policy,
        school=args.school,
        date=args.date,
        body=args.body,
        minute=args.minute,
        signed_by=args.signed_by or [],
        version=args.version,
        event=args.event,
        notes=notes,
        note=args.note,
        next_review=args.next_review,
        no_version=args.no_version,
    )
    return _record(
        lambda: ratify.ratify(Path(args.sources), request),
        "Not ratified",
        lambda o: f"Recorded {o.name} of {args.policy} for {args.school}, {args.event} {args.date}, and archived its text.",
    )


def run_freeze(args: argparse.Namespace) -> int:
    return _record(
        lambda: freeze.freeze(Path(args.sources), args.school, args.policy, args.version, args.earlier),
        "Not archived",
        lambda o: f"Archived the current text of {args.policy} as {o.name} for {args.school}.",
    )


def run_correct(args: argparse.Namespace) -> int:
    return _record(
        lambda: correct.correct(Path(args.sources), args.school, args.policy, args.date, args.note, args.encoding),
        "Not recorded",
        lambda o: f"Recorded a minor correction to {o.name} of {args.policy} for {args.school}.",
    )
