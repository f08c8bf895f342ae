"""Which plan and glossary files a command reads, and why.

Like git, ruff or pre-commit, plancli looks for its files where the user is
working before falling back to the copies installed with it:

* plan: ``--plan`` > ``$PLANCLI_PLAN`` > ``plan.yaml`` in the current
  directory > the bundled plan;
* glossary: ``--glossary`` > ``$PLANCLI_GLOSSARY`` > ``glossary.yaml``
  beside the plan in use > the bundled glossary.

Only the current directory is searched, never its parents: a plan.yaml found
three levels up in some unrelated checkout would be a surprise, and the plan
in use should be obvious from where the command runs.

:func:`discover` is pure (environment and directory are arguments), cheap, and
imports nothing heavy: it runs on every command.
"""

from __future__ import annotations

import enum
import os
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

PLAN_ENV = "PLANCLI_PLAN"
GLOSSARY_ENV = "PLANCLI_GLOSSARY"
PLAN_NAME = "plan.yaml"
GLOSSARY_NAME = "glossary.yaml"


class Origin(str, enum.Enum):
    """Where a file's path came from."""

    option = "option"
    environment = "environment"
    current_directory = "current directory"
    beside_plan = "beside the plan"
    bundled = "bundled"


def bundled_path(name: str) -> Path:
    """A bundled data file: inside the installed package, else the repository top."""
    packaged = Path(__file__).parent / "data" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / name


class Source(NamedTuple):
    """One data file in use: its path (as the user wrote it) and where that came from."""

    path: Path
    origin: Origin
    #: The same file as the copy installed with plancli (also when found by
    #: discovery, e.g. ./plan.yaml at the top of plancli's own checkout).
    bundled: bool

    def describe(self, env: str) -> str:
        """``plan.yaml (current directory)``, ``/x/p.yaml ($PLANCLI_PLAN)``…"""
        from plancli.files import display_name

        name = display_name(self.path)
        if self.origin is Origin.environment:
            return f"{name} (${env})"
        if self.origin is Origin.option:
            return name
        return f"{name} ({self.origin.value})"


class DataFiles(NamedTuple):
    """The plan and glossary a command reads."""

    plan: Source
    glossary: Source

    @property
    def bundled(self) -> bool:
        """Both files are the ones installed with plancli."""
        return self.plan.bundled and self.glossary.bundled

    def note(self) -> str:
        """One line naming the files, for stderr when they are not the bundled ones."""
        plan = self.plan.describe(PLAN_ENV)
        return f"using plan {plan}, glossary {self.glossary.describe(GLOSSARY_ENV)}"

    def validate_command(self, *extra: str) -> str:
        """The ``plancli validate`` command that checks these files as the user chose them.

        Files the user named (option or environment) are repeated as options;
        files that discovery found are found again by the same rule.
        """
        words = ["plancli", "validate"]
        for option, source in (("--plan", self.plan), ("--glossary", self.glossary)):
            if source.origin in (Origin.option, Origin.environment):
                words += [option, str(source.path)]
        words += extra
        return shlex.join(words)


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False


def discover(
    plan: Path | None = None,
    glossary: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> DataFiles:
    """The plan and glossary to read, by the rule in this module's docstring.

    ``environ`` and ``cwd`` default to the process's own; tests pass their own.
    Paths that do not exist are returned as given: reading them reports the
    problem with the file's name.
    """
    env = os.environ if environ is None else environ
    here = Path.cwd() if cwd is None else cwd
    bundled_plan = bundled_path(PLAN_NAME)
    bundled_glossary = bundled_path(GLOSSARY_NAME)

    plan_source: Source
    if plan is not None:
        plan_source = Source(plan, Origin.option, _same_file(plan, bundled_plan))
    elif env.get(PLAN_ENV):
        path = Path(env[PLAN_ENV])
        plan_source = Source(path, Origin.environment, _same_file(path, bundled_plan))
    elif os.path.lexists(here / PLAN_NAME):  # a directory or FIFO there is reported, not skipped
        # relative to where the user is, so messages say "plan.yaml:12:3"
        path = Path(PLAN_NAME) if cwd is None else here / PLAN_NAME
        plan_source = Source(path, Origin.current_directory, _same_file(path, bundled_plan))
    else:
        plan_source = Source(bundled_plan, Origin.bundled, True)

    glossary_source: Source
    beside = plan_source.path.parent / GLOSSARY_NAME
    if glossary is not None:
        glossary_source = Source(glossary, Origin.option, _same_file(glossary, bundled_glossary))
    elif env.get(GLOSSARY_ENV):
        path = Path(env[GLOSSARY_ENV])
        glossary_source = Source(path, Origin.environment, _same_file(path, bundled_glossary))
    elif plan_source.origin is Origin.bundled:
        glossary_source = Source(bundled_glossary, Origin.bundled, True)
    elif os.path.lexists(beside):
        glossary_source = Source(beside, Origin.beside_plan, _same_file(beside, bundled_glossary))
    else:
        glossary_source = Source(bundled_glossary, Origin.bundled, True)
    return DataFiles(plan_source, glossary_source)
