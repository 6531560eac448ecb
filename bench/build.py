"""What building a large trust costs: `make bench` (50 schools) or `BENCH_SMALL=1 make bench` (5).

In one run, on a synthetic trust written deterministically by bench/synthetic.py (seeded):
- the generator stage alone (YAML -> validated model -> page views -> Markdown), in process;
- the full build of every site with `policy-site build --full`, as a user runs it: wall time,
  peak memory (summed RSS of the process tree, sampled every 0.1 s), output size, pages;
- the same Markdown built by plain MkDocs-Material (Material's own search, no policy-site
  plugin), with as many parallel builds as ours uses: our overhead as a ratio of wall times;
- incremental rebuilds after one clause edit in one school's own policy, and after one edit to
  the trust policy that few schools use, each checked byte for byte against a clean build;
- each site's search index, raw and gzipped.

PDFs are off (`pdf: false`): printing costs about 1 s per policy in Chromium and is left out.
Env: BENCH_SMALL=1 (5 schools), BENCH_SCHOOLS=N, BENCH_KEEP=1 (keep the work folder).
Prints a table and, last, one line of JSON.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import print_report  # noqa: E402  (bench/ is on the path, as above)
from synthetic import SyntheticTrust, edit_clause, write_trust  # noqa: E402

from generator.mkdocs_adapter.plugin import ASSETS, STYLESHEET, STYLESHEET_PARTS  # noqa: E402
from generator.render.renderer import Renderer  # noqa: E402
from generator.render.search_index import INDEX_FILE  # noqa: E402
from generator.sources.inert_text import theme_safe  # noqa: E402
from generator.sources.load import load_sources  # noqa: E402
from generator.sources.status import epoch_of  # noqa: E402
from generator.views.site import site_view  # noqa: E402

DATE = "2026-11-21"
TODAY = dt.date.fromisoformat(DATE)
BIN = Path(sys.executable).parent  # the venv's bin: policy-site and mkdocs live next to python
# Keys of mkdocs.yml that the plain project sets itself.
PLAIN_OWN_KEYS = {"site_name", "site_description", "docs_dir", "site_dir", "strict", "plugins", "nav", "extra_css"}


@dataclass
class Run:
    seconds: float
    peak_rss: int
    stdout: str
    stderr: str


def _tree_rss(root: int, include_root: bool) -> int:
    """Summed VmRSS (bytes) of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack.extend(children.get(pid, []))
    total = 0
    for pid in pids if include_root else pids[1:]:
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


class PeakRss(threading.Thread):
    """Samples a process tree's summed RSS every 0.1 s until stopped; keeps the maximum."""

    def __init__(self, root: int, include_root: bool = True) -> None:
        super().__init__(daemon=True)
        self.root, self.include_root = root, include_root
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, _tree_rss(self.root, self.include_root))
            if self.done.wait(0.1):
                return

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch_of(TODAY))}


