"""Finds, reads and validates rule packs: TOML data under rules/<stage>/<name>.toml.

A pack file is the rule "<stage>.<name>". Stages that take packs are listed in
PACK_STAGES; rules/tables/ holds plain tables the code rules read. The built-in
packs ship inside the wheel as the data package `transclean.rule_packs`; in a checkout
they are read from rules/ at the top of the tree.
"""

from __future__ import annotations

import json
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .textio import InputError, open_regular, read_fd
from .usercache import cached, files_key
from .version import VERSION

PACK_STAGES = ("glossary", "names")
SAFETIES = ("safe", "unsafe")
TOML_LIMIT = 8 * 2**20  # the largest pack, table or configuration file read


class PackError(ValueError):
    """A rule pack that cannot be used; the message names the file, entry and key."""


# Named tuples: the thousands of entries are rebuilt from the user cache in every run,
# and a tuple is made several times faster than a frozen dataclass.
class Example(NamedTuple):
    before: str
    after: str


class Entry(NamedTuple):
    """One piece of knowledge: the right form and the wrong forms it repairs."""

    replace: str
    find: tuple[str, ...]
    context: tuple[str, ...] = ()
    note: str = ""
    examples: tuple[Example, ...] = ()
    keep: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset()  # source languages it serves; empty: the pack's
    safe: bool = True
    expansion: tuple[str, ...] = ()  # English names that, before the form in brackets, make it apply anywhere
    source: tuple[tuple[str, str], ...] = ()  # (language, form): how a source language writes it (a local title)


class Pack(NamedTuple):
    """A validated pack: its rule id, what it is, and its entries."""

    id: str
    path: str
    summary: str
    safe: bool
    languages: frozenset[str]
    reorder: tuple[str, ...]
    entries: tuple[Entry, ...]
    keep: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()  # words that, just before a form, make it part of a foreign name
    whole: bool = False  # a form right after a capitalised word is the end of another name (To Save Private Ryan)
    compounds: bool = False  # a form may be joined by a hyphen to a capitalised word (Bâle-Mulhouse)


@cache
def builtin_dir() -> Path:
    """Where the built-in rule packs are: inside the installed wheel, or rules/ in a checkout."""
    installed = Path(__file__).resolve().parent / "rule_packs"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"


