"""Naming and sizing data files (kept free of heavy imports: used on every run)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# The limits keep the worst case plancli can be handed (a file with a problem in
# every value, in the densest spelling YAML allows) near 10 s of CPU and well
# under 1 GB on a 2-core machine (README, "Hostile input and limits", has the
# figures measured).

#: Largest plan accepted (bytes). The bundled plan is about 0.12 MiB; a plan a
#: hundred times larger (bench/, 9.3 MiB) still fits. Worst case measured: the
#: 9.3 MiB plan with 23,100 problems, 7.2 s of CPU and 250 MB.
MAX_BYTES = 10 * 1024 * 1024
#: Largest glossary accepted (bytes): the bundled one is 26 KB. A 1 MiB
#: glossary of invalid entries is checked in about 5 s of CPU and 240 MB.
MAX_GLOSSARY_BYTES = 1024 * 1024
#: Largest status file accepted (bytes), and the most entries it may hold:
#: about 14,000 entries in the block style `plancli collect` writes, three times
#: what the plan's three years produce when every executor of every measure
#: reports every quarter. What checking costs is entries and problems more than
#: bytes, so the densest files are bounded by their entries too, and checking
#: any file stops after ``validation.MAX_PROBLEMS`` problems. Worst case
#: measured: 2 MiB of one-line entries with 21 problems each, 9.9 s of CPU and
#: 520 MB.
MAX_STATUS_BYTES = 2 * 1024 * 1024
MAX_STATUS_ENTRIES = 30_000


def display_name(path: Path) -> str:
    """How a path is named in messages: relative to the working directory when it
    lies below it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute
    return absolute if relative.startswith(os.pardir) else relative


class UnreadableFile(Exception):
    """A data file cannot be read; ``code`` and ``message`` say why (no path in them)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def kind_of(mode: int) -> str:
    """What a path that is not a regular file is, for messages: ``a directory``…"""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`UnreadableFile`.

    Never blocks and never reads more than ``limit + 1`` bytes, whatever the
    path names: a FIFO, a device (``/dev/zero``), a directory or a socket is
    refused before anything is read, and a file that grows while it is read
    (or lies about its size, as /proc files do) is cut off at the limit.
    """
    limit = MAX_BYTES if limit is None else limit
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile("file-directory", "is a directory, not a data file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("file-not-regular", f"is {kind_of(info.st_mode)}, not a data file")
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening
        # it does not wait for a writer; fstat below then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UnreadableFile("file-missing", "no such file") from None
    except PermissionError:
        raise UnreadableFile("file-unreadable", "cannot read the file: permission denied") from None
    except OSError as error:
        raise UnreadableFile(
            "file-unreadable", f"cannot read the file: {error.strerror or error}"
        ) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("file-not-regular", f"is {kind_of(info.st_mode)}, not a data file")
        try:
            content = handle.read(limit + 1)
        except OSError as error:
            raise UnreadableFile(
                "file-unreadable", f"cannot read the file: {error.strerror or error}"
            ) from None
    if len(content) > limit:
        raise _too_large(None, limit)
    return content


def _too_large(size: int | None, limit: int) -> UnreadableFile:
    found = f"file is {size} bytes" if size is not None else "file is larger than the limit"
    return UnreadableFile("file-too-large", f"{found}; the limit is {limit} bytes")
