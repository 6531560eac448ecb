"""Builds are deterministic, never touch docs/, and policy text can never become markup."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import BUILD_DATE, REPO, make_project, read_page, run_cli
from tests.test_errors import FIXTURE, edit, tree_digest


def test_two_builds_are_byte_identical_and_docs_untouched(demo_site: Path, tmp_path: Path) -> None:
    # The first build is the session's demo (the same command, sources and date), made earlier in the run.
    docs_before = {p: p.read_bytes() for p in (REPO / "docs").rglob("*") if p.is_file()}
    second = run_cli("build", "--output", str(tmp_path / "b"), "--date", BUILD_DATE)
    assert second.returncode == 0, second.stderr
    assert tree_digest(demo_site) == tree_digest(tmp_path / "b")
    docs_after = {p: p.read_bytes() for p in (REPO / "docs").rglob("*") if p.is_file()}
    assert docs_after == docs_before


def test_build_date_changes_review_status(tmp_path: Path) -> None:
    # St Joseph's is due for review by September 2022: in date before then, overdue after.
    project = make_project(tmp_path, REPO / "policy_sources")

    def status_on(day: str) -> str:
        out = tmp_path / day
        result = run_cli("build", "--school", "st-josephs", "--output", str(out), "--date", day, cwd=project)
        assert result.returncode == 0, result.stderr
        return read_page(out / "st-josephs" / "policies" / "social-media" / "index.html").article

    assert "Overdue for review" not in status_on("2022-06-01")
    assert "Due for review soon" in status_on("2022-09-15")
    assert "Overdue for review" not in status_on("2022-09-30")
    assert "Overdue for review" in status_on("2022-10-01")


HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '{: onclick="alert(1)" }',
    "![tracker](https://tracker.example/pixel.png)",
]


def _hostile_project(tmp_path: Path, hostile: list[str]) -> Path:
    project = make_project(tmp_path, FIXTURE)
    payload = " ".join(hostile)
    quoted = payload.replace("'", "''")
    org = "policy_sources/oak-primary/organisation.yml"
    edit(project, "name: Oak Primary School", f"name: 'Oak {quoted}'", org)
    edit(project, "short_name: Oak School", f"short_name: 'Oak {quoted}'", org)
    edit(project, "title: Social Media Policy", f"title: 'Social {quoted}'")
    edit(project, "summary: How Oak", f"summary: 'Sum {quoted}' #")
    edit(project, "title: Staff use", f"title: 'Staff {quoted}'")
    edit(project, "text: Staff **must not** friend", f"text: 'Staff {quoted} must not' #")
    edit(project, "parents: Do not post photos", f"parents: 'Photos {quoted}' #")
    edit(project, "pupils: If something online upsets me", f"pupils: 'Tell {quoted}' #")
    edit(project, "body: Full Governing Body", f"body: 'Board {quoted}'")
    edit(project, "name: Complaints Policy", f"name: 'Complaints {quoted}'")
    return project


def test_hostile_text_in_any_field_is_inert(tmp_path: Path) -> None:
    # A script link is refused before anything is built (tests/test_links.py has every
    # spelling); the rest is built and must show only as text.
    refused = run_cli("validate", cwd=_hostile_project(tmp_path / "refused", HOSTILE))
    assert refused.returncode != 0 and refused.stderr.count("'javascript:' link") == 10, refused.stderr
    project = _hostile_project(tmp_path, [h for h in HOSTILE if "javascript:" not in h])
    result = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 10
    seen_payload = False
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parsed = read_page(page)
        assert not parsed.handlers, f"{page}: event handler attributes {parsed.handlers}"
        assert not any("alert" in s for s in parsed.scripts), f"{page}: script from policy text"
        assert "javascript:" not in html.lower().replace("javascript:alert(1))", ""), page
        assert 'href="javascript' not in html.lower()
        assert 'src="https://tracker' not in html, "an image from another host would be a request"
        if "<script>alert" in " ".join(parsed.text):
            seen_payload = True
    assert seen_payload, "the hostile text should still be shown, as text"


def test_mkdocs_serve_watches_policy_sources(tmp_path: Path) -> None:
    """Saving a YAML file under `mkdocs serve` rebuilds the page."""
    import socket
    import time
    import urllib.request

    project = make_project(tmp_path, FIXTURE)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/policies/social-media/staff/"

    def fetch() -> str:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")

    try:
        deadline = time.time() + 60
        page = ""
        while time.time() < deadline:
            try:
                page = fetch()
                break
            except OSError:
                time.sleep(0.3)
        assert "friend pupils of Oak School" in page
        edit(project, "friend pupils of", "send requests to pupils of")
        deadline = time.time() + 60
        while time.time() < deadline and "send requests to pupils of" not in page:
            time.sleep(0.5)
            try:
                page = fetch()
            except OSError:
                pass
        assert "send requests to pupils of Oak School" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_every_yaml_file_points_at_its_schema() -> None:
    sources = REPO / "policy_sources"
    written_by_hand = [*sources.glob("*/organisation.yml"), *sources.glob("*/policies/*.yml"), *sources.glob("*/overlays/*.yml")]
    assert len(written_by_hand) >= 12
    for path in written_by_hand:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "organisation" if path.name == "organisation.yml" else "overlay" if path.parent.name == "overlays" else "policy"
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == REPO / "schema" / f"{kind}.schema.json", path
