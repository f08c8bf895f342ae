"""Writing output files atomically, never clobbering one by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from plancli.errors import PlancliError


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new one.

    Without ``force`` an existing file is left alone (a :class:`PlancliError`).
    The bytes go to a temporary file beside ``path`` first, then are renamed over it.
    """
    from plancli.files import display_name

    if path.exists() and not force:
        raise PlancliError(
            f"{display_name(path)} exists; not overwriting it",
            hint="give --force to replace it, or another -o file",
        )
    if path.is_dir():
        raise PlancliError(f"{display_name(path)} is a directory")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        raise PlancliError(f"cannot write {display_name(path)}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise PlancliError(f"cannot write {display_name(path)}: {error.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
