"""Handler registries: modules that handle one resource type all run, in order."""

from __future__ import annotations

from collections.abc import Callable

from policyguard.extract.collect import Collector
from policyguard.extract.handlers import merged


def handler(mark: str) -> Callable[[str, Collector], None]:
    def extract(item: str, collector: Collector) -> None:
        collector.objects.append((mark, item))

    return extract


def test_handlers_of_one_type_run_in_the_order_of_their_tables() -> None:
    registry = merged({"User": handler("iam"), "Role": handler("role")}, {"User": handler("login")})
    collector = Collector()
    registry["User"]("alice", collector)
    registry["Role"]("app", collector)
    assert collector.objects == [("iam", "alice"), ("login", "alice"), ("role", "app")]
