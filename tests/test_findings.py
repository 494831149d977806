"""Findings (sources/findings.yml): citations checked at their line and column, caveats asked for,
the strength of each finding's evidence, and their place on the built site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, read_page, run_dossier

from build_dossier import findings
from build_dossier.index import build_index
from build_dossier.load import check, load

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

MINI = FIXTURES / "mini"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI / "sources", tmp_path / "sources")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lines_of(result, severity: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if f": {severity}: " in line]


def test_findings_load_with_their_citations_in_order():
    dossier = load(MINI)
    advisers, air = dossier.findings
    assert advisers.cites == ("alpha-advisers-cut", "alpha-contracts", "alpha-denial")
    assert air.cites == ("beta-il76-pantsir", "beta-cargo-unclear")
    assert findings.parts("a [x-1] b [y].") == [("a ", None), ("x-1", "x-1"), (" b ", None), ("y", "y"), (".", None)]


def test_removing_a_cited_claim_fails_the_check_at_the_citation(project: Path):
    """A finding cites the claim beta-radars; removing the claim is an error at the exact line and
    column of "[beta-radars]" in findings.yml."""
    edit(
        project / "sources/findings.yml",
        "what it carried is unclear [beta-cargo-unclear].",
        "what it carried is unclear [beta-cargo-unclear]. Radars were requested [beta-radars].",
    )
    assert run_dossier("check", cwd=project).returncode == 0
    annotation = project / "sources/beta-2025-air-defence.yml"
    edit(
        annotation,
        """  - id: beta-radars
    claim: Radars were requested.
    quote: radars were requested
    topics: [air-defence]
    status: reported
    claimant: the author
""",
        "",
    )
    result = run_dossier("check", cwd=project)
    assert result.returncode == 1
    [error] = lines_of(result, "error")
    where = re.match(
        r"sources/findings\.yml:(\d+):(\d+): error: finding 'air-defence' cites unknown claim id "
        r"'beta-radars'(; did you mean '[a-z-]+'\?)?; cite a claim",
        error,
    )
    assert where, error
    line, col = int(where[1]), int(where[2])
    raw = (project / "sources/findings.yml").read_text(encoding="utf-8").splitlines()
    assert raw[line - 1][col - 1 :].startswith("[beta-radars]")


def test_the_column_of_a_citation_in_a_folded_block(project: Path):
    edit(project / "sources/findings.yml", "[alpha-denial]", "[alpha-denail]")
    result = run_dossier("check", cwd=project)
    [error] = lines_of(result, "error")
    assert error.startswith("sources/findings.yml:6:")
    col = int(error.split(":")[2])
    assert (project / "sources/findings.yml").read_text().splitlines()[5][col - 1 :].startswith("[alpha-denail]")
    assert "did you mean 'alpha-denial'?" in error


def test_a_finding_on_a_denied_or_single_origin_claim_needs_a_caveat(project: Path):
    path = project / "sources/findings.yml"
    edit(path, "    caveat: The cut rests on one report and is denied [alpha-advisers-cut].\n", "")
    result = run_dossier("check", cwd=project)
    assert result.returncode == 0  # warnings only
    warnings = lines_of(result, "warning")
    raw = path.read_text(encoding="utf-8").splitlines()
    messages = {}
    for w in warnings:
        _, line, col, _, message = w.split(":", 4)
        messages[raw[int(line) - 1][int(col) - 1 :].split("]")[0] + "]"] = message
    assert "which is denied, without a caveat" in messages["[alpha-advisers-cut]"]
    assert "single origin" in messages["[alpha-contracts]"]
    assert set(messages) == {"[alpha-advisers-cut]", "[alpha-contracts]", "[alpha-denial]"}
    assert run_dossier("check", "--strict", cwd=project).returncode == 1


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "findings.yml is empty"),
        ("findings:\n  - id: a\n    title: A\n", "missing required field 'text'"),
        (
            "findings:\n  - id: a\n    title: A\n    text: x [alpha-denial]\n  - id: a\n    title: B\n    text: y [alpha-denial]\n",
            "duplicate finding id 'a'",
        ),
    ],
)
def test_a_broken_findings_file_is_reported(project: Path, content: str, message: str):
    (project / "sources/findings.yml").write_text(content, encoding="utf-8")
    result = run_dossier("check", cwd=project)
    assert result.returncode == 1 and message in result.stdout, result.stdout


def test_findings_are_optional(project: Path):
    (project / "sources/findings.yml").unlink()
    dossier, diagnostics = check(project)
    assert dossier is not None and dossier.findings == () and not diagnostics


def test_strength_follows_the_cited_claims():
    dossier = load(MINI)
    index = build_index(dossier)
    advisers, air = (findings.strength(f, index) for f in dossier.findings)
    assert (advisers.level, advisers.contested, advisers.single, advisers.claims) == ("contested", 1, 2, 3)
    assert (air.level, air.single, air.assessments, air.sources) == ("single-source", 1, 1, 1)


def test_home_shows_findings_with_citations_linked_to_claims(mini_site):
    project, site = mini_site
    dossier = load(project)
    home = read_page(site, "")
    html = (site / "index.html").read_text(encoding="utf-8")
    hrefs = [h for h, _ in home.links]
    for finding in dossier.findings:
        assert f"finding-{finding.id}" in home.ids
        for cid in finding.cites:
            assert f"sources/{dossier.claims[cid].source}/#claim-{cid}" in hrefs
    # the finding's title and caveat are text, not markup
    assert "Air defence &lt;em&gt;delivered&lt;/em&gt; &amp; [unclear]" in html
    assert "&lt;script&gt;alert(&#39;f&#39;)&lt;/script&gt;" in html and "<script>alert('f')" not in html
    assert 'href="methodology/#strength-contested"' in html and 'href="methodology/#strength-single-source"' in html
    methodology = read_page(site, "methodology")
    assert {"strength-contested", "strength-single-source", "status", "status-denied"} <= methodology.ids


def test_topic_pages_summarise(mini_site):
    _, site = mini_site
    page = read_page(site, "topics/personnel")
    text = re.sub(r" ([,.])", r"\1", " ".join(" ".join(page.text).split()))
    assert "In summary 4 claims: 3 Reported, 1 Denied." in text
    assert "The finding that cites it: Advisers cut, and the cut denied." in text
    hrefs = {h for h, _ in page.links}
    assert "../../#finding-advisers" in hrefs  # the finding that cites it
    assert "Denied by" in text  # its contested pair, both sides linked
    assert "../../sources/alpha-2019-advisers/#claim-alpha-denial" in hrefs
