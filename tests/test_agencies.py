"""Who must do what: agency resolution, roles, groups, expansion, glossary listing."""

from __future__ import annotations

import json

import pytest

from conftest import Cli
from plancli.agencies import AgencyFilter, Role, Roles
from plancli.dataset import Dataset
from plancli.errors import NotFoundError
from plancli.queries.selection import select_measures
from plancli.queries.show import shown_measure
from plancli.record_builders import involvement_record


def roles_of(dataset: Dataset, agency: str) -> dict[str, Role]:
    entry = dataset.glossary.resolve(agency)
    return {
        i.measure.id: i.role
        for i in Roles(dataset.glossary).measures_of(entry, dataset.plan.measures)
    }


def measures_naming(dataset: Dataset, *names: str) -> set[str]:
    """Ids of measures whose executor cell names any of ``names`` (case aside)."""
    wanted = {n.casefold() for n in names}
    return {
        m.id for m in dataset.plan.measures if any(e.name.casefold() in wanted for e in m.executors)
    }


# ------------------------------------------------------------------ resolution


@pytest.mark.parametrize(
    ("given", "term"),
    [
        ("ЮМ", "ЮМ"),
        ("юм", "ЮМ"),
        ("МФ", "ФМ"),  # alias
        ("ССМ", "СММ"),
        ("Улуттук банк", "КРУБ"),
        ("кыргыз республикасынын юстиция министрлиги", "ЮМ"),  # full name, any case
        ("ӨКМӨТТҮН АППАРАТЫ", "Өкмөттүн Аппараты"),  # Kyrgyz letters change case too
        ("  Башкы   прокуратура ", "Башкы прокуратура"),
    ],
)
def test_agency_resolution(dataset: Dataset, given: str, term: str) -> None:
    assert dataset.glossary.resolve(given).term == term


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("ЮM", "ЮМ"),  # Latin M
        ("MCK", "МСК"),  # all Latin look-alikes
        ("ИИММ", "ИИМ"),  # a typo
        ("Башкы прокуратурa", "Башкы прокуратура"),
    ],
)
def test_unknown_names_get_suggestions(dataset: Dataset, typed: str, suggestion: str) -> None:
    with pytest.raises(NotFoundError) as raised:
        dataset.glossary.resolve(typed)
    assert raised.value.hint is not None and suggestion in raised.value.hint
    assert len(dataset.glossary.suggest(typed)) <= 3


# ----------------------------------------------------------------------- roles


def test_roles_of_ims_include_both_groups(dataset: Dataset) -> None:
    roles = roles_of(dataset, "ИИМ")
    direct = measures_naming(dataset, "ИИМ")
    law_enforcement = measures_naming(
        dataset, "укук коргоо органдары", "укук коргоо жана контролдоо органдары"
    )
    state_bodies = measures_naming(
        dataset, "мамлекеттик органдар", "мамлекеттик органдардын АСБ кызматтары"
    )
    assert {k for k, r in roles.items() if r is not Role.via_group} == direct
    assert set(roles) == direct | law_enforcement | state_bodies
    assert roles["8.1"] is Role.lead  # "ИИМ, Башкы прокуратура …, укук коргоо органдары"
    assert roles["24.1"] is Role.co_executor
    assert roles["7.1"] is Role.via_group  # "Башкы прокуратура …, укук коргоо органдары"
    assert roles["15.1"] is Role.via_group  # "… мамлекеттик органдар …"


def test_roles_of_the_ministry_of_justice(dataset: Dataset) -> None:
    roles = roles_of(dataset, "ЮМ")
    assert roles["1.1"] is Role.lead and roles["2.1"] is Role.co_executor
    assert roles["15.1"] is Role.via_group
    assert "7.1" not in roles  # law enforcement is not the ministry of justice


def test_roles_of_a_body_acting_by_agreement(dataset: Dataset) -> None:
    roles = roles_of(dataset, "БШК")
    assert roles["1.2"] is Role.lead and roles["1.3"] is Role.co_executor
    selection = select_measures(
        dataset, agency_filter=AgencyFilter(("БШК",), direct=True), by_agreement=True
    )
    assert {s.measure.id for s in selection} == {"1.2", "1.3", "2.1", "2.2", "2.3"}


def test_local_government_is_not_a_state_body(dataset: Dataset) -> None:
    roles = roles_of(dataset, "ЖӨБО")
    assert set(roles) == measures_naming(dataset, "ЖӨБО")
    assert Role.via_group not in roles.values()


def test_direct_mention_wins_over_group(dataset: Dataset) -> None:
    """8.1 names both ИИМ and укук коргоо органдары: the role is lead, not via group."""
    (selection,) = select_measures(
        dataset, agency_filter=AgencyFilter(("ИИМ",)), task=8, section="II"
    )[:1]
    assert selection.involvements[0].role is Role.lead


def test_an_alias_and_its_entry_give_the_same_measures(cli: Cli) -> None:
    by_alias = json.loads(cli("measures", "--agency", "МФ", "-f", "json").stdout)
    by_term = json.loads(cli("measures", "--agency", "ФМ", "-f", "json").stdout)
    assert by_alias == by_term
    assert {"25.1", "34.1", "35.1"} <= {r["id"] for r in by_term}


