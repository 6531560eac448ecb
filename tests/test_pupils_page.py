"""The pupils' page as a child meets it: the policy's name in a child's words, "Who can I tell?"
with the school's trusted adults and Childline, a picture for each rule's topic, large type and
no adult wording of ours; on the demo and on a small fixture that writes none of it.

Every site is built with the CLI; the pages are read as HTML, and in a real browser at 375 px.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import material
import pytest
import yaml
from playwright.sync_api import Browser

from generator.sources.load import load_sources
from generator.sources.topics import builtin_topic_ids
from tests.helpers import BUILD_DATE, REPO, make_project, read_page, run_cli, squash
from tests.page_sentences import Data, load_interface, normal, source_text
from tests.page_text import body_pieces, sentences
from tests.test_gates import PHONE, Visit, check_pages, nu_errors, report, tools_present

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
SCHOOL = "oak-primary"
PHONES = "example-primary/policies/mobile-phones/pupils/index.html"
PUPILS_HUB = "example-primary/pupils/index.html"
CHILDLINE = "https://www.childline.org.uk/"
ICONS = Path(material.__file__).parent / "templates" / ".icons" / "material"
TOPIC_ICONS = REPO / "generator" / "render" / "topic_icons.yml"
# Words of ours that speak to adults: none of our own sentences on a pupils' page holds one.
ADULT_WORDS = {"policy", "policies", "ratified", "ratification", "clause", "clauses", "statutory", "governors", "approval", "approved", "review"}
# The parts of a pupils' page that are for grown-ups by design: the links to the other audiences'
# pages and the full policy, and the link to the approval record.
# The parts of a pupils' page for the adults with them: the other versions, the approval record, printing and the PDFs.
FOR_GROWN_UPS = re.compile(r'<nav aria-label="Versions of this policy".*?</nav>|<div class="ps-grown-ups">.*?</div>|<div class="ps-keep">.*?</div>', re.DOTALL)


def _pupils_pages(site: Path) -> list[Path]:
    return sorted(site.glob("*/policies/*/pupils/index.html"))


def _icon_path(name: str) -> str:
    """The drawing of one Material icon, as the build inlines it."""
    found = re.search(r' d="([^"]+)"', (ICONS / f"{name}.svg").read_text(encoding="utf-8"))
    assert found, name
    return found.group(1)


def _rule_icon(html: str, clause_id: str) -> str:
    """The drawing of the picture beside one rule on a pupils' page."""
    # The first picture in the rule: a rule with younger pupils' words has one beside each version.
    found = re.search(
        rf'data-clause="{clause_id}"[^>]*>(?:(?!data-clause=).)*?<span aria-hidden="true" class="twemoji ps-rule__icon"><svg [^>]*><path d="([^"]+)"', html, re.S
    )
    assert found, f"no inline picture beside {clause_id}"
    return found.group(1)


def test_a_childs_title_and_summary_head_the_pupils_page_and_list(demo_site: Path) -> None:
    page = read_page(demo_site / PHONES)
    html = (demo_site / PHONES).read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Phones at school</h1>", html)
    text = squash(page.article)
    assert "What to do with a phone or smart watch when you come to school." in text
    assert "The school's name for this: Mobile Phones Policy" in text
    assert "<title>Phones at school: pupils" in html
    hub = (demo_site / PUPILS_HUB).read_text(encoding="utf-8")
    assert re.search(r'<a href="../policies/mobile-phones/pupils/">Phones at school</a>: What to do with a phone or smart watch when you come to school.', hub)
    assert "Mobile Phones Policy" not in read_page(demo_site / PUPILS_HUB).article
    # The other audiences keep the policy's own title and summary.
    parents_hub = read_page(demo_site / "example-primary/parents/index.html").article
    assert "Mobile Phones Policy" in parents_hub and "Phones at school" not in parents_hub
    # A school adopting the trust's policy shows the trust's words for children.
    adopted = read_page(demo_site / "example-primary/policies/social-media/pupils/index.html").article
    assert "How school adults use social media" in adopted


def test_every_demo_pupils_page_has_a_childs_title(demo_site: Path) -> None:
    pages = _pupils_pages(demo_site)
    assert len(pages) == 13
    untitled = [str(p.relative_to(demo_site)) for p in pages if "The school's name for this:" not in read_page(p).article]
    assert untitled == []


