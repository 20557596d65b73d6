"""The benchmark scripts still start: a rename in the package must not leave them broken until someone measures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

SCRIPTS = sorted((REPO / "benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_a_benchmark_script_starts(script: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, str(script), "--help"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


SMALL_RUNS = {
    "bench_app.py": ["--contacts", "60"],
    "bench_cli.py": ["--contacts", "60", "--runs", "1", "--cold-runs", "1", "--events", "5"],
    "bench_cold_read.py": ["--contacts", "60", "--runs", "1", "--profile"],
    "bench_coaching.py": ["--words", "20", "--calls", "3"],
    "bench_evidence.py": ["--contacts", "60", "--runs", "1"],
    "bench_export.py": ["--contacts", "60", "--runs", "1", "--kinds", "vcard,csv,json", "--modes", "warm,cold"],
    "bench_import.py": ["--rows", "60", "--runs", "1"],
    "bench_who.py": ["--contacts", "60", "--repeat", "1"],
}


def test_every_benchmark_script_has_a_small_run() -> None:
    assert sorted(SMALL_RUNS) == [script.name for script in SCRIPTS]


@pytest.mark.parametrize("name", sorted(SMALL_RUNS))
def test_a_benchmark_runs_end_to_end_on_a_small_folder(name: str, tmp_path: Path) -> None:
    """`--help` is not enough: the generators build the model's own formats (a view's compact copy, the
    index rows), and a change there must not leave a benchmark failing only when someone measures."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / name), *SMALL_RUNS[name]],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
