"""The usual cross-site scripting filter-evasion forms, in every text and address field of a policy.

Each payload is a known answer: refused by `policy-site validate` everywhere (R), refused in
one-line and address fields but allowed in Markdown text (M), or allowed everywhere (A). What
is allowed is built into a site and opened in Chromium, where no dialog may open, no payload
script may run, no link may go anywhere but http, https, mailto, tel or the site itself, and
no built file may hold a `javascript:`, `vbscript:` or `data:` address.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Route

from tests.browser import serve_folder
from tests.helpers import BUILD_DATE, make_project, run_cli
from tests.test_errors import FIXTURE

B64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
CORPUS: list[tuple[str, str]] = [
    ("<script>alert(1)</script>", "A"),
    ("<img src=x onerror=alert(1)>", "A"),
    ('<img src="x" onerror="window.__pwned=1">', "A"),
    ("<svg onload=alert(1)>", "A"),
    ("<svg><script>alert(1)</script></svg>", "A"),
    ('"><script>alert(1)</script>', "A"),
    ("'><script>window.__pwned=1</script>", "A"),
    ("<body onload=alert(1)>", "A"),
    ("<details open ontoggle=alert(1)>", "A"),
    ("<!-- x --><script>alert(1)</script><!-- y -->", "A"),
    ("<iframe src=https://evil.example/></iframe>", "A"),
    ('<a href="https://example.org" onclick="alert(1)">x</a>', "A"),
    ('<svg><a xlink:href="https://example.org"><text>x</text></a></svg>', "A"),
    ("<style>@import 'https://evil.example/x.css';</style>", "A"),
    ("<img src=x:alert(1) onerror=eval(src)>", "A"),
    ("%3Cscript%3Ealert(1)%3C/script%3E", "A"),
    ("[x](https://example.org/){onclick=alert(1)}", "A"),
    ('{: onclick="alert(1)" }', "A"),
    ('[x](https://example.org "t\\" onmouseover=\\"alert(1)")', "A"),
    ('[x](<https://example.org/> "t")', "A"),
    ("`<script>alert(1)</script>`", "A"),
    ("{{ 7*7 }}", "A"),
    ("{% for x in range(9) %}x{% endfor %}", "A"),
    ("${alert(1)}", "A"),
    ("Policy\r\r!!! danger\r    This policy has been withdrawn", "M"),
    ("Policy\n\n!!! danger\n    This policy has been withdrawn", "M"),
    ("\u2028<script>alert(1)</script>", "M"),
    ("javascript:alert(1)", "R"),
    ("JaVaScRiPt:alert(1)", "R"),
    (" javascript:alert(1)", "R"),
    ("java\tscript:alert(1)", "R"),
    ("javascript&colon;alert(1)", "R"),
    ("&#106;avascript:alert(1)", "R"),
    ("&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)", "R"),
    ("javas&#99;ript:alert(1)", "R"),
    ("vbscript:msgbox(1)", "R"),
    (f"data:text/html;base64,{B64}", "R"),
    ("[click](javascript:alert(1))", "R"),
    ("[click](JAVASCRIPT:alert(1))", "R"),
    ("![x](javascript:alert(1))", "R"),
    (f"[x](data:text/html;base64,{B64})", "R"),
    ("[x](vbscript:msgbox(1))", "R"),
    ("[x][c]\n\n- [c]: javascript:alert(1)", "R"),
    ("[x][c]\n\n1. [c]: javascript:alert(1)", "R"),
    ("<javascript:alert(1)>", "R"),
    ('<iframe src="javascript:alert(1)"></iframe>', "R"),
    ('<a href="javascript:alert(1)">x</a>', "R"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "R"),
    ('<form action="javascript:alert(1)"><button>x</button></form>', "R"),
    ('<object data="data:text/html,<script>alert(1)</script>"></object>', "R"),
    ('<math><a xlink:href="javascript:alert(1)">x</a></math>', "R"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "R"),
    ("{% raw %}{{ config }}{% endraw %}", "R"),
]

CLEAN_LINE = "Plain words"
CLEAN_URL = "https://www.oak.example/"


def policy(ident: str, payload: str, markdown_only: bool, url_prefix: str = "") -> dict[str, Any]:
    """A small policy with `payload` in every text field (or only the Markdown ones) and every address."""
    line = CLEAN_LINE if markdown_only else payload
    url = CLEAN_URL if markdown_only else url_prefix + payload
    return {
        "id": ident,
        "title": line,
        "summary": line,
        "intro": payload,
        "history": [
            {
                "event": "ratified",
                "date": "2025-01-29",
                "version": "1",
                "body": line,
                "minute": line,
                "note": line,
                "signatories": [{"role": line, "name": line}],
                "changes": {"parents": payload, "governors": payload},
            }
        ],
        "review": {"next": "2027-01", "by": line},
        "related_policies": [{"name": line, "url": url}],
        "statutory_references": [{"name": line, "year": line, "url": url, "note": payload}],
        "school_accounts": [{"platform": line, "address": url, "purpose": payload}],
        "sections": [
            {
                "id": "rules",
                "number": line,
                "title": line,
                "intro": payload,
                "clauses": [
                    {
                        "id": "rule",
                        "number": line,
                        "term": line,
                        "text": payload,
                        "items": [payload],
                        "summary": line,
                        "strength": "must",
                        "audiences": ["staff", "parents", "pupils", "governors"],
                        "plain": {"parents": payload, "pupils": payload, "staff": payload, "governors": payload},
                        "consequence": payload,
                        "see": [{"name": line, "url": url}],
                    }
                ],
            }
        ],
        "procedures": [{"id": "steps", "title": line, "audiences": ["staff"], "intro": payload, "steps": [{"text": payload, "clause": "rule"}, {"text": payload}]}],
        "closing": payload,
    }


def write_policies(project: Path, markdown_only: bool, kinds: str = "ARM", url_prefix: str = "") -> dict[str, tuple[str, str]]:
    folder = project / "policy_sources" / "oak-primary" / "policies"
    written = {}
    for n, (payload, kind) in enumerate(CORPUS):
        ident = f"payload-{n:02d}"
        if kind not in kinds:
            continue
        text = yaml.safe_dump(policy(ident, payload, markdown_only, url_prefix), sort_keys=False, allow_unicode=False, width=10**6)
        (folder / f"{ident}.yml").write_text(text, encoding="utf-8")
        written[ident] = (payload, kind)
    return written


def refused_files(project: Path) -> dict[str, list[str]]:
    result = run_cli("validate", cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    errors: dict[str, list[str]] = {}
    for error in result.stderr.splitlines():
        found = re.match(r"policy_sources/oak-primary/policies/(payload-\d+)\.yml:(\d+): ", error)
        if found:
            errors.setdefault(found.group(1), []).append(error)
    return errors


TRAP = "window.__pwned = 0; window.alert = window.confirm = window.prompt = function () { window.__pwned = 1; };"
CLICK_ALL = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction], [data], [poster]')) {
    for (const name of ['href', 'src', 'action', 'formaction', 'data', 'poster']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let url;
      try { url = new URL(value, location.href); } catch (e) { continue; }
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol)) problems.push(`${el.tagName} ${name}=${value}`);
    }
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    const url = new URL(a.href, location.href);
    const samePage = url.origin === location.origin && url.pathname === location.pathname;
    if (url.origin === location.origin && !samePage) continue;  // another page of the site
    if (url.origin !== location.origin) a.addEventListener('click', (e) => e.preventDefault(), {once: true});
    a.click();
  }
  return problems;
}"""
SCRIPT_ADDRESS = re.compile(r"(?i)(java|vb|live)script\s*:|data:[a-z]+/[a-z]|data:,")