def test_who_can_i_tell_names_the_trusted_adults_and_childline(demo_site: Path) -> None:
    html = (demo_site / PHONES).read_text(encoding="utf-8")
    block = re.search(r'<div class="ps-tell">(.*?)</div>', html, re.DOTALL)
    assert block, "no 'Who can I tell?' block"
    items = [squash(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", block.group(1), re.DOTALL)]
    assert items == [
        "Mr Sam Lead, who looks after keeping children safe",
        "Mrs Ann Head, the head teacher",
        "Childline: call 0800 1111 or go to childline.org.uk",
    ]
    assert '<h2 id="who-can-i-tell">Who can I tell?</h2>' in block.group(1)
    assert f'<a href="{CHILDLINE}"' in block.group(1)
    # The school's site names its own adults on the trust's policy it adopts.
    adopted = read_page(demo_site / "example-primary/policies/social-media/pupils/index.html").article
    assert "Mr Sam Lead, who looks after keeping children safe" in adopted
    st_thomas = read_page(demo_site / "st-thomas/policies/social-media/pupils/index.html").article
    assert "Karen Morris, the head teacher" in st_thomas and "Paul Campen" not in st_thomas
    # An organisation that names nobody: neutral words, then Childline.
    for org in ("bledington", "st-josephs", "st-james-emmanuel-trust"):
        text = read_page(demo_site / org / "policies/social-media/pupils/index.html").article
        assert "Who can I tell? A teacher or another adult at school Childline: call 0800 1111" in squash(text), org


def test_each_rule_has_a_picture_of_its_topic_inline(demo_site: Path) -> None:
    html = (demo_site / PHONES).read_text(encoding="utf-8")
    assert _rule_icon(html, "phones-handed-in") == _icon_path("cellphone")  # phones-and-devices
    assert _rule_icon(html, "pupils-never-photograph-others") == _icon_path("camera")  # photos-and-images
    assert _rule_icon(html, "policy-covers-everyone") == _icon_path("account-group")  # scope
    # A topic of the policy's own (the behaviour policy's `school-rules`) gets the star.
    behaviour = (demo_site / "example-primary/policies/behaviour/pupils/index.html").read_text(encoding="utf-8")
    assert _rule_icon(behaviour, "rule-ready") == _icon_path("star-circle")
    for page in _pupils_pages(demo_site):
        text = page.read_text(encoding="utf-8")
        assert "<img" not in text.split("<article", 1)[1].split("</article>", 1)[0], page
        assert text.count('class="twemoji ps-rule__icon"') == text.count('aria-hidden="true" class="twemoji ps-rule__icon"') > 0, page
        assert ":material-" not in text, f"an icon name was not turned into a picture on {page}"


def test_every_built_in_topic_has_a_picture_that_exists() -> None:
    data = yaml.safe_load(TOPIC_ICONS.read_text(encoding="utf-8"))
    assert set(data["topics"]) == builtin_topic_ids()
    missing = [name for name in [data["default"], *data["topics"].values()] if not (ICONS / f"{name}.svg").is_file()]
    assert missing == [], "no such Material icon"


def test_no_sentence_of_ours_on_a_pupils_page_speaks_to_adults(demo_site: Path) -> None:
    """Our own words on pupils' pages (every sentence not in the sources) hold no adult word; the
    school's own words, and the links for grown-ups, are not ours to change here."""
    sources = source_text(load_sources(REPO / "policy_sources"), _orgs(demo_site), REPO / "docs")
    interface, labels = load_interface()
    data = Data(sources, labels)
    ours: dict[str, set[str]] = {}
    for page in _pupils_pages(demo_site):
        html = FOR_GROWN_UPS.sub("", page.read_text(encoding="utf-8"))
        for piece in body_pieces(html):
            for sentence in sentences(piece):
                if sentence in sources:
                    continue
                entries = [p for p in interface if p.matches(normal(sentence), data)]
                fixed = {w.lower() for p in entries for w in p.fixed_words}
                if fixed & ADULT_WORDS:
                    ours.setdefault(sentence, set()).add(str(page.relative_to(demo_site)))
    assert ours == {}


def _orgs(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.is_dir() and (REPO / "policy_sources" / p.name).is_dir())


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture as it is: no child's titles, no trusted adults."""
    project = make_project(tmp_path_factory.mktemp("pupils-fallback"), FIXTURE)
    result = run_cli("build", "--output", "site", "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site" / SCHOOL


def test_without_a_childs_title_the_pupils_page_and_list_show_the_policys_own(fixture_site: Path) -> None:
    pupils_pages = sorted(fixture_site.glob("policies/*/pupils/index.html"))
    assert pupils_pages
    sources = FIXTURE / SCHOOL / "policies"
    for page in pupils_pages:
        policy = yaml.safe_load((sources / f"{page.parent.parent.name}.yml").read_text(encoding="utf-8"))
        html = page.read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>{re.escape(policy['title'])}: pupils</h1>", html), page
        assert "The school's name for this" not in html
        hub = squash(read_page(fixture_site / "pupils/index.html").article)
        assert f"{policy['title']} : {squash(policy['summary'])}" in hub
        text = squash(read_page(page).article)
        assert "Who can I tell? A teacher or another adult at school Childline: call 0800 1111 or go to childline.org.uk" in text


def _project_with(tmp_path: Path, organisation_extra: str) -> Path:
    project = make_project(tmp_path)
    shutil.copytree(FIXTURE, project / "policy_sources")
    org = project / "policy_sources" / SCHOOL / "organisation.yml"
    org.write_text(org.read_text(encoding="utf-8") + organisation_extra, encoding="utf-8")
    return project


def test_trusted_adults_are_named_with_their_role_in_a_childs_words(tmp_path: Path) -> None:
    extra = "  - {id: jo-office, name: Ms Jo Office, role: office-manager}\ntrusted_adults: [jo-office, ann-head]\n"
    project = _project_with(tmp_path, extra)
    result = run_cli("build", "--output", "site", "--date", BUILD_DATE, "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = next((project / "site" / SCHOOL).glob("policies/*/pupils/index.html"))
    text = squash(read_page(page).article)
    # A role with no child's words shows its title, made from the key as everywhere else.
    assert "Who can I tell? Ms Jo Office, Office manager Ann Head, the head teacher Childline: call 0800 1111" in text


def test_a_trusted_adult_not_among_the_people_is_an_error(tmp_path: Path) -> None:
    project = _project_with(tmp_path, "trusted_adults: [ann-head, sam-nobody]\n")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    org = (project / "policy_sources" / SCHOOL / "organisation.yml").read_text(encoding="utf-8")
    line = org.splitlines().index("trusted_adults: [ann-head, sam-nobody]") + 1
    assert f"organisation.yml:{line}: 'sam-nobody' is not listed under people; add them there or fix the id" in result.stdout + result.stderr


# In the browser: what a child sees on a phone.

PHONE_PAGES = [PHONES, "bledington/policies/social-media/pupils/index.html"]
LAYOUT = """() => {
  const tell = document.querySelector(".ps-tell");
  const rule = [...document.querySelectorAll(".ps-rule p")].find((p) => p.querySelector("svg") && p.offsetParent !== null);
  const box = tell ? tell.getBoundingClientRect() : null;
  return {
    ratification: document.querySelectorAll(".ps-ratification, .admonition").length,
    tellShown: !!box && box.width > 0 && box.height > 0 && getComputedStyle(tell).visibility === "visible",
    tellText: tell ? tell.innerText : "",
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    ruleFont: parseFloat(getComputedStyle(rule).fontSize),
    bodyFont: parseFloat(getComputedStyle(document.querySelector(".md-typeset")).fontSize),
    icon: rule.querySelector("svg").getBoundingClientRect().width,
  };
}"""
LINE_LENGTH = """() => {
  const rule = [...document.querySelectorAll(".ps-rule p")].find((p) => p.querySelector("svg") && p.offsetParent !== null);
  return rule.getBoundingClientRect().width / parseFloat(getComputedStyle(rule).fontSize);
}"""


def test_on_a_phone_the_pupils_page_shows_who_to_tell_in_large_type(browser: Browser, demo_server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
    try:
        tab = context.new_page()
        for path in PHONE_PAGES:
            tab.goto(demo_server + path.removesuffix("index.html"))
            seen = tab.evaluate(LAYOUT)
            assert seen["ratification"] == 0, path
            assert seen["tellShown"], path
            assert "Who can I tell?" in seen["tellText"] and "Childline: call 0800 1111" in seen["tellText"]
            assert seen["scrollWidth"] <= seen["clientWidth"], f"{path} scrolls sideways at 375 px"
            assert seen["ruleFont"] >= 1.2 * seen["bodyFont"], "the rules are in large type"
            assert seen["icon"] >= seen["ruleFont"], "the picture is at least as big as the words"
        tab.goto(demo_server + PHONES.removesuffix("index.html"))
        assert "Mr Sam Lead, who looks after keeping children safe" in tab.evaluate(LAYOUT)["tellText"]
    finally:
        context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = wide.new_page()
        tab.goto(demo_server + PHONES.removesuffix("index.html"))
        assert tab.evaluate(LINE_LENGTH) <= 30.5, "a rule's lines are short on a wide screen too"
    finally:
        wide.close()


def test_pupils_pages_pass_the_accessibility_and_html_gates(browser: Browser, demo_site: Path, demo_server: str) -> None:
    """axe (on a phone, light and dark) and the Nu checker on the pupils' pages, which the full
    gate tests also cover with every other page."""
    tools_present()
    visits = [
        Visit(path, demo_server + path.removesuffix("index.html"), demo_server)
        for path in [PHONES, "st-thomas/policies/social-media/pupils/index.html", "bledington/policies/social-media/pupils/index.html"]
    ]
    problems = [p for scheme in ("light", "dark") for p in check_pages(browser, scheme, visits, phone=True)]  # type: ignore[arg-type]
    problems += nu_errors(_pupils_pages(demo_site) + [demo_site / PUPILS_HUB])
    assert not problems, report(problems)
