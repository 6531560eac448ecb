"""The house holds: stages import only earlier stages, only the adapter knows MkDocs, no import
circles, small modules that say their job, and `python -m generator.cli` and the entry points work."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tests.helpers import BUILD_DATE, REPO, cli_env, make_project, run_cli

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
STAGES = ["sources", "history", "views", "render", "mkdocs_adapter", "sites", "cli"]
MAX_LINES = 330  # "about 300": a module past this is two jobs


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    # The package is found on PYTHONPATH, so a copy of it is checked, not the installed one.
    return subprocess.run(
        [str(LINT_IMPORTS), str(root / ".importlinter"), "--no-cache", "--no-logo"],
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "house"
    shutil.copytree(REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / ".importlinter", root / ".importlinter")
    return root


def test_the_contracts_hold_for_the_package() -> None:
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # An earlier stage reaching forward: the model importing the renderer.
        ("sources/model/policy.py", "import generator.render.renderer", "Each stage imports only the stages before it"),
        # A page view knowing MkDocs: the renderer would no longer be replaceable.
        ("views/site.py", "import mkdocs.config", "Only the MkDocs adapter imports MkDocs"),
        # A circle inside a stage, as sources, checks and archive once were.
        ("sources/errors.py", "import generator.sources.load", "No import circle between the modules of a stage"),
    ],
)
def test_a_broken_layer_fails_the_suite(tmp_path: Path, module: str, line: str, contract: str) -> None:
    root = _copy(tmp_path)
    target = root / "generator" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = _lint_imports(root)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in " ".join(broken.split()), result.stdout


def test_the_stages_are_the_packages_of_generator() -> None:
    packages = sorted(p.name for p in (REPO / "generator").iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(STAGES)
    loose = sorted(p.name for p in (REPO / "generator").glob("*.py") if p.name != "__init__.py")
    assert loose == [], "every module belongs to a stage package"
    layers = (REPO / ".importlinter").read_text(encoding="utf-8").split("layers =", 1)[1].split("\n\n", 1)[0].split()
    assert layers == [f"generator.{stage}" for stage in reversed(STAGES)]


def test_every_module_is_small_and_says_its_job() -> None:
    problems = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(REPO)
        lines = len(text.splitlines())
        if lines > MAX_LINES:
            problems.append(f"{where}: {lines} lines (split it: at most about 300)")
        docstring = ast.get_docstring(ast.parse(text), clean=False)
        if not docstring or not docstring.strip():
            problems.append(f"{where}: no docstring saying its one job")
    assert problems == []


def test_the_command_and_the_plugin_are_found_where_they_were() -> None:
    scripts = {e.name: e.value for e in metadata.entry_points(group="console_scripts") if e.name == "policy-site"}
    plugins = {e.name: e.value for e in metadata.entry_points(group="mkdocs.plugins") if e.name == "policy-site"}
    assert scripts == {"policy-site": "generator.cli.main:main"}
    assert plugins == {"policy-site": "generator.mkdocs_adapter.plugin:PolicySitePlugin"}
    plugin = next(e for e in metadata.entry_points(group="mkdocs.plugins") if e.name == "policy-site").load()
    assert plugin.__name__ == "PolicySitePlugin"
    result = run_cli("--help")
    assert result.returncode == 0 and "validate" in result.stdout and "ratify" in result.stdout


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `policy-site search ... | head -1`: the reader closes the pipe after one line, long
    # before the 130 KB of results (more than a pipe holds) are written.
    command = f"{sys.executable} -m generator.cli search school --limit 1000 | head -n 1"
    result = subprocess.run(["bash", "-c", command], cwd=REPO, capture_output=True, text=True, timeout=300, env=cli_env())
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.stdout.count("\n") == 1 and "result" in result.stdout


def test_a_build_leaves_git_status_clean(tmp_path: Path) -> None:
    # The build's records (generations, manifest, lock) are covered by the project's .gitignore,
    # so `git add -A` after a build commits nothing of it.
    project = make_project(tmp_path, REPO / "policy_sources")
    shutil.copy(REPO / ".gitignore", project / ".gitignore")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "sources"], cwd=project, check=True)
    for _ in range(2):  # the second build keeps the sites and rewrites the records
        result = run_cli("build", "--school", "example-primary", "--date", BUILD_DATE, cwd=project)
        assert result.returncode == 0, result.stderr
    status_of = ["git", "-c", "core.excludesFile=/dev/null", "status", "--porcelain", "--untracked-files=all"]
    status = subprocess.run(status_of, cwd=project, capture_output=True, text=True, check=True)
    assert status.stdout == ""
