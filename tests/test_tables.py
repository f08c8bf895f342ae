"""Tables people read: one line per row at 80, 120 and 200 columns, nothing split.

Each table command runs through the CLI; the listing it hands to the renderer
is then printed on rich consoles of fixed widths, coloured and uncoloured. The
checks read the printed text only: the rule line under the header gives each
column's span, and every cell is compared with the record it came from.
"""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys

import pytest
from rich.console import Console

import plancli.render
from conftest import ROOT, Cli
from plancli.render import Listing, cell_text
from plancli.render.layout import Spec, cell_len, fit, shorten, wrap
from plancli.render.richtable import print_listing
from plancli.render.styled import text_of
from plancli.render.table import listing_lines

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Invented reports (docs/examples/), so that csv and json carry states and reporters too.
STATUS = ROOT / "docs" / "examples" / "status-2016Q4-EXAMPLE.yaml"
WIDTHS = (80, 120, 200)
TABLES = [
    ("overdue", "--as-of", "2016-12-31"),
    ("overdue", "--as-of", "2017-12-31", "--include-undated", "--agency", "ЮМ"),
    ("measures",),
    ("measures", "--agency", "ИИМ"),
    ("deadlines",),
    ("agencies",),
    ("glossary",),
    ("progress", "--as-of", "2016-12-31"),
    ("progress", "--as-of", "2016-12-31", "--by", "agency"),
    ("progress", "--as-of", "2017-12-31", "--by", "agency", "--status", str(STATUS)),
    ("progress", "--as-of", "2017-12-31", "--status", str(STATUS)),
    ("measures", "--agency", "ЮМ", "--agency", "ИИМ"),
    ("overdue", "--as-of", "2017-12-31", "--status", str(STATUS), "-a", "ЮМ", "-a", "ИИМ"),
    ("changes", "--from", "2016-06-30", "--to", "2016-12-31", "--status", str(STATUS)),
    ("expand", "ЮМ", "БШК", "МФ"),
]


def listing_of(cli: Cli, monkeypatch: pytest.MonkeyPatch, *args: str) -> Listing:
    """The listing a command hands to the renderer."""
    seen: list[Listing] = []
    monkeypatch.setattr(plancli.render, "emit", lambda listing, *a, **k: seen.append(listing))
    outcome = cli(*args)
    assert outcome.code == 0, outcome.stderr
    assert len(seen) == 1
    return seen[0]


def render(listing: Listing, width: int, *, color: bool, wide: bool = False) -> str:
    """``listing`` printed on a rich console exactly ``width`` cells wide."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        # with a width alone, rich answers 80 on TERM=dumb (as conftest sets): a height too
        height=50,
        force_terminal=True,
        color_system="truecolor" if color else None,
        highlight=False,
    )
    print_listing(console, listing, wide=wide)
    return out.getvalue()


def spans(rule: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"-+", rule)]


def table_parts(text: str) -> tuple[list[str], list[tuple[int, int]], list[str]]:
    """Header lines, column spans and row lines of the (first) table in ``text``."""
    lines = text.splitlines()
    rule = next(n for n, line in enumerate(lines) if re.fullmatch(r"-+( +-+)*", line))
    start = rule - 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = lines.index("", rule)
    return lines[start:rule], spans(lines[rule]), lines[rule + 1 : end]


def check_table(listing: Listing, text: str, width: int) -> None:
    lines = text.splitlines()
    assert all(cell_len(line) <= width for line in lines), [
        line for line in lines if cell_len(line) > width
    ]
    headers, columns, rows = table_parts(text)
    assert len(rows) == len(listing.records)  # one line per row
    by_header = {c.header: c for c in listing.columns if c.table}
    shown = []
    for a, b in columns:
        words = " ".join(h[a:b].strip() for h in headers if h[a:b].strip())
        assert words in by_header, f"header {words!r} split or unknown"
        shown.append(by_header[words])
    in_order = [c.header for c in listing.columns if c.table and c in shown]
    assert [c.header for c in shown] == in_order
    for record, row in zip(listing.records, rows, strict=True):
        for column, (a, b) in zip(shown, columns, strict=True):
            cell = row[a : b if (a, b) != columns[-1] else None].strip()
            full = " ".join(cell_text(column.get(record)).split())
            if not column.flex:
                assert cell == full, f"{column.header}: {cell!r} is not {full!r}"
            elif cell != full:
                assert cell.endswith("…"), (column.header, cell, full)
                kept = cell[:-1]
                assert full.startswith(kept), (cell, full)
                assert kept.endswith("-") or full[len(kept)] in " ,;:-—–", (cell, full)


@pytest.mark.parametrize("args", TABLES, ids=[" ".join(a).replace(f"{ROOT}/", "") for a in TABLES])
@pytest.mark.parametrize("width", WIDTHS)
def test_tables_fit_one_line_per_row(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], width: int
) -> None:
    listing = listing_of(cli, monkeypatch, *args)
    coloured = render(listing, width, color=True)
    plain = render(listing, width, color=False)
    if args[0] != "expand":  # expand wraps its expansions on purpose
        check_table(listing, plain, width)
    assert ANSI.sub("", coloured) == plain  # colour changes nothing else
    assert "\x1b[" not in plain


def test_overdue_at_80_columns_is_one_line_per_item(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's acceptance check: items + heading, summary and legend, nothing more."""
    listing = listing_of(cli, monkeypatch, "overdue", "--as-of", "2016-12-31")
    for width in WIDTHS:
        plain = render(listing, width, color=False)
        lines = plain.splitlines()
        headers, _, rows = table_parts(plain)
        assert len(rows) == len(listing.records) == 80
        assert len(lines) <= len(rows) + len(headers) + 10
        assert "Colours: overdue · due today" in plain
    coloured = render(listing, 80, color=True)
    assert "\x1b[1;31moverdue" in coloured  # overdue in red, the legend's word too


