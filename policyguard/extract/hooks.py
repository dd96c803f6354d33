"""The built-in extractors as a plugin: thin hooks that import an extractor only when files of
its format were found, so that start-up stays fast."""

from __future__ import annotations

from collections.abc import Sequence

from policyguard.hookspecs import hookimpl
from policyguard.parse.parsed import ExtractContext, Extraction, ParsedFile


@hookimpl
def policyguard_extract(files: Sequence[ParsedFile], context: ExtractContext) -> Extraction | None:
    """Terraform configurations and plans, and CloudFormation templates, among ``files``."""
    formats = {f.format for f in files}
    extractions: list[Extraction | None] = []
    if formats & {"terraform", "terraform-plan"}:
        from policyguard.extract.terraform import extract_configurations

        extractions.append(extract_configurations(files, context))
    if "cloudformation" in formats:
        from policyguard.extract.cloudformation import extract_templates

        extractions.append(extract_templates(files, context))
    found = [e for e in extractions if e is not None]
    if not found:
        return None
    return Extraction(
        tuple(o for e in found for o in e.objects),
        tuple(d for e in found for d in e.diagnostics),
    )
