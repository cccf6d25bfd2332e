"""Writing results without losing a byte: standard output, -o files, in-place rewrites.

Every write is checked: a full disk or a file-size limit is an error, never a
silent truncation. A file is replaced through a temporary file beside it that
is renamed over it once complete and synced. Where a rename would lose
something — the file has other hard links, or an owner, group or extended
attributes this process cannot give a new file — the new content is written
into the file itself instead, after a synced backup of the old content beside
it; if that write fails, the old content is put back. A rewrite holds an
exclusive flock on the file and reads it under the lock, so concurrent runs
take turns. Temporary files are removed on any error, a signal included.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

from .render import printable
from .textio import open_regular, read_fd


Data = bytes | Iterable[bytes]  # what is written: bytes, or a stream of them (a long file fixed chunk by chunk)


class OutputError(Exception):
    """Output that could not be written; the message is one line for the user."""


def write_stdout(data: bytes) -> None:
    """Write every byte to standard output, or raise OutputError.

    The bytes go to the descriptor itself: a buffered write that the disk or
    `ulimit -f` cuts short can report success for the part written and drop
    the rest. After a failure the descriptor is pointed at /dev/null, so that
    the interpreter's own flush at exit cannot fail a second time.
    """
    if sys.stdout is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # a stream without a descriptor: a caller's in-memory capture
        sys.stdout.buffer.write(data)
        return
    try:
        sys.stdout.flush()
        _write_all(fd, data)
    except OSError as exc:
        _discard(sys.stdout)
        if isinstance(exc, BrokenPipeError):
            raise  # the reader went away: not our error
        raise OutputError(f"cannot write to standard output ({exc.strerror})") from None


def say(line: str) -> None:
    """One line on stderr, control characters escaped: a file name or a pack must not drive the terminal."""
    if sys.stderr is None:
        return
    try:
        print(printable(line), file=sys.stderr, flush=True)
    except OSError:
        _discard(sys.stderr)


def _discard(stream) -> None:
    """Point a standard stream's descriptor at /dev/null after a failed write, so the flush at exit succeeds."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stream.fileno())
    os.close(devnull)


