"""The house holds: stages import only earlier stages, only the adapter knows MkDocs, no import
circles, small modules that say their job, and `python -m generator.cli` and the entry points work."""

from __future__ import annotations

import ast
import configparser
import importlib
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from tests.helpers import BUILD_DATE, REPO, cli_env, make_project, run_cli

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
# In pipeline order; the importer (documents to draft YAML) stands beside the views, independent of them.
STAGES = ["sources", "history", "importer", "views", "render", "mkdocs_adapter", "sites", "cli"]
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
    # A folder of modules without __init__.py is still importable, but the import contracts
    # would not see it: every folder that holds Python is a package.
    folders = {p.parent for p in (REPO / "generator").rglob("*.py") if "__pycache__" not in p.parts}
    assert sorted(str(f.relative_to(REPO)) for f in folders if not (f / "__init__.py").is_file()) == []
    # Each contract names every stage: a new stage left out of one would escape it.
    contracts = configparser.ConfigParser()
    contracts.read(REPO / ".importlinter", encoding="utf-8")
    everyone = [f"generator.{stage}" for stage in STAGES]
    layers = [name for name in contracts["importlinter:contract:pipeline"]["layers"].split() if name != "|"]
    assert sorted(layers) == sorted(everyone)
    assert sorted(contracts["importlinter:contract:mkdocs"]["source_modules"].split()) == sorted(set(everyone) - {"generator.mkdocs_adapter"})
    assert sorted(contracts["importlinter:contract:no-circles"]["ancestors"].split()) == sorted(everyone)


def test_a_package_says_what_it_does_and_holds_nothing_else() -> None:
    # Names are imported from the module that defines them, never through a package.
    for init in sorted((REPO / "generator").rglob("__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.relative_to(REPO)}: no docstring"
        assert len(tree.body) == 1, f"{init.relative_to(REPO)}: holds more than its docstring"


def test_every_path_the_docs_and_comments_name_exists() -> None:
    # A path left behind by a move misleads the next reader.
    named = re.compile(r"\b((?:generator|tests|bench)/[\w./-]*\w)")
    texts = [*(REPO / "generator").rglob("*.py"), *(REPO / "generator").rglob("*.j2"), *(REPO / "generator").rglob("*.js")]
    texts += [REPO / name for name in ("README.md", "CONTRIBUTING.md", "AUTHORING.md", "Makefile", "LICENSE-lunr.js")]
    missing = set()
    for path in texts:
        for match in named.finditer(path.read_text(encoding="utf-8")):
            target = match.group(1).rstrip(".")
            if "<" not in target and "*" not in target and not (REPO / target).exists():
                missing.add(f"{path.relative_to(REPO)}: {target}")
    assert sorted(missing) == []


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
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"policy-site": "generator.cli.main:main"}
    assert project["entry-points"]["mkdocs.plugins"] == {"policy-site": "generator.mkdocs_adapter.plugin:PolicySitePlugin"}
    for target in (project["scripts"]["policy-site"], project["entry-points"]["mkdocs.plugins"]["policy-site"]):
        module, _, name = target.partition(":")
        assert callable(getattr(importlib.import_module(module), name)), target
    # And the installed metadata says the same, so `policy-site` and `mkdocs build` find them.
    groups = ("console_scripts", "mkdocs.plugins")
    installed = {group: e.value for group in groups for e in metadata.entry_points(group=group) if e.name == "policy-site"}
    assert installed == {"console_scripts": "generator.cli.main:main", "mkdocs.plugins": "generator.mkdocs_adapter.plugin:PolicySitePlugin"}
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
