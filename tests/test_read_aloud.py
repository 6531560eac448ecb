"""The pupils' page in a real browser: "Read it to me" speaks a rule sentence by sentence with the
device's voice (a stub voice here), and shows only where there is one; the choice of younger or
older pupils' words, remembered across pages, and both shown without JavaScript. Also the built
HTML, and the plain-version checks on the younger words."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser import record_requests, serve_folder
from tests.helpers import BUILD_DATE, PUPILS_TELL_LINE, REPO, make_project, read_page, run_cli, valid_project_with
from tests.test_gates import AXE, AXE_RESULT, AXE_TAGS, START_AXE
from tests.trust_sources import TRUST, fingerprint, trust_policy, write, write_trust

ORG = "example-primary"
PUPILS = "policies/mobile-phones/pupils/"
RULE = "#phone-confiscated"
OLDER = ["If I break phone rules, staff take my phone.", "Only my parent or carer collects it."]
YOUNGER = [
    "If I break the phone rules, staff will take my phone or smart watch.",
    "Only my parent or carer can collect it.",
    "They can collect it at the end of the day.",
]
PHONE = {"width": 375, "height": 740}
VOICES = [{"name": "US English", "lang": "en-US"}, {"name": "British English", "lang": "en-GB"}]

# The device's speech, faked: voices as given, each utterance recorded as it is spoken and ended
# a moment later (window.__speechDelay ms), as a browser ends it when the voice has said it.
STUB = """
(() => {
  const voices = %s;
  const events = new EventTarget();
  window.__spoken = [];
  window.__cancelled = 0;
  window.__speechDelay = 20;
  let timer = null;
  const synth = {
    speaking: false, pending: false, paused: false,
    getVoices: () => voices.slice(),
    speak(u) {
      window.__spoken.push({text: u.text, voice: u.voice ? u.voice.name : null, lang: u.lang});
      timer = setTimeout(() => { timer = null; if (u.onend) u.onend(new Event("end")); }, window.__speechDelay);
    },
    cancel() { window.__cancelled += 1; if (timer) clearTimeout(timer); timer = null; },
    pause() {}, resume() {},
    addEventListener: (type, f) => events.addEventListener(type, f),
    removeEventListener: (type, f) => events.removeEventListener(type, f),
  };
  window.__addVoice = (voice) => { voices.push(voice); events.dispatchEvent(new Event("voiceschanged")); };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.onend = null; this.onerror = null; } };
})();
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("read-aloud") / "site"
    result = run_cli("build", "--output", str(output), "--date", BUILD_DATE, "--school", ORG, "--no-pdf", cwd=REPO)
    assert result.returncode == 0, result.stderr + result.stdout
    return output


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve_folder(site) as base_url:
        yield f"{base_url}{ORG}/"