@pytest.mark.parametrize("status", [(), ("--status", str(STATUS))], ids=["plain", "status"])
def test_progress_by_agency_at_80_columns_names_each_body_and_what_it_leaves_out(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, status: tuple[str, ...]
) -> None:
    listing = listing_of(
        cli, monkeypatch, "progress", "--as-of", "2017-12-31", "--by", "agency", *status
    )
    for width in WIDTHS:
        plain = render(listing, width, color=False)
        headers, columns, rows = table_parts(plain)
        shown = {" ".join(h[a:b].strip() for h in headers if h[a:b].strip()) for a, b in columns}
        assert {"agency", "overdue", "due today", "total", "done %", "overdue %"} <= shown
        # a name of up to 17 cells is whole: "Башкы прокуратура", "Өкмөттүн Аппараты"
        assert columns[0][1] - columns[0][0] >= 17
        assert [row[: columns[0][1]].strip() for row in rows[:2]] == ["Башкы прокуратура", "ЮМ"]
        hidden = [c.header for c in listing.columns if c.table and c.header not in shown]
        note = " ".join(plain.split("Not shown at ")[1:2]).split("(")[0]
        if hidden:  # every count left out is named, and only those
            assert " ".join(note.split()) == f"{width} columns: {', '.join(hidden)}"
        else:
            assert "Not shown" not in plain
        if width == 80:  # the split by role goes first
            assert {"lead", "co-executor", "via group"} <= set(hidden)
        if width == 200:
            assert not hidden


def test_colours_tell_each_state_apart() -> None:
    records = [{"s": key} for key in plancli.render.MEANINGS]
    listing = Listing(
        records=records,
        columns=[plancli.render.Column("state", lambda r: r["s"], meaning=lambda r: r["s"])],
    )
    coloured = render(listing, 80, color=True)
    styles = {
        record["s"]: re.search(rf"(\x1b\[[0-9;]*m){record['s']} *\x1b\[0m", coloured).group(1)  # type: ignore[union-attr]
        for record in records
    }
    assert len(set(styles.values())) == len(records)
    legend = " ".join(ANSI.sub("", coloured).split("Colours:")[1].split())
    assert legend == " · ".join(label for label, _ in plancli.render.MEANINGS.values())


