"""KMS-006: a key deletion waiting period outside what AWS allows or below the minimum."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard import Confidence, Finding, Severity, check
from policyguard.model import Inventory, KmsKey
from policyguard.model.requirements import AWS_MAXIMUM_DELETION_WINDOW


@check(
    id="KMS-006",
    name="key-deletion-window-invalid",
    severity=Severity.LOW,
    targets=(KmsKey,),
    tags=("kms", "availability", "validation"),
    cwe=(1284,),
)
def key_deletion_window(key: KmsKey, inventory: Inventory) -> Iterator[Finding]:
    """## What it does
    Flags keys whose deletion waiting period (`deletion_window_in_days`,
    `PendingWindowInDays`) is below the configured minimum (`kms-minimum-deletion-window` in
    `[requirements]`; by default AWS's own minimum of 7 days) or above AWS's maximum of 30
    days. A period that is not written is AWS's default of 30 days and is not flagged.

    ## Why is this bad?
    Deleting a KMS key makes all data encrypted under it unrecoverable. The waiting period is
    the only time in which a mistaken or malicious `ScheduleKeyDeletion` can be cancelled; AWS
    rejects periods outside 7 to 30 days, so such a value also fails the deployment.

    ## Example
    ```hcl
    resource "aws_kms_key" "data" {
      deletion_window_in_days = 5
    }
    ```
    ```yaml
    DataKey:
      Type: AWS::KMS::Key
      Properties:
        PendingWindowInDays: 31
    ```
    Use instead:
    ```hcl
    resource "aws_kms_key" "data" {
      deletion_window_in_days = 30
    }
    ```

    ## Known problems
    A period that cannot be resolved statically gives a finding with low confidence.

    ## Options
    `[requirements] kms-minimum-deletion-window`: the fewest days allowed (7 to 30; default 7).

    ## References
    - [AWS KMS: deleting keys, waiting period](https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html)
    - [CWE-1284](https://cwe.mitre.org/data/definitions/1284.html)
    """
    window = key.deletion_window_days
    minimum = inventory.requirements.kms_minimum_deletion_window
    if window is None:
        return
    days = window.known()
    if days is None:
        yield Finding.at(
            window,
            f"{key.describe()}: the deletion waiting period ({window.describe()}) is not "
            f"resolved statically; it must be {minimum} to {AWS_MAXIMUM_DELETION_WINDOW} days.",
            evidence="deletion-window:unresolved",
            confidence=Confidence.LOW,
        )
        return
    if days < minimum:
        problem = f"is shorter than the minimum of {minimum} days"
    elif days > AWS_MAXIMUM_DELETION_WINDOW:
        problem = f"is longer than AWS's maximum of {AWS_MAXIMUM_DELETION_WINDOW} days"
    else:
        return
    yield Finding.at(
        window,
        f"{key.describe()}: the deletion waiting period of {days} days {problem}.",
        evidence=f"deletion-window:{days}",
    )
