"""Known answers for policies of every kind: nested sections, lead-in prose, tiers, whom a rule
binds and whom it informs, an organisation's own groups, a setting's word for its children, and
pages a policy does not have; read from the built HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPO, PageText, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "library"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("library") / "site"
    result = run_cli("--sources", str(FIXTURE), "build", "--out", str(out), "--date", "2026-12-01", "--no-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "willow-nursery"


def read(site: Path, page: str) -> PageText:
    text = PageText()
    text.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return text


def words(page: PageText) -> str:
    return " ".join(" ".join(page.text).split())


def test_only_the_pages_a_policy_needs(site: Path) -> None:
    folder = site / "policies" / "phones"
    assert sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != "history") == ["governors", "parents", "staff"]
    assert not (site / "pupils").exists(), "no policy has a children's page, so there is no hub for them"
    home = words(read(site, "."))
    assert "I am a parent or carer" in home and "I am a child" not in home and "I am a pupil" not in home
    assert "Children" not in words(read(site, "policies/phones/staff")).split("Full policy")[0]


def test_staff_quick_reference_lists_only_what_binds_staff(site: Path) -> None:
    staff = read(site, "policies/phones/staff")
    quick = words(staff).rsplit("Quick reference", 1)[1].split("Rules by topic")[0]
    assert "Staff keep their phones in the lockers" in quick
    assert "Never acceptable: Do not photograph children on your own phone." in quick, "the tier's own name, not the strength"
    assert "Visitors" not in quick and "explains this rule" not in quick
    assert "visitors-no-phones-in-rooms" not in staff.clauses, "a rule binding visitors, who read the parents' page"


def test_rules_keep_their_sections_on_audience_pages(site: Path) -> None:
    staff = read(site, "policies/phones/staff")
    assert "From: 3 Procedures › 3.1 Staff phones › 3.1.2 Photographs" in staff.clauses["no-photos-on-own-phones"]
    assert "Phones may be used: in the office at lunchtime." in " ".join(staff.clauses["staff-phones-in-office"].split())
    assert "For: Staff, Volunteers" in staff.clauses["staff-phones-in-lockers"]


def test_parents_page_separates_what_binds_them_from_the_schools_own_duties(site: Path) -> None:
    parents = words(read(site, "policies/phones/parents"))
    assert "What we ask of you" not in parents, "nothing in this policy binds parents"
    school = parents.rsplit("What Willow Nursery does", 1)[1].split("Also good to know")[0]
    assert "The nursery tells every visitor about this rule" in school
    others = parents.rsplit("Also good to know", 1)[1]
    assert "Staff and volunteers keep their phones in lockers" in others
    assert "Visitors must not use a phone" in others
    assert "If this policy is broken Breaches of this policy by staff are dealt with" in parents


def test_full_policy_nests_headings_and_keeps_prose(site: Path) -> None:
    html = (site / "policies" / "phones" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="procedures">3. Procedures</h2>' in html
    assert '<h3 id="staff-phones">3.1 Staff phones</h3>' in html
    assert '<h4 id="photographs">3.1.2 Photographs</h4>' in html
    text = words(read(site, "policies/phones"))
    assert "Reference: WN-04" in text
    assert "This section was agreed with the staff team." in text
    assert text.index("Phones may be used:") < text.index("in the office at lunchtime.")


def test_bad_parties_and_tiers_are_errors_with_lines(tmp_path: Path) -> None:
    import shutil

    sources = tmp_path / "sources"
    shutil.copytree(FIXTURE, sources)
    policy = sources / "willow-nursery" / "policies" / "phones.yml"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("audiences: [staff, volunteers]", "audiences: [staff, helpers]")
    text = text.replace("tier: never", "tier: forbidden")
    text = text.replace("informs: [parents]\n            plain: {parents: The nursery", "informs: [school]\n            plain: {parents: The nursery")
    policy.write_text(text, encoding="utf-8")
    result = run_cli("--sources", str(sources), "validate")
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert all(":" in line and "phones.yml:" in line for line in out.splitlines() if "tier" in line or "helpers" in line)
    assert "'helpers' is not an audience or one of this organisation's audience_groups" in out
    assert "unknown tier 'forbidden'; use one of the policy's tiers (acceptable, never)" in out
    assert "`informs:` names readers; a rule for the school itself goes in `audiences:`" in out
    assert "Traceback" not in out
