"""What the configuration says about the AWS accounts the scanned code deploys to."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

ACCOUNT_ID = re.compile(r"^\d{12}$")
ORGANIZATION_ID = re.compile(r"^o-[a-z0-9]{10,32}$")
DEPLOYMENT_TARGET = re.compile(r"^(\d{12}|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$")


@dataclass(frozen=True, slots=True)
class AccountSettings:
    """The organization, the accounts trusted besides it, and where code deploys.

    ``deployments`` maps path patterns (a root module directory, a template, globs) to the
    account id, OU id or root id they deploy to, first match wins. Without settings the engine
    cannot tell a trusted account from a foreign one; :meth:`assumptions` says what it assumed.
    """

    organization_id: str | None = None
    trusted_accounts: frozenset[str] = frozenset()
    deployments: tuple[tuple[str, str], ...] = ()

    def deployment_of(self, path: str) -> str | None:
        """The account, OU or root that the code at ``path`` deploys to, if configured."""
        for pattern, target in self.deployments:
            if fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/"):
                return target
        return None

    def is_trusted(self, account: str) -> bool | None:
        """Whether an account is trusted; ``None`` when no account is configured."""
        if not self.trusted_accounts and self.organization_id is None:
            return None
        return account in self.trusted_accounts

    def assumptions(self) -> list[str]:
        """What judgements without configuration assume, for messages."""
        assumed = []
        if self.organization_id is None:
            assumed.append("no organization id is configured")
        if not self.trusted_accounts:
            assumed.append("no trusted accounts are configured")
        if not self.deployments:
            assumed.append("the accounts the code deploys to are not configured")
        return assumed
