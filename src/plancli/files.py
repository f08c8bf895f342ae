"""Naming and sizing data files (kept free of heavy imports: used on every run)."""

from __future__ import annotations

import os
from pathlib import Path

#: Largest data file accepted (bytes). The bundled plan is about 0.15 MiB;
#: a plan a hundred times larger still fits.
MAX_BYTES = 64 * 1024 * 1024


def display_name(path: Path) -> str:
    """How a path is named in messages: relative to the working directory when it
    lies below it, else absolute."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute
    return absolute if relative.startswith(os.pardir) else relative
