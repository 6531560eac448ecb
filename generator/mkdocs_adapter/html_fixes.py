"""Corrections to Material's rendered HTML that no template block or CSS can make.

Each fix matches Material's markup exactly and changes nothing else: if a Material upgrade
changes that markup, the fix stops matching and the HTML gates in tests/test_gates.py say so.
"""

from __future__ import annotations

import re

# Material's base.html writes autocomplete="off" on its two hidden toggle checkboxes, outside
# any block we could override. It keeps Firefox from restoring an open navigation drawer after
# a reload, but the attribute is invalid on a checkbox: the Nu HTML Checker reports two errors
# on every page. A drawer that reopens is closed with one tap; invalid HTML on every page is a
# failed validity check for every school.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')

# The table of contents' title is a <label for="__toc">, for a checkbox that Material only
# writes into the navigation entry of the current page. Pages kept out of the navigation
# (history, archived versions, comparisons) have no such checkbox, and a label pointing at a
# missing control is invalid HTML; without `for` it is still the title of the contents.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_INPUT = 'id="__toc"'


def fix_page_html(html: str) -> str:
    """The page as Material rendered it, made valid HTML; the same text for any other input."""
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    if _TOC_LABEL in html and _TOC_INPUT not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
