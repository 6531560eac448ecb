"""Draft policies as a school meets them: left out of the published site, bannered in a preview,
their missing plain versions listed as work to do, and published once ratified.

Every test drives the real CLI on a copy of the valid fixture with one draft added, and reads
the built HTML and files.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from generator.sources.load import load_sources
from generator.views.site import site_view
from tests.helpers import CLI, cli_env, make_project, read_page, run_cli, squash
from tests.page_sentences import unexplained_sentences

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
SCHOOL = "oak-primary"
DRAFT = "home-learning"
DRAFT_FILE = f"policy_sources/{SCHOOL}/policies/{DRAFT}.yml"
NORMAL_FILE = f"policy_sources/{SCHOOL}/policies/social-media.yml"
BANNER = "Draft: not approved"
TODAY = {"POLICY_SITE_DATE": "2026-11-21"}

# As an import writes it: a draft, no plain versions yet for the pupils' and parents' clauses.
DRAFT_POLICY = """\
id: home-learning
title: Home Learning Policy
summary: How Oak sets and marks home learning.
draft: true
review:
  next: "2027-09"
sections:
  - id: setting
    number: "1"
    title: Setting home learning
    clauses:
      - id: staff-set-weekly
        number: "1.1"
        text: Teachers must set home learning every week.
        strength: must
        audiences: [staff]
      - id: pupils-hand-in
        number: "1.2"
        text: Pupils should hand in home learning by Monday.
        strength: should
        audiences: [pupils]
      - id: pupils-ask
        number: "1.3"
        text: "Pupils may ask for help with home learning:"
        items: [at the lunchtime club, from their class teacher]
        strength: may
        audiences: [pupils]
      - id: parents-support
        number: "1.4"
        text: Parents should give their child a quiet place to work.
        strength: should
        audiences: [parents]
      - id: parents-reading
        number: "1.5"
        text: Parents should read with their child each evening.
        strength: should
        audiences: [parents]
        plain:
          parents: Read with your child every evening.
"""


def cli(project: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(*args, cwd=project, env=TODAY)
    return result.returncode, result.stdout, result.stderr


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The valid fixture with a draft, which the published policy names twice: in a clause's
    `see:` and in a site link in its plain words."""
    project = make_project(tmp_path, FIXTURE)
    (project / DRAFT_FILE).write_text(DRAFT_POLICY, encoding="utf-8")
    edit(
        project,
        NORMAL_FILE,
        "          pupils: If something online upsets me, I will tell a teacher.\n",
        "          pupils: If something online upsets me, I will tell a teacher. See [home learning](policy:home-learning).\n"
        "        see:\n          - id: home-learning\n",
    )
    return project


def build(project: Path, *extra: str) -> str:
    code, out, err = cli(project, "build", *extra)
    assert code == 0, out + err
    return out


