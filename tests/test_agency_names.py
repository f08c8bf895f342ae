"""Agency names as people give them: copied from a table, a word of the full name, Latin letters.

One place resolves every ``--agency`` (``Glossary.find``, through
``queries.selection.agency_scope``); these tests hold it to the README's "Agencies" promises.
"""

from __future__ import annotations

import pytest

from conftest import Cli
from plancli.errors import NotFoundError
from plancli.glossary import AGENCIES_HINT, Glossary
from plancli.kyrgyz_latin import LATIN, has_latin_letters, typed_as
from plancli.loading import Dataset
from plancli.plan import BY_AGREEMENT

#: The Kyrgyz Cyrillic alphabet: the Russian letters and Ң Ө Ү.
KYRGYZ_ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"

#: Every command that takes the shared --agency option, with what else it needs.
AGENCY_COMMANDS = [
    ["measures"],
    ["overdue", "--as-of", "2016-12-31"],
    ["progress", "--as-of", "2016-12-31"],
    ["progress", "--as-of", "2016-12-31", "--by", "agency"],
    ["checklist", "--quarter", "2016Q4", "-f", "csv"],
    ["calendar", "--year", "2016"],
    ["agenda", "--as-of", "2016-12-01"],
]


def message(error: pytest.ExceptionInfo[NotFoundError]) -> str:
    return f"{error.value.message}\n{error.value.hint}"


# ------------------------------------------------------------------ core API


def test_every_executor_as_printed_resolves_to_its_body(dataset: Dataset) -> None:
    """Tables print executors as the decree writes them, "(макулдашуу боюнча)" included."""
    glossary = dataset.glossary
    printed = {
        e.name + (f" {BY_AGREEMENT}" if e.by_agreement else "")
        for m in dataset.plan.measures
        for e in m.executors
    }
    agreed = [name for name in printed if name.endswith(BY_AGREEMENT)]
    assert "Башкы прокуратура (макулдашуу боюнча)" in agreed and len(agreed) > 5
    for name in agreed:
        bare = name[: -len(BY_AGREEMENT)].strip()
        assert glossary.lookup(name) is None  # only the new rule can resolve it
        assert glossary.resolve(name) == glossary.resolve(bare), name


@pytest.mark.parametrize(
    "copied",
    [
        "Башкы прокуратура (макулдашуу боюнча)",
        "Башкы прокуратура (макулдашуу боюнча )",  # the source's own slip, spaced
        "башкы прокуратура  ( Макулдашуу боюнча)",
        "Кыргыз Республикасынын Башкы прокуратурасы (макулдашуу боюнча)",
    ],
)
def test_by_agreement_suffix_is_accepted_in_any_spacing(dataset: Dataset, copied: str) -> None:
    assert dataset.glossary.resolve(copied).term == "Башкы прокуратура"


@pytest.mark.parametrize(
    ("words", "term"),
    [
        ("Юстиция", "ЮМ"),
        ("юстиция", "ЮМ"),
        ("ЮСТИЦИЯ МИНИСТРЛИГИ", "ЮМ"),
        ("Ички иштер министрлиги", "ИИМ"),
        ("прокуратура", "Башкы прокуратура"),
        ("финансы министрлиги", "ФМ"),
    ],
)
def test_whole_words_of_one_body_resolve(dataset: Dataset, words: str, term: str) -> None:
    assert dataset.glossary.resolve(words).term == term


@pytest.mark.parametrize("words", ["Юстиц", "министрлиги Юстиция", "иштер Ички"])
def test_parts_are_whole_words_in_order(dataset: Dataset, words: str) -> None:
    with pytest.raises(NotFoundError) as error:
        dataset.glossary.resolve(words)
    assert "unknown agency" in error.value.message


def test_a_word_of_several_bodies_lists_them(dataset: Dataset) -> None:
    with pytest.raises(NotFoundError) as error:
        dataset.glossary.resolve("министрлиги")
    text = message(error)
    assert "part of the names of" in text
    for term in ("ЮМ", "ФМ", "ИИМ"):
        assert term in text
    assert text.endswith(AGENCIES_HINT)


def test_a_long_candidate_list_is_cut_with_a_count(dataset: Dataset) -> None:
    with pytest.raises(NotFoundError) as error:
        dataset.glossary.resolve("Кыргыз Республикасынын")
    assert " more? " in error.value.hint  # type: ignore[operator]


def test_words_of_non_bodies_do_not_count(dataset: Dataset) -> None:
    """ЧУА (normative legal acts) is a glossary term, not a body: its words name no agency."""
    glossary = dataset.glossary
    chua = glossary.lookup("ЧУА")
    assert chua is not None and chua.kind == "term" and chua.expansion
    assert glossary.resolve("ЧУА") == chua  # the term itself, given whole, is still found
    with pytest.raises(NotFoundError):
        glossary.resolve("актылар")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("IIM", "ИИМ"),
        ("IUM", "ЮМ"),
        ("YUM", "ЮМ"),
        ("jum", "ЮМ"),
        ("FM", "ФМ"),
        ("fm", "ФМ"),
        ("BSHK", "БШК"),
        ("bshk", "БШК"),
        ("ZhOBO", "ЖӨБО"),
        ("Yustitsiya", "ЮМ"),
    ],
)
def test_latin_spellings_are_suggested_never_resolved(
    dataset: Dataset, typed: str, meant: str
) -> None:
    with pytest.raises(NotFoundError) as error:
        dataset.glossary.resolve(typed)
    assert f"did you mean {meant}" in (error.value.hint or "")
    assert error.value.hint and error.value.hint.endswith(AGENCIES_HINT)


