"""A cache of validated plans, keyed by the exact bytes of the files.

Validating plan.yaml (YAML parsing, pydantic, cross-checks) costs far more
than answering a query, and the files rarely change. After a successful
validation the resolved plan and glossary are stored in the user cache
directory under a SHA-256 key of both files' bytes and plancli's and
Python's versions. Any change to either file, even one byte, changes the key:
a stale entry can never be served. A missing, corrupt or unwritable cache is
ignored and the files are validated as if there were none.

``PLANCLI_CACHE_DIR`` moves the cache; ``PLANCLI_NO_CACHE=1`` turns it off.
The cache holds pickles written by plancli in the user's own cache directory;
point ``PLANCLI_CACHE_DIR`` only at directories nobody else can write.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from plancli import __version__

CACHE_ENV = "PLANCLI_CACHE_DIR"
NO_CACHE_ENV = "PLANCLI_NO_CACHE"
#: Bump when the pickled classes change shape.
FORMAT = 1


def cache_dir() -> Path | None:
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("plancli", appauthor=False))


def key(*contents: bytes) -> str:
    digest = hashlib.sha256()  # hardware-accelerated on current CPUs: fastest in hashlib
    digest.update(f"plancli {__version__} format {FORMAT} python {sys.version}".encode())
    for content in contents:
        digest.update(len(content).to_bytes(8, "little"))
        digest.update(content)
    return digest.hexdigest()[:40]


def load(cache_key: str) -> Any | None:
    """The cached value for ``cache_key``, or ``None`` (never an exception)."""
    directory = cache_dir()
    if directory is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # unpickling creates many objects and no cycles: the collector only slows it
    try:
        with open(directory / f"{cache_key}.pickle", "rb") as handle:
            value = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated, from another version: recompute
        return None
    finally:
        # The plan lives as long as the process: keep the collector from
        # re-scanning its million objects while the query runs.
        gc.freeze()
        if collecting:
            gc.enable()
    if not isinstance(value, tuple) or len(value) != 2 or value[0] != cache_key:
        return None
    return value[1]


def store(cache_key: str, value: Any) -> None:
    """Store ``value``; silently do nothing if the cache cannot be written."""
    directory = cache_dir()
    if directory is None:
        return
    import tempfile

    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((cache_key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, directory / f"{cache_key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # read-only home, full disk…: the answer is still right, only slower
        return
