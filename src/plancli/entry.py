"""The ``plancli`` console script: the smallest possible module around the CLI.

Importing the command line (typer, click) takes a noticeable fraction of a
second; a Ctrl-C in that time must not print a traceback. This module imports
nothing heavy itself, so it can catch that interrupt.
"""

from __future__ import annotations

import contextlib
import sys

EXIT_INTERRUPTED = 130


def main() -> None:
    try:
        from plancli.cli import main as run

        run()
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write("plancli: error: interrupted\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
