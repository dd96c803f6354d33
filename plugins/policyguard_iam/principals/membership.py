"""IAM-024 and IAM-025: users in no group, and groups with no user."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import (
    Element,
    GroupMembership,
    Inventory,
    Principal,
    PrincipalType,
    Resource,
    Unresolved,
)
from policyguard_iam.principals.names import local_inventory, named_principals


@dataclass(slots=True)
class _Memberships:
    """The memberships that name ``subject``: whether one certainly does, and the values not
    resolved statically that may."""

    subject: Principal
    inventory: Inventory
    certain: bool = False
    possible: list[Unresolved] = field(default_factory=list)

    def add(self, element: Element, address: str | None, referrer: Resource) -> None:
        """A membership whose user (or group) is written as ``element`` on ``referrer``."""
        subject = self.subject
        named = named_principals(element, address, referrer, subject.type, self.inventory)
        if subject in named.principals:
            self.certain = True
        elif named.unknown is not None:
            self.possible.append(named.unknown)

    def finding(self, subject: Principal, message: str) -> Finding | None:
        if self.certain:
            return None
        if self.possible:
            unknown = ", ".join(value.expression for value in self.possible)
            return Finding.at(
                subject.resource,
                f"{message} It depends on values not resolved statically: {unknown}",
                evidence=subject.describe(),
                confidence=Confidence.LOW,
            )
        return Finding.at(subject.resource, message, evidence=subject.describe())


@check(
    id="IAM-024",
    name="user-without-group",
    severity=Severity.LOW,
    targets=(Principal,),
    tags=("iam", "hygiene"),
    cwe=(269,),
)
def user_without_group(user: Principal, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags IAM users that are a member of no group, neither through `groups`/`Groups` on the
    user nor through a membership resource.

    ## Why is this bad?
    A user outside every group gets its permissions one policy at a time, so nobody reviews
    them together and they are not removed when the person changes job. Managing
    permissions through groups (or federation) makes access follow the job function.

    ## Example
    ```hcl
    resource "aws_iam_user" "alice" {
      name = "alice"
    }
    ```
    ```yaml
    Alice:
      Type: AWS::IAM::User
      Properties:
        UserName: alice
    ```
    Use instead:
    ```yaml
    Alice:
      Type: AWS::IAM::User
      Properties:
        UserName: alice
        Groups:
          - !Ref Developers
    ```

    ## Known problems
    A membership resource whose user is not resolved statically may name the user: the
    finding then has low confidence. Memberships managed outside the scanned code are not
    seen.

    ## References
    - [AWS IAM: user groups](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    """
    if user.type is not PrincipalType.USER:
        return
    inventory = local_inventory(inventory, user.resource)
    found = _Memberships(user, inventory, certain=bool(user.groups))
    for membership in inventory.of_type(GroupMembership):
        found.add(membership.user, membership.user_address, membership.resource)
    finding = found.finding(user, f"{user.describe()} is a member of no group.")
    if finding is not None:
        yield finding


@check(
    id="IAM-025",
    name="group-without-users",
    severity=Severity.LOW,
    targets=(Principal,),
    tags=("iam", "hygiene"),
    cwe=(1164,),
)
def group_without_users(group: Principal, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags IAM groups that no declared user is a member of.

    ## Why is this bad?
    An empty group is dead configuration: its policies grant nothing today but are granted
    at once to whoever is added later, often without anyone re-reading them. Unused groups
    with broad policies are a quiet path to privilege.

    ## Example
    ```hcl
    resource "aws_iam_group" "legacy_admins" {
      name = "legacy-admins"
    }
    ```
    ```yaml
    LegacyAdmins:
      Type: AWS::IAM::Group
    ```
    Use instead: remove the group, or add its members in the same code.
    ```hcl
    resource "aws_iam_group_membership" "legacy_admins" {
      name  = "legacy-admins"
      group = aws_iam_group.legacy_admins.name
      users = [aws_iam_user.alice.name]
    }
    ```

    ## Known problems
    Users added to the group outside the scanned code are not seen. A user's group or a
    membership not resolved statically may name the group: the finding then has low
    confidence. A group declared without a name gets a generated one, which no literal name
    can match.

    ## References
    - [AWS IAM: user groups](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    - [CWE-1164](https://cwe.mitre.org/data/definitions/1164.html)
    """
    if group.type is not PrincipalType.GROUP:
        return
    inventory = local_inventory(inventory, group.resource)
    found = _Memberships(group, inventory)
    for user in inventory.of_type(Principal):
        for element in user.groups if user.type is PrincipalType.USER else ():
            found.add(element, None, user.resource)
    for membership in inventory.of_type(GroupMembership):
        found.add(membership.group, membership.group_address, membership.resource)
    finding = found.finding(group, f"{group.describe()} has no user.")
    if finding is not None:
        yield finding
