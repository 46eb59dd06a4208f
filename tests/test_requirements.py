"""The runtime lock holds no development tool, and both locks agree with pyproject.toml."""

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def read_lock(name):
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            package, version = line.split("==")
            pins[canonicalize_name(package)] = version
    return pins


def closure(requirements):
    """Every distribution the requirements pull in, read from the installed metadata."""
    found = set()
    seen = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        found.add(name)
        for text in metadata.requires(name) or []:
            dependency = Requirement(text)
            if dependency.marker is None:
                todo.append(dependency)
                continue
            for extra in ["", *requirement.extras]:
                if dependency.marker.evaluate({"extra": extra}):
                    dependency.marker = None
                    todo.append(dependency)
                    break
    # pip comes with every virtualenv and is upgraded before the lock is installed; `make lock`
    # leaves it out (pip-audit's pip-api needs it).
    return found - {"pip"}


RUNTIME = read_lock("requirements.lock")
DEV = read_lock("requirements-dev.lock")


def test_the_installed_environment_is_the_dev_lock():
    # The closures below are read from this environment, so it must be the locked one.
    installed = {
        canonicalize_name(name): metadata.version(name)
        for name in DEV
        if metadata.version(name) is not None
    }
    assert installed == DEV


def test_the_runtime_lock_is_exactly_what_the_dependencies_need():
    assert set(RUNTIME) == closure(PROJECT["dependencies"])
    assert len(RUNTIME) == 86


def test_the_dev_lock_adds_the_dev_extras_and_nothing_else():
    assert set(DEV) == closure(PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"])


def test_the_runtime_lock_has_no_dev_package():
    dev_only = closure(PROJECT["optional-dependencies"]["dev"]) - closure(PROJECT["dependencies"])
    assert {
        "pytest",
        "playwright",
        "schemathesis",
        "hypothesis",
        "ruff",
        "pip-audit",
        "faker",
        "factory-boy",
        "uv",
        "docker",
    } <= dev_only
    assert sorted(dev_only & set(RUNTIME)) == []
    assert len(DEV) - len(RUNTIME) == len(dev_only) == 47


def test_both_locks_pin_the_same_version_of_every_shared_package():
    assert {name: DEV.get(name) for name in RUNTIME} == RUNTIME
