"""The Docker build context (what `COPY . .` puts into the image) holds no secret and no local state."""

import os
import subprocess
from pathlib import Path

import pytest
from docker.utils.build import PatternMatcher

ROOT = Path(__file__).resolve().parents[2]

# What a developer's or a server's checkout holds besides the tracked files.
LOCAL_STATE = [
    ".env",
    ".env.production",
    ".venv/bin/python",
    ".venv/lib/python3.11/site-packages/django/__init__.py",
    "var/db.sqlite3",
    "var/media/original_images/photo.jpg",
    "var/numba-cache/kernels.nbi",
    ".git/config",
    ".git/objects/pack/pack-1.pack",
    "frontend/node_modules/sigma/package.json",
    "artifacts/screenshots/home.png",
    "network/analysis/__pycache__/kernels.brandes-12.py311.nbc",
    "cms/__pycache__/models.cpython-311.pyc",
    ".pytest_cache/v/cache/nodeids",
    ".ruff_cache/0.17.6/123",
    "db.sqlite3",
]
MUST_NOT_SHIP = (".env", ".venv", "var", ".git")


class DockerPatternMatcher(PatternMatcher):
    """docker-py's port of moby's pattern matcher, deciding as BuildKit does.

    docker-py keeps moby's legacy `Matches`, which tries a pattern only on the parent directory
    with as many components as the pattern has; BuildKit uses `MatchesOrParentMatches`, which
    tries every parent directory (it matters for `**` patterns). The last matching rule wins.
    """

    def matches(self, filepath):
        matched = False
        parents = [part for part in os.path.dirname(filepath).split("/") if part]
        for pattern in self.patterns:
            if pattern.exclusion != matched:
                continue
            match = pattern.match(filepath) or any(
                pattern.match("/".join(parents[: i + 1])) for i in range(len(parents))
            )
            if match:
                matched = not pattern.exclusion
        return matched


def read_dockerignore(text):
    """The patterns of a .dockerignore as moby's `ignorefile.ReadAll` reads them."""
    patterns = []
    for number, line in enumerate(text.splitlines()):
        if number == 0:
            line = line.removeprefix("\ufeff")
        if line.startswith("#"):
            continue
        line = line.strip()
        if not line:
            continue
        invert = line.startswith("!")
        if invert:
            line = line[1:].strip()
        if line:
            line = os.path.normpath(line)
            if len(line) > 1 and line.startswith("/"):
                line = line[1:]
        patterns.append("!" + line if invert else line)
    return patterns


def context_files(root, patterns):
    """The files and directories Docker sends as build context, relative to root."""
    matcher = DockerPatternMatcher(patterns)
    return {
        path
        for path in matcher.walk(str(root))
        if os.path.islink(os.path.join(root, path)) or not os.path.isdir(os.path.join(root, path))
    }


def checkout_with_local_state(tmp_path):
    """A copy of the tracked tree (empty files) plus the untracked files of a working checkout."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for name in [*tracked, *LOCAL_STATE]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    (tmp_path / ".dockerignore").write_text((ROOT / ".dockerignore").read_text())
    return tracked


def project_patterns():
    return read_dockerignore((ROOT / ".dockerignore").read_text())


def test_the_image_gets_no_secret_database_virtualenv_or_git_history(tmp_path):
    tracked = checkout_with_local_state(tmp_path)
    shipped = context_files(tmp_path, project_patterns())
    leaked = sorted(p for p in shipped if p.split("/")[0] in MUST_NOT_SHIP)
    assert leaked == []
    assert shipped.isdisjoint(LOCAL_STATE)
    # Everything the app runs from is still there.
    runtime = [p for p in tracked if p.split("/")[0] in {"cms", "network", "surveys", "locale"}]
    runtime += [p for p in tracked if p.split("/")[0] in {"templates", "static"}]
    assert len(runtime) > 200
    assert set(runtime) <= shipped
    assert {"manage.py", "pyproject.toml", "requirements.lock", "Dockerfile"} <= shipped


def test_the_build_context_of_this_checkout_has_no_local_state():
    shipped = context_files(ROOT, project_patterns())
    assert shipped
    assert sorted(p for p in shipped if p.split("/")[0] in MUST_NOT_SHIP) == []
    assert sorted(p for p in shipped if "node_modules/" in p or p.endswith(".sqlite3")) == []


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        # Patterns are anchored at the context root (unlike .gitignore): `b` leaves a/b alone.
        (["b"], {"a/b", "a/c", "c"}),
        # `**` matches any number of directories, none included.
        (["**/b"], {"a/c", "c"}),
        # A directory pattern excludes everything below it.
        (["a"], {"b", "c"}),
        # `!` re-includes what an earlier rule excluded; the last matching rule wins.
        (["a", "!a/c"], {"a/c", "b", "c"}),
        (["!a/c", "a"], {"b", "c"}),
        # `*` stops at a slash; leading and trailing slashes do not count.
        (["*/c"], {"a/b", "b", "c"}),
        (["/a/"], {"b", "c"}),
        # Every parent directory is tried, so `**/x` excludes deep trees too.
        (["**/a/b"], {"a/c", "b", "c"}),
    ],
)
def test_patterns_follow_docker_semantics(tmp_path, patterns, expected):
    for name in ["a/b", "a/c", "b", "c"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    assert context_files(tmp_path, patterns) == expected


def test_a_pattern_under_a_double_star_excludes_at_any_depth(tmp_path):
    for name in ["x/y/node_modules/m/index.js", "x/keep.js", "node_modules/n.js"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    assert context_files(tmp_path, ["**/node_modules"]) == {"x/keep.js"}
    # docker-py's legacy matcher alone would keep this file; BuildKit does not.
    assert DockerPatternMatcher(["**/node_modules"]).matches("x/y/node_modules/m/index.js")
    assert not PatternMatcher(["**/node_modules"]).matches("x/y/node_modules/m/index.js")


def test_dockerignore_is_read_like_moby_reads_it():
    text = "\ufeff# comment\n  .env  \n\n! keep/this \n/var/\n #not a comment\na/../b\n"
    assert read_dockerignore(text) == [".env", "!keep/this", "var", "#not a comment", "b"]
