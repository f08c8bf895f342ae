"""plan.yaml and glossary.yaml say exactly what the decree says.

The decree's appendix, as published, is a table flattened to one paragraph per
cell (docs/decree-170-ky.txt). These tests rebuild that paragraph stream from
the *resolved* plan (what every command sees) and compare it, whitespace
aside, with the decree: any altered, missing, added or reordered text fails.
Slips are the only licensed difference, and each must carry its verbatim
source, which is what gets compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DECREE, GLOSSARY, PLAN
from plancli.glossary import Glossary
from plancli.loading import load_dataset
from plancli.models import BY_AGREEMENT
from plancli.plan import Measure, Plan


def squash(text: str) -> str:
    """Compare texts whitespace aside (no-break spaces included)."""
    return re.sub(r"\s+", "", text.replace("\xa0", " "))


def decree_lines() -> list[str]:
    return DECREE.read_text(encoding="utf-8").split("\n")


def appendix_paragraphs() -> list[str]:
    """The appendix table's paragraphs, from section I to the end of the table.

    An empty cell is a line holding only a no-break space and is kept as "".
    """
    lines = decree_lines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^I\. ", line))
    end = next(i for i, line in enumerate(lines) if line.strip() == "Кыскартуулардын тизмеси")
    paragraphs = [line.strip() for line in lines[start:end] if line != ""]
    # The table is followed by two blank paragraphs before the glossary heading.
    while paragraphs and paragraphs[-1] == "":
        paragraphs.pop()
    return paragraphs


def glossary_paragraphs() -> list[str]:
    lines = decree_lines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Кыскартуулардын тизмеси")
    return [line.strip() for line in lines[start + 1 :] if line.strip()]


def slip_source(measure: Measure, cell: str) -> str | None:
    for slip in measure.slips:
        if slip.cell == cell:
            return slip.source
    return None


def rebuild_appendix(plan: Plan) -> Iterator[str]:
    """The paragraph stream the decree would have if it were printed from plan.yaml."""
    for section in plan.sections:
        yield f"{section.number}. {section.title}"
        for task in section.tasks:
            yield str(task.number)
            yield task.title
            numbered = len(task.measures) > 1
            for measure in task.measures:
                yield (f"{measure.number}) " if numbered else "") + measure.text
                yield from (f"- {item}" for item in measure.items)
                if measure.id != measure.row[-1]:
                    continue  # the row's cells follow its last measure
                if "deadline" not in measure.merged_from:
                    yield slip_source(measure, "deadline") or measure.deadline or ""
                if "executors" not in measure.merged_from:
                    yield slip_source(measure, "executors") or ", ".join(
                        e.name + (f" {BY_AGREEMENT}" if e.by_agreement else "")
                        for e in measure.executors
                    )
                    if measure.executors_note:
                        yield measure.executors_note
                if "results" not in measure.merged_from:
                    yield from measure.results


def rebuild_glossary(glossary: Glossary, notes: dict[int, str]) -> Iterator[str]:
    for position, entry in enumerate((e for e in glossary.entries if e.provenance == "decree"), 1):
        if position in notes:
            yield notes[position]
        yield entry.term
        assert entry.expansion is not None
        yield entry.expansion


def first_difference(actual: list[str], expected: list[str]) -> str:
    for index, (got, want) in enumerate(zip(actual, expected, strict=False)):
        if squash(got) != squash(want):
            return f"paragraph {index + 1}: plan gives {got!r}, decree has {want!r}"
    return f"lengths differ: plan gives {len(actual)} paragraphs, decree has {len(expected)}"


def assert_same_paragraphs(actual: list[str], expected: list[str]) -> None:
    if [squash(p) for p in actual] != [squash(p) for p in expected]:
        pytest.fail(first_difference(actual, expected))


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_dataset(PLAN, GLOSSARY).plan


def test_appendix_rebuilt_from_plan_equals_the_decree(plan: Plan) -> None:
    assert_same_paragraphs(list(rebuild_appendix(plan)), appendix_paragraphs())


def test_every_text_of_the_plan_occurs_in_the_decree(plan: Plan) -> None:
    decree = squash(DECREE.read_text(encoding="utf-8"))
    texts = [s.title for s in plan.sections] + [t.title for t in plan.tasks]
    for measure in plan.measures:
        texts += [measure.text, *measure.items, *measure.results]
        if measure.deadline and slip_source(measure, "deadline") is None:
            texts.append(measure.deadline)
    missing = [t for t in texts if squash(t) not in decree]
    assert not missing


def test_counts_of_sections_tasks_measures(plan: Plan) -> None:
    decree = appendix_paragraphs()
    sections = [p for p in decree if re.match(r"^[IVX]+\. ", p)]
    assert len(plan.sections) == len(sections) == 12
    assert len(plan.tasks) == 37
    assert len(plan.measures) == 106


def decree_measure_counts() -> dict[int, int]:
    """Measures per task, counted in the decree text itself.

    A task is a number paragraph followed by its title; its measures are the
    paragraphs starting "N)" (or one unnumbered measure when there are none).
    """
    paragraphs = appendix_paragraphs()
    counts: dict[int, int] = {}
    task = 0
    for index, paragraph in enumerate(paragraphs):
        if re.fullmatch(r"\d+", paragraph) and int(paragraph) == task + 1:
            task = int(paragraph)
            counts[task] = 0
        elif task and re.match(r"^\d+\)", paragraph) and index > 0:
            counts[task] += 1
    return {number: count or 1 for number, count in counts.items()}


def test_measure_counts_per_task_match_the_decree(plan: Plan) -> None:
    counts = decree_measure_counts()
    assert len(counts) == 37
    assert {t.number: len(t.measures) for t in plan.tasks} == counts


def test_slips_are_recorded_with_their_verbatim_source(plan: Plan) -> None:
    """Each normalised cell keeps the decree's words and a reason."""
    slips = {s.source: s for m in plan.measures for s in m.slips}
    decree = [squash(p) for p in appendix_paragraphs()]
    assert slips, "the source has slips; they must be recorded"
    for source, slip in slips.items():
        assert squash(source) in decree
        assert slip.note.strip()
    # the doubled name of 27.3 is normalised, and recorded
    executors_27_3 = [e.name for e in plan.measure("27.3").executors]  # type: ignore[union-attr]
    assert executors_27_3.count("Өкмөттүн Аппараты") == 1
    assert any("Өкмөттүн Аппараты Өкмөттүн Аппараты" in s for s in slips)


