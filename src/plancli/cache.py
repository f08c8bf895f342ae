"""A cache of validated plans, keyed by the exact bytes of the files.

Validating plan.yaml (YAML parsing, pydantic, cross-checks) costs far more
than answering a query, and the files rarely change. After a successful
validation the resolved plan and glossary are stored in the user cache
directory under a SHA-256 key of both files' bytes and plancli's and
Python's versions. Any change to either file, even one byte, changes the key:
a stale entry can never be served. A missing, corrupt, foreign or unwritable
cache is ignored and the files are validated as if there were none.

``PLANCLI_CACHE_DIR`` moves the cache; ``PLANCLI_NO_CACHE=1`` turns it off.

What is stored can only hold data and is never trusted unchecked:

* An entry is :mod:`marshal` bytes of plain tuples, strings, numbers and
  dicts (no pickle: nothing in the file names code to run). The frozen domain
  objects are rebuilt from them, and only from plancli's own dataclasses whose
  fields are exactly the stored ones (and plancli's own enums, by value); an
  entry of another shape is a miss.
* Every entry carries an HMAC-SHA256 made with a per-user secret (32 random
  bytes, file mode 0600) kept *outside* the cache directory, in the user data
  directory. A file planted under the right key by anyone who lacks the
  secret (a restored CI cache, a shared build machine, a mounted volume) fails
  the check before a byte of it is decoded. marshal is used because it is
  the fastest reader of plain data in the standard library; it is not meant
  for untrusted input, hence the HMAC check first.
* The cache directory is created 0700. A directory or entry not owned by the
  current user, or writable by others, is not used.
* At most :data:`MAX_ENTRIES` entries and :data:`MAX_TOTAL_BYTES` are kept;
  the least recently used go first. Writes go to a temporary file that is
  renamed into place, so readers see a whole entry or none, and two processes
  warming the same key both store a correct entry. Temporary files left by a
  killed process are removed by the next store.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import gc
import hashlib
import hmac
import importlib
import marshal
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from plancli import __version__

CACHE_ENV = "PLANCLI_CACHE_DIR"
NO_CACHE_ENV = "PLANCLI_NO_CACHE"
#: Bump when the encoding below changes.
FORMAT = 5
SUFFIX = ".plan"
MAGIC = b"plancli-cache-5\n"
#: Entries kept at most; the least recently used are removed first.
MAX_ENTRIES = 16
#: Bytes kept at most over all entries.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: A temporary file older than this was left by a killed process.
STALE_TEMPORARY_SECONDS = 600
SECRET_BYTES = 32
_DIGEST = hashlib.sha256().digest_size

# Tags of the encoding: a list is always [tag, ...]; a tag >= 0 indexes the
# class table; plain tuples, strings, numbers, None and bytes stand for
# themselves.
_DATE = -1
_LIST = -2
_DICT = -3
_TUPLE = -4  # a tuple holding tagged values; a tuple of plain values stands for itself
_ENUM = -5  # [_ENUM, class index, value]; an enum's entry in the class table has no fields


def cache_dir() -> Path | None:
    if os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("", "0", "false", "no", "off"):
        return None
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    return _user_dir("XDG_CACHE_HOME", "~/.cache", "user_cache_dir")


def secret_path() -> Path | None:
    """Where the per-user secret lives: the user data directory, not the cache."""
    directory = _user_dir("XDG_DATA_HOME", "~/.local/share", "user_data_dir")
    return directory / "cache-secret" if directory is not None else None


def _user_dir(variable: str, default: str, function: str) -> Path | None:
    """plancli's user directory, as platformdirs names it, without importing it on Linux
    (the XDG rule it applies there; importing it costs milliseconds of every run)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "").strip()
        if not os.path.isabs(base):  # unset, or relative: the XDG rule ignores it
            if os.environ.get("HOME") == "":
                return None  # no home: no directory at all (never /.cache at the root)
            base = os.path.expanduser(default)
        return Path(base) / "plancli"
    import platformdirs

    return Path(getattr(platformdirs, function)("plancli", appauthor=False))


def key(*contents: bytes) -> str:
    digest = hashlib.sha256()  # hardware-accelerated on current CPUs: fastest in hashlib
    digest.update(f"plancli {__version__} format {FORMAT} python {sys.version}".encode())
    for content in contents:
        digest.update(len(content).to_bytes(8, "little"))
        digest.update(content)
    return digest.hexdigest()[:40]


# ------------------------------------------------------------ trust checks


