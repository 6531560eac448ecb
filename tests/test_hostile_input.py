"""Known answers for input that once crashed the tool, hung it, or was silently dropped.

Each case runs `policy-site validate` (in-process, as `main()` with the user's arguments, so a
traceback fails the test) on a copy of a small valid source tree with one thing changed, and
checks the one-line `file:line: message` the admin gets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.render.search_index import INDEX_FILE
from generator.sources.archive import archive_text, fingerprint
from generator.sources.model.history import Event
from tests.helpers import BUILD_DATE, REPO, make_project, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "valid"
POLICY = "oak-primary/policies/social-media.yml"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "policy_sources"
    shutil.copytree(FIXTURE, root)
    return root


def validate(sources: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    """Exit code, error lines and warning lines of `policy-site validate`."""
    code = main(["--sources", str(sources), "validate"])
    out = capsys.readouterr()
    lines = out.err.splitlines()
    errors = [line for line in lines if not line.startswith("warning: ") and not line.endswith("nothing was built or changed.")]
    return code, errors, [line for line in lines if line.startswith("warning: ")]


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` with `new`; the 1-based line where it starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def one_error(errors: list[str], where: str, line: int, *words: str) -> str:
    matching = [e for e in errors if e.endswith("") and f"{where}:{line}: " in e and all(w in e for w in words)]
    assert matching, f"no error at {where}:{line} with {words}; got {errors}"
    for error in errors:
        assert "\n" not in error and ": " in error
    return matching[0]


TEXT_CASES = [
    # (what, old, new, words of the message)
    ("a bool tag on a word", "draft", None, None),
    ("!!bool maybe", "title: Social Media Policy", "title: !!bool maybe", ["'maybe' cannot be read as true or false"]),
    ("!!int abc", 'version: "1"', "version: !!int abc", ["'abc' cannot be read as a whole number"]),
    ("!!float abc", 'version: "1"', "version: !!float abc", ["'abc' cannot be read as a number"]),
    ("a Python object tag", "title: Social Media Policy", "title: !!python/object:os.system echo", ["tag", "not allowed"]),
    ("a custom tag", "title: Social Media Policy", "title: !custom x", ["YAML tag !custom is not allowed"]),
    ("!!binary", "title: Social Media Policy", "title: !!binary aGVsbG8=", ["tag", "not allowed"]),
    ("a merge key", "review:\n  next:", "review:\n  <<: {a: 1}\n  next:", ["merge key", "write the fields out"]),
    ("a recursive alias", "related_policies:\n", "related_policies: &a [*a]\nx:\n", ["refers to the block it is inside"]),
    ("an alias to nothing", "title: Social Media Policy", "title: *nothing", ["refers to no '&nothing'"]),
    ("a 5,000-digit number", 'version: "1"', "version: " + "9" * 5000, ["cannot be read as a whole number"]),
    ("1,000-deep nesting", "related_policies:\n", "related_policies: " + "[" * 1000 + "]" * 1000 + "\nx:\n", ["nested more than 40 deep"]),
    ("review year 0000", 'next: "2027-01"', 'next: "0000"', ["year 0", "from 1900 to 2199"]),
    ("ratified in 9999", 'date: "2025-01-29"', 'date: "9999-12"', ["year 9999"]),
    ("an escape character", "title: Social Media Policy", 'title: "Social \\e[31mMedia"', ["U+001B (escape)", "delete it"]),
    ("a carriage return", "title: Social Media Policy", 'title: "Social Media Policy\\r\\r!!! danger"', ["must be one line", "carriage return"]),
    ("a line separator", "summary: How Oak keeps pupils safe on social media.", 'summary: "How Oak\\u2028keeps pupils safe."', ["must be one line", "line separator"]),
    ("text cut by ' #'", "title: Social Media Policy", "title: Staff must not post #hashtags", ["read as a comment", "quotes"]),
    ("a sentence cut by ' # '", "title: Social Media Policy", "title: Social media policy # for staff and pupils", ["read as a comment"]),
    ("two documents", "sections:", "---\nsections:", ["more than one YAML document"]),
    ("a topic id that is a list (found by fuzzing)", "sections:", "topics:\n  - id: []\n    title: Extra\nsections:", ["'id' should be text"]),
    ("a tab", "    title: Staff use", "\ttitle: Staff use", ["indent with spaces, not tabs"]),
    ("a field name that is a block", "title: Social Media Policy", "? [a, b]\n: x\ntitle: Social Media Policy", ["field name must be plain text"]),
]


@pytest.mark.parametrize("what,old,new,words", [c for c in TEXT_CASES if c[2] is not None], ids=[c[0] for c in TEXT_CASES if c[2] is not None])
def test_hostile_yaml_gives_one_line_with_its_place(sources: Path, capsys: pytest.CaptureFixture[str], what: str, old: str, new: str, words: list[str]) -> None:
    line = replace(sources / POLICY, old, new)
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    # The message sits on the line that holds the problem: where the edit starts, or a line of it.
    lines = range(line, line + new.count("\n") + 1)
    assert any(f"{POLICY}:{n}: " in e and all(w in e for w in words) for e in errors for n in lines), errors


def test_an_invisible_character_is_listed_with_the_files_other_mistakes(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = replace(sources / POLICY, "title: Social Media Policy", 'title: "Social \\e[31mMedia"')
    second = replace(sources / POLICY, "strength: should", "strength: shuold")
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, POLICY, first, "U+001B (escape)")
    one_error(errors, POLICY, second, "'shuold'")


@pytest.mark.parametrize("char,name", [("\u2028", "line separator"), ("\u2029", "paragraph separator"), ("\x85", "next line")])
def test_line_breaks_editors_do_not_show_are_reported_at_the_line_they_show(sources: Path, capsys: pytest.CaptureFixture[str], char: str, name: str) -> None:
    # YAML reads these as new lines and editors do not: the line must be the one the editor shows.
    line = replace(sources / POLICY, "title: Social Media Policy", f"title: Social{char}Media Policy")
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, POLICY, line, f"({name})", "editors do not show")


def test_an_alias_repeating_a_long_text_is_refused_quickly(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = "word " * 20_000
    line = replace(sources / POLICY, "title: Social Media Policy", f'title: &a "{words}"\njunk: [' + ", ".join(["*a"] * 20_000) + "]")
    started = time.perf_counter()
    code, errors, _ = validate(sources, capsys)
    assert time.perf_counter() - started < 10
    assert code == 1
    one_error(errors, POLICY, line + 1, "more than 8 million characters of text")


def test_a_plain_word_with_a_note_after_it_is_fine(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(sources / POLICY, "strength: must-not\n", "strength: must-not  # checked with the head\n")
    code, errors, _ = validate(sources, capsys)
    assert code == 0, errors


def test_nul_and_control_characters_are_reported_at_their_real_line(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = sources / POLICY
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[20] = lines[20].rstrip("\n") + "\x00\n"
    lines[30] = lines[30].replace("e", "\x07", 1)
    path.write_text("".join(lines), encoding="utf-8")
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, POLICY, 21, "U+0000")
    assert not any("tabs" in e for e in errors), errors


def test_billion_laughs_is_refused_quickly(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    replace(sources / POLICY, "title: Social Media Policy", "\n".join(rows) + "\ntitle: Social Media Policy")
    started = time.perf_counter()
    code, errors, _ = validate(sources, capsys)
    assert time.perf_counter() - started < 5
    assert code == 1
    assert any("more than 250,000 values" in e and f"{POLICY}:" in e for e in errors), errors


def test_the_seed_policys_shared_consequence_alias_still_reads() -> None:
    # St Luke's writes one consequence once (&code-breach) and points to it from nine clauses.
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr


def test_100000_deep_nesting_is_refused_without_a_crash(sources: Path) -> None:
    (sources / POLICY).write_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--sources", str(sources), "validate"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "nested more than 40 deep" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_named_like_a_policy(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (sources / "oak-primary/policies/extra.yml").mkdir()
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, "oak-primary/policies/extra.yml", 1, "folder with a file's name")


def test_unreadable_file_and_folder(sources: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests run as root, whom file permissions do not stop: make the system say no instead.
    real_read, real_scandir = Path.read_text, os.scandir

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "acceptable-use.yml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self, *args, **kwargs)  # type: ignore[arg-type]

    def scandir(path: object) -> object:
        if str(path).endswith("archive"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    (sources / "oak-primary/archive").mkdir()
    monkeypatch.setattr(Path, "read_text", read_text)
    monkeypatch.setattr(os, "scandir", scandir)
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, "oak-primary/policies/acceptable-use.yml", 1, "cannot be read (permission denied)")
    one_error(errors, "oak-primary/archive", 1, "folder cannot be read")


@pytest.mark.parametrize(
    "name,words",
    [
        ("other.YML", ["rename it to other.yml"]),
        ("other.json", ["YAML, not JSON"]),
        ("other.yaml.txt", ["does not read this file"]),
    ],
)
def test_misnamed_policy_files_are_errors(sources: Path, capsys: pytest.CaptureFixture[str], name: str, words: list[str]) -> None:
    shutil.copy(sources / POLICY, sources / "oak-primary/policies" / name)
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, f"oak-primary/policies/{name}", 1, *words)


def test_editor_leftovers_are_reported_not_read(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(sources / POLICY, sources / (POLICY + "~"))
    os.symlink("admin@office.1234", sources / "oak-primary/policies/.#social-media.yml")  # an editor's lock: a dangling link
    (sources / ".DS_Store").write_bytes(b"\x00\x01")
    code, errors, warnings = validate(sources, capsys)
    assert code == 0, errors
    for name in ("social-media.yml~", ".#social-media.yml", ".DS_Store"):
        assert any(name in w and "not read" in w for w in warnings), warnings


def test_links_are_refused_by_name_without_reading_the_target(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("id: outside\ntitle: SECRET-OUTSIDE-TEXT\n", encoding="utf-8")
    os.symlink(outside, sources / "oak-primary/policies/outside.yml")
    os.symlink("/etc/passwd", sources / "oak-primary/policies/passwd.yml")
    shutil.copytree(sources / "oak-primary", tmp_path / "elm-primary")
    os.symlink(tmp_path / "elm-primary", sources / "elm-primary")
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    for name in ("oak-primary/policies/outside.yml", "oak-primary/policies/passwd.yml", "elm-primary"):
        one_error(errors, name, 1, "is a link", "does not follow links")
    report = "\n".join(errors)
    assert "SECRET-OUTSIDE-TEXT" not in report and "root:" not in report


def _archive_first_version(sources: Path) -> Path:
    result = run_cli("--sources", str(sources), "freeze", "social-media", "--school", "oak-primary")
    assert result.returncode == 0, result.stderr
    return sources / "oak-primary/archive/social-media/1.yml"


def test_archive_fingerprint_is_recorded_and_checked(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = _archive_first_version(sources)
    policy = (sources / POLICY).read_text(encoding="utf-8")
    assert 'archive: "sha256:' in policy
    # Edit the ratified words and recompute the archive's own fingerprint, as a forger would.
    archive.chmod(0o644)
    text = archive.read_text(encoding="utf-8")
    import yaml

    record = yaml.safe_load(text)
    record["content"]["sections"][0]["clauses"][0]["strength"] = "may"
    forged = archive_text("Oak Primary School", "social-media", Event.model_validate(record["ratification"]), record["content"])
    archive.write_text(forged, encoding="utf-8")
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    assert any("archive/social-media/1.yml:" in e and "does not match the fingerprint recorded for version 1" in e for e in errors), errors
    assert fingerprint(record["content"]) not in policy


def test_deleted_or_renamed_archive_is_an_error(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = _archive_first_version(sources)
    line = next(n for n, row in enumerate((sources / POLICY).read_text(encoding="utf-8").splitlines(), 1) if "archive:" in row)
    archive.rename(archive.with_suffix(".yaml"))
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, POLICY, line, "archive/social-media/1.yml, which is missing")
    one_error(errors, "oak-primary/archive/social-media/1.yaml", 1, "rename it to 1.yml")
    archive.with_suffix(".yaml").unlink()
    code, errors, _ = validate(sources, capsys)
    one_error(errors, POLICY, line, "which is missing")


def test_version_page_shows_the_fingerprint(sources: Path, tmp_path: Path) -> None:
    _archive_first_version(sources)
    shutil.rmtree(sources / "oak-primary/policies/acceptable-use.yml", ignore_errors=True)
    project = make_project(tmp_path / "p", sources)
    result = run_cli("build", "--date", BUILD_DATE, "--output", "site", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "site/oak-primary/policies/social-media/versions/1/index.html").read_text(encoding="utf-8")
    policy = (sources / POLICY).read_text(encoding="utf-8")
    recorded = policy.split('archive: "', 1)[1].split('"', 1)[0]
    assert recorded in page and "Fingerprint of this text" in page


@pytest.mark.parametrize("version,words", [("4\n", ["--version '4\\n'"]), ("3.", ["--version '3.'"]), ("1.0", ["same number written differently"]), ("01", ["same"])])
def test_look_alike_and_broken_versions_are_refused(sources: Path, version: str, words: list[str]) -> None:
    request = ["ratify", "social-media", "--school", "oak-primary", "--date", "2025-06-01", "--body", "FGB", "--version", version, "--note-staff", "x"]
    result = run_cli("--sources", str(sources), *request)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert all(w in result.stderr for w in words), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_look_alike_versions_in_the_history_are_an_error(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = replace(
        sources / POLICY,
        "review:",
        '  - event: ratified\n    date: 2025-03-01\n    version: "1.0"\n  - event: ratified\n    date: 2025-04-01\n    version: 3a\n'
        "  - event: ratified\n    date: 2025-05-01\n    version: 3A\nreview:",
    )
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, POLICY, line + 2, "version 1.0 is already recorded at line 6", "trailing .0")
    one_error(errors, POLICY, line + 8, "version 3A is already recorded at line", "ignoring case")


def test_an_unquoted_decimal_version_is_asked_for_in_quotes(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = replace(sources / POLICY, 'version: "1"', "version: 1.0")
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, POLICY, line, "'version' should be text (put it in quotes), not 1.0")


def test_overlay_field_misspelt_inside_with_lists_the_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "policy_sources"
    shutil.copytree(REPO / "policy_sources", root)
    overlay = root / "example-primary/overlays/social-media.yml"
    entry = "replace:\n  - clause: report-cyberbullying-trolling\n    with:\n      wording: x\n"
    line = replace(overlay, "school_accounts:\n", entry + "school_accounts:\n") + 3
    code, errors, _ = validate(root, capsys)
    assert code == 1
    message = one_error(errors, "example-primary/overlays/social-media.yml", line, "unknown field 'wording'", "the fields allowed here are: audiences,")
    assert "text" in message


def test_a_field_indented_into_the_text_above_is_found_where_it_is(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = replace(
        sources / POLICY,
        "        text: Parents must not post photos of other children.\n        strength: must-not\n",
        "        text: >-\n          Parents must not post photos of other children.\n          strength: must-not\n",
    )
    code, errors, _ = validate(sources, capsys)
    assert code == 1
    one_error(errors, POLICY, line + 2, "'strength:' is indented as far as the text of 'text:'", "move it left")


def test_placeholders_in_titles_are_filled_in_every_export(sources: Path, tmp_path: Path) -> None:
    replace(sources / POLICY, "title: Social Media Policy", "title: Social Media Policy of {{ school.name }}")
    project = make_project(tmp_path / "p", sources)
    result = run_cli("build", "--date", BUILD_DATE, "--output", "site", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site/oak-primary"
    exported = json.loads((site / "policies.json").read_text(encoding="utf-8"))
    titles = [p["title"] for p in exported["policies"]]
    assert "Social Media Policy of Oak Primary School" in titles
    for name in ("policies.json", "reviews.ics", "changes.xml"):
        path = site / name
        if path.exists():
            assert "{{" not in path.read_text(encoding="utf-8"), name


def test_search_does_not_print_terminal_escapes(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site / "bledington", site / "bledington")
    index = site / "bledington" / INDEX_FILE
    data = json.loads(index.read_text(encoding="utf-8"))
    # An index from anywhere (--site): put a terminal escape into the words of every document.
    at = data["fields"].index("text")
    for doc in data["docs"]:
        doc[at] = "\x1b]0;owned\x07\x1b[2J" + str(doc[at])
    index.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("search", "photos", "--school", "bledington", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert "\\u001b" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