def load_toml(path: Path) -> dict[str, Any]:
    """A TOML file (pack, table or configuration) as a dict; PackError naming the file when it is not
    a regular file, larger than TOML_LIMIT, not UTF-8, not TOML, or nested too deeply to parse."""
    try:
        fd = open_regular(str(path))
        try:
            raw = read_fd(fd, str(path), TOML_LIMIT)
        finally:
            os.close(fd)
    except InputError as exc:
        raise PackError(str(exc)) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PackError(f"{path}: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise PackError(f"{path}: nested too deeply to read") from None


def _fail(path: Path, where: str, message: str) -> PackError:
    return PackError(f"{path}: {where}: {message}" if where else f"{path}: {message}")


def _strings(value: Any, path: Path, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, where, f"'{key}' must be a string or a list of non-empty strings")
    return tuple(value)


_PACK_KEYS = {"summary", "safety", "languages", "reorder", "keep", "not_after", "derive", "whole", "compounds", "works"}
TITLE_WORDS = "title_words"  # the table of title words a pack with `derive = true` reads its local titles with
TITLE_WORKS = "title_works"  # the table of works a pack with `works = true` gives entries for
_ENTRY_KEYS = {"replace", "find", "context", "note", "examples", "keep", "languages", "safety", "expansion", "source"}


def read_pack(path: Path, stage: str) -> Pack:
    """Read and validate one pack file; raise PackError naming file, entry and key."""
    data = load_toml(path)
    head = data.get("pack")
    if not isinstance(head, dict):
        raise _fail(path, "", "missing [pack] table")
    for key in sorted(set(data) - {"pack", "entry"}):
        raise _fail(path, "", f"unknown top-level key '{key}'")
    for key in sorted(set(head) - _PACK_KEYS):
        raise _fail(path, "[pack]", f"unknown key '{key}'")
    summary = head.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise _fail(path, "[pack]", "'summary' must be a non-empty string")
    safety = head.get("safety", "safe")
    if safety not in SAFETIES:
        raise _fail(path, "[pack]", f"'safety' must be one of {', '.join(SAFETIES)}")
    languages = _strings(head.get("languages", []) or [], path, "[pack]", "languages") if head.get("languages") else ()
    reorder = _strings(head["reorder"], path, "[pack]", "reorder") if "reorder" in head else ()
    pack_keep = _strings(head["keep"], path, "[pack]", "keep") if "keep" in head else ()
    not_after = _strings(head["not_after"], path, "[pack]", "not_after") if "not_after" in head else ()
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list) or not raw_entries:
        raise _fail(path, "", "needs at least one [[entry]]")
    entries = tuple(_read_entry(e, path, f"entry {n}") for n, e in enumerate(raw_entries, 1))
    derive, whole, compounds, works = (head.get(key, False) for key in ("derive", "whole", "compounds", "works"))
    for key, value in (("derive", derive), ("whole", whole), ("compounds", compounds), ("works", works)):
        if not isinstance(value, bool):
            raise _fail(path, "[pack]", f"'{key}' must be true or false")
    if derive:
        from .renderings import derived
        entries += tuple(derived(entries, table(TITLE_WORDS)))
    if works:  # after the renderings of the entries' local titles, which its works must not take again
        from .works import work_entries
        entries += tuple(work_entries(table(TITLE_WORKS), entries, str(builtin_dir() / "tables" / f"{TITLE_WORKS}.toml")))
    return Pack(
        id=f"{stage}.{path.stem}", path=str(path), summary=summary.strip(), safe=safety == "safe",
        languages=frozenset(languages), reorder=reorder, entries=entries, keep=pack_keep, not_after=not_after,
        whole=whole, compounds=compounds,
    )


