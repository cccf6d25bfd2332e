"""The pre-commit hooks (.pre-commit-hooks.yaml): each hook's command on the files it takes."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import transclean
from conftest import ROOT

yaml = pytest.importorskip("yaml", reason="pyyaml is not installed: pip install 'transclean[test]'")

DAMAGED = "the company Space X , by Elon Musk.\n"
CLEAN = "# Notes\n\nAlready clean.\n"
FILES = {"article.txt": DAMAGED, "docs/notes.md": CLEAN, "docs/brief.markdown": DAMAGED,
         "script.py": f"# {DAMAGED}"}  # code is not a text these hooks take
SCRIPTS = Path(sys.executable).parent  # where the console script `transclean` was installed


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def repository(tmp_path: Path) -> Path:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "."], check=True)
    return tmp_path


def taken(hook: dict, names) -> list[str]:
    return sorted(name for name in names if re.search(hook["files"], name))


def test_the_manifest_names_both_hooks_for_text_and_markdown():
    found = hooks()
    assert set(found) == {"transclean-check", "transclean-fix"}
    for hook in found.values():
        assert hook["language"] == "python" and hook["types"] == ["text"]
        assert shlex.split(hook["entry"])[:2] == ["transclean", "fix"]
        assert taken(hook, FILES) == ["article.txt", "docs/brief.markdown", "docs/notes.md"]


@pytest.mark.parametrize("hook_id, rc, fixed", [("transclean-check", 1, False), ("transclean-fix", 0, True)])
def test_each_hook_command_on_the_files_of_a_commit(tmp_path, hook_id, rc, fixed):
    repo = repository(tmp_path)
    hook = hooks()[hook_id]
    command = shlex.split(hook["entry"]) + hook.get("args", [])
    proc = subprocess.run([str(SCRIPTS / command[0]), *command[1:], *taken(hook, FILES)], cwd=repo,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == rc, proc.stderr
    repaired = transclean.fix(DAMAGED).text
    assert repaired != DAMAGED
    for name, text in FILES.items():
        expected = repaired if fixed and text == DAMAGED and name != "script.py" else text
        assert (repo / name).read_text(encoding="utf-8") == expected


def test_pre_commit_runs_the_hooks(tmp_path):
    """pre-commit itself, with the hooks of the manifest run from this environment (no download)."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed: pip install 'transclean[test]'")
    repo = repository(tmp_path / "repo")
    local = [{**hook, "language": "system"} for hook in hooks().values()]
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}))
    env = {**os.environ, "PATH": f"{SCRIPTS}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    def pre_commit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args, "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=300)

    check = pre_commit("transclean-check")
    assert check.returncode == 1 and "Failed" in check.stdout, check.stdout + check.stderr
    assert (repo / "article.txt").read_text(encoding="utf-8") == DAMAGED
    fix = pre_commit("transclean-fix")
    assert fix.returncode == 1 and "files were modified by this hook" in fix.stdout, fix.stdout + fix.stderr
    assert (repo / "article.txt").read_text(encoding="utf-8") == transclean.fix(DAMAGED).text
    assert (repo / "script.py").read_text(encoding="utf-8") == FILES["script.py"]
    again = pre_commit("transclean-check")
    assert again.returncode == 0 and "Passed" in again.stdout, again.stdout + again.stderr
