"""The GitHub workflows pass actionlint (with shellcheck on every ``run:`` script), run what the
README promises, and have the properties CONTRIBUTING.md's threat model ("What a pull request can
and cannot do") relies on.  The workflows are parsed as YAML, not searched as text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
BIN = Path(sys.executable).parent  # the environment `make test` set up: actionlint and shellcheck are there


def tool(name: str) -> str:
    path = BIN / name if (BIN / name).is_file() else shutil.which(name)
    assert path, f"{name} is not installed: run `make test` (requirements-test.lock installs it)"
    return str(path)


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("actionlint"), "-no-color", "-shellcheck", tool("shellcheck"), *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
    )


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    return {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on


def steps(workflow: dict, uses: str | None = None) -> list[dict]:
    found = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    return [s for s in found if uses is None or s.get("uses", "").split("@")[0] == uses]


def strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


PR, PUBLISH = load("pull-request.yml"), load("publish.yml")


# ---- actionlint ---------------------------------------------------------------------------------


def test_actionlint_passes_with_shellcheck():
    assert len(WORKFLOWS) == 2
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_actionlint_finds_mistakes(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text((ROOT / ".github/workflows/publish.yml").read_text().replace("steps.pages.", "steps.pagez."))
    result = actionlint(bad)
    assert result.returncode == 1 and "pagez" in result.stdout


def test_actionlint_runs_shellcheck_on_run_scripts(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    text = (ROOT / ".github/workflows/pull-request.yml").read_text()
    bad.write_text(text.replace("run: make test", "run: ls $RUNNER_TEMP"))
    result = actionlint(bad)
    assert result.returncode == 1 and "SC2086" in result.stdout, result.stdout  # unquoted variable


def test_actionlint_knows_runtimes_of_actions(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        (ROOT / ".github/workflows/pull-request.yml").read_text().replace("actions/checkout@v7", "actions/checkout@v4")
    )
    result = actionlint(bad)
    assert result.returncode == 1 and "node20" in result.stdout, result.stdout


# ---- what the README promises -------------------------------------------------------------------


def runs(workflow: dict) -> list[str]:
    return [s["run"] for s in steps(workflow) if "run" in s]


def test_pull_requests_check_test_build_and_upload():
    assert {".venv/bin/dossier check --format github", "make test", "make site"} <= set(runs(PR))
    assert sorted(s["with"]["path"] for s in steps(PR, "actions/upload-artifact")) == ["site/", "site/dossier.pdf"]


def test_pull_requests_summarise_the_change_in_claims():
    """dossier diff between the pull request's base and the checked-out merge commit, into the job summary;
    the checkout has the whole history, and the base's id reaches the script through the environment."""
    [checkout] = steps(PR, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    [step] = [s for s in steps(PR) if "dossier diff" in s.get("run", "")]
    assert step["run"] == '.venv/bin/dossier diff "$BASE_SHA" HEAD >> "$GITHUB_STEP_SUMMARY"'
    assert step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert step["if"] == "github.event_name == 'pull_request'" and step["continue-on-error"] is True
    assert runs(PR).index(step["run"]) < runs(PR).index("make test")


def test_main_deploys_to_pages_with_the_official_actions():
    assert "make site" in runs(PUBLISH)
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert len(steps(PUBLISH, action)) == 1, action


def test_ci_entry_point_runs_make_test_and_make_site():
    commands = [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines()]
    assert commands.index("make test") < commands.index("make site")


def test_pip_downloads_are_cached_by_lock_file():
    for workflow in (PR, PUBLISH):
        for step in steps(workflow, "actions/setup-python"):
            assert step["with"]["cache"] == "pip"
            paths = step["with"]["cache-dependency-path"].split()
            assert paths and all((ROOT / path).is_file() and path.endswith(".lock") for path in paths)


def test_dependabot_watches_actions_and_pip():
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}


# ---- the threat model (CONTRIBUTING.md) ---------------------------------------------------------

WRITE = "write"


def test_no_workflow_runs_with_the_base_repositorys_rights_on_pull_request_code():
    for path in WORKFLOWS:
        assert not {"pull_request_target", "workflow_run"} & set(triggers(load(path.name))), path.name
    assert "pull_request" in triggers(PR)


def test_permissions_are_given_per_job_and_only_deploy_can_write():
    for workflow in (PR, PUBLISH):
        assert workflow["permissions"] == {}  # nothing by default
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, name
    for name, job in PR["jobs"].items():
        assert WRITE not in job["permissions"].values(), name
    build, deploy = PUBLISH["jobs"]["build"], PUBLISH["jobs"]["deploy"]
    assert WRITE not in build["permissions"].values()
    assert deploy["permissions"] == {"pages": WRITE, "id-token": WRITE}


def test_checkouts_keep_no_credentials():
    for workflow in (PR, PUBLISH):
        checkouts = steps(workflow, "actions/checkout")
        assert checkouts and all(s.get("with", {}).get("persist-credentials") is False for s in checkouts)


def test_pull_request_workflow_uses_no_secrets():
    text = " ".join(strings(PR))
    assert "secrets." not in text and "GITHUB_TOKEN" not in text and "github.token" not in text


def test_pull_request_artifacts_expire_and_hold_no_hidden_files():
    uploads = steps(PR, "actions/upload-artifact")
    assert uploads
    for step in uploads:
        assert 1 <= step["with"]["retention-days"] <= 14
        assert not step["with"].get("include-hidden-files", False)


def test_only_main_is_deployed_by_a_job_that_runs_no_repository_code():
    assert triggers(PUBLISH)["push"] == {"branches": ["main"]}
    deploy = PUBLISH["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    for job in PUBLISH["jobs"].values():
        assert job["if"] == "github.ref == 'refs/heads/main'"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_runs_are_serialised():
    assert PR["concurrency"]["cancel-in-progress"] is True
    assert PUBLISH["concurrency"] == {"group": "pages", "cancel-in-progress": False}
