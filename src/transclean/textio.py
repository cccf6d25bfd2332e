"""Reading input without losing a byte of what the user gave us.

Text is read as bytes: UTF-8 (a BOM stays as the first character, CRLF stays as
it is), UTF-16 with a BOM, then a legacy encoding: with a source language given,
the first of that language's encodings (LANGUAGE_ENCODINGS) whose reading looks
like text in it; else cp1252 or ISO 8859-15 when they read as Western European
text, or what charset-normalizer detects, when its likeliest readings agree.
Binary input, and input whose encoding cannot be told for sure, is refused. Files are read whole; a pipe or a device is read up to
STREAM_LIMIT bytes.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

UTF8 = "utf-8"
SNIFF = 8192
MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a guess is not trusted
RIVAL_CHAOS = 0.05  # a reading this close to the best one's mess ratio is a rival: they must agree

# The legacy encodings each source language is written in, likeliest first. With the
# language given, only these are tried: a French file is never read as Central European
# (Latin-1 `très` as cp1250 `trčs`).
WESTERN = ("cp1252", "iso8859_15")
LANGUAGE_ENCODINGS = {
    "en": WESTERN, "fr": WESTERN, "de": WESTERN, "it": WESTERN, "es": WESTERN, "pt": WESTERN, "nl": WESTERN,
    "pl": ("cp1250", "iso8859_2"), "ro": ("cp1250", "iso8859_16", "iso8859_2"),
    "ru": ("cp1251", "koi8_r", "cp866", "iso8859_5"), "uk": ("cp1251", "koi8_u", "cp866", "iso8859_5"),
    "bg": ("cp1251", "iso8859_5"),
}
CHUNK = 1 << 20
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
STREAM_LIMIT = 1 << 30  # a pipe or a device is read up to 1 GB, then refused (when it cannot be streamed)
STREAM_FROM = 32 << 20  # bytes: longer input is read, fixed and written chunk by chunk, where the output allows


class InputError(Exception):
    """Input we cannot use; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    text: str
    encoding: str
    digest: bytes = b""  # of the bytes read, to tell whether the file changed since

    @property
    def is_stdin(self) -> bool:
        return self.name == "-"


@dataclass(slots=True)
class Stream:
    """Input too long to hold: its text comes in pieces, decoded as its head says."""

    name: str
    encoding: str
    pieces: Iterator[str]


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file are binary data: more than one in ten a control byte (NUL among them).

    A UTF-16 mark says text. Text with a stray NUL is not binary, but damaged (see _refuse_binary).
    """
    if head.startswith(UTF16_MARKS):
        return False
    controls = sum(1 for b in head[:SNIFF] if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > min(len(head), SNIFF) * 0.1


def _refuse_binary(data: bytes, name: str) -> None:
    """InputError for binary data, and for text holding a NUL byte anywhere."""
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    if not data.startswith(UTF16_MARKS):  # in UTF-16 every other byte of Latin text is a NUL
        _refuse_nul(data, name)


def _refuse_nul(data: bytes, name: str, offset: int = 0, lines: int = 0) -> None:
    """InputError for a NUL byte, naming its offset and line (`offset` bytes and `lines` line feeds came before)."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line = lines + data.count(b"\n", 0, nul) + 1
        raise InputError(f"{name}: a NUL byte at offset {offset + nul}, line {line} (damaged text?); not read")


def decode(data: bytes, name: str, lang: str | None = None) -> Source:
    """Bytes to text, choosing the encoding (among those of `lang`, a source language,
    when given); raise InputError for binary or undecodable data."""
    text, encoding = _decode(data, name, lang)
    return Source(name, text, encoding, digest(data))


