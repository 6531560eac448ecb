"""Fuzzing: mutations of the real sources never crash, hang or give a message without its place.

Each example takes one file of the demo's `policy_sources/` (policies, overlays, archives,
organisations), mutates it (in its text, or in its data written back as YAML), and runs what
`policy-site validate` and `build` run before MkDocs: loading and checking every source, then
the site's page views, every page's Markdown, the feeds, the calendar and the JSON export.
Every run must end in a site or in `file:line: message` lines, within a time bound.

Seeded and bounded: `FUZZ_EXAMPLES` (default 150) sets how many inputs; the long campaign is
`FUZZ_EXAMPLES=10000 FUZZ_REPORT=fuzz.json pytest tests/test_fuzz.py`, which also writes how
many inputs ended which way.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from generator.render import exports
from generator.render.renderer import Renderer
from generator.sources.errors import SourcesInvalid
from generator.sources.load import load_sources
from generator.views.site import site_view
from tests.helpers import REPO

SOURCES = REPO / "policy_sources"
FILES = sorted(p.relative_to(SOURCES).as_posix() for p in SOURCES.rglob("*.yml"))
MESSAGE = re.compile(r"^[^\n]+:\d+: [^\n]+$")
SECONDS_PER_INPUT = 20
OUTCOMES: Counter[str] = Counter()

# Pieces of YAML and text that have broken parsers, validators and renderers before.
TOKENS = [
    "!!bool maybe",
    "!!int abc",
    "!!float x",
    "!!binary aGk=",
    "!!python/object:os.system x",
    "!custom x",
    "<<: *a",
    "&a",
    "*a",
    "&a [*a]",
    "[",
    "]",
    "{",
    "}",
    "- ",
    ": ",
    " #",
    "#",
    "\t",
    "'",
    '"',
    "|",
    ">-",
    "---",
    "...",
    "?",
    "%YAML 1.1",
    "@",
    "`",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\r",
    "\u2028",
    "\ufeff",
    "\x85",
    "9" * 5000,
    "1e999",
    "-0",
    "0x1F",
    ".inf",
    ".nan",
    "~",
    "null",
    "0000",
    "9999-12",
    "2024-02-30",
    "1899",
    "2200-01-01",
    "{{ school.name }}",
    "{{ role.nobody }}",
    "{{",
    "}}",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "!!! danger",
    "--8<-- '/etc/passwd'",
    "[" * 200,
    "é",
    "\U0001f600",
]
HOSTILE_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(TOKENS),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(st.sampled_from(TOKENS), max_size=3),
    st.dictionaries(st.sampled_from(["id", "text", "date", "version", "x", "next", "every_months"]), st.sampled_from(TOKENS), max_size=3),
    st.sampled_from(["2026-13", "2026-00-10", "0000-01-01", "9999-12-31", "3000", "1", "03", "3.0", "3A", "4\n", "-1", "61", "0"]),
)


def _paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*here, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*here, i))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


@st.composite
def text_mutation(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "indent", "dedent", "replace-char", "truncate", "swap"]))
        line = lines[i] if lines else ""
        if kind == "insert":
            col = draw(st.integers(0, len(line)))
            lines[i] = line[:col] + draw(st.sampled_from(TOKENS)) + line[col:]
        elif kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(1, 6)) + line
        elif kind == "dedent":
            lines[i] = line.lstrip(" ")
        elif kind == "replace-char" and line:
            col = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:col] + draw(st.characters(codec="utf-8")) + line[col + 1 :]
        elif kind == "truncate":
            lines = lines[: i + 1]
            lines[-1] = line[: draw(st.integers(0, len(line)))]
        elif kind == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


@st.composite
def data_mutation(draw: st.DrawFn, text: str) -> str:
    data = yaml.safe_load(text)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        data = _set(data, path, draw(HOSTILE_VALUES))
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)


@st.composite
def mutated_source(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(FILES))
    text = (SOURCES / name).read_text(encoding="utf-8")
    mutation = draw(st.sampled_from([text_mutation, data_mutation]))
    return name, draw(mutation(text))


class _Hang(Exception):
    pass


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise _Hang(f"no answer in {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _build_without_mkdocs(root: Path, changed: str) -> int:
    """What a build of the organisation whose file changed does before MkDocs; pages rendered.

    Loads what that organisation's site is made from, as `build --school` does: its pages are
    the ones rendered, and loading the whole demo for each input would double the test's time.
    """
    org_id = changed.split("/", 1)[0]
    sources = load_sources(root, only=org_id if (root / org_id / "organisation.yml").is_file() else None)
    day = dt.date(2026, 11, 21)
    pages = 0
    for org in [org_id] if org_id in sources.orgs else sorted(sources.orgs):
        site = site_view(sources, org, day, 60)
        renderer = Renderer(site, REPO / "overrides" / "policy_pages", True, False)
        for page in site.pages:
            renderer.page(page)
            pages += 1
        exports.changes_feed(site, "", True)
        exports.review_calendar(site, "", True)
        exports.policies_export(site, True)
    return pages


@seed(20261201)
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(mutated_source())
def test_mutated_sources_end_in_a_site_or_placed_messages(case: tuple[str, str]) -> None:
    name, text = case
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        root = Path(scratch) / "policy_sources"
        shutil.copytree(SOURCES, root)
        (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            with _time_limit(SECONDS_PER_INPUT):
                _build_without_mkdocs(root, name)
        except SourcesInvalid as exc:
            OUTCOMES["refused with file:line messages"] += 1
            assert exc.errors, "refused without saying why"
            for error in exc.errors:
                line = str(error)
                OUTCOMES["messages"] += 1
                assert MESSAGE.match(line), f"not one line with file:line: {line!r}"
                assert error.line >= 1
        except _Hang:
            OUTCOMES["hangs"] += 1
            raise
        except Exception:
            OUTCOMES["crashes"] += 1
            raise
        else:
            OUTCOMES["built"] += 1


def teardown_module() -> None:
    report = os.environ.get("FUZZ_REPORT")
    if report:
        Path(report).write_text(json.dumps(dict(OUTCOMES), indent=1, sort_keys=True) + "\n", encoding="utf-8")
