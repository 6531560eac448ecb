"""Links go only to the web, mail, phones or the site, and one-line fields stay on one line.

Known answers for every defect the red team found (script links in a reference's `url`,
reference definitions inside list items, carriage returns that start Markdown blocks), each
through `policy-site validate` as an admin would meet it, plus the address checker's table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.render.safe_html import neutralise_html
from generator.sources.inert_text import escape_plain, inert_markdown, theme_safe
from generator.sources.links import check_url, link_targets, text_link_problems, url_scheme
from tests.helpers import make_project, run_cli
from tests.test_errors import FIXTURE
from tests.trust_sources import write_trust

POLICY = "policy_sources/oak-primary/policies/hostile.yml"
ORG = "policy_sources/oak-primary/organisation.yml"
SCRIPT = "would run code"
NOT_CARRIED = "which this site does not carry"
ONE_LINE = "must be one line"
TWO_SLASHES = "two slashes"
REF_IN_LIST = "Read the [complaints procedure][c].\n\n- [c]: javascript:alert(document.domain)"
WITHDRAWN = "Social Media Policy\r\r!!! danger\r    This policy has been withdrawn"

# Each @KEY@ becomes one JSON (so YAML double-quoted) string on its own line.
SKELETON = """\
id: hostile
title: @title@
summary: @summary@
intro: @intro@
history:
  - event: ratified
    date: "2025-01-29"
    version: "1"
    body: @body@
    note: @note@
    changes:
      parents: @changes@
related_policies:
  - {name: Complaints Policy, url: @rel_js@}
  - {name: Complaints Policy, url: @rel_upper@}
  - {name: Complaints Policy, url: @rel_mixed@}
  - {name: Complaints Policy, url: @rel_space@}
  - {name: Complaints Policy, url: @rel_tab@}
  - {name: Complaints Policy, url: @rel_newline@}
  - {name: Complaints Policy, url: @rel_cr@}
  - {name: Complaints Policy, url: @rel_ok@}
  - {name: Complaints Policy, url: @rel_site@}
  - {name: Complaints Policy, url: @rel_relative@}
statutory_references:
  - {name: KCSIE, url: @stat_colon@}
  - {name: KCSIE, url: @stat_entity@}
  - {name: KCSIE, url: @stat_ftp@}
  - {name: KCSIE, url: @stat_slashes@}
school_accounts:
  - {platform: @platform@, address: @account_js@}
  - {platform: Twitter, address: @account_handle@}
sections:
  - id: rules
    title: @section_title@
    clauses:
      - id: one
        text: @text_dash@
        strength: must
        audiences: [staff]
        see:
          - {name: Other, url: @see_tab@}
      - id: two
        text: @text_numbered@
        items:
          - @item_ref@
          - @item_paren@
        strength: must
        audiences: [parents]
        plain:
          parents: @plain_ref@
        consequence: @consequence@
      - id: three
        number: @number@
        term: @term@
        text: @text_angle@
        summary: @clause_summary@
        strength: must
        audiences: [staff]
      - id: four
        text: @text_autolink@
        strength: must
        audiences: [staff]
      - id: five
        text: @text_quote@
        strength: must
        audiences: [staff]
      - id: six
        text: @text_data@
        strength: must
        audiences: [staff]
      - id: seven
        text: @text_fine@
        strength: must
        audiences: [staff]
procedures:
  - id: report
    title: Reporting
    audiences: [staff]
    steps:
      - text: @step@
      - text: Tell the head.
