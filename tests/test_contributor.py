"""A newcomer adds a sixth source by following CONTRIBUTING.md, with the documented commands only."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, read_page, run_dossier

from build_dossier.load import load

pytestmark = pytest.mark.slow  # builds whole sites or PDFs: left out by pytest -m 'not slow'

TEXT = """Example Wire

Russia delivered two Pantsir-S1 batteries to Caracas in early November 2025, a
defence official told Example Wire on Tuesday.

Newsletter: sign up for our daily briefing.
"""


def repository_copy(dest: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file() and not name.startswith(("tools/node_modules", "site/")):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def test_newcomer_adds_a_sixth_source(tmp_path: Path):
    repo = repository_copy(tmp_path / "repo")
    guide = (repo / "CONTRIBUTING.md").read_text()
    existing = load(repo)
    assert len(existing.sources) == 5
    target = next(c for c in existing.claims.values() if "air-defence" in c.topics)

    # "Save the document's text to a file", then "Scaffold it" with dossier new
    assert "dossier new text.txt --title" in guide
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    result = run_dossier(
        "new",
        str(tmp_path / "text.txt"),
        "--title",
        "Pantsir batteries reach Caracas",
        "--outlet",
        "Example Wire",
        "--date",
        "2025-11-04",
        "--kind",
        "news",
        "--url",
        "https://examplewire.example/pantsir",
        cwd=repo,
    )
    assert result.returncode == 0, result.stderr
    yml = repo / "sources/example-wire-2025-pantsir-batteries-reach.yml"
    assert yml.is_file() and (repo / "sources/example-wire-2025-pantsir-batteries-reach.txt").read_text() == TEXT

    # fill in the annotation as the guide shows: boilerplate, a claim with a relation and an entity
    assert "boilerplate:" in guide and "relations:" in guide and "sources/entities.yml" in guide
    assert "channel: unnamed" not in guide and "`unnamed`" in guide and "`qualifies`" in guide
    annotation = (
        yml.read_text()
        .replace("  wrapped: false", "  wrapped: true")
        .replace(
            "  boilerplate: []",
            '  boilerplate:\n    - passage: "Newsletter: sign up for our daily briefing."\n'
            "      reason: newsletter prompt\n    - passage: Example Wire\n      suffix: Russia delivered\n"
            "      reason: masthead",
        )
    )
    annotation = annotation.replace(
        "claims: []\n",
        f"""claims:
  - id: ew25-pantsir-batteries
    claim: Russia delivered two Pantsir-S1 batteries to Caracas in early November 2025.
    quote: Russia delivered two Pantsir-S1 batteries to Caracas in early November 2025
    topics: [air-defence]
    status: reported
    claimant: an unnamed defence official, via Example Wire
    event_date: "2025-11"
    entities: [example-wire-official]
    origin:
      channel: unnamed
    relations:
      - type: qualifies
        claim: {target.id}
        note: Another report of air-defence deliveries.
""",
        1,
    )
    yml.write_text(annotation, encoding="utf-8")
    with (repo / "sources/entities.yml").open("a", encoding="utf-8") as entities:
        entities.write(
            "  - id: example-wire-official\n    name: defence official\n    type: person\n"
            "    description: An unnamed defence official quoted by Example Wire.\n"
        )

    check = run_dossier("check", cwd=repo)
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_dossier("build", "--site-dir", "site", cwd=repo)
    assert build.returncode == 0, build.stderr
    site = repo / "site"

    source_page = read_page(site, "sources/example-wire-2025-pantsir-batteries-reach")
    assert {"claim-ew25-pantsir-batteries", "quote-ew25-pantsir-batteries"} <= source_page.ids
    assert "Newsletter" not in "".join(source_page.text).split("Reading text")[-1].split("Links in the text")[0]
    assert "claim-ew25-pantsir-batteries" in read_page(site, "topics/air-defence").ids
    assert "claim-ew25-pantsir-batteries" in read_page(site, "entities/example-wire-official").ids
    assert "event-ew25-pantsir-batteries" in read_page(site, "timeline").ids
    rows = json.loads((site / "claims/rows.json").read_text())
    assert any(r["id"] == "ew25-pantsir-batteries" for r in rows)
    claims_links = {h for h, _ in read_page(site, "claims").links}
    assert "../sources/example-wire-2025-pantsir-batteries-reach/#claim-ew25-pantsir-batteries" in claims_links
    # the relation shows on the other source's page too
    other = read_page(site, f"sources/{target.source}")
    assert "../example-wire-2025-pantsir-batteries-reach/#claim-ew25-pantsir-batteries" in {h for h, _ in other.links}


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path):
    repo = repository_copy(tmp_path / "repo")
    assert run_dossier("build", "--site-dir", "site", cwd=repo).returncode == 0
    before = {p.relative_to(repo / "site"): p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    annotation = next((repo / "sources").glob("*-*.yml"))
    annotation.write_text(annotation.read_text().replace("status:", "statuz:", 1))
    result = run_dossier("build", "--site-dir", "site", cwd=repo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    after = {p.relative_to(repo / "site"): p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in repo.glob(".site*")] == [".site.lock"]  # no scratch folders left behind, only the lock


def test_the_worked_example_in_contributing_is_real():
    """CONTRIBUTING.md's example claim is an entry of the dossier, word for word (comments aside)."""
    import re

    guide = (ROOT / "CONTRIBUTING.md").read_text()
    example = re.search(r"```yaml\n(  - id: mt19-ambassador-denies.*?)```", guide, re.S)[1]
    stripped = "\n".join(re.sub(r"\s+#.*$", "", line) for line in example.splitlines())
    annotation = (ROOT / "sources/moscow-times-2019-advisers-withdrawn.yml").read_text()
    assert stripped in annotation


