"""The school's own look on every page: its logo and name in the header, its colours (checked for
contrast, with the nearest passing shade suggested), and a footer with its contact details, main
website, the accessibility statement and the day the site was built; a trust's schools share its look.

Sites are built with the CLI and read as HTML; one check looks at a phone's screen in a real browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from playwright.sync_api import Browser

from tests.browser import serve_folder
from tests.helpers import BUILD_DATE, REPO, VALID_FIXTURE, make_project, run_cli
from tests.test_gates import PHONE
from tests.trust_sources import TRUST, write_trust

ORG = Path("policy_sources") / "oak-primary" / "organisation.yml"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1b4f72"/></svg>\n'
OAK = {
    "logo": "logo.svg",
    "colours": {"primary": "#1b4f72", "accent": "#a04000"},
    "website": "https://www.oak.example/",
}
BUILT = "Last built 21 November 2026"
POLICY_PAGE = "oak-primary/policies/social-media/parents/index.html"
WHITE = (255, 255, 255)
DARK = (30, 33, 41)  # Material's dark background, hsl(225deg 15% 14%)


# WCAG 2.x contrast, written out again here so the tests do not only trust the code they test.
def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_with(hex_colour: str, background: tuple[int, int, int]) -> float:
    bg = "#{:02x}{:02x}{:02x}".format(*background)
    a, b = sorted((_luminance(hex_colour), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _oak_project(tmp: Path, changes: dict[str, object], logo: str | None = LOGO) -> Path:
    project = make_project(tmp, VALID_FIXTURE)
    org = project / ORG
    data = yaml.safe_load(org.read_text(encoding="utf-8"))
    data["contact"]["address"] = "Oak Lane, Oakbury OK1 2AB"
    org.write_text(yaml.safe_dump(data | changes, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if logo is not None:
        (org.parent / "logo.svg").write_text(logo, encoding="utf-8")
    return project


def _build(project: Path, *schools: str) -> Path:
    output = project / "site"
    args = [a for school in schools for a in ("--school", school)]
    result = run_cli("build", "--output", str(output), "--date", BUILD_DATE, "--no-pdf", *args, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def _footer(html: str) -> str:
    found = re.search(r'<footer class="md-footer ps-footer">.*?</footer>', html, re.S)
    assert found, "the page has no footer of ours"
    return found.group(0)


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _school_css(site: Path, org: str) -> str:
    return (site / org / "assets" / "policy-site.css").read_text(encoding="utf-8")


def test_the_logo_name_and_contact_details_are_on_every_page(tmp_path: Path) -> None:
    site = _build(_oak_project(tmp_path, OAK))
    assert (site / "oak-primary" / "assets" / "logo.svg").read_text(encoding="utf-8") == LOGO
    for page, logo_src, statement in [
        ("oak-primary/index.html", "assets/logo.svg", "accessibility/"),
        (POLICY_PAGE, "../../../assets/logo.svg", "../../../accessibility/"),
    ]:
        html = (site / page).read_text(encoding="utf-8")
        header = html[html.index("<header") : html.index("</header>")]
        assert f'<img src="{logo_src}" alt="Oak Primary School">' in header, page
        # The logo's link is named once, by the picture's alt text.
        assert 'class="md-header__button md-logo ps-logo"' in header and 'aria-label="Oak Primary School"' not in header
        assert "Oak Primary School" in re.sub(r"<[^>]+>", " ", header)
        footer = _footer(html)
        text = " ".join(re.sub(r"<[^>]+>", " ", footer).split())
        for words in ("Oak Primary School", "Oak Lane, Oakbury OK1 2AB", "Phone: 01234 567890", "Email: office@oak.example", "Website: www.oak.example", BUILT):
            assert words in text, f"{page}: {words!r} not in the footer: {text}"
        assert '<a href="tel:01234567890">01234 567890</a>' in footer
        assert '<a href="mailto:office@oak.example">office@oak.example</a>' in footer
        assert '<a href="https://www.oak.example/">www.oak.example</a>' in footer
        assert f'<a href="{statement}">Accessibility statement</a>' in footer
        assert '<time datetime="2026-11-21">21 November 2026</time>' in footer
    assert (site / "oak-primary" / "accessibility" / "index.html").is_file()
    css = _school_css(site, "oak-primary")
    assert "--md-primary-fg-color: #1b4f72;" in css and "--md-accent-fg-color: #a04000;" in css


def test_a_school_without_a_logo_or_contact_has_the_default_look_and_a_footer(tmp_path: Path) -> None:
    project = make_project(tmp_path, VALID_FIXTURE)
    site = _build(project)
    html = (site / POLICY_PAGE).read_text(encoding="utf-8")
    assert "assets/logo" not in html and 'aria-label="Oak Primary School"' in html
    assert BUILT in " ".join(re.sub(r"<[^>]+>", " ", _footer(html)).split())
    assert "school's colours" not in _school_css(site, "oak-primary")


def test_a_school_without_its_own_look_has_its_trusts(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    root = write_trust(project / "policy_sources")
    trust = root / TRUST / "organisation.yml"
    data = yaml.safe_load(trust.read_text(encoding="utf-8"))
    data |= {"logo": "trust-logo.svg", "colours": {"primary": "#5b2c6f"}}
    trust.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (trust.parent / "trust-logo.svg").write_text(LOGO, encoding="utf-8")
    ash = root / "ash" / "organisation.yml"
    data = yaml.safe_load(ash.read_text(encoding="utf-8"))
    ash.write_text(yaml.safe_dump(data | {"colours": {"primary": "#0b5d1e"}}, sort_keys=False), encoding="utf-8")
    site = _build(project, "ash", "birch")
    # Birch has nothing of its own: the trust's logo and colours, and its own name and phone.
    birch = (site / "birch" / "index.html").read_text(encoding="utf-8")
    assert '<img src="assets/logo.svg" alt="Birch Primary School">' in birch
    assert (site / "birch" / "assets" / "logo.svg").read_text(encoding="utf-8") == LOGO
    assert "--md-primary-fg-color: #5b2c6f;" in _school_css(site, "birch")
    assert "Phone: 01000 111222" in " ".join(re.sub(r"<[^>]+>", " ", _footer(birch)).split())
    # Ash has colours of its own, and the trust's logo.
    assert "--md-primary-fg-color: #0b5d1e;" in _school_css(site, "ash")
    assert (site / "ash" / "assets" / "logo.svg").is_file()


def test_a_colour_that_fails_contrast_is_refused_with_a_shade_that_passes(tmp_path: Path) -> None:
    project = _oak_project(tmp_path, OAK | {"colours": {"primary": "#f39c12", "dark": {"primary": "#1b4f72"}}})
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    org = project / ORG
    line = _line_of(org, "primary: '#f39c12'")
    message = rf"organisation\.yml:{line}: #f39c12 is too light .*?: 2\.1\d:1 against white, where WCAG AA asks for 4\.5:1; "
    found = re.search(message + r"the nearest shade of the same colour that passes is (#[0-9a-f]{6})", out)
    assert found, out
    shade = found.group(1)
    assert contrast_with(shade, WHITE) >= 4.5, shade
    assert f'write `primary: "{shade}"`' in out
    # The same hue: a darker orange, not another colour.
    assert int(shade[1:3], 16) > int(shade[3:5], 16) > int(shade[5:7], 16)
    dark_line = _line_of(org, "primary: '#1b4f72'")
    message = rf"organisation\.yml:{dark_line}: #1b4f72 is too dark for links in it in dark mode: .*? against dark mode's background"
    found = re.search(message + r".*? passes is (#[0-9a-f]{6})", out)
    assert found, out
    assert contrast_with(found.group(1), DARK) >= 4.5
    # Written as the suggestion says, the colour builds.
    org.write_text(org.read_text(encoding="utf-8").replace("'#f39c12'", f'"{shade}"').replace("'#1b4f72'", f'"{found.group(1)}"'), encoding="utf-8")
    assert run_cli("validate", cwd=project).returncode == 0


def test_a_missing_logo_or_an_address_for_one_is_refused(tmp_path: Path) -> None:
    project = _oak_project(tmp_path / "missing", OAK | {"logo": "crest.png"})
    result = run_cli("validate", cwd=project)
    line = _line_of(project / ORG, "logo: crest.png")
    assert result.returncode == 1
    assert f"organisation.yml:{line}: there is no file 'crest.png' in" in result.stdout + result.stderr
    project = _oak_project(tmp_path / "address", OAK | {"logo": "https://www.oak.example/logo.png"})
    result = run_cli("validate", cwd=project)
    line = _line_of(project / ORG, "logo: https://")
    assert f"organisation.yml:{line}: the logo must be a file here, not an address" in result.stdout + result.stderr
    project = _oak_project(tmp_path / "script", OAK, logo='<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    result = run_cli("validate", cwd=project)
    assert "logo.svg contains a script" in result.stdout + result.stderr


def test_the_demo_colours_pass_in_light_and_dark(demo_site: Path) -> None:
    rule = re.compile(r"--md-(primary-fg-color|accent-fg-color|typeset-a-color): (#[0-9a-f]{6});")
    coloured = 0
    for css_file in sorted(demo_site.glob("*/assets/policy-site.css")):
        css = css_file.read_text(encoding="utf-8")
        if "school's colours" not in css:
            continue
        coloured += 1
        light, dark = css.split("school's colours", 1)[1].split('[data-md-color-scheme="slate"]', 1)
        for name, colour in rule.findall(light):
            assert contrast_with(colour, WHITE) >= 4.5, f"{css_file}: {name} {colour} on white"
        for name, colour in rule.findall(dark):
            assert contrast_with(colour, DARK) >= 4.5, f"{css_file}: {name} {colour} in dark mode"
        assert rule.findall(dark), css_file
    # Example Primary has its own colours and the trust its; the real schools keep the default theme.
    assert coloured == 2
    assert "school's colours" not in _school_css(demo_site, "bledington")
    example = (demo_site / "example-primary" / "index.html").read_text(encoding="utf-8")
    assert '<img src="assets/logo.svg" alt="Example Primary School">' in example
    svg = (demo_site / "example-primary" / "assets" / "logo.svg").read_text(encoding="utf-8")
    assert "<script" not in svg and not re.search(r"href=\"(?!#)", svg)


FOOTER_SEEN = """() => {
  const footer = document.querySelector("footer.ps-footer address");
  const box = footer.getBoundingClientRect();
  return {
    text: footer.innerText,
    shown: box.width > 0 && box.height > 0 && box.right <= document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    logo: (() => { const img = document.querySelector("header .ps-logo img"); return img ? img.getBoundingClientRect().width : 0; })(),
  };
}"""


def test_on_a_phone_the_footer_shows_the_contact_details_without_sideways_scrolling(browser: Browser, demo_site: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
    try:
        tab = context.new_page()
        with serve_folder(demo_site) as base_url:
            for path in ["example-primary/", "example-primary/policies/mobile-phones/parents/", "example-primary/policies/mobile-phones/governors/"]:
                tab.goto(base_url + path)
                seen = tab.evaluate(FOOTER_SEEN)
                assert seen["shown"], path
                for words in ("Example Primary School", "1 Example Lane, Exampleton EX1 2AB", "Phone: 01234 000000", "Email: office@example-primary.invalid"):
                    assert words in seen["text"], f"{path}: {words!r} not in {seen['text']!r}"
                assert seen["scrollWidth"] <= seen["clientWidth"], f"{path} scrolls sideways at 375 px"
                assert seen["logo"] > 0, f"{path}: the logo is not shown on a phone"
    finally:
        context.close()


def test_the_fields_are_in_the_schema_and_the_authoring_guide() -> None:
    schema = (REPO / "schema" / "organisation.schema.json").read_text(encoding="utf-8")
    guide = (REPO / "AUTHORING.md").read_text(encoding="utf-8")
    for field in ("logo", "colours"):
        assert f'"{field}"' in schema
        assert f"| `{field}` |" in guide
