"""Project configuration: a [tool.transclean] table in pyproject.toml, or a transclean.toml.

The nearest such file in the working directory or its parents is read. Keys:

    rules = ["my-packs"]        # rule-pack folders, relative to the file
    source-lang = "fr"          # default for --source-lang
    select = ["quotes"]         # default for --select
    ignore = ["glossary"]       # added to --ignore
    unsafe-fixes = false        # default for --unsafe-fixes

Command-line flags win over the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .packs import PackError

KEYS = {"rules", "source-lang", "select", "ignore", "unsafe-fixes"}


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    rules: tuple[Path, ...] = ()
    source_lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False


def find_config(start: Path) -> Config:
    """The configuration that applies in a directory (an empty one if there is none)."""
    for directory in (start, *start.parents):
        own = directory / "transclean.toml"
        if own.is_file():
            return _read(own, tool_table=False)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            config = _read(pyproject, tool_table=True)
            if config.path is not None:
                return config
    return Config()


def _read(path: Path, tool_table: bool) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"{path}: cannot read configuration: {exc}") from None
    table = data.get("tool", {}).get("transclean") if tool_table else data
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
