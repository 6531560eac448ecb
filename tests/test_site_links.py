"""Links in policy text work on every page the text is drawn on, and every link that would not is an error.

The site-relative forms (`policy:ID`, `policy:ID#id`, `#id`, `/path`) are written for each page
they land on: a small site is built with the CLI and every link of its full, audience and
version pages is followed to a file of the built site (and the id it names). Each kind of bad
link is reported by `policy-site validate` at its own line, all in one run.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import BUILD_DATE, make_project, run_cli
from tests.test_errors import FIXTURE
from tests.test_links import _errors_at
from tests.trust_sources import write_trust

AUP = "policy_sources/oak-primary/policies/acceptable-use.yml"
SOCIAL = "policy_sources/oak-primary/policies/social-media.yml"
RELATIVE = "is relative to the page it is on"

# Appended to the fixture's acceptable-use policy: each bad link on a line of its own, as a
# clause's list item, with the words its error must hold (None: a link that works everywhere).
LINKS: list[tuple[str, list[str] | None]] = [
    ("[rules](policy:social-media#staff-use)", None),
    ("[our rule](#passwords)", None),
    ("[the form](/forms/aup.pdf)", None),
    ("[accessibility](/accessibility/)", None),
    ("[the council](https://www.oak.example/council), [mail](mailto:office@oak.example), [ring](tel:01234567890)", None),
    ("[behaviour](policy:behaviour)", ["policy 'behaviour', which this site does not carry", "policies here: acceptable-use, social-media"]),
    ("[friends](policy:social-media#no-friends)", ["goes to 'no-friends'", "the policy 'social-media' has no section, clause or procedure"]),
    ("[ours](#pasword)", ["this policy has no section", "did you mean 'passwords'?"]),
    ("[social](../social-media/#staff-use)", [RELATIVE, "write `policy:social-media#staff-use`"]),
    ("[staff](staff/)", [RELATIVE, "`/staff/`"]),
    ("[page](other.md)", [RELATIVE, "`/other.md`"]),
    ("[up](./#rules)", [RELATIVE, "`#rules`"]),
    ("<a href='../social-media/'>social</a>", [RELATIVE, "`policy:social-media`"]),
    ("[missing](/forms/missing.pdf)", ["docs/forms/missing.pdf, which does not exist"]),
    ("[policy path](/policies/social-media/)", ["write `policy:social-media`"]),
    ("[old](http://www.oak.example/old)", ["not secure (http://)", "write https://www.oak.example/old"]),
    ("[nowhere](#)", ["goes nowhere"]),
]

SECTION_REFS = """\
        see:
          - {id: social-media, section: pupil-use}
          - {id: social-media, section: pupil-uses}
          - {name: Behaviour Policy, section: sanctions}
forms:
  - title: Acceptable use agreement
    url: /forms/aup.pdf
  - title: Old agreement
    url: http://www.oak.example/aup.pdf
  - title: Photo agreement
    policy: behaviour
  - title: Two places
    url: https://www.oak.example/aup.pdf
    policy: social-media
  - title: Section of a policy
    policy: social-media
    section: no-such-section
