"""The deployment files work as written on a fresh installation."""
from __future__ import annotations

import subprocess

from tests.conftest import ROOT

INSTALL = "/opt/noichinh-monitor"


def _cron_command(word: str) -> str:
    """The shell command of the crontab.example entry that mentions *word*."""
    for line in (ROOT / "deploy" / "crontab.example").read_text(encoding="utf-8").splitlines():
        fields = line.split(None, 5)
        if line[:1].isdigit() and len(fields) == 6 and word in fields[5]:
            return fields[5]
    raise AssertionError(f"no crontab entry runs {word}")


def test_the_nightly_cron_line_runs_on_a_fresh_installation(tmp_path):
    # a fresh installation after `make demo`: the code and .venv, no data/logs yet
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "{\\"args\\": \\"$*\\"}"\necho "on stderr" >&2\n', encoding="utf-8")
    python.chmod(0o755)
    (tmp_path / "data").mkdir()
    command = _cron_command("nightly").replace(INSTALL, str(tmp_path))
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "pipeline.py nightly --json" in (tmp_path / "data" / "logs" / "last-nightly.json").read_text()
    assert (tmp_path / "data" / "logs" / "cron.err").read_text() == "on stderr\n"
