"""Functions whose value changes on every run (``uuid``, ``timestamp``, ``bcrypt``): never known."""

from __future__ import annotations

from policyguard.resolve.hcl_functions.arguments import Arguments, Function
from policyguard.resolve.hcl_functions.values import Unknown, Value


def _volatile(args: Arguments) -> Value:
    raise Unknown(f"{args.call.name}() returns a different value on every run")


FUNCTIONS: dict[str, Function] = {
    "bcrypt": _volatile,
    "plantimestamp": _volatile,
    "timestamp": _volatile,
    "uuid": _volatile,
}