def test_measures_agency_json_equals_the_core_result(cli: Cli, dataset: Dataset) -> None:
    records = json.loads(cli("measures", "--agency", "ИИМ", "-f", "json").stdout)
    core = select_measures(dataset, agency_filter=AgencyFilter(("ИИМ",)))
    assert [r["id"] for r in records] == [s.measure.id for s in core]
    assert [r["roles"] for r in records] == [
        [involvement_record(i) for i in s.involvements] for s in core
    ]
    assert {r["roles"][0]["group"] for r in records} >= {
        "укук коргоо органдары",
        "мамлекеттик органдар",
    }


def test_measures_filters(cli: Cli, dataset: Dataset) -> None:
    def ids(*args: str) -> list[str]:
        outcome = cli("measures", *args, "-f", "json")
        assert outcome.code == 0, outcome.stderr
        return [r["id"] for r in json.loads(outcome.stdout)]

    assert ids("--agency", "ЮМ", "--lead") == [
        k for k, r in roles_of(dataset, "ЮМ").items() if r is Role.lead
    ]
    assert set(ids("--agency", "ИИМ", "--direct")) == measures_naming(dataset, "ИИМ")
    assert ids("--section", "iv") == ["15.1", "15.2", "15.3", "15.4"]
    assert ids("--task", "29") == [f"29.{n}" for n in range(1, 8)]
    # 1.2@2017 (annual), "2015-2017-жылдар" (21.x, 37.x) and "2017-жылдын марты" (28.2)
    assert ids("--due-from", "2017-01-01") == [
        "1.2",
        "21.1",
        "21.2",
        "21.3",
        "21.4",
        "28.2",
        "37.1",
        "37.2",
        "37.3",
        "37.4",
    ]
    assert set(ids("--due-to", "2015-07-31")) == {
        "1.3",
        "1.4",
        "27.5",
        "27.6",
        "30.1",
        "33.1",
        "33.2",
        "34.1",
        "34.2",
        "34.3",
        "34.4",
        "35.1",
    }
    found = ids("--search", "ГРЕКО")
    assert found == ["12.1"]
    assert ids("--search", "грекого") == ["12.1"]  # case-insensitive, inside words
    assert set(ids("--agency", "ЮМ", "--agency", "БШК", "--direct")) == measures_naming(
        dataset, "ЮМ", "БШК"
    )
    assert ids("--no-by-agreement", "--task", "14") == []  # only courts, all by agreement


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--agency", "ЮММ"], 2),
        (["--agency", "ЮM"], 2),
        (["--lead"], 2),
        (["--task", "99"], 1),
        (["--task", "0"], 2),
        (["--section", "XIV"], 1),
        (["--due-from", "2017-01-01", "--due-to", "2016-01-01"], 2),
        (["--due-to", "soon"], 2),
        (["--format", "yaml"], 2),
    ],
)
def test_measures_bad_input(cli: Cli, args: list[str], code: int) -> None:
    outcome = cli("measures", *args)
    assert outcome.code == code, outcome.stderr
    assert outcome.stdout == "" and outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_unknown_agency_message_has_suggestions(cli: Cli) -> None:
    outcome = cli("measures", "--agency", "ЮM")
    assert "unknown agency or abbreviation 'ЮM'" in outcome.stderr
    assert "did you mean ЮМ?" in outcome.stderr


# ------------------------------------------------------------- show, agencies


def test_show_a_measure_in_full(cli: Cli) -> None:
    outcome = cli("show", "4.2")
    assert outcome.code == 0
    text = outcome.stdout
    assert "Task 4: Кызмат адамдарынын" in text
    assert "lead: ЮМ = Кыргыз Республикасынын Юстиция министрлиги" in text
    assert "Merged cells: deadline from 4.1, results from 4.1" in text
    document = json.loads(cli("show", "14.1", "-f", "json").stdout)
    assert document["executors_note"] == "(*) Маалымат берүү тартибинде отчет"
    assert document["deadline"]["cadence"] == "semi_annual"
    assert document["executors"][0]["expansion"] == "Кыргыз Республикасынын Жогорку соту"
    assert document["row"] == ["14.1", "14.2", "14.3", "14.4"]


def test_show_group_members_and_inferences(cli: Cli) -> None:
    document = json.loads(cli("show", "7.1", "-f", "json").stdout)
    group = document["executors"][1]
    assert group["name"] == "укук коргоо органдары"
    assert "ИИМ" in group["group_members"] and "МБК" in group["group_members"]
    inferred = json.loads(cli("show", "24.1", "-f", "json").stdout)["executors"]
    assert next(e for e in inferred if e["name"] == "УСК")["certainty"] == "inferred"


