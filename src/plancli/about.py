"""The ``--version`` line: plancli's version and the decree edition the plan in use encodes.

Its own module so the console script can answer ``plancli --version`` without
importing the command line (typer, click): the version is what scripts and bug
reports ask first, and it should cost no more than the interpreter's start.
"""

from __future__ import annotations

from plancli import __version__


def version_line() -> str:
    """``plancli X (plan: decree No. N of DATE, edition of …)``, newline included."""
    from plancli.errors import PlancliError
    from plancli.loading import load_dataset

    try:
        decree = load_dataset().plan.decree
        about = (
            f"plan: decree No. {decree.number} of {decree.date.isoformat()}, "
            f"edition of {decree.edition}"
        )
    except PlancliError:
        about = "plan: not valid, run `plancli validate`"
    return f"plancli {__version__} ({about})\n"
