"""A document's approval record read from its blocks: history events and the next review.

Tables (also those that came as lines, `record_flat`) and record lines give items (`record_tables`, `record_lines`), the items become events
(`record_events`), and the next review comes from a "Next review date" part, or else from a
sentence of the policy saying who reviews it and how often (a rule, so its block stays a clause).
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.importer.document import Block, Paragraph, Table
from generator.importer.record_dates import date_sort_key
from generator.importer.record_events import make_events, settle
from generator.importer.record_flat import flat_tables
from generator.importer.record_found import FoundEvent, Records
from generator.importer.record_items import Item
from generator.importer.record_labels import NEXT_REVIEW
from generator.importer.record_lines import LineReading, read_lines
from generator.importer.record_people import tidy
from generator.importer.record_tables import heading_only, read_table


def _review(reviews: list[Item], lines: LineReading, checks: list[str]) -> tuple[str | None, str | None, str | None, int | None]:
    """The next review date, who reviews and how often, with a check for each guess."""
    dated = [(date, item) for item in reviews for date in item.dates]
    for item in reviews:
        checks.extend(item.problems)
        if not item.dates and not item.blank:
            checks.append(f'could not read the next review date in "{item.words()}"')
    next_date = by = source = None
    if dated:
        isos = sorted({date.iso for date, _ in dated}, key=date_sort_key)
        date, item = next((date, item) for date, item in dated if date.iso == isos[-1])
        next_date, source = date.iso, item.words()
        checks.extend(date.checks)
        if len(isos) > 1:
            checks.append(f"the record gives more than one next review date ({', '.join(isos)}): kept the latest")
        by = tidy(item.who) or None
    if by is None and lines.review_by:
        by = lines.review_by
        checks.append(f'who reviews the policy read from the sentence "{lines.review_sentence}"')
    every = lines.every_months
    if every:
        checks.append(f'review every {every} months read from the sentence "{lines.review_sentence}"')
    if source is None and lines.review_sentence and (by or every):
        source = lines.review_sentence
    return next_date, by, source, every


def find_records(original: Sequence[Block]) -> Records:
    """The approval / ratification / review record of a document, and the blocks it used up."""
    # A table that came as lines stands where its first line was; its other lines are left empty.
    blocks: list[Block] = list(original)
    flat = {table.blocks[0]: table for table in flat_tables(original)}
    for first, table in flat.items():
        blocks[first] = table.table
        for index in table.blocks[1:]:
            blocks[index] = Paragraph(())
    lines = read_lines(blocks)
    items: list[Item] = []
    checks: list[str] = []
    used = set(lines.record_blocks)
    table_items: dict[int, list[Item]] = {}
    carried: dict[int, Table] = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        block = carried.get(index, block)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if heading_only(block) and isinstance(following, Table) and not heading_only(following):
            # A heading row and its values as two tables (a text file's lines, a PDF's page break).
            carried[index + 1] = Table(block.rows + following.rows, following.where)
            continue
        read = read_table(index, block)
        if read is not None:
            table_items[index], table_checks = read
            checks.extend(table_checks)
            used.update({index, index - 1} if index in carried else {index})
            if index in flat:
                checks.append(flat[index].check)
                used.update(flat[index].blocks)
    # Reading order, so "the line after" and "the latest" mean what they say.
    for index in sorted(set(table_items) | {item.block for item in lines.items}):
        items.extend(table_items.get(index, []))
        items.extend(item for item in lines.items if item.block == index)
    reviews = [item for item in items if item.kind == NEXT_REVIEW]
    made = make_events([item for item in items if item.kind != NEXT_REVIEW])
    checks.extend(made.checks)
    events: tuple[FoundEvent, ...] = tuple(settle(made.drafts))
    next_date, by, source, every = _review(reviews, lines, checks)
    used -= made.unused - set(table_items)
    return Records(
        events=events,
        review_next=next_date,
        review_by=by,
        review_every_months=every,
        review_source=source,
        used=frozenset(used),
        checks=tuple(dict.fromkeys(checks)),
    )
