"""The validated-plan cache is never stale and never in the way."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import pickle
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
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
    assert len(list(fresh_cache.glob("*.plan"))) == 1
    _forbid_validation(monkeypatch)
    second = load_dataset(*plan_files)
    assert second.plan == first.plan
    assert [e.term for e in second.glossary.entries] == [e.term for e in first.glossary.entries]


def test_a_cached_plan_is_field_for_field_the_validated_one(
    fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_dataset(*plan_files)
    _forbid_validation(monkeypatch)
    second = load_dataset(*plan_files)
    for old, new in zip(first.plan.measures, second.plan.measures, strict=True):
        # every field, those left out of == too (merged_from), in order
        assert dataclasses.astuple(new) == dataclasses.astuple(old)
        assert list(new.merged_from.items()) == list(old.merged_from.items())
    assert any(m.merged_from for m in second.plan.measures)
    # equal immutable records are stored once and come back as one object
    leads = {}
    for measure in second.plan.measures:
        lead = measure.executors[0]
        assert leads.setdefault(lead, lead) is lead


def test_a_cached_plan_brings_its_deadline_readings(
    fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm query does not parse deadline phrases again: they are cached with the plan."""
    from plancli import tracking
    from plancli.deadlines import parse_deadline

    first = load_dataset(*plan_files)
    expected = {
        m.deadline: parse_deadline(m.deadline, plan_years=(2015, 2017))
        for m in first.plan.measures
    }
    assert len(expected) > 20  # the decree's distinct phrases
    monkeypatch.setattr(tracking, "_read", {})  # a new process: nothing read yet

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached plan's deadline was parsed again")

    monkeypatch.setattr(tracking, "parse_deadline", no_parsing)
    _forbid_validation(monkeypatch)
    second = load_dataset(*plan_files)
    read = {m.deadline: tracking.deadline_of(m, second.plan) for m in second.plan.measures}
    assert read == expected
    kinds = {d.kind for d in read.values()}
    cadences = {d.cadence for d in read.values()}
    # enums come back as the members themselves, not as their strings
    assert all(type(k).__name__ == "DeadlineKind" for k in kinds) and len(kinds) >= 5
    assert any(c is not None and type(c).__name__ == "Cadence" for c in cadences)


