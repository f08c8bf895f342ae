"""What every command shares: its options, the error edge, exit codes, output.

Declare an option here once and use its alias in each command's signature, so
that ``--agency`` or ``--as-of`` means, completes and validates the same
everywhere::

    @command()
    def overdue(
        as_of: AsOfOption = None,
        agency: AgencyOption = None,
        plan: PlanOption = None,
        glossary: GlossaryOption = None,
        fmt: FormatOption = Format.table,
    ) -> int:
        ...
        emit_listing(listing, fmt)
        return EXIT_OK

``command`` (from :mod:`plancli.cli`) registers the function with typer *and*
wraps it in :func:`error_edge`; a command never registers itself with
``app.command()`` alone. A command returns an exit code (the constants below)
and raises :class:`~plancli.errors.PlancliError` for anything the user caused.

Start-up time matters (every <Tab> runs the CLI): this module imports only
typer and light plancli modules; commands import their core modules inside
their bodies.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from plancli.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PlancliError,
)
from plancli.quarters import Quarter
from plancli.render import CalendarFormat, ChecklistFormat, ExportFormat, Format, ProblemFormat

if TYPE_CHECKING:
    from plancli.agencies import AgencyFilter
    from plancli.quarterly import ReportContents

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "STATE",
    "AgencyOption",
    "AsOfOption",
    "CalendarFormatOption",
    "ChecklistFormatOption",
    "DirectOption",
    "DueFromOption",
    "DueToOption",
    "ExportFormatOption",
    "ForceOption",
    "FormatOption",
    "FromOption",
    "GlossaryOption",
    "LeadOption",
    "OutputOption",
    "PlanOption",
    "ProblemFormatOption",
    "QuarterOption",
    "ReportingAgencyOption",
    "SectionOption",
    "StatusOption",
    "ToOption",
    "agency_filter",
    "complete",
    "date_option",
    "emit_listing",
    "emit_report",
    "error_edge",
    "format_option",
    "not_blank",
    "parse_date",
    "parse_quarter",
    "print_caveats",
    "print_error",
    "today",
    "write_binary",
]


class _State:
    """Global options (``plancli --debug --no-color COMMAND``)."""

    debug = False
    #: --quiet: do not name the files read (see plancli.discovery)
    quiet = False
    color: bool | None = None


STATE = _State()

F = TypeVar("F", bound=Callable[..., int])


# ------------------------------------------------------------- error edge


def say(line: str) -> None:
    """One ``plancli: …`` line on stderr: a note, a summary, an error.

    Messages name files and repeat what the user typed; a control character in
    either (a file named with an escape sequence) is written visibly, as
    ``\\x1b``, never passed to the terminal. Line breaks stay: some messages
    list problems under their first line.
    """
    from plancli.safetext import escape_controls

    sys.stderr.write(f"plancli: {escape_controls(line)}\n")


def print_error(message: str, hint: str | None = None) -> None:
    """One ``plancli: error:`` line (and a hint line) on stderr."""
    say(f"error: {message}")
    if hint:
        say(f"hint: {hint}")


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def error_edge(command: F) -> F:
    """Run a command body; turn its return value or failure into an exit code.

    The one place expected failures (:class:`PlancliError`) become a message:
    nothing below the command line prints errors or exits.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> int:
        try:
            code = command(*args, **kwargs)
        except PlancliError as error:
            print_error(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`plancli measures | head`): stop quietly.
            _silence_stdout()
            raise typer.Exit(EXIT_FINDINGS) from None  # as rich and the Python docs do
        except KeyboardInterrupt:
            print_error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as error:
            if STATE.debug:
                raise
            print_error(
                f"internal error: {type(error).__name__}: {error}",
                "this is a bug in plancli; rerun with --debug for the traceback and report it",
            )
            raise typer.Exit(EXIT_INTERNAL) from None
        raise typer.Exit(code or EXIT_OK)

    return wrapper  # type: ignore[return-value]


def command(
    app: typer.Typer, name: str | None = None, cls: Any = None, *, epilog: str | None = None
) -> Callable[[F], F]:
    """Register a command with ``app`` behind :func:`error_edge` (see module docs).

    ``cls``: a ``typer.core.TyperCommand`` subclass, for a command that parses specially.
    ``epilog``: help text printed after the options.
    """

    def register(function: F) -> F:
        app.command(name=name, cls=cls, epilog=epilog)(error_edge(function))
        return function

    return register


# ---------------------------------------------------------------- output


