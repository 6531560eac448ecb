"""How well `policy-site import` reads the five seed policies back from Word, PDF, OpenDocument and text. Run with `make bench-import`.

For each seed: the document the school would have written (tests/documents/from_policy.py)
as .docx, LibreOffice's .odt and .pdf of it, a Chromium PDF, and plain text (as saved, and
hard-wrapped like text out of a PDF); each imported with the CLI as a user would, into a copy
of the school's folder with no policies, and the draft scored against the seed's YAML
(bench/import_score.py). Then a 40-page policy (the example school's policies in one
document) is timed. Prints one table and the misses grouped; writes bench/out/import.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests/documents: the test-document generators

from import_files import FORMATS, make_files, page_count  # noqa: E402  (bench/ is on the path when a benchmark runs)
from import_report import TARGETS, grouped_misses, print_misses, print_table, report_json  # noqa: E402
from import_score import Miss, Score, score_draft  # noqa: E402

from generator.importer.document import Document  # noqa: E402
from tests.documents.from_policy import document_from_policies, document_from_policy, organisation_fill  # noqa: E402

ALL_SEEDS = ["st-thomas", "bledington", "st-james-emmanuel-trust", "st-josephs", "st-lukes"]
# BENCH_SEEDS=bledington,st-lukes  BENCH_FORMATS=docx,txt  BENCH_TIMING=0: a part of the run, for working on one reader.
SEEDS = [s for s in os.environ.get("BENCH_SEEDS", ",".join(ALL_SEEDS)).split(",") if s]
SOURCES = REPO / "policy_sources"
DRAFT_ID = "social-media-imported"
LONG = "long-policy"
LONG_PAGES = 40
OUT = REPO / "bench" / "out" / "import.json"
CLI = Path(sys.executable).parent / "policy-site"


def school_copy(school: str, sources: Path) -> None:
    """The school's folder with its organisation.yml and no policies (and its trust's, which the loader may read)."""
    org_file = SOURCES / school / "organisation.yml"
    (sources / school / "policies").mkdir(parents=True, exist_ok=True)
    shutil.copy(org_file, sources / school / "organisation.yml")
    trust = (yaml.safe_load(org_file.read_text(encoding="utf-8")).get("trust") or {}).get("id")
    if trust and (SOURCES / trust / "organisation.yml").exists() and not (sources / trust).exists():
        (sources / trust / "policies").mkdir(parents=True)
        shutil.copy(SOURCES / trust / "organisation.yml", sources / trust / "organisation.yml")


def run_import(sources: Path, school: str, file: Path) -> tuple[float, subprocess.CompletedProcess[str], str | None]:
    """Import one file with the CLI; the wall time, the process, and the draft's text (then removed, so the next import writes afresh)."""
    draft = sources / school / "policies" / f"{DRAFT_ID}.yml"
    draft.unlink(missing_ok=True)
    command = [str(CLI), "--sources", str(sources), "import", str(file), "--school", school, "--id", DRAFT_ID]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    text = draft.read_text(encoding="utf-8") if draft.exists() else None
    draft.unlink(missing_ok=True)
    return seconds, done, text


def reported_seconds(output: str) -> float | None:
    """The import step's own time, where the CLI says it ("... in 0.42 s", "in 420 ms")."""
    match = re.search(r"\bin (\d+(?:\.\d+)?) ?(ms|s)\b", output)
    if not match:
        return None
    return float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)


def score_one(sources: Path, school: str, file: Path, document: Document) -> Score:
    policy = SOURCES / school / "policies" / "social-media.yml"
    fill = organisation_fill(SOURCES / school / "organisation.yml")
    seed = yaml.safe_load(policy.read_text(encoding="utf-8"))
    _, done, text = run_import(sources, school, file)
    score = score_draft(seed, text or "{}", document, fill)
    if text is None:
        last = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
        # One miss says it all: the rest would list every clause of the seed.
        score.misses = [Miss("clauses", "import wrote no draft", f"exit {done.returncode}: {last[:160]}")]
    return score


