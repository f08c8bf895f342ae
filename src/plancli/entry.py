"""The ``plancli`` console script: the smallest possible module around the CLI.

Importing the command line (typer, click) takes a noticeable fraction of a
second; a Ctrl-C in that time must not print a traceback. This module imports
nothing heavy itself, so it can catch that interrupt.
"""

from __future__ import annotations

import contextlib
import gc
import sys

EXIT_INTERRUPTED = 130


def main() -> None:
    # One command is a short process that allocates a great deal (imports, the
    # plan, a 10,000-row table) and makes few reference cycles: collect them
    # less often than Python's default of every 700 allocations. Cycles are
    # still collected; the run is about 5% faster.
    gc.set_threshold(20_000, 50, 50)
    try:
        if sys.argv[1:] == ["--version"] and _version():
            return
        from plancli.cli import main as run

        run()
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write("plancli: error: interrupted\n")
        raise SystemExit(EXIT_INTERRUPTED) from None


def _version() -> bool:
    """``plancli --version`` without the command line's imports; False: let the CLI answer.

    Anything unusual (no stdout, a write that fails, an unexpected error) is left
    to the full command line, which reports it with the documented exit codes.
    """
    if sys.stdout is None:
        return False
    try:
        from plancli.about import version_line

        sys.stdout.write(version_line())
        sys.stdout.flush()
    except Exception:  # the full command line path reports it properly
        return False
    return True