def digest(data: bytes) -> bytes:
    """A short fingerprint of some bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _decode(data: bytes, name: str, lang: str | None = None) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts with a UTF-16 mark but is not valid UTF-16") from None
    _refuse_binary(data, name)
    try:
        return data.decode(UTF8), UTF8
    except UnicodeDecodeError as exc:
        if _truncated_utf8(data, exc):
            raise InputError(f"{name}: ends in the middle of a UTF-8 character (truncated?) "
                             f"at offset {exc.start}") from None
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    if data.startswith(b"\xef\xbb\xbf"):
        raise InputError(f"{name}: starts with a UTF-8 mark but is not valid UTF-8 ({where})")
    if lang in LANGUAGE_ENCODINGS:
        encodings = LANGUAGE_ENCODINGS[lang]
        if encodings == WESTERN:
            for encoding in WESTERN:
                text = _legacy(data, encoding)
                if text is not None:
                    return text, encoding
        elif (guess := _detected(data, encodings)) is not None:
            return guess
        raise InputError(f"{name}: not UTF-8 ({where}), nor {' or '.join(LANGUAGE_ENCODINGS[lang])} that reads "
                         "as text; convert it to UTF-8 first")
    for encoding in WESTERN:
        text = _legacy(data, encoding)
        if text is not None:
            return text, encoding
    guess = _detected(data)
    if guess is not None:
        return guess
    raise InputError(f"{name}: not UTF-8 ({where}), and its encoding cannot be told for sure; "
                     "convert it to UTF-8 first")


def _detected(data: bytes, encodings: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """What charset-normalizer reads the data as (in one of `encodings`, when given): its
    likeliest reading that looks like text, if every other about as likely gives the same
    text. Where the decoders disagree (Latin-1 French reads as cp1250 `trčs` as well as
    cp1252 `très`), no guess."""
    import charset_normalizer  # only legacy encodings other than the Western ones need it

    matches = charset_normalizer.from_bytes(data, cp_isolation=list(encodings) if encodings else None)
    readings = [(m.chaos, str(m), m.encoding) for m in matches if m.chaos <= MAX_CHAOS]
    readings = [r for r in readings if not _GLUED.search(r[1]) and _plausible(r[1])]
    if not readings:
        return None
    chaos, text, encoding = readings[0]  # charset-normalizer ranks its readings, likeliest first
    if any(other != text for c, other, _ in readings[1:] if c <= chaos + RIVAL_CHAOS):
        return None
    return text, encoding


def _truncated_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """Whether UTF-8 data was cut inside its last character.

    A lone lead byte after ASCII may be a cp1252 letter (caf\\xe9): cut UTF-8 needs a
    partial character of two bytes or more, or other UTF-8 characters before it.
    """
    if exc.end != len(data) or exc.reason != "unexpected end of data":
        return False
    return len(data) - exc.start > 1 or not data[:exc.start].isascii()


def _legacy(data: bytes, encoding: str) -> str | None:
    """The data read in a legacy encoding if that gives text, else None.

    Statistical detection mistakes short Latin-1 French for cp1250 or big5; so the
    Western encodings (cp1252, a superset of Latin-1's printable characters, then
    ISO 8859-15 with its € and œ) go first, and are refused where their reading looks
    wrong: a symbol glued between letters (Polish ł read as ³, Latin-9 œ read as ½),
    three accented letters in a row (Russian or Greek read as Ïðåç), or anything
    _plausible refuses. An acute accent between letters is an apostrophe (`l´été`).
    """
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # a byte the encoding leaves undefined
        return None
    if _GLUED.search(text) or _ACCENTED_RUN.search(text) or not _plausible(text):
        return None
    return text


_ACCENTED_1252 = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
# a symbol between two Latin letters (of any Latin alphabet: cp1250 read for ISO 8859-2 gives gę¶l±)
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_GLUED = re.compile(f"(?<=[{_LATIN}])[^\\w\\s\\x00-\\x7f\u2018\u2019\u00b4\u00b7\u2013\u2014](?=[{_LATIN}])")
_ACCENTED_RUN = re.compile(f"[{_ACCENTED_1252}]{{3}}")
_WORD = re.compile(r"[^\W\d_]+")
_CJK = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "FULLWIDTH", "HALFWIDTH"}


def _plausible(text: str) -> bool:
    """Whether decoded text reads like prose in some script.

    Refused: C1 controls, private-use, unassigned or replacement characters;
    more than one symbol (© ³ ¤ ...) per ten letters; and, in text mostly in the
    Latin script, a word whose letters mix scripts (French read as big5: tr鋊).
    A mostly CJK text may glue Latin letters to its words (NHKの).
    """
    high = [c for c in text if c >= "\x80"]
    categories = [unicodedata.category(c) for c in high]
    if "\ufffd" in high or any(cat in ("Cc", "Co", "Cn", "Cs") for cat in categories):
        return False
    letters = sum(1 for c in text if c.isalpha())
    if sum(1 for cat in categories if cat[0] == "S" or cat == "No") > 1 + letters / 10:
        return False
    mixed = any(len({_script(c) for c in word}) > 1 for word in _WORD.findall(text) if not word.isascii())
    latin = sum(1 for c in text if c.isalpha() and _script(c) == "LATIN")
    return not (mixed and latin * 2 >= letters)


@cache
def _script(char: str) -> str:
    """The script of a letter, from its Unicode name (LATIN, CYRILLIC, CJK for Han, kana and Hangul)."""
    script = unicodedata.name(char, "?").split()[0]
    return "CJK" if script in _CJK else script


def read_or_stream(name: str, regular_only: bool = False, fd: int | None = None,
                   lang: str | None = None) -> Source | Stream:
    """A file (or standard input, or an open descriptor on `name`) read whole if it is shorter
    than STREAM_FROM bytes, else a Stream of its text; the stream closes a descriptor it opened.
    `lang`, the source language if given, chooses among legacy encodings (see decode)."""
    own = fd is None
    if own:
        fd = _input(name, regular_only)
    try:
        head = _read_up_to(fd, name, STREAM_FROM)
        more = _read_up_to(fd, name, CHUNK) if len(head) == STREAM_FROM else b""
        if not more:
            _refuse_binary(head, name)  # before waiting for more of an endless device
    except BaseException:
        if own and name != "-":
            os.close(fd)
        raise
    if not more:
        if own and name != "-":
            os.close(fd)
        return decode(head, name, lang)
    encoding = _stream_encoding(head, name, lang)
    return Stream(name, encoding, _decoded(fd if own and name != "-" else None, fd, name, encoding, head + more))


def _read_up_to(fd: int, name: str, size: int) -> bytes:
    """Up to `size` bytes (fewer only at the end of the file)."""
    blocks, held = [], 0
    try:
        while held < size and (block := os.read(fd, min(CHUNK, size - held))):
            blocks.append(block)
            held += len(block)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    return b"".join(blocks)


def _stream_encoding(head: bytes, name: str, lang: str | None) -> str:
    """The encoding of a long input, told from its head (cut at a line end, so no character is split)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    cut = head.rfind(b"\n") + 1 or len(head)
    return _decode(head[:cut], name, lang)[1]


