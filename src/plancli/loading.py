"""Reading and validating the data files.

Which files are read is decided by :mod:`plancli.discovery` (``--plan`` >
``$PLANCLI_PLAN`` > ./plan.yaml > the bundled plan; the glossary beside the
plan in use). The command line learns which files were read through
:func:`set_files_listener`, so that it can name them; this module never prints.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from plancli.dataset import Dataset as Dataset  # re-exported for older imports
from plancli.discovery import GLOSSARY_ENV as GLOSSARY_ENV
from plancli.discovery import PLAN_ENV as PLAN_ENV
from plancli.discovery import DataFiles, discover
from plancli.discovery import bundled_path as bundled_path
from plancli.errors import InvalidDataError

if TYPE_CHECKING:
    # YAML, pydantic and the checks are imported only when files must be
    # validated: a cached plan is answered without them.
    from plancli.problems import Problem
    from plancli.status import StatusLog
    from plancli.yamlsource import YamlDocument

M = TypeVar("M")

_listener: Callable[[DataFiles], None] | None = None


def set_files_listener(listener: Callable[[DataFiles], None] | None) -> None:
    """Have ``listener`` told which files :func:`load_dataset` reads (the CLI names them)."""
    global _listener
    _listener = listener


def plan_path(explicit: Path | None = None) -> Path:
    """The plan a command reads (see :mod:`plancli.discovery`)."""
    return discover(explicit).plan.path


def glossary_path(explicit: Path | None = None, *, plan: Path | None = None) -> Path:
    """The glossary read with ``plan`` (see :mod:`plancli.discovery`)."""
    return discover(plan, explicit).glossary.path


class ValidationResult(NamedTuple):
    """Everything :func:`validate_files` found."""

    problems: tuple[Problem, ...]
    dataset: Dataset | None
    #: Names of the files checked: plan, glossary and status file if any.
    files: tuple[str, ...]
    sources: DataFiles | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_files(
    plan: Path | DataFiles | None = None,
    glossary: Path | None = None,
    status: Path | None = None,
    *,
    contents: dict[Path, bytes] | None = None,
) -> ValidationResult:
    """Check a plan and its glossary (and a status file); report every problem of each.

    ``plan`` may be a path or the :class:`DataFiles` already discovered.
    ``contents`` may hold bytes already read for a path, so that what is
    validated is exactly what was hashed for the cache. A status file is
    checked even when the plan is invalid, as far as it can be without a plan.
    """
    from plancli.files import MAX_GLOSSARY_BYTES, display_name
    from plancli.resolve import resolve_plan
    from plancli.validation import check_glossary, check_plan, check_status

    sources = plan if isinstance(plan, DataFiles) else discover(plan, glossary)
    p_path, g_path = sources.plan.path, sources.glossary.path
    p_name, g_name = display_name(p_path), display_name(g_path)
    problems: list[Problem] = []
    contents = contents or {}

    gloss_model, found = _check(
        g_path, g_name, check_glossary, contents.get(g_path), limit=MAX_GLOSSARY_BYTES
    )
    problems += found
    plan_model, found = _check(
        p_path, p_name, lambda doc: check_plan(doc, gloss_model), contents.get(p_path)
    )
    problems += found

    dataset = None
    if not problems and plan_model is not None and gloss_model is not None:
        dataset = Dataset(resolve_plan(plan_model), gloss_model, p_name, g_name, sources)
    files: tuple[str, ...] = (p_name, g_name)
    if status is not None:
        from plancli.files import MAX_STATUS_BYTES

        s_name = display_name(status)
        files += (s_name,)
        problems += _check(
            status,
            s_name,
            lambda doc: check_status(doc, dataset.plan if dataset is not None else None),
            limit=MAX_STATUS_BYTES,
        )[1]
    return ValidationResult(tuple(problems), dataset, files, sources)


def validate_status(
    path: Path, dataset: Dataset, *, content: bytes | None = None
) -> tuple[StatusLog | None, list[Problem]]:
    """Check a status file (or ``content`` about to be written to it) against a loaded plan."""
    from plancli.files import MAX_STATUS_BYTES, display_name
    from plancli.validation import check_status

    return _check(
        path,
        display_name(path),
        lambda doc: check_status(doc, dataset.plan),
        content,
        limit=MAX_STATUS_BYTES,
    )


def validate_status_data(
    path: Path, dataset: Dataset, data: object, text: str
) -> tuple[StatusLog | None, list[Problem]]:
    """Check status ``data`` that plancli wrote as ``text`` itself, without parsing the text.

    ``data`` must be what parsing ``text`` gives (``collect`` builds both from the
    same entries, and a test holds them equal). Problems are located by checking
    the parsed text after all, so they name the line and column as usual.
    """
    from plancli.files import display_name
    from plancli.validation import check_status
    from plancli.yamlsource import YamlDocument

    value, found = check_status(YamlDocument(display_name(path), data, text), dataset.plan)
    if found:
        return validate_status(path, dataset, content=text.encode("utf-8"))
    return value, found


def load_status(path: Path | None, dataset: Dataset) -> StatusLog | None:
    """The status log of ``path`` (``None`` without a path) or :class:`InvalidDataError`."""
    if path is None:
        return None
    from plancli.agencies import lead_test

    log, problems = validate_status(path, dataset)
    if problems or log is None:
        command = (
            dataset.files.validate_command("--status", str(path))
            if dataset.files is not None
            else f"plancli validate --status {shlex.quote(str(path))}"
        )
        raise InvalidDataError(problems, command=command)
    return log.with_leads(lead_test(dataset.plan.measures, dataset.glossary))


def load_dataset(plan: Path | None = None, glossary: Path | None = None) -> Dataset:
    """The validated plan and glossary, or :class:`InvalidDataError`.

    A plan validated before (same bytes, same plancli) comes from the cache
    (:mod:`plancli.cache`) without parsing or validating anything.
    """
    from plancli import cache, files

    sources = discover(plan, glossary)
    if _listener is not None:
        _listener(sources)
    p_path, g_path = sources.plan.path, sources.glossary.path
    contents: dict[Path, bytes] = {}
    try:
        for path, limit in ((p_path, files.MAX_BYTES), (g_path, files.MAX_GLOSSARY_BYTES)):
            contents[path] = files.read_limited(path, limit)
    except files.UnreadableFile:
        contents = {}  # validation reports the problem precisely
    cache_key = None
    if len(contents) == 2:
        cache_key = cache.key(contents[p_path], contents[g_path])
        hit = cached_dataset(
            cache_key, files.display_name(p_path), files.display_name(g_path), sources
        )
        if hit is not None:
            return hit
    report = validate_files(sources, contents=contents)
    if report.dataset is None:
        raise InvalidDataError(report.problems, command=sources.validate_command())
    if cache_key is not None:
        cache_dataset(cache_key, report.dataset)
    return report.dataset


def cached_dataset(
    cache_key: str, plan_file: str, glossary_file: str, sources: DataFiles | None = None
) -> Dataset | None:
    """The dataset :func:`cache_dataset` stored under ``cache_key``, or ``None``."""
    from plancli import cache
    from plancli.glossary import Glossary
    from plancli.tracking import remember_deadlines

    hit = cache.load(cache_key)
    if type(hit) is not tuple or len(hit) != 3:
        return None
    plan_value, entries, deadlines = hit
    remember_deadlines(plan_value, deadlines)
    return Dataset(plan_value, Glossary(entries), plan_file, glossary_file, sources)


def cache_dataset(cache_key: str, dataset: Dataset) -> None:
    """Store a validated dataset: plan, glossary and what its deadline phrases mean."""
    from plancli import cache
    from plancli.tracking import plan_deadlines

    plan_value = dataset.plan
    cache.store(cache_key, (plan_value, dataset.glossary.entries, plan_deadlines(plan_value)))


def _check(
    path: Path,
    name: str,
    check: Callable[[YamlDocument], tuple[M | None, list[Problem]]],
    content: bytes | None = None,
    *,
    limit: int | None = None,
) -> tuple[M | None, list[Problem]]:
    """Read and check one file; on problems, read it again with positions to locate them.

    The fast path (no problems, the common case) never pays for tracking
    the line and column of every value. The cyclic garbage collector is off
    meanwhile: parsing makes millions of objects and no cycles, and its full
    passes over them made large files quadratic (an 86,000-entry status file
    took 52 s instead of 10).
    """
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_once(path, name, check, content, limit)
    finally:
        if collecting:
            gc.enable()


def _check_once(
    path: Path,
    name: str,
    check: Callable[[YamlDocument], tuple[M | None, list[Problem]]],
    content: bytes | None,
    limit: int | None,
) -> tuple[M | None, list[Problem]]:
    problems: list[Problem] = []
    doc = _read(path, name, problems, content, limit=limit)
    if doc is None:
        return None, problems
    value, found = check(doc)
    if found:
        located = _read(path, name, [], content, track_positions=True, limit=limit)
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
    limit: int | None = None,
) -> YamlDocument | None:
    from plancli.yamlsource import YamlReadError, parse_yaml, read_text

    try:
        text = read_text(path, file=name, content=content, limit=limit)
        return parse_yaml(text, file=name, track_positions=track_positions)
    except YamlReadError as error:
        problems.extend(error.problems)
        return None
