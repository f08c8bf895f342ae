"""The ``plancli`` command line.

Each command parses its options, calls one core function, hands the result to
a renderer and returns an exit code: 0 ok, 1 findings or invalid data, 2 bad
usage. Expected failures (:class:`~plancli.errors.PlancliError`) are caught in
one place, :func:`plancli.cli_options.error_edge`, and printed as one clear
line on stderr.

To add a command: declare it with ``@command()`` (never ``@app.command()``
alone), take its options from :mod:`plancli.cli_options`, call one query,
turn the result into a listing and ``emit_listing`` it; return an exit code.
See docs/architecture.md.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from plancli import cli_options, problem_codes
from plancli.cli_options import (
    EXIT_FINDINGS,
    EXIT_OK,
    STATE,
    AgencyOption,
    AsOfOption,
    CalendarFormatOption,
    ChecklistFormatOption,
    DirectOption,
    DueFromOption,
    DueToOption,
    ExportFormatOption,
    ForceOption,
    FormatOption,
    FromOption,
    GlossaryOption,
    LeadOption,
    OutputOption,
    PlanOption,
    ProblemFormatOption,
    QuarterOption,
    ReportingAgencyOption,
    SectionOption,
    StatusOption,
    ToOption,
    agency_filter,
    complete,
    date_option,
    emit_listing,
    emit_report,
    format_option,
    not_blank,
    parse_quarter,
    print_caveats,
    print_error,
    say,
    today,
    write_binary,
)
from plancli.discovery import DataFiles
from plancli.event_kinds import EventKind
from plancli.output_options import OutputGroup
from plancli.progress_order import ProgressSort
from plancli.quarters import Quarter
from plancli.render import (
    AgendaFormat,
    CalendarFormat,
    ChecklistFormat,
    ExportFormat,
    Format,
    ProblemFormat,
    ReportFormat,
)
from plancli.render.diffout import DiffFormat
from plancli.schema import KINDS
from plancli.streams import PlancliGroup


class _Group(OutputGroup, PlancliGroup):
    """plancli's command group: the stream edge and the output options together."""


app = typer.Typer(
    name="plancli",
    help=(
        "Query, validate and monitor the 2015-2017 Kyrgyz anti-corruption action plan "
        "(Government decree No. 170 of 30 March 2015).\n\n"
        "Files: the plan is --plan, else $PLANCLI_PLAN, else plan.yaml in the current "
        "directory, else the bundled plan; the glossary is --glossary, else "
        "$PLANCLI_GLOSSARY, else glossary.yaml beside the plan in use, else the bundled "
        "one. Files other than the bundled ones are named on stderr (not with --quiet).\n\n"
        "Exit codes: 0 ok, 1 findings or invalid data, 2 bad usage.\n\n"
        "\b\nExamples:\n\n"
        "\b\n"
        "    plancli overdue --as-of 2016-12-31\n"
        "    plancli measures --agency ИИМ\n"
        "    plancli calendar --year 2016 --format ics > plan-2016.ics\n"
        "    plancli agenda --as-of 2016-12-01 --days 60 --agency ЮМ\n"
        "    plancli overdue --help\n\n"
        "`plancli COMMAND --help` shows a command's options and examples."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click help: fast (no rich import) and the same on every terminal.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    # one-line usage errors; closed, full or broken output streams (plancli.streams);
    # --no-color, --wide and --bom after any command's name (plancli.output_options)
    cls=_Group,
)


#: Register a command behind the error edge: ``@command()`` or ``@command(name=...)``.
command = functools.partial(cli_options.command, app)


def _version(value: bool) -> None:
    """Print plancli's version and which decree and edition the default plan encodes."""
    if not value:
        return
    from plancli.about import version_line

    sys.stdout.write(version_line())
    raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of internal errors.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Never colour output (NO_COLOR is honoured too).")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Do not name the plan and glossary files read on stderr."
        ),
    ] = False,
) -> None:
    from plancli.loading import set_files_listener

    STATE.debug = debug
    STATE.quiet = quiet
    STATE.color = False if no_color else None
    set_files_listener(_name_files)


def _name_files(files: DataFiles) -> None:
    """Say which files a command reads, unless they are the bundled ones (or --quiet)."""
    if not files.bundled and not STATE.quiet:
        say(files.note())


# ----------------------------------------------------------------- commands


