"""`correct`: record a minor correction (no change in meaning) to the current version."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator.history.command import Outcome, Refused, apply_edits, check_arguments, event_dict, last_archived, locate, meeting_date, write_checked
from generator.history.compare import compare, school_words
from generator.sources.archive import content_policy, fingerprint, frozen_content
from generator.sources.model.history import Event, EventKind, event_key, version_name
from generator.sources.placeholders import Placeholders
from generator.sources.status import ratifications


def correct(sources_dir: Path, school: str, policy_id: str, date: str, note: str, encoding: bool = False) -> Outcome:
    """Record a minor correction (no change in meaning) to the current version, as GOV.UK does.

    `encoding`: the correction is to how the school's words were encoded (split into clauses,
    their strengths, whom they bind or inform, a heading moved to where the original has it), not
    to the words: allowed only when the school's words are the same words, none added and none
    removed, since that text is what was ratified."""
    check_arguments([("--date", date), ("--note", note)], [])
    sources, source, ps = locate(sources_dir, school, policy_id)
    policy = ps.policy
    ratified = ratifications(policy)
    if not ratified:
        raise Refused(f"{policy_id} has not been ratified yet, so its text can be edited freely; there is nothing to correct")
    if not note.strip():
        raise Refused("--note: say what was corrected, e.g. 'Fixed the spelling of \"safeguarding\" in 4.2'")
    day = meeting_date(date, policy, "correction")
    previous = last_archived(source, policy.id)
    fill = Placeholders(source.org, sources.trust_name(source.org))
    content = frozen_content(policy, fill.fill)
    current = ratified[-1]
    if previous and previous.key == event_key(current):
        comparison = compare(previous.content, content_policy(policy.id, content))
        words_kept = Counter(school_words(previous.content)) == Counter(school_words(content_policy(policy.id, content)))
        if comparison.changes_meaning and encoding and not words_kept:
            raise Refused(
                f"--encoding: words were added to or removed from the school's text since {previous.name}, so this is not only a correction of "
                "how they are encoded; undo the change to the words, or ratify a new version (`policy-site ratify`)"
            )
        if comparison.changes_meaning and not encoding:
            counts = ", ".join(f"{n} {k}" for k, n in comparison.counts().items() if n)
            raise Refused(
                f"since {previous.name} clauses were added, removed or changed strength or audience ({counts}); "
                "that changes the meaning, so it needs a new version: use `policy-site ratify`. If the school's words are unchanged "
                "and only how they were encoded is corrected (a clause split in two, a strength or audience fixed), add --encoding"
            )
        corrections = [e.fingerprint for e in policy.history[policy.history.index(current) :] if e.event == EventKind.corrected and e.fingerprint]
        if fingerprint(content) == (corrections[-1] if corrections else previous.text_fingerprint):
            raise Refused(f"the text has not changed since {previous.name} or its last recorded correction; edit the policy first, then record the correction")
    event = Event(event=EventKind.corrected, date=day, version=current.version, note=note.strip(), fingerprint=fingerprint(content))
    new_text = apply_edits(ps.doc.path, [("history", event_dict(event))])
    written = write_checked(sources, source, ps, new_text, None)
    return Outcome(written, current.version or "", name=version_name(current))