def test_wide_wraps_free_text_at_word_boundaries(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = listing_of(cli, monkeypatch, "overdue", "--as-of", "2016-12-31")
    text = render(listing, 120, color=False, wide=True)
    assert "…" not in text.split("\n\nColours")[0]
    assert all(cell_len(line) <= 120 for line in text.splitlines())
    _, columns, rows = table_parts(text)
    assert len(rows) > len(listing.records)
    words = {w for r in listing.records for w in r["text"].split()}
    last = columns[-1][0]
    assert all(not row[last:] or all(w in words for w in row[last:].split()) for row in rows)


def test_piped_tables_have_no_width_limit_and_one_line_per_row(cli: Cli) -> None:
    outcome = cli("overdue", "--as-of", "2016-12-31", env={"COLUMNS": "80"})
    _, _, rows = table_parts(outcome.stdout)
    assert len(rows) == 80
    assert max(cell_len(r) for r in rows) > 80


# ---------------------------------------------------------------- layout


def test_shorten_cuts_at_a_word_boundary() -> None:
    assert shorten("коррупцияга каршы билим берүү", 20) == "коррупцияга каршы…"
    assert shorten("коррупцияга каршы, билим", 20) == "коррупцияга каршы…"
    assert shorten("short", 20) == "short"
    assert shorten("a\nb  c", 20) == "a b c"
    assert cell_len(shorten("漢字漢字漢字", 5)) <= 5  # wide characters count twice


def test_wrap_keeps_words_whole() -> None:
    text = "Кыргыз Республикасынын Өкмөтүнө караштуу Шайлоо жана референдум өткөрүү"
    lines = wrap(text, 25)
    assert " ".join(lines) == text
    assert all(cell_len(line) <= 25 for line in lines)


def test_fit_drops_free_text_before_splitting_anything() -> None:
    specs = [Spec("id"), Spec("date"), Spec("text", flex=1, min=20), Spec("note", flex=1, drop=1)]
    rows = [["1.2@2015", "2015-12-31", "a b c d e f g h i j k l m n o p", "x y z w v u t"]]
    fitted = fit(specs, rows, 45)
    assert [specs[i].header for i in fitted.columns] == ["id", "date", "text"]
    assert fitted.width() <= 45
    assert fitted.rows[0][0][:2] == ("1.2@2015", "2015-12-31")


def test_cyrillic_columns_align() -> None:
    listing = Listing(
        records=[{"a": "ЮМ", "b": "x"}, {"a": "Өкмөттүн Аппараты", "b": "y"}],
        columns=[
            plancli.render.Column("agency", lambda r: r["a"]),
            plancli.render.Column("b", lambda r: r["b"]),
        ],
    )
    lines = [text_of(line) for line in listing_lines(listing, 80)]
    rows = lines[2:4]
    assert rows[0].index("x") == rows[1].index("y") == len("Өкмөттүн Аппараты") + 2


# ------------------------------------------------------------------ a pty


def run_on_pty(args: list[str], env: dict[str, str]) -> str:
    """Run plancli with stdout on a real pseudo-terminal and return what it printed."""
    master, slave = pty.openpty()
    full_env = {**os.environ, **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "plancli", *args], stdout=slave, stderr=subprocess.PIPE, env=full_env
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=30)
    os.close(master)
    assert process.stderr is not None
    errors = process.stderr.read()
    process.stderr.close()
    assert process.returncode == 0, errors
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("width", WIDTHS)
def test_on_a_real_terminal_colour_changes_nothing_but_colour(width: int) -> None:
    args = ["overdue", "--as-of", "2016-12-31"]
    base = {"COLUMNS": str(width), "TERM": "xterm-256color"}
    coloured = run_on_pty(args, base)
    assert "\x1b[" in coloured
    plain_outputs = [
        run_on_pty(args, {**base, "NO_COLOR": "1"}),
        run_on_pty(args, {**base, "TERM": "dumb"}),
        run_on_pty([*args, "--no-color"], base),
        run_on_pty(["--no-color", *args], base),
    ]
    stripped = ANSI.sub("", coloured)
    for plain in plain_outputs:
        assert "\x1b[" not in plain
        assert plain == stripped
    lines = stripped.splitlines()
    assert all(cell_len(line) <= width for line in lines)
    _, _, rows = table_parts(stripped)
    assert len(rows) == 80


# ------------------------------------------------------------ csv = json

CSV_JSON = [
    ("measures",),
    ("measures", "--agency", "ИИМ"),
    ("show", "14.1"),
    ("agencies",),
    ("expand", "ЮМ", "МФ"),
    ("expand", "--text", "ЮМ, БШК"),
    ("glossary",),
    ("deadlines",),
    ("overdue", "--as-of", "2016-12-31"),
    ("progress", "--as-of", "2016-12-31", "--by", "agency"),
    ("calendar", "--year", "2016"),
    ("agenda", "--as-of", "2016-12-01", "--days", "60", "--status", str(STATUS), "-a", "ЮМ"),
    ("checklist", "-a", "ЮМ", "-q", "2016Q4", "--status", str(STATUS)),
    ("checklist", "-a", "ЮМ", "-a", "ИИМ", "-q", "2017Q4"),  # 29.3-29.7: empty deadline cells
    ("changes", "--from", "2016-06-30", "--to", "2016-12-31", "--status", str(STATUS)),
    ("overdue", "--as-of", "2017-06-30", "--status", str(STATUS), "-a", "ЮМ", "--include-undated"),
]


