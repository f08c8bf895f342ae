"""Output options every command accepts after its name: --no-color, --wide, --bom.

They change how output looks, never what it holds, so they are declared once
here and attached to each command when the command group is built (as
:class:`OutputGroup`), instead of being repeated in every command's signature:

* ``--no-color`` on every command (``plancli overdue --no-color`` as well as
  ``plancli --no-color overdue``);
* ``--wide`` on commands with a table format: free text wrapped, not shortened;
* ``--bom`` on commands with a csv format: a UTF-8 byte order mark first, so
  that Excel on Windows opens the file with its Cyrillic intact.

The chosen values are kept in :data:`OUTPUT` for the command's renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from typer.core import TyperGroup, TyperOption


@dataclass
class OutputChoices:
    no_color: bool = False
    wide: bool = False
    bom: bool = False


OUTPUT = OutputChoices()


def _setter(name: str) -> Any:
    def callback(ctx: Any, param: Any, value: bool) -> bool:
        if value:
            setattr(OUTPUT, name, True)
        return value

    return callback


def _format_choices(command: Any) -> set[str]:
    for param in command.params:
        if "--format" in getattr(param, "opts", ()):
            choices = getattr(param.type, "choices", ())
            return {getattr(c, "value", c) for c in choices}
    return set()


def output_options(command: Any) -> list[TyperOption]:
    """The output options that fit ``command``'s formats."""
    options = [
        TyperOption(
            param_decls=["--no-color"],
            is_flag=True,
            expose_value=False,
            callback=_setter("no_color"),
            help="Never colour output (also NO_COLOR, TERM=dumb, and any pipe).",
        )
    ]
    formats = _format_choices(command)
    if "table" in formats:
        options.append(
            TyperOption(
                param_decls=["--wide"],
                is_flag=True,
                expose_value=False,
                callback=_setter("wide"),
                help="Tables: wrap long text at word boundaries instead of shortening it with '…'.",
            )
        )
    if "csv" in formats:
        options.append(
            TyperOption(
                param_decls=["--bom"],
                is_flag=True,
                expose_value=False,
                callback=_setter("bom"),
                help="CSV: start with a UTF-8 byte order mark, for Excel (Cyrillic intact).",
            )
        )
    return options


class OutputGroup(TyperGroup):
    """The command group: adds the output options to each command it holds."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            known = {o for p in command.params for o in getattr(p, "opts", ())}
            command.params += [o for o in output_options(command) if o.opts[0] not in known]

    def invoke(self, ctx: Any) -> Any:
        # one process may run several commands (tests): start each with the defaults
        OUTPUT.no_color = OUTPUT.wide = OUTPUT.bom = False
        return super().invoke(ctx)
