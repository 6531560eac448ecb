"""What building a large trust costs: `make bench` (50 schools) or `BENCH_SMALL=1 make bench` (5).

In one run, on a synthetic trust written deterministically by bench/synthetic/ (seeded):
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

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_projects import code_digest, generator_stage, setup_project  # noqa: E402  (bench/ is on the path, as above)
from build_runs import DATE, build, plain_build, rebuilt  # noqa: E402
from measure import folder_size, index_sizes, mb, tree_digest  # noqa: E402
from report import print_report  # noqa: E402
from synthetic.trust import edit_clause  # noqa: E402


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
