"""Allow-list SCPs against the services that the accounts below them deploy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from policyguard import Confidence, Finding, Related
from policyguard.iam.ceiling import AttachPoint, OrganizationTree
from policyguard.iam.managed import FULL_AWS_ACCESS_SCP_ID
from policyguard.model import Inventory, Organization, PolicyKind, Resource
from policyguard.model.iam import Effect, Statement
from policyguard_scp.services import service_of


def allow_list_gaps(organization: Organization, inventory: Inventory) -> Iterator[Finding]:
    """One finding per attach point of ``organization`` whose SCPs form an allow list, and
    service that resources deploying below it use but the list does not allow."""
    tree = OrganizationTree(inventory)
    settings = inventory.accounts
    management = settings.deployment_of(organization.resource.location.path)
    deployed: dict[str, dict[str, list[Resource]]] = defaultdict(lambda: defaultdict(list))
    for resource in inventory.of_type(Resource):
        if resource.type.startswith(("aws_organizations_", "AWS::Organizations::")):
            continue
        service = service_of(resource)
        target = settings.deployment_of(resource.location.path)
        if service is None or (target is not None and target == management):
            continue
        levels = tree.path(target) if target is not None else (organization.resource.address,)
        if levels[0] != organization.resource.address and not levels[0].startswith("r-"):
            continue
        for level in levels:
            deployed[level][service].append(resource)
    for level, services in deployed.items():
        allows = _allow_statements(tree, level)
        if allows is None:
            continue
        for service, resources in sorted(services.items()):
            placed = all(settings.deployment_of(r.location.path) for r in resources)
            if any(_allows_service(s, service) for s in allows):
                continue
            names = ", ".join(r.address for r in resources)
            where = "the root" if tree.attach_point(level) is AttachPoint.ROOT else level
            yield Finding.at(
                allows[0],
                f"{organization.describe()}: the SCPs attached at {where} allow no {service} "
                f"action, but {names} deploy{'s' if len(resources) == 1 else ''} there"
                + ("" if placed else " (assumed: the accounts are not configured)")
                + ".",
                evidence=f"allow-list:{level}:{service}",
                confidence=Confidence.HIGH if placed else Confidence.LOW,
                related=tuple(
                    Related(r.location, f"{r.address} uses {service}") for r in resources
                ),
            )


def _allow_statements(tree: OrganizationTree, level: str) -> list[Statement] | None:
    """The ``Allow`` statements of the SCPs attached at ``level`` when they form an allow
    list; ``None`` when ``FullAWSAccess`` or an Allow of ``*`` is attached there, or none."""
    statements: list[Statement] = []
    for attachment in tree.attachments:
        if tree.target_of(attachment) != level:
            continue
        if attachment.policy.known() == FULL_AWS_ACCESS_SCP_ID:
            return None
        policy = tree.policies.get(attachment.policy_address or "")
        if policy is None:
            if attachment.policy_address is None:
                return None  # an SCP not declared in the scan may allow anything
            continue
        if policy.kind is not PolicyKind.SCP:
            continue
        statements += [s for s in policy.document.statements if s.effect.value is Effect.ALLOW]
    if not statements or any(_allows_service(s, "*") for s in statements):
        return None
    return statements


def _allows_service(statement: Statement, service: str) -> bool:
    """Whether an ``Allow`` statement allows some action of ``service`` (``*``: every
    service); unresolved actions count as allowing it."""
    if statement.actions is None:
        return True  # NotAction: everything but a few actions
    for element in statement.actions:
        value = element.value
        if not isinstance(value, str) or value == "*":
            return True
        prefix = value.split(":", 1)[0].lower()
        if service != "*" and prefix in (service, "*"):
            return True
    return False