def write_file(name: str, data: Data) -> None:
    """Write an -o file: a new or regular file is replaced atomically; a device or FIFO is written to."""
    path = os.path.realpath(name)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return _create(path, name, data)
    except OSError as exc:
        raise OutputError(f"{name}: cannot write ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        return _write_stream(path, name, data)
    with locked(name) as target:
        target.replace(data)


class LockedFile:
    """A regular file opened and flock-ed for rewriting (see `locked`)."""

    def __init__(self, name: str, path: str, fd: int) -> None:
        self.name, self.path, self.fd = name, path, fd
        self._data: bytes | None = None

    def read(self) -> bytes:
        """The file's content, read under the lock."""
        if self._data is None:
            os.lseek(self.fd, 0, os.SEEK_SET)
            self._data = read_fd(self.fd, self.name)
        return self._data

    def replace(self, data: Data) -> None:
        """Give the file new content, all or nothing, keeping its links, owner, mode and attributes."""
        st = os.fstat(self.fd)
        try:
            if st.st_nlink > 1 or not self._rename_over(data, st):
                self._overwrite(data)
        except OSError as exc:
            raise OutputError(f"{self.name}: cannot write ({exc.strerror}); not changed") from None

    def _rename_over(self, data: Data, st: os.stat_result) -> bool:
        """Write a copy with the file's owner, mode and attributes and rename it over the file.

        False (nothing changed) when the copy cannot be given the owner (the file is
        another user's, writable by a group of ours) or an extended attribute.
        """
        with _temporary(self.path, self.name) as temp:
            try:
                os.fchown(temp.fd, st.st_uid, st.st_gid)
            except PermissionError:
                return False
            os.fchmod(temp.fd, stat.S_IMODE(st.st_mode))
            if not _copy_xattrs(self.fd, temp.fd):
                return False
            _put(temp.fd, data)
            os.replace(temp.path, self.path)
        _sync_directory(self.path)
        return True

    def _overwrite(self, data: Data) -> None:
        """Write into the file itself, with a backup beside it that is put back if the write fails.

        A stream of bytes (made while reading this very file) is first spooled beside it."""
        with _temporary(self.path, self.name) as backup, _temporary(self.path, self.name) as spool:
            if not isinstance(data, bytes):
                _put(spool.fd, data)
                data = _blocks(spool.fd)
            _put(backup.fd, _blocks(self.fd))
            fd = os.open(self.path, os.O_WRONLY | os.O_CLOEXEC)
            try:
                _put(fd, data)
            except BaseException as exc:
                try:
                    _put(fd, _blocks(backup.fd))
                except OSError:
                    backup.keep = True
                    reason = exc.strerror if isinstance(exc, OSError) else type(exc).__name__
                    raise OutputError(f"{self.name}: cannot write ({reason}); "
                                      f"its old content is kept in {backup.path}") from None
                raise
            finally:
                os.close(fd)


def _blocks(fd: int, size: int = 1 << 20) -> Iterator[bytes]:
    """The content of an open regular file, from its start, block by block."""
    os.lseek(fd, 0, os.SEEK_SET)
    while block := os.read(fd, size):
        yield block


@contextmanager
def locked(name: str) -> Iterator[LockedFile]:
    """The file `name` (a symlink's target) opened and exclusively flock-ed for the block.

    If another run replaced the file while this one waited, the new file is
    locked instead. Refuses what cannot be rewritten: anything but a regular
    file, a read-only file, a file this user may not write.
    """
    path = os.path.realpath(name)
    while True:
        fd = open_regular(path, name)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            st = os.fstat(fd)
            if _same_file(st, path):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        if not st.st_mode & 0o222:
            raise OutputError(f"{name}: file is read-only; not changed")
        if not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
            raise OutputError(f"{name}: permission denied; not changed")
        yield LockedFile(name, path, fd)
    finally:
        os.close(fd)


def _same_file(st: os.stat_result, path: str) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    return (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino)


class _Temporary:
    def __init__(self, fd: int, path: str) -> None:
        self.fd, self.path, self.keep = fd, path, False


@contextmanager
def _temporary(path: str, name: str) -> Iterator[_Temporary]:
    """A new file beside `path`, closed and removed when the block ends (unless renamed away or kept)."""
    directory, base = os.path.split(path)
    try:
        fd, temp_path = tempfile.mkstemp(dir=directory, prefix=f".{base}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{name}: cannot create a temporary file in {directory} ({exc.strerror}); "
                          "not changed") from None
    temp = _Temporary(fd, temp_path)
    try:
        yield temp
    finally:
        os.close(fd)
        if not temp.keep:
            with suppress(FileNotFoundError):  # renamed over the target
                os.unlink(temp_path)


def _create(path: str, name: str, data: Data) -> None:
    """A new file with the usual permissions (0666 less the umask), written whole then renamed into place."""
    umask = os.umask(0)
    os.umask(umask)
    with _temporary(path, name) as temp:
        try:
            os.fchmod(temp.fd, 0o666 & ~umask)
            _put(temp.fd, data)
            os.replace(temp.path, path)
        except OSError as exc:
            raise OutputError(f"{name}: cannot write ({exc.strerror})") from None
    _sync_directory(path)


def _write_stream(path: str, name: str, data: Data) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(f"{name}: cannot write ({exc.strerror})") from None


def _write_all(fd: int, data: Data) -> int:
    """Write bytes, or the pieces of a stream of bytes, to fd; the number of bytes written."""
    size = 0
    for piece in (data,) if isinstance(data, bytes) else data:
        view = memoryview(piece)
        size += len(view)
        while view:
            view = view[os.write(fd, view):]
    return size


def _put(fd: int, data: Data) -> None:
    """Make `data` the whole content of an open regular file, synced to disk."""
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, _write_all(fd, data))
    os.fsync(fd)


def _copy_xattrs(source: int, target: int) -> bool:
    """Copy the extended attributes (ACLs among them); False if one cannot be set."""
    if not hasattr(os, "listxattr"):
        return True
    try:
        names = os.listxattr(source)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.ENOSYS):
            return True
        raise
    try:
        for attr in names:
            os.setxattr(target, attr, os.getxattr(source, attr))
    except OSError:
        return False
    return True


def _sync_directory(path: str) -> None:
    """Make a rename durable; a file system that cannot sync a directory is let be."""
    with suppress(OSError):
        fd = os.open(os.path.dirname(path), os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
