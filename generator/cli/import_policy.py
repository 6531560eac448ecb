"""`policy-site import FILE --school ID`: a Word, PDF, OpenDocument or text file to a draft policy YAML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.importer.document import ImportProblem
from generator.importer.run_import import make_draft, write_new
from generator.importer.summary import summary_lines


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import",
        help="make a draft policy YAML from a Word (.docx), PDF, OpenDocument (.odt) or text file",
        description="Reads the file and writes policy_sources/SCHOOL/policies/ID.yml as a draft, every guess marked `# check:`. "
        "If that file exists, shows what the new document changes instead, and writes nothing.",
    )
    command.add_argument("file", type=Path, help="the document to import")
    command.add_argument("--school", required=True, help="the organisation folder it belongs to, e.g. st-thomas")
    command.add_argument("--id", dest="policy_id", help="the policy's id (default: from its title, e.g. social-media)")
    command.add_argument(
        "--review",
        nargs="?",
        const="",
        metavar="HTML",
        help="also write a page showing the original's paragraphs beside what each became (default: FILE.review.html beside the file)",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sources = Path(args.sources)
    try:
        imported = make_draft(args.file, sources, args.school, args.policy_id)
        review_path = None
        if args.review is not None:
            review_path = Path(args.review) if args.review else args.file.with_name(args.file.name + ".review.html")
        if imported.target.exists():
            # Only a re-import compares; the comparison brings the history stage with it.
            from generator.importer.reimport import comparison_lines, propose_changes

            changes = propose_changes(imported)
            for line in comparison_lines(changes, imported):
                print(line)
            if review_path:
                from generator.importer.review_page import review_html

                review_path.write_text(review_html(imported, changes), encoding="utf-8")
                print(f"  Side by side: {review_path}")
            return 0
        write_new(imported.target, imported.text)
        if review_path:
            # Jinja2 only when a review page is asked for.
            from generator.importer.review_page import review_html

            review_path.write_text(review_html(imported, None), encoding="utf-8")
    except ImportProblem as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.filename or args.file}: {exc.strerror}; nothing was written", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001
        # Documents come in every shape; a slip of ours on one must still end in a sentence.
        print(
            f"error: {args.file.name} could not be imported ({exc.__class__.__name__} in the importer); nothing was written: please report this with the file",
            file=sys.stderr,
        )
        return 1
    for line in summary_lines(imported.draft, str(imported.target), imported.document.kind, imported.seconds):
        print(line)
    if review_path:
        print(f"  Side by side: {review_path}")
    return 0
