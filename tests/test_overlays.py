"""A trust policy merged with each school's overlay: known answers, read off the built pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import BUILD_DATE, make_project, read_page, run_cli, squash
from tests.trust_sources import TRUST, fingerprint, local_overlay, school_org, trust_policy, write, write_trust

PAGE = Path("policies") / "online-safety" / "index.html"


def _project(tmp_path: Path, overlay: dict | None = None) -> Path:
    project = make_project(tmp_path)
    write_trust(project / "policy_sources", overlay)
    return project


def _build(project: Path, out: Path, *extra: str) -> str:
    result = run_cli("build", "--output", str(out), "--date", BUILD_DATE, *extra, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _clauses(out: Path, org: str, page: Path = PAGE) -> dict[str, str]:
    return {cid: squash(text) for cid, text in read_page(out / org / page).clauses.items()}


def _errors(project: Path) -> str:
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("overlay")
    project = _project(tmp)
    out = tmp / "site"
    _build(project, out)
    return project, out


def test_values_are_filled_in_from_each_school(built: tuple[Path, Path]) -> None:
    _, out = built
    ash, birch = _clauses(out, "ash"), _clauses(out, "birch")
    assert "Report every online safety concern to Ms Dee Lead on the day" in ash["report-to-dsl"]
    assert "to Mr Bo Birch on the day" in birch["report-to-dsl"]
    # The overlay's own value wins over organisation.yml; Birch has no overlay value.
    assert "01000 999888" in ash["ring-the-office"] and "01000 111222" not in ash["ring-the-office"]
    assert "01000 111222" in birch["ring-the-office"]
    parents = squash(read_page(out / "ash" / "policies" / "online-safety" / "parents" / "index.html").article)
    assert "Ring the school office on 01000 999888" in parents
    # The trust's own site speaks of "the school's" people.
    trust = _clauses(out, TRUST)
    assert "to the school's designated safeguarding lead on the day" in trust["report-to-dsl"]
    assert "on the school's phone number" in trust["ring-the-office"]


def test_added_clause_sits_in_its_section_in_order(built: tuple[Path, Path]) -> None:
    _, out = built
    ash = list(_clauses(out, "ash"))
    assert ash.index("email-the-head") == ash.index("ring-the-office") + 1
    assert "email-the-head" not in _clauses(out, "birch")
    assert "You can also email the head teacher" in read_page(out / "ash" / "policies" / "online-safety" / "parents" / "index.html").article


def test_replaced_clause_keeps_the_trusts_other_fields(built: tuple[Path, Path]) -> None:
    _, out = built
    ash, birch = _clauses(out, "ash"), _clauses(out, "birch")
    assert "in the staff room only, never in classrooms" in ash["phones-at-break"]
    assert "only at break times" not in ash["phones-at-break"]
    assert "only at break times, away from pupils" in birch["phones-at-break"]
    # Strength and audience were not in `with:`, so they stay the trust's.
    page = read_page(out / "ash" / PAGE)
    assert "ps-clause--may" in page.clause_classes["phones-at-break"]


def test_removed_clause_is_gone_and_governors_see_why(built: tuple[Path, Path]) -> None:
    _, out = built
    assert "no-private-messages" not in _clauses(out, "ash")
    assert "no-private-messages" in _clauses(out, "birch")
    differences = read_page(out / "ash" / "policies" / "online-safety" / "trust" / "index.html")
    text = squash(differences.article)
    assert "1 clause added by the school" in text
    assert "1 clause left out by the school" in text
    assert "1 clause reworded by the school" in text
    assert "The school's reason: Our safeguarding policy covers messaging." in text
    assert {"email-the-head", "no-private-messages", "phones-at-break"} <= set(differences.clauses)
    # An unchanged clause is not listed as a difference, and the phone number is not one either:
    # both sides are read with the school's values.
    assert "report-to-dsl" not in differences.clauses and "ring-the-office" not in differences.clauses
    governors = squash(read_page(out / "ash" / "policies" / "online-safety" / "governors" / "index.html").article)
    assert "adapted by the school: 3 local changes" in governors
    birch = squash(read_page(out / "birch" / "policies" / "online-safety" / "trust" / "index.html").article)
    assert "0 clauses added by the school" in birch and "0 clauses reworded by the school" in birch


def test_locked_clause_is_refused_with_file_and_line(tmp_path: Path) -> None:
    overlay = {"replace": [{"clause": "report-to-dsl", "based_on": fingerprint("report-to-dsl"), "with": {"text": "Tell anyone."}}]}
    overlay["add"] = [{"section": "rules", "clause": {"id": "x", "text": "A rule.", "strength": "must", "audiences": ["staff"]}}]
    errors = _errors(_project(tmp_path, overlay))
    assert re.search(r"ash/overlays/online-safety\.yml:2: clause 'report-to-dsl' \(in \"Rules for adults\"\) is locked by the trust", errors), errors
    assert re.search(r"ash/overlays/online-safety\.yml:\d+: section 'rules' \(\"Rules for adults\"\) is locked by the trust", errors), errors
    assert "2 errors found; nothing was built or changed." in errors


def test_unknown_clause_and_section_are_refused(tmp_path: Path) -> None:
    overlay = {
        "remove": [{"clause": "phones-at-breaks", "based_on": "0" * 12, "reason": "Typo."}],
        "add": [{"section": "contacts", "clause": {"id": "y", "text": "T.", "strength": "may", "audiences": ["staff"]}}],
    }
    errors = _errors(_project(tmp_path, overlay))
    unknown = r"ash/overlays/online-safety\.yml:2: the trust's Online Safety Policy has no clause 'phones-at-breaks'; did you mean 'phones-at-break'\?"
    assert re.search(unknown, errors), errors
    assert "clauses a school may change: phones-at-break, no-private-messages, ring-the-office" in errors
    assert re.search(r"online-safety\.yml:\d+: the trust's Online Safety Policy has no section 'contacts'; did you mean 'contact'\?", errors), errors


def test_missing_school_value_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    project = _project(tmp_path)
    write(project / "policy_sources" / "birch" / "organisation.yml", school_org("birch", "Birch Primary School", dsl=None))
    errors = _errors(project)
    assert re.search(r"birch/overlays/online-safety\.yml:1: the policy's text \(clause 'report-to-dsl'\) needs \{\{ role\.dsl \}\}", errors), errors
    assert "add a person with `role: dsl` to organisation.yml, or write `role.dsl: ...` under `values:` here" in errors


def test_missing_based_on_gives_the_value_to_write(tmp_path: Path) -> None:
    overlay = {"replace": [{"clause": "phones-at-break", "with": {"text": "Phones in the staff room."}}]}
    errors = _errors(_project(tmp_path, overlay))
    assert f'add `based_on: "{fingerprint("phones-at-break")}"`' in errors


def test_trust_edit_reaches_every_school_and_collisions_keep_the_schools_text(tmp_path: Path) -> None:
    project = _project(tmp_path)
    out = tmp_path / "site"
    _build(project, out)
    policy = trust_policy()
    rules = policy["sections"][0]["clauses"]
    rules[0]["text"] = "Report every online safety concern to {{ role.dsl }} within the hour."
    rules[1]["text"] = "Adults may use their own phones only in the staff room at break times."
    write(project / "policy_sources" / TRUST / "policies" / "online-safety.yml", policy)
    stdout = _build(project, out)

    # Re-merge: the trust's new words everywhere, with Ash's own changes still applied.
    ash, birch = _clauses(out, "ash"), _clauses(out, "birch")
    assert "to Ms Dee Lead within the hour" in ash["report-to-dsl"] and "to Mr Bo Birch within the hour" in birch["report-to-dsl"]
    assert "email-the-head" in ash and "no-private-messages" not in ash
    assert "only in the staff room at break times" in birch["phones-at-break"]
    # Collision: Ash replaced the clause the trust has now reworded. Ash keeps its text, and the build says so.
    assert "in the staff room only, never in classrooms" in ash["phones-at-break"]
    line = next(i for i, text in enumerate((project / "policy_sources/ash/overlays/online-safety.yml").read_text().splitlines(), 1) if "based_on" in text)
    warning = f"ash/overlays/online-safety.yml:{line}: ash/online-safety: the trust has changed clause 'phones-at-break' since this school replaced it"
    assert warning in stdout, stdout
    assert f'write `based_on: "{fingerprint("phones-at-break", policy)}"` to keep the school\'s change' in stdout
    assert "1 warning" in stdout.splitlines()[-1]
    differences = read_page(out / "ash" / "policies" / "online-safety" / "trust" / "index.html")
    text = squash(differences.article)
    assert "The trust has changed 1 clause this school had changed" in text
    assert "The trust's wording now: Adults may use their own phones only in the staff room at break times." in text
    assert "The school's wording, still published: Adults may use their own phones in the staff room only, never in classrooms." in text
    governors = squash(read_page(out / "ash" / "policies" / "online-safety" / "governors" / "index.html").article)
    assert "A decision is needed" in governors

    # Resolving it: the school records the trust's new wording as the one it replaced.
    overlay_file = project / "policy_sources/ash/overlays/online-safety.yml"
    data = yaml.safe_load(overlay_file.read_text())
    data["replace"][0]["based_on"] = fingerprint("phones-at-break", policy)
    write(overlay_file, data)
    stdout = _build(project, out)
    assert "the trust has changed" not in stdout and "no warnings" in stdout.splitlines()[-1]
    assert "A decision is needed" not in read_page(out / "ash" / "policies" / "online-safety" / "governors" / "index.html").article


def test_replaced_plain_version_keeps_the_trusts_other_audiences(tmp_path: Path) -> None:
    overlay = {
        "replace": [
            {
                "clause": "ring-the-office",
                "based_on": fingerprint("ring-the-office"),
                "with": {"audiences": ["parents", "pupils"], "plain": {"pupils": "I can ask an adult to ring home."}},
            }
        ]
    }
    project = _project(tmp_path, overlay)
    out = tmp_path / "site"
    _build(project, out)
    folder = Path("policies") / "online-safety"
    assert "I can ask an adult to ring home." in read_page(out / "ash" / folder / "pupils" / "index.html").article
    assert "Worried? Ring the school office on 01000 111222." in squash(read_page(out / "ash" / folder / "parents" / "index.html").article)
    # Giving pupils the clause without words they can read is refused, as in a policy file.
    overlay["replace"][0]["with"] = {"audiences": ["parents", "pupils"]}
    write(project / "policy_sources" / "ash" / "overlays" / "online-safety.yml", overlay)
    assert "clause 'ring-the-office' concerns pupils but has no plain-language version" in _errors(project)
    # And a plain version for an audience the clause is not for, which no page would show.
    overlay["replace"][0]["with"] = {"audiences": ["parents"], "plain": {"pupils": "I can ask an adult to ring home."}}
    write(project / "policy_sources" / "ash" / "overlays" / "online-safety.yml", overlay)
    errors = _errors(project)
    unread = r"ash/overlays/online-safety\.yml:\d+: clause 'ring-the-office' has a plain version for pupils but is not for pupils, so no page shows it"
    assert re.search(unread, errors), errors


def test_an_empty_overlay_adopts_the_policy_unchanged(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "policy_sources" / "birch" / "overlays" / "online-safety.yml").write_text("# Birch uses the trust's policy as it is.\n")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stderr


def test_overlay_mistakes_outside_clauses(tmp_path: Path) -> None:
    project = _project(tmp_path)
    sources = project / "policy_sources"
    write(sources / "cedar" / "overlays" / "behaviour.yml", {})
    write(sources / "birch" / "policies" / "online-safety.yml", trust_policy())
    write(sources / TRUST / "overlays" / "online-safety.yml", {})
    write(sources / "ash" / "overlays" / "online-safety.yml", local_overlay() | {"values": {"dsl": "Ms X"}})
    errors = _errors(project)
    assert "cedar/overlays/behaviour.yml:1: Oak Academy Trust has no policy 'behaviour' to adapt (its policies: online-safety)" in errors
    assert "birch/overlays/online-safety.yml:1: birch has both policies/online-safety.yml and this overlay" in errors
    assert f"{TRUST}/overlays/online-safety.yml:1: Oak Academy Trust has no trust here to adapt a policy from" in errors
    assert "ash/overlays/online-safety.yml:2: 'dsl' is not a placeholder name; write it as in the text without braces, e.g. role.dsl" in errors
