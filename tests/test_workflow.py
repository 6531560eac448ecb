"""The GitHub Actions workflow that tests every change and publishes every school's site.

It is read here as GitHub reads it: actionlint checks its syntax, expressions and shell
scripts; the structure that keeps publishing safe (only from main, only after the tests and
every build) is asserted; and every `policy-site` command it runs must parse with the real CLI.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.main import parser
from tests.helpers import REPO

WORKFLOW = REPO / ".github/workflows/publish.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"

# A plausible value for each `${{ ... }}` expression a policy-site command may contain, chosen
# by a word of the expression; an expression matching none of them fails the test.
EXPRESSION_VALUES = {"shard": "1/2", "date": "2026-11-21"}
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")
# The program itself, however it is called (policy-site, .venv/bin/policy-site, "$(...").
PROGRAM = re.compile(r"(?:^|(?<=[\s\"'(]))(?:[\w.~/-]*/)?policy-site(?=\s|$)")
SHELL_OPERATOR = re.compile(r"[();<>|&]+")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@v\d+$")


def load() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean true.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def steps() -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in load()["jobs"].items() for step in job.get("steps", [])]


def expression_value(match: re.Match[str]) -> str:
    expression = match.group(1)
    for word, value in EXPRESSION_VALUES.items():
        if word in expression:
            return value
    raise AssertionError(f"no test value for ${{{{{expression}}}}} in a policy-site command: add one to EXPRESSION_VALUES")


def policy_site_commands() -> list[tuple[str, list[str]]]:
    """Every `policy-site` command line of every `run:` step, as (the line, its arguments)."""
    found = []
    for _job, step in steps():
        for line in step.get("run", "").splitlines():
            program = PROGRAM.search(line)
            if not program:
                continue
            rest = EXPRESSION.sub(expression_value, line[program.end() :])
            lexer = shlex.shlex(rest, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            args = []
            # Lazily, so the arguments end at the first shell operator (a pipe, the end of a
            # "$(...)") before the lexer reaches any quote that belongs to the surrounding shell.
            for token in lexer:
                if SHELL_OPERATOR.fullmatch(token):
                    break
                args.append(token)
            found.append((line.strip(), args))
    return found


def test_actionlint_passes() -> None:
    assert ACTIONLINT.exists(), f"{ACTIONLINT} is missing: install requirements.txt (make setup)"
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(WORKFLOW)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_runs_on_pull_requests_and_on_main() -> None:
    on = triggers(load())
    assert "pull_request" in on
    assert "main" in on["push"]["branches"]


def test_deploys_only_from_main_after_the_tests_and_the_build() -> None:
    jobs = load()["jobs"]
    deploy = jobs["deploy"]
    condition = " ".join(deploy["if"].replace("${{", "").replace("}}", "").split())
    assert "github.event_name == 'push'" in condition
    assert "github.ref == 'refs/heads/main'" in condition
    assert "||" not in condition, condition
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert "build" in needs and "test" in needs
    assert deploy["permissions"]["pages"] == "write"
    assert deploy["permissions"]["id-token"] == "write"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["group"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    # Nothing else may publish.
    for name, job in jobs.items():
        if name != "deploy":
            assert "pages" not in job.get("permissions", {}), name
            assert "id-token" not in job.get("permissions", {}), name
    assert load()["permissions"] == {"contents": "read"}


def test_builds_in_shards_with_one_date() -> None:
    jobs = load()["jobs"]
    build = jobs["build"]
    assert "plan" in (build["needs"] if isinstance(build["needs"], list) else [build["needs"]])
    assert "needs.plan.outputs.shards" in build["strategy"]["matrix"]["shard"]
    assert set(jobs["plan"]["outputs"]) >= {"shards", "date"}
    (command,) = [step["run"] for step in build["steps"] if "--shard" in step.get("run", "")]
    assert "matrix.shard" in command and "needs.plan.outputs.date" in command
    uploads = [step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    # The build's output is a link to its generation: the shard uploads a copy that follows it.
    assert len(uploads) == 1 and uploads[0]["with"]["path"] == "shard-site"
    assert any(step.get("run") == "cp -rL site shard-site" for step in build["steps"])
    assert "${{" in uploads[0]["with"]["name"], "each shard needs its own artifact name"
    (download,) = [step for step in jobs["deploy"]["steps"] if step.get("uses", "").startswith("actions/download-artifact@")]
    assert download["with"]["merge-multiple"] is True and download["with"]["path"] == "site"


def test_every_job_has_a_time_limit() -> None:
    for name, job in load()["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name


def test_every_action_is_pinned_to_a_major_version() -> None:
    uses = [step["uses"] for _job, step in steps() if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.match(action), action


def test_runs_every_policy_site_command_it_needs() -> None:
    commands = [args for _line, args in policy_site_commands()]
    assert ["validate"] in commands
    assert ["list", "--json"] in commands
    assert any(args[:1] == ["build"] and "--shard" in args for args in commands)
    assert any(args[:1] == ["build"] and "--index-only" in args for args in commands)


@pytest.mark.parametrize(("line", "args"), [pytest.param(line, args, id=" ".join(args)) for line, args in policy_site_commands()])
def test_policy_site_command_parses(line: str, args: list[str]) -> None:
    try:
        parser().parse_args(args)
    except SystemExit as exc:
        pytest.fail(f"the workflow runs a command the CLI rejects (exit {exc.code}): {line}")
