"""Every sentence a demo page shows is the school's own words or a reviewed interface string.

The pages are read as a person reads them (tests/page_text.py); a sentence passes if its words
are in the organisation's policy files or hand-written pages, or if it matches an entry of
generator/views/interface_strings.yml whose slots hold only dates, numbers and the sources' data.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import material
import pytest
import yaml

from generator.sources.load import load_sources
from tests.helpers import REPO
from tests.page_sentences import INTERFACE_FILE, Data, compile_pattern, load_interface, source_text, unexplained_sentences
from tests.page_text import body_pieces, sentences

SOURCES = REPO / "policy_sources"
DOCS = REPO / "docs"
PAGE = "bledington/policies/social-media/parents/index.html"
INVENTED = "Parents must sign the home-school agreement every September."
# Words that make a sentence a rule or advice: an interface string never holds one.
RULE_WORDS = {"must", "should", "shall", "never", "always", "please", "remember"}


def _listing(report: dict[str, list[str]]) -> str:
    lines = [f"{page}: {sentence}" for page, found in report.items() for sentence in found]
    counts = Counter(sentence for found in report.values() for sentence in found)
    summary = [f"{n:4} x {sentence}" for sentence, n in sorted(counts.items())]
    return "\n".join(
        [
            f"{len(lines)} sentences on {len(report)} pages are neither the sources' words nor an interface string",
            "(remove them from the template, or add a neutral one to generator/views/interface_strings.yml):",
            *lines,
            f"{len(counts)} distinct:",
            *summary,
        ]
    )


def test_every_sentence_of_every_demo_page_is_the_sources_or_an_interface_string(demo_site: Path) -> None:
    report = unexplained_sentences(demo_site, SOURCES, DOCS)
    assert report == {}, _listing(report)


def _checked_copy(demo_site: Path, tmp_path: Path, change: tuple[str, str] | None = None) -> list[str]:
    """What the check reports for one built page, copied (and changed) on its own into a folder."""
    html = (demo_site / PAGE).read_text(encoding="utf-8")
    if change:
        assert change[0] in html
        html = html.replace(change[0], change[1], 1)
    copy = tmp_path / ("changed" if change else "copy")
    (copy / PAGE).parent.mkdir(parents=True)
    (copy / PAGE).write_text(html, encoding="utf-8")
    return unexplained_sentences(copy, SOURCES, DOCS).get(PAGE, [])


END_OF_ARTICLE = "</article>"


@pytest.mark.parametrize(
    ("change", "caught"),
    [
        # A rule nobody wrote, in the page body.
        ((END_OF_ARTICLE, f"<p>{INVENTED}</p>{END_OF_ARTICLE}"), [INVENTED]),
        # Inside a list item, after a sentence of the school's own.
        ((END_OF_ARTICLE, f"<ul><li>Do not post it on social media. {INVENTED}</li></ul>{END_OF_ARTICLE}"), [INVENTED]),
        # An interface string with invented data in its slot: the name is in no source file.
        ((END_OF_ARTICLE, f"<p>Signed by Mr Invented Person (Head teacher).</p>{END_OF_ARTICLE}"), ["Signed by Mr Invented Person (Head teacher)."]),
        # An interface string with a date in its slot passes.
        ((END_OF_ARTICLE, f"<p>This policy was due for review by 1 September 2027.</p>{END_OF_ARTICLE}"), []),
        # Hidden text, and text outside the body (the footer), are not read.
        ((END_OF_ARTICLE, f'<p aria-hidden="true">{INVENTED}</p><p hidden>{INVENTED}</p>{END_OF_ARTICLE}'), []),
        (('<footer class="md-footer ps-footer">', f'<footer class="md-footer ps-footer"><p>{INVENTED}</p>'), []),
    ],
)
def test_an_invented_sentence_on_a_built_page_is_caught(demo_site: Path, tmp_path: Path, change: tuple[str, str], caught: list[str]) -> None:
    before = _checked_copy(demo_site, tmp_path)
    after = _checked_copy(demo_site, tmp_path, change)
    assert [s for s in after if s not in before] == caught


def test_a_page_is_read_as_blocks_and_sentences() -> None:
    html = (
        '<header>Site name</header><article class="md-content__inner md-typeset"><h1>Title</h1>'
        '<nav aria-label="Versions"><img src="x.png" alt="A badge"></nav>'
        '<p class="ps-clause__meta"><span class="ps-strength">Must</span> <span class="ps-audiences">For: Staff</span></p>'
        "<p>One thing. Two things? <strong>Three</strong> things.</p><table><tr><td>A</td><td>B</td></tr></table>"
        '<p class="ps-diff">Use <del><span class="ps-sr">removed: </span>email</del> <ins><span class="ps-sr">added: </span>the phone</ins> only.</p>'
        '<span aria-hidden="true">icon</span><script>var x = "Not text.";</script></article><footer>Footer</footer>'
    )
    pieces = body_pieces(html)
    assert pieces == [
        "Title",
        "Versions",
        "A badge",
        "Must",
        "For: Staff",
        "One thing. Two things? Three things.",
        "A",
        "B",
        "removed:",
        "added:",
        "Use email only.",
        "Use the phone only.",
    ]
    assert sentences(pieces[5]) == ["One thing.", "Two things?", "Three things."]
    assert sentences("Read version 2 · All versions") == ["Read version 2", "All versions"]


def test_a_slot_holds_only_a_date_a_number_or_the_sources_data() -> None:
    sources = load_sources(SOURCES)
    data = Data(source_text(sources, ["bledington", "example-primary"], DOCS), frozenset({"staff", "governors"}))
    plural = compile_pattern("Based on the {trust}'s policy, with {count} local change(s).")
    assert plural.matches("Based on the St James and Emmanuel Academy Trust's policy, with 1 local change", data)
    assert plural.matches("Based on the St James and Emmanuel Academy Trust's policy, with 3 local changes", data)
    assert not plural.matches("Based on the Invented Trust's policy, with 3 local changes", data)
    assert not plural.matches("Based on the St James and Emmanuel Academy Trust's policy, with three local changes", data)
    optional = compile_pattern("Policy wording[, clause {number}]")
    assert optional.matches("Policy wording", data) and optional.matches("Policy wording, clause 8.3", data)
    assert not optional.matches("Policy wording, clause eight", data)
    dated = compile_pattern("{event} {when}[ by {body}].")
    assert dated.matches("Ratified on 29 January 2025 by Full Governing Body", data)
    assert dated.matches("Ratified in January 2025", data)
    assert not dated.matches("Ratified on 29 January 2025 by the parents' forum", data)
    # A slot holds a whole value (or a list of them), never a stray word of a longer one.
    listed = compile_pattern("For: {audiences}")
    assert listed.matches("For: Staff, Governors", data)
    assert not listed.matches("For: everyone who visits", data)


def _entries() -> dict[str, list[str]]:
    data = yaml.safe_load(INTERFACE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert all(isinstance(group, list) and all(isinstance(e, str) for e in group) for group in data.values()), "each group is a list of strings"
    return data


def _template_texts() -> list[str]:
    """Everything that puts words on a page: templates, views, the Python that names labels,
    the theme overrides, and Material's own 404 page."""
    files = [p for p in (REPO / "generator").rglob("*") if p.suffix in (".j2", ".py", ".yml") and p != INTERFACE_FILE]
    files += [p for p in (REPO / "overrides").rglob("*") if p.is_file()]
    files.append(Path(material.__file__).parent / "templates" / "404.html")
    return [p.read_text(encoding="utf-8") for p in sorted(files)]


def test_the_interface_list_loads_and_every_entry_is_still_shown_by_a_template() -> None:
    entries = [e for group in _entries().values() for e in group]
    duplicates = [e for e, n in Counter(entries).items() if n > 1]
    assert duplicates == [], "an entry is listed twice"
    patterns, labels = load_interface()
    assert len(patterns) >= len(entries) and labels
    texts = _template_texts()

    def shown(entry: str) -> bool:
        fixed = compile_pattern(entry).fixed_words
        return any(all(re.search(rf"\b{re.escape(w)}\b", t, re.IGNORECASE) for w in fixed) for t in texts)

    unused = [e for e in entries if not shown(e)]
    assert unused == [], "no template shows these any more: remove them from interface_strings.yml"


def test_no_interface_string_states_a_rule() -> None:
    groups = _entries()
    ruling = [e for group, items in groups.items() if group != "labels" for e in items if RULE_WORDS & set(re.findall(r"[a-z]+", e.lower()))]
    assert ruling == [], "an interface string is never a rule or advice: the school writes those"
