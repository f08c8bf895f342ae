"""Writing the outcome of ``plancli validate``: text lines, JSON, GitHub Actions annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from plancli.render import ProblemFormat
from plancli.safetext import escape_controls

#: Most problems written as text or annotations; the rest are counted. A file
#: broken everywhere (a wrong file, a bad merge) is fixed from the first ones,
#: and a million lines help nobody. ``--format json`` lists every problem.
MAX_SHOWN = 1000

if TYPE_CHECKING:
    from plancli.loading import ValidationResult
    from plancli.problems import Problem


def summary(result: ValidationResult) -> str:
    names = [escape_controls(name, one_line=True) for name in result.files]
    files = ", ".join(names[:-1]) + " and " + names[-1]
    if result.ok and result.dataset is not None:
        plan = result.dataset.plan
        entries = len(result.dataset.glossary.entries)
        return (
            f"{files}: valid ({len(plan.sections)} sections, {len(plan.tasks)} tasks, "
            f"{len(plan.measures)} measures; {entries} glossary entries)"
        )
    count = len(result.problems)
    return f"{files}: {count} problem{'s' if count != 1 else ''}"


def _github(problem: Problem) -> str:
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return escape(text).replace(":", "%3A").replace(",", "%2C")

    fields = [f"file={prop(escape_controls(problem.file, one_line=True))}"]
    if problem.line:
        fields += [f"line={problem.line}", f"col={problem.column or 1}"]
    fields.append(f"title={prop('plancli ' + problem.code)}")
    subject = f"{problem.item_kind} {problem.item_id}: " if problem.item_id else ""
    text = escape_controls(subject + problem.message, one_line=True)
    return f"::error {','.join(fields)}::{escape(text)}"


def write_problems(results: list[ValidationResult], fmt: ProblemFormat, out: TextIO) -> None:
    """Every problem of every result, then (text format) a summary line per result."""
    problems = [p for result in results for p in result.problems]
    if fmt is ProblemFormat.json:
        from plancli.record_builders import problem_record
        from plancli.render.jsonout import write_json

        write_json([problem_record(p) for p in problems], out)
        return
    for problem in problems[:MAX_SHOWN]:
        out.write((_github(problem) if fmt is ProblemFormat.github else problem.format()) + "\n")
    if len(problems) > MAX_SHOWN:
        rest = len(problems) - MAX_SHOWN
        note = f"... and {rest} more problems not shown (--format json lists them all)"
        out.write((f"::warning ::{note}" if fmt is ProblemFormat.github else note) + "\n")
    if fmt is ProblemFormat.text:
        for result in results:
            out.write(summary(result) + "\n")
