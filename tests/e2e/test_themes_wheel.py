"""The bundled themes are found when netcoach is installed from a wheel, not only in an editable install.

Slow-ish (builds and installs a real wheel, a few seconds), so it is one test doing it all.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.helpers import BUNDLED_THEMES, REPO

PROBE = """
import json, netcoach
from netcoach.themes import bundled_themes_dir, load_themes
themes, problems = load_themes()
print(json.dumps({
    "package": netcoach.__file__,
    "bundled": str(bundled_themes_dir()),
    "themes": {name: str(t.path) for name, t in themes.items()},
    "problems": [str(p) for p in problems],
}))
"""


def pip(*args: str, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], cwd=cwd, check=True, capture_output=True, timeout=300)


def test_an_installed_wheel_finds_its_bundled_themes(tmp_path: Path) -> None:
    # Build from a clean copy of what goes into the wheel, so the work tree is left as it is.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "netcoach", source / "netcoach", ignore=ignore)
    wheels = tmp_path / "wheels"
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    pip("wheel", str(source), "-w", str(wheels), "--no-deps", *isolation, "-q", cwd=tmp_path)
    (wheel,) = wheels.glob("netcoach-*.whl")
    target = tmp_path / "installed"
    pip("install", "--no-deps", "--no-index", "--target", str(target), str(wheel), "-q", cwd=tmp_path)
    shutil.rmtree(source)  # nothing may be read from a source tree

    # -S: no site-packages .pth files, so the editable install of the repository stays out of sight;
    # the dependencies come from this environment's site-packages, after the installed wheel.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]]))
    probe = subprocess.run(
        [sys.executable, "-S", "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    installed = target / "netcoach"
    assert Path(found["package"]) == installed / "__init__.py"
    assert Path(found["bundled"]) == installed / "data" / "themes"
    assert set(found["themes"]) == BUNDLED_THEMES
    assert all(Path(path).parent == installed / "data" / "themes" for path in found["themes"].values())
    assert found["problems"] == []

    # Not the command-line tests' ``netcoach`` fixture: run from the work tree, it would import the work tree's code.
    listing = subprocess.run(
        [sys.executable, "-S", "-m", "netcoach.cli", "themes"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    assert all(f"  {name} " in listing.stdout or f"* {name} " in listing.stdout for name in BUNDLED_THEMES)
