"""The validated-plan cache is never stale and never in the way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import plancli.loading
from conftest import GLOSSARY, PLAN, Cli
from plancli import cache
from plancli.errors import InvalidDataError
from plancli.loading import load_dataset


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("PLANCLI_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def plan_files(tmp_path: Path) -> tuple[Path, Path]:
    plan, glossary = tmp_path / "plan.yaml", tmp_path / "glossary.yaml"
    plan.write_bytes(PLAN.read_bytes())
    glossary.write_bytes(GLOSSARY.read_bytes())
    return plan, glossary


def _forbid_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated although the cache should have answered")

    monkeypatch.setattr(plancli.loading, "validate_files", fail)


def test_second_load_comes_from_the_cache(
    fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_dataset(*plan_files)
    assert len(list(fresh_cache.glob("*.pickle"))) == 1
    _forbid_validation(monkeypatch)
    second = load_dataset(*plan_files)
    assert second.plan == first.plan
    assert [e.term for e in second.glossary.entries] == [e.term for e in first.glossary.entries]


@pytest.mark.parametrize("which", ["plan", "glossary"])
def test_editing_one_byte_gives_the_new_result(
    cli: Cli, fresh_cache: Path, plan_files: tuple[Path, Path], which: str
) -> None:
    plan, glossary = plan_files
    args = ["--plan", plan, "--glossary", glossary, "-f", "json"]
    before = json.loads(cli("expand", "ЮМ", *args).stdout)[0]["expansion"]
    assert before == "Кыргыз Республикасынын Юстиция министрлиги"
    if which == "glossary":
        text = glossary.read_text(encoding="utf-8")
        glossary.write_text(
            text.replace("Юстиция министрлиги", "Юстиция министрлигi", 1), encoding="utf-8"
        )
        outcome = cli("expand", "ЮМ", *args)
        assert (
            outcome.code == 1 and "[text-mixed-script]" in outcome.stderr
        )  # not the cached answer
    else:
        text = plan.read_text(encoding="utf-8")
        plan.write_text(
            text.replace("title: Саясий коррупциянын", "title: Саясий Коррупциянын", 1),
            encoding="utf-8",
        )
        shown = json.loads(cli("show", "1.1", *args).stdout)
        assert shown["section_title"].startswith("Саясий Коррупциянын")
    assert len(list(fresh_cache.glob("*.pickle"))) >= 1


def test_a_corrupt_cache_is_ignored_and_replaced(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    expected = load_dataset(*plan_files).plan
    (entry,) = fresh_cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle at all")
    assert load_dataset(*plan_files).plan == expected
    entry.write_bytes(entry.read_bytes()[:100])  # truncated
    assert load_dataset(*plan_files).plan == expected


def test_an_entry_for_another_key_is_not_served(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    plan, glossary = plan_files
    real = load_dataset(plan, glossary).plan
    (entry,) = fresh_cache.glob("*.pickle")
    # a file renamed or copied under the wrong name must not be trusted
    cache.store("0" * 40, ("another key", "garbage"))
    (fresh_cache / f"{'0' * 40}.pickle").replace(entry)
    assert load_dataset(plan, glossary).plan == real


def test_an_unwritable_cache_is_silently_skipped(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan_files: tuple[Path, Path]
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("PLANCLI_CACHE_DIR", str(blocker / "cache"))
    outcome = cli(
        "--quiet", "measures", "--plan", plan_files[0], "--glossary", plan_files[1], "-f", "json"
    )
    assert outcome.code == 0 and outcome.stderr == ""
    assert len(json.loads(outcome.stdout)) == 106


def test_no_cache_switch(
    fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCLI_NO_CACHE", "1")
    load_dataset(*plan_files)
    assert not fresh_cache.exists()


def test_invalid_plans_are_never_cached(fresh_cache: Path, plan_files: tuple[Path, Path]) -> None:
    plan, glossary = plan_files
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('id: "1.2"', 'id: "1.3"', 1), encoding="utf-8"
    )
    with pytest.raises(InvalidDataError):
        load_dataset(plan, glossary)
    assert not fresh_cache.exists() or not list(fresh_cache.glob("*.pickle"))


def test_keys_depend_on_every_byte_and_on_which_file() -> None:
    assert cache.key(b"ab", b"c") != cache.key(b"a", b"bc")
    assert cache.key(b"plan", b"glossary") != cache.key(b"plan ", b"glossary")
    assert cache.key(b"plan", b"glossary") == cache.key(b"plan", b"glossary")
