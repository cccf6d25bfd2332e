"""The README's recipes, run as they are written: they must not drift from the code."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def recipe(heading: str) -> str:
    """The python code blocks of the README section under `### heading`, joined."""
    section = README.split(f"\n### {heading}\n", 1)[1].split("\n#", 1)[0]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.M | re.S)
    assert blocks, f"no python block under '### {heading}'"
    return "\n".join(blocks)


def run_recipe(heading: str) -> dict:
    namespace = {"__name__": "__main__"}
    exec(compile(recipe(heading), f"README.md: {heading}", "exec"), namespace)
    return namespace


def test_pandas_recipe():
    pytest.importorskip("pandas", reason="pandas is not installed: pip install 'transclean[pandas]'")
    articles = run_recipe("pandas")["articles"]
    assert articles["clean"].tolist() == [
        "The budget rose by 5.2% in 2023.", "Mr. Macron said: “we will act”.", "Already clean."]


def test_datasets_recipe(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # an in-memory dataset needs no hub; never wait on one
    pytest.importorskip("datasets", reason="datasets is not installed: pip install 'transclean[datasets]'")
    dataset = run_recipe("Hugging Face datasets")["dataset"]
    assert dataset["clean"] == ["It was signed on January 1, 2024.", "Mr. Macron said: “we will act”."]


def test_dask_recipe():
    for module in ("dask.bag", "dask.dataframe", "distributed"):
        pytest.importorskip(module, reason=f"{module} is not installed: pip install 'transclean[dask]'")
    namespace = run_recipe("Dask")
    assert namespace["clean_texts"] == ["the company SpaceX, by Elon Musk", "red, green"]
    assert namespace["clean_frame"]["clean"].iloc[0] == "The budget rose by 5.2% in 2023."
    assert namespace["clean_frame"]["clean"].isna().iloc[1]


def test_no_file_of_the_project_holds_a_merge_conflict_marker():
    """A conflict resolved in the code but not in the prose around it once reached the README."""
    marker = re.compile(r"^(?:<{7} |>{7} |={7}$)", re.MULTILINE)
    files = [ROOT / "README.md", *ROOT.glob("rules/**/*.md"), *ROOT.glob("docs/*.md"), *ROOT.glob("src/transclean/**/*.py"),
             *ROOT.glob("rules/**/*.toml"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("bench/*.py"), ROOT / "pyproject.toml"]
    assert files and not [str(f) for f in files if marker.search(f.read_text(encoding="utf-8"))]


def section(heading: str) -> str:
    return README.split(f"\n### {heading}\n", 1)[1].split("\n#", 1)[0]


def test_statistics_example_is_what_the_command_prints():
    example = re.search(r"^    \$ (transclean .*)\n((?:    .*\n)+)", section("Statistics"), flags=re.M)
    command = shlex.split(example[1])
    proc = subprocess.run([sys.executable, "-m", "transclean.cli", *command[1:]], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == textwrap.dedent(example[2])


def test_pre_commit_recipes_name_the_hooks_of_the_manifest():
    yaml = pytest.importorskip("yaml", reason="pyyaml is not installed: pip install 'transclean[test]'")
    manifest = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    text = section("pre-commit")
    config = yaml.safe_load(re.search(r"^```yaml\n(.*?)^```$", text, flags=re.M | re.S)[1])
    assert {hook["id"] for repo in config["repos"] for hook in repo["hooks"]} <= set(manifest)
    local = yaml.safe_load(re.search(r"`(hooks: \[.*?\])`", text, flags=re.S)[1].replace("\n", " "))["hooks"][0]
    hook = manifest[local["id"]]
    assert (local["entry"], local["types"], local["files"]) == (hook["entry"], hook["types"], hook["files"])
