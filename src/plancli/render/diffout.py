"""Output of ``plancli diff``: text (coloured on a terminal), Markdown, JSON.

Text and Markdown group the changes by what they concern (decree and
reporting, sections and tasks, measures, glossary), one block per measure or
entry, with edited texts shown word by word. Markdown fits a pull-request
comment: a summary line, then a collapsible ``<details>`` block per group.
JSON is the :class:`~plancli.plandiff.PlanDiff` contract, nothing more.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from plancli.plandiff import Change, PlanDiff
    from plancli.records import DiffDocument


class DiffFormat(str, enum.Enum):
    """Output formats of ``plancli diff``."""

    text = "text"
    md = "md"
    json = "json"


GROUPS = ("Decree and reporting", "Sections and tasks", "Measures", "Glossary")


def group_of(change: Change) -> str:
    prefix = change.subject.partition(":")[0] if ":" in change.subject else change.subject
    if prefix in ("decree", "appendix", "reporting"):
        return GROUPS[0]
    if prefix in ("section", "task"):
        return GROUPS[1]
    if prefix == "glossary":
        return GROUPS[3]
    return GROUPS[2]


def heading_of(change: Change) -> str:
    """The block a change belongs to: ``measure 4.2``, ``glossary ЮМ``, ``decree``."""
    subject = change.subject
    if ":" in subject:
        prefix, _, rest = subject.partition(":")
        return f"{prefix} {rest}"
    if subject in ("decree", "appendix"):
        return subject
    if change.old_id and change.id and change.old_id != change.id:
        return f"measure {change.id} (was {change.old_id})"
    return f"measure {subject}"


def blocks(diff: PlanDiff) -> dict[str, dict[str, list[Change]]]:
    """group -> heading -> changes, in the order the changes come."""
    grouped: dict[str, dict[str, list[Change]]] = {g: {} for g in GROUPS}
    for change in diff.changes:
        grouped[group_of(change)].setdefault(heading_of(change), []).append(change)
    return {g: b for g, b in grouped.items() if b}


# ------------------------------------------------------------------ words


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """``(op, words)`` segments: ``=`` kept, ``-`` deleted, ``+`` inserted."""
    import difflib

    a, b = before.split(), after.split()
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("+", " ".join(b[j1:j2])))
    return segments


class Style:
    """How deletions, insertions and labels are marked in one format."""

    def deleted(self, text: str) -> str:
        return f"[-{text}-]"

    def inserted(self, text: str) -> str:
        return f"{{+{text}+}}"

    def plain(self, text: str) -> str:
        return text

    def words(self, before: str, after: str) -> str:
        parts = []
        for op, text in word_diff(before, after):
            if op == "-":
                parts.append(self.deleted(text))
            elif op == "+":
                parts.append(self.inserted(text))
            else:
                parts.append(self.plain(text))
        return " ".join(parts)


class Ansi(Style):
    def deleted(self, text: str) -> str:
        return f"\x1b[31;9m{text}\x1b[0m"

    def inserted(self, text: str) -> str:
        return f"\x1b[32m{text}\x1b[0m"


class Html(Style):
    def deleted(self, text: str) -> str:
        return f"<del>{self.plain(text)}</del>"

    def inserted(self, text: str) -> str:
        return f"<ins>{self.plain(text)}</ins>"

    def plain(self, text: str) -> str:
        # "->" stays readable; "<" and "&" could open a tag or an entity
        return text.replace("&", "&amp;").replace("<", "&lt;")


def value_text(value: object) -> str:
    """A before/after value in one line."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value_text(v) for v in value) if value else "(none)"
    if isinstance(value, dict):
        if "phrase" in value and "due" in value:
            return deadline_text(value)
        shown = {k: v for k, v in value.items() if v not in (None, [], "")}
        return "; ".join(f"{k}: {value_text(v)}" for k, v in shown.items())
    return str(value)


def deadline_text(value: dict[str, object]) -> str:
    phrase = value.get("phrase") or "(empty cell)"
    due = value.get("due") or []
    assert isinstance(due, list)
    return f"{phrase} (due {', '.join(due)})" if due else f"{phrase} (no due date)"


def _shift(days: object) -> str:
    if not isinstance(days, int):
        return ""
    if days == 0:
        return ", due date unchanged"
    return f", due {'later' if days > 0 else 'earlier'} by {abs(days)} days ({days:+d})"


def change_lines(change: Change, style: Style) -> Iterator[str]:
    """The lines describing one change inside its block."""
    kind, field = change.kind, change.field
    shown = style.plain

    def text(value: object) -> str:
        return shown(value_text(value))

    if kind == "renumbered":
        yield f"renumbered: {text(change.before)} -> {text(change.after)}"
    elif field is None:
        yield f"{kind}: {text(change.after if kind == 'added' else change.before)}"
    elif field == "executors":
        if kind == "added":
            yield f"executor added: {style.inserted(value_text(change.after))}"
        else:
            yield f"executor removed: {style.deleted(value_text(change.before))}"
    elif field == "deadline":
        after = change.after if isinstance(change.after, dict) else {}
        yield (
            f"deadline: {text(change.before)} -> {text(change.after)}"
            f"{_shift(after.get('shift_days'))}"
        )
    elif isinstance(change.before, str) and isinstance(change.after, str) and field in WORDY:
        yield f"{field}: {style.words(change.before, change.after)}"
    elif isinstance(change.before, list) and isinstance(change.after, list):
        yield f"{field}:"
        yield from _list_lines(change.before, change.after, style)
    else:
        yield f"{field}: {text(change.before)} -> {text(change.after)}"