def test_payload_corpus(tmp_path: Path, browser: Browser) -> None:
    project = make_project(tmp_path, FIXTURE)
    corpus = write_policies(project, markdown_only=False)
    assert len(corpus) >= 50
    refused = refused_files(project)
    # Known answers: R and M payloads are refused somewhere, with file:line naming a field.
    for ident, (payload, kind) in corpus.items():
        assert (ident in refused) == (kind in "RM"), f"{payload!r} ({kind}): {refused.get(ident)}"
        text = (project / "policy_sources/oak-primary/policies" / f"{ident}.yml").read_text(encoding="utf-8").splitlines()
        for error in refused.get(ident, []):
            line = int(error.split(":")[1])
            assert 1 < line <= len(text) and re.match(r"\s*(- |\w+:)", text[line - 1]), error
    # R payloads are left out; M payloads go into the Markdown fields only, where they are allowed.
    for ident, (_, kind) in corpus.items():
        if kind == "R":
            (project / "policy_sources/oak-primary/policies" / f"{ident}.yml").unlink()
    write_policies(project, markdown_only=True, kinds="M")
    # An allowed payload as a whole address is a path within the site, which the strict build
    # reports as a missing page: built, it stands in the query of a web address instead.
    write_policies(project, markdown_only=False, kinds="A", url_prefix=CLEAN_URL + "?q=")
    remaining = write_policies_kept(project, corpus)
    assert not refused_files(project)
    result = run_cli("build", "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"

    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if "/assets/javascripts/" in rel or "/assets/stylesheets/" in rel or path.suffix in (".png", ".ico", ".svg", ".woff2"):
            continue  # Material's own bundles, not built from the sources
        found = SCRIPT_ADDRESS.search(path.read_text(encoding="utf-8", errors="replace"))
        assert not found, f"{rel}: {found.group(0) if found else ''}"

    pages = sorted(p for p in (site / "oak-primary").rglob("*.html"))
    assert len(pages) > 6 * remaining
    with serve_folder(site) as base:
        context = browser.new_context()
        context.add_init_script(TRAP)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def offline(route: Route) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", offline)
        for html in pages:
            address = base + html.relative_to(site).as_posix()
            page.goto(address, wait_until="load")
            problems = page.evaluate(CLICK_ALL)
            assert not problems, f"{address}: {problems}"
            if page.url.split("#")[0] != address:
                page.goto(address, wait_until="load")
            assert page.evaluate("window.__pwned") == 0, address
            assert not page.evaluate("[...document.scripts].some(s => /alert|__pwned/.test(s.textContent))"), address
        context.close()
    assert not dialogs
    print(f"payload corpus: {len(CORPUS)} payloads, {sum(k == 'R' for _, k in CORPUS)} refused, {remaining} built into {len(pages)} pages")


def write_policies_kept(project: Path, corpus: dict[str, tuple[str, str]]) -> int:
    """How many payload policies are left to build."""
    folder = project / "policy_sources" / "oak-primary" / "policies"
    return sum((folder / f"{ident}.yml").exists() for ident in corpus)


@pytest.mark.parametrize("payload", [p for p, k in CORPUS if k == "R"])
def test_refused_payloads_are_refused_by_the_checker(payload: str) -> None:
    """The same answers without the CLI, so a failure names the payload."""
    from generator.sources.links import text_link_problems
    from generator.sources.placeholders import PLACEHOLDER

    assert text_link_problems(payload) or PLACEHOLDER.search(payload)
