"""The import contracts of pyproject.toml (import-linter) hold, and would catch a forbidden import.

The second test copies the project's packages to a temporary folder, adds one forbidden import and runs
`lint-imports` there with the project's own configuration: the contract must break.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONFIG = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["importlinter"]


def run_lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_packages(target: Path) -> None:
    shutil.copy(PROJECT / "pyproject.toml", target / "pyproject.toml")
    for package in CONFIG["root_packages"]:
        shutil.copytree(PROJECT / package, target / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))


def test_the_contracts_cover_every_app_of_ours():
    apps = {path.parent.name for path in PROJECT.glob("*/apps.py")}
    assert apps == set(CONFIG["root_packages"])


def test_the_project_keeps_its_contracts():
    result = run_lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden_import", "contract"),
    [
        ("core/probe.py", "import places.models", "core names no domain"),
        ("tracking/probe_views.py", "import insights.selectors", "tracking imports only campaigns and places"),
        ("campaigns/probe.py", "from tracking import models", "campaigns (content) knows nothing"),
        ("insights/probe.py", "import website.urls", "No app imports website"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, forbidden_import, contract):
    copy_packages(tmp_path)
    (tmp_path / module).write_text(forbidden_import + "\n")
    result = run_lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout


def test_the_scan_view_importing_insights_breaks_the_scan_path_contract(tmp_path):
    copy_packages(tmp_path)
    views = tmp_path / "tracking" / "views.py"
    views.write_text(views.read_text() + "\nimport insights.rollups  # noqa\n")
    result = run_lint_imports(tmp_path)
    assert "The scan path imports neither insights nor media_kit BROKEN" in result.stdout, result.stdout
