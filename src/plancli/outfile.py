"""Writing output files atomically, never clobbering one by accident.

``--force`` replaces a regular file, nothing else. A named pipe, a device, a
socket or a directory at the path is refused whatever the options (renaming a
new file over it would destroy it, not write to it). A symbolic link is
written through: the file it leads to is replaced atomically and the link
kept, as ``>`` in a shell would, provided that file is regular or does not
exist yet.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from plancli.errors import PlancliError


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new one.

    Without ``force`` an existing file is left alone (a :class:`PlancliError`).
    The bytes go to a temporary file beside the target first, then are renamed
    over it; see :func:`output_target` for what the target is.
    """
    from plancli.files import display_name

    target, mode = output_target(path, force=force)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    except OSError as error:
        raise PlancliError(f"cannot write {display_name(path)}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise PlancliError(f"cannot write {display_name(path)}: {error.strerror}") from None


def output_target(path: Path, *, force: bool) -> tuple[Path, int]:
    """The regular file that writing ``path`` creates or replaces, and the mode to give it.

    That is ``path`` itself or, for a symbolic link, the file the link leads to.
    A replaced file keeps its permissions (a private file stays private); a new
    one gets the usual 0644 less the umask. Refused with a :class:`PlancliError`:
    an existing file without ``force``, and anything that is not a regular file,
    ``force`` or not.
    """
    from plancli.files import display_name, kind_of

    name = display_name(path)
    target = path
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = Path(os.path.realpath(path))
            info = os.lstat(target)
    except FileNotFoundError:  # a new file, or a dangling link: the file it names
        return target, 0o644 & ~_umask()
    except OSError as error:
        raise PlancliError(f"cannot write {name}: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        # realpath stops where links go round in a circle: the target is still a link
        looped = stat.S_ISLNK(info.st_mode)
        kind = "a loop of symbolic links" if looped else kind_of(info.st_mode)
        if target != path and not looped:
            kind = f"a symbolic link to {kind} ({display_name(target)})"
        raise PlancliError(
            f"{name}: is {kind}, not a regular file; --force only replaces regular files",
            hint="give the path of a regular file, or a new one",
        )
    if not force:
        raise PlancliError(
            f"{name} exists; not overwriting it",
            hint="give --force to replace it, or another path",
        )
    return target, stat.S_IMODE(info.st_mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