"""

REF_ERRORS = {
    "- {id: social-media, section: pupil-uses}": ["`section: pupil-uses`", "did you mean 'pupil-use'?"],
    "- {name: Behaviour Policy, section: sanctions}": ["`section: sanctions` needs the id of the policy", "add `id:"],
    "url: http://www.oak.example/aup.pdf": ["not secure (http://)"],
    "policy: behaviour": ["this form goes to the policy 'behaviour', which this site does not carry"],
    "- title: Two places": ["needs either `url:`", "not both"],
    "section: no-such-section": ["`section: no-such-section`", "the policy 'social-media' has no section"],
}


def _with_files(project: Path) -> Path:
    (project / "docs" / "forms").mkdir()
    (project / "docs" / "forms" / "aup.pdf").write_bytes(b"%PDF-1.4\n")
    return project


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    project = _with_files(make_project(tmp_path_factory.mktemp("bad-links"), FIXTURE))
    items = "".join(f"          - {_quoted(text)}\n" for text, _ in LINKS)
    clause = f"      - id: links\n        text: Links.\n        strength: must\n        audiences: [staff]\n        items:\n{items}{SECTION_REFS}"
    path = project / AUP
    path.write_text(path.read_text(encoding="utf-8") + clause, encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return path.read_text(encoding="utf-8"), result.stderr.splitlines()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line(text: str, written: str) -> int:
    return text[: text.index(written)].count("\n") + 1


@pytest.mark.parametrize("link,words", LINKS, ids=[text[:40] for text, _ in LINKS])
def test_each_bad_link_is_reported_at_its_line(reported: tuple[str, list[str]], link: str, words: list[str] | None) -> None:
    text, errors = reported
    line = _line(text, _quoted(link))
    here = [e for e in errors if e.startswith(f"{AUP}:{line}: ")]
    if words is None:
        assert not here, here
    else:
        assert any(all(w in e for w in words) for e in here), (line, words, here)


@pytest.mark.parametrize("written", list(REF_ERRORS))
def test_section_references_and_forms_are_checked(reported: tuple[str, list[str]], written: str) -> None:
    text, errors = reported
    line = _line(text, written)
    assert any(e.startswith(f"{AUP}:{line}: ") and all(w in e for w in REF_ERRORS[written]) for e in errors), (line, errors)


def test_all_are_reported_in_one_run(reported: tuple[str, list[str]]) -> None:
    _, errors = reported
    expected = sum(1 for _, words in LINKS if words) + len(REF_ERRORS)
    assert f"{expected} errors found; nothing was built or changed." in errors, errors[-1]


def test_overlay_links_are_checked_against_the_schools_site(tmp_path: Path) -> None:
    clause = {"id": "own", "text": "See [the rules](../online-safety/#rules).", "strength": "may", "audiences": ["staff"], "topic": "reporting"}
    overlay = {"add": [{"section": "contact", "clause": clause}], "replace": [], "remove": []}
    overlay["add"].append({"section": "contact", "clause": clause | {"id": "own-2", "text": "See [gone](#no-private-message)."}})
    root = write_trust(tmp_path / "src", overlay)
    wanted = {"text: See [the rules]": [RELATIVE, "`policy:online-safety#rules`"], "text: See [gone]": ["did you mean 'no-private-messages'?"]}
    _errors_at(make_project(tmp_path, root), "policy_sources/ash/overlays/online-safety.yml", wanted)


# The working links, in text shown on the full page, the staff and parents' pages and the
# version page, in a section reference and in forms.
GOOD_CLAUSE = """\
      - id: links
        number: "1.3"
        text: "Read [the pupils' section](policy:social-media#pupil-use), [our rule](#parents-photos), [the agreement](/forms/aup.pdf), [accessibility](/accessibility/)."
        strength: must
        audiences: [staff, parents]
        topic: contact-with-pupils
        plain:
          parents: "See [the passwords rule](policy:acceptable-use#passwords) and [the staff section](#staff-use)."
        see:
          - {id: acceptable-use, section: passwords, name: Acceptable Use Policy}
          - {id: social-media, section: pupil-use, name: Social Media Policy}