def test_an_entry_with_an_enum_value_plancli_lacks_is_ignored(
    fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_dataset(*plan_files)
    (entry,) = fresh_cache.glob("*.plan")
    enum_tag = -5
    found = []

    def unknown_value(item: Any) -> Any:
        if type(item) is list and item and item[0] == enum_tag and not found:
            found.append(item[2])
            return [enum_tag, item[1], "fortnightly"]
        if type(item) is list:
            return [unknown_value(part) for part in item]
        if type(item) is tuple:
            return tuple(unknown_value(part) for part in item)
        return item

    _reseal(entry, _entry_key(plan_files), unknown_value)
    assert found  # the entry did hold an enum to tamper with
    validated = []
    validate = plancli.loading.validate_files
    monkeypatch.setattr(
        plancli.loading,
        "validate_files",
        lambda *args, **kwargs: validated.append(1) or validate(*args, **kwargs),
    )
    dataset = load_dataset(*plan_files)
    assert validated == [1]  # a miss: validated again, not decoded into a wrong value
    assert len(dataset.plan.measures) == 106


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
    assert len(list(fresh_cache.glob("*.plan"))) >= 1


def test_a_corrupt_cache_is_ignored_and_replaced(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    expected = load_dataset(*plan_files).plan
    (entry,) = fresh_cache.glob("*.plan")
    entry.write_bytes(b"not a pickle at all")
    assert load_dataset(*plan_files).plan == expected
    entry.write_bytes(entry.read_bytes()[:100])  # truncated
    assert load_dataset(*plan_files).plan == expected


def test_an_entry_for_another_key_is_not_served(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    plan, glossary = plan_files
    real = load_dataset(plan, glossary).plan
    (entry,) = fresh_cache.glob("*.plan")
    # a file renamed or copied under the wrong name must not be trusted
    cache.store("0" * 40, ("another key", "garbage"))
    (fresh_cache / f"{'0' * 40}.plan").replace(entry)
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
    assert not fresh_cache.exists() or not list(fresh_cache.glob("*.plan"))


def test_keys_depend_on_every_byte_and_on_which_file() -> None:
    assert cache.key(b"ab", b"c") != cache.key(b"a", b"bc")
    assert cache.key(b"plan", b"glossary") != cache.key(b"plan ", b"glossary")
    assert cache.key(b"plan", b"glossary") == cache.key(b"plan", b"glossary")


# ------------------------------------------------- hostile and shared caches


def _entry_key(plan_files: tuple[Path, Path]) -> str:
    return cache.key(plan_files[0].read_bytes(), plan_files[1].read_bytes())


class _Exploit:
    """Unpickling this creates ``marker``: proof that a planted pickle was run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def test_a_planted_pickle_is_never_executed(
    fresh_cache: Path, plan_files: tuple[Path, Path], tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps((_entry_key(plan_files), _Exploit(marker)))
    fresh_cache.mkdir(mode=0o700)
    for name in (f"{_entry_key(plan_files)}.plan", f"{_entry_key(plan_files)}.pickle"):
        (fresh_cache / name).write_bytes(payload)
        (fresh_cache / name).chmod(0o600)
    plan = load_dataset(*plan_files).plan
    assert not marker.exists()
    assert len(plan.measures) == 106


def test_a_crafted_entry_under_the_right_key_is_not_trusted(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    """Someone without the user's secret writes well-formed data with false answers."""
    real = load_dataset(*plan_files)
    cache_key = _entry_key(plan_files)
    forged_plan = dataclasses.replace(real.plan, first_year=1999)
    payload = marshal.dumps((cache_key, cache._encode((forged_plan, real.glossary.entries))))
    for seal in (b"\0" * 32, cache._seal(b"another user's secret 0123456789", cache_key, payload)):
        entry = fresh_cache / f"{cache_key}.plan"
        entry.write_bytes(cache.MAGIC + seal + payload)
        assert load_dataset(*plan_files).plan.first_year == 2015


def _reseal(entry: Path, cache_key: str, edit: Callable[[Any], Any]) -> None:
    """Rewrite an entry as this user's plancli would have sealed ``edit(data)``."""
    blob = entry.read_bytes()
    header = len(cache.MAGIC) + 32
    stored_key, data = marshal.loads(blob[header:])
    payload = marshal.dumps((stored_key, edit(data)))
    secret = cache._secret(create=False)
    assert secret is not None
    entry.write_bytes(cache.MAGIC + cache._seal(secret, cache_key, payload) + payload)


@pytest.mark.parametrize("command", ["calendar", "checklist", "measures"])
def test_an_entry_of_another_class_shape_is_ignored(
    cli: Cli, fresh_cache: Path, plan_files: tuple[Path, Path], command: str
) -> None:
    """Same plancli version, classes changed in a working copy: a miss, not exit 70."""
    load_dataset(*plan_files)
    (entry,) = fresh_cache.glob("*.plan")

    def rename_a_field(data: Any) -> Any:
        header, encoded = data
        changed = tuple(
            (name, tuple("old_" + f if f == "deadline" else f for f in fields), nested)
            for name, fields, nested in header
        )
        return (changed, encoded)

    _reseal(entry, _entry_key(plan_files), rename_a_field)
    args = {"calendar": ["--year", "2016"], "checklist": ["-a", "ЮМ", "-q", "2016Q4"]}
    outcome = cli(
        command, *args.get(command, []), "--plan", plan_files[0], "--glossary", plan_files[1]
    )
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout.strip()


def test_an_entry_naming_a_class_outside_plancli_is_ignored(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    load_dataset(*plan_files)
    (entry,) = fresh_cache.glob("*.plan")

    def foreign(data: Any) -> Any:
        header, encoded = data
        return ((("os:system", ("command",), ()), *header[1:]), encoded)

    _reseal(entry, _entry_key(plan_files), foreign)
    assert len(load_dataset(*plan_files).plan.measures) == 106


def test_an_entry_of_another_format_is_ignored(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    expected = load_dataset(*plan_files).plan
    (entry,) = fresh_cache.glob("*.plan")
    entry.write_bytes(entry.read_bytes().replace(cache.MAGIC, b"plancli-cache-1\n", 1))
    assert load_dataset(*plan_files).plan == expected


def test_directory_and_secret_are_private(fresh_cache: Path, plan_files: tuple[Path, Path]) -> None:
    load_dataset(*plan_files)
    assert stat.S_IMODE(fresh_cache.stat().st_mode) == 0o700
    (entry,) = fresh_cache.glob("*.plan")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.secret_path().stat().st_mode) == 0o600
    assert cache.secret_path().parent != fresh_cache  # a restored cache brings no secret


def test_an_old_0755_directory_is_made_private(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    fresh_cache.mkdir(mode=0o755)
    fresh_cache.chmod(0o755)
    load_dataset(*plan_files)
    assert stat.S_IMODE(fresh_cache.stat().st_mode) == 0o700


@pytest.mark.parametrize("what", ["directory", "entry", "secret"])
def test_cache_writable_by_others_is_not_used(
    fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    load_dataset(*plan_files)
    (entry,) = fresh_cache.glob("*.plan")
    target = {"directory": fresh_cache, "entry": entry, "secret": cache.secret_path()}[what]
    target.chmod(0o777 if what == "directory" else 0o666)
    assert cache.load(_entry_key(plan_files)) is None
    calls: list[object] = []
    original = plancli.loading.validate_files
    monkeypatch.setattr(
        plancli.loading, "validate_files", lambda *a, **k: calls.append(a) or original(*a, **k)
    )
    assert len(load_dataset(*plan_files).plan.measures) == 106
    assert calls  # validated, not served from the untrusted cache


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
@pytest.mark.parametrize("what", ["directory", "entry"])
def test_cache_owned_by_someone_else_is_not_used(
    fresh_cache: Path, plan_files: tuple[Path, Path], what: str
) -> None:
    load_dataset(*plan_files)
    (entry,) = fresh_cache.glob("*.plan")
    os.chown(fresh_cache if what == "directory" else entry, 4242, 4242)
    assert cache.load(_entry_key(plan_files)) is None
    assert len(load_dataset(*plan_files).plan.measures) == 106


def test_a_symlinked_entry_is_not_followed(
    fresh_cache: Path, plan_files: tuple[Path, Path], tmp_path: Path
) -> None:
    load_dataset(*plan_files)
    (entry,) = fresh_cache.glob("*.plan")
    elsewhere = tmp_path / "elsewhere.plan"
    entry.replace(elsewhere)
    entry.symlink_to(elsewhere)
    assert cache.load(_entry_key(plan_files)) is None


def test_the_cache_stays_within_its_bound_after_50_edits(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    data = load_dataset(*plan_files)
    value = (data.plan, data.glossary.entries)
    first = _entry_key(plan_files)
    keys = [cache.key(f"edit {n}".encode(), b"") for n in range(50)]
    for number, cache_key in enumerate(keys):
        cache.store(cache_key, value)
        if number % 5 == 0:
            assert cache.load(first) is not None  # used often: kept
        entries = list(fresh_cache.glob("*.plan"))
        assert len(entries) <= cache.MAX_ENTRIES
        assert sum(e.stat().st_size for e in entries) <= cache.MAX_TOTAL_BYTES
    names = {e.stem for e in fresh_cache.glob("*.plan")}
    assert first in names and keys[-1] in names and keys[0] not in names


def test_the_byte_bound_evicts_the_least_recently_used(
    fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = load_dataset(*plan_files)
    (entry,) = fresh_cache.glob("*.plan")
    monkeypatch.setattr(cache, "MAX_TOTAL_BYTES", entry.stat().st_size * 3)
    keys = [cache.key(f"edit {n}".encode(), b"") for n in range(6)]
    for cache_key in keys:
        cache.store(cache_key, (data.plan, data.glossary.entries))
    assert {e.stem for e in fresh_cache.glob("*.plan")} == set(keys[-3:])


def test_leftovers_of_a_killed_writer_are_removed(
    fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    fresh_cache.mkdir(mode=0o700)
    stale, fresh = fresh_cache / "tmpab12cd.tmp", fresh_cache / ".other-writer.tmp"
    for leftover in (stale, fresh):
        leftover.write_bytes(b"\0" * 1000)
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    load_dataset(*plan_files)
    assert not stale.exists()
    assert fresh.exists()  # perhaps another process writing right now


def test_parallel_warmers_all_get_right_answers(tmp_path: Path, plan_copy: Path) -> None:
    """Real processes race to validate and store the same key."""
    env = dict(os.environ, PLANCLI_CACHE_DIR=str(tmp_path / "shared-cache"))
    command = [sys.executable, "-m", "plancli", "measures", "--plan", str(plan_copy), "-f", "json"]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(6)
    ]
    results = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [0] * 6, [err for _, err in results]
    answers = [json.loads(out) for out, _ in results]
    assert all(answer == answers[0] for answer in answers) and len(answers[0]) == 106
    cached = list((tmp_path / "shared-cache").iterdir())
    assert [p.suffix for p in cached] == [".plan"]  # one entry, no temporary left
    again = subprocess.run(command, capture_output=True, env=env, timeout=300, check=True)
    assert json.loads(again.stdout) == answers[0]


def test_a_read_only_cache_directory_still_answers(
    cli: Cli, fresh_cache: Path, plan_files: tuple[Path, Path]
) -> None:
    fresh_cache.mkdir(mode=0o500)
    outcome = cli(
        "--quiet", "measures", "--plan", plan_files[0], "--glossary", plan_files[1], "-f", "json"
    )
    assert outcome.code == 0 and outcome.stderr == ""
    assert len(json.loads(outcome.stdout)) == 106


def test_no_writable_data_directory_means_no_cache(
    cli: Cli, fresh_cache: Path, plan_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = fresh_cache.parent / "data-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    outcome = cli(
        "--quiet", "measures", "--plan", plan_files[0], "--glossary", plan_files[1], "-f", "json"
    )
    assert outcome.code == 0 and outcome.stderr == ""
    assert not list(fresh_cache.glob("*.plan"))  # no secret, no entry that could not be checked


@pytest.mark.parametrize("xdg", [None, "", "/somewhere/else"])
def test_user_directories_are_where_platformdirs_puts_them(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    """plancli names them itself on Linux (faster start-up); they must not drift."""
    import platformdirs

    monkeypatch.delenv("PLANCLI_CACHE_DIR", raising=False)
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("plancli", appauthor=False))
    assert cache.secret_path().parent == Path(
        platformdirs.user_data_dir("plancli", appauthor=False)
    )
