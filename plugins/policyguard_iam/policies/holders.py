"""The effective policies of every principal of an inventory, computed once per inventory.

Rules that judge principals (IAM-011 to IAM-013) are called once per principal or document;
joining the inventory each time would repeat the same work. The answer is kept while the
inventory lives, keyed by its identity, and dropped with it: no state outlives a scan. Each
deployment unit (a Terraform root module, a template) is joined on its own.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policyguard.model import Inventory, PolicyDocument, Principal

if TYPE_CHECKING:
    from policyguard.iam.effective import PrincipalPolicies
    from policyguard.iam.reachability import Reachability


@dataclass(frozen=True, slots=True)
class Holders:
    """``principals``: the policies of each user, group and role; ``by_address``: the same
    within each deployment unit, by address; ``held``: the identity documents at least one
    principal holds."""

    principals: Mapping[Principal, PrincipalPolicies]
    by_unit: Mapping[str, Mapping[str, PrincipalPolicies]]
    held: frozenset[PolicyDocument]


_BY_INVENTORY: dict[int, Holders] = {}


def holders_of(inventory: Inventory) -> Holders:
    """:func:`policyguard.iam.effective.principal_policies` of each deployment unit of
    ``inventory``, with principals placed where the ``[accounts] deployments`` setting says."""
    from policyguard.iam.effective import configured_placement, principal_policies
    from policyguard.iam.units import deployment_units, unit_of

    key = id(inventory)
    holders = _BY_INVENTORY.get(key)
    if holders is None:
        placement = configured_placement(inventory.accounts)
        by_unit: dict[str, Mapping[str, PrincipalPolicies]] = {}
        principals: dict[Principal, PrincipalPolicies] = {}
        for unit in deployment_units(inventory):
            joined = principal_policies(unit, placement)
            for policies in joined.values():
                principals[policies.principal] = policies
                by_unit[unit_of(policies.principal)] = joined
        held = frozenset(d for p in principals.values() for d in p.identity)
        holders = Holders(principals, by_unit, held)
        _BY_INVENTORY[key] = holders
        weakref.finalize(inventory, _BY_INVENTORY.pop, key, None)
    return holders


_REACHABILITY: dict[int, dict[str, Reachability]] = {}


def reachability_of(inventory: Inventory, principal: Principal) -> Reachability:
    """The assume-role and pass-role graph of the deployment unit that declares ``principal``."""
    from policyguard.iam.catalog import load_catalog
    from policyguard.iam.reachability import Reachability
    from policyguard.iam.units import deployment_units, unit_of

    key = id(inventory)
    graphs = _REACHABILITY.get(key)
    if graphs is None:
        graphs = {}
        for unit in deployment_units(inventory):
            if unit.of_type(Principal):
                graph = Reachability.of(unit, load_catalog())
                graphs[unit_of(unit.of_type(Principal)[0])] = graph
        _REACHABILITY[key] = graphs
        weakref.finalize(inventory, _REACHABILITY.pop, key, None)
    return graphs[unit_of(principal)]
