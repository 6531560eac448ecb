"""Which links a policy site may carry, decided in one place for validation and rendering.

A link may go to the web (`http:`, `https:`), to mail or a phone (`mailto:`, `tel:`), or to a
place in the site (`policy:ID`, `#anchor`, `/path`: see site_links.py, which the renderer
resolves for each page). Anything else is refused when the sources are
validated, and neutralised again when pages are rendered, so that a `javascript:`, `data:` or
`vbscript:` link can never reach a reader however it was spelt: browsers drop tabs and line
breaks inside an address, decode HTML entities in attributes and ignore letter case, so the
scheme is read the way a browser would read it, and then more strictly still.

Nothing here knows about MkDocs or Markdown's renderer: the same functions serve the validator,
the Markdown filter and any renderer's last pass over its HTML (`render/safe_html.py`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote, unquote

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# `policy:ID` names a policy of this site; the renderer writes it as a relative link (site_links.py).
SITE_SCHEME = "policy"
# Schemes that run code or carry a whole document in the reader's browser.
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha"})

# Every character Python, browsers or Markdown may take as the end of a line.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"[{re.escape(LINE_BREAKS)}]")
_LINE_BREAK_NAMES = {
    "\n": "a line break",
    "\r": "a carriage return (\\r)",
    "\x0b": "a vertical tab (\\x0b)",
    "\x0c": "a form feed (\\x0c)",
    "\x85": "a next-line character (\\x85)",
    "\u2028": "a line separator (\\u2028)",
    "\u2029": "a paragraph separator (\\u2029)",
}

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_ADVICE = "write an address starting https:// (or mailto: or tel:), or a place in this site such as policy:acceptable-use or #section-id"

# Link targets in Markdown, found the way a Markdown reader would and a little more greedily.
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>?|[^)]*)")
# A reference definition may follow list markers, `>` or any indentation, and Python-Markdown
# lets its address stand on the next line; so it is looked for anywhere, not only at a line start.
_DEFINITION = re.compile(r"\[[^\]\n]*\]:[ \t]*(?:\r\n|\r|\n)?[ \t]*(<[^>\n]*>?|\S+)")
_AUTOLINK = re.compile(r"<([^<>\s]*:[^<>]*)>")
# An address written without any link syntax, after entities and browsers' stripping.
# "JavaScript: a language" (a space after the colon) is prose, not an address.
_BARE = re.compile(r"(?<![a-z0-9+.\-])(?:(?:java|vb|live)script|mocha):(?=\S)|(?<![a-z0-9+.\-])data:[a-z0-9.+\-]*[/,;]")


def has_line_break(value: str) -> bool:
    return _LINE_BREAK.search(value) is not None


def line_break_problem(value: str) -> str | None:
    """Why `value` cannot be a one-line field, or None; a sentence saying what to do."""
    found = _LINE_BREAK.search(value)
    if found is None:
        return None
    what = _LINE_BREAK_NAMES.get(found.group(0), f"a line-break character (\\x{ord(found.group(0)):02x})")
    return f"this must be one line, but it holds {what}; join the lines into one (a longer text belongs in a field that allows Markdown)"


def one_line(text: str) -> str:
    """`text` with every kind of line break turned into a space, for titles and names on a page."""
    return _LINE_BREAK.sub(" ", text)


def _unescape(value: str) -> str:
    """Decode HTML entities until nothing changes (`&amp;#106;` is `j` to a page that decodes twice)."""
    for _ in range(4):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def _squeeze(value: str) -> str:
    """Drop what browsers skip in an address (tabs, line breaks, controls, leading spaces), and
    also every other space, invisible character and backslash: stricter than any browser."""
    return "".join(ch for ch in value if ch != "\\" and not (ord(ch) <= 0x20 or ord(ch) == 0x7F or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")))


def _readings(value: str) -> list[str]:
    """The ways a browser (or a careless decoder) may read `value`, lower-cased, brackets dropped."""
    first = _squeeze(_unescape(value)).lower().lstrip("<")
    second = _squeeze(_unescape(unquote(_unescape(value)))).lower().lstrip("<")
    return [first] if first == second else [first, second]


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in `value` (e.g. 'javascript'), or None for an in-site link.

    Of the possible readings, an unsafe scheme wins over a safe one.
    """
    schemes = [m.group(1) for m in (_SCHEME.match(reading) for reading in _readings(value)) if m]
    unsafe = [s for s in schemes if s not in SAFE_SCHEMES]
    return (unsafe or schemes or [None])[0]


