"""Audit the locked dependencies with pip-audit and say plainly what could and could not be checked.

Exit 1 when a known vulnerability is found. When the vulnerability database cannot be reached
(no network, or an index that does not serve it), the packages are reported as unchecked and
the step exits 0: an unreachable database is not a finding, and it is never reported as clean.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"


def main():
    command = [
        str(PIP_AUDIT),
        "-r",
        str(ROOT / "requirements.lock"),
        "--no-deps",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        print("pip-audit: keine Antwort der Schwachstellendatenbank in 300 s – NICHT geprüft.")
        return 0
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = (result.stderr.strip().splitlines() or ["(keine Ausgabe)"])[-1]
        print(f"pip-audit: Schwachstellendatenbank nicht erreichbar – NICHT geprüft ({tail}).")
        return 0
    dependencies = report["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "keine"
            print(f"VERWUNDBAR {dep['name']} {dep['version']}: {vuln['id']} (behoben in: {fixes})")
    print(
        f"pip-audit: {len(dependencies)} Pakete, {audited} geprüft, "
        f"{len(vulnerable)} mit bekannter Schwachstelle, {len(skipped)} nicht prüfbar."
    )
    if skipped and audited == 0:
        print(
            "pip-audit: Schwachstellendatenbank nicht erreichbar – kein Paket geprüft, "
            "Ergebnis UNBEKANNT (nicht „sauber“)."
        )
    elif skipped:
        print("pip-audit: nicht geprüft: " + ", ".join(sorted(d["name"] for d in skipped)))
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
