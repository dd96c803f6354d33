"""The IAM engine: pure, parser-free reasoning about AWS IAM.

It knows AWS (the action catalog in :mod:`policyguard.iam.catalog`) and works on the model,
never on parser output. Submodules are imported where they are used; this package imports
nothing, so importing it stays cheap.
"""