def today(as_of: dt.date | None) -> dt.date:
    """The command line is the only place that may read the clock."""
    return as_of if as_of is not None else dt.date.today()


def emit_listing(
    listing: Any, fmt: enum.Enum, output: Path | None = None, *, force: bool = False
) -> None:
    """Write a :class:`~plancli.render.Listing` in format ``fmt`` to stdout, or to
    ``output`` atomically (never replacing a file without ``force``)."""
    from plancli.output_options import OUTPUT
    from plancli.render import emit

    if fmt.value == "xlsx":  # binary: typed cells in a one-sheet workbook
        from plancli.render.xlsx import listing_workbook

        write_binary(listing_workbook(listing), output, force=force)
        return
    if output is None:
        color = False if OUTPUT.no_color else STATE.color
        emit(listing, fmt, sys.stdout, color=color, wide=OUTPUT.wide, bom=OUTPUT.bom)
        return
    import io

    from plancli.outfile import write_atomic

    buffer = io.StringIO()
    emit(listing, fmt, buffer, color=False, wide=OUTPUT.wide, bom=OUTPUT.bom)
    write_atomic(output, buffer.getvalue().encode("utf-8"), force=force)


def emit_report(
    contents: ReportContents,
    fmt: enum.Enum,
    output: Path | None = None,
    *,
    force: bool = False,
    status_name: str | None = None,
) -> None:
    """Write ``plancli report``'s contents: json and md (the quarterly report), html or xlsx."""
    from plancli import __version__
    from plancli.views import report_listing

    listing = report_listing(contents.quarterly) if contents.quarterly is not None else None
    document = listing.document if listing is not None else None
    if fmt.value == "json":
        assert listing is not None  # a ReportRequest for json has a quarter
        emit_listing(listing, fmt, output, force=force)
        return
    overview = contents.overview
    if overview is not None:
        print_caveats(overview.caveats)
    if fmt.value == "xlsx":
        from plancli.render.report_xlsx import report_workbook

        assert overview is not None
        write_binary(report_workbook(overview, document), output, force=force)
        return
    if fmt.value == "html":
        from plancli.render.html import render

        assert overview is not None
        text = render(
            overview,
            generator=f"plancli {__version__}",
            status_name=status_name,
            quarterly=document,
        )
    else:
        import io

        from plancli.render import report_md

        assert document is not None  # a ReportRequest for md has a quarter
        buffer = io.StringIO()
        report_md.write(document, buffer)
        text = buffer.getvalue()
    if output is None:
        sys.stdout.write(text)
    else:
        from plancli.outfile import write_atomic

        write_atomic(output, text.encode("utf-8"), force=force)


def write_binary(data: bytes, output: Path | None, *, force: bool = False) -> None:
    """Binary output (xlsx) goes to ``output``, or to stdout unless it is a terminal."""
    from plancli.errors import UsageError

    if output is not None:
        from plancli.outfile import write_atomic

        write_atomic(output, data, force=force)
        return
    if sys.stdout.isatty():
        raise UsageError(
            "refusing to write a binary xlsx workbook to the terminal",
            hint="give -o FILE.xlsx, or redirect: > FILE.xlsx",
        )
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# --------------------------------------------------------------- parsers


def parse_date(value: str) -> dt.date:
    """Strictly ``YYYY-MM-DD`` within the accepted range (:mod:`plancli.datetext`)."""
    from plancli.datetext import DateTextError
    from plancli.datetext import parse_date as parse

    try:
        return parse(value)
    except DateTextError as error:
        raise typer.BadParameter(str(error)) from None


