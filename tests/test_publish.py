"""Publishing: the output is always one whole site, whatever instant a build is killed at; one build
at a time; outputs that would replace the project's own folders are refused; workers die with the
build; removed organisations leave the site. Three small standalone schools keep it quick."""

from __future__ import annotations

import os
import queue
import resource
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import BUILD_DATE, CLI, REPO, cli_env, make_project, run_cli
from tests.test_errors import tree_digest

ORGS = ("bledington", "st-josephs", "st-lukes")
STEPS = ("staged", "kept-linked", "index-written", "manifest-written", "link-created", "switched", "cleaned")
ONLINE_AFTER = {"switched", "cleaned"}  # from these steps on, the new site is the one online
POLICY = "policy_sources/st-lukes/policies/social-media.yml"
OLD_TITLE, NEW_TITLE = "title: Social Media Policy\n", "title: Online Conduct Policy\n"
BUSY = "another build into site is running; wait for it to finish"


def files(folder: Path) -> dict[str, bytes]:
    """Every file a reader of `folder` sees (through the link), by path: the whole site."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_args(*extra: str) -> list[str]:
    return ["build", "--output", "site", "--date", BUILD_DATE, "--jobs", "1", *extra]


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run_cli(*build_args(*extra), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def retitle(project: Path, old: str, new: str) -> None:
    path = project / POLICY
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def start(project: Path, args: list[str], env: dict[str, str] | None = None, preexec: Callable[[], None] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, *args], cwd=project, env=cli_env(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec)


def wait_for_line(proc: subprocess.Popen[str], wanted: str, seconds: float = 60) -> None:
    """Read the process's stderr until `wanted`; a reader thread keeps the wait bounded."""
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    stream = proc.stderr
    threading.Thread(target=lambda: [lines.put(line) for line in iter(stream.readline, "")] + [lines.put("")], daemon=True).start()
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        seen.append(line)
        if wanted in line:
            return
        if line == "":
            break
    proc.kill()
    pytest.fail(f"no '{wanted}' line; stderr was: {''.join(seen)}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A project whose site/ holds a first good build; that site's files, and those of a clean
    build with St Luke's policy retitled (the output does not depend on where the project is)."""
    root = tmp_path_factory.mktemp("published")
    project = make_project(root)
    for org in ORGS:
        shutil.copytree(REPO / "policy_sources" / org, project / "policy_sources" / org)
    build(project)
    old = files(project / "site")
    other = make_project(root / "retitled")
    shutil.copytree(project / "policy_sources", other / "policy_sources")
    retitle(other, OLD_TITLE, NEW_TITLE)
    build(other)
    new = files(other / "site")
    assert old != new
    return project, old, new


def copy_of(project: Path, tmp_path: Path) -> Path:
    """The built project, link and generations included, for one test to change."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    return copy


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_a_whole_site(step: str, built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    project, old, new = built
    project = copy_of(project, tmp_path)
    site = project / "site"
    retitle(project, OLD_TITLE, NEW_TITLE)
    proc = start(project, build_args(), env={"POLICY_SITE_PAUSE_AT": step})
    wait_for_line(proc, f"paused at {step}")
    online = new if step in ONLINE_AFTER else old
    assert files(site) == online
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert files(site) == online
    build(project)
    assert files(site) == new


def test_the_manifest_never_disagrees_with_the_site_online(built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    """Edit, build, revert, kill the next build just before its switch: the next build must not
    believe the reverted text is online already."""
    project, old, new = built
    project = copy_of(project, tmp_path)
    site = project / "site"
    retitle(project, OLD_TITLE, NEW_TITLE)
    build(project)
    assert files(site) == new
    retitle(project, NEW_TITLE, OLD_TITLE)
    for step in ("manifest-written", "link-created"):
        proc = start(project, build_args(), env={"POLICY_SITE_PAUSE_AT": step})
        wait_for_line(proc, f"paused at {step}")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert files(site) == new
    result = build(project)
    assert "built st-lukes" in result.stdout
    assert files(site) == old
    assert b"Online Conduct Policy" not in files(site)["st-lukes/policies/social-media/index.html"]


def test_a_second_build_into_the_same_output_refuses_while_the_first_runs(built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    project, old, new = built
    project = copy_of(project, tmp_path)
    retitle(project, OLD_TITLE, NEW_TITLE)
    # Paused long enough for the second build to start and load its sources on a busy machine
    # (3 s was not, on a loaded CI runner: the first had published before the second asked).
    first = start(project, build_args(), env={"POLICY_SITE_PAUSE_AT": "staged", "POLICY_SITE_PAUSE_SECONDS": "15"})
    wait_for_line(first, "paused at staged")
    second = run_cli(*build_args(), cwd=project)
    assert second.returncode == 1 and second.stderr.strip() == BUSY, second.stderr
    assert first.wait(timeout=60) == 0
    assert files(project / "site") == new
    # Started together, without a pause: whichever loses refuses; neither publishes half a site.
    both = [start(project, build_args("--full")) for _ in range(2)]
    outcomes = [(proc.wait(timeout=120), proc.communicate()[1]) for proc in both]
    assert any(code == 0 for code, _ in outcomes), outcomes
    assert all(code == 0 or err.strip() == BUSY for code, err in outcomes), outcomes
    assert files(project / "site") == new


def test_outputs_that_would_replace_the_project_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "root")
    shutil.copytree(REPO / "policy_sources" / "st-lukes", project / "policy_sources" / "st-lukes")
    # A copy of the package, found first from the project folder: if a refusal ever failed,
    # the build would replace this copy, never the repository's own code.
    shutil.copytree(REPO / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    env = {"PYTHONPATH": str(project), "PYTHONDONTWRITEBYTECODE": "1"}
    (project / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    # Folders of other things: a repository's own records, someone's files.
    for folder, name in ((".git", "HEAD"), ("schema", "policy.schema.json"), ("userhome", "thesis.txt")):
        (project / folder).mkdir()
        (project / folder / name).write_text("keep me\n", encoding="utf-8")
    before, around = tree_digest(tmp_path), sorted(os.listdir(tmp_path))
    refused = {
        "policy_sources": "policy_sources is the sources folder",
        "policy_sources/st-lukes": "policy_sources/st-lukes lies inside policy_sources, the sources folder",
        "docs": "docs is the MkDocs docs_dir",
        "overrides": "overrides is the theme's custom_dir",
        "overrides/policy_pages": "overrides/policy_pages lies inside overrides, the theme's custom_dir",
        "generator": "generator is the generator package",
        ".": f"{project} is the folder that holds mkdocs.yml",
        "..": f"{project.parent} holds {project}, the folder that holds mkdocs.yml",
        "notes.txt": "notes.txt is a file, not a folder",
        ".git": ".git is a folder that policy-site did not build",
        "schema": "schema is a folder that policy-site did not build",
        "userhome": "userhome is a folder that policy-site did not build",
        ".site.builds": ".site.builds is a name policy-site keeps for its own records",
    }
    for output, message in refused.items():
        result = run_cli("build", "--output", output, "--date", BUILD_DATE, cwd=project, env=env)
        assert result.returncode == 1, (output, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(message), (output, result.stderr)
        assert "--output site" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(tmp_path) == before and sorted(os.listdir(tmp_path)) == around


def test_without_mkdocs_yml_one_sentence(tmp_path: Path) -> None:
    for command in ("build", "validate", "serve"):
        result = run_cli(command, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr == f"no mkdocs.yml in {tmp_path}; run policy-site in the folder that holds mkdocs.yml, or pass --config PATH\n"


def _file_size_limit() -> None:
    # Root ignores file permissions, but not RLIMIT_FSIZE: writing past 1 KB fails with EFBIG
    # (SIGXFSZ ignored, so the write fails rather than killing the build): a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_a_full_output_location_fails_in_one_sentence_and_keeps_the_site(built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    project, old, _ = built
    project = copy_of(project, tmp_path)
    builds = sorted(os.listdir(project / ".site.builds"))
    # All kept: the index page (over 1 KB) is the first write; then a site to rebuild as well.
    for change in (False, True):
        if change:
            retitle(project, OLD_TITLE, NEW_TITLE)
        proc = start(project, build_args(), preexec=_file_size_limit)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 1 and err.count("\n") == 1 and "Traceback" not in err, err
        assert "the previous site is unchanged" in err or "the site online is unchanged" in err, err
        assert files(project / "site") == old
        assert sorted(os.listdir(project / ".site.builds")) == builds


def test_a_site_from_before_generations_is_migrated_or_left_whole(built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    project, old, new = built
    project = copy_of(project, tmp_path)
    site = project / "site"
    # A plain folder, as older versions of the tool left it.
    plain = tmp_path / "plain"
    shutil.copytree(site, plain)
    site.unlink()
    shutil.rmtree(project / ".site.builds")
    plain.rename(site)
    # Where the builds would go is a file: mkdir fails, for root too.
    (project / ".site.builds").write_text("in the way\n", encoding="utf-8")
    result = run_cli(*build_args(), cwd=project)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "the site online is unchanged" in result.stderr, result.stderr
    assert not site.is_symlink() and files(site) == old
    (project / ".site.builds").unlink()
    retitle(project, OLD_TITLE, NEW_TITLE)
    build(project)
    assert site.is_symlink() and files(site) == new


def test_a_read_only_site_online_is_never_written(built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    """Kept sites are linked into the new build, never moved out of the live one. Root would write
    through chmod, so the proof is that not one file or folder of the live generation changed."""
    project, old, new = built
    project = copy_of(project, tmp_path)
    live = (project / "site").resolve()

    def state() -> dict[str, tuple[int, int, int]]:
        return {str(p): (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_mode) for p in [live, *live.rglob("*")]}

    for path in [*(live / "st-josephs").rglob("*"), live / "st-josephs"]:
        path.chmod(path.stat().st_mode & ~0o222)
    before = state()
    retitle(project, OLD_TITLE, NEW_TITLE)
    result = build(project)
    assert "st-josephs unchanged, kept" in result.stdout
    assert files(project / "site") == new
    assert state() == before and files(live) == old


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead: it only waits for someone to reap it


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_die_with_the_build(built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    project, old, _ = built
    project = copy_of(project, tmp_path)
    args = ["build", "--output", "site", "--date", BUILD_DATE, "--jobs", "2", "--full"]
    proc = start(project, args, env={"POLICY_SITE_PAUSE_AT": "building"})
    wait_for_line(proc, "paused at building")  # a worker is building (and sleeping)
    deadline = time.monotonic() + 10
    while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2, workers
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), [pid for pid in workers if _alive(pid)]
    assert files(project / "site") == old


def test_a_removed_organisation_leaves_the_site(built: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    project, old, _ = built
    project = copy_of(project, tmp_path)
    site = project / "site"
    lukes = tmp_path / "st-lukes"
    (project / "policy_sources" / "st-lukes").rename(lukes)
    # --school: the other organisations' sites are carried over, the removed one is not.
    for extra in (["--school", "bledington"], [], ["--full"]):
        build(project, *extra)
        assert sorted(p.name for p in site.iterdir()) == ["bledington", "index.html", "st-josephs"], extra
        assert 'href="st-lukes/"' not in (site / "index.html").read_text(encoding="utf-8")
        assert {k: v for k, v in files(site).items() if not k.startswith("index.html")} == {k: v for k, v in old.items() if not k.startswith(("st-lukes/", "index.html"))}
        lukes.rename(project / "policy_sources" / "st-lukes")
        build(project)
        assert files(site) == old
        (project / "policy_sources" / "st-lukes").rename(lukes)