def is_safe_url(value: str) -> bool:
    """True for an address a page may carry: http, https, mailto, tel, or within the site."""
    scheme = url_scheme(value)
    return scheme is None or scheme in SAFE_SCHEMES


def check_url(value: str) -> str | None:
    """The problem with `value` as a link address in plain words, with what to write instead; None if fine.

    The one check for every address in the sources: reference `url`s, `website`, contact
    details and every link target found in Markdown text.
    """
    shown = " ".join(value.split())[:60]
    if has_line_break(value.rstrip("\n")):
        return f"the address '{shown}' is broken over lines; write it on one line"
    scheme = url_scheme(value)
    if scheme in SCRIPT_SCHEMES:
        return f"the address '{shown}' is a '{scheme}:' link, which would run code or open hidden content in the reader's browser, not a page; {_ADVICE}"
    if scheme is not None and scheme not in SAFE_SCHEMES and scheme != SITE_SCHEME:
        return f"the address '{shown}' is a '{scheme}:' link, which this site does not carry; {_ADVICE}"
    if scheme is None and any(r.startswith(("//", "/\\")) or value.strip().startswith(("\\\\", "\\/")) for r in _readings(value.replace("\\", "/"))):
        return f"the address '{shown}' starts with two slashes, so it goes to another website without saying how; write it in full, starting https://"
    return None


def link_targets(text: str) -> list[str]:
    """Every address a Markdown text links to: inline links `[x](url)` and `[x](<url>)`,
    reference definitions wherever a line may hold one, and autolinks `<scheme:...>`."""
    found = [m.group(1).strip() for m in _INLINE.finditer(text)]
    found += [m.group(1).strip() for m in _DEFINITION.finditer(text)]
    found += [m.group(1).strip() for m in _AUTOLINK.finditer(text)]
    return [target.removeprefix("<").removesuffix(">") for target in found if target]


_ASCII_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def _without_invisible(text: str) -> str:
    """`text` as a browser reads an address in it: tabs, line breaks, controls and invisible format
    characters dropped. Most text is ASCII, where only the controls can be invisible: a regular
    expression does that much faster than looking at each character, and every policy text of a
    build goes through here."""
    if text.isascii():
        return _ASCII_CONTROLS.sub("", text)
    return "".join(ch for ch in text if ch == " " or not (ord(ch) < 0x20 or ord(ch) == 0x7F or unicodedata.category(ch) == "Cf"))


def _bare_script_address(text: str) -> str | None:
    """A `javascript:`, `vbscript:` or `data:` address written in text without link syntax."""
    readings = {text.lower()}
    decoded = _unescape(text)
    for candidate in (decoded, _unescape(unquote(decoded))):
        # Browsers drop tabs, line breaks and controls inside an address; spaces end it.
        readings.add(_without_invisible(candidate).lower())
    for reading in readings:
        found = _BARE.search(reading)
        if found:
            return found.group(0)
    return None


def text_link_problems(text: str) -> list[str]:
    """Problems with the links in one text field (Markdown or not), each a sentence with the fix."""
    problems = [problem for target in link_targets(text) if (problem := check_url(target))]
    if not problems:
        bare = _bare_script_address(text)
        if bare:
            problems.append(
                f"the text holds '{bare}', the start of an address that would run code or open hidden content in the reader's browser; remove it, or for a link {_ADVICE}"
            )
    return problems


def markdown_link_target(value: str) -> str:
    """An address written into a Markdown link `[text](...)` by a template: '#' unless it is
    safe, and percent-encoded so no character in it can end the link or start other syntax."""
    if not is_safe_url(value) or check_url(value) is not None:
        return "#"
    return quote(one_line(value).strip(), safe="/:?#@!$&+,;=%~*-._")