def run_measured(cmd: list[str], cwd: Path) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakRss(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    if process.returncode != 0:
        sys.exit(f"`{' '.join(cmd)}` failed ({process.returncode}):\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return Run(seconds, peak, stdout, stderr)


def build(project: Path, output: Path, jobs: int, full: bool) -> Run:
    cmd = [str(BIN / "policy-site"), "build", "--output", str(output), "--date", DATE, "--jobs", str(jobs)]
    return run_measured(cmd + (["--full"] if full else []), project)


def rebuilt(stdout: str) -> tuple[int, int]:
    """(sites built, sites kept unchanged): from the CLI's summary `(N rebuilt, M unchanged)`, else
    from its progress lines (`[3/51] built x: ...`, `[4/51] y unchanged, kept`)."""
    summary = re.search(r"(\d+) rebuilt, (\d+) unchanged", stdout)
    if summary:
        return int(summary.group(1)), int(summary.group(2))
    lines = [line for line in stdout.splitlines() if not line.startswith(("Built ", "warning:"))]
    return sum(" built " in f" {line}" for line in lines), sum(" unchanged" in line for line in lines)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def code_digest() -> str:
    """The generator's code: if it changes during the run (someone editing), every site rebuilds."""
    h = hashlib.sha256()
    for path in sorted((REPO / "generator").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def setup_project(work: Path, schools: int) -> tuple[Path, SyntheticTrust]:
    """The repository's mkdocs.yml (PDFs off), docs/ and overrides/, and a synthetic trust."""
    project = work / "project"
    project.mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config, found = re.subn(r"^(\s*- policy-site:\n)", r"\1      pdf: false\n", config, count=1, flags=re.MULTILINE)
    if not found:
        sys.exit("mkdocs.yml has no `- policy-site:` plugin entry to turn PDFs off in")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, project / name)
    return project, write_trust(project / "policy_sources", schools)


def top_level_blocks(text: str) -> list[tuple[str | None, str]]:
    """mkdocs.yml cut into its top-level keys, each with its indented lines (text kept as written:
    it holds !!python/name tags that safe YAML cannot read)."""
    blocks: list[tuple[str | None, str]] = []
    for line in text.splitlines(keepends=True):
        match = re.match(r"([A-Za-z_][\w-]*):", line)
        if match:
            blocks.append((match.group(1), line))
        elif blocks:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + line)
        else:
            blocks.append((None, line))
    return blocks


def generator_stage(project: Path, plain: Path) -> dict[str, float | int]:
    """Time YAML -> pages in process; write each organisation's plain MkDocs project on the way
    (outside the timed parts)."""
    templates = project / "overrides" / "policy_pages"
    start = time.perf_counter()
    sources = load_sources(project / "policy_sources")
    load_s = time.perf_counter() - start
    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    kept = "".join(block for key, block in top_level_blocks(config_text) if key not in PLAIN_OWN_KEYS)
    docs = project / "docs"
    css = "\n".join((ASSETS / part).read_text(encoding="utf-8") for part in STYLESHEET_PARTS)
    views_s = render_s = 0.0
    pages = 0
    for org_id in sorted(sources.orgs):
        start = time.perf_counter()
        site = site_view(sources, org_id, TODAY, 60)
        renderer = Renderer(site, templates, True)
        views_s += time.perf_counter() - start
        folder = plain / org_id
        shutil.copytree(docs, folder / "docs")
        (folder / "overrides").symlink_to(project / "overrides")
        for page in site.pages:
            start = time.perf_counter()
            markdown = renderer.page(page)
            render_s += time.perf_counter() - start
            target = folder / "docs" / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        pages += len(site.pages)
        hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        for src_uri in hand_written:
            (folder / "docs" / src_uri).write_text(renderer.hand_written((docs / src_uri).read_text(encoding="utf-8"), src_uri), encoding="utf-8")
        (folder / "docs" / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / STYLESHEET).write_text(css, encoding="utf-8")
        own = {
            "site_name": theme_safe(site.org.name),
            "site_description": theme_safe(f"{site.org.name}: policies for parents and carers, pupils, staff and governors"),
            "docs_dir": "docs",
            "site_dir": str(plain / "site" / org_id),
            "strict": False,  # our pages link to files only our plugin makes (search/index.json, feeds)
        }
        tail = {"plugins": ["search"], "extra_css": [STYLESHEET], "nav": site.nav([u for u in hand_written if u != "index.md"])}
        (folder / "mkdocs.yml").write_text(
            yaml.safe_dump(own, sort_keys=False) + kept + "\n" + yaml.safe_dump(tail, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return {"orgs": len(sources.orgs), "pages": pages, "load_s": load_s, "views_s": views_s, "render_s": render_s}


def plain_build(plain: Path, orgs: list[str], jobs: int) -> Run:
    """Every organisation's plain MkDocs-Material project, `jobs` builds at a time."""
    sampler = PeakRss(os.getpid(), include_root=False)
    sampler.start()

    def one(org_id: str) -> str:
        done = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / org_id / "mkdocs.yml")], env=env(), capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"plain MkDocs build of {org_id} failed:\n{done.stderr[-3000:]}")
        return done.stderr

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        errors = list(pool.map(one, orgs))
    seconds = time.perf_counter() - start
    return Run(seconds, sampler.stop(), "", "".join(errors))