def _decoded(own: int | None, fd: int, name: str, encoding: str, head: bytes) -> Iterator[str]:
    """The text of the input, block by block; InputError at the first byte that does not decode."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = lines = 0
    try:
        block = head
        while block:
            if encoding != "utf-16":
                _refuse_nul(block, name, offset, lines)
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as exc:
                at, line = offset + exc.start, lines + block.count(b"\n", 0, exc.start) + 1
                raise InputError(f"{name}: not {encoding} at offset {at}, line {line} "
                                 f"(byte 0x{block[exc.start]:02x}); convert it first") from None
            yield text
            offset += len(block)
            lines += block.count(b"\n")
            block = _read_up_to(fd, name, CHUNK)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError(f"{name}: ends in the middle of a character (truncated?) at offset {offset}") from None
    finally:
        if own is not None:
            os.close(own)


def read_source(name: str, regular_only: bool = False, lang: str | None = None) -> Source:
    """Read a file, or standard input for '-'; `regular_only` refuses FIFOs and devices without waiting on them;
    `lang`, the source language if given, chooses among legacy encodings (see decode)."""
    fd = _input(name, regular_only)
    try:
        return decode(read_fd(fd, name), name, lang)
    finally:
        if name != "-":
            os.close(fd)


def _input(name: str, regular_only: bool) -> int:
    """A descriptor to read `name` from (standard input for '-', which the caller must not close)."""
    if name == "-":
        if sys.stdin is None:
            raise InputError("standard input is closed")
        return sys.stdin.fileno()
    return open_regular(name) if regular_only else _open(name)


def open_regular(path: str, name: str | None = None) -> int:
    """A read-only descriptor on a regular file (a symlink is followed); InputError for anything else."""
    name = name or path
    fd = _open(path, os.O_NONBLOCK, name)  # a FIFO opens at once instead of waiting for a writer
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(f"{name}: not a regular file ({kind})")
    return fd


def _open(path: str, flags: int = 0, name: str | None = None) -> int:
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC | flags)
    except OSError as exc:
        raise _unreadable(name or path, exc) from None


def read_fd(fd: int, name: str, limit: int | None = None) -> bytes:
    """All the bytes of an open file; past `limit` bytes, an InputError.

    Without a limit a regular file is read whole, and anything else (a pipe, a
    device) up to STREAM_LIMIT; an endless binary stream such as /dev/zero is
    refused at its first block.
    """
    if limit is None and not stat.S_ISREG(os.fstat(fd).st_mode):
        limit = STREAM_LIMIT
    chunks, size = [], 0
    try:
        while chunk := os.read(fd, CHUNK):
            if not chunks:
                _refuse_binary(chunk, name)
            size += len(chunk)
            if limit is not None and size > limit:
                raise InputError(f"{name}: more than {limit // 2**20} MB; not read")
            chunks.append(chunk)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    return b"".join(chunks)


def _unreadable(name: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{name}: {'a symlink to a missing file' if os.path.islink(name) else 'no such file'}")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{name}: is a directory")
    if isinstance(exc, PermissionError):
        return InputError(f"{name}: permission denied")
    if exc.errno == errno.ELOOP:
        return InputError(f"{name}: a symlink loop")
    return InputError(f"{name}: cannot read ({exc.strerror})")


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
