"""Building many sites: in parallel, only what changed, and the same bytes as a clean build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.helpers import BUILD_DATE, make_project, run_cli
from tests.test_errors import tree_digest
from tests.trust_sources import TRUST, trust_policy, write, write_trust


def _build(project: Path, out: Path, *extra: str) -> list[str]:
    result = run_cli("build", "--output", str(out), "--date", BUILD_DATE, "--jobs", "2", *extra, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def _rebuilt(lines: list[str]) -> set[str]:
    return {m.group(1) for line in lines if (m := re.match(r"\[\d+/\d+\] built (\S+): \d+ pages in [\d.]+ s$", line))}


def _kept(lines: list[str]) -> set[str]:
    return {m.group(1) for line in lines if (m := re.match(r"\[\d+/\d+\] (\S+) unchanged, kept$", line))}


def test_only_changed_sites_rebuild_and_match_a_clean_build(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sources = write_trust(project / "policy_sources")
    out, clean = tmp_path / "site", tmp_path / "clean"
    everyone = {TRUST, "ash", "birch", "cedar"}

    first = _build(project, out)
    assert _rebuilt(first) == everyone
    assert re.fullmatch(r"Built 4 sites \(4 rebuilt, 0 unchanged\), \d+ pages, no warnings, for 2026-11-21 in [\d.]+ s -> .*site", first[-1]), first[-1]
    # Plain lines when not on a terminal: numbered, one per site, no control characters.
    assert all("\r" not in line and "\x1b" not in line for line in first)

    again = _build(project, out)
    assert _rebuilt(again) == set() and _kept(again) == everyone

    # One school's overlay: only that school.
    overlay = sources / "ash" / "overlays" / "online-safety.yml"
    data = yaml.safe_load(overlay.read_text())
    data["replace"][0]["with"]["text"] = "Adults may use their own phones in the staff room and the office only."
    write(overlay, data)
    lines = _build(project, out)
    assert _rebuilt(lines) == {"ash"} and _kept(lines) == everyone - {"ash"}
    _build(project, clean, "--full")
    assert tree_digest(out) == tree_digest(clean)

    # The trust's policy: the trust and the schools that adopt it, not Cedar, which has its own.
    policy = trust_policy()
    policy["sections"][1]["clauses"][0]["text"] = "Parents with a concern ring the school office on {{ school.phone }} before 4pm."
    write(sources / TRUST / "policies" / "online-safety.yml", policy)
    lines = _build(project, out)
    assert _rebuilt(lines) == {TRUST, "ash", "birch"} and _kept(lines) == {"cedar"}
    _build(project, clean, "--full")
    assert tree_digest(out) == tree_digest(clean)

    # A hand-written page is on every site.
    index = project / "docs" / "accessibility.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    assert _rebuilt(_build(project, out)) == everyone


def test_a_failed_incremental_build_keeps_the_last_site(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sources = write_trust(project / "policy_sources")
    out = tmp_path / "site"
    _build(project, out)
    before = tree_digest(out)
    write(sources / "ash" / "overlays" / "online-safety.yml", {"remove": [{"clause": "nope", "reason": "x"}]})
    result = run_cli("build", "--output", str(out), "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 1 and "ash/overlays/online-safety.yml:2: the trust's Online Safety Policy has no clause 'nope'" in result.stderr
    assert tree_digest(out) == before


def test_list_shard_and_index_only_for_ci(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    write_trust(project / "policy_sources")
    listed = run_cli("list", "--json", cwd=project)
    assert json.loads(listed.stdout) == ["ash", "birch", "cedar", TRUST]
    out = tmp_path / "site"
    # Two CI jobs each build half the sites into their own folder; a last step joins them.
    expected = {1: {"ash", "cedar"}, 2: {"birch", TRUST}}
    for k, orgs in expected.items():
        assert _rebuilt(_build(project, tmp_path / f"shard{k}", "--shard", f"{k}/2")) == orgs
    out.mkdir()
    for k in (1, 2):
        for site in (tmp_path / f"shard{k}").iterdir():
            if site.is_dir():
                site.rename(out / site.name)
    result = run_cli("build", "--index-only", "--output", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{org}/"' in index for org in ("ash", "birch", "cedar", TRUST)), index
    bad = run_cli("build", "--shard", "3/2", "--output", str(out), cwd=project)
    assert bad.returncode == 1 and "--shard '3/2': K must be between 1 and N" in bad.stderr


def test_a_kept_site_still_warns_and_can_still_stop_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sources = write_trust(project / "policy_sources")
    phones = sources / "cedar" / "policies" / "phones.yml"
    data = yaml.safe_load(phones.read_text())
    data |= {"statutory": True, "review": {"next": "2026-01"}}
    write(phones, data)
    out = tmp_path / "site"
    warning = "warning: cedar/phones: Phones Policy is overdue for review (due by January 2026)"
    first = _build(project, out)
    assert warning in first and "1 warning" in first[-1]
    kept = _build(project, out)
    assert "cedar" in _kept(kept)
    assert warning in kept and "1 warning" in kept[-1]
    before = tree_digest(out)
    result = run_cli("build", "--output", str(out), "--date", BUILD_DATE, "--fail-on-overdue-statutory", cwd=project)
    assert result.returncode == 1
    assert "cedar: statutory policies are overdue for review: Phones Policy (due by January 2026)" in result.stderr
    assert tree_digest(out) == before
