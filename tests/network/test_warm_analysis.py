"""`manage.py warm_analysis` compiles the analysis kernels into numba's cache directory."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_warm_analysis_fills_the_numba_cache_directory(tmp_path):
    cache = tmp_path / "numba-cache"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "NUMBA_CACHE_DIR": str(cache),
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "warm_analysis"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.fullmatch(
        r"Analyse-Kernels bereit: 34 Knoten, 4 Gemeinschaften, \d+\.\d s\.\n", out
    ), out
    # Every compiled kernel of network/analysis/kernels.py has its machine code on disk.
    compiled = {path.name.split(".")[1].split("-")[0] for path in cache.rglob("*.nbc")}
    assert compiled == {
        "bfs_distances",
        "brandes",
        "component_labels",
        "core_numbers",
        "farthest",
        "louvain_level",
        "open_triads",
        "structural_holes",
    }
