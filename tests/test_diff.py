"""`plancli diff`: meaning-level changes between two plans (and glossaries).

Each test edits a copy of the real plan.yaml or glossary.yaml the way an
amending decree or a careless editor would, and asserts the exact change
records of the JSON contract.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import GLOSSARY, PLAN, Cli
from plancli.loading import load_dataset
from plancli.plandiff import Change, diff_datasets
from plancli.render.diffout import DiffFormat, diff_document, word_diff, write


def edited(tmp_path: Path, old: str, new: str, *, source: Path = PLAN, count: int = 1) -> Path:
    """A copy of ``source`` with ``old`` replaced by ``new`` (which must occur ``count`` times)."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times"
    target = tmp_path / f"edited-{source.name}"
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


#: The executor cell of task 5's only row (measures 5.1-5.3).
TASK5 = "тартипке келтирүү\n            deadline: 2015-жылдын декабры\n            executors:\n"


def diff_json(cli: Cli, *args: str | Path) -> dict[str, Any]:
    outcome = cli("--quiet", "diff", *args, "--format", "json", "--as-of", "2016-12-31")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr == ""
    result: dict[str, Any] = json.loads(outcome.stdout)
    return result


def test_moving_a_deadline_reports_both_due_dates_the_shift_and_the_overdue_consequence(
    cli: Cli, tmp_path: Path
) -> None:
    new = edited(tmp_path, "deadline: 2015-жылдын ноябры\n", "deadline: 2017-жылдын ноябры\n")
    result = diff_json(cli, PLAN, new)
    assert result == {
        "changes": [
            {
                "kind": "changed",
                "id": "1.1",
                "old_id": "1.1",
                "field": "deadline",
                "before": {"phrase": "2015-жылдын ноябры", "due": ["2015-11-30"]},
                "after": {"phrase": "2017-жылдын ноябры", "due": ["2017-11-30"], "shift_days": 731},
            }
        ],
        "overdue": {"as_of": "2016-12-31", "added": [], "removed": ["1.1"]},
    }


def test_swapping_the_lead_reports_a_lead_change_and_no_executor_added_or_removed(
    cli: Cli, tmp_path: Path
) -> None:
    new = edited(
        tmp_path,
        TASK5 + "              - ЮМ\n              - Башкы прокуратура (макулдашуу боюнча)\n",
        TASK5 + "              - Башкы прокуратура (макулдашуу боюнча)\n              - ЮМ\n",
    )
    changes = diff_json(cli, PLAN, new)["changes"]
    assert changes == [
        {
            "kind": "changed",
            "id": mid,
            "old_id": mid,
            "field": "lead",
            "before": "ЮМ",
            "after": "Башкы прокуратура",
        }
        for mid in ("5.1", "5.2", "5.3")
    ]


def test_executor_added_removed_and_by_agreement_changed(cli: Cli, tmp_path: Path) -> None:
    new = edited(
        tmp_path,
        TASK5 + "              - ЮМ\n              - Башкы прокуратура (макулдашуу боюнча)\n",
        TASK5 + "              - ЮМ\n              - Башкы прокуратура\n              - ИИМ\n",
    )
    changes = diff_json(cli, PLAN, new)["changes"]
    assert changes[:2] == [
        {
            "kind": "changed",
            "id": "5.1",
            "old_id": "5.1",
            "field": "by_agreement",
            "before": "Башкы прокуратура (макулдашуу боюнча)",
            "after": "Башкы прокуратура",
        },
        {
            "kind": "added",
            "id": "5.1",
            "old_id": "5.1",
            "field": "executors",
            "before": None,
            "after": "ИИМ",
        },
    ]
    assert len(changes) == 6  # the same two for 5.2 and 5.3, which share the row
    removed = edited(
        tmp_path,
        TASK5 + "              - ЮМ\n              - Башкы прокуратура (макулдашуу боюнча)\n",
        TASK5 + "              - ЮМ\n",
    )
    assert diff_json(cli, PLAN, removed)["changes"][0] == {
        "kind": "removed",
        "id": "5.1",
        "old_id": "5.1",
        "field": "executors",
        "before": "Башкы прокуратура (макулдашуу боюнча)",
        "after": None,
    }


