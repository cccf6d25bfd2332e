"""Reading input and writing output without losing a byte of what the user gave us.

Text is read as bytes: UTF-8 (a BOM stays as the first character, CRLF stays as
it is), UTF-16 with a BOM, or a legacy encoding detected by charset-normalizer.
Binary input is refused. In-place writes go to a temporary file that replaces
the original only once it is complete.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

UTF8 = "utf-8"
SNIFF = 8192
MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a guess is not trusted


class InputError(Exception):
    """Input we cannot use; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    text: str
    encoding: str

    @property
    def is_stdin(self) -> bool:
        return self.name == "-"


def _looks_binary(data: bytes) -> bool:
    head = data[:SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.1


def decode(data: bytes, name: str) -> Source:
    """Bytes to text, choosing the encoding; raise InputError for binary or undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Source(name, data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts with a UTF-16 mark but is not valid UTF-16") from None
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return Source(name, data.decode(UTF8), UTF8)
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise InputError(f"{name}: not UTF-8, and its encoding cannot be told; convert it to UTF-8 first")
    return Source(name, str(best), best.encoding)


def read_source(name: str) -> Source:
    """Read a file, or standard input for '-'."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    return decode(data, name)


def encode(text: str, encoding: str) -> tuple[bytes, str]:
    """Text in the source's own encoding where it fits, else UTF-8; returns the encoding used."""
    if encoding not in (UTF8, "utf-16", "ascii"):
        try:
            return text.encode(encoding), encoding
        except UnicodeEncodeError:
            pass
    if encoding == "utf-16":
        return text.encode("utf-16"), encoding
    return text.encode(UTF8), UTF8


def write_atomic(path: str, data: bytes) -> None:
    """Replace a file with new content, all or nothing; a read-only file is refused."""
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    if not mode & stat.S_IWUSR:
        raise InputError(f"{path}: file is read-only; not changed")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror}); file not changed") from None


def write_file(path: str, data: bytes) -> None:
    """Write an output file chosen with -o."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
