"""What an extractor gathers while it reads one module or template."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from policyguard.diagnostics import Diagnostic
from policyguard.extract.buckets import BucketAssembler
from policyguard.model.iam import PolicyDocument
from policyguard.model.kms import KmsKey
from policyguard.model.values import Located
from policyguard.parse.parsed import Extraction


@dataclass
class Collector:
    """Model objects and diagnostics of one extraction, and the buckets of the current module or
    template, still to be joined."""

    objects: list[object] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    buckets: BucketAssembler = field(default_factory=BucketAssembler)
    key_policies: dict[str, PolicyDocument] = field(default_factory=dict)
    key_policy_bypass: dict[str, Located[bool]] = field(default_factory=dict)
    _unit_start: int = 0

    def add(self, obj: object, *documents: PolicyDocument | None) -> None:
        """Add a model object and the policy documents it holds (checks read those directly)."""
        self.objects.append(obj)
        self.objects.extend(document for document in documents if document is not None)

    def finish_unit(self) -> None:
        """Join the buckets and key policies of the module or template just read: names do not
        cross units."""
        self.objects.extend(self.buckets.buckets())
        self.objects.extend(self.buckets.unjoined_blocks())
        self.buckets = BucketAssembler()
        if self.key_policies:
            unit = self.objects[self._unit_start :]
            self.objects[self._unit_start :] = [self._with_key_policy(o) for o in unit]
            self.key_policies = {}
            self.key_policy_bypass = {}
        self._unit_start = len(self.objects)

    def _with_key_policy(self, obj: object) -> object:
        if isinstance(obj, KmsKey) and obj.resource.address in self.key_policies:
            address = obj.resource.address
            bypass = self.key_policy_bypass.get(address, obj.bypass_lockout_check)
            return replace(obj, policy=self.key_policies[address], bypass_lockout_check=bypass)
        return obj

    def extraction(self) -> Extraction:
        """Everything gathered."""
        return Extraction(tuple(self.objects), tuple(self.diagnostics))