def parse_quarter(value: str) -> Quarter:
    try:
        return Quarter.parse(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def not_blank(value: Any) -> Any:
    """Refuse ``--agency ''``: an empty filter is a mistake (an unset variable), not "all"."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and not item.strip():
            raise typer.BadParameter("must not be empty; leave the option out to mean all")
    return value


def complete(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """A completion callback (``plancli.completion.<kind>``) honouring --plan/--glossary."""

    def completer(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from plancli import completion

        function = getattr(completion, kind)
        result: list[tuple[str, str]] = function(
            incomplete, plan=ctx.params.get("plan"), glossary=ctx.params.get("glossary")
        )
        return result

    return completer


# ------------------------------------------------------ option factories


def date_option(flag: str, help: str) -> Any:
    """A ``YYYY-MM-DD`` option; use as ``Annotated[dt.date | None, date_option(...)]``."""
    return typer.Option(
        flag, parser=parse_date, metavar="YYYY-MM-DD", help=help, show_default=False
    )


def format_option(help: str = "Output format.") -> Any:
    """``--format/-f``; use as ``Annotated[SomeFormatEnum, format_option("…")]``."""
    return typer.Option("--format", "-f", help=help, case_sensitive=False)


# ------------------------------------------------------- shared options

# $PLANCLI_PLAN / $PLANCLI_GLOSSARY are read by plancli.discovery, not here, so
# that hints can tell the user's own options from the environment.
PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="Plan file (default: $PLANCLI_PLAN, ./plan.yaml, else the bundled plan).",
        show_default=False,
        dir_okay=True,
    ),
]
GlossaryOption = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        help="Glossary file (default: $PLANCLI_GLOSSARY, glossary.yaml beside the plan, "
        "else the bundled glossary).",
        show_default=False,
    ),
]
StatusOption = Annotated[
    Path | None,
    typer.Option(
        "--status",
        envvar="PLANCLI_STATUS",
        help="Status file with dated progress entries (see README, 'Status files').",
        show_default=False,
    ),
]

#: The one agency filter of every command that takes --agency: repeatable (the
#: union), with --lead and --direct; see plancli.queries.selection.agency_scope.
AgencyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--agency",
        "-a",
        help="Only measures this agency is responsible for: abbreviation, alias, name as "
        "tables print it, or words of its full name only it has (Юстиция = ЮМ). "
        "Repeatable: measures of any of them.",
        callback=not_blank,
        autocompletion=complete("agencies"),
        show_default=False,
    ),
]
#: The agencies a document is for (required, repeatable).
ReportingAgencyOption = Annotated[
    list[str],
    typer.Option(
        "--agency",
        "-a",
        help="The reporting agency, named as for --agency everywhere (ЮМ, Юстиция) "
        "(repeatable: measures of any of them).",
        callback=not_blank,
        autocompletion=complete("agencies"),
        show_default=False,
    ),
]
LeadOption = Annotated[
    bool, typer.Option("--lead", help="With --agency: only where the agency is the lead.")
]
DirectOption = Annotated[
    bool,
    typer.Option(
        "--direct", help="With --agency: only where the agency is named, not via a group."
    ),
]


def agency_filter(agency: list[str] | None, lead: bool, direct: bool) -> AgencyFilter:
    """The shared agency options as the core's :class:`~plancli.agencies.AgencyFilter`."""
    from plancli.agencies import AgencyFilter

    return AgencyFilter(tuple(agency or ()), lead, direct)


def print_caveats(caveats: tuple[str, ...]) -> None:
    """Edition caveats: one line each on stderr (JSON output carries them too)."""
    for caveat in caveats:
        say(f"note: {caveat}")


SectionOption = Annotated[
    str | None,
    typer.Option(
        "--section",
        "-s",
        help="Only this section (IV or 4).",
        callback=not_blank,
        autocompletion=complete("sections"),
    ),
]
QuarterOption = Annotated[
    Quarter,
    typer.Option(
        "--quarter",
        "-q",
        parser=parse_quarter,
        metavar="YYYYQN",
        help="The quarter, e.g. 2016Q4.",
    ),
]

AsOfOption = Annotated[
    dt.date | None,
    date_option(
        "--as-of", "The day to judge on (default: today). Status entries after it are ignored."
    ),
]
DueFromOption = Annotated[dt.date | None, date_option("--due-from", "Due on or after.")]
DueToOption = Annotated[dt.date | None, date_option("--due-to", "Due on or before.")]
FromOption = Annotated[dt.date | None, date_option("--from", "First day.")]
ToOption = Annotated[dt.date | None, date_option("--to", "Last day.")]

FormatOption = Annotated[Format, format_option()]
ExportFormatOption = Annotated[
    ExportFormat,
    format_option(
        "table, json, csv, or xlsx (an Excel workbook: typed cells; needs -o or a pipe)."
    ),
]
ProblemFormatOption = Annotated[
    ProblemFormat,
    format_option(
        "text: a line per problem; json: a list of problems; github: Actions annotations."
    ),
]
CalendarFormatOption = Annotated[
    CalendarFormat, format_option("table (month grids and a list), json, csv (the list) or ics.")
]
ChecklistFormatOption = Annotated[
    ChecklistFormat,
    format_option("md (paste into a report), csv, json or xlsx (a fillable workbook)."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        show_default=False,
        dir_okay=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Let -o replace an existing file.")]