def test_glossary_list_is_verbatim_and_complete() -> None:
    glossary = load_dataset(PLAN, GLOSSARY).glossary
    decree_list = glossary_paragraphs()
    note = next(p for p in decree_list if p.startswith("(43-абзац"))
    position = 1 + sum(1 for p in decree_list[: decree_list.index(note)]) // 2
    rebuilt = list(rebuild_glossary(glossary, {position: note}))
    assert_same_paragraphs(rebuilt, decree_list)
    assert sum(1 for e in glossary.entries if e.provenance == "decree") == 64


def test_the_comparison_notices_an_altered_text(tmp_path: Path) -> None:
    """Guard against a comparison that cannot fail: change one letter of 17.1."""
    text = PLAN.read_text(encoding="utf-8")
    altered = text.replace("автоматташтырылган системалык", "автоматташтырылган систематык", 1)
    assert altered != text
    (tmp_path / "plan.yaml").write_text(altered, encoding="utf-8")
    plan = load_dataset(tmp_path / "plan.yaml", GLOSSARY).plan
    with pytest.raises(pytest.fail.Exception, match="систематык"):
        assert_same_paragraphs(list(rebuild_appendix(plan)), appendix_paragraphs())


def test_the_comparison_notices_a_moved_cell(tmp_path: Path) -> None:
    """Moving a row's cell into merged_with_above changes the stream."""
    text = PLAN.read_text(encoding="utf-8")
    marker = "            merged_with_above: [deadline, results]\n"
    assert marker in text
    altered = text.replace(
        marker, "            merged_with_above: [results]\n            deadline: Дайыма\n", 1
    )
    (tmp_path / "plan.yaml").write_text(altered, encoding="utf-8")
    plan = load_dataset(tmp_path / "plan.yaml", GLOSSARY).plan
    with pytest.raises(pytest.fail.Exception):
        assert_same_paragraphs(list(rebuild_appendix(plan)), appendix_paragraphs())
