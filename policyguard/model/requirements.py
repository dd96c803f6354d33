"""What the configuration requires of the scanned code beyond AWS's defaults."""

from __future__ import annotations

from dataclasses import dataclass

AWS_MINIMUM_DELETION_WINDOW = 7
AWS_MAXIMUM_DELETION_WINDOW = 30


@dataclass(frozen=True, slots=True)
class Requirements:
    """The ``[requirements]`` table.

    ``kms_minimum_deletion_window``: the fewest days a KMS key may wait before deletion (AWS
    accepts 7 to 30). ``s3_object_lock``: every bucket must enable object lock. ``s3_kms``:
    every bucket must encrypt with SSE-KMS under a customer managed key; ``s3_kms_keys``, when
    given, names the keys allowed (ARNs, alias ARNs or ids).
    """

    kms_minimum_deletion_window: int = AWS_MINIMUM_DELETION_WINDOW
    s3_object_lock: bool = False
    s3_kms: bool = False
    s3_kms_keys: frozenset[str] = frozenset()