def test_shown_measure_carries_the_glossary_names(cli: Cli, dataset: Dataset) -> None:
    # the query looks the names up; show's JSON only presents them
    shown = shown_measure(dataset, "7.1")
    group = shown.executors[1]
    assert group.executor.name == "укук коргоо органдары" and group.term is not None
    assert set(group.group_members) >= {"ИИМ", "МБК"}
    alias = next(n for n in shown_measure(dataset, "35.1").executors if n.executor.name == "МФ")
    assert alias.term == "ФМ"  # the canonical entry, not the spelling
    document = json.loads(cli("show", "7.1", "-f", "json").stdout)
    assert [(e["name"], e["term"], e["group_members"]) for e in document["executors"]] == [
        (n.executor.name, n.term, list(n.group_members)) for n in shown.executors
    ]


@pytest.mark.parametrize(("given", "code"), [("99.1", 1), ("4.3", 1), ("four", 2), ("4", 2)])
def test_show_unknown_ids(cli: Cli, given: str, code: int) -> None:
    outcome = cli("show", given)
    assert outcome.code == code
    assert outcome.stderr.startswith("plancli: error:")


def test_agencies_counts_match_roles(cli: Cli, dataset: Dataset) -> None:
    records = {r["term"]: r for r in json.loads(cli("agencies", "-f", "json").stdout)}
    for agency in ("ИИМ", "ЮМ", "БШК", "ФМ"):
        roles = list(roles_of(dataset, agency).values())
        record = records[agency]
        assert (record["lead"], record["co_executor"], record["via_group"]) == (
            roles.count(Role.lead),
            roles.count(Role.co_executor),
            roles.count(Role.via_group),
        )
    assert records["ФМ"]["names_in_plan"] == ["ФМ", "МФ"]
    # АКК is read as ККК (inferred): the row is ККК's, written as АКК
    assert records["ККК"]["names_in_plan"] == ["АКК"] and records["ККК"]["lead"] == 1
    assert "АКК" not in records
    assert records["БКМК"]["via_group"] > 0 and records["БКМК"]["lead"] == 0  # only through groups


# ------------------------------------------------------------ expand, glossary


def test_expand_prints_the_full_name(cli: Cli) -> None:
    outcome = cli("expand", "ЮМ")
    assert outcome.code == 0
    assert "Кыргыз Республикасынын Юстиция министрлиги" in outcome.stdout
    records = json.loads(
        cli("expand", "ЮМ", "МФ", "Ыйгарым укуктуу орган", "АКК", "-f", "json").stdout
    )
    assert [r["expansion"] for r in records] == [
        "Кыргыз Республикасынын Юстиция министрлиги",
        "Кыргыз Республикасынын Финансы министрлиги",
        None,
        "Кыргыз Республикасынын Мамлекеттик улуттук коопсуздук комитетинин Коррупцияга каршы кызматы",
    ]
    assert records[2]["certainty"] == "descriptive" and records[3]["certainty"] == "inferred"


def test_expand_unknown_exits_1_with_suggestions(cli: Cli) -> None:
    outcome = cli("expand", "ЮМ", "ЮM")
    assert outcome.code == 1
    assert "Юстиция" in outcome.stdout
    assert "did you mean ЮМ?" in outcome.stderr


def test_expand_text_longest_match_and_word_boundaries(cli: Cli) -> None:
    outcome = cli("expand", "--text", "ЮМ, БШК (макулдашуу боюнча)")
    assert outcome.stdout.startswith("ЮМ (Кыргыз Республикасынын Юстиция министрлиги), БШК (")
    boundary = cli("expand", "--text", "ККК жана КК").stdout
    assert boundary.startswith(
        "ККК (Кыргыз Республикасынын Мамлекеттик улуттук коопсуздук комитетинин"
    )
    assert "КК (Кыргыз Республикасынын мамлекеттик органдарынын коомдук кеңештери)" in boundary
    assert boundary.count("коомдук кеңештери") == 1  # "КК" inside "ККК" is untouched
    untouched = cli("expand", "--text", "КККК ЮМА аЮМ").stdout
    assert untouched.strip() == "КККК ЮМА аЮМ"
    assert "ЧУАларга (ченемдик укуктук актылар)" in cli("expand", "--text", "ЧУАларга").stdout


def test_expand_usage(cli: Cli) -> None:
    assert cli("expand").code == 2
    assert cli("expand", "ЮМ", "--text", "ЮМ").code == 2


def test_glossary_listing(cli: Cli, dataset: Dataset) -> None:
    records = json.loads(cli("glossary", "-f", "json").stdout)
    assert len(records) == len(dataset.glossary.entries)
    used = json.loads(cli("glossary", "--used", "-f", "json").stdout)
    unused = json.loads(cli("glossary", "--unused", "-f", "json").stdout)
    assert len(used) + len(unused) == len(records)
    assert "ЮМ" in {r["term"] for r in used} and "ДСУ" in {r["term"] for r in unused}
    chua = next(r for r in used if r["term"] == "ЧУА")
    assert chua["in_text"] > 0 and chua["as_executor"] == 0
    found = json.loads(cli("glossary", "--search", "юстиция", "-f", "json").stdout)
    assert [r["term"] for r in found] == ["ЮМ"]
    assert cli("glossary", "--used", "--unused").code == 2