def test_rewrapping_paragraphs_only_is_no_change(cli: Cli, tmp_path: Path) -> None:
    new = edited(
        tmp_path,
        "                  кол тийбестикти пайдаланышкан бардык кызмат адамдары үчүн чектелген\n"
        "                  (функционалдык) иммунитетти киргизүү жана кылмыш жасап жаткан мезгилде\n",
        "                  кол тийбестикти пайдаланышкан\n"
        "                  бардык кызмат адамдары үчүн чектелген (функционалдык) иммунитетти\n"
        "                  киргизүү   жана кылмыш жасап жаткан мезгилде\n",
    )
    assert new.read_text(encoding="utf-8") != PLAN.read_text(encoding="utf-8")
    assert diff_json(cli, PLAN, new) == {
        "changes": [],
        "overdue": {"as_of": "2016-12-31", "added": [], "removed": []},
    }
    outcome = cli("diff", PLAN, new, "--exit-code", "--as-of", "2016-12-31")
    assert outcome.code == 0
    assert "no change in meaning" in outcome.stdout


def test_renumbering_a_tasks_measures_matches_them_by_text(cli: Cli, tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    # 5.1 and 5.2 trade places: the same measures under each other's number
    swapped = text.replace('- id: "5.1"', '- id: "5.X"').replace('- id: "5.2"', '- id: "5.1"')
    swapped = swapped.replace('- id: "5.X"', '- id: "5.2"')
    first = swapped.index('- id: "5.2"')
    second = swapped.index('- id: "5.1"')
    end = swapped.index('- id: "5.3"')
    block_a, block_b = swapped[first:second], swapped[second:end]
    swapped = swapped[:first] + block_b + block_a + swapped[end:]
    new = tmp_path / "renumbered.yaml"
    new.write_text(swapped, encoding="utf-8")
    result = diff_json(cli, PLAN, new)
    assert result["changes"] == [
        {
            "kind": "renumbered",
            "id": "5.1",
            "old_id": "5.2",
            "field": "id",
            "before": "5.2",
            "after": "5.1",
        },
        {
            "kind": "renumbered",
            "id": "5.2",
            "old_id": "5.1",
            "field": "id",
            "before": "5.1",
            "after": "5.2",
        },
    ]
    # both were overdue before and after: renumbering changes nothing overdue
    assert result["overdue"] == {"as_of": "2016-12-31", "added": [], "removed": []}


def test_a_gap_in_the_numbering_is_a_validation_problem_not_a_diff(tmp_path: Path) -> None:
    new = edited(tmp_path, '- id: "5.3"', '- id: "5.4"')
    new = edited(
        tmp_path,
        "(Омбудсменден) кол тийбестикти алуу жол-жоболорун тартипке келтирүү\n",
        "(Омбудсменден) кол тийбестикти алуу жол-жоболорун тартипке салуу\n",
        source=new,
    )
    # 5.4 after 5.2 breaks the numbering: validation must say so, not diff
    outcome = Cli()("diff", PLAN, new)
    assert outcome.code == 1
    assert "new side is invalid" in outcome.stderr
    assert "5.4" in outcome.stderr


def test_text_edit_and_added_measure(cli: Cli, tmp_path: Path) -> None:
    new = edited(
        tmp_path,
        "(Омбудсменден) кол тийбестикти алуу жол-жоболорун тартипке келтирүү\n",
        "(Омбудсменден) кол тийбестикти алуу жол-жоболорун тартипке салуу\n"
        '              - id: "5.4"\n'
        "                text: жаңы чара\n",
    )
    changes = diff_json(cli, PLAN, new)["changes"]
    assert changes == [
        {
            "kind": "changed",
            "id": "5.3",
            "old_id": "5.3",
            "field": "text",
            "before": "Кыргыз Республикасынын Жогорку Кеңешинин депутаттарынан, Кыргыз Республикасынын Башкы прокурорунан жана Кыргыз Республикасынын Акыйкатчысынан (Омбудсменден) кол тийбестикти алуу жол-жоболорун тартипке келтирүү",
            "after": "Кыргыз Республикасынын Жогорку Кеңешинин депутаттарынан, Кыргыз Республикасынын Башкы прокурорунан жана Кыргыз Республикасынын Акыйкатчысынан (Омбудсменден) кол тийбестикти алуу жол-жоболорун тартипке салуу",
        },
        {
            "kind": "added",
            "id": "5.4",
            "old_id": None,
            "field": None,
            "before": None,
            "after": {
                "text": "жаңы чара",
                "items": [],
                "deadline": "2015-жылдын декабры",
                "executors": ["ЮМ", "Башкы прокуратура (макулдашуу боюнча)"],
                "results": changes[1]["after"]["results"],
            },
        },
    ]
    # the measure text is shown word by word
    text = cli("diff", PLAN, new, "--as-of", "2016-12-31").stdout
    assert "text: Кыргыз" in text
    assert "[-келтирүү-] {+салуу+}" in text
    assert "newly overdue (1): 5.4" in text


def test_adding_a_glossary_alias(cli: Cli, tmp_path: Path) -> None:
    new_glossary = edited(
        tmp_path,
        "  - term: МФ\n",
        "  - term: Минюст\n    alias_of: ЮМ\n    kind: state_body\n    provenance: added\n"
        "    certainty: evident\n    note: A test alias.\n  - term: МФ\n",
        source=GLOSSARY,
    )
    result = diff_json(cli, PLAN, PLAN, "--glossary-new", new_glossary)
    [change] = result["changes"]
    assert change["kind"] == "added"
    assert (change["id"], change["old_id"], change["field"], change["before"]) == (
        "glossary:Минюст",
        None,
        None,
        None,
    )
    after = change["after"]
    assert {k: after[k] for k in ("term", "alias_of", "kind", "provenance", "certainty")} == {
        "term": "Минюст",
        "alias_of": "ЮМ",
        "kind": "state_body",
        "provenance": "added",
        "certainty": "evident",
    }
    assert after["expansion"] is None


def test_changed_glossary_entry_and_section_and_task_titles(cli: Cli, tmp_path: Path) -> None:
    new_glossary = edited(
        tmp_path,
        "    certainty: evident\n    note: >-\n      Used in 35.1;",
        "    certainty: inferred\n    note: >-\n      Used in 35.1;",
        source=GLOSSARY,
    )
    new = edited(
        tmp_path, "          натыйжалуу иликтөөгө жана", "          натыйжалуу териштирүүгө жана"
    )
    changes = diff_json(cli, PLAN, new, "--glossary-new", new_glossary)["changes"]
    assert changes[0]["id"] == "task:5" and changes[0]["field"] == "title"
    assert "териштирүүгө" in changes[0]["after"]
    assert changes[1] == {
        "kind": "changed",
        "id": "glossary:МФ",
        "old_id": "glossary:МФ",
        "field": "certainty",
        "before": "evident",
        "after": "inferred",
    }


def test_decree_metadata_and_reporting_rules(cli: Cli, tmp_path: Path) -> None:
    new = edited(tmp_path, "    due_day: 15\n", "    due_day: 20\n")
    new = edited(
        tmp_path, "    days_after_publication: 10\n", "    days_after_publication: 15\n", source=new
    )
    new = edited(tmp_path, "    name: Дж.Оторбаев\n", "    name: Т.Сариев\n", source=new)
    changes = diff_json(cli, PLAN, new)["changes"]
    assert changes == [
        {
            "kind": "changed",
            "id": "decree",
            "old_id": "decree",
            "field": "days_to_entry_into_force",
            "before": 10,
            "after": 15,
        },
        {
            "kind": "changed",
            "id": "decree",
            "old_id": "decree",
            "field": "signed_by",
            "before": "Кыргыз Республикасынын Премьер-министри Дж.Оторбаев",
            "after": "Кыргыз Республикасынын Премьер-министри Т.Сариев",
        },
        {
            "kind": "changed",
            "id": "reporting:agency-report",
            "old_id": "reporting:agency-report",
            "field": "due_day",
            "before": 15,
            "after": 20,
        },
    ]


def test_exit_code_and_formats(cli: Cli, tmp_path: Path) -> None:
    new = edited(tmp_path, "deadline: 2015-жылдын ноябры\n", "deadline: 2017-жылдын ноябры\n")
    assert cli("diff", PLAN, new, "--as-of", "2016-12-31").code == 0
    assert cli("diff", PLAN, new, "--exit-code", "--as-of", "2016-12-31").code == 1
    md = cli("diff", PLAN, new, "--format", "md", "--as-of", "2016-12-31")
    assert md.code == 0
    assert "<details><summary><b>Measures</b>: 1 change</summary>" in md.stdout
    assert "</details>" in md.stdout
    assert "due later by 731 days (+731)" in md.stdout
    assert "no longer overdue (1): 1.1" in md.stdout
    plain = cli("diff", PLAN, new, "--as-of", "2016-12-31").stdout
    assert "\x1b[" not in plain


def test_text_is_coloured_only_when_asked_or_on_a_terminal(dataset: Any, tmp_path: Path) -> None:
    new = load_dataset(
        edited(
            tmp_path,
            "келтирүү\n            deadline: 2015-жылдын декабры",
            "салуу\n            deadline: 2015-жылдын декабры",
        ),
        GLOSSARY,
    )
    result = diff_datasets(dataset, new, as_of=dt.date(2016, 12, 31))
    coloured, plain = io.StringIO(), io.StringIO()
    write(result, DiffFormat.text, coloured, color=True)
    write(result, DiffFormat.text, plain, color=None)  # StringIO is no terminal
    assert "\x1b[31;9mкелтирүү\x1b[0m \x1b[32mсалуу\x1b[0m" in coloured.getvalue()
    assert "[-келтирүү-] {+салуу+}" in plain.getvalue()


def test_the_core_result_is_what_json_prints(dataset: Any, cli: Cli, tmp_path: Path) -> None:
    path = edited(tmp_path, "deadline: 2015-жылдын ноябры\n", "deadline: Дайыма\n")
    result = diff_datasets(dataset, load_dataset(path, GLOSSARY), as_of=dt.date(2016, 12, 31))
    assert result.changes == (
        Change(
            "changed",
            "1.1",
            "1.1",
            "deadline",
            {"phrase": "2015-жылдын ноябры", "due": ["2015-11-30"]},
            {"phrase": "Дайыма", "due": [], "shift_days": None},
        ),
    )
    assert diff_json(cli, PLAN, path) == diff_document(result)


def test_word_diff() -> None:
    assert word_diff("a  b c", "a x c d") == [
        ("=", "a"),
        ("-", "b"),
        ("+", "x"),
        ("=", "c"),
        ("+", "d"),
    ]
    assert word_diff("a b", "a\n b") == [("=", "a b")]


# ---------------------------------------------------------------------- bad paths


def test_invalid_side_lists_its_problems_and_exits_1(cli: Cli, tmp_path: Path) -> None:
    new = edited(tmp_path, "deadline: 2015-жылдын ноябры\n", "deadline: 2015-жылдын ноябрь\n")
    broken = edited(tmp_path, "    due_day: 15\n", "    due_day: 45\n", source=new)
    outcome = cli("diff", PLAN, broken)
    assert outcome.code == 1
    assert outcome.stdout == ""
    assert "plancli: error: the new side is invalid (2 problems):" in outcome.stderr
    assert "edited-edited-plan.yaml:" in outcome.stderr
    assert "Traceback" not in outcome.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["one.yaml"],
        ["a.yaml", "b.yaml", "c.yaml"],
        ["--git", "HEAD", "a.yaml", "b.yaml"],
        ["a.yaml", "b.yaml", "--format", "html"],
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: list[str]) -> None:
    outcome = cli("diff", *args)
    assert outcome.code == 2
    assert outcome.stdout == ""


