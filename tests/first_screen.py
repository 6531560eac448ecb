"""Where the answer starts on a phone: the first rule's top edge and the page's height, measured in the browser.

Shared by the layout test (`tests/test_first_screen.py`) and the benchmark that reports the
figures per page type (`bench/first_screen.py`), so both measure the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

PHONE = {"width": 375, "height": 812}
AUDIENCE_PAGES = ("parents", "pupils", "staff", "governors")

# A rule is a clause block, a pupils' rule, or an item of the staff quick reference: whichever
# comes first in the page's content is what a reader reaches first. A page with no rules for its
# reader (a governors' page of a policy that gives them none) starts its answer at its first group.
RULES = "article .ps-clause, article .ps-rule, article .ps-quickref__group li"
GROUPS = "article h2"

_MEASURE = """([rules, groups]) => {
  const top = (element) => element ? Math.round(element.getBoundingClientRect().top + window.scrollY) : null;
  const first = document.querySelector(rules);
  const root = document.documentElement;
  return {
    first_rule: top(first),
    first_answer: top(first || document.querySelector(groups)),
    height: Math.round(root.scrollHeight),
    scroll_width: root.scrollWidth,
    client_width: root.clientWidth,
  };
}"""


@dataclass(frozen=True)
class FirstScreen:
    """One page as a phone shows it, in CSS pixels."""

    first_rule: int | None
    first_answer: int | None
    height: int
    scroll_width: int
    client_width: int

    @property
    def answer_on_first_screen(self) -> bool:
        """The first rule, or on a page without one its first group, starts on the first screen."""
        return self.first_answer is not None and self.first_answer < PHONE["height"]


def measure(page: Page) -> FirstScreen:
    """The loaded page's first rule (and first answer) offset, its height and its widths."""
    seen = page.evaluate(_MEASURE, [RULES, GROUPS])
    return FirstScreen(**seen)


def audience_pages(site: Path) -> list[str]:
    """Every policy's audience pages in a built output folder, as addresses relative to it."""
    pages = sorted(site.glob("*/policies/*/*/index.html"))
    return [p.parent.relative_to(site).as_posix() + "/" for p in pages if p.parent.name in AUDIENCE_PAGES]
