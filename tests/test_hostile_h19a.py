"""Issue 19's sweep, part h19a: hangs on narrow terminals and FIFOs in the cache,
and output paths that are not regular files.

- A terminal 1 to 4 columns wide (or a wide character in a 1-cell column) made
  the text wrapping loop take nothing and spin forever.
- A FIFO planted as a cache entry or as the cache's secret made every query
  wait for a writer that never comes.
- ``-o PATH --force`` renamed a new file over whatever PATH was: a FIFO, a
  device, a symbolic link (replaced by a regular file, its target untouched).

Anything that could hang runs in a subprocess with a timeout (or under an
alarm), so a regression fails instead of stopping the suite.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from conftest import GLOSSARY, PLAN, Cli
from plancli import cache
from plancli.render.layout import split_first_line, wrap

PYTHON = [sys.executable, "-m", "plancli"]
#: Generous: each run takes well under a second; only a hang reaches it.
TIMEOUT = 60


def _clean(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr


# ------------------------------------------------------------ narrow terminals


def _on_terminal(args: list[str], columns: int) -> str:
    """plancli's output on a pseudo-terminal ``columns`` wide; fails (never waits) on a hang."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [*PYTHON, *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": str(columns)},
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"plancli {' '.join(args)} at {columns} columns: no end in {TIMEOUT} s")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed its terminal
                break
            if not data:
                break
            chunks.append(data)
        code = process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert process.stderr is not None
    errors = process.stderr.read().decode("utf-8")
    process.stderr.close()
    _clean(errors)
    assert code == 0, errors
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def _piped(cli: Cli, *args: str) -> str:
    outcome = cli(*args)
    assert outcome.code == 0, outcome.stderr
    return outcome.stdout