#: Fields whose edits are shown word by word.
WORDY = frozenset({"text", "title", "expansion", "note", "reporters", "publication", "recipient"})


def _list_lines(before: list[object], after: list[object], style: Style) -> Iterator[str]:
    import difflib

    a = [value_text(v) for v in before]
    b = [value_text(v) for v in after]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                yield f"  ~ {style.words(x, y)}"
            continue
        for x in a[i1:i2]:
            yield f"  - {style.deleted(x)}"
        for y in b[j1:j2]:
            yield f"  + {style.inserted(y)}"


def overdue_lines(diff: PlanDiff) -> list[str]:
    delta = diff.overdue
    day = delta.as_of.isoformat()
    if not delta.added and not delta.removed:
        return [f"Overdue as of {day}: unchanged."]
    lines = [f"Overdue as of {day}:"]
    if delta.added:
        lines.append(f"  newly overdue ({len(delta.added)}): {', '.join(delta.added)}")
    if delta.removed:
        lines.append(f"  no longer overdue ({len(delta.removed)}): {', '.join(delta.removed)}")
    return lines


def summary(diff: PlanDiff) -> str:
    from plancli.safetext import escape_controls

    # the sides are file names or revisions as the user gave them: never raw escapes
    sides = escape_controls(f"{diff.old} -> {diff.new}", one_line=True)
    count = len(diff.changes)
    if not count:
        return f"{sides}: no change in meaning."
    return f"{sides}: {count} change{'s' if count != 1 else ''} in meaning."


# ---------------------------------------------------------------- writers


def colour_wanted(out: TextIO, color: bool | None) -> bool:
    if color is not None:
        return color
    return out.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def write_text(diff: PlanDiff, out: TextIO, *, color: bool | None = None) -> None:
    colour = colour_wanted(out, color)
    style: Style = Ansi() if colour else Style()
    bold = (lambda s: f"\x1b[1m{s}\x1b[0m") if colour else (lambda s: s)
    out.write(summary(diff) + "\n")
    for group, entries in blocks(diff).items():
        out.write(f"\n{bold(group)}\n")
        for heading, changes in entries.items():
            out.write(f"  {bold(heading)}\n")
            for change in changes:
                for line in change_lines(change, style):
                    out.write(f"    {line}\n")
    out.write("\n" + "\n".join(overdue_lines(diff)) + "\n")


def write_markdown(diff: PlanDiff, out: TextIO) -> None:
    style = Html()
    escape = style.plain
    out.write("### plancli diff: what this edit changes\n\n")
    out.write(escape(summary(diff)) + "\n")
    for group, entries in blocks(diff).items():
        count = sum(len(c) for c in entries.values())
        out.write(
            f"\n<details><summary><b>{group}</b>: {count} change{'s' if count != 1 else ''}"
            "</summary>\n\n"
        )
        for heading, changes in entries.items():
            out.write(f"**{escape(heading)}**\n\n")
            for change in changes:
                lines = list(change_lines(change, style))
                first, rest = lines[0], lines[1:]
                out.write(f"- {_escape_md(first, style)}\n")
                for line in rest:
                    out.write(f"  - {_escape_md(line.strip()[2:], style)}\n")
            out.write("\n")
        out.write("</details>\n")
    out.write("\n" + "  \n".join(_escape_md(line.strip(), style) for line in overdue_lines(diff)))
    out.write("\n")


def _escape_md(line: str, style: Style) -> str:
    # texts are escaped as HTML already when they went through ``style``; only
    # Markdown's own markers remain to neutralise
    if not isinstance(style, Html):
        return line
    return line.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")


def diff_document(diff: PlanDiff) -> DiffDocument:
    """The JSON contract of ``plancli diff`` (README, "Reviewing plan edits")."""
    return {
        "changes": [
            {
                "kind": c.kind,
                "id": c.id,
                "old_id": c.old_id,
                "field": c.field,
                "before": c.before,
                "after": c.after,
            }
            for c in diff.changes
        ],
        "overdue": {
            "as_of": diff.overdue.as_of.isoformat(),
            "added": list(diff.overdue.added),
            "removed": list(diff.overdue.removed),
        },
    }


def write(diff: PlanDiff, fmt: DiffFormat, out: TextIO, *, color: bool | None = None) -> None:
    if fmt is DiffFormat.json:
        import json

        json.dump(diff_document(diff), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is DiffFormat.md:
        write_markdown(diff, out)
    else:
        write_text(diff, out, color=color)
