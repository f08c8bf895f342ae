"""The two sides of ``plancli diff``: plan files, or a plan at a git revision.

``--git REV`` reads the old plan and glossary with ``git show REV:PATH``
(the paths relative to the repository holding the working-tree files), so
CI and pre-commit hooks can compare an edit with ``origin/main``. Each side
is validated; an invalid side fails with all of its problems.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from plancli.errors import PlancliError, UsageError

if TYPE_CHECKING:
    from plancli.dataset import Dataset
    from plancli.problems import Problem


class InvalidSideError(PlancliError):
    """One side of a diff is not a valid plan or glossary: every problem is listed."""

    def __init__(self, side: str, problems: tuple[Problem, ...]) -> None:
        lines = "\n".join(p.format() for p in problems)
        count = len(problems)
        super().__init__(
            f"the {side} side is invalid ({count} problem{'s' if count != 1 else ''}):\n{lines}",
            hint="fix the files, or run `plancli validate` on them",
        )
        self.problems = problems


def load_sides(
    files: Sequence[Path],
    *,
    revision: str | None,
    plan: Path | None,
    glossary_old: Path | None,
    glossary_new: Path | None,
) -> tuple[Dataset, Dataset]:
    """The old and new datasets of a diff: ``OLD NEW``, or ``--git REV [PLAN]``."""
    from plancli.loading import glossary_path, plan_path

    if revision is None:
        if len(files) != 2:
            raise UsageError("give two plans to compare (OLD NEW), or --git REV")
        return (
            load_side("old", files[0], glossary_old),
            load_side("new", files[1], glossary_new),
        )
    if len(files) > 1:
        raise UsageError("with --git, give at most one plan (the working-tree one)")
    if plan is not None and files:
        raise UsageError("give the plan as an argument or with --plan, not both")
    current = plan_path(files[0] if files else plan)
    new = load_side("new", current, glossary_new)
    old = load_side_at_revision("old", revision, current, glossary_path(glossary_old, plan=current))
    return old, new


def load_side(side: str, plan: Path | None, glossary: Path | None) -> Dataset:
    """A validated dataset from files (through the cache when it is valid)."""
    from plancli.errors import InvalidDataError
    from plancli.loading import load_dataset

    try:
        return load_dataset(plan, glossary)
    except InvalidDataError as error:
        raise InvalidSideError(side, error.problems) from None


def load_side_at_revision(side: str, revision: str, plan: Path, glossary: Path) -> Dataset:
    """The plan and glossary as they were at ``revision`` of their git repository.

    Validated results are cached by content like any plan's (:mod:`plancli.cache`):
    the files at ``origin/main`` are validated once, not on every run.
    """
    from plancli import cache
    from plancli.loading import cache_dataset, cached_dataset, validate_files

    plan_bytes, plan_name = show_at_revision(plan, revision)
    glossary_bytes, glossary_name = show_at_revision(glossary, revision)
    cache_key = cache.key(plan_bytes, glossary_bytes)
    hit = cached_dataset(cache_key, plan_name, glossary_name)
    if hit is not None:
        return hit
    plan_key, glossary_key = Path(plan_name), Path(glossary_name)
    report = validate_files(
        plan_key, glossary_key, contents={plan_key: plan_bytes, glossary_key: glossary_bytes}
    )
    if report.dataset is None:
        raise InvalidSideError(side, report.problems)
    cache_dataset(cache_key, report.dataset)
    return report.dataset


def _git(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise PlancliError("--git needs git, and git is not installed") from None


def show_at_revision(path: Path, revision: str) -> tuple[bytes, str]:
    """The bytes of ``path`` at ``revision`` and a name for messages (``REV:PATH``)."""
    if revision.startswith("-"):
        raise UsageError(f"--git {revision!r}: a revision cannot start with '-'")
    absolute = Path(os.path.abspath(path))
    directory = absolute.parent
    if not directory.is_dir():
        raise PlancliError(f"{path}: no such directory")
    top = _git(["rev-parse", "--show-toplevel"], directory)
    if top.returncode != 0:
        raise UsageError(
            f"--git needs a git repository, and {directory} is not inside one",
            hint="run it in the repository holding plan.yaml, name the plan "
            "(plancli diff --git REV path/to/plan.yaml), or compare two files",
        )
    root = Path(top.stdout.decode().strip())
    try:
        relative = absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path} is outside the git repository at {root}") from None
    # a range (HEAD..HEAD), a tree (HEAD^{tree}) or a typo must not read as an empty file
    commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    if commit.returncode != 0:
        raise UsageError(
            f"--git {revision!r} does not name a commit of the repository at {root}",
            hint="give a branch, tag or commit, e.g. --git HEAD or --git origin/main",
        )
    shown = _git(["show", f"{commit.stdout.decode().strip()}:{relative}"], root)
    if shown.returncode != 0:
        message = shown.stderr.decode(errors="replace").strip().removeprefix("fatal: ")
        raise PlancliError(f"cannot read {relative} at {revision!r}: {message}")
    return shown.stdout, f"{revision}:{relative}"
