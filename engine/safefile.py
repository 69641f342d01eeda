"""Reading files that someone else may have put in our way: regular files only, bounded, never blocking.

Saves, settings, the flowchart's memory, sessions, the compiled cache and story files are all read
through here. A FIFO, a device or a link to one (`/dev/zero`, `/dev/urandom`) in their place would
block forever on open or never end; a huge file would exhaust memory before any size check. So
a file is opened with O_NONBLOCK (opening a FIFO then returns at once), checked with fstat on the
open descriptor (no window between the check and the read), refused unless it is a regular file,
refused before reading if its size is over the limit, and read at most one byte past the limit
(in case it grew since fstat).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .i18n.words import N_, _

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder, which we never read."""


class FileTooLarge(OSError):
    """The file is over the size limit; `size` is what fstat said, or the limit + 1 if it grew."""

    def __init__(self, path: Path | str, size: int, limit: int):
        super().__init__(_("{name} is too large ({size:,} bytes; the limit is {limit:,})").format(
            name=Path(path).name, size=size, limit=limit))
        self.size = size
        self.limit = limit


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return N_("a pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("a device")
    if stat.S_ISDIR(mode):
        return N_("a folder")
    if stat.S_ISSOCK(mode):
        return N_("a socket")
    return N_("not a regular file")


def open_regular(path: Path | str) -> tuple[int, os.stat_result]:
    """An open descriptor on `path` and its fstat, or NotRegularFile (or another OSError).
    The caller closes the descriptor."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(_("{name} is {kind}, not a file").format(name=Path(path).name, kind=_(_kind(st.st_mode))))
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_regular(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them; FileTooLarge if it is
    larger (decided by fstat before reading), NotRegularFile if it is not a regular file."""
    fd, st = open_regular(path)
    try:
        if st.st_size > max_bytes:
            raise FileTooLarge(path, st.st_size, max_bytes)
        return read_bounded_fd(fd, path, max_bytes, st.st_size)
    finally:
        os.close(fd)


def read_bounded_fd(fd: int, path: Path | str, max_bytes: int, expected: int = 0) -> bytes:
    """Read `fd` to its end, but never more than `max_bytes` (FileTooLarge past it)."""
    parts = []
    total = 0
    want = min(max(expected, 1), max_bytes) + 1
    while True:
        chunk = os.read(fd, min(want, _CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise FileTooLarge(path, total, max_bytes)
        want = max_bytes + 1 - total
    return b"".join(parts)


def read_upto(fd: int, count: int) -> bytes:
    """The next `count` bytes of `fd`, or fewer at its end."""
    parts = []
    while count > 0:
        chunk = os.read(fd, min(count, _CHUNK))
        if not chunk:
            break
        parts.append(chunk)
        count -= len(chunk)
    return b"".join(parts)
