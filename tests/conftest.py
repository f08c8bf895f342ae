"""Shared fixtures: the bundled data, a CLI runner, temporary copies of the plan."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancli.cli import app
from plancli.dataset import Dataset
from plancli.loading import load_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
DECREE = ROOT / "docs" / "decree-170-ky.txt"
PLAN = ROOT / "plan.yaml"
GLOSSARY = ROOT / "glossary.yaml"


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("plancli-cache")


@pytest.fixture(autouse=True)
def _plain_environment(
    monkeypatch: pytest.MonkeyPatch, _cache_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test depends on the caller's environment (paths, colours, terminal, cache)
    nor on the directory pytest runs in: each starts in an empty one, where
    discovery finds no plan.yaml (tests of discovery change directory themselves)."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    for name in (
        "PLANCLI_PLAN",
        "PLANCLI_GLOSSARY",
        "PLANCLI_STATUS",
        "PLANCLI_NO_CACHE",
        "FORCE_COLOR",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLANCLI_CACHE_DIR", str(_cache_dir / "cache"))  # never the user's own
    # the cache's secret lives in the user data directory: never the real one either
    monkeypatch.setenv("XDG_DATA_HOME", str(_cache_dir / "data"))
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(PLAN, GLOSSARY)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


class Cli:
    """Runs plancli in-process, keeping stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | os.PathLike[str], env: dict[str, str] | None = None) -> Outcome:
        result = self.runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)
        return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def plan_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of plan.yaml (with its glossary beside it)."""
    target = tmp_path / "plan.yaml"
    target.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text(GLOSSARY.read_text(encoding="utf-8"), encoding="utf-8")
    yield target
