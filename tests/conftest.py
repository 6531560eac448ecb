from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BUILD_DATE, REPO, run_cli


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site built from the seed policies by the CLI, as an admin would."""
    output = tmp_path_factory.mktemp("demo") / "site"
    result = run_cli("build", "--output", str(output), "--date", BUILD_DATE, cwd=REPO)
    assert result.returncode == 0, result.stderr + result.stdout
    return output