def index_sizes(output: Path, orgs: list[str], name: str = INDEX_FILE) -> dict[str, tuple[int, int]]:
    sizes = {}
    for org_id in orgs:
        raw = (output / org_id / name).read_bytes()
        sizes[org_id] = (len(raw), len(gzip.compress(raw, compresslevel=9)))
    return sizes


def mb(n: float) -> float:
    return n / 1024 / 1024


def main() -> None:
    small = os.environ.get("BENCH_SMALL") == "1"
    schools = int(os.environ.get("BENCH_SCHOOLS") or (5 if small else 50))
    keep = os.environ.get("BENCH_KEEP") == "1"
    jobs = os.cpu_count() or 1
    started = time.perf_counter()
    code = code_digest()
    work = Path(tempfile.mkdtemp(prefix="policy-site-bench-"))
    try:
        project, trust = setup_project(work, schools)
        orgs = trust.orgs
        plain = work / "plain"
        gen = generator_stage(project, plain)
        gen_total = gen["load_s"] + gen["views_s"] + gen["render_s"]

        output = work / "site"
        full = build(project, output, jobs, full=True)
        out_bytes, out_files = folder_size(output)
        pages = sum(1 for _ in output.rglob("index.html"))

        plain_run = plain_build(plain, orgs, jobs)
        plain_bytes, plain_files = folder_size(plain / "site")

        edit_clause(trust.school_edit)
        school_run = build(project, output, jobs, full=False)
        edit_clause(trust.trust_edit)
        trust_run = build(project, output, jobs, full=False)
        check = work / "site-check"
        build(project, check, jobs, full=True)
        before, after = tree_digest(output), tree_digest(check)
        identical = before == after
        differing = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))

        sizes = index_sizes(output, orgs)
        school_sizes = [sizes[o] for o in trust.school_ids]
        raw_kb = [r / 1024 for r, _ in school_sizes]
        gz_kb = [g / 1024 for _, g in school_sizes]
        trust_raw, trust_gz = sizes[trust.trust_id]
        # For scale: the documents Material's own search ships (lunr.js indexes them in the browser).
        material = list(index_sizes(plain / "site", trust.school_ids, "search/search_index.json").values())
        total = time.perf_counter() - started
    finally:
        if keep:
            print(f"kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    built_school, unchanged_school = rebuilt(school_run.stdout)
    built_trust, unchanged_trust = rebuilt(trust_run.stdout)
    summary = {
        "schools": schools,
        "sites": len(orgs),
        "policies_per_school": trust.policies_per_school,
        "clauses_per_policy": trust.clauses_per_policy,
        "jobs": jobs,
        "pdf": False,
        "small": small,
        "pages": pages,
        "generator_pages": gen["pages"],
        "generator_load_s": round(gen["load_s"], 2),
        "generator_views_s": round(gen["views_s"], 2),
        "generator_render_s": round(gen["render_s"], 2),
        "generator_pages_per_s": round(gen["pages"] / gen_total, 1),
        "full_build_s": round(full.seconds, 2),
        "peak_rss_mb": round(mb(full.peak_rss), 1),
        "output_mb": round(mb(out_bytes), 1),
        "output_files": out_files,
        "plain_build_s": round(plain_run.seconds, 2),
        "plain_peak_rss_mb": round(mb(plain_run.peak_rss), 1),
        "plain_output_mb": round(mb(plain_bytes), 1),
        "overhead_ratio": round(full.seconds / plain_run.seconds, 3),
        "incremental_school_s": round(school_run.seconds, 2),
        "incremental_ratio": round(school_run.seconds / full.seconds, 3),
        "incremental_trust_s": round(trust_run.seconds, 2),
        "incremental_trust_ratio": round(trust_run.seconds / full.seconds, 3),
        "sites_rebuilt_school_edit": built_school,
        "sites_rebuilt_trust_edit": built_trust,
        "trust_edit_users": len(trust.rare_schools),
        "incremental_identical": identical,
        "incremental_differing_files": len(differing),
        "index_raw_kb_min": round(min(raw_kb), 1),
        "index_raw_kb_median": round(statistics.median(raw_kb), 1),
        "index_raw_kb_max": round(max(raw_kb), 1),
        "index_gz_kb_min": round(min(gz_kb), 1),
        "index_gz_kb_median": round(statistics.median(gz_kb), 1),
        "index_gz_kb_max": round(max(gz_kb), 1),
        "index_trust_raw_kb": round(trust_raw / 1024, 1),
        "index_trust_gz_kb": round(trust_gz / 1024, 1),
        "material_index_raw_kb_median": round(statistics.median(r for r, _ in material) / 1024, 1),
        "material_index_gz_kb_median": round(statistics.median(g for _, g in material) / 1024, 1),
        "bench_total_s": round(total, 1),
    }
    s = summary
    rows = [
        ("synthetic trust", f"{schools} schools + 1 trust, {s['policies_per_school']} policies each, {s['clauses_per_policy']} clauses a policy"),
        ("", f"{trust.files} source files: {trust.overlays} overlays, {trust.archives} archived versions; build date {DATE}"),
        ("parallel jobs (ours and plain)", str(jobs)),
        ("PDFs", "off (pdf: false): Chromium prints ~1 s per policy, not measured here"),
        ("generator stage: load + validate", f"{gen['load_s']:.2f} s"),
        ("generator stage: page views", f"{gen['views_s']:.2f} s"),
        ("generator stage: render Markdown", f"{gen['render_s']:.2f} s ({gen['pages']} pages)"),
        ("generator stage: YAML to pages", f"{gen_total:.2f} s, {s['generator_pages_per_s']:.0f} pages/s (one core)"),
        ("full build (policy-site build --full)", f"{full.seconds:.1f} s, {pages} pages, {pages / full.seconds:.0f} pages/s"),
        ("  peak memory (process tree RSS)", f"{s['peak_rss_mb']:.0f} MB"),
        ("  output", f"{s['output_mb']:.1f} MB in {out_files} files"),
        ("plain MkDocs-Material, same Markdown", f"{plain_run.seconds:.1f} s, {s['plain_output_mb']:.1f} MB, peak {s['plain_peak_rss_mb']:.0f} MB"),
        ("overhead ratio (target <= 1.15)", f"{s['overhead_ratio']:.2f}"),
        ("incremental: one school clause edit", f"{school_run.seconds:.1f} s = {s['incremental_ratio']:.1%} of full; {built_school} built, {unchanged_school} unchanged"),
        (
            "incremental: one trust policy edit",
            f"{trust_run.seconds:.1f} s = {s['incremental_trust_ratio']:.1%} of full; {built_trust} built, {unchanged_trust} unchanged "
            f"({trust.rare_policy}: trust + {len(trust.rare_schools)} schools use it)",
        ),
        ("  target", "one school's rebuild <= 10% of the full build"),
        ("incremental output = clean build", "yes, byte for byte" if identical else f"NO: {len(differing)} files differ, e.g. {', '.join(differing[:5])}"),
        ("search index per school (raw)", f"min {min(raw_kb):.0f} / median {statistics.median(raw_kb):.0f} / max {max(raw_kb):.0f} KB"),
        ("search index per school (gzip -9)", f"min {min(gz_kb):.0f} / median {statistics.median(gz_kb):.0f} / max {max(gz_kb):.0f} KB"),
        ("search index, trust site", f"{trust_raw / 1024:.0f} KB raw, {trust_gz / 1024:.0f} KB gzipped"),
        (
            "  plain Material search_index.json",
            f"median {statistics.median(r for r, _ in material) / 1024:.0f} KB raw, {statistics.median(g for _, g in material) / 1024:.0f} KB gzipped per school",
        ),
        ("whole benchmark", f"{total:.0f} s"),
    ]
    if code_digest() != code:
        summary["code_changed_during_run"] = True
        rows.append(("WARNING", "generator/ changed during the run: incremental and identity numbers are not reliable"))
    print_report(rows, summary)


if __name__ == "__main__":
    main()
