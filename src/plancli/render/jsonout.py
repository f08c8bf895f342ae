"""JSON output: UTF-8, Kyrgyz letters as themselves, dates as ISO strings."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from plancli.render import Listing


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=_default)


def write_json(document: Any, out: TextIO) -> None:
    """Indented on a terminal; compact (and several times faster) for programs."""
    if out.isatty():
        out.write(dumps(document))
    else:
        out.write(json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_default))
    out.write("\n")


def write(listing: Listing, out: TextIO, *, color: bool | None = None) -> None:
    write_json(listing.records if listing.document is None else listing.document, out)
