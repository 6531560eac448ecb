"""`policy-site language`: every text written for pupils or parents by reading age, hardest first, against the site's targets."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.common import load, no_such_organisation


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    language = commands.add_parser("language", help="list every pupils' and parents' text by reading age, hardest first")
    language.add_argument("--school", metavar="ID", help="only this school's or trust's files")
    language.add_argument("--over", action="store_true", help="only the texts over their target")
    language.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from generator.sources.reading_checks import site_reader_texts
    from generator.sources.reading_level import sample_age

    sources = load(Path(args.sources), warnings=False)
    if sources is None:
        return 1
    if args.school and args.school not in sources.orgs:
        print(no_such_organisation([args.school], sources))
        return 1
    texts = site_reader_texts(sources, args.school)
    shown = [t for t in texts if t.over] if args.over else texts
    for t in sorted(shown, key=lambda t: (t.level.age - t.target, t.level.age), reverse=True):
        mark = "over" if t.over else "ok  "
        hard = ", ".join(t.level.hard_words[:6])
        print(f"{mark} age {t.level.age:>2} (target {t.target}) {t.doc.path.as_posix()}:{t.line}: {t.what}" + (f": {hard}" if hard else ""))
    for org_id in sorted({t.doc.path.parent.parent.name for t in texts}):
        for reader in ("pupils", "parents"):
            mine = [t for t in texts if t.reader == reader and t.doc.path.parent.parent.name == org_id]
            if mine:
                over = sum(1 for t in mine if t.over)
                together = sample_age([t.text for t in mine], mine[0].level_formula)
                print(f"{org_id}: {len(mine)} {reader}' texts, about age {together} taken together (target {mine[0].target}); {over} over")
    return 0
