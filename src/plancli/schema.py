"""JSON Schemas of the data files, generated from the pydantic models.

Editors (VS Code / Neovim with yaml-language-server) and check-jsonschema use
the committed copies under schema/; a test fails when they drift from the
models. The schemas check shape and types; `plancli validate` checks
everything else (numbering, merged cells, names, invisible characters…).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

KINDS = ("plan", "glossary", "status")
BASE_URL = "https://plancli.invalid/schema"


def json_schema(kind: str) -> dict[str, Any]:
    from plancli.models import GlossaryFile, PlanFile, StatusFileModel

    models: dict[str, type[BaseModel]] = {
        "plan": PlanFile,
        "glossary": GlossaryFile,
        "status": StatusFileModel,
    }
    model = models[kind]
    schema = _defs_by_title(model.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URL}/{kind}.schema.json",
        "title": f"plancli {kind} file",
        "description": (
            f"Shape of a plancli {kind} file (decree No. 170 anti-corruption plan). "
            "Generated from plancli's models by `plancli schema "
            f"{kind}`; run `plancli validate` for the full checks."
        ),
        **{k: v for k, v in schema.items() if k != "title"},
    }


def _defs_by_title(schema: dict[str, Any]) -> dict[str, Any]:
    """Name each definition by its title, not its Python class.

    The file models are named apart from the domain classes (``SlipEntry`` beside
    ``plan.Slip``); the schema keeps the file's words (``Slip``) for editors.
    """
    defs: dict[str, Any] = schema.get("$defs", {})
    names = {key: value.get("title", key) for key, value in defs.items()}
    if len(set(names.values())) != len(names):  # two titles alike: keep the class names
        return schema
    refs = {f"#/$defs/{key}": f"#/$defs/{name}" for key, name in names.items()}

    def rename(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: refs.get(v, v) if k == "$ref" else rename(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v) for v in value]
        return value

    renamed: dict[str, Any] = rename(schema)
    if defs:
        renamed["$defs"] = {names[key]: rename(value) for key, value in defs.items()}
    return renamed


def schema_text(kind: str) -> str:
    import json  # only for `plancli schema`: the command line imports this module for KINDS

    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
