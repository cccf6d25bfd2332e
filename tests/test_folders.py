"""Folders: which files a walk takes, where their clean texts go, and a bad file among good ones."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import termios
from contextlib import suppress
from pathlib import Path

import pytest

from test_cli import FakeTerminal, one_line_error, run
from test_io import as_nobody
from transclean.folders import targets

DAMAGED = "Hello , world .\n"
CLEAN = "Hello, world.\n"
ROOT = os.geteuid() == 0


def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Files (and their folders) under root; bytes are written as they are."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def found(folder: Path, **patterns) -> list[str]:
    return [t.relative for t in targets([str(folder)], **patterns)]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


# --- what a walk takes --------------------------------------------------------------------

def test_walk_takes_text_files_in_name_order_and_skips_hidden_and_binary(tmp_path):
    tree(tmp_path, {"b.txt": DAMAGED, "a/z.md": DAMAGED, "a/notes.markdown": "x\n", "c.text": "x\n",
                    "image.png": b"\x89PNG\r\n\x1a\n\x00\x00", "fake.txt": bytes(range(32)) * 8,
                    ".hidden.txt": DAMAGED, ".drafts/d.txt": DAMAGED, "code.py": "x = 1\n"})
    assert found(tmp_path) == ["a/notes.markdown", "a/z.md", "b.txt", "c.text"]


def test_include_and_exclude_are_repeatable_gitignore_patterns(tmp_path):
    tree(tmp_path, {"a.txt": "x\n", "b.srt": "1\n00:00:01,000 --> 00:00:02,000\nx\n", "drafts/c.txt": "x\n",
                    "keep/d.txt": "x\n"})
    assert found(tmp_path, include=["*.srt"]) == ["b.srt"]
    assert found(tmp_path, exclude=["drafts/"]) == ["a.txt", "keep/d.txt"]
    rc, _, err = run("fix", "--check", "--include", "*.txt,*.srt", "--exclude", "drafts", "--exclude", "/a.txt",
                     tmp_path)
    assert rc == 0 and "2 files: 0 would change, 2 unchanged" in err  # b.srt and keep/d.txt


def test_a_symlinked_folder_is_not_entered_and_a_symlinked_file_only_into_the_folder(tmp_path):
    tree(tmp_path, {"real/a.txt": DAMAGED, "real/sub/c.txt": DAMAGED, "outside/b.txt": DAMAGED})
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")  # would recurse for ever
    (tmp_path / "real" / "elsewhere").symlink_to(tmp_path / "outside")
    (tmp_path / "real" / "out.txt").symlink_to(tmp_path / "outside" / "b.txt")  # --in-place would change it
    (tmp_path / "real" / "link.txt").symlink_to("sub/c.txt")
    assert found(tmp_path / "real") == ["a.txt", "link.txt", "sub/c.txt"]


def test_a_file_named_is_taken_whatever_its_name(tmp_path):
    tree(tmp_path, {"notes.log": DAMAGED, "dir/a.txt": DAMAGED})
    assert [t.name for t in targets([str(tmp_path / "notes.log"), str(tmp_path / "dir")])] == [
        str(tmp_path / "notes.log"), str(tmp_path / "dir" / "a.txt")]


def git_tree(root: Path, files: dict[str, str]) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return tree(root, files)


def test_gitignore_files_of_a_work_tree_nested_ones_winning(tmp_path):
    git_tree(tmp_path, {
        ".gitignore": "build/\n*.bak.txt\nsecret.txt\n",
        "a.txt": "x\n", "secret.txt": "x\n", "old.bak.txt": "x\n", "build/out.txt": "x\n",
        "docs/.gitignore": "!keep.bak.txt\nlocal/\n", "docs/keep.bak.txt": "x\n", "docs/drop.bak.txt": "x\n",
        "docs/local/x.txt": "x\n", "docs/guide.txt": "x\n",
        "vendor/lib/.gitignore": "*\n", "vendor/lib/y.txt": "x\n", "vendor/z.txt": "x\n",
    })
    expected = ["a.txt", "docs/guide.txt", "docs/keep.bak.txt", "vendor/z.txt"]
    assert found(tmp_path) == expected
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "*.txt"], cwd=tmp_path,
                            capture_output=True, text=True, check=True).stdout.split()
    assert sorted(listed) == expected  # what git itself says
    # a folder inside the work tree: the .gitignore files above it apply too
    assert found(tmp_path / "docs") == ["guide.txt", "keep.bak.txt"]


def test_a_gitignore_that_cannot_be_read_fails_its_folder(tmp_path):
    git_tree(tmp_path, {"a.txt": DAMAGED, "sub/.gitignore/x": "", "sub/b.txt": DAMAGED, "z.txt": DAMAGED})
    rc, _, err = run("fix", "-q", "--keep-going", "--in-place", tmp_path)
    assert rc == 2 and f"{tmp_path}/sub/.gitignore: cannot read (Is a directory)" in err
    assert [(tmp_path / n).read_text() for n in ("a.txt", "sub/b.txt", "z.txt")] == [CLEAN, DAMAGED, CLEAN]


def test_gitignore_outside_a_work_tree_is_not_read(tmp_path):
    tree(tmp_path, {".gitignore": "*.txt\n", "a.txt": "x\n"})
    assert found(tmp_path) == ["a.txt"]


# --- where the output goes ----------------------------------------------------------------

def test_a_folder_needs_somewhere_to_put_the_clean_texts(tmp_path):
    tree(tmp_path, {"a.txt": DAMAGED})
    for args in ([], ["--word-diff"]):
        rc, out, err = run("fix", *args, tmp_path)
        assert one_line_error(rc, err) and out == ""
        assert all(option in err for option in ("--in-place", "-o OUTDIR", "--diff", "--check"))


def test_in_place_rewrites_the_folder(tmp_path):
    tree(tmp_path, {"a.txt": DAMAGED, "sub/b.md": DAMAGED, "sub/clean.txt": CLEAN, "c.py": DAMAGED})
    rc, out, err = run("fix", "--in-place", tmp_path)
    assert (rc, out) == (0, "")
    assert [(tmp_path / n).read_text() for n in ("a.txt", "sub/b.md", "sub/clean.txt", "c.py")] == [
        CLEAN, CLEAN, CLEAN, DAMAGED]
    assert f"{tmp_path}/a.txt: 2 changes applied" in err
    assert err.splitlines()[-1] == "transclean: 3 files: 2 changed, 1 unchanged"


def test_output_folder_mirrors_the_tree(tmp_path):
    source = tree(tmp_path / "in", {"a.txt": DAMAGED, "sub/deep/b.txt": CLEAN})
    rc, out, _ = run("fix", "-q", "-o", tmp_path / "out", source)
    assert (rc, out) == (0, "")
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")) == [
        "a.txt", "sub", "sub/deep", "sub/deep/b.txt"]
    assert (tmp_path / "out/a.txt").read_text() == CLEAN and (source / "a.txt").read_text() == DAMAGED
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("out", ["in", "in/clean", "file.txt"])
def test_output_folder_inside_the_input_or_a_file_is_refused(tmp_path, out):
    tree(tmp_path, {"in/a.txt": DAMAGED, "file.txt": "x\n"})
    rc, _, err = run("fix", "-o", tmp_path / out, tmp_path / "in")
    assert one_line_error(rc, err) and "-o" in err


def test_check_and_diff_of_a_folder(tmp_path):
    tree(tmp_path, {"a.txt": DAMAGED, "b.txt": CLEAN})
    rc, out, err = run("fix", "--check", tmp_path)
    assert (rc, out) == (1, "") and f"would change {tmp_path}/a.txt" in err
    assert "2 files: 1 would change, 1 unchanged" in err
    rc, out, _ = run("fix", "--diff", tmp_path)
    assert rc == 0 and out.startswith(f"--- a/{tmp_path}/a.txt") and "b.txt" not in out


def test_json_of_a_folder_is_a_list_even_of_one_file(tmp_path):
    tree(tmp_path, {"a.txt": DAMAGED})
    rc, out, err = run("fix", "--format", "json", tmp_path)
    assert rc == 0 and [d["file"] for d in json.loads(out)] == [str(tmp_path / "a.txt")]
    assert err.splitlines()[-1] == "transclean: 1 file: 1 would change, 0 unchanged"


def test_a_folder_without_text_files_says_so(tmp_path):
    tree(tmp_path, {"a.txt": DAMAGED})
    rc, out, err = run("fix", "--check", "--include", "*.md", tmp_path)
    assert (rc, out) == (0, "")
    assert "no files to fix: none in the folders matches *.md (see --include)" in err
    assert run("fix", "--format", "json", "--include", "*.md", tmp_path)[1] == "[]\n"


def test_jobs_give_the_same_results_on_a_folder(tmp_path):
    files = {f"d{i % 3}/f{i}.txt": DAMAGED if i % 2 else CLEAN for i in range(12)}
    tree(tmp_path / "one", files)
    tree(tmp_path / "many", files)
    assert run("fix", "--diff", tmp_path / "one")[1] == run("fix", "--diff", "-j", "2", tmp_path / "one")[1]
    assert run("fix", "-q", "--in-place", "-j", "2", tmp_path / "many")[0] == 0
    assert all(p.read_text() == CLEAN for p in (tmp_path / "many").rglob("*.txt"))


# --- a bad file among good ones -----------------------------------------------------------

BAD = {
    "truncated": ("naïve café".encode()[:-1], "middle of a UTF-8 character"),
    "nul": (b"Hello , world \x00.\n", "NUL byte"),
    "symlink loop": (None, "symlink loop"),
    "unreadable": (DAMAGED.encode(), "permission denied"),
}


@pytest.fixture
def folder(tmp_path):
    """A folder for a tree: when we are root, one that user nobody can reach (see as_user)."""
    if not ROOT:
        yield tmp_path
        return
    with tempfile.TemporaryDirectory() as name:
        os.chmod(name, 0o755)
        yield Path(name)


def as_user(folder: Path, *args) -> tuple[int, str, str]:
    """The command line run by a user whom file modes bind: this one, or nobody when we are root
    (given every file in the folder but those of mode 0)."""
    if not ROOT:
        return run(*args)
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode):
            os.chown(path, 65534, 65534)
    with tempfile.TemporaryDirectory() as cache:
        os.chmod(cache, 0o777)
        (Path(cache) / "cache").mkdir(mode=0o777)
        proc = as_nobody(*args, directory=Path(cache))
    return proc.returncode, "", proc.stderr.decode()


def others_can_import_the_standard_library() -> bool:
    """Whether every folder above the standard library lets others in (a worker process started
    as nobody imports modules the parent had not)."""
    folder = Path(os.__file__).resolve().parent
    return all(stat.S_IMODE(p.stat().st_mode) & 0o005 == 0o005 for p in [folder, *folder.parents])


def bad_tree(root: Path, kind: str, jobs: str) -> Path:
    content, _ = BAD[kind]
    if kind == "unreadable" and ROOT and jobs != "1" and not others_can_import_the_standard_library():
        pytest.skip(f"user nobody cannot read the standard library in {Path(os.__file__).parent}, "
                    "which worker processes import from")
    tree(root, {"a.txt": DAMAGED, "z.txt": DAMAGED})
    bad = root / "m.txt"
    if content is None:
        bad.symlink_to(root / "m.txt")
    else:
        bad.write_bytes(content)
    if kind == "unreadable":
        bad.chmod(0)
    return bad


def fix_bad_tree(folder: Path, kind: str, *options: str) -> tuple[int, str, str]:
    args = ("fix", *options, folder)
    return as_user(folder, *args) if kind == "unreadable" else run(*args)


@pytest.mark.parametrize("kind", sorted(BAD))
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_file_stops_the_run_with_one_line(folder, kind, jobs):
    bad = bad_tree(folder, kind, jobs)
    rc, _, err = fix_bad_tree(folder, kind, "-q", "--in-place", "-j", jobs)
    assert one_line_error(rc, err) and str(bad) in err and BAD[kind][1] in err
    assert (folder / "a.txt").read_text() == CLEAN  # files before it were done
    assert (folder / "z.txt").read_text() == DAMAGED  # and none after it
    assert leftovers(folder) == []


@pytest.mark.parametrize("kind", sorted(BAD))
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_keep_going_finishes_the_folder_and_names_the_bad_file(folder, kind, jobs):
    bad = bad_tree(folder, kind, jobs)
    before = bad.read_bytes() if kind in ("truncated", "nul") else None
    rc, _, err = fix_bad_tree(folder, kind, "--keep-going", "--in-place", "-j", jobs)
    assert rc == 2 and "Traceback" not in err
    assert [(folder / n).read_text() for n in ("a.txt", "z.txt")] == [CLEAN, CLEAN]
    assert f"transclean: {bad}: " in err and BAD[kind][1] in err
    assert err.splitlines()[-1] == f"transclean: 3 files: 2 changed, 0 unchanged, 1 failed: {bad}"
    if before is not None:
        assert bad.read_bytes() == before  # never a partial file
    assert leftovers(folder) == []


def test_keep_going_with_a_file_that_cannot_be_written(tmp_path):
    tree(tmp_path, {"a.txt": DAMAGED, "b.txt": DAMAGED, "c.txt": DAMAGED})
    (tmp_path / "b.txt").chmod(stat.S_IRUSR)
    rc, _, err = run("fix", "-q", "--keep-going", "--in-place", tmp_path)
    assert rc == 2 and f"{tmp_path}/b.txt: file is read-only; not changed" in err
    assert [(tmp_path / n).read_text() for n in ("a.txt", "b.txt", "c.txt")] == [CLEAN, DAMAGED, CLEAN]
    assert err.splitlines()[-1].endswith(f"1 failed: {tmp_path}/b.txt")


def test_keep_going_past_a_folder_that_cannot_be_listed(folder):
    tree(folder, {"a.txt": DAMAGED, "locked/b.txt": DAMAGED})
    (folder / "locked").chmod(0)
    try:
        rc, _, err = as_user(folder, "fix", "-q", "--keep-going", "--check", folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert rc == 2 and f"{folder}/locked: cannot list the folder (Permission denied)" in err
    assert err.splitlines()[-1].endswith(f"1 failed: {folder}/locked")


# --- progress -----------------------------------------------------------------------------

def test_progress_bar_counts_files_and_bytes_on_a_terminal(tmp_path, monkeypatch, capsys):
    from transclean.cli import main

    tree(tmp_path, {f"f{i}.txt": DAMAGED for i in range(3)})
    terminal = FakeTerminal(tty=True)
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["fix", "--check", str(tmp_path)]) == 1
    bars = [s for s in "".join(terminal.written).split("\r") if s.startswith("transclean ")]
    assert any("3/3 files 100%" in s and "48.0B/48.0B" in s and "B/s" in s and "left" in s for s in bars)
    assert "transclean 3 files: 3 would change, 0 unchanged" not in bars  # the summary is a line of its own
    assert "".join(terminal.written).endswith("transclean: 3 files: 3 would change, 0 unchanged\n")


def test_no_progress_bar_when_piped_or_quiet(tmp_path, monkeypatch):
    from transclean.cli import main

    tree(tmp_path, {f"f{i}.txt": DAMAGED for i in range(3)})
    rc, _, err = run("fix", "--check", tmp_path)
    assert rc == 1 and "\r" not in err and "files 100%" not in err
    terminal = FakeTerminal(tty=True)
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["fix", "-q", "--check", str(tmp_path)]) == 1
    assert terminal.written == []


def test_progress_bar_on_a_real_pseudo_terminal(tmp_path):
    tree(tmp_path, {f"f{i}.txt": DAMAGED for i in range(3)})
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "transclean.cli", "fix", "--check", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    screen = b""
    with suppress(OSError):  # EIO once the command has closed the terminal
        while chunk := os.read(leader, 65536):
            screen += chunk
    os.close(leader)
    assert proc.wait(timeout=120) == 1
    assert "transclean 3/3 files 100%" in screen.decode()