@pytest.fixture
def cjk_status(tmp_path: Path) -> Path:
    """A status entry whose reporter (shown by ``show``) is written in 2-cell characters."""
    path = tmp_path / "status.yaml"
    path.write_text(
        "entries:\n"
        '  - id: "1.1"\n'
        "    date: 2016-12-20\n"
        "    state: done\n"
        '    note: "中文注释测试 長い説明文字列"\n'
        '    reported_by: "中文報告者長い名前"\n'
        '    quarter: "2016Q4"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("columns", [1, 2, 3, 4])
@pytest.mark.parametrize("with_status", [False, True], ids=["plain", "cjk-status"])
def test_show_on_a_terminal_1_to_4_columns_wide_ends_and_loses_no_character(
    cli: Cli, cjk_status: Path, columns: int, with_status: bool
) -> None:
    args = ["show", "1.1", "--as-of", "2016-12-31"]
    if with_status:
        args += ["--status", str(cjk_status)]
    shown = _on_terminal(args, columns)
    whole = _piped(cli, *args)  # piped: no width limit, nothing wrapped
    if with_status:
        assert "中文報告者長い名前" in whole
    # wrapping only moves text to other lines: the same characters, in the same order
    assert "".join(shown.split()) == "".join(whole.split())


@pytest.mark.parametrize("columns", [1, 2, 3, 4])
@pytest.mark.parametrize(
    "args",
    [
        ["measures", "--agency", "ЮМ"],
        ["measures", "--agency", "ЮМ", "--wide"],
        ["overdue", "--as-of", "2016-12-31"],
        ["overdue", "--as-of", "2016-12-31", "--wide"],
        ["calendar", "--month", "2016-12", "--as-of", "2016-12-31"],
    ],
    ids=lambda a: "-".join(a[:1] + [x for x in a if x == "--wide"]),
)
def test_tables_and_calendars_on_a_terminal_1_to_4_columns_wide_end_and_keep_every_row(
    cli: Cli, args: list[str], columns: int
) -> None:
    shown = _on_terminal(args, columns)
    data = json.loads(_piped(cli, *args, "--format", "json"))
    rows = data if isinstance(data, list) else data.get("items") or data.get("events")
    ids = {row.get("measure") or row.get("id") for row in rows}
    ids.discard(None)
    assert ids
    # free text gives way first, but every row is there with its id
    assert not [i for i in ids if i not in shown], shown[:2000]


class _Hang(Exception):
    pass


@pytest.fixture
def alarm() -> Iterator[None]:
    """In-process layout calls get 20 s: an endless loop fails the test, not the suite."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Hang("no end in 20 s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("width", [-3, 0, 1, 2, 3])
@pytest.mark.parametrize(
    "text", ["中文注释 測試", "Саясий партиялар", "a 中 b 長い", "x\u0301中\u0301 y", "  中  "]
)
def test_wrap_takes_at_least_one_character_per_line_at_any_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(lines)  # no empty line (the empty piece was the endless loop)
    assert "".join("".join(lines).split()) == "".join(text.split())


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("width", [-3, 0, 1, 4, 10])
@pytest.mark.parametrize("text", ["a  b\tc 中文 d", "Саясий   партиялар 中", "中中中中中 x"])
def test_split_first_line_keeps_every_character_once(text: str, width: int) -> None:
    first, rest = split_first_line(text, width)
    assert first == wrap(text, width)[0]
    assert "".join((first + rest).split()) == "".join(text.split())


# ------------------------------------------------------------ FIFOs in the cache


def _query(cache_dir: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PYTHON, "overdue", "--as-of", "2016-12-31", "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PLANCLI_CACHE_DIR": str(cache_dir), "XDG_DATA_HOME": str(data_dir)},
        timeout=TIMEOUT,  # a hang guard, not a speed assertion
        check=False,
    )


@pytest.fixture
def uncached(tmp_path: Path) -> str:
    """The answer computed without any cache."""
    done = subprocess.run(
        [*PYTHON, "overdue", "--as-of", "2016-12-31", "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PLANCLI_NO_CACHE": "1"},
        timeout=TIMEOUT,
        check=True,
    )
    return done.stdout


def test_a_fifo_planted_as_the_cache_entry_is_ignored(tmp_path: Path, uncached: str) -> None:
    cache_dir, data_dir = tmp_path / "cache", tmp_path / "data"
    assert _query(cache_dir, data_dir).stdout == uncached  # warms: secret and entry exist
    entry = cache_dir / f"{cache.key(PLAN.read_bytes(), GLOSSARY.read_bytes())}{cache.SUFFIX}"
    assert entry.is_file()
    entry.unlink()
    os.mkfifo(entry, 0o600)
    answer = _query(cache_dir, data_dir)
    _clean(answer.stderr)
    assert answer.returncode == 0 and answer.stdout == uncached


def test_a_fifo_planted_as_the_cache_secret_means_no_cache(tmp_path: Path, uncached: str) -> None:
    cache_dir, data_dir = tmp_path / "cache", tmp_path / "data"
    (data_dir / "plancli").mkdir(parents=True, mode=0o700)
    os.mkfifo(data_dir / "plancli" / "cache-secret", 0o600)
    answer = _query(cache_dir, data_dir)
    _clean(answer.stderr)
    assert answer.returncode == 0 and answer.stdout == uncached
    assert _query(cache_dir, data_dir).stdout == uncached


def test_the_cache_never_reads_a_fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The core API: load() answers None at once for a FIFO entry or secret."""
    monkeypatch.setenv("PLANCLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    cache.store("k" * 40, ("value",))
    assert cache.load("k" * 40) == ("value",)
    entry = tmp_path / "cache" / f"{'k' * 40}{cache.SUFFIX}"
    entry.unlink()
    os.mkfifo(entry, 0o600)
    done = subprocess.run(  # in a child: a blocking open would hang this process
        [sys.executable, "-c", f"from plancli import cache; print(cache.load({'k' * 40!r}))"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=TIMEOUT,
        check=True,
    )
    assert done.stdout == "None\n"


# ------------------------------------------------------------ -o PATH that is no regular file

CHECKLIST = ["checklist", "-a", "ЮМ", "-q", "2016Q4"]
NOT_REGULAR = "not a regular file; --force only replaces regular files"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "out.fifo"
    os.mkfifo(path, 0o600)
    return path


def _is_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.lstat(path).st_mode)


def _refused(outcome_stderr: str, path: Path, what: str) -> None:
    lines = outcome_stderr.splitlines()
    error = [line for line in lines if line.startswith("plancli: error:")]
    assert len(error) == 1, outcome_stderr
    assert str(path) in error[0] or path.name in error[0]
    assert what in error[0] and NOT_REGULAR in error[0], error[0]
    _clean(outcome_stderr)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.parametrize(
    "command",
    [
        CHECKLIST,
        [*CHECKLIST, "-f", "xlsx"],
        ["measures", "-f", "csv"],
        ["overdue", "--as-of", "2016-12-31", "-f", "json"],
        ["progress", "--as-of", "2016-12-31", "-f", "csv"],
        ["report", "-q", "2016Q4", "-f", "md"],
    ],
    ids=lambda c: "-".join(c[:1] + c[-1:]),
)
def test_o_never_replaces_a_fifo(
    cli: Cli, fifo: Path, command: list[str], force: list[str]
) -> None:
    outcome = cli(*command, "-o", fifo, *force)
    assert outcome.code == 1
    _refused(outcome.stderr, fifo, "is a named pipe (FIFO)")
    assert _is_fifo(fifo)


def test_collect_never_replaces_a_fifo(cli: Cli, tmp_path: Path, fifo: Path) -> None:
    filled = tmp_path / "ЮМ-2016Q4.csv"
    assert cli(*CHECKLIST, "-f", "csv", "-o", filled).code == 0
    outcome = cli("collect", filled, "-o", fifo)
    assert outcome.code == 1
    _clean(outcome.stderr)
    assert _is_fifo(fifo)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_exports_never_replace_a_fifo(
    cli: Cli, tmp_path: Path, fifo: Path, force: list[str]
) -> None:
    outcome = cli("export", "sqlite", fifo, *force)
    assert outcome.code == 1
    _refused(outcome.stderr, fifo, "is a named pipe (FIFO)")
    assert _is_fifo(fifo)
    package = tmp_path / "package"
    package.mkdir()
    os.mkfifo(package / "measures.csv", 0o600)
    outcome = cli("export", "datapackage", package, *force)
    assert outcome.code == 1
    _refused(outcome.stderr, package / "measures.csv", "is a named pipe (FIFO)")
    assert _is_fifo(package / "measures.csv")
    assert not (package / "datapackage.json").exists()


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_o_never_replaces_a_socket(cli: Cli, tmp_path: Path, force: list[str]) -> None:
    path = tmp_path / "out.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        outcome = cli(*CHECKLIST, "-o", path, *force)
    assert outcome.code == 1
    _refused(outcome.stderr, path, "is a socket")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_o_never_replaces_a_device(cli: Cli, tmp_path: Path, force: list[str]) -> None:
    # a device node of our own in tmp_path (the null device's numbers): never one in /dev
    path = tmp_path / "out.device"
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    outcome = cli(*CHECKLIST, "-o", path, *force)
    assert outcome.code == 1
    _refused(outcome.stderr, path, "is a device")
    assert stat.S_ISCHR(os.lstat(path).st_mode)


def test_force_writes_through_a_symlink_to_a_regular_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "real" / "checklist.md"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)  # a private file stays private when replaced
    link = tmp_path / "link.md"
    link.symlink_to(target)
    refused = cli(*CHECKLIST, "-o", link)
    assert refused.code == 1 and "exists; not overwriting" in refused.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    outcome = cli(*CHECKLIST, "-o", link, "--force")
    assert outcome.code == 0, outcome.stderr
    assert link.is_symlink() and link.readlink() == target  # the link is kept
    assert target.read_text(encoding="utf-8") == _piped(cli, *CHECKLIST)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["checklist.md"]  # no leftovers


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_a_dangling_symlink_gets_its_target_created(
    cli: Cli, tmp_path: Path, force: list[str]
) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("elsewhere.md")  # relative, as `ln -s` makes it
    outcome = cli(*CHECKLIST, "-o", link, *force)
    assert outcome.code == 0, outcome.stderr
    assert link.is_symlink()
    assert (tmp_path / "elsewhere.md").read_text(encoding="utf-8") == _piped(cli, *CHECKLIST)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_a_symlink_to_a_fifo_is_refused(
    cli: Cli, tmp_path: Path, fifo: Path, force: list[str]
) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(fifo)
    outcome = cli(*CHECKLIST, "-o", link, *force)
    assert outcome.code == 1
    _refused(outcome.stderr, link, "is a symbolic link to a named pipe (FIFO)")
    assert link.is_symlink() and _is_fifo(fifo)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_a_loop_of_symlinks_is_refused(cli: Cli, tmp_path: Path, force: list[str]) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    outcome = cli(*CHECKLIST, "-o", tmp_path / "a", *force)
    assert outcome.code == 1
    _refused(outcome.stderr, tmp_path / "a", "is a loop of symbolic links")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.parametrize("via_link", [False, True], ids=["directory", "link-to-directory"])
def test_a_directory_is_refused_as_usage(
    cli: Cli, tmp_path: Path, force: list[str], via_link: bool
) -> None:
    """A directory given as -o is bad usage (exit 2), as for `export sqlite DIR`."""
    directory = tmp_path / "out"
    directory.mkdir()
    (directory / "keep").write_text("x", encoding="utf-8")
    path = directory
    if via_link:
        path = tmp_path / "link"
        path.symlink_to(directory)
    outcome = cli(*CHECKLIST, "-o", path, *force)
    assert outcome.code == 2
    error = [line for line in outcome.stderr.splitlines() if line.startswith("plancli: error:")]
    assert len(error) == 1 and path.name in error[0] and "is a directory" in error[0]
    assert directory.is_dir() and os.listdir(directory) == ["keep"]
    assert path.is_symlink() == via_link