@pytest.mark.parametrize(
    "name", ["ЖОКК", "IUM", "ЮM", "министрлиги", "xyzzy", "(макулдашуу боюнча)"]
)
def test_every_unknown_agency_message_points_to_the_agencies_command(
    dataset: Dataset, name: str
) -> None:
    with pytest.raises(NotFoundError) as error:
        dataset.glossary.resolve(name)
    assert error.value.hint and error.value.hint.endswith(AGENCIES_HINT)
    assert "plancli agencies" in AGENCIES_HINT


def test_find_keeps_the_alias_resolve_follows_it(dataset: Dataset) -> None:
    glossary: Glossary = dataset.glossary
    assert glossary.find("МФ").term == "МФ"
    assert glossary.resolve("МФ").term == "ФМ"


# ------------------------------------------------------------ transliteration


def test_the_table_covers_every_kyrgyz_letter() -> None:
    assert set(KYRGYZ_ALPHABET) == set(LATIN)
    assert all(s == s.casefold() for spellings in LATIN.values() for s in spellings)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("ЮМ", "IUM"),
        ("ЮМ", "yum"),
        ("ЮМ", "JuM"),
        ("ИИМ", "IIM"),
        ("БШК", "BSHK"),
        ("ЖӨБО", "ZHOBO"),
        ("ЖӨБО", "jöbo"),
        ("Кеңеш", "kengesh"),
        ("Кеңеш", "keñesh"),
        ("Үй", "uy"),
        ("Үй", "üy"),
        ("Ыйык", "iyik"),
        ("чаң", "chang"),
        ("щи", "shchi"),
        ("Эл", "el"),
        ("Яна", "yana"),
        ("жаз", "zhaz"),
        ("жаз", "jaz"),
        ("КР Жогорку", "kr zhogorku"),
    ],
)
def test_typed_as_accepts_the_tables_spellings(cyrillic: str, latin: str) -> None:
    assert typed_as(cyrillic, latin)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("ЮМ", "IIM"), ("ИИМ", "IUM"), ("БШК", "BSK"), ("ФМ", "FMM"), ("ЮМ", "UM"), ("ЮМ", "")],
)
def test_typed_as_refuses_other_letters(cyrillic: str, latin: str) -> None:
    assert not typed_as(cyrillic, latin)


def test_only_all_latin_names_are_transliterated() -> None:
    assert has_latin_letters("BSHK") and has_latin_letters("i-u-m 2")
    assert not has_latin_letters("ЮM")  # a Cyrillic name with a look-alike: homoglyph rule
    assert not has_latin_letters("123")


# ------------------------------------------------------------- command line


@pytest.mark.parametrize("args", AGENCY_COMMANDS, ids=" ".join)
def test_every_command_takes_the_name_as_printed_and_whole_words(cli: Cli, args: list[str]) -> None:
    plain = cli(*args, "--agency", "Башкы прокуратура")
    assert plain.code == 0, plain.stderr
    copied = cli(*args, "--agency", "Башкы прокуратура (макулдашуу боюнча)")
    assert (copied.code, copied.stdout) == (0, plain.stdout)
    by_abbreviation = cli(*args, "--agency", "ЮМ")
    by_word = cli(*args, "--agency", "юстиция")
    assert (by_word.code, by_word.stdout) == (0, by_abbreviation.stdout)
    assert by_word.stdout != plain.stdout  # the two agencies differ, so equality means something


@pytest.mark.parametrize("args", AGENCY_COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("IUM", "did you mean ЮМ?"),
        ("bshk", "did you mean БШК?"),
        ("ЖОКК", "unknown agency or abbreviation 'ЖОКК'"),
        ("министрлиги", "'министрлиги' is part of the names of"),
    ],
)
def test_unknown_or_ambiguous_agency_is_usage_error(
    cli: Cli, args: list[str], name: str, says: str
) -> None:
    outcome = cli(*args, "--agency", name)
    assert (outcome.code, outcome.stdout) == (2, "")
    assert says in outcome.stderr
    last = outcome.stderr.rstrip("\n").splitlines()[-1]
    assert last.startswith("plancli: hint: ") and last.endswith(AGENCIES_HINT)
    assert "Traceback" not in outcome.stderr


def test_ambiguous_word_lists_candidates_each_of_which_works(cli: Cli) -> None:
    outcome = cli("measures", "--agency", "министрлиги")
    assert outcome.code == 2
    hint = next(line for line in outcome.stderr.splitlines() if "did you mean" in line)
    candidates = hint.split("did you mean ", 1)[1].split("?")[0].split(" and ")[0].split(", ")
    assert len(candidates) >= 2
    for term in candidates:
        assert cli("measures", "--agency", term).code == 0, term


def test_the_hinted_command_lists_the_suggested_bodies(cli: Cli) -> None:
    listed = cli("agencies", "-f", "csv")
    assert listed.code == 0
    assert {"ЮМ", "ИИМ", "БШК", "ФМ"} <= {row.split(",")[0] for row in listed.stdout.splitlines()}


def test_expand_takes_whole_words_too_and_still_exits_1_when_unknown(cli: Cli) -> None:
    found = cli("expand", "Юстиция")
    assert found.code == 0 and "Кыргыз Республикасынын Юстиция министрлиги" in found.stdout
    unknown = cli("expand", "IUM")
    assert unknown.code == 1 and "did you mean ЮМ?" in unknown.stderr
