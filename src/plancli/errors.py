"""Expected failures.

Every failure a user can cause (a bad file, an unknown agency, a malformed
option) is a :class:`PlancliError`. The command line catches this one base
class in one place and prints its message; anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plancli.problems import Problem

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
#: An internal error (a bug): EX_SOFTWARE of sysexits.h.
EXIT_INTERNAL = 70
#: Interrupted with Ctrl-C: 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130


class PlancliError(Exception):
    """A failure caused by input, reported to the user without a traceback."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(PlancliError):
    """Bad command-line usage: wrong option value, conflicting options."""

    exit_code = EXIT_USAGE


class NotFoundError(PlancliError):
    """A named thing (measure id, agency) does not exist."""


class InvalidDataError(PlancliError):
    """A data file (plan, glossary, status) is unreadable or invalid."""

    def __init__(self, problems: Sequence[Problem], *, command: str = "plancli validate") -> None:
        """``command`` checks the same files: the user's own file options, repeated."""
        self.problems = tuple(problems)
        first = self.problems[0].format() if self.problems else "invalid data"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        super().__init__(first + suffix, hint=f"run `{command}` to see every problem")
