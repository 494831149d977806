"""``dossier diff BASE [HEAD]`` on a temporary git repository: the change in claims, line by line."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, run_dossier

from build_dossier.diff import md

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    ).stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini" / "sources", repo / "sources")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "base")
    return repo


def test_claims_added_removed_changed_and_a_renamed_source(repo: Path):
    beta = repo / "sources/beta-2025-air-defence.yml"
    edit(
        beta,
        "  - id: beta-radars\n    claim: Radars were requested.\n    quote: radars were requested\n",
        "  - id: beta-missiles\n    claim: Missiles were requested.\n    quote: missiles were requested\n",
    )
    edit(
        beta,
        "quote: An Il-76 landed in Caracas on 26 October 2025 carrying Pantsir-S1 systems.",
        "quote: An Il-76 landed in Caracas on 26 October 2025",
    )
    edit(beta, "    status: assessment\n", "    status: reported\n")
    git(repo, "mv", "sources/alpha-2019-advisers.yml", "sources/mini-news-2019-advisers.yml")
    git(repo, "mv", "sources/alpha-2019-advisers.txt", "sources/mini-news-2019-advisers.txt")
    git(repo, "commit", "-q", "-am", "head")
    base, head = git(repo, "rev-parse", "base")[:10], git(repo, "rev-parse", "HEAD")[:10]

    result = run_dossier("diff", "base", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"## Claims and sources changed from `base` ({base}) to `HEAD` ({head})",
        "",
        "Sources: 0 added, 0 removed, 1 renamed. Claims: 1 added, 1 removed, 2 changed.",
        "",
        "### `beta-2025-air-defence`: Beta Monitor, November 2025: Air defence arrives",
        "",
        "- Added claim `beta-missiles` (reported): Missiles were requested.",
        "  - quote: “missiles were requested”",
        "- Removed claim `beta-radars` (reported): Radars were requested.",
        "- Changed claim `beta-il76-pantsir` (reported): An Il-76 delivered Pantsir-S1 systems to Caracas on 26 "
        "October 2025.",
        "  - quote: “An Il-76 landed in Caracas on 26 October 2025 carrying Pantsir-S1 systems.” → “An Il-76 landed "
        "in Caracas on 26 October 2025”",
        "- Changed claim `beta-cargo-unclear` (reported): What the aircraft carried is unclear.",
        "  - status: assessment → reported",
        "",
        "### `mini-news-2019-advisers`: Mini News, 3 June 2019: Rostec cuts advisers",
        "",
        "Renamed from `alpha-2019-advisers` (same text).",
    ]
    # the same two commits named by their ids, in the other direction
    back = run_dossier("diff", head, base, cwd=repo)
    assert back.returncode == 0, back.stderr
    lines = back.stdout.splitlines()
    assert lines[0] == f"## Claims and sources changed from `{head}` to `{base}`"
    assert "- Added claim `beta-radars` (reported): Radars were requested." in lines
    assert "Renamed from `mini-news-2019-advisers` (same text)." in lines
    assert "  - status: reported → assessment" in lines


def test_sources_added_and_removed_relations_topics_and_origin(repo: Path):
    git(repo, "rm", "-q", "sources/gamma-2020-hostile.yml", "sources/gamma-2020-hostile.txt")
    alpha = repo / "sources/alpha-2019-advisers.yml"
    edit(alpha, "claim: Pre-existing contracts remain.", "claim: Pre-existing contracts remain in force.")
    edit(
        alpha,
        "    topics: [personnel]\n    status: reported\n    claimant: an unnamed source\n",
        "    topics: [personnel, air-defence]\n    status: reported\n    claimant: an unnamed source\n"
        "    origin:\n      channel: unnamed\n    relations:\n      - type: qualifies\n        claim: beta-radars\n",
    )
    shutil.copy(repo / "sources/alpha-2019-advisers.txt", repo / "sources/delta-2019-copy.txt")
    (repo / "sources/delta-2019-copy.yml").write_text(
        (repo / "sources/alpha-2019-advisers.yml")
        .read_text(encoding="utf-8")
        .replace("id: alpha-", "id: delta-")
        .replace("claim: alpha-", "claim: delta-")
        .replace("title: Rostec cuts advisers", "title: A copy"),
        encoding="utf-8",
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "head")
    lines = run_dossier("diff", "base", "HEAD", cwd=repo).stdout.splitlines()
    assert lines[2] == "Sources: 1 added, 1 removed, 0 renamed. Claims: 3 added, 2 removed, 1 changed."
    at = lines.index("### `delta-2019-copy`: Mini News, 3 June 2019: A copy")
    assert lines[at + 2] == "New source." and lines[at + 3].startswith("- Added claim `delta-")
    at = lines.index(
        r"### `gamma-2020-hostile`: \<b\>Outlet\</b\> \& Co, 2020: Title \<script\>alert('t')\</script\> "
        r"\*em\* \[l\](javascript:alert(1)) \&amp; {{ 7\*7 }}"
    )  # the hostile fixture, literal
    assert lines[at + 2] == "Source removed."
    assert lines[at + 3].startswith(
        r"- Removed claim `gamma-script` (reported): Claim with \<script\>alert('c')"
        r"\</script\>, \*emphasis\*, \[link\](x), \&amp; and {% raw %}"
    )
    changed = lines.index("- Changed claim `alpha-contracts` (reported): Pre-existing contracts remain in force.")
    assert lines[changed + 1 : changed + 5] == [
        "  - sentence: “Pre-existing contracts remain.” → “Pre-existing contracts remain in force.”",
        "  - relations: none → qualifies beta-radars",
        "  - topics: personnel → personnel, air-defence",
        "  - origin: the outlet's own reporting → unnamed",
    ]
    assert lines[at + 4] == "- Removed claim `gamma-img` (assessment): An image tag in the text."


def test_no_change(repo: Path):
    result = run_dossier("diff", "base", cwd=repo)
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == "No claim or source changed."


def test_outside_a_repository_or_with_an_unknown_commit(repo: Path, tmp_path: Path):
    (tmp_path / "plain").mkdir()
    outside = run_dossier("diff", "HEAD~1", cwd=tmp_path / "plain", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert outside.returncode == 2 and "is not in a git repository" in outside.stderr
    assert "Traceback" not in outside.stderr and not outside.stdout
    for rev in ("no-such-branch", "0123456789abcdef", "--output=/tmp/x", "base..HEAD"):
        result = (
            run_dossier("diff", rev, cwd=repo) if not rev.startswith("-") else run_dossier("diff", "--", rev, cwd=repo)
        )
        assert result.returncode == 2, (rev, result.stderr)
        assert f"unknown commit {rev!r}" in result.stderr and "Traceback" not in result.stderr
    missing_head = run_dossier("diff", "base", "nope", cwd=repo)
    assert missing_head.returncode == 2 and "unknown commit 'nope'" in missing_head.stderr


def test_a_commit_whose_dossier_does_not_pass_the_check(repo: Path):
    edit(repo / "sources/beta-2025-air-defence.yml", "topics: [air-defence]", "topics: [no-such-topic]")
    git(repo, "commit", "-q", "-am", "broken")
    result = run_dossier("diff", "base", cwd=repo)
    assert result.returncode == 1 and "does not pass dossier check" in result.stderr
    assert "unknown topic 'no-such-topic'" in result.stderr and "Traceback" not in result.stderr


def test_untrusted_text_stays_literal_in_markdown():
    assert md("a *b* [c](javascript:x) <img src=x> | d\n# e") == r"a \*b\* \[c\](javascript:x) \<img src=x\> \| d \# e"
