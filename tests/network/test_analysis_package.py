"""The analysis package loads lazily and keeps its function names when a submodule is imported."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from network import analysis
assert "networkx" not in sys.modules, "importing the package loaded networkx"
first = analysis.suggestions
import network.analysis.report  # imports the submodules suggestions and evolution
import network.analysis.evolution
print(first is analysis.suggestions, callable(analysis.suggestions), callable(analysis.evolution))
print(type(sys.modules["network.analysis.suggestions"]).__name__)
"""


def test_functions_named_like_their_module_survive_the_module_import():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True", "True", "module"]