def test_make_site_with_a_broken_annotation_leaves_site_untouched(tmp_path: Path):
    """The README's own command: `make site` stops at the check and never touches site/."""
    import sys

    if not shutil.which("make"):
        import pytest

        pytest.skip("make is not installed")
    repo = repository_copy(tmp_path / "repo")
    venv = Path(sys.executable).parent.parent
    site = repo / "site"
    (site / "sub").mkdir(parents=True)
    (site / ".dossier-generated").write_text("written by dossier build\n")  # a previous build's marker
    (site / "index.html").write_text("previous site")
    (site / "sub" / "page.html").write_text("previous page")
    annotation = next((repo / "sources").glob("*-*.yml"))
    annotation.write_text(annotation.read_text().replace("topics: [", "topics: [no-such-topic, ", 1))
    # -o: the environment and system packages count as made (they are, for this interpreter)
    result = subprocess.run(
        ["make", "site", f"VENV={venv}", "-o", f"{venv}/.installed", "-o", "system-deps"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "unknown topic 'no-such-topic'" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (site / "index.html").read_text() == "previous site"
    assert (site / "sub" / "page.html").read_text() == "previous page"
    assert sorted(p.name for p in site.rglob("*")) == [".dossier-generated", "index.html", "page.html", "sub"]


def test_newcomer_adds_a_source_from_a_saved_page_and_reviews_the_diff(tmp_path: Path):
    """CONTRIBUTING.md's "Add a source from a saved web page", then what a reviewer reads: dossier diff."""
    import os

    git_env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "n",
        "GIT_AUTHOR_EMAIL": "n@example.org",
        "GIT_COMMITTER_NAME": "n",
        "GIT_COMMITTER_EMAIL": "n@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=git_env)

    repo = repository_copy(tmp_path / "repo")
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "main")
    guide = (repo / "CONTRIBUTING.md").read_text()
    assert "dossier new --from-html page.html --kind news" in guide and "dossier diff main" in guide
    topic = load(repo).topics[0].id

    page = tmp_path / "page.html"  # saved from the browser, outside the repository
    page.write_bytes((ROOT / "tests/fixtures/html/news-article.html").read_bytes())
    result = run_dossier("new", "--from-html", str(page), "--kind", "news", cwd=repo)
    assert result.returncode == 0, result.stderr
    slug = "example-wire-2019-russian-jets-land"
    yml = repo / f"sources/{slug}.yml"
    assert "Two Russian air force planes landed" in (repo / f"sources/{slug}.txt").read_text(encoding="utf-8")
    assert not list((repo / "sources").glob("*.htm*"))

    # check the marked values against the page, keep them, add the archived copy and a claim
    annotation = yml.read_text(encoding="utf-8")
    assert annotation.count("# extracted from the page: check it") == 6
    annotation = annotation.replace(
        '  # archive_url: ""',
        "  archive_url: https://web.archive.org/web/20190603000000/"
        "https://examplewire.example/world/2019/06/03/russian-jets-land-in-caracas  #",
    )
    annotation = annotation.replace(
        "claims: []\n",
        f"""claims:
  - id: ew19-jets-landed
    claim: Two Russian air force planes landed outside Caracas with about 100 military personnel.
    quote: Two Russian air force planes landed at Simón Bolívar International Airport outside Caracas on Saturday,
      carrying about 100 military personnel
    topics: [{topic}]
    status: reported
    claimant: local reporters and flight tracking data, via Example Wire
    event_date: "2019-06"
""",
        1,
    )
    yml.write_text(annotation, encoding="utf-8")
    check = run_dossier("check", cwd=repo)
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_dossier("build", "--site-dir", "site", "--no-pdf", cwd=repo)
    assert build.returncode == 0, build.stderr
    source = load(repo).source(slug)
    links = {h for h, _ in read_page(repo / "site", f"sources/{slug}").links}
    assert source.original_at(source.claims[0].quote) in links and source.archive_url in links
    assert "#:~:text=Two%20Russian%20air%20force,about%20100%20military%20personnel" in source.original_at(
        source.claims[0].quote
    )
    published = [p for p in (repo / "site").rglob("*") if p.is_file() and p.suffix != ".pdf"]
    assert not any(b"Buy cheap flights" in p.read_bytes() for p in published)  # the page itself is never published

    # the pull request, as its reviewer sees it
    git("checkout", "-q", "-b", "example-wire-jets")
    git("add", "sources")
    git("commit", "-q", "-m", "Example Wire: Russian jets land in Caracas")
    diff = run_dossier("diff", "main", cwd=repo)
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.splitlines()[2:] == [
        "Sources: 1 added, 0 removed, 0 renamed. Claims: 1 added, 0 removed, 0 changed.",
        "",
        f"### `{slug}`: Example Wire, 3 June 2019: Russian jets land in Caracas, officials say",
        "",
        "New source.",
        "- Added claim `ew19-jets-landed` (reported): Two Russian air force planes landed outside Caracas with about "
        "100 military personnel.",
        "  - quote: “Two Russian air force planes landed at Simón Bolívar International Airport outside Caracas on "
        "Saturday, carrying about 100 military personnel”",
    ]


def test_newcomer_fixes_mistakes_from_what_the_messages_say(tmp_path: Path):
    """A quote typed by hand with a typo, an entity id with a capital and a misspelt topic: the
    newcomer applies exactly what each message says, and the check passes."""
    import re

    repo = repository_copy(tmp_path / "repo")
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    assert (
        run_dossier(
            "new",
            str(tmp_path / "text.txt"),
            "--title",
            "Pantsir batteries reach Caracas",
            "--outlet",
            "Example Wire",
            "--date",
            "2025-11-04",
            "--kind",
            "news",
            "--url",
            "https://examplewire.example/pantsir",
            cwd=repo,
        ).returncode
        == 0
    )
    yml = repo / "sources/example-wire-2025-pantsir-batteries-reach.yml"
    yml.write_text(
        yml.read_text().replace(
            "claims: []\n",
            """claims:
  - id: ew25-pantsir-batteries
    claim: Russia delivered two Pantsir-S1 batteries to Caracas in early November 2025.
    quote: Russia delivered two Pantsir batteries to Caracas in early November 2025
    topics: [air-defense]
    status: reported
    claimant: a defence official, via Example Wire
    entities: [Pantsir-S1]
""",
            1,
        ),
        encoding="utf-8",
    )
    text, seen = yml.read_text(), []
    for _ in range(3):  # the check, the fixes its messages give, again
        result = run_dossier("check", cwd=repo)
        assert "Traceback" not in result.stdout + result.stderr
        if result.returncode == 0:
            break
        for line in (line for line in result.stdout.splitlines() if ": error: " in line):
            seen.append(line)
            if " is: " in line:  # a quote: paste the passage as the .txt has it
                old = re.search(r"^    quote: (.*)$", text, re.M)[1]
                text = text.replace(f"quote: {old}", f"quote: {line.split(', is: ', 1)[1]}", 1)
            else:  # "path:LINE:col: … 'wrong' …; did you mean 'right'?", on that line
                number = int(line.split(":")[1]) - 1
                wrong, right = re.search(r"'([^']+)'.*did you mean '([^']+)'\?", line).groups()
                lines = text.split("\n")
                lines[number] = lines[number].replace(wrong, right, 1)
                text = "\n".join(lines)
        yml.write_text(text, encoding="utf-8")
    assert run_dossier("check", "--strict", cwd=repo).returncode == 0, seen
    assert any("entity 'Pantsir-S1' is not valid" in line and "did you mean 'pantsir-s1'?" in line for line in seen)
    assert any("unknown topic 'air-defense'; did you mean 'air-defence'?" in line for line in seen)
    assert any(
        "the first difference, marked: the quote has “Russia delivered two ⟨Pantsir⟩” where the text has "
        "⟨Pantsir-S1⟩ (a typo)" in line
        for line in seen
    ), seen