closing: @closing@
"""

# key: (value, words the error on its line must hold; None: no error on that line)
CASES: dict[str, tuple[str, list[str] | None]] = {
    "title": (WITHDRAWN, [ONE_LINE, "carriage return"]),
    "summary": ("How Oak works.\u2028!!! danger", [ONE_LINE, "line separator"]),
    "intro": ("See [the form](data:text/html,<script>alert(1)</script>).", [SCRIPT, "'data:'"]),
    "body": ("Full Governing Body\r!!! danger", [ONE_LINE]),
    "note": ("[record](javascript:alert(1))", [SCRIPT]),
    "changes": ("Read [this][x]\n\n* [x]: JavaScript:alert(1)", [SCRIPT]),
    "rel_js": ("javascript:alert(document.domain)", [SCRIPT, "'javascript:'", "https://"]),
    "rel_upper": ("JAVASCRIPT:alert(1)", [SCRIPT]),
    "rel_mixed": ("JaVaScRiPt:alert(1)", [SCRIPT]),
    "rel_space": (" javascript:alert(1)", [SCRIPT]),
    "rel_tab": ("\tjavascript:alert(1)", [SCRIPT]),
    "rel_newline": ("javascript:alert(1)\n", [SCRIPT]),
    "rel_cr": ("https://www.oak.example/complaints\r\r!!! danger\r    withdrawn", [ONE_LINE]),
    "rel_ok": ("https://www.oak.example/complaints", None),
    "rel_site": ("policy:acceptable-use#rules", None),
    "rel_relative": ("../acceptable-use/#rules", ["relative to the page it is on", "write `policy:acceptable-use#rules`"]),
    "stat_colon": ("javascript&colon;alert(1)", [SCRIPT]),
    "stat_entity": ("&#106;avascript:alert(1)", [SCRIPT]),
    "stat_ftp": ("ftp://files.example/kcsie.pdf", [NOT_CARRIED, "'ftp:'"]),
    "stat_slashes": ("//evil.example/kcsie", [TWO_SLASHES, "https://"]),
    "platform": ("Facebook\x1c!!! danger", [ONE_LINE]),
    "account_js": ("javascript:alert(1)", [SCRIPT]),
    "account_handle": ("@oakprimary", None),
    "section_title": ("Rules\x0b!!! danger", [ONE_LINE, "vertical tab"]),
    "text_dash": (REF_IN_LIST, [SCRIPT]),
    "see_tab": ("java\tscript:alert(1)", [SCRIPT]),
    "text_numbered": ("Read the [procedure][c].\n\n1. [c]: javascript:alert(document.domain)", [SCRIPT]),
    "item_ref": ("See [c].\n\n1) [c]: vbscript:msgbox(1)", [SCRIPT, "'vbscript:'"]),
    "item_paren": ("[x]( javascript:alert(1) )", [SCRIPT]),
    "plain_ref": ("Read [it][c].\n\n+ [c]:\n  javascript:alert(1)", [SCRIPT]),
    "consequence": ("See [the rules](file:///etc/passwd).", [NOT_CARRIED, "'file:'"]),
    "number": ("1\u2029!!! danger", [ONE_LINE, "paragraph separator"]),
    "term": ("word\x85more", [ONE_LINE, "next-line"]),
    "text_angle": ("[x](<javascript:alert(1)>)", [SCRIPT]),
    "clause_summary": ("Never.\x0c!!! danger", [ONE_LINE, "form feed"]),
    "text_autolink": ("Go to <javascript:alert(1)>.", [SCRIPT]),
    "text_quote": ("Quote:\n\n> [c]: vbscript:msgbox(1)\n\nSee [c].", [SCRIPT]),
    "text_data": ("Open data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", [SCRIPT, "data:"]),
    "text_fine": (
        "Write to [the office](mailto:office@oak.example), ring [us](tel:+441234567890), read [the rules](https://www.oak.example/rules), "
        "[AUP](policy:acceptable-use) or [below](#rules). JavaScript: a language we teach. Personal data: we keep it safe.",
        None,
    ),
    "step": ("Open [the form](java&#x09;script:alert(1)).", [SCRIPT]),
    "closing": ("[x](%6Aavascript:alert(1))", [SCRIPT]),
}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, list[str]], dict[str, int]]:
    """One validate run over a copy of the sources holding every case (errors come all at once)."""
    project = make_project(tmp_path_factory.mktemp("links"), FIXTURE)
    text, lines = SKELETON, {}
    for number, line in enumerate(SKELETON.splitlines(), start=1):
        for key in re.findall(r"@(\w+)@", line):
            lines[key] = number
    for key, (value, _) in CASES.items():
        text = text.replace(f"@{key}@", json.dumps(value))
    assert "@" not in text.replace("@oakprimary", "").replace("office@oak", ""), "every @KEY@ has a case"
    (project / POLICY).write_text(text, encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    by_line: dict[int, list[str]] = {}
    for error in result.stderr.splitlines():
        if error.startswith(f"{POLICY}:"):
            by_line.setdefault(int(error.split(":")[1]), []).append(error)
    return project, by_line, lines


@pytest.mark.parametrize("key", list(CASES))
def test_known_answer_in_policy_file(reported: tuple[Path, dict[int, list[str]], dict[str, int]], key: str) -> None:
    _, by_line, lines = reported
    value, words = CASES[key]
    line = lines[key]
    errors = by_line.get(line, [])
    if words is None:
        assert not errors, f"{key} ({value!r}) is allowed, yet: {errors}"
        return
    matching = [e for e in errors if all(w in e for w in words)]
    assert matching, f"{key} ({value!r}): no error at {POLICY}:{line}: with {words}; errors there: {errors}"
    assert matching[0].startswith(f"{POLICY}:{line}: ")


def test_nothing_else_is_reported(reported: tuple[Path, dict[int, list[str]], dict[str, int]]) -> None:
    _, by_line, lines = reported
    expected = {lines[k] for k, (_, words) in CASES.items() if words}
    assert set(by_line) == expected, {n: by_line[n] for n in set(by_line) - expected}


def _errors_at(project: Path, rel: str, wanted: dict[str, list[str]]) -> None:
    """Validate; each line starting with a key of `wanted` must have an error with its words."""
    result = run_cli("validate", cwd=project)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    text = (project / rel).read_text(encoding="utf-8").splitlines()
    errors = [e for e in result.stderr.splitlines() if e.startswith(rel)]
    for key, words in wanted.items():
        line = next(n for n, content in enumerate(text, start=1) if content.strip().startswith(key))
        assert any(e.startswith(f"{rel}:{line}: ") and all(w in e for w in words) for e in errors), (key, line, errors)


def test_organisation_file_links(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    path = project / ORG
    text = path.read_text(encoding="utf-8")
    welcome = 'welcome: "Read [this][w].\\n\\n- [w]: javascript:alert(1)"\n'
    text = text.replace("short_name: Oak School\n", 'short_name: Oak School\nwebsite: "JavaScript:alert(1)"\n' + welcome)
    text = text.replace('  phone: "01234 567890"\n', '  phone: "01234 567890"\n  concerns: "[Email us](vbscript:msgbox(1))"\n')
    text = text.replace("    name: Ann Head\n", '    name: "[Ann](javascript:alert(1))"\n')
    path.write_text(text, encoding="utf-8")
    _errors_at(project, ORG, {"website": [SCRIPT], "welcome": [SCRIPT], "concerns": [SCRIPT, "vbscript"], 'name: "[Ann': [SCRIPT]})


def test_organisation_file_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    path = project / ORG
    text = path.read_text(encoding="utf-8").replace('  phone: "01234 567890"\n', '  phone: "01234 567890\\r!!! danger"\n')
    path.write_text(text.replace("name: Oak Primary School\n", 'name: "Oak Primary School\\r\\r!!! danger"\n'), encoding="utf-8")
    _errors_at(project, ORG, {"phone": [ONE_LINE, "carriage return"], 'name: "Oak': [ONE_LINE]})


OVERLAY = "policy_sources/ash/overlays/online-safety.yml"
OWN_CLAUSE = {"id": "own", "text": "Read [it][c].\n\n- [c]: javascript:alert(1)", "strength": "may", "audiences": ["staff"], "topic": "reporting"}


def test_overlay_file_links(tmp_path: Path) -> None:
    root = write_trust(tmp_path / "src", {"values": {"role.dsl": "[Ms Lead](javascript:alert(1))"}, "add": [{"section": "contact", "clause": OWN_CLAUSE}]})
    _errors_at(make_project(tmp_path, root), OVERLAY, {"role.dsl": [SCRIPT], "text:": [SCRIPT]})


def test_overlay_file_one_line(tmp_path: Path) -> None:
    root = write_trust(tmp_path / "src", {"values": {"school.phone": "01000\r!!! danger"}})
    _errors_at(make_project(tmp_path, root), OVERLAY, {"school.phone": [ONE_LINE]})


def test_folded_scalar_trailing_newline_is_accepted(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURE)
    path = project / "policy_sources/oak-primary/policies/social-media.yml"
    text = path.read_text(encoding="utf-8").replace("title: Social Media Policy\n", "title: >\n  Social Media\n  Policy\n")
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr


RATIFY = ["ratify", "social-media", "--school", "oak-primary", "--date", "2026-02-01", "--note-governors", "Reviewed."]


@pytest.mark.parametrize(
    "args,words",
    [
        ([*RATIFY, "--body", "Full Governing Body\r\r!!! danger\r    This policy has been withdrawn"], ["--body:", ONE_LINE, "carriage return"]),
        ([*RATIFY, "--body", "Board", "--note", "Done.\r!!! danger"], ["--note:", ONE_LINE]),
        ([*RATIFY, "--body", "Board", "--signed-by", "Chair: Mrs A\u2028Smith"], ["--signed-by:", ONE_LINE]),
        ([*RATIFY, "--body", "Board", "--note-parents", "See [this](javascript:alert(1))"], ["--note-parents:", SCRIPT]),
        (["correct", "social-media", "--school", "oak-primary", "--date", "2026-02-01", "--note", "[x](JAVASCRIPT:alert(1))"], ["--note:", SCRIPT]),
    ],
    ids=["body-cr", "note-cr", "signed-by-u2028", "change-note-link", "correct-note-link"],
)
def test_ratify_and_correct_refuse_unsafe_arguments(tmp_path: Path, args: list[str], words: list[str]) -> None:
    project = make_project(tmp_path, FIXTURE)
    before = (project / "policy_sources/oak-primary/policies/social-media.yml").read_bytes()
    result = run_cli(*args, cwd=project)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    message = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(message) == 1 and all(w in message[0] for w in words), result.stderr
    assert (project / "policy_sources/oak-primary/policies/social-media.yml").read_bytes() == before
    assert not (project / "policy_sources/oak-primary/archive").exists()


# (address, allowed?) - the spellings browsers accept for a script link, and ordinary addresses.
SPELLINGS = [
    ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("jAvAsCrIpT:alert(1)", False),
    (" javascript:alert(1)", False),
    ("\tjavascript:alert(1)", False),
    ("\njavascript:alert(1)", False),
    ("javascript:alert(1)\n", False),
    ("\x00javascript:alert(1)", False),
    ("\x01\x02 javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("java\nscript:alert(1)", False),
    ("java\rscript:alert(1)", False),
    ("jav\x09ascript:alert(1)", False),
    ("java\u200bscript:alert(1)", False),
    ("javascript&colon;alert(1)", False),
    ("javascript&#58;alert(1)", False),
    ("javascript&#x3a;alert(1)", False),
    ("&#106;avascript:alert(1)", False),
    ("&#x6A;avascript:alert(1)", False),
    ("&#0000106&#0000097vascript:alert(1)", False),
    ("jav&#x09;ascript:alert(1)", False),
    ("jav&Tab;ascript:alert(1)", False),
    ("java&NewLine;script:alert(1)", False),
    ("&amp;#106;avascript:alert(1)", False),
    ("%6Aavascript:alert(1)", False),
    ("javascript%3Aalert(1)", False),
    ("javascript\\:alert(1)", False),
    ("<javascript:alert(1)>", False),
    ("vbscript:msgbox(1)", False),
    ("VBScript:msgbox(1)", False),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("DATA:image/svg+xml,<svg onload=alert(1)>", False),
    (" data:,alert(1)", False),
    ("livescript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("ftp://files.example/x", False),
    ("blob:https://x.example/1", False),
    ("//evil.example/", False),
    ("\\\\evil.example/", False),
    ("https://www.oak.example/complaints\r\r!!! danger", False),
    ("https://www.oak.example/complaints", True),
    ("HTTPS://WWW.OAK.EXAMPLE/", True),
    ("http://oak.example/a?b=1&c=2#d", True),
    ("https://en.wikipedia.org/wiki/Foo_(bar)", True),
    ("https://oak.example/javascript:alert(1)", True),
    ("mailto:office@oak.example", True),
    ("MAILTO:office@oak.example?subject=Hi", True),
    ("tel:+441234567890", True),
    ("tel:01234 567890", True),
    ("../acceptable-use/", True),
    ("policy:acceptable-use#rules", True),
    ("acceptable-use/index.html", True),
    ("/policies/", True),
    ("#rules", True),
    ("?q=phones", True),
    ("", True),
]


@pytest.mark.parametrize("address,allowed", SPELLINGS, ids=[repr(s)[1:-1][:40] for s, _ in SPELLINGS])
def test_check_url_table(address: str, allowed: bool) -> None:
    problem = check_url(address)
    assert (problem is None) == allowed, problem
    if problem:
        assert "write" in problem, "the message says what to write instead"
    # The same address in a Markdown link is found and refused, and blanked by the renderer.
    if url_scheme(address) is not None and not allowed and not any(ch in address for ch in "()<>\n\r"):
        assert text_link_problems(f"See [this]({address}).")
        assert f"]({address}" not in inert_markdown(f"See [this]({address}).")


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x]( javascript:alert(1) )",
        "[x][c]\n\n[c]: javascript:alert(1)",
        "[x][c]\n\n   [c]: javascript:alert(1)",
        "[x][c]\n\n- [c]: javascript:alert(1)",
        "[x][c]\n\n* [c]: javascript:alert(1)",
        "[x][c]\n\n+ [c]: javascript:alert(1)",
        "[x][c]\n\n1. [c]: javascript:alert(1)",
        "[x][c]\n\n1) [c]: javascript:alert(1)",
        "[x][c]\n\n> [c]: javascript:alert(1)",
        "[x][c]\n\n        [c]: javascript:alert(1)",
        "[x][c]\n\n[c]:\n   javascript:alert(1)",
        "[x][c]\r\r- [c]: javascript:alert(1)",
        "<javascript:alert(1)>",
    ],
)
def test_every_markdown_link_form_is_found_and_blanked(text: str) -> None:
    assert any("javascript" in t.lower() for t in link_targets(text)) or "<" in text
    assert text_link_problems(text)
    assert not re.search(r"(\]\(|\]:\s*)\s*<?javascript", inert_markdown(text)), inert_markdown(text)


def test_one_line_values_lose_every_line_break_on_the_page() -> None:
    for brk in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        assert brk not in escape_plain(f"Title{brk}!!! danger")
        assert brk not in theme_safe(f"Title{brk}!!! danger")
    assert inert_markdown("Text\r\r!!! danger\r    withdrawn").count("!!!") == 0


def test_rendered_html_keeps_no_script_address() -> None:
    page = (
        '<a href="javascript:alert(1)">a</a><a href=" JaVa&#x09;ScRiPt:alert(1)">b</a><a href=\'vbscript:x\'>c</a>'
        '<img src=data:text/html,x><form action="javascript&colon;x"><button formaction="&#106;avascript:x">d</button></form>'
        '<svg><a xlink:href="javascript:x"><text>e</text></a></svg><object data="data:text/html;base64,PHN"></object>'
        '<img srcset="ok.png 1x, javascript:x 2x"><a href="https://ok.example/">ok</a><a href="../x/">in</a><a href="#top">top</a>'
    )
    cleaned = neutralise_html(page)
    assert not re.search(r"(javascript|vbscript|data)(:|&colon;)|&#106;|&#x09;", cleaned, re.IGNORECASE), cleaned
    for kept in ('href="https://ok.example/"', 'href="../x/"', 'href="#top"'):
        assert kept in cleaned
    assert neutralise_html(cleaned) == cleaned


def test_reference_url_is_not_a_link_on_the_page_even_unvalidated(tmp_path: Path) -> None:
    """The renderer itself blanks an unsafe reference address (validation bypassed by building
    from a policy file patched after validation would be the same page)."""
    from generator.render.filters import url_filter

    url = url_filter(lambda text: text)
    for address, allowed in SPELLINGS:
        target = str(url(address))
        assert target == "#" or allowed, (address, target)
        assert not re.search(r"[\s()<>\[\]{}]", target), (address, target)
