"""Project configuration: a [tool.transclean] table in pyproject.toml, or a transclean.toml.

The nearest such file in the working directory or its parents is read. Keys:

    rules = ["my-packs"]        # rule-pack folders, relative to the file
    source-lang = "fr"          # default for --source-lang
    select = ["quotes"]         # default for --select
    ignore = ["glossary"]       # added to --ignore
    unsafe-fixes = false        # default for --unsafe-fixes

Command-line flags win over the file.

A file someone else could have written is not applied (it is skipped, with a
warning): it must be owned by this user or by root and not writable by
everyone, and the directory it is found in must not be writable by everyone
unless that directory is sticky (like /tmp, where no one can replace another's
file). This follows git's safe.directory and Mercurial's trusted users.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from .packs import PackError, load_toml

KEYS = {"rules", "source-lang", "select", "ignore", "unsafe-fixes"}


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    rules: tuple[Path, ...] = ()
    source_lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    skipped: tuple[str, ...] = ()  # why files were not applied, one line each


def find_config(start: Path) -> Config:
    """The configuration that applies in a directory (an empty one if there is none)."""
    skipped = []
    for directory in (start, *start.parents):
        for name, tool_table in (("transclean.toml", False), ("pyproject.toml", True)):
            path = directory / name
            if not path.is_file():
                continue
            if reason := _untrusted(path):
                skipped.append(f"ignoring {path}: {reason}")
                continue
            config = _read(path, tool_table)
            if config.path is not None:
                return replace(config, skipped=tuple(skipped))
    return Config(skipped=tuple(skipped))


def _untrusted(path: Path) -> str | None:
    """Why a configuration file may have been written by someone else, or None."""
    own, folder = path.stat(), path.parent.stat()
    if own.st_uid not in (os.geteuid(), 0):
        return "owned by another user"
    if own.st_mode & stat.S_IWOTH:
        return "writable by everyone"
    if folder.st_mode & stat.S_IWOTH and not folder.st_mode & stat.S_ISVTX:
        return "in a directory everyone can write to"
    return None


def _read(path: Path, tool_table: bool) -> Config:
    data = load_toml(path)
    table = data
    if tool_table:
        tool = data.get("tool", {})
        table = tool.get("transclean") if isinstance(tool, dict) else tool
        if not isinstance(table, dict | None):
            raise PackError(f"{path}: [tool.transclean] must be a table")
    if table is None:
        return Config()
    where = "[tool.transclean]" if tool_table else "top level"
    for key in sorted(set(table) - KEYS):
        raise PackError(f"{path}: {where}: unknown key '{key}'")

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PackError(f"{path}: {where}: '{key}' must be a string or a list of strings")
        return tuple(value)

    source_lang = table.get("source-lang")
    if source_lang is not None and not isinstance(source_lang, str):
        raise PackError(f"{path}: {where}: 'source-lang' must be a string")
    unsafe = table.get("unsafe-fixes", False)
    if not isinstance(unsafe, bool):
        raise PackError(f"{path}: {where}: 'unsafe-fixes' must be true or false")
    return Config(
        path=path, rules=tuple(path.parent / r for r in strings("rules")), source_lang=source_lang,
        select=strings("select"), ignore=strings("ignore"), unsafe_fixes=unsafe,
    )
