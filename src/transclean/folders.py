"""The files a run works on: the files named, and the text files found in the folders named.

A folder is walked in name order. Found there: files whose path relative to the
folder matches an --include pattern and no --exclude pattern (gitignore-style
patterns, matched with pathspec), that are not hidden (a name starting with '.'),
not binary, and not ignored by git. Symlinked folders are not entered, as ruff
and black do not; a symlinked file is read through its link when its target is
in the folder too (as black does: a run over a folder changes nothing outside it).
A file named on the command line is always taken.

In a git work tree (a folder with a `.git` above or in it) the `.gitignore`
files of the folder and of its parents up to the work tree's top apply; a nested
`.gitignore` wins over those above it, and a nested work tree has its own, as in git.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pathspec import GitIgnoreSpec

from .textio import SNIFF, InputError, looks_binary, open_regular

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown")


@dataclass(frozen=True, slots=True)
class Target:
    """One file to fix: its name for messages and reading, where it sits in its folder, its size."""

    name: str
    relative: str | None = None  # path inside the folder it was found in; None for a file named
    size: int = 0
    error: InputError | None = None  # a folder that could not be listed, or its .gitignore read

    @property
    def found(self) -> bool:
        return self.relative is not None


def targets(names: Sequence[str], include: Iterable[str] = DEFAULT_INCLUDE,
            exclude: Iterable[str] = ()) -> Iterator[Target]:
    """The files named, and the files found in the folders named, in order."""
    include, exclude = GitIgnoreSpec.from_lines(include), GitIgnoreSpec.from_lines(exclude)
    for name in names:
        if is_folder(name):
            real = os.path.realpath(name)
            yield from _walk(name, real, "", _ignores_above(real), _Scope(include, exclude, real))
        else:
            yield Target(name, size=_size(name))


def is_folder(name: str) -> bool:
    """Whether a command-line name is a folder to walk ('-' is standard input)."""
    return name != "-" and os.path.isdir(name)


@dataclass(frozen=True, slots=True)
class _Scope:
    """What a walk takes: the patterns, and the folder (a real path) a symlinked file must point into."""

    include: GitIgnoreSpec
    exclude: GitIgnoreSpec
    root: str

    def takes(self, relative: str, is_dir: bool) -> bool:
        if is_dir:
            return not self.exclude.match_file(relative + "/")
        return self.include.match_file(relative) and not self.exclude.match_file(relative)

    def holds(self, path: str) -> bool:
        return os.path.realpath(path).startswith(self.root + os.sep)


class _Ignores:
    """The .gitignore files in force in one folder of a git work tree (the walk has None outside one)."""

    def __init__(self, specs: tuple[tuple[str, GitIgnoreSpec], ...] = ()) -> None:
        self.specs = specs

    def entered(self, folder: str) -> _Ignores:
        """The rules in a subfolder (a real path): its .gitignore added; a nested work tree starts afresh."""
        specs = () if os.path.lexists(os.path.join(folder, ".git")) else self.specs
        return _Ignores(specs + _gitignore(folder))

    def ignored(self, path: str, is_dir: bool) -> bool:
        for base, spec in reversed(self.specs):  # the deepest .gitignore that has a say decides
            verdict = spec.check_file(os.path.relpath(path, base) + ("/" if is_dir else "")).include
            if verdict is not None:
                return verdict
        return False


def _gitignore(folder: str) -> tuple[tuple[str, GitIgnoreSpec], ...]:
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, "rb") as file:
            lines = file.read().decode("utf-8", "surrogateescape").splitlines()
    except FileNotFoundError:
        return ()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return ((folder, GitIgnoreSpec.from_lines(lines)),)


def _ignores_above(real: str) -> _Ignores | None:
    """The .gitignore rules in force in a folder (a real path), read from the top of its work tree down."""
    chain = [real]
    while not os.path.lexists(os.path.join(chain[-1], ".git")):
        parent = os.path.dirname(chain[-1])
        if parent == chain[-1]:
            return None  # not in a git work tree
        chain.append(parent)
    ignores = _Ignores()
    for directory in reversed(chain):
        ignores = ignores.entered(directory)
    return ignores


def _walk(folder: str, real: str, relative: str, ignores: _Ignores | None,
          scope: _Scope) -> Iterator[Target]:
    """The files to take in `folder` (whose real path is `real`) and below it."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Target(folder, relative, error=InputError(f"{folder}: cannot list the folder ({exc.strerror})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        inner, real_inner = f"{relative}{entry.name}", os.path.join(real, entry.name)
        is_dir = _is_dir(entry)
        if not scope.takes(inner, is_dir) or (ignores and ignores.ignored(real_inner, is_dir)):
            continue
        if is_dir and not entry.is_symlink():
            try:
                inner_ignores = ignores and ignores.entered(real_inner)
            except InputError as exc:  # its .gitignore cannot be read: the folder fails like a file
                yield Target(entry.path, inner, error=exc)
                continue
            yield from _walk(entry.path, real_inner, inner + "/", inner_ignores, scope)
        elif not is_dir and (not entry.is_symlink() or scope.holds(entry.path)) and not _binary(entry.path):
            yield Target(entry.path, inner, _size(entry.path))


def _is_dir(entry: os.DirEntry) -> bool:
    """Whether an entry is a folder or a link to one; a symlink loop is not (reading it reports it)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _binary(path: str) -> bool:
    """Whether a file starts like binary data; one that cannot be read is left for the reading to report."""
    try:
        fd = open_regular(path)
    except InputError:
        return False
    try:
        return looks_binary(os.read(fd, SNIFF))
    except OSError:
        return False
    finally:
        os.close(fd)


def _size(name: str) -> int:
    try:
        return os.stat(name).st_size
    except OSError:
        return 0