"""
GOOD_FORMS = """\
forms:
  - title: Home-school agreement
    url: /forms/aup.pdf
    note: Signed each September. [Read the rules](#staff-use).
  - title: Password agreement
    policy: acceptable-use
    section: passwords
    audiences: [staff]
"""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[tuple[str, str]] = []
        self._article = 0
        self._link: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        self._article += tag == "article"
        if tag == "a" and self._article and a.get("href") is not None:
            self._link, self._text = str(a["href"]), ""

    def handle_endtag(self, tag: str) -> None:
        self._article -= tag == "article"
        if tag == "a" and self._link is not None:
            self.hrefs.append((self._link, " ".join(self._text.split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._text += data


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    path = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    return (path / "index.html" if path.is_dir() or parts.path.endswith("/") else path), parts.fragment


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("good-links")
    project = _with_files(make_project(tmp, FIXTURE))
    path = project / SOCIAL
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: pupil-use\n", GOOD_CLAUSE + "  - id: pupil-use\n", 1) + GOOD_FORMS, encoding="utf-8")
    for args in (["validate"], ["freeze", "social-media", "--school", "oak-primary"], ["build", "--output", str(tmp / "site"), "--date", BUILD_DATE]):
        result = run_cli(*args, cwd=project)
        assert result.returncode == 0, (args, result.stderr, result.stdout)
    return tmp / "site" / "oak-primary"


PAGES = ["policies/social-media/index.html", "policies/social-media/staff/index.html", "policies/social-media/parents/index.html"]


@pytest.mark.parametrize("page", [*PAGES, "version"])
def test_every_link_on_the_page_reaches_a_file_and_its_id(built: Path, page: str) -> None:
    if page == "version":
        versions = sorted((built / "policies/social-media/versions").glob("*/index.html"))
        assert versions, "the frozen version has a page"
        path = versions[0]
        assert any(words == "the pupils' section" for _, words in _parse(path).hrefs)
    else:
        path = built / page
    links = _parse(path)
    assert links.hrefs
    for href, words in links.hrefs:
        if re.match(r"^(https?|mailto|tel):", href):
            continue
        target, fragment = _target(path, href)
        assert target.is_file(), f"{path.relative_to(built)}: '{words}' goes to {href}, which is not in the site"
        if fragment:
            assert fragment in _parse(target).ids, f"{path.relative_to(built)}: '{words}' goes to {href}, whose page has no id '{fragment}'"


def _hrefs_named(built: Path, page: str) -> dict[str, str]:
    """Each link's words and where the first link with those words goes (a reference by id alone
    reads as the policy's title, so the related policies' "Acceptable Use Policy" comes after the
    clause's see-also link of the same words)."""
    links: dict[str, str] = {}
    for href, words in _parse(built / page).hrefs:
        links.setdefault(words, href)
    return links


@pytest.mark.parametrize("page", PAGES)
def test_site_relative_links_go_where_they_say(built: Path, page: str) -> None:
    links = _hrefs_named(built, page)
    path = built / page
    expected = {
        "the agreement": (built / "forms/aup.pdf", ""),
        "accessibility": (built / "accessibility/index.html", ""),
        "Acceptable Use Policy": (built / "policies/acceptable-use/index.html", "passwords"),
        "Social Media Policy, 2 Pupil use": (built / "policies/social-media/index.html", "pupil-use"),
        "Home-school agreement": (built / "forms/aup.pdf", ""),
        "Read the rules": (built / "policies/social-media/index.html", "staff-use"),
    }
    if "parents" in page:
        expected |= {"the passwords rule": (built / "policies/acceptable-use/index.html", "passwords")}
        expected |= {"the staff section": (built / "policies/social-media/index.html", "staff-use")}
        del expected["the agreement"], expected["accessibility"]
    else:
        expected |= {"the pupils' section": (built / "policies/social-media/index.html", "pupil-use")}
        expected |= {"our rule": (built / "policies/social-media/index.html", "parents-photos")}
        expected |= {"Password agreement": (built / "policies/acceptable-use/index.html", "passwords")}
    for words, (file, fragment) in expected.items():
        href = next((h for w, h in links.items() if w.startswith(words)), None)
        assert href is not None, f"{page}: no link '{words}' in {sorted(links)}"
        assert _target(path, href) == (file.resolve(), fragment), (page, words, href)


def test_forms_are_listed_for_their_audiences(built: Path) -> None:
    parents = _hrefs_named(built, "policies/social-media/parents/index.html")
    staff = _hrefs_named(built, "policies/social-media/staff/index.html")
    assert "Password agreement" in staff and "Password agreement" not in parents
    assert "Home-school agreement" in staff and "Home-school agreement" in parents
    assert 'id="forms-and-agreements"' in (built / "policies/social-media/index.html").read_text(encoding="utf-8")


def test_a_link_the_page_cannot_carry_shows_its_words() -> None:
    from generator.sources.inert_text import inert_markdown

    def rewrite(address: str) -> str | None:
        return None if address == "policy:phones" else "../ok/index.md"

    text = "See [the phones policy](policy:phones) and [ours](policy:ok)."
    assert inert_markdown(text, rewrite) == "See the phones policy and [ours](../ok/index.md)."


def test_a_trust_link_to_a_clause_the_school_removed_goes_to_the_policy(tmp_path: Path) -> None:
    import yaml

    root = write_trust(tmp_path / "src")
    path = root / "oak-trust" / "policies" / "online-safety.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    clause = data["sections"][0]["clauses"][0]
    clause["text"] += " See [private messages](#no-private-messages)."
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    project = make_project(tmp_path, root)
    result = run_cli("build", "--output", str(tmp_path / "site"), "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stderr + result.stdout
    for school, href in (("ash", "../"), ("birch", "../#no-private-messages"), ("oak-trust", "../#no-private-messages")):
        links = _hrefs_named(tmp_path / "site" / school, "policies/online-safety/staff/index.html")
        assert links.get("private messages") == href, (school, links)
