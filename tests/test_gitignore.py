"""Runtime files the deployment makes are ignored by git."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("path", ["data/backups/monitor-20261129.db", "data/monitor.db.nightly.lock",
                                  "data/logs/nightly-unrecorded.json", "data/monitor.db-wal"])
def test_runtime_files_are_ignored(path):
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT)
    assert result.returncode == 0, f"{path} is not ignored by .gitignore"
