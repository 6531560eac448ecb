"""`freeze`: archive the current text as the text of an already ratified version."""

from __future__ import annotations

from pathlib import Path

from generator.history.command import Outcome, Refused, apply_edits, locate, write_checked
from generator.sources.archive import archive_path, archive_text, fingerprint, frozen_content
from generator.sources.errors import display_path
from generator.sources.loaded import own_history
from generator.sources.model.history import event_key, version_name
from generator.sources.placeholders import Placeholders
from generator.sources.status import ratifications


def freeze(sources_dir: Path, school: str, policy_id: str, version: str | None, earlier: bool = False) -> Outcome:
    """Archive the current text as the text of an already ratified version (when adopting policy-site).

    This is the admin's word that the text is that version's, so it is only taken for the
    latest version with nothing recorded after it, unless they say it is an earlier one.
    """
    sources, source, ps = locate(sources_dir, school, policy_id)
    history = ps.policy.history
    ratified = ratifications(ps.policy)
    if not ratified:
        raise Refused(f"{policy_id} has no ratified version in its history to archive; use `policy-site ratify` to record one")
    # A version the school gave no number is chosen by its date, as its archive file is named.
    chosen = ratified[-1] if version is None else next((e for e in ratified if version in (e.version, event_key(e) if not e.version else None)), None)
    if chosen is None:
        known = ", ".join(event_key(e) for e in ratified)
        raise Refused(f"{policy_id} has no version '{version}' in its history; give one of: {known} (a version with no number is given by its date, as recorded)")
    name = version_name(chosen)
    later = history[history.index(chosen) + 1 :]
    if later and not earlier:
        what = ", ".join(f"{e.event.value} {e.date.display()}" for e in later)
        raise Refused(
            f"the history records {what} after {name}, so the text now may not be the text of {name}. "
            f"Only if you have checked the text against the signed copy of {name}, run again with --earlier"
        )
    path = archive_path(source.folder, policy_id, event_key(chosen))
    if path.exists():
        raise Refused(f"{display_path(path)} already exists; archived versions are never overwritten")
    fill = Placeholders(source.org, sources.trust_name(source.org))
    content = frozen_content(ps.policy, fill.fill)
    # A school adopting its trust's record unchanged keeps no history of its own to write to.
    new_text = apply_edits(ps.doc.path, [(("history", history.index(chosen), "archive"), fingerprint(content))]) if own_history(ps) else None
    written = write_checked(sources, source, ps, new_text, (path, archive_text(source.org.name, policy_id, chosen.model_copy(update={"archive": None}), content)))
    return Outcome(written, chosen.version or "", name=name)
