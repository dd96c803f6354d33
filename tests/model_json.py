"""The model as plain JSON, for comparing an extraction with a hand-reviewed expectation."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from policyguard.location import SourceLocation
from policyguard.model import Inventory, PolicyDocument, Resource
from policyguard.model.values import Located, Unresolved


def inventory_json(inventory: Inventory) -> list[dict[str, Any]]:
    """Every model object except bare resources and the documents their holders already show."""
    return [
        {"model": type(obj).__name__, **_fields(obj)}
        for obj in inventory.objects
        if not isinstance(obj, Resource | PolicyDocument)
    ]


def _fields(obj: object) -> dict[str, Any]:
    return {
        f.name: _value(getattr(obj, f.name))
        for f in dataclasses.fields(obj)  # type: ignore[arg-type]
        if getattr(obj, f.name) not in (None, ())
    }


def _value(value: object) -> Any:
    if isinstance(value, Resource):
        return value.address
    if isinstance(value, SourceLocation):
        span = value.span
        return (
            f"{value.path}:{span.start_line}:{span.start_column}-{span.end_line}:{span.end_column}"
        )
    if isinstance(value, Located):
        return {"value": _value(value.value), "at": _value(value.location)}
    if isinstance(value, Unresolved):
        return {"unresolved": value.expression, "reason": value.reason}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if dataclasses.is_dataclass(value):
        return _fields(value)
    return value