def _mine(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    uid = getattr(os, "geteuid", None)
    if uid is not None and info.st_uid != uid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_directory(directory: Path, *, create: bool) -> bool:
    try:
        if create:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(directory, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _mine(info)


#: O_NOFOLLOW: a link planted in place of an entry or the secret is not followed.
#: O_NONBLOCK: a FIFO planted there does not hang the open waiting for a writer
#: (the fstat after it then refuses it, as any file that is not a regular one).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_secret(path: Path) -> bytes | None:
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _mine(info) or info.st_mode & 0o077:
            return None
        secret = handle.read(SECRET_BYTES + 1)
    return secret if len(secret) == SECRET_BYTES else None


def _secret(*, create: bool) -> bytes | None:
    """The per-user secret; made (0600, atomically) on first use when ``create``."""
    path = secret_path()
    if path is None:  # no home directory to keep it in: no cache
        return None
    found = _read_secret(path)
    if found is not None or not create:
        return found
    if not _usable_directory(path.parent, create=True):
        return None
    if os.path.lexists(path):  # open to others or not ours: replace it, never use it
        try:
            os.unlink(path)
        except OSError:
            return None
    temporary = path.parent / f".cache-secret.{os.getpid()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(SECRET_BYTES))
        with contextlib.suppress(FileExistsError):  # another process made one first: use that
            os.link(temporary, path)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return _read_secret(path)


def _seal(secret: bytes, cache_key: str, payload: bytes) -> bytes:
    seal = hmac.new(secret, cache_key.encode() + b"\0", "sha256")
    seal.update(payload)  # not concatenated: a big plan's payload is megabytes
    return seal.digest()


# ---------------------------------------------------------------- encoding

_PLAIN = (str, int, bool, float, type(None))


def _encode(value: Any) -> Any:
    """Plain marshal-able data for ``value``, with a class table; see :func:`_decode`.

    The class table names each dataclass, its fields and which of them hold
    anything but plain values (strings, numbers, tuples of them): only those
    are visited when decoding, the rest are taken as marshal returns them.
    """
    classes: dict[type, int] = {}
    table: list[tuple[str, tuple[str, ...]]] = []
    nested: list[set[int]] = []  # per class: indexes of fields that need decoding
    memo: dict[int, Any] = {}
    by_value: dict[tuple[Any, ...], list[Any]] = {}
    keep: list[Any] = []  # keep the originals alive so that ids stay unique

    def class_index(kind: type, names: tuple[str, ...]) -> int:
        index = classes.get(kind)
        if index is None:
            index = classes[kind] = len(table)
            table.append((f"{kind.__module__}:{kind.__qualname__}", names))
            nested.append(set())
        return index

    def needs_decoding(part: Any) -> bool:
        return type(part) is list  # every tagged value, deep tuples included

    def encode(item: Any) -> Any:
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None or kind is float:
            return item
        done = memo.get(id(item))
        if done is not None:
            return done
        result: Any
        if kind is tuple:
            result = tuple(encode(part) for part in item)
            if any(needs_decoding(part) for part in result):
                # equal tuples of shared records (the same executors) are stored once
                tuple_key = (_TUPLE, *((type(p), id(p) if type(p) is list else p) for p in result))
                result = by_value.setdefault(tuple_key, [_TUPLE, result])
        elif kind is dt.date:
            result = [_DATE, item.toordinal()]
        elif kind is list:
            result = [_LIST, tuple(encode(part) for part in item)]
        elif kind is dict:
            keys = tuple(encode(k) for k in item)
            values = tuple(encode(v) for v in item.values())
            if any(needs_decoding(part) for part in keys + values):
                result = [_DICT, keys, values]
            else:  # plain keys and values: marshal keeps the dict (and its order) itself
                result = dict(zip(keys, values, strict=True))
        elif isinstance(item, enum.Enum) and kind.__module__.startswith("plancli."):
            result = [_ENUM, class_index(kind, ()), item.value]
        elif dataclasses.is_dataclass(item) and kind.__module__.startswith("plancli."):
            index = class_index(kind, tuple(f.name for f in dataclasses.fields(kind)))
            parts = [encode(getattr(item, n)) for n in table[index][1]]
            nested[index].update(j for j, part in enumerate(parts) if needs_decoding(part))
            result = [index, *parts]
            if kind.__dataclass_params__.frozen and all(type(p) in _PLAIN for p in parts):
                # equal immutable records (a plan names the same body thousands of
                # times) are stored once, and decoded into one shared object
                value_key = (index, *((type(p), p) for p in parts))
                result = by_value.setdefault(value_key, result)
        else:
            raise TypeError(f"cannot cache a {kind.__name__}")
        memo[id(item)] = result
        keep.append(item)
        return result

    encoded = encode(value)
    header = tuple(
        (name, fields, tuple(sorted(indexes)))
        for (name, fields), indexes in zip(table, nested, strict=True)
    )
    return (header, encoded)


class _Mismatch(Exception):
    """The entry was written for classes of another shape."""


def _class(name: str, fields: tuple[str, ...]) -> type:
    """plancli's dataclass ``name`` if its fields are exactly ``fields``.

    Or plancli's enum ``name``, whose entry has no fields.
    """
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith("plancli."):
        raise _Mismatch(name)
    try:
        cls = getattr(importlib.import_module(module_name), qualname)
    except (ImportError, AttributeError):
        raise _Mismatch(name) from None
    if isinstance(cls, type) and issubclass(cls, enum.Enum) and not fields:
        return cls
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise _Mismatch(name)
    if tuple(f.name for f in dataclasses.fields(cls)) != fields or "__slots__" in vars(cls):
        raise _Mismatch(name)
    return cls


def _decode(data: Any) -> Any:
    header, encoded = data
    classes = []
    for name, fields, nested in header:
        fields = tuple(fields)
        if not all(type(j) is int and 0 <= j < len(fields) for j in nested):
            raise _Mismatch(name)
        # indexes shifted by one: values are read from the list after its tag
        cls = _class(name, fields)
        # an enum's entry has no fields: its size (0) never matches a record's list
        size = len(fields) + 1 if fields else 0
        classes.append((cls, fields, tuple(j + 1 for j in nested), size))
    memo: dict[int, Any] = {}
    from_ordinal = dt.date.fromordinal
    new = object.__new__

    def decode(item: Any) -> Any:
        if type(item) is not list:
            return item  # plain values and tuples of them, as marshal made them
        done = memo.get(id(item))
        if done is not None:
            return done
        tag = item[0]
        if tag >= 0:
            cls, fields, nested, size = classes[tag]
            if len(item) != size:
                raise _Mismatch(cls.__name__)
            for j in nested:
                item[j] = decode(item[j])  # the encoded list is ours: decode in place
            done = new(cls)
            done.__dict__.update(zip(fields, item[1:], strict=False))  # lengths checked above
        elif tag == _TUPLE:
            done = tuple([decode(part) for part in item[1]])
        elif tag == _DATE:
            done = from_ordinal(item[1])
        elif tag == _ENUM:
            cls = classes[item[1]][0]
            if not issubclass(cls, enum.Enum):
                raise _Mismatch(cls.__name__)
            done = cls(item[2])  # a value the enum does not have: ValueError, a miss
        elif tag == _LIST:
            done = [decode(part) for part in item[1]]
        elif tag == _DICT:
            keys, values = item[1], item[2]
            done = dict(zip([decode(k) for k in keys], [decode(v) for v in values], strict=True))
        else:
            raise _Mismatch(f"tag {tag}")
        memo[id(item)] = done
        return done

    return decode(encoded)


# ------------------------------------------------------------ load / store


def load(cache_key: str) -> Any | None:
    """The cached value for ``cache_key``, or ``None`` (never an exception)."""
    directory = cache_dir()
    if directory is None or not _usable_directory(directory, create=False):
        return None
    secret = _secret(create=False)
    if secret is None:
        return None
    path = directory / f"{cache_key}{SUFFIX}"
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    collecting = gc.isenabled()
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _mine(info):
                return None
            if info.st_size > MAX_TOTAL_BYTES:
                return None
            # exactly the stated size (+1 to notice growth): read(n) allocates n bytes first
            blob = handle.read(info.st_size + 1)
        header = len(MAGIC) + _DIGEST
        if len(blob) < header or not blob.startswith(MAGIC):
            return None
        payload = blob[header:]
        if not hmac.compare_digest(blob[len(MAGIC) : header], _seal(secret, cache_key, payload)):
            return None  # not written by this user's plancli: never decoded
        gc.disable()  # decoding creates many objects and no cycles: the collector only slows it
        stored_key, data = marshal.loads(payload)
        if stored_key != cache_key:
            return None
        value = _decode(data)
    except Exception:  # truncated, another shape, unreadable: recompute
        return None
    finally:
        # The plan lives as long as the process: keep the collector from
        # re-scanning its objects while the query runs.
        gc.freeze()
        if collecting:
            gc.enable()
    with contextlib.suppress(OSError):
        os.utime(path)  # mark it recently used, for the eviction order
    return value


def store(cache_key: str, value: Any) -> None:
    """Store ``value``; silently do nothing if the cache cannot be written."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        if not _usable_directory(directory, create=True):
            return
        with contextlib.suppress(OSError):
            os.chmod(directory, 0o700)  # a directory made by an older plancli was 0755
        secret = _secret(create=True)
        if secret is None:
            return
        payload = marshal.dumps((cache_key, _encode(value)))
        blob = MAGIC + _seal(secret, cache_key, payload) + payload
        if len(blob) > MAX_TOTAL_BYTES:
            return
        temporary = directory / f".{cache_key}.{os.getpid()}.{time.monotonic_ns()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.replace(temporary, directory / f"{cache_key}{SUFFIX}")
        except BaseException:
            os.unlink(temporary)
            raise
        prune(directory)
    except Exception:  # read-only home, full disk…: the answer is still right, only slower
        return


def prune(directory: Path) -> None:
    """Keep the newest entries within the bounds; remove stale temporary files."""
    entries: list[tuple[float, int, Path]] = []
    now = time.time()
    with os.scandir(directory) as scan:
        for item in scan:
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if item.name.endswith(".tmp"):
                if now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                    _remove(Path(item.path))
            elif item.name.endswith(SUFFIX) or item.name.endswith(".pickle"):
                entries.append((info.st_mtime, info.st_size, Path(item.path)))
    entries.sort(reverse=True)  # most recently used first
    total = 0
    for index, (_, size, path) in enumerate(entries):
        total += size
        if index >= MAX_ENTRIES or total > MAX_TOTAL_BYTES or path.suffix == ".pickle":
            _remove(path)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
