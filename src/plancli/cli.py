"""The ``plancli`` command line.

Each command parses its options, calls one core function, hands the result to
a renderer and returns an exit code: 0 ok, 1 findings or invalid data, 2 bad
usage. Expected failures (:class:`~plancli.errors.PlancliError`) are caught in
one place, :func:`_run`, and printed as one clear line on stderr.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from plancli import __version__
from plancli.errors import EXIT_FINDINGS, EXIT_OK, PlancliError
from plancli.render import Format, ProblemFormat

app = typer.Typer(
    name="plancli",
    help=(
        "Query, validate and monitor the 2015-2017 Kyrgyz anti-corruption action plan "
        "(Government decree No. 170 of 30 March 2015).\n\n"
        "Without --plan/--glossary the bundled plan.yaml and glossary.yaml are used "
        "(or $PLANCLI_PLAN / $PLANCLI_GLOSSARY).\n\n"
        "Exit codes: 0 ok, 1 findings or invalid data, 2 bad usage."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    debug = False
    color: bool | None = None


STATE = _State()

F = TypeVar("F", bound=Callable[..., Any])


def _run(command: F) -> F:
    """Run a command body; turn expected failures into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            code = command(*args, **kwargs)
        except PlancliError as error:
            _error(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`plancli measures | head`): stop quietly.
            _silence_stdout()
            raise typer.Exit(EXIT_FINDINGS) from None  # as rich and the Python docs do
        except KeyboardInterrupt:
            _error("interrupted")
            raise typer.Exit(130) from None
        except Exception as error:
            if STATE.debug:
                raise
            _error(
                f"internal error: {type(error).__name__}: {error}",
                "this is a bug in plancli; rerun with --debug for the traceback and report it",
            )
            raise typer.Exit(70) from None
        raise typer.Exit(code or EXIT_OK)

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _error(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"plancli: error: {message}\n")
    if hint:
        sys.stderr.write(f"plancli: hint: {hint}\n")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"plancli {__version__}\n")
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
) -> None:
    STATE.debug = debug
    STATE.color = False if no_color else None


# ------------------------------------------------------------ shared options

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        envvar="PLANCLI_PLAN",
        help="Plan file (default: the bundled plan.yaml).",
        show_default=False,
        dir_okay=True,
    ),
]
GlossaryOption = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        envvar="PLANCLI_GLOSSARY",
        help="Glossary file (default: the bundled glossary.yaml).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]


def _emit(listing: Any, fmt: Format) -> None:
    from plancli.render import emit

    emit(listing, fmt, sys.stdout, color=STATE.color)


# ----------------------------------------------------------------- commands


@app.command()
@_run
def validate(
    plan: Annotated[
        Path | None,
        typer.Argument(
            help="Plan file to check (default: --plan, $PLANCLI_PLAN or the bundled plan).",
            show_default=False,
        ),
    ] = None,
    plan_option: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="text: a line per problem; json: a list of problems; github: Actions annotations.",
        ),
    ] = ProblemFormat.text,
) -> int:
    """Check plan.yaml and glossary.yaml: schema, numbering, merged cells, executors.

    Every problem is reported, one per line as FILE:LINE:COL: measure ID: message [code],
    then a summary. Exit 0 when both files are valid, 1 otherwise.

    Examples:

        plancli validate
        plancli validate my-plan.yaml --glossary my-glossary.yaml
        plancli validate --format json
    """
    from plancli.errors import UsageError
    from plancli.loading import validate_files
    from plancli.reports import write_validation

    if plan is not None and plan_option is not None and plan != plan_option:
        raise UsageError("give the plan either as an argument or with --plan, not both")
    report = validate_files(plan or plan_option, glossary)
    write_validation(report, fmt, sys.stdout)
    return EXIT_OK if report.ok else EXIT_FINDINGS


@app.command()
@_run
def measures(
    plan: PlanOption = None,
    glossary: GlossaryOption = None,
    fmt: FormatOption = Format.table,
) -> int:
    """List the measures of the plan.

    Examples:

        plancli measures
        plancli measures --format json
        plancli measures --format csv > measures.csv
    """
    from plancli.loading import load_dataset
    from plancli.views import measures_listing

    data = load_dataset(plan, glossary)
    _emit(measures_listing(list(data.plan.measures)), fmt)
    return EXIT_OK


def main() -> None:
    """Entry point of the ``plancli`` console script."""
    app(prog_name="plancli")