@command(epilog=problem_codes.help_text())
def validate(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PLAN]...",
            help="Plan files to check (default: --plan, $PLANCLI_PLAN, ./plan.yaml or the "
            "bundled plan), each with the glossary beside it unless --glossary is given.",
            show_default=False,
        ),
    ] = None,
    plan_option: PlanOption = None,
    glossary: GlossaryOption = None,
    status: StatusOption = None,
    fmt: ProblemFormatOption = ProblemFormat.text,
) -> int:
    """Check plan.yaml and glossary.yaml (and a status file): schema, numbering, cells, names.

    Every problem is reported, one per line as FILE:LINE:COL: measure ID: message [code],
    then a summary naming the files checked (on stderr with --format json/github).
    Without arguments, the files every command reads are checked (--plan, else
    $PLANCLI_PLAN, else ./plan.yaml, else the bundled plan; its glossary likewise, see
    `plancli --help`). Exit 0 when the files are valid, 1 otherwise.

    Examples:

    \b
        plancli validate
        plancli validate my-plan.yaml --glossary my-glossary.yaml
        plancli validate plan-2015.yaml plan-2016.yaml
        plancli validate --format json
        plancli validate --status docs/examples/status-example.yaml
    """
    from plancli.discovery import discover
    from plancli.errors import UsageError
    from plancli.loading import validate_files
    from plancli.problem_output import summary, write_problems

    if plans and plan_option is not None:
        raise UsageError("give plans either as arguments or with --plan, not both")
    targets: list[Path | None] = list(plans) if plans else [plan_option]
    results = [validate_files(discover(p, glossary), status=status) for p in targets]
    write_problems(results, fmt, sys.stdout)
    if fmt is not ProblemFormat.text:  # stdout is for machines: name the files on stderr
        for result in results:
            say(summary(result))
    return EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS


@command()
def measures(
    agency: AgencyOption = None,
    lead: LeadOption = False,
    direct: DirectOption = False,
    by_agreement: Annotated[
        bool | None,
        typer.Option(
            "--by-agreement/--no-by-agreement",
            help="Only measures with an executor acting by agreement (макулдашуу боюнча), or "
            "with one not; with --agency, where that agency's role is (or is not).",
            show_default=False,
        ),
    ] = None,
    section: SectionOption = None,
    task: Annotated[int | None, typer.Option("--task", "-t", help="Task number.", min=1)] = None,
    due_from: DueFromOption = None,
    due_to: DueToOption = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            callback=not_blank,
            help="Text in the measure, its sub-items or results (any case).",
        ),
    ] = None,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: ExportFormatOption = ExportFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> int:
    """List measures, optionally only those of an agency, section, task, due window or text.

    With --agency each row says the agency's role: lead (first executor), co-executor,
    or via group (the measure names a group the glossary counts the agency in, e.g.
    "укук коргоо органдары" or "мамлекеттик органдар").

    Examples:

    \b
        plancli measures --agency ИИМ
        plancli measures --agency ЮМ --lead --format json
        plancli measures --section IV --due-to 2015-12-31
        plancli measures --search "ачык-айкындуулук" --format csv > found.csv
    """
    from plancli.loading import load_dataset
    from plancli.queries.selection import select_measures
    from plancli.views import selection_listing

    data = load_dataset(plan, glossary)
    selected = select_measures(
        data,
        agency_filter=agency_filter(agency, lead, direct),
        by_agreement=by_agreement,
        section=section,
        task=task,
        due_from=due_from,
        due_to=due_to,
        search=search,
    )
    emit_listing(selection_listing(selected), fmt, output, force=force)
    return EXIT_OK


@command()
def show(
    measure_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Measure id, e.g. 12.1, or one year of an annual measure as overdue prints it, "
            "e.g. 1.2@2016.",
            autocompletion=complete("measure_ids"),
        ),
    ],
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    status: StatusOption = None,
    as_of: Annotated[
        dt.date | None,
        date_option(
            "--as-of",
            "Also say where the measure (each year of it, or the year of ID@YEAR) stands "
            "that day, as overdue does (default: not judged; today with --status).",
        ),
    ] = None,
    fmt: FormatOption = Format.table,
) -> int:
    """Show one measure in full: titles, text, deadline and its reading, executors, results.

    An id as overdue and checklist print it for one year of an annual measure
    (1.2@2016) shows the measure with that year's due date. With --as-of or
    --status it also says where it stands that day, as overdue would.

    Examples:

    \b
        plancli show 4.2
        plancli show 1.2@2016
        plancli show 1.2@2016 --as-of 2016-12-31
        plancli show 14.1 --format json
    """
    from plancli.loading import load_dataset, load_status
    from plancli.queries.show import shown_measure
    from plancli.views import show_listing

    data = load_dataset(plan, glossary)
    log = load_status(status, data)
    day = today(as_of) if as_of is not None or log is not None else None
    shown = shown_measure(data, measure_id, as_of=day, status=log)
    print_caveats(shown.caveats)
    emit_listing(show_listing(shown), fmt)
    return EXIT_OK


@command()
def agencies(
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: FormatOption = Format.table,
) -> int:
    """List every body responsible for a measure, with counts by role.

    Counts are measures: as lead, as co-executor, via a group, and how many of the
    direct ones are "by agreement".

    Examples:

    \b
        plancli agencies
        plancli agencies --format csv > agencies.csv
    """
    from plancli.loading import load_dataset
    from plancli.queries.agencies import agency_summaries
    from plancli.views import agencies_listing

    data = load_dataset(plan, glossary)
    emit_listing(agencies_listing(agency_summaries(data)), fmt)
    return EXIT_OK


