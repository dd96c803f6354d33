"""The table of the intrinsic functions, gathered from the modules that implement them."""

from __future__ import annotations

from policyguard.resolve.intrinsics import conditions, lists_and_maps, references, strings
from policyguard.resolve.intrinsics.evaluation import Function

FUNCTIONS: dict[str, Function] = {
    **references.FUNCTIONS,
    **strings.FUNCTIONS,
    **lists_and_maps.FUNCTIONS,
    **conditions.FUNCTIONS,
}
"""Every intrinsic function evaluated, by name; any other call stays unresolved."""
