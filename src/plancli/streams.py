"""The command line's edge to the outside: streams, encodings, usage errors.

Whatever the environment does to plancli's output, the user gets a clear
message and a documented exit code, never a traceback or exit 70:

* the reader of a pipe went away (``plancli measures | head -1``): stop
  quietly, exit 0, as ``cat`` and ``grep`` do;
* standard output closed (``>&-``), or a disk full (``>/dev/full``): one
  ``plancli: error:`` line, exit 1;
* an output encoding that cannot write Kyrgyz letters
  (``PYTHONIOENCODING=ascii`` or ``koi8_r``): those letters are written as
  ``\\uXXXX`` escapes, with one warning on stderr saying how to fix it;
* bad usage: one ``plancli: error: …`` line naming the fix, exit 2, instead of
  click's four-line usage block; input echoed in it has control characters
  escaped.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from typing import IO, Any, TextIO

import typer
from typer.core import TyperGroup

from plancli.safetext import escape_controls

# typer 0.28 carries its own copy of click, older releases use click itself:
# take click's exception classes from wherever typer's come from.
_click_errors = sys.modules[typer.BadParameter.__module__]
UsageError: type[Exception] = _click_errors.UsageError
ClickException: type[Exception] = _click_errors.ClickException

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: Letters of the data that any usable output encoding must be able to write.
_PROBE = "ӨҮҢөүңЖжАа"


class OutputFailed(BaseException):
    """Writing standard output failed. A ``BaseException``: the commands' own
    error edge must let it pass to :class:`PlancliGroup`."""

    def __init__(self, error: OSError | None) -> None:
        super().__init__(error)
        self.errno = error.errno if error is not None else errno.EBADF
        self.reason = (error.strerror if error is not None else None) or "it is closed"


class _Guarded:
    """A text stream whose write failures become :class:`OutputFailed`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise OutputFailed(error) from None

    def writelines(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error) from None
        except ValueError:  # flushed after being closed
            raise OutputFailed(None) from None

    @property
    def buffer(self) -> _GuardedBinary:
        """The binary stream under it (ics, xlsx), guarded the same way."""
        return _GuardedBinary(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _GuardedBinary:
    """A binary stream whose write failures become :class:`OutputFailed`."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        try:
            return self._stream.write(data)
        except OSError as error:
            raise OutputFailed(error) from None
        except ValueError:  # written after being closed
            raise OutputFailed(None) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error) from None
        except ValueError:
            raise OutputFailed(None) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed:
    """Standard output when file descriptor 1 was closed before plancli started."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str | bytes) -> int:
        raise OutputFailed(None)

    def flush(self) -> None:
        pass

    @property
    def buffer(self) -> _Closed:
        """Binary output (ics, xlsx) meets the same closed stream."""
        return self

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _encodes_the_data(stream: Any) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        _PROBE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _escape_what_cannot_be_encoded(stream: Any) -> bool:
    """Make ``stream`` write unencodable letters as escapes; ``True`` if it had to."""
    if _encodes_the_data(stream) or not hasattr(stream, "reconfigure"):
        return False
    try:
        stream.reconfigure(errors="backslashreplace")
    except (ValueError, OSError):
        return False
    return True


def _silence(stream: Any) -> None:
    """Point the file under ``stream`` at /dev/null: what is still buffered for it
    is dropped there, so the interpreter's last flush at exit stays quiet."""
    try:
        target = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, target)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _say(message: str) -> None:
    try:
        stream = sys.stderr or sys.__stderr__
        if stream is not None:
            stream.write(f"plancli: {message}\n")
            stream.flush()
    except (OSError, ValueError):
        pass  # stderr is gone too: the exit code is all that is left


def usage_line(error: Any) -> str:
    """Click's usage error as one line: what is wrong and where to read more."""
    # click writes some messages on several lines ("Choose from:\n\tplan,\n\t…")
    message = escape_controls(" ".join(error.format_message().split()), one_line=True)
    context = getattr(error, "ctx", None)
    path = context.command_path if context is not None else "plancli"
    return f"error: {message} (see '{escape_controls(path, one_line=True)} --help')"


class PlancliGroup(TyperGroup):
    """plancli's command group: typer's, with the stream and usage-error edge above."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        original_stdout = sys.stdout
        if sys.stderr is None:  # fd 2 closed: messages are lost, exit codes still tell
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        if _escape_what_cannot_be_encoded(sys.stdout):
            encoding = getattr(sys.stdout, "encoding", "?")
            _say(
                f"warning: the output encoding {encoding} cannot write Kyrgyz letters; "
                "they are written as \\uXXXX escapes (use a UTF-8 locale or PYTHONIOENCODING=utf-8)"
            )
        _escape_what_cannot_be_encoded(sys.stderr)
        sys.stdout = _Guarded(sys.stdout) if sys.stdout is not None else _Closed()
        try:
            code = self._run(args, prog_name, complete_var, extra, original_stdout)
        finally:
            sys.stdout = original_stdout
        sys.exit(code)

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        extra: dict[str, Any],
        stdout: Any,
    ) -> int:
        try:
            try:
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
                sys.stdout.flush()
            except UsageError as error:
                if type(error).__name__ == "NoArgsIsHelpError":  # `plancli` alone: the help
                    error.show()  # type: ignore[attr-defined]
                else:
                    _say(usage_line(error))
                return EXIT_USAGE
            except ClickException as error:
                message = error.format_message()  # type: ignore[attr-defined]
                _say("error: " + escape_controls(message, one_line=True))
                return int(error.exit_code)  # type: ignore[attr-defined]
            except typer.Abort:
                _say("error: interrupted")
                return EXIT_INTERRUPTED
            except KeyboardInterrupt:
                _say("error: interrupted")
                return EXIT_INTERRUPTED
        except OutputFailed as failure:
            if stdout is not None and stdout is sys.__stdout__:
                _silence(stdout)
            if failure.errno == errno.EPIPE:
                return EXIT_OK  # the reader has all it wanted
            _say(f"error: cannot write the output: {failure.reason}")
            return EXIT_FAILED
        return result if isinstance(result, int) else EXIT_OK