@command()
def expand(
    terms: Annotated[
        list[str] | None, typer.Argument(metavar="[TERM]...", help="Abbreviations or names.")
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", help="Expand every known abbreviation inside this text."),
    ] = None,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: FormatOption = Format.table,
) -> int:
    """Expand abbreviations: ЮМ -> Кыргыз Республикасынын Юстиция министрлиги.

    Unknown terms exit 1 with "did you mean" suggestions (Latin look-alike letters
    such as a Latin M in "ЮM" included).

    Examples:

    \b
        plancli expand ЮМ БШК
        plancli expand МФ --format json
        plancli expand --text "ЮМ, БШК (макулдашуу боюнча)"
    """
    from plancli.errors import UsageError
    from plancli.loading import load_dataset
    from plancli.queries.glossary import expand_terms
    from plancli.views import expansion_listing, text_expansion_listing

    if bool(terms) == (text is not None):
        raise UsageError("give abbreviations as arguments or one --text, not both or neither")
    data = load_dataset(plan, glossary)
    if text is not None:
        from plancli.safetext import escape_controls

        expanded = data.glossary.expand_text(text)
        # the text is the user's, but echoed: never a raw escape sequence on a terminal
        listing = text_expansion_listing(text, expanded)
        listing.text = escape_controls(expanded)
        emit_listing(listing, fmt)
        return EXIT_OK
    found, failed = expand_terms(data, terms or [])
    if found:
        emit_listing(expansion_listing(found), fmt)
    for error in failed:
        print_error(error.message, error.hint)
    return EXIT_FINDINGS if failed else EXIT_OK


@command(name="glossary")
def glossary_command(
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            callback=not_blank,
            help="Text in the term, expansion or alias_of (any case).",
        ),
    ] = None,
    used: Annotated[bool, typer.Option("--used", help="Only entries the plan uses.")] = False,
    unused: Annotated[bool, typer.Option("--unused", help="Only entries it never uses.")] = False,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: FormatOption = Format.table,
) -> int:
    """List glossary entries with their provenance and how often the plan uses them.

    "Used" means named as an executor or occurring in a text of the plan (also with a
    Kyrgyz suffix: ЧУАларга counts for ЧУА).

    Examples:

    \b
        plancli glossary
        plancli glossary --search министрлиги
        plancli glossary --unused --format csv
    """
    from plancli.errors import UsageError
    from plancli.loading import load_dataset
    from plancli.queries.glossary import glossary_entries
    from plancli.views import glossary_listing

    if used and unused:
        raise UsageError("--used and --unused exclude each other")
    data = load_dataset(plan, glossary)
    wanted = True if used else False if unused else None
    emit_listing(glossary_listing(glossary_entries(data, search=search, used=wanted)), fmt)
    return EXIT_OK


@command()
def deadlines(
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: FormatOption = Format.table,
) -> int:
    """Show each distinct deadline phrase, how plancli reads it, and the measures using it.

    The due date is the end of the period a phrase names: the last day of the month,
    30 June for a first half-year, the end of a range's last month, 31 December of a
    period's last year; "жыл сайын" is due each 31 December of the plan years.

    Examples:

    \b
        plancli deadlines
        plancli deadlines --format json
    """
    from plancli.loading import load_dataset
    from plancli.queries.deadlines import deadline_uses
    from plancli.views import deadlines_listing

    data = load_dataset(plan, glossary)
    emit_listing(deadlines_listing(deadline_uses(data)), fmt)
    return EXIT_OK


