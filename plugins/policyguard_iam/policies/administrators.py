"""Whether a principal's policies, together, allow every action: shared by IAM-011 and IAM-013.

The IAM engine is imported inside the function, so that listing the rules does not load the
action catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policyguard.iam.effective import PrincipalPolicies


def is_administrator(policies: PrincipalPolicies) -> bool:
    """Whether ``policies`` allow every action the catalog knows (administrator access)."""
    from policyguard.iam.catalog import load_catalog
    from policyguard.iam.effective import allowed_actions

    catalog = load_catalog()
    return catalog.expand("*") <= allowed_actions(policies, catalog).keys()
