"""Reading built HTML the way a person sees it, and running the CLI the way an admin does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "generator.cli"]
BUILD_DATE = "2026-11-21"


def cli_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment the CLI runs in: this checkout's generator, even from a project copied
    elsewhere (the editable install may point at another worktree of the repository)."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path, **(env or {})}
    full_env.pop("SOURCE_DATE_EPOCH", None)
    return full_env


def run_cli(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, env=cli_env(env), capture_output=True, text=True, timeout=600)


@dataclass
class PageText(HTMLParser):
    """Visible text of the article, the clause ids on the page, and text inside each clause."""

    clauses: dict[str, str] = field(default_factory=dict)
    clause_classes: dict[str, str] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)
    ratification: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._stack: list[tuple[str, str | None, bool, bool]] = []
        self._in_article = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]
        if tag == "script":
            self._in_script = True
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "path"):
            return
        clause = a.get("data-clause")
        if clause:
            self.clauses.setdefault(clause, "")
            self.clause_classes[clause] = a.get("class") or ""
        ratification = "ps-ratification" in (a.get("class") or "").split()
        if ratification:
            self.ratification.append("")
        article = tag == "article"
        self._stack.append((tag, clause, ratification, article))
        if article:
            self._in_article += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if not any(entry[0] == tag for entry in self._stack):
            return
        while self._stack:
            name, _, _, article = self._stack.pop()
            if article:
                self._in_article -= 1
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
            return
        for _, clause, ratification, _ in self._stack:
            if clause:
                self.clauses[clause] += data
            if ratification:
                self.ratification[-1] += data
        if self._in_article:
            self.text.append(data)

    @property
    def article(self) -> str:
        return " ".join(" ".join(self.text).split())


def read_page(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def squash(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


PLUGIN_LINE = "  - policy-site:\n"


def make_project(tmp: Path, sources: Path | None = None, *, pdf: bool = False) -> Path:
    """A copy of the project's site configuration around a given policy_sources folder.

    Without PDFs unless asked: printing them starts Chromium, which would slow every build test.
    """
    project = tmp / "project"
    project.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count(PLUGIN_LINE) == 1, "mkdocs.yml must register the policy-site plugin once"
    if not pdf:
        config = config.replace(PLUGIN_LINE, PLUGIN_LINE + "      pdf: false\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "overrides", project / "overrides")
    if sources is not None:
        shutil.copytree(sources, project / "policy_sources")
    return project


VALID_FIXTURE = Path(__file__).parent / "fixtures" / "valid"
VALID_POLICY = Path("policy_sources") / "oak-primary" / "policies" / "social-media.yml"
# A line of the valid fixture's policy: the pupils' version of its rule on telling someone.
PUPILS_TELL_LINE = "          pupils: If something online upsets me, I will tell a teacher.\n"


def valid_project_with(tmp: Path, line: str, replacement: str) -> tuple[Path, Path]:
    """A copy of the valid fixture project with one line of its policy replaced: the project and that policy file."""
    project = make_project(tmp, VALID_FIXTURE)
    policy = project / VALID_POLICY
    text = policy.read_text(encoding="utf-8")
    assert text.count(line) == 1, f"the fixture no longer has the line {line!r}"
    policy.write_text(text.replace(line, replacement), encoding="utf-8")
    return project, policy