def site_files(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_normal_build_publishes_nothing_of_a_draft_and_says_so(project: Path) -> None:
    out = build(project)
    site = project / "site" / SCHOOL
    assert (site / "policies/social-media/index.html").is_file()
    assert not (site / "policies" / DRAFT).exists()
    # Not a page, nav entry, list entry, search entry, feed, export, calendar or sitemap line.
    mentions = [name for name, text in site_files(site).items() if DRAFT in text or "Home Learning" in text and not name.startswith("policies/social-media/")]
    assert mentions == []
    assert f"1 draft not published: {SCHOOL}/{DRAFT}; preview them with `policy-site serve` or `build --drafts`" in out
    # The published policy still names the draft, as words, not a link that would break.
    pupils = read_page(site / "policies/social-media/pupils/index.html")
    assert "I will tell a teacher. See home learning." in squash(" ".join(pupils.text))
    full = (site / "policies/social-media/index.html").read_text(encoding="utf-8")
    assert "See also: Home Learning Policy." in squash(read_page(site / "policies/social-media/index.html").clauses["pupils-tell"])
    assert "home-learning" not in full


def test_a_preview_build_carries_the_draft_bannered_on_every_page(project: Path) -> None:
    out = build(project, "--drafts")
    assert "Preview: 1 draft included, bannered 'Draft: not approved'" in out and "never publish this output" in out
    assert not (project / "site").exists(), "a preview goes to a folder of its own"
    site = project / "site-preview" / SCHOOL
    pages = sorted((site / "policies" / DRAFT).rglob("index.html"))
    names = {str(p.relative_to(site / "policies" / DRAFT)) for p in pages}
    assert {"index.html", "staff/index.html", "pupils/index.html", "parents/index.html", "governors/index.html", "history/index.html"} <= names
    for page in pages:
        article = squash(" ".join(read_page(page).text))
        assert article.index(BANNER) < 200, (page, article[:300])
        assert "It has not been approved, and a normal build does not publish it." in article
    # No banner on a policy in use.
    for page in (site / "policies/social-media").rglob("index.html"):
        assert BANNER not in page.read_text(encoding="utf-8"), page
    # The pupils' and parents' pages show the school's own words where no plain version is written yet.
    pupils = read_page(site / f"policies/{DRAFT}/pupils/index.html")
    assert "Pupils should hand in home learning by Monday." in pupils.clauses["pupils-hand-in"]
    assert "at the lunchtime club" in pupils.clauses["pupils-ask"]
    assert "No plain version yet: this is the policy's own wording." in pupils.clauses["pupils-hand-in"]
    parents = read_page(site / f"policies/{DRAFT}/parents/index.html")
    assert "Parents should give their child a quiet place to work." in parents.clauses["parents-support"]
    assert "No plain version yet" in parents.clauses["parents-support"]
    assert "Read with your child every evening." in parents.clauses["parents-reading"]
    assert "No plain version yet" not in parents.clauses["parents-reading"]
    # Listed, marked Draft, and linked from the policy that names it.
    listing = squash(" ".join(read_page(site / "policies/index.html").text))
    assert "Home Learning Policy" in listing and "Draft" in listing
    assert "Home Learning Policy" in (site / "search/index.json").read_text(encoding="utf-8")
    assert f'href="../{DRAFT}/"' in (site / "policies/social-media/index.html").read_text(encoding="utf-8")
    # Every sentence of the draft's pages is its own words or a reviewed interface string.
    report = unexplained_sentences(project / "site-preview", project / "policy_sources", project / "docs")
    assert {page: found for page, found in report.items() if DRAFT in page} == {}


def test_the_live_preview_carries_the_draft_bannered(project: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    command = [*CLI, "serve", "--school", SCHOOL, "--port", str(port)]
    process = subprocess.Popen(command, cwd=project, env=cli_env(TODAY), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, page = time.monotonic() + 60, ""
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/policies/{DRAFT}/pupils/", timeout=10) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.3)
        assert BANNER in page and "Pupils should hand in home learning by Monday." in page
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_validate_lists_a_drafts_missing_plain_versions_as_work_and_passes(project: Path) -> None:
    code, out, err = cli(project, "validate")
    assert code == 0, out + err
    assert "plain-language version" not in out + err and err == ""
    # At the line of the first clause still to write.
    work = f"{DRAFT_FILE}:17: {DRAFT} (draft): 3 plain versions still to write (pupils: 2, parents: 1): clauses pupils-hand-in, pupils-ask, parents-support"
    assert work in out
    assert out.index("Work to do in drafts (not errors") < out.index(work) < out.index("OK: 1 organisations, 3 policies (1 draft)")


def test_a_policy_in_use_without_a_plain_version_is_still_an_error(project: Path) -> None:
    edit(project, NORMAL_FILE, "        plain:\n          parents: Do not post photos of other people's children.\n", "")
    code, out, err = cli(project, "validate")
    assert code == 1
    assert "clause 'parents-photos' concerns parents but has no plain-language version" in err
    assert "home-learning" not in err, "the draft's work is not an error"
    # The work to do still comes after the errors.
    assert f"{DRAFT} (draft): 3 plain versions still to write" in out
    code, _, err = cli(project, "build")
    assert code == 1 and "has no plain-language version" in err


def test_ratified_the_draft_is_published_by_the_next_normal_build(project: Path) -> None:
    ratify = ("ratify", DRAFT, "--school", SCHOOL, "--date", "2026-11-20", "--body", "Full Governing Body", "--note-governors", "First version.")
    code, out, err = cli(project, *ratify)
    assert code == 1 and "3 plain versions still to write" in out + err and "write them before ratifying" in out + err
    assert "draft: true" in (project / DRAFT_FILE).read_text(encoding="utf-8")
    for clause, audience, words in [
        ("pupils-hand-in", "pupils", "I hand in my home learning by Monday."),
        ("pupils-ask", "pupils", "I can ask for help at lunchtime club or from my teacher."),
        ("parents-support", "parents", "Give your child a quiet place to work."),
    ]:
        edit(project, DRAFT_FILE, f"      - id: {clause}\n", f"      - id: {clause}\n        plain:\n          {audience}: {words}\n")
    build(project)
    assert not (project / "site" / SCHOOL / "policies" / DRAFT).exists()
    code, out, err = cli(project, *ratify)
    assert code == 0, out + err
    assert "draft: false" in (project / DRAFT_FILE).read_text(encoding="utf-8")
    out = build(project)
    assert "not published" not in out
    site = project / "site" / SCHOOL
    for page in ["index.html", "pupils/index.html", "parents/index.html"]:
        html = (site / "policies" / DRAFT / page).read_text(encoding="utf-8")
        assert BANNER not in html and "No plain version yet" not in html
    assert "Home Learning Policy" in squash(" ".join(read_page(site / "policies/index.html").text))
    assert f'href="../{DRAFT}/"' in (site / "policies/social-media/index.html").read_text(encoding="utf-8")


def test_a_trusts_dashboard_leaves_out_its_schools_drafts_unless_previewing(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(Path(__file__).parent / "fixtures" / "history", sources)
    school_policy = sources / "maple/policies/online-safety.yml"
    school_policy.write_text(school_policy.read_text(encoding="utf-8").replace("statutory: true\n", "statutory: true\ndraft: true\n", 1), encoding="utf-8")
    loaded = load_sources(sources)
    day = dt.date(2026, 11, 21)
    published = site_view(loaded, "maple-trust", day, 60)
    preview = site_view(loaded, "maple-trust", day, 60, drafts=True)
    assert [v.policy.id for s in published.schools for v in s.policies] == []
    assert [v.policy.id for s in preview.schools for v in s.policies] == ["online-safety"]
    assert site_view(loaded, "maple", day, 60).policies == []
    assert site_view(loaded, "maple", day, 60).drafts_left_out == {"online-safety": "Online Safety Policy"}
