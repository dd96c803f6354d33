"""Data: the bundled snapshot of AWS managed policy documents (see ``README.md`` here and
:mod:`policyguard.iam.managed`)."""
