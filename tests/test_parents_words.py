"""Parents' pages explain the words they use where they first appear, and say in plain words what happens if a rule is broken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.views.glossary import built_in
from tests.helpers import BUILD_DATE, make_project, read_page, run_cli, squash

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
POLICY = """\
id: online-safety
title: Online Safety Policy
summary: How Oak keeps pupils safe online, with help from the DSL.
topics:
  - {id: talking-to-the-dsl, title: Talking to the DSL}
sections:
  - id: worries
    title: Worries about the DSL and CEOP
    clauses:
      - id: tell-the-dsl
        text: Parents should tell the DSL about any worry.
        strength: should
        audiences: [parents]
        topic: talking-to-the-dsl
        plain:
          parents: Tell the DSL about any worry. The DSL will listen.
      - id: report-to-ceop
        text: Parents may report online abuse to CEOP.
        strength: may
        audiences: [parents]
        topic: reporting
        plain:
          parents: You can report it to [CEOP](https://www.ceop.police.uk/). CEOP is there for this.
      - id: no-sexting
        term: sexting
        text: Sexting means sending a nude picture by phone.
        strength: info
        audiences: [school]
        informs: [parents]
        topic: definitions
        plain:
          parents: Sexting means sending a nude picture by phone.
      - id: sexting-reported
        text: The school reports sexting and teaches PSHE and Forest School.
        strength: info
        audiences: [school]
        informs: [parents]
        topic: sexting
        plain:
          parents: The school reports sexting. Your child learns about it in PSHE and in Forest School.
      - id: no-abuse
        text: Parents must not be abusive to staff.
        strength: must-not
        audiences: [parents]
        topic: posting-content
        consequence: The school may limit the complainant's contact with the school.
        plain_consequence:
          parents: The school may limit how you can contact it.
        plain:
          parents: Do not be abusive to staff.
      - id: no-filming
        text: Parents must not film in school.
        strength: must-not
        audiences: [parents]
        topic: photos-and-images
        consequence: You will be asked to leave the premises.
        plain:
          parents: Do not film in school.
"""
GLOSSARY = """\
glossary:
  PSHE: our lessons on health and growing up
  Forest School: our lessons outdoors in the woods
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("words"), FIXTURE)
    org = project / "policy_sources" / "oak-primary"
    (org / "policies" / "online-safety.yml").write_text(POLICY, encoding="utf-8")
    (org / "organisation.yml").write_text((org / "organisation.yml").read_text(encoding="utf-8") + GLOSSARY, encoding="utf-8")
    result = run_cli("build", "--output", "site", "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stderr + result.stdout
    return project / "site" / "oak-primary" / "policies" / "online-safety"


def _html(site: Path, page: str = "parents") -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def _ours(term: str) -> str:
    return next(d.means for d in built_in() if d.term == term)


def test_an_acronym_is_explained_once_where_it_first_appears_and_not_in_headings(site: Path) -> None:
    html = _html(site)
    assert html.count('<dfn class="ps-term"><abbr>DSL</abbr></dfn>') == 1
    # The first use is the summary at the top of the page; the headings above and below it are left alone.
    lead = re.search(r'<p class="ps-lead">(.*?)</p>', html, re.DOTALL)
    assert lead and f'<abbr>DSL</abbr></dfn><span class="ps-gloss"> ({_ours("DSL")})</span>' in lead.group(1)
    assert all("<dfn" not in h for h in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", html, re.DOTALL))
    assert ">Talking to the DSL</h3>" in html
    text = squash(read_page(site / "parents" / "index.html").article)
    assert "Tell the DSL about any worry. The DSL will listen." in text
    assert text.count(_ours("DSL")) == 1 + 1  # in brackets once, and in the list at the end


def test_a_word_inside_a_link_is_not_explained_there_but_at_its_next_use(site: Path) -> None:
    html = _html(site)
    link = re.search(r'<a href="https://www.ceop.police.uk/"[^>]*>(.*?)</a>', html)
    assert link and link.group(1) == "CEOP"
    assert f'<dfn class="ps-term"><abbr>CEOP</abbr></dfn><span class="ps-gloss"> ({_ours("CEOP")})</span> is there for this.' in html


def test_the_policys_own_definition_wins_over_ours(site: Path) -> None:
    html = _html(site)
    assert '<dfn class="ps-term">sexting</dfn><span class="ps-gloss"> (sending a nude picture by phone)</span>' in html
    assert _ours("sexting") not in html


def test_the_schools_glossary_overrides_ours_and_adds_its_own_words(site: Path) -> None:
    html = _html(site)
    assert '<dfn class="ps-term"><abbr>PSHE</abbr></dfn><span class="ps-gloss"> (our lessons on health and growing up)</span>' in html
    assert '<dfn class="ps-term">Forest School</dfn><span class="ps-gloss"> (our lessons outdoors in the woods)</span>' in html
    assert _ours("PSHE") not in html
    text = squash(read_page(site / "parents" / "index.html").article)
    words = text[text.index("What the words mean") :]
    # Each list says whose explanations it holds.
    assert "Oak School's explanations of other words on this page: PSHE our lessons on health and growing up Forest School" in words
    assert "with general explanations written for this site. They are not the school's own words. DSL" in words


def test_the_full_policy_keeps_the_schools_words_alone(site: Path) -> None:
    html = _html(site, ".")
    assert "ps-gloss" not in html and "<dfn" not in html.replace("<dfn>sexting</dfn>", "")


def test_a_hard_consequence_is_told_in_plain_words_with_the_schools_one_tap_away(site: Path) -> None:
    page = read_page(site / "parents" / "index.html")
    rule = squash(page.clauses["no-abuse"])
    assert "If this rule is broken: The school may limit how you can contact it." in rule
    assert "The school's words The school may limit the complainant's contact with the school." in rule
    details = re.search(r'<details class="ps-school-words">\s*<summary>The school\'s words</summary>(.*?)</details>', _html(site), re.DOTALL)
    assert details and "the complainant's contact" in details.group(1)


def test_without_plain_words_the_schools_consequence_is_shown(site: Path) -> None:
    rule = squash(read_page(site / "parents" / "index.html").clauses["no-filming"])
    assert "If this rule is broken: You will be asked to leave the premises." in rule
    assert "The school's words" not in rule


def test_plain_words_for_a_consequence_are_checked_against_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    policy = project / "policy_sources" / "oak-primary" / "policies" / "online-safety.yml"
    policy.write_text(POLICY.replace("parents: The school may limit how you can contact it.", "parents: You will be excluded."), encoding="utf-8")
    warnings = [line for line in run_cli("validate", cwd=project).stderr.splitlines() if "for what happens if it is broken" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: policy_sources/oak-primary/policies/online-safety.yml:")
    assert "excluded" in warnings[0]
    reviewed = POLICY.replace("parents: The school may limit how you can contact it.", "parents: You will be excluded.\n          reviewed: a test of the answer")
    policy.write_text(reviewed, encoding="utf-8")
    assert "for what happens if it is broken" not in run_cli("validate", cwd=project).stderr