def _read_entry(raw: Any, path: Path, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(path, where, "must be a table")
    for key in sorted(set(raw) - _ENTRY_KEYS):
        raise _fail(path, where, f"unknown key '{key}'")
    replace = raw.get("replace")
    if not isinstance(replace, str) or not replace:
        raise _fail(path, where, "'replace' must be a non-empty string")
    if "find" not in raw:
        raise _fail(path, where, "'find' is missing")
    find = _strings(raw["find"], path, where, "find")
    context = _strings(raw["context"], path, where, "context") if "context" in raw else ()
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise _fail(path, where, "'note' must be a string")
    examples = []
    if not isinstance(raw.get("examples", []), list):
        raise _fail(path, where, "'examples' must be a list of {before, after} tables")
    for k, ex in enumerate(raw.get("examples", []), 1):
        if not isinstance(ex, dict) or set(ex) != {"before", "after"} or not all(isinstance(v, str) for v in ex.values()):
            raise _fail(path, f"{where} example {k}", "needs exactly the string keys 'before' and 'after'")
        examples.append(Example(ex["before"], ex["after"]))
    keep = _strings(raw["keep"], path, where, "keep") if "keep" in raw else ()
    languages = _strings(raw["languages"], path, where, "languages") if "languages" in raw else ()
    safety = raw.get("safety", "safe")
    if safety not in SAFETIES:
        raise _fail(path, where, f"'safety' must be one of {', '.join(SAFETIES)}")
    expansion = _strings(raw["expansion"], path, where, "expansion") if "expansion" in raw else ()
    source = _sources(raw["source"], path, where) if "source" in raw else ()
    return Entry(replace, find, context, note, tuple(examples), keep, frozenset(languages), safety == "safe",
                 expansion, source)


def _sources(value: Any, path: Path, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _fail(path, where, "'source' must be a table of language codes to lists of strings")
    return tuple((lang, form) for lang, forms in value.items() for form in _strings(forms, path, where, f"source.{lang}"))


def load_packs(directories: tuple[Path, ...], base: tuple[Pack, ...] = ()) -> tuple[Pack, ...]:
    """Every pack under the given rule directories, on top of `base`, in stage then file-name order."""
    packs: dict[str, Pack] = {pack.id: pack for pack in base}
    for directory in directories:
        if not directory.is_dir():
            raise PackError(f"{directory}: not a rule-pack directory")
        for stage in PACK_STAGES:
            for path in sorted((directory / stage).glob("*.toml")):
                pack = read_pack(path, stage)
                packs[pack.id] = pack  # a user pack of the same name replaces the built-in one
    return tuple(sorted(packs.values(), key=lambda p: (PACK_STAGES.index(p.id.split(".")[0]), p.id)))


@cache
def builtin_packs() -> tuple[Pack, ...]:
    """The built-in packs as a run uses them, from a validated cache when none of their files changed:
    without the examples and keeps, which only the tests read (load_packs((builtin_dir(),)) has them).

    Parsing the packs' TOML and deriving their entries takes a noticeable fraction of a second;
    every command-line run would pay it. The cache (in the user's cache folder) is
    keyed by each file's path, size and modification time (the tables of title words and works and the code
    that reads the packs and derives entries from them included) and by the version.
    """
    files = sorted(f for stage in PACK_STAGES for f in (builtin_dir() / stage).glob("*.toml"))
    files += [builtin_dir() / "tables" / f"{name}.toml" for name in (TITLE_WORDS, TITLE_WORKS)]
    files += [Path(__file__).with_name(name) for name in ("packs.py", "renderings.py", "works.py")]
    return cached("packs", files_key(files=files), lambda: _packs_from_plain(_packs_to_plain(load_packs((builtin_dir(),)))),
                  _packs_to_plain, _packs_from_plain)


def _packs_to_plain(packs: tuple[Pack, ...]) -> str:
    """Packs as JSON rows of their fields but the examples and keeps, each distinct list of context
    words stored once, for the user cache (JSON: fewer objects to load and check)."""
    contexts: dict[tuple[str, ...], int] = {}
    rows = [[p.id, p.path, p.summary, p.safe, sorted(p.languages), p.reorder,
             [[e.replace, e.find, contexts.setdefault(e.context, len(contexts)), e.note, sorted(e.languages), e.safe,
               e.expansion, e.source] for e in p.entries], p.not_after, p.whole, p.compounds] for p in packs]
    return json.dumps([list(contexts), rows], ensure_ascii=False)


def _packs_from_plain(stored: str) -> tuple[Pack, ...]:
    """The packs _packs_to_plain stored (the entries of the same context words share one tuple)."""
    contexts, rows = json.loads(stored)
    contexts = [tuple(c) for c in contexts]
    sets: dict[tuple[str, ...], frozenset[str]] = {}
    return tuple(
        Pack(id, path, summary, safe, frozenset(languages), tuple(reorder),
             tuple(Entry(replace, tuple(find), contexts[context], note, (), (),
                         sets.get(key := tuple(langs)) or sets.setdefault(key, frozenset(key)), safe_entry,
                         tuple(expansion), tuple(map(tuple, source)))
                   for replace, find, context, note, langs, safe_entry, expansion, source in entries),
             (), tuple(not_after), whole, compounds)
        for id, path, summary, safe, languages, reorder, entries, not_after, whole, compounds in rows)


@cache
def table(name: str) -> dict[str, Any]:
    """A data table from rules/tables/<name>.toml."""
    return cached_toml(builtin_dir() / "tables" / f"{name}.toml")


def cached_toml(path: Path) -> dict[str, Any]:
    """load_toml, with a built-in file's data kept in the user cache while the file is unchanged
    (parsing takes milliseconds, loading the JSON it is kept as a fraction of that)."""
    try:
        inside = path.resolve().relative_to(builtin_dir())
    except ValueError:  # a user's file: read as it is
        return load_toml(path)
    st = path.stat()
    key = f"{VERSION} {path} {st.st_size} {st.st_mtime_ns}"
    return cached("toml-" + "-".join(inside.with_suffix("").parts), key, lambda: load_toml(path), json.dumps, json.loads)