@contextmanager
def _browsing(browser: Browser, voices: list[dict[str, str]] | None, **options: object) -> Iterator[BrowserContext]:
    """A phone-sized browser with the given voices (None: no speech stub at all), closed after use."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options)  # type: ignore[arg-type]
    if voices is not None:
        context.add_init_script(script=STUB % json.dumps(voices))
    try:
        yield context
    finally:
        context.close()


def _open(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    return page


def _spoken(page: Page, count: int) -> list[str]:
    page.wait_for_function(f"window.__spoken.length >= {count}")
    return [u["text"] for u in page.evaluate("window.__spoken")]


def test_read_it_to_me_speaks_each_sentence_of_the_rule_in_order(browser: Browser, server: str) -> None:
    with _browsing(browser, VOICES) as context:
        page = context.new_page()
        log = record_requests(page, server)
        page.goto(server + PUPILS)
        button = page.locator(f"{RULE} button.ps-read")
        assert button.is_visible() and button.get_attribute("type") == "button"
        box = button.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24
        # From the keyboard, as a pupil at a classroom screen might.
        button.focus()
        page.keyboard.press("Enter")
        assert _spoken(page, len(OLDER)) == OLDER
        utterances = page.evaluate("window.__spoken")
        assert {u["voice"] for u in utterances} == {"British English"} and {u["lang"] for u in utterances} == {"en-GB"}
        page.wait_for_function(f"document.querySelector('{RULE} button.ps-read').textContent === 'Read it to me'")
        page.wait_for_timeout(100)
        assert len(page.evaluate("window.__spoken")) == len(OLDER), "nothing more is read after the rule"
        assert log.foreign() == [] and log.failed == [], "the page and its speech ask nothing of any other host"


def test_a_second_press_stops_the_reading(browser: Browser, server: str) -> None:
    with _browsing(browser, VOICES) as context:
        page = _open(context, server + PUPILS)
        page.evaluate("window.__speechDelay = 60000")
        button = page.locator(f"{RULE} button.ps-read")
        button.click()
        assert _spoken(page, 1) == OLDER[:1]
        assert button.inner_text() == "Stop"
        button.press(" ")
        assert button.inner_text() == "Read it to me"
        assert page.evaluate("window.__cancelled") >= 1
        # Another rule's button starts that rule, from its first sentence.
        page.locator("#phones-on-trips button.ps-read").click()
        assert _spoken(page, 2)[1] == "I will not take a phone on a day trip."


def test_without_a_voice_there_is_no_button_until_one_arrives(browser: Browser, server: str) -> None:
    with _browsing(browser, []) as context:
        page = _open(context, server + PUPILS)
        buttons = page.locator("button.ps-read")
        assert buttons.count() > 5
        assert not any(buttons.nth(i).is_visible() for i in range(buttons.count()))
        # Browsers load their voices after the page: the button appears when they come.
        page.evaluate("window.__addVoice({name: 'Welsh', lang: 'cy-GB'})")
        assert page.locator(f"{RULE} button.ps-read").is_visible()


def test_the_age_choice_shows_one_set_of_words_and_is_remembered(browser: Browser, server: str) -> None:
    with _browsing(browser, VOICES) as context:
        page = _open(context, server + PUPILS)
        rule = page.locator(RULE)
        choice = page.get_by_role("group", name="Show the words for")
        assert choice.is_visible()
        older, younger = choice.get_by_label("Years 3 to 6"), choice.get_by_label("Reception to Year 2")
        assert older.is_checked() and not younger.is_checked()
        assert OLDER[0] in rule.inner_text() and YOUNGER[0] not in rule.inner_text()
        younger.check()
        assert YOUNGER[0] in rule.inner_text() and OLDER[0] not in rule.inner_text()
        # Read aloud reads the words shown.
        rule.locator("button.ps-read").click()
        assert _spoken(page, len(YOUNGER)) == YOUNGER
        # Another pupils' page, then back: still the younger words.
        page.goto(server + "policies/anti-bullying/pupils/")
        page.goto(server + PUPILS)
        assert page.get_by_label("Reception to Year 2").is_checked()
        assert YOUNGER[0] in page.locator(RULE).inner_text()
        # A rule with one set of words shows it for either age.
        assert "I will not take a phone on a day trip." in page.locator("#phones-on-trips").inner_text()


def test_without_javascript_both_ages_words_show_each_labelled(browser: Browser, server: str) -> None:
    with _browsing(browser, None, java_script_enabled=False) as context:
        page = _open(context, server + PUPILS)
        rule = page.locator(RULE)
        text = rule.inner_text()
        assert all(sentence in text for sentence in OLDER + YOUNGER)
        assert text.index("Reception to Year 2") < text.index(YOUNGER[0]) < text.index("Years 3 to 6") < text.index(OLDER[0])
        assert not page.locator(".ps-ages").is_visible()
        assert not rule.locator("button.ps-read").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_button_and_the_choice_shown(browser: Browser, server: str, scheme: str) -> None:
    with _browsing(browser, VOICES, color_scheme=scheme) as context:
        context.add_init_script(script=AXE.read_text(encoding="utf-8"))
        page = _open(context, server + PUPILS)
        assert page.locator(f"{RULE} button.ps-read").is_visible() and page.locator(".ps-ages").is_visible()
        page.evaluate("window.__speechDelay = 60000")
        # Colours are judged as they settle, not halfway through the theme's fades (the button
        # changing state, the header's title as the page scrolls to the rule being read).
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        page.locator(f"{RULE} button.ps-read").click()  # and while it reads ("Stop")
        page.evaluate(START_AXE, AXE_TAGS)
        violations = page.evaluate(AXE_RESULT)
        assert violations == [], json.dumps(violations, indent=1)


def test_the_younger_words_are_on_the_pupils_page_of_the_policy_that_has_them(site: Path) -> None:
    pupils = site / ORG / PUPILS / "index.html"
    html = pupils.read_text(encoding="utf-8")
    assert YOUNGER[0] in read_page(pupils).article and OLDER[0] in read_page(pupils).article
    assert 'class="ps-ages"' in html and "assets/pupils-words.js" in html
    other = site / ORG / "policies/anti-bullying/pupils/index.html"
    assert 'class="ps-ages"' not in other.read_text(encoding="utf-8") and "Reception to Year 2" not in read_page(other).article
    assert "button" in other.read_text(encoding="utf-8") and "Read it to me" in other.read_text(encoding="utf-8")
    for page in ("policies/mobile-phones/parents/", "policies/mobile-phones/", "search/"):
        text = (site / ORG / page / "index.html").read_text(encoding="utf-8")
        assert YOUNGER[0] not in text and "pupils-words.js" not in text, page
    assert (site / ORG / "assets/pupils-words.js").is_file()


def test_the_younger_words_are_checked_against_their_rule_as_the_others_are(tmp_path: Path) -> None:
    project, policy = valid_project_with(tmp_path, PUPILS_TELL_LINE, PUPILS_TELL_LINE + "          pupils_younger: I can post anything I like.\n")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "may not say what the rule says" in line]
    assert len(warnings) == 1 and "the younger pupils' version" in warnings[0] and "plain_reviewed: {pupils_younger: why}" in warnings[0]
    line = policy.read_text(encoding="utf-8").splitlines().index("          pupils_younger: I can post anything I like.") + 1
    assert warnings[0].startswith(f"warning: policy_sources/oak-primary/policies/social-media.yml:{line}:")
    reviewed = policy.read_text(encoding="utf-8").replace(
        "          pupils_younger: I can post anything I like.\n",
        "          pupils_younger: I can post anything I like.\n        plain_reviewed:\n          pupils_younger: a test of the answer\n",
    )
    policy.write_text(reviewed, encoding="utf-8")
    assert "may not say what the rule says" not in run_cli("validate", cwd=project).stderr


def test_younger_words_on_a_rule_no_pupil_reads_are_an_error(tmp_path: Path) -> None:
    line = "          parents: Do not post photos of other people's children.\n"
    project, _ = valid_project_with(tmp_path, line, line + "          pupils_younger: I will not post photos.\n")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert "clause 'parents-photos' has a plain version for pupils but is not for pupils" in result.stderr


def test_a_schools_own_pupils_words_replace_the_trusts_younger_words_too(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    root = write_trust(project / "policy_sources", {})
    policy = trust_policy()
    office = policy["sections"][1]["clauses"][0]
    office["audiences"] = ["parents", "pupils"]
    office["plain"] |= {"pupils": "If my family is worried, they can ring the school office.", "pupils_younger": "My family can ring the school office."}
    write(root / TRUST / "policies" / "online-safety.yml", policy)
    own_words = {"plain": {"pupils": "My family can phone the office if they are worried."}}
    replaced = {"clause": "ring-the-office", "based_on": fingerprint("ring-the-office", policy), "with": own_words}
    write(root / "ash" / "overlays" / "online-safety.yml", {"replace": [replaced]})
    out = tmp_path / "site"
    result = run_cli("build", "--output", str(out), "--date", BUILD_DATE, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = Path("policies/online-safety/pupils/index.html")
    ash, birch = read_page(out / "ash" / page).article, read_page(out / "birch" / page).article
    assert "My family can phone the office if they are worried." in ash and "My family can ring the school office." not in ash
    assert "My family can ring the school office." in birch and "Reception to Year 2" in birch