def csv_cell(value: object, *, named: bool) -> str:
    """README "JSON output": how a json value is written in the csv column of its key."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return " | ".join(csv_cell(v, named=named) for v in value)
    if isinstance(value, dict):
        if "by_agreement" in value and "name" in value:  # an executor, as the decree writes it
            return value["name"] + (" (макулдашуу боюнча)" if value["by_agreement"] else "")
        if "role" in value and "agency" in value:  # a role: "via group (GROUP)", "ЮМ: lead"
            group = f" ({value['group']})" if value["group"] else ""
            return (f"{value['agency']}: " if named else "") + value["role"] + group
        if "state" in value and "date" in value:  # a report: "done (ЮМ, 2016-12-20)"
            who = f"{value['reported_by']}, " if value.get("reported_by") else ""
            return f"{value['state']} ({who}{value['date']})"
        if "text" in value:  # a deadline: its phrase
            return csv_cell(value["text"], named=named)
    return str(value)


@pytest.mark.parametrize(
    "args", CSV_JSON, ids=[" ".join(a).replace(f"{ROOT}/", "") for a in CSV_JSON]
)
def test_csv_headers_are_the_json_keys_of_the_same_values(cli: Cli, args: tuple[str, ...]) -> None:
    import csv
    import json

    document = json.loads(cli(*args, "--format", "json").stdout)
    records = document
    if isinstance(document, dict) and "id" not in document:
        key = next((k for k in ("items", "rows", "events") if k in document), None)
        records = (
            [document]
            if key is None
            else document[key] + ([document["totals"]] if "totals" in document else [])
        )
    records = records if isinstance(records, list) else [records]
    text = cli(*args, "--format", "csv")
    if text.code == 2:  # the command has no csv format
        pytest.skip("no csv")
    rows = list(csv.DictReader(io.StringIO(text.stdout)))
    assert len(rows) == len(records)
    named = len({r["agency"] for record in records for r in record.get("roles") or []}) > 1
    for row, record in zip(rows, records, strict=True):
        assert set(row) <= set(record), set(row) - set(record)
        for key, value in row.items():
            assert value == csv_cell(record[key], named=named), (record.get("id"), key)


def test_deadlines_csv_due_dates_hold_dates_only(cli: Cli) -> None:
    import csv

    rows = list(csv.DictReader(io.StringIO(cli("deadlines", "--format", "csv").stdout)))
    dates = [d for row in rows for d in row["due_dates"].split(" | ") if d]
    assert dates and all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates)
    annual = next(row for row in rows if row["text"] == "жыл сайын")
    assert annual["due_dates"] == "2015-12-31 | 2016-12-31 | 2017-12-31"


def test_measures_show_their_due_date(cli: Cli) -> None:
    table = cli("measures", "--task", "1", env={"COLUMNS": "200"}).stdout
    assert "2015-11-30" in table and "31 Dec yearly" in table


def test_csv_for_excel_starts_with_a_bom_only_when_asked(cli: Cli) -> None:
    plain = cli("agencies", "--format", "csv").stdout
    excel = cli("agencies", "--format", "csv", "--bom").stdout
    assert not plain.startswith("\ufeff")
    assert excel == "\ufeff" + plain


def test_expand_text_honours_format(cli: Cli) -> None:
    import json

    out = json.loads(cli("expand", "--text", "ЮМ жана БШК", "--format", "json").stdout)
    assert out["text"] == "ЮМ жана БШК"
    assert out["expansion"].startswith("ЮМ (Кыргыз Республикасынын Юстиция министрлиги) жана БШК (")


# ------------------------------------------------- README's 80-column excerpts

EXCERPTS = re.findall(
    r"At 80 columns \(`plancli ([^`]+)`.*?\n```\n(.*?)```",
    (ROOT / "README.md").read_text(encoding="utf-8"),
    flags=re.S,
)


@pytest.mark.parametrize(("command", "excerpt"), EXCERPTS, ids=[c for c, _ in EXCERPTS])
def test_readme_80_column_excerpts_are_what_plancli_prints(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, command: str, excerpt: str
) -> None:
    """Lines of README's excerpt ("…" marks rows left out) appear in this order at 80."""
    printed = [
        line.rstrip()
        for line in render(
            listing_of(cli, monkeypatch, *command.split()), 80, color=False
        ).splitlines()
    ]
    at = 0
    for line in excerpt.splitlines():
        if line.strip() == "…":
            continue
        assert line.rstrip() in printed[at:], f"README's {line!r} is not printed (in order)"
        at = printed.index(line.rstrip(), at) + 1


def test_readme_has_the_80_column_excerpts() -> None:
    assert [c.split()[0] for c, _ in EXCERPTS] == ["overdue", "progress"]