def long_documents(pages: int | None = None, blocks_per_page: float | None = None) -> tuple[Document, str]:
    """The example school's policies, one after another, cut to about LONG_PAGES pages once the page size is known."""
    org = SOURCES / "example-primary" / "organisation.yml"
    paths = sorted((SOURCES / "example-primary" / "policies").glob("*.yml"))
    if blocks_per_page:
        chosen: list[Path] = []
        for path in paths:
            chosen.append(path)
            if len(document_from_policies(chosen, org, "Example Primary School policies")[0].blocks) >= LONG_PAGES * blocks_per_page:
                break
        paths = chosen
    return document_from_policies(paths, org, "Example Primary School policies")


def time_long(folder: Path, sources: Path) -> dict[str, object]:
    """A ~40-page policy imported three times from .docx and from PDF: median wall time and the import step's own."""
    school_copy("example-primary", sources)
    whole = long_documents()
    first = make_files({LONG: whole}, folder / "long-all")[LONG]
    per_page = len(whole[0].blocks) / page_count(first["pdf-libreoffice"])
    files = make_files({LONG: long_documents(blocks_per_page=per_page)}, folder / "long")[LONG]
    timing: dict[str, object] = {"pages": page_count(files["pdf-libreoffice"])}
    for form in ("docx", "pdf-libreoffice"):
        runs = [run_import(sources, "example-primary", files[form]) for _ in range(3)]
        walls = [seconds for seconds, _, _ in runs]
        steps = [reported_seconds(done.stdout + done.stderr) for _, done, _ in runs]
        timing[form] = {
            "median_s": round(statistics.median(walls), 3),
            "runs_s": [round(w, 3) for w in walls],
            "import_step_s": round(statistics.median(s for s in steps if s is not None), 3) if all(s is not None for s in steps) else None,
            "wrote_draft": all(text is not None for _, _, text in runs),
        }
    return timing


def main() -> None:
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder, sources = Path(tmp) / "files", Path(tmp) / "sources"
        folder.mkdir()
        documents = {school: document_from_policy(SOURCES / school / "policies" / "social-media.yml", SOURCES / school / "organisation.yml") for school in SEEDS}
        print(f"Writing {len(documents)} seed documents as {', '.join(FORMATS)} ...", flush=True)
        files = make_files(documents, folder)
        if not any("pdf-chromium" in f for f in files.values()):
            notes.append("pdf-chromium left out: tests/documents/html_writer.py or Chromium (make tools) is missing")
        scores: dict[str, dict[str, Score]] = {}
        formats = [f for f in os.environ.get("BENCH_FORMATS", ",".join(FORMATS)).split(",") if f]
        for form in formats:
            for school in SEEDS:
                if form in files[school]:
                    school_copy(school, sources)
                    scores.setdefault(form, {})[school] = score_one(sources, school, files[school][form], documents[school][0])
        timing: dict[str, object] = {}
        if os.environ.get("BENCH_TIMING", "1") != "0":
            print("Timing the 40-page policy ...", flush=True)
            timing = time_long(folder, sources)
    print()
    print_table(scores)
    if timing:
        print(f"40-page policy ({timing['pages']} pages by LibreOffice's PDF), target < {TARGETS['seconds']} s:")
    for form in ("docx", "pdf-libreoffice") if timing else ():
        row = timing[form]
        assert isinstance(row, dict)
        step = f", import step {row['import_step_s']} s" if row["import_step_s"] is not None else " (the CLI does not report its import step's time)"
        mark = "" if row["wrote_draft"] and row["median_s"] < TARGETS["seconds"] else " ✗"
        print(f"  {form:<17} median of 3: {row['median_s']} s{step}{'' if row['wrote_draft'] else ', no draft written'}{mark}")
    for note in notes:
        print(f"Note: {note}")
    print()
    print_misses(grouped_misses(scores))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report_json(scores, timing, notes), indent=2) + "\n", encoding="utf-8")
    print(f"\nWritten: {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
