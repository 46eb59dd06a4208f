"""Run every benchmark script in ``bench/`` and print their figures, then one summary table.

Each script prints its own figures (medians with min–max, never assertions); this runner
starts them one after the other, shows their output as it comes, and ends with a table of
every figure line, prefixed by its script. ``make bench`` calls it. Usage::

    .venv/bin/python bench/run.py [--only pages network] [--timeout 1800] [-- extra args]
"""

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
#: Modules of the benchmark package that are not benchmarks themselves.
NOT_SCRIPTS = {"run", "settings", "urls", "wsgi", "__init__"}
#: A line carries a figure when it has a number with a unit or a ratio.
FIGURE = re.compile(r"\d[\d.,]*\s*(ms|s\b|/s|%|MB|KB|Abfragen)|\d+\s*\(\d|1/\d+")


def scripts(only=None):
    found = sorted(p for p in BENCH.glob("*.py") if p.stem not in NOT_SCRIPTS)
    return [p for p in found if not only or p.stem in only]


def run(script, timeout):
    """Run one script, echo its output, return (status, seconds, figure lines)."""
    print(f"\n=== {script.name} ===", flush=True)
    start = time.monotonic()
    lines = []
    process = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = start + timeout
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line.rstrip())
            if time.monotonic() > deadline:
                process.kill()
                break
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    seconds = time.monotonic() - start
    status = "ok" if process.returncode == 0 else f"Fehler ({process.returncode})"
    figures = [line for line in lines if FIGURE.search(line) and "Warning" not in line]
    return status, seconds, figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="nur diese Skripte (ohne .py)")
    parser.add_argument("--timeout", type=float, default=1800, help="Sekunden je Skript")
    args = parser.parse_args()
    results = [(script, *run(script, args.timeout)) for script in scripts(args.only)]

    print("\n=== Zusammenfassung ===")
    print(f"{'Skript':<16} {'Status':<12} {'Dauer':>8}  Kennzahl")
    for script, status, seconds, figures in results:
        print(f"{script.stem:<16} {status:<12} {seconds:>7.0f}s  {figures[0] if figures else '–'}")
        for figure in figures[1:]:
            print(f"{'':<16} {'':<12} {'':>8}  {figure}")
    return 0 if all(status == "ok" for _, status, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