# ---------------------------------------------------------------------- git


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_compares_the_working_tree_with_a_revision(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    shutil.copy(PLAN, repo / "data" / "plan.yaml")
    shutil.copy(GLOSSARY, repo / "data" / "glossary.yaml")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "plan")
    moved = edited(tmp_path, "deadline: 2015-жылдын ноябры\n", "deadline: 2017-жылдын ноябры\n")
    shutil.copy(moved, repo / "data" / "plan.yaml")
    monkeypatch.chdir(repo)
    gloss = repo / "data" / "glossary.yaml"
    result = diff_json(cli, "--git", "HEAD", "data/plan.yaml", "--glossary", gloss)
    assert [(c["id"], c["field"]) for c in result["changes"]] == [("1.1", "deadline")]
    assert result["overdue"]["removed"] == ["1.1"]
    # --plan works the same as the argument
    assert (
        diff_json(cli, "--git", "HEAD", "--plan", "data/plan.yaml", "--glossary", gloss) == result
    )
    # without --glossary, each side reads the glossary beside its plan
    assert diff_json(cli, "--git", "HEAD", "data/plan.yaml") == result
    # a typo, a range or a tree is bad usage, never an "empty file" on the old side
    for revision in ("no-such-rev", "HEAD..HEAD", "HEAD^{tree}"):
        unknown = cli("diff", "--git", revision, "data/plan.yaml", "--glossary", gloss)
        assert unknown.code == 2, revision
        assert f"--git {revision!r} does not name a commit" in unknown.stderr
        assert "empty" not in unknown.stderr
    _git(repo, "rm", "-q", "--cached", "data/plan.yaml")
    _git(repo, "commit", "-q", "-m", "no plan")
    missing = cli("diff", "--git", "HEAD", "data/plan.yaml", "--glossary", gloss)
    assert missing.code == 1  # a real commit without the file: the file cannot be read
    assert "cannot read data/plan.yaml at 'HEAD'" in missing.stderr
    _git(repo, "reset", "-q", "--soft", "HEAD~1")
    _git(repo, "add", "data/plan.yaml")
    _git(repo, "checkout", "-q", "HEAD", "--", "data/plan.yaml")
    shutil.copy(moved, repo / "data" / "plan.yaml")
    monkeypatch.chdir(repo / "data")  # and without a plan, ./plan.yaml is found
    assert diff_json(cli, "--git", "HEAD") == result


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_outside_a_repository_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(PLAN, outside / "plan.yaml")
    outcome = cli(
        "diff",
        "--git",
        "HEAD",
        outside / "plan.yaml",
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path)},
    )
    assert outcome.code == 2
    assert "--git needs a git repository" in outcome.stderr
    assert "Traceback" not in outcome.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_side_that_is_invalid_lists_its_problems_by_revision(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    broken = edited(tmp_path, "    due_day: 15\n", "    due_day: 45\n")
    shutil.copy(broken, repo / "plan.yaml")
    shutil.copy(GLOSSARY, repo / "glossary.yaml")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "broken plan")
    shutil.copy(PLAN, repo / "plan.yaml")
    monkeypatch.chdir(repo)
    outcome = cli("diff", "--git", "HEAD")
    assert outcome.code == 1
    assert "the old side is invalid (1 problem):" in outcome.stderr
    assert "HEAD:plan.yaml:" in outcome.stderr
    assert outcome.stdout == ""
