"""The user cache: slow-to-build data kept between runs, in a format that cannot run code.

Each entry is one file, `<name>.cache` in `$XDG_CACHE_HOME/transclean` (or
`~/.cache/transclean`): a header, the key it was built for, a checksum and the value
in `marshal` format. Only plain data is stored (None, booleans, numbers, strings,
bytes, tuples, lists, sets and dicts of them), and a loaded value is checked to be
made of nothing else, so reading a file can never run code, unlike a pickle. The
key is compared before anything else is read. A file, or the folder, that another
user owns or may write is never read (and the folder is then never written); a
missing, stale, corrupt or truncated file is rebuilt. Deleting the folder is always safe.
"""

from __future__ import annotations

import marshal
import os
import stat
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .version import VERSION

MAGIC = b"transclean cache 1\n"
_LENGTHS = struct.Struct(">II")  # key length, checksum of the payload
_SCALARS = frozenset({type(None), bool, int, float, str, bytes})
_CONTAINERS = frozenset({tuple, list, frozenset, set, dict})
_UID = os.getuid() if hasattr(os, "getuid") else None  # None: a system without file owners


def files_key(*parts: Any, files: Iterable[Path]) -> str:
    """A cache key: the version, `parts`, and the path, size and modification time of each file that exists."""
    return repr([VERSION, *parts, *((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists())])


def cached(name: str, key: str, build: Callable[[], Any],
           encode: Callable[[Any], Any] = lambda v: v, decode: Callable[[Any], Any] = lambda v: v) -> Any:
    """The value `build()` makes, kept in the user cache under `name` while `key` holds.

    `encode` turns the value into plain data to store and `decode` turns plain data
    back into the value; by default the value is stored as it is.
    """
    folder = _folder()
    stored = _read(folder / f"{name}.cache", key) if _private(folder) else None
    if stored is not None:
        try:
            return decode(stored)
        except Exception:  # plain data of the wrong shape: rebuilt like any bad file
            pass
    value = build()
    try:
        plain = encode(value)
    except (TypeError, ValueError):  # a value the cache cannot hold (a TOML date) is simply not kept
        return value
    _write(folder, name, key, plain)
    return value


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "transclean"


def _trusted(st: os.stat_result) -> bool:
    """Owned by the current user, and no one else may write to it. (Where files have no owners,
    as on Windows, the mode bits say nothing either: the user's own cache folder is trusted.)"""
    return _UID is None or st.st_uid == _UID and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _private(folder: Path) -> bool:
    """Is the cache folder a real folder of ours that no one else may write to?"""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _trusted(st)


def _read(path: Path, key: str) -> Any:
    """The plain value stored in `path` for `key`, or None if it is missing, stale, foreign or bad."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        try:
            st = os.fstat(fd)
            if not (stat.S_ISREG(st.st_mode) and _trusted(st)) or fh.read(len(MAGIC)) != MAGIC:
                return None
            key_length, checksum = _LENGTHS.unpack(fh.read(_LENGTHS.size))
            if fh.read(key_length) != key.encode("utf-8"):
                return None
            payload = fh.read()
            if zlib.crc32(payload) != checksum:
                return None
            value = marshal.loads(payload)
        except Exception:  # truncated, corrupt, unreadable: rebuilt
            return None
    return value if _plain(value) else None


def _plain(value: Any) -> bool:
    """Is the value made only of plain data (no code objects, nothing marshal could hold besides)?"""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind not in _CONTAINERS:
        return False
    for items in (value.keys(), value.values()) if kind is dict else (value,):
        kinds = set(map(type, items))
        if not kinds <= _SCALARS | _CONTAINERS or kinds & _CONTAINERS and not all(map(_plain, items)):
            return False
    return True


def _write(folder: Path, name: str, key: str, value: Any) -> None:
    """Store a plain value for `key`, atomically; nothing is written to a folder that is not private."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        payload = marshal.dumps(value)
        encoded_key = key.encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + _LENGTHS.pack(len(encoded_key), zlib.crc32(payload)) + encoded_key + payload)
            os.replace(tmp, folder / f"{name}.cache")
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # no cache where none can be written (ValueError: a value marshal cannot store)
