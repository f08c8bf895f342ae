"""A validated plan together with the glossary its executors resolve against.

The value every query works on. It lives in the domain layer so that queries
never import the file-reading layer (:mod:`plancli.loading` builds it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from plancli.glossary import Glossary
from plancli.plan import Plan

if TYPE_CHECKING:
    from plancli.discovery import DataFiles


class Dataset(NamedTuple):
    """A validated plan with the glossary its executors resolve against."""

    plan: Plan
    glossary: Glossary
    plan_file: str
    glossary_file: str
    #: Which files these are and how they were found (for hints naming them).
    files: DataFiles | None = None
