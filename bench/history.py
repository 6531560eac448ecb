"""What version history costs for a large policy: compare two versions of a 200-clause policy,
render the comparison page, and write/read/verify its archive. Run with `make bench-history`.

Deterministic (seeded); prints a table and, last, one line of JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from report import print_report  # bench/ is on the path when a benchmark runs

from generator.history.compare import compare
from generator.render.renderer import Renderer
from generator.sources.archive import archive_text, content_policy, fingerprint, frozen_content
from generator.sources.model.history import Event
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import Policy
from generator.sources.placeholders import Placeholders
from generator.views.comparisons import ComparisonPage
from generator.views.policy import policy_views
from generator.views.site import Page, SiteView
from generator.views.versions import VersionEntry

CLAUSES = 200
SECTIONS = 10
WORDS = "staff pupils parents must not should post share photos online school account personal device report concern safeguarding lead governors privacy".split()


def sentence(rng: random.Random, n: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_policy(rng: random.Random) -> dict:
    sections = []
    for s in range(SECTIONS):
        clauses = []
        for c in range(CLAUSES // SECTIONS):
            clauses.append(
                {
                    "id": f"clause-{s}-{c}",
                    "number": f"{s + 1}.{c + 1}",
                    "text": sentence(rng),
                    "strength": rng.choice(["must", "must-not", "should", "may", "info"]),
                    "audiences": ["staff", "parents"],
                    "plain": {"parents": sentence(rng, 12)},
                }
            )
        sections.append({"id": f"section-{s}", "number": str(s + 1), "title": f"Section {s + 1}", "clauses": clauses})
    return {"id": "big", "title": "Big Policy", "summary": "A policy of 200 clauses.", "sections": sections}


def revise(data: dict, rng: random.Random) -> dict:
    """10 added, 10 removed, 20 reworded (a few words each), 10 moved to another section."""
    data = json.loads(json.dumps(data))
    all_clauses = [(s, c) for s in data["sections"] for c in s["clauses"]]
    picks = rng.sample(all_clauses, 40)
    for s, c in picks[:10]:
        s["clauses"].remove(c)
    for _s, c in picks[10:30]:
        words = c["text"].split()
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        c["text"] = " ".join(words)
    for s, c in picks[30:40]:
        s["clauses"].remove(c)
        other = data["sections"][(data["sections"].index(s) + 3) % SECTIONS]
        other["clauses"].append(c)
    for i in range(10):
        data["sections"][i]["clauses"].append(
            {"id": f"new-{i}", "text": sentence(rng), "strength": "should", "audiences": ["staff", "parents"], "plain": {"parents": sentence(rng, 12)}}
        )
    return data


def best(fn: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def site_build(old_data: dict, new_data: dict, rows: list[tuple[str, str]]) -> dict:
    """The real path: ratify both versions with the CLI, then time a build with and without history pages."""
    repo = Path(__file__).resolve().parent.parent
    cli = [sys.executable, "-m", "generator.cli"]
    env = {"POLICY_SITE_DATE": "2026-11-21", "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("mkdocs.yml", "docs", "overrides"):
            (shutil.copytree if (repo / name).is_dir() else shutil.copy)(repo / name, project / name)
        org = project / "policy_sources" / "bench"
        (org / "policies").mkdir(parents=True)
        (org / "organisation.yml").write_text("id: bench\nname: Bench School\nkind: school\n", encoding="utf-8")
        policy = org / "policies" / "big.yml"

        def run(*args: str) -> float:
            start = time.perf_counter()
            subprocess.run([*cli, *args], cwd=project, env=env, check=True, capture_output=True, text=True)
            return time.perf_counter() - start

        policy.write_text(yaml.safe_dump(old_data, sort_keys=False), encoding="utf-8")
        plain_build = run("build", "--date", "2026-11-21")
        run("ratify", "big", "--school", "bench", "--date", "2025-01-29", "--body", "FGB", "--note-governors", "First version")
        text = policy.read_text(encoding="utf-8")
        # Keep the recorded history: the new text plus the history block the CLI wrote.

        recorded = yaml.safe_load(text)["history"]
        policy.write_text(yaml.safe_dump({**new_data, "history": recorded}, sort_keys=False), encoding="utf-8")
        ratify_time = run("ratify", "big", "--school", "bench", "--date", "2026-03-04", "--body", "FGB", "--note-staff", "a", "--note-parents", "b")
        history_build = run("build", "--date", "2026-11-21")
        site = project / "site" / "bench" / "policies" / "big"
        compare_html = (site / "compare" / "1-to-2" / "index.html").stat().st_size
        version_html = (site / "versions" / "1" / "index.html").stat().st_size
    rows += [
        ("ratify command (200 clauses)", f"{ratify_time:.2f} s"),
        ("site build, no history", f"{plain_build:.2f} s"),
        ("site build, 2 versions + comparison", f"{history_build:.2f} s"),
        ("comparison page / version page HTML", f"{compare_html / 1024:.0f} KB / {version_html / 1024:.0f} KB"),
    ]
    return {
        "ratify_s": round(ratify_time, 2),
        "build_plain_s": round(plain_build, 2),
        "build_history_s": round(history_build, 2),
        "compare_html_kb": round(compare_html / 1024),
    }


def main() -> None:
    rng = random.Random(2026)
    old_data = make_policy(rng)
    new_data = revise(old_data, rng)
    old, new = Policy.model_validate(old_data), Policy.model_validate(new_data)
    org = Organisation.model_validate({"id": "bench", "name": "Bench School", "kind": "school"})
    fill = Placeholders(org, None)

    t_compare = best(lambda: compare(old, new))
    result = compare(old, new)
    counts = result.counts()

    content = frozen_content(old, fill.fill)
    event = Event.model_validate({"event": "ratified", "date": "2025-01-29", "version": "1", "body": "FGB"})
    t_freeze = best(lambda: frozen_content(old, fill.fill))
    t_fingerprint = best(lambda: fingerprint(content))
    text = archive_text(org.name, "big", event, content)
    t_reload = best(lambda: content_policy("big", content))

    entry = VersionEntry(event, None)
    cmp_page = ComparisonPage("policies/big/compare/1-to-2.md", entry, VersionEntry(event.model_copy(update={"version": "2"}), None), result)
    site = SiteView(org, None, dt.date(2026, 11, 21), [])
    from generator.sources.loaded import OrgSource, PolicySource

    source = OrgSource(org, None, {"big": PolicySource(new, None)})  # type: ignore[arg-type]
    site.policies = policy_views(source, fill, site.today, 60)
    view = site.policies[0]
    with tempfile.TemporaryDirectory() as none:
        renderer = Renderer(site, Path(none))
        page = Page(cmp_page.path, "Compare", "compare.md.j2", None, view, comparison=cmp_page)
        t_render = best(lambda: renderer.page(page), repeat=3)
        markdown = renderer.page(page)
    rows = [
        ("clauses (old -> new)", f"{len(old.clauses())} -> {len(new.clauses())}"),
        ("changes found", ", ".join(f"{n} {k}" for k, n in counts.items())),
        ("compare() time", f"{t_compare * 1000:.1f} ms"),
        ("comparison page render (Jinja)", f"{t_render * 1000:.1f} ms, {len(markdown) / 1024:.0f} KB Markdown"),
        ("freeze content (fill placeholders)", f"{t_freeze * 1000:.1f} ms"),
        ("fingerprint", f"{t_fingerprint * 1000:.1f} ms"),
        ("archive file", f"{len(text.encode()) / 1024:.0f} KB"),
        ("re-validate archived content", f"{t_reload * 1000:.1f} ms"),
    ]
    summary = {
        "clauses": CLAUSES,
        "compare_ms": round(t_compare * 1000, 2),
        "render_ms": round(t_render * 1000, 2),
        "compare_page_kb": round(len(markdown) / 1024, 1),
        "archive_kb": round(len(text.encode()) / 1024, 1),
        "fingerprint_ms": round(t_fingerprint * 1000, 2),
        "counts": counts,
    }
    summary.update(site_build(old_data, new_data, rows))
    print_report(rows, summary)


if __name__ == "__main__":
    main()