@command()
def overdue(
    as_of: AsOfOption = None,
    agency: AgencyOption = None,
    lead: LeadOption = False,
    direct: DirectOption = False,
    section: SectionOption = None,
    status: StatusOption = None,
    include_undated: Annotated[
        bool,
        typer.Option("--include-undated", help="Also list measures with an empty deadline cell."),
    ] = False,
    fail_if_any: Annotated[
        bool, typer.Option("--fail-if-any", help="Exit 1 when anything is overdue (for CI).")
    ] = False,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: ExportFormatOption = ExportFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> int:
    """List what is overdue as of a day, most days late first.

    A deadline is overdue on day D when its due date (the end of the period the
    phrase names) is before D and the measure is not done; on the due date itself it
    is "due today", listed apart. "Дайыма" (continuous) never becomes overdue; the
    empty deadline cells of 29.3-29.7 are "undated"; "жыл сайын" (annual) is due
    each 31 December and every missed year is listed on its own (1.2@2015).
    With --status, only entries dated on or before D count, and a measure done after
    its due date is listed as "completed late". Exits 0 whatever it finds, unless
    --fail-if-any.

    Examples:

    \b
        plancli overdue --as-of 2016-12-31
        plancli overdue --as-of 2016-12-31 --agency ЮМ --format json
        plancli overdue --as-of 2016-12-31 -a ЮМ -a ИИМ --direct
        plancli overdue --as-of 2017-06-30 --status status.yaml --fail-if-any
    """
    from plancli.loading import load_dataset, load_status
    from plancli.queries.overdue import overdue_items
    from plancli.views import overdue_listing

    data = load_dataset(plan, glossary)
    log = load_status(status, data)
    view = overdue_items(
        data,
        as_of=today(as_of),
        agency_filter=agency_filter(agency, lead, direct),
        section=section,
        status=log,
        include_undated=include_undated,
    )
    print_caveats(view.caveats)
    emit_listing(overdue_listing(view), fmt, output, force=force)
    if fail_if_any and view.findings.counts["overdue"]:
        return EXIT_FINDINGS
    return EXIT_OK


class _By(str, enum.Enum):
    section = "section"
    agency = "agency"


@command()
def progress(
    as_of: AsOfOption = None,
    status: StatusOption = None,
    by: Annotated[
        _By, typer.Option("--by", help="Group by section or by responsible body.")
    ] = _By.section,
    agency: AgencyOption = None,
    lead: Annotated[
        bool,
        typer.Option("--lead", help="Count only measures the agency leads (by agency: any body)."),
    ] = False,
    direct: Annotated[
        bool,
        typer.Option(
            "--direct",
            help="Count only measures naming the agency, not via a group (by agency: any body).",
        ),
    ] = False,
    sort: Annotated[
        ProgressSort,
        typer.Option("--sort", help="Order of the rows by agency (numbers: largest first)."),
    ] = ProgressSort.total,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: ExportFormatOption = ExportFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> int:
    """Count, per section or per responsible body, what is done, done late, in progress,
    overdue, due today, not yet due, continuous and undated as of a day.

    By agency: one row per real body (groups such as "мамлекеттик органдар" are not
    rows; their member bodies are), its obligations split by its role (lead,
    co-executor, via group), percentages done and overdue, and a TOTAL row counting
    each obligation once. --lead and --direct restrict the roles counted in every row
    (no --agency needed), so a row's overdue count is what `overdue --agency X` with
    the same flags lists. With --agency, only those rows (by section: only their
    measures).

    Examples:

    \b
        plancli progress --as-of 2016-12-31
        plancli progress --as-of 2016-12-31 --by agency --sort overdue
        plancli progress --as-of 2016-12-31 --by agency --direct -a ЮМ -a ИИМ
        plancli progress --as-of 2017-12-31 --status status.yaml --by agency --format csv
    """
    from plancli.loading import load_dataset, load_status
    from plancli.queries.progress import progress_by_agency, progress_by_section
    from plancli.views import agency_progress_listing, progress_listing

    data = load_dataset(plan, glossary)
    log = load_status(status, data)
    day = today(as_of)
    selection = agency_filter(agency, lead, direct)
    if by is _By.agency:
        view = progress_by_agency(data, as_of=day, status=log, agency_filter=selection, sort=sort)
        print_caveats(view.caveats)
        emit_listing(agency_progress_listing(view), fmt, output, force=force)
        return EXIT_OK
    by_section = progress_by_section(data, as_of=day, status=log, agency_filter=selection)
    print_caveats(by_section.caveats)
    emit_listing(progress_listing(by_section), fmt, output, force=force)
    return EXIT_OK


#: What a bare ``--month`` stands for: the as-of day's month.
_AS_OF_MONTH = "as-of"


class _MonthCommand(typer.core.TyperCommand):
    """Lets ``--month`` stand alone (the as-of month), as ``cal`` does without arguments."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args = list(args)
        for i, arg in enumerate(args):
            if arg == "--":
                break
            if arg in ("--month", "-m") and (i + 1 == len(args) or args[i + 1].startswith("-")):
                args.insert(i + 1, _AS_OF_MONTH)
                break
        result: list[str] = super().parse_args(ctx, args)
        return result


def _parse_month(value: str) -> str:
    if value == _AS_OF_MONTH:
        return value
    from plancli.datetext import DateTextError, parse_month

    try:
        return parse_month(value).isoformat()
    except DateTextError as error:
        raise typer.BadParameter(str(error)) from None


@command(name="calendar", cls=_MonthCommand)
def calendar_command(
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="One calendar year.", min=1990, max=2100)
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            parser=_parse_month,
            metavar="[YYYY-MM]",
            help="One month, its events grouped by day (alone: the as-of month).",
            show_default=False,
        ),
    ] = None,
    start: FromOption = None,
    end: ToOption = None,
    agency: AgencyOption = None,
    lead: LeadOption = False,
    direct: DirectOption = False,
    kind: Annotated[
        list[EventKind] | None, typer.Option("--kind", "-k", help="Only these kinds (repeatable).")
    ] = None,
    working_days: Annotated[
        bool,
        typer.Option(
            "--working-days",
            help="Move dates on weekends and public holidays to the next working day "
            "(Civil Code art. 209(5)); both dates are shown.",
        ),
    ] = False,
    as_of: Annotated[
        dt.date | None,
        date_option(
            "--as-of",
            "The day highlighted in the grids, and the month of a bare --month (default: today).",
        ),
    ] = None,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: CalendarFormatOption = CalendarFormat.table,
) -> int:
    """Show the plan's rhythm: quarterly reports, measure deadlines and update obligations.

    Event kinds: agency-report (agencies report each quarter by the 15th of the next
    month, point 2), office-report (the Government Office by the 25th, point 4),
    deadline (each measure's due date; each year of an annual one), range-start, and
    update (quarterly or half-yearly updates a deadline asks for, after it, to the end
    of 2017). Without --year, --month or --from/--to: the plan's years and the January
    after them (2015-01-01 to 2018-01-31, the reports on the last quarter included);
    --from or --to alone keeps the other end of that period.

    The table format draws month grids side by side, as many as the terminal's width
    allows (COLUMNS when piped, else 80), each marked day showing its kinds (15R, 25O,
    31DU), the as-of day highlighted; then the events, one line each, grouped by day.

    Examples:

    \b
        plancli calendar --year 2016
        plancli calendar --month 2016-12
        plancli calendar --month --as-of 2016-12-01
        plancli calendar --year 2016 --agency ЮМ --kind deadline
        plancli calendar --year 2017 -a ЮМ -a ИИМ --lead
        plancli calendar --from 2016-10-01 --to 2017-01-31 --working-days
        plancli calendar --year 2016 --format ics > plan-2016.ics
    """
    from plancli.errors import UsageError
    from plancli.loading import load_dataset
    from plancli.queries.calendar import calendar_events
    from plancli.views import calendar_listing

    if sum((year is not None, month is not None, bool(start or end))) > 1:
        raise UsageError("give one of --year, --month or --from/--to")
    day = today(as_of)
    if month is not None:
        first = day.replace(day=1) if month == _AS_OF_MONTH else dt.date.fromisoformat(month)
        start, end = first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    data = load_dataset(plan, glossary)
    view = calendar_events(
        data,
        year=year,
        start=start,
        end=end,
        agency_filter=agency_filter(agency, lead, direct),
        kinds=list(kind or ()),
        working_days=working_days,
    )
    print_caveats(view.caveats)
    emit_listing(calendar_listing(view, as_of=day), fmt)
    return EXIT_OK


@command()
def agenda(
    as_of: Annotated[
        dt.date | None,
        date_option(
            "--as-of", "The first day listed (default: today); states are as known that day."
        ),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            "-d",
            min=1,
            max=36600,
            help="How many days to list, the as-of day included (default: 30).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        dt.date | None, date_option("--until", "The last day listed, instead of --days.")
    ] = None,
    agency: AgencyOption = None,
    lead: LeadOption = False,
    direct: DirectOption = False,
    status: StatusOption = None,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: Annotated[
        AgendaFormat,
        format_option("table (one line per item, grouped by day), json, csv or ics."),
    ] = AgendaFormat.table,
) -> int:
    """What falls due, day by day from the as-of day: reports, deadlines, updates.

    Lists the agencies' reports (15th), the Government Office's (25th), measure
    deadlines, range starts and updates, each with its lead and a shortened measure
    text, one line per item at the terminal's width. With --status each line also
    says where the measure stands (done, in progress, overdue…) on the as-of day.
    With --agency, only what those agencies are responsible for (lead, co-executor
    or through a group) and the reports they owe.

    Examples:

    \b
        plancli agenda --as-of 2016-12-01 --days 60 --agency ЮМ
        plancli agenda --as-of 2016-12-01 --until 2017-01-31 --status status.yaml
        plancli agenda --as-of 2017-03-01 --agency ИИМ --agency ЮМ --format csv
        plancli agenda --as-of 2016-12-01 --days 90 --format ics > next-90-days.ics
    """
    from plancli.agenda import agenda_items
    from plancli.loading import load_dataset, load_status
    from plancli.views import agenda_listing

    data = load_dataset(plan, glossary)
    log = load_status(status, data)
    result = agenda_items(
        data,
        as_of=today(as_of),
        days=days,
        until=until,
        agencies=agency or (),
        lead=lead,
        direct=direct,
        status=log,
    )
    emit_listing(agenda_listing(result), fmt)
    return EXIT_OK


@command()
def checklist(
    agency: ReportingAgencyOption,
    quarter: QuarterOption,
    lead: LeadOption = False,
    direct: DirectOption = False,
    as_of: Annotated[
        dt.date | None,
        date_option(
            "--as-of",
            "The day to judge on (default: the quarter's last day). Status entries after it "
            "are ignored.",
        ),
    ] = None,
    status: StatusOption = None,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: ChecklistFormatOption = ChecklistFormat.md,
    output: OutputOption = None,
    force: ForceOption = False,
) -> int:
    """An agency's checklist for its quarterly report, to fill in and send back.

    Every measure the agency is responsible for (lead, co-executor or through a
    group), with its full text and sub-items, its deadline and its standing on the
    quarter's last day (or --as-of): overdue, due, not yet due, continuous, in
    progress, done or done late (with --status, which also shows the latest
    report). Measures done before the quarter began are left out. The heading says
    when the report is due and to whom. The columns state, date, evidence and note
    are left empty to fill in; `plancli collect` reads the filled file back
    (xlsx, csv or json).

    xlsx: the plan columns are locked (sheet protection without a password),
    state is a drop-down, date accepts dates only, and the sheet prints on A4
    landscape. It is binary: give -o FILE (or redirect stdout).

    Examples:

    \b
        plancli checklist --agency ЮМ --quarter 2016Q4
        plancli checklist --agency ЮМ --quarter 2016Q4 --format xlsx -o ЮМ-2016Q4.xlsx
        plancli checklist --agency ИИМ --quarter 2017Q1 --status status.yaml --format csv
        plancli checklist --agency ИИМ --direct --quarter 2016Q4
    """
    from plancli.loading import load_dataset, load_status
    from plancli.queries.checklist import agency_checklist
    from plancli.views import checklist_listing

    data = load_dataset(plan, glossary)
    log = load_status(status, data)
    result = agency_checklist(
        data,
        agency_filter=agency_filter(agency, lead, direct),
        quarter=quarter,
        as_of=as_of,
        status=log,
    )
    print_caveats(result.caveats)
    listing = checklist_listing(result)
    if fmt is ChecklistFormat.xlsx:
        from plancli.render.checklist_xlsx import checklist_workbook

        assert listing.document is not None  # checklist_listing always builds one
        workbook = checklist_workbook(listing.document, first_date=data.plan.decree.date)
        write_binary(workbook, output, force=force)
    else:
        emit_listing(listing, fmt, output, force=force)
    return EXIT_OK


@command(name="diff")
def diff_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[OLD] [NEW]",
            help="Two plan files; with --git, at most one (the working-tree plan).",
            show_default=False,
        ),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            metavar="REV",
            help="Compare the working-tree plan with the plan at this git revision.",
        ),
    ] = None,
    glossary_old: Annotated[
        Path | None,
        typer.Option(
            "--glossary-old",
            help="The old plan's glossary (default: --glossary, else the one beside it).",
        ),
    ] = None,
    glossary_new: Annotated[
        Path | None,
        typer.Option(
            "--glossary-new",
            help="The new plan's glossary (default: --glossary, else the one beside it).",
        ),
    ] = None,
    as_of: Annotated[
        dt.date | None,
        date_option("--as-of", "The day whose overdue obligations are compared (default: today)."),
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the meaning changed (as git diff).")
    ] = False,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: Annotated[
        DiffFormat,
        format_option("text (coloured on a terminal), md (a pull-request comment) or json."),
    ] = DiffFormat.text,
) -> int:
    """Show what an edit changes in meaning: measures, deadlines, executors, titles, glossary.

    Compares two plans (and glossaries) as the decree reads, not line by line: a
    re-wrapped paragraph is no change; a renumbered measure is matched by its text.
    Deadline changes show both due dates and the shift in days; the last lines say
    which obligations become (or stop being) overdue as of --as-of (default today).
    Exit 0, or 1 with --exit-code when anything changed; 1 when a side is invalid.

    Examples:

    \b
        plancli diff old/plan.yaml plan.yaml
        plancli diff --git origin/main --format md > diff.md
        plancli diff --git HEAD --exit-code --as-of 2016-12-31
        plancli diff a.yaml b.yaml --glossary-old a-gl.yaml --glossary-new b-gl.yaml -f json
    """
    from plancli.diffsource import load_sides
    from plancli.plandiff import diff_datasets
    from plancli.render.diffout import write

    old, new = load_sides(
        files or [],
        revision=git,
        plan=plan,
        glossary_old=glossary_old or glossary,
        glossary_new=glossary_new or glossary,
    )
    result = diff_datasets(old, new, as_of=today(as_of))
    write(result, fmt, sys.stdout, color=STATE.color)
    return EXIT_FINDINGS if exit_code and not result.empty else EXIT_OK


@command()
def collect(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="Filled checklists (.xlsx, .csv or .json), any agencies and quarters.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The status file to write or merge into.",
            show_default=False,
            dir_okay=False,
        ),
    ],
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
) -> int:
    """Read filled checklists back into a status file.

    Each answered row becomes a status entry with the agency as reported_by and
    the checklist's quarter, plus state, date, evidence and note. Blank rows are
    "no report". Every problem of every file is listed at once with its place
    (ЮМ-2016Q4.xlsx:checklist!H12, file.csv:12:state). With any error, nothing
    is written and the exit code is 1; warnings (done without evidence) do not
    stop it. Entries already in the status file are not added again, and none
    is ever dropped; the file is written atomically and `plancli validate
    --status` accepts it.

    Examples:

    \b
        plancli collect ЮМ-2016Q4.xlsx ИИМ-2016Q4.csv -o status.yaml
        plancli collect reports/*.xlsx -o status.yaml
    """
    from plancli.collect import collect_into
    from plancli.files import display_name
    from plancli.loading import load_dataset
    from plancli.outfile import write_atomic
    from plancli.safetext import escape_controls

    data = load_dataset(plan, glossary)
    merge = collect_into(data, files, output)
    result = merge.collected
    for finding in result.findings:
        sys.stderr.write(escape_controls(finding.format(), one_line=True) + "\n")
    errors = sum(f.level == "error" for f in result.findings)
    warnings = len(result.findings) - errors
    name = display_name(output)
    if errors:
        say(
            f"{errors} error{'s' if errors != 1 else ''} in {result.files} "
            f"file{'s' if result.files != 1 else ''}; nothing written to {name}"
        )
        return EXIT_FINDINGS
    if merge.text is not None:
        write_atomic(output, merge.text.encode("utf-8"), force=True)
    say(
        f"{len(result.entries)} new entr{'ies' if len(result.entries) != 1 else 'y'} "
        f"from {result.files} file{'s' if result.files != 1 else ''} into {name} "
        f"({merge.before} there before, {result.already_there} already there"
        + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")
        + ")"
    )
    return EXIT_OK


export_app = typer.Typer(
    name="export",
    help=(
        "Publish the plan as open data: a Frictionless Data Package (CSV + Table Schemas) "
        "or a SQLite database.\n\n"
        "\b\nExamples:\n\n"
        "\b\n"
        "    plancli export datapackage out/\n"
        "    plancli export sqlite plan.db --force"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app)
#: Unlike the shared ForceOption (for -o files), it names what an export replaces.
ReplaceExportOption = Annotated[
    bool, typer.Option("--force", help="Replace an existing export (otherwise exit 1).")
]


@cli_options.command(export_app, name="datapackage")
def export_datapackage(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Directory for datapackage.json and the CSVs.")
    ],
    status: StatusOption = None,
    force: ReplaceExportOption = False,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
) -> int:
    """Write a Frictionless Data Package: datapackage.json and one CSV per table.

    Tables: sections, tasks, measures, occurrences (one row per dated obligation),
    executors, glossary, group_members; with --status, status too. Each has a Table
    Schema (types, enums, primary and foreign keys); the descriptor carries the
    decree's metadata, licence and sources. Check it with `frictionless validate
    DIR/datapackage.json`.

    Examples:

    \b
        plancli export datapackage out/
        plancli export datapackage out/ --status status.yaml --force
    """
    from plancli.loading import load_dataset, load_status
    from plancli.opendata import open_data
    from plancli.render.datapackage import write_package

    data = load_dataset(plan, glossary)
    tables = open_data(data, load_status(status, data), str(status) if status else None)
    written = write_package(tables, directory, force=force)
    say(f"wrote {written[0]} and {len(written) - 1} CSV files")
    return EXIT_OK


@cli_options.command(export_app, name="sqlite")
def export_sqlite(
    database: Annotated[Path, typer.Argument(metavar="FILE.db", help="The database to write.")],
    status: StatusOption = None,
    force: ReplaceExportOption = False,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
) -> int:
    """Write a SQLite database: the same tables with keys, indexes and full-text search.

    Primary and foreign keys, CHECK constraints for enums, indexes for the usual
    joins, and an FTS5 table `texts` over every Kyrgyz text. Lists are JSON arrays
    (json_each), dates ISO text. Written atomically; an existing file is replaced
    only with --force. README "Open data" has example queries.

    Examples:

    \b
        plancli export sqlite plan.db
        sqlite3 plan.db "SELECT id FROM occurrences WHERE due < '2016-12-31'"
    """
    from plancli.loading import load_dataset, load_status
    from plancli.opendata import open_data
    from plancli.render.sqlitedb import write_database

    data = load_dataset(plan, glossary)
    tables = open_data(data, load_status(status, data), str(status) if status else None)
    write_database(tables, database, force=force)
    say(f"wrote {database}")
    return EXIT_OK


@command()
def report(
    quarter: Annotated[
        Quarter | None,
        typer.Option(
            "--quarter",
            "-q",
            parser=parse_quarter,
            metavar="YYYYQN",
            help="The quarter reported on, e.g. 2016Q4 (needed for md and json).",
        ),
    ] = None,
    as_of: Annotated[
        dt.date | None,
        date_option(
            "--as-of", "html/xlsx without --quarter: the day to judge on (default: today)."
        ),
    ] = None,
    status: StatusOption = None,
    agency: AgencyOption = None,
    lead: LeadOption = False,
    direct: DirectOption = False,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: Annotated[
        ReportFormat,
        format_option(
            "md (ready to paste), json, html (one self-contained page with charts) or xlsx."
        ),
    ] = ReportFormat.md,
    output: OutputOption = None,
    force: ForceOption = False,
) -> int:
    """The Government Office's quarterly report, and a page to share where the plan stands.

    md and json (--quarter needed): what point 4 of the decree asks by the 25th
    of the month after the quarter: counts per section (done, done late, in
    progress, partially done, overdue, due, not yet due, continuous, undated), a
    row per agency (items, reported or not, done, overdue, at risk), the bodies
    that sent no report, what became done or overdue during the quarter, what is
    at risk next quarter (due then, not started or not reported on) and where
    reporters disagree. States come from --status (the file `plancli collect`
    writes), judged on the quarter's last day.

    html: one self-contained file (no network requests; safe to e-mail) with a
    summary, charts (progress by section, obligations by agency, a timeline of
    due dates, overdue obligations month by month), every measure with a filter
    box and sortable columns, and with --quarter the quarterly report too. It is
    judged on --as-of (default today) or on the quarter's last day. xlsx: the same
    as typed sheets. --agency (repeatable) limits both to those agencies' measures.

    Examples:

    \b
        plancli report --quarter 2016Q4 --status status.yaml
        plancli report --quarter 2016Q4 --status status.yaml --format json
        plancli report --quarter 2016Q4 --status status.yaml -o report-2016Q4.md
        plancli report --as-of 2016-12-31 --format html -o report.html
        plancli report --quarter 2016Q4 --agency ЮМ --lead --format html -o ЮМ-2016Q4.html
        plancli report --as-of 2016-12-31 --format xlsx -o report.xlsx
    """
    from plancli.loading import load_dataset, load_status
    from plancli.quarterly import ReportRequest, report_contents

    request = ReportRequest(fmt.value, quarter, as_of, agency_filter(agency, lead, direct))
    data = load_dataset(plan, glossary)
    log = load_status(status, data)
    contents = report_contents(data, request, status=log, today=today(as_of))
    status_name = status.name if status is not None else None
    emit_report(contents, fmt, output, force=force, status_name=status_name)
    return EXIT_OK


@command()
def changes(
    start: Annotated[dt.date, date_option("--from", "The earlier day.")],
    end: Annotated[dt.date, date_option("--to", "The later day.")],
    status: StatusOption = None,
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: FormatOption = Format.table,
) -> int:
    """What changed between two days: became overdue, done, done late, became due.

    Each obligation is judged on both days (with --status, only entries dated on
    or before each day count) and listed when it is overdue, done, done late or
    due on the later day but was not on the earlier one.

    Examples:

    \b
        plancli changes --from 2016-06-30 --to 2016-12-31
        plancli changes --from 2016-06-30 --to 2016-12-31 --status status.yaml -f json
    """
    from plancli.loading import load_dataset, load_status
    from plancli.quarterly import standing_changes
    from plancli.views import changes_listing

    data = load_dataset(plan, glossary)
    log = load_status(status, data)
    emit_listing(changes_listing(standing_changes(data, start=start, end=end, status=log)), fmt)
    return EXIT_OK


# schema.py is light at import time (pydantic only when a schema is built)
_SchemaKind = enum.Enum("_SchemaKind", {kind: kind for kind in KINDS}, type=str)  # type: ignore[misc]


@command()
def schema(
    kind: Annotated[_SchemaKind, typer.Argument(help="Which file's schema.", case_sensitive=False)],
) -> int:
    """Print the JSON Schema of a plan, glossary or status file (from plancli's models).

    The schemas are committed under schema/ for editors and check-jsonschema; plan.yaml
    and glossary.yaml name theirs in a `# yaml-language-server: $schema=…` first line.

    Examples:

    \b
        plancli schema plan > schema/plan.schema.json
        check-jsonschema --schemafile schema/plan.schema.json plan.yaml
    """
    from plancli.schema import schema_text

    sys.stdout.write(schema_text(kind.value))
    return EXIT_OK


def _lean_app(args: list[str]) -> typer.Typer:
    """The app with only the command ``args`` name, when they name exactly one.

    Typer builds every command's click parameters (reading each signature's
    annotations) before it parses anything; a process runs one command, so
    building the other twenty costs start-up time for nothing. The group's own
    options are all flags, so the command is the first argument that is not an
    option. Help, version, shell completion, a typo (click suggests a name) and
    anything unusual get the whole app.
    """
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None or "_PLANCLI_COMPLETE" in os.environ:
        return _with_annotations_resolved(app)
    for info in app.registered_commands:
        callback = info.callback
        if info.name == name or (
            info.name is None
            and callback is not None
            and typer.main.get_command_name(callback.__name__) == name
        ):
            lean = copy.copy(app)
            lean.registered_commands = [info]
            return _with_annotations_resolved(lean)
    return _with_annotations_resolved(app)


def _with_annotations_resolved(built: typer.Typer) -> typer.Typer:
    """``built``, its commands' annotations evaluated once, before typer reads them.

    This module's annotations are strings (``from __future__ import
    annotations``), and typer evaluates a command's whole signature three times
    while it builds the command: about 6 % of the instructions of ``plancli
    --help``, which builds all of them (callgrind). Evaluated once here, the
    same objects reach typer.
    """
    import typing

    for info in built.registered_commands:
        function = info.callback
        if function is None or not any(
            isinstance(a, str) for a in function.__annotations__.values()
        ):
            continue  # resolved before (tests build the app many times in one process)
        resolved = typing.get_type_hints(function, include_extras=True)
        while function is not None:  # error_edge's wrapper shares the command's annotations
            function.__annotations__ = resolved
            function = getattr(function, "__wrapped__", None)
    return built


def main() -> None:
    """Entry point of the ``plancli`` console script."""
    _lean_app(sys.argv[1:])(prog_name="plancli")
