"""The built-in parsers, chosen by file name and, for templates, by content.

Parser libraries are imported only when a file of their format is found, so that start-up
stays fast and a Terraform-only scan never loads cfn-lint.
"""

from __future__ import annotations

import re

from policyguard.hookspecs import hookimpl
from policyguard.parse.parsed import ParsedFile
from policyguard.source import SourceFile

TERRAFORM_SUFFIXES = (".tf", ".tofu")
TERRAFORM_JSON_SUFFIXES = (".tf.json", ".tofu.json")
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")
_TEMPLATE_VERSION = re.compile(rb"[\"']?AWSTemplateFormatVersion[\"']?\s*:")
_RESOURCES = re.compile(rb"(?m)^\s*[\"']?Resources[\"']?\s*:")


def looks_like_cloudformation(head: bytes) -> bool:
    """Whether the first 64 KiB of a file are those of a CloudFormation or SAM template."""
    if _TEMPLATE_VERSION.search(head):
        return True
    return b"AWS::" in head and _RESOURCES.search(head) is not None


@hookimpl(trylast=True)
def policyguard_parse_file(source: SourceFile) -> ParsedFile | None:
    """Terraform by suffix; CloudFormation by suffix and content; ``None`` for anything else."""
    name = source.name.lower()
    if name.endswith(TERRAFORM_SUFFIXES):
        from policyguard.parse.hcl import parse_hcl

        body, comments = parse_hcl(source.text)
        return ParsedFile(source, "terraform", body, comments)
    if name.endswith(TERRAFORM_JSON_SUFFIXES):
        from policyguard.parse.hcl import parse_tf_json

        body, comments = parse_tf_json(source.text)
        return ParsedFile(source, "terraform", body, comments)
    if name.endswith(TEMPLATE_SUFFIXES) and looks_like_cloudformation(source.head):
        from policyguard.parse.cloudformation import parse_template

        mapping, comments = parse_template(source.text, source.relpath)
        return ParsedFile(source, "cloudformation", mapping, comments)
    return None
