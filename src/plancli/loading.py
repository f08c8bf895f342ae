"""Finding, reading and validating the data files.

Without paths, plancli uses the plan and glossary bundled with the package
(or, in a source checkout, the ones at the top of the repository).
``PLANCLI_PLAN`` and ``PLANCLI_GLOSSARY`` override the defaults; explicit
``--plan``/``--glossary`` options override both.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from plancli.dataset import Dataset as Dataset  # re-exported for older imports
from plancli.errors import InvalidDataError

if TYPE_CHECKING:
    # YAML, pydantic and the checks are imported only when files must be
    # validated: a cached plan is answered without them.
    from plancli.problems import Problem
    from plancli.status import StatusLog
    from plancli.yamlsource import YamlDocument

M = TypeVar("M")

PLAN_ENV = "PLANCLI_PLAN"
GLOSSARY_ENV = "PLANCLI_GLOSSARY"


def bundled_path(name: str) -> Path:
    """A bundled data file: inside the installed package, else the repository top."""
    packaged = Path(__file__).parent / "data" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / name


def plan_path(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    from_env = os.environ.get(PLAN_ENV)
    return Path(from_env) if from_env else bundled_path("plan.yaml")


def glossary_path(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    from_env = os.environ.get(GLOSSARY_ENV)
    return Path(from_env) if from_env else bundled_path("glossary.yaml")


@dataclass(frozen=True)
class ValidationResult:
    """Everything :func:`validate_files` found."""

    problems: tuple[Problem, ...]
    dataset: Dataset | None
    files: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_files(
    plan: Path | None = None,
    glossary: Path | None = None,
    status: Path | None = None,
    *,
    contents: dict[Path, bytes] | None = None,
) -> ValidationResult:
    """Check a plan and its glossary (and a status file); report every problem of each.

    ``contents`` may hold bytes already read for a path, so that what is
    validated is exactly what was hashed for the cache.
    """
    from plancli.files import display_name
    from plancli.resolve import resolve_plan
    from plancli.validation import check_glossary, check_plan

    p_path, g_path = plan_path(plan), glossary_path(glossary)
    p_name, g_name = display_name(p_path), display_name(g_path)
    problems: list[Problem] = []
    contents = contents or {}

    gloss_model, found = _check(g_path, g_name, check_glossary, contents.get(g_path))
    problems += found
    plan_model, found = _check(
        p_path, p_name, lambda doc: check_plan(doc, gloss_model), contents.get(p_path)
    )
    problems += found

    dataset = None
    if not problems and plan_model is not None and gloss_model is not None:
        dataset = Dataset(resolve_plan(plan_model), gloss_model, p_name, g_name)
    files: tuple[str, ...] = (p_name, g_name)
    if status is not None:
        files += (display_name(status),)
        if dataset is not None:
            problems += validate_status(status, dataset)[1]
    return ValidationResult(tuple(problems), dataset, files)


def validate_status(
    path: Path, dataset: Dataset, *, content: bytes | None = None
) -> tuple[StatusLog | None, list[Problem]]:
    """Check a status file (or ``content`` about to be written to it) against a loaded plan."""
    from plancli.files import display_name
    from plancli.validation import check_status

    return _check(path, display_name(path), lambda doc: check_status(doc, dataset.plan), content)


def load_status(path: Path | None, dataset: Dataset) -> StatusLog | None:
    """The status log of ``path`` (``None`` without a path) or :class:`InvalidDataError`."""
    if path is None:
        return None
    from plancli.agencies import lead_test

    log, problems = validate_status(path, dataset)
    if problems or log is None:
        raise InvalidDataError(problems)
    return log.with_leads(lead_test(dataset.plan.measures, dataset.glossary))


def load_dataset(plan: Path | None = None, glossary: Path | None = None) -> Dataset:
    """The validated plan and glossary, or :class:`InvalidDataError`.

    A plan validated before (same bytes, same plancli) comes from the cache
    (:mod:`plancli.cache`) without parsing or validating anything.
    """
    from plancli import cache, files

    p_path, g_path = plan_path(plan), glossary_path(glossary)
    contents: dict[Path, bytes] = {}
    try:
        for path in (p_path, g_path):
            contents[path] = files.read_limited(path)
    except files.UnreadableFile:
        contents = {}  # validation reports the problem precisely
    cache_key = None
    if len(contents) == 2:
        cache_key = cache.key(contents[p_path], contents[g_path])
        hit = cache.load(cache_key)
        if hit is not None:
            from plancli.glossary import Glossary

            plan_value, entries = hit
            return Dataset(
                plan_value,
                Glossary(entries),
                files.display_name(p_path),
                files.display_name(g_path),
            )
    report = validate_files(p_path, g_path, contents=contents)
    if report.dataset is None:
        raise InvalidDataError(report.problems)
    if cache_key is not None:
        cache.store(cache_key, (report.dataset.plan, report.dataset.glossary.entries))
    return report.dataset


def _check(
    path: Path,
    name: str,
    check: Callable[[YamlDocument], tuple[M | None, list[Problem]]],
    content: bytes | None = None,
) -> tuple[M | None, list[Problem]]:
    """Read and check one file; on problems, read it again with positions to locate them.

    The fast path (no problems, the common case) never pays for tracking
    the line and column of every value.
    """
    problems: list[Problem] = []
    doc = _read(path, name, problems, content)
    if doc is None:
        return None, problems
    value, found = check(doc)
    if found:
        located = _read(path, name, [], content, track_positions=True)
        assert located is not None  # it parsed a moment ago
        value, found = check(located)
    return value, found


def _read(
    path: Path,
    name: str,
    problems: list[Problem],
    content: bytes | None = None,
    *,
    track_positions: bool = False,
) -> YamlDocument | None:
    from plancli.yamlsource import YamlReadError, parse_yaml, read_text

    try:
        text = read_text(path, file=name, content=content)
        return parse_yaml(text, file=name, track_positions=track_positions)
    except YamlReadError as error:
        problems.extend(error.problems)
        return None
