"""Deterministic synthetic repository for the policyguard benchmark.

The repository is generated from fixed parameters so that numbers from different days and
machines compare. Do not change them without resetting every recorded baseline:

=========================== ========= ==========================================================
parameter                   value     meaning
=========================== ========= ==========================================================
``SEED``                    1234      seed of the one ``random.Random`` that drives every choice
``TF_MODULES``              200       Terraform root module directories (``terraform/stack-NNN``)
``TF_FILES_PER_MODULE``     5         ``.tf`` files in each module directory
``TF_RESOURCES_PER_FILE``   10        ``resource`` blocks in each ``.tf`` file
``CFN_TEMPLATES``           200       CloudFormation templates (``cloudformation/...``)
``CFN_RESOURCES_PER_FILE``  20        resources in each template
``CFN_JSON_EVERY``          4         every 4th template is JSON, the others YAML
=========================== ========= ==========================================================

That is 1,000 Terraform files with 10,000 resources and 200 templates with 4,000 resources.
The resources mix IAM managed and inline policies (``jsonencode`` and heredoc JSON), roles with
trust policies, S3 buckets with ACLs, ownership controls and public access blocks, KMS keys and
Organizations SCPs. A small, fixed share of them is planted with the problems of the first rules
(IAM-001, S3-001, KMS-001, SCP-001); :class:`Stats` counts them per rule.

``scale`` multiplies the number of module directories and templates (never the size of a file)
and exists only for quick local smoke runs: numbers from a scale other than 1.0 are not
comparable with recorded ones.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TypeAlias

SEED: Final = 1234
TF_MODULES: Final = 200
TF_FILES_PER_MODULE: Final = 5
TF_RESOURCES_PER_FILE: Final = 10
CFN_TEMPLATES: Final = 200
CFN_RESOURCES_PER_FILE: Final = 20
CFN_JSON_EVERY: Final = 4

MARKER: Final = ".policyguard-synthetic"
TF_FILE_NAMES: Final = ("main.tf", "iam.tf", "storage.tf", "keys.tf", "org.tf")

# Chance that a generated resource of each kind carries its rule's problem.
P_ADMIN: Final = 0.04
P_PUBLIC_ACL: Final = 0.15
P_NO_ROTATION: Final = 0.15
P_SCP_PRINCIPAL: Final = 0.08

SERVICES: Final = {
    "s3": ("GetObject", "PutObject", "ListBucket", "DeleteObject", "GetBucketLocation"),
    "dynamodb": ("GetItem", "PutItem", "Query", "Scan", "UpdateItem", "DescribeTable"),
    "sqs": ("SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueAttributes"),
    "logs": ("CreateLogStream", "PutLogEvents", "FilterLogEvents", "GetLogEvents"),
    "kms": ("Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey"),
    "ssm": ("GetParameter", "GetParameters", "GetParametersByPath"),
    "ec2": ("DescribeInstances", "DescribeVpcs", "DescribeSubnets"),
    "lambda": ("InvokeFunction", "GetFunction"),
}
TRUSTED_SERVICES: Final = (
    "ec2.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "lambda.amazonaws.com",
    "codebuild.amazonaws.com",
    "states.amazonaws.com",
)
PUBLIC_CANNED_TF: Final = ("public-read", "public-read-write", "authenticated-read")
PUBLIC_CANNED_CFN: Final = ("PublicRead", "PublicReadWrite", "AuthenticatedRead")
NON_ROTATABLE_SPECS: Final = ("RSA_2048", "RSA_4096", "ECC_NIST_P256", "HMAC_256")
REGIONS: Final = ("eu-west-1", "eu-central-1", "us-east-1", "us-west-2")
ACCOUNT: Final = "111122223333"
ALL_USERS: Final = "http://acs.amazonaws.com/groups/global/AllUsers"
CANONICAL_OWNER: Final = "7c5d1a2f" * 8

RULES: Final = ("IAM-001", "S3-001", "KMS-001", "SCP-001")


@dataclass
class Stats:
    """What was generated: file and resource counts, and the problems planted per rule."""

    root: Path
    terraform_files: int = 0
    cloudformation_files: int = 0
    resources: int = 0
    planted: Counter[str] = field(default_factory=Counter)

    @property
    def files(self) -> int:
        return self.terraform_files + self.cloudformation_files

    def to_json(self) -> dict[str, object]:
        return {
            "root": str(self.root),
            "parameters": parameters(),
            "terraform_files": self.terraform_files,
            "cloudformation_files": self.cloudformation_files,
            "resources": self.resources,
            "planted": {rule: self.planted[rule] for rule in RULES},
        }


def parameters() -> dict[str, int]:
    """The fixed generation parameters, for reports."""
    return {
        "seed": SEED,
        "tf_modules": TF_MODULES,
        "tf_files_per_module": TF_FILES_PER_MODULE,
        "tf_resources_per_file": TF_RESOURCES_PER_FILE,
        "cfn_templates": CFN_TEMPLATES,
        "cfn_resources_per_file": CFN_RESOURCES_PER_FILE,
        "cfn_json_every": CFN_JSON_EVERY,
    }


# ---------------------------------------------------------------------------------------------
# Policy documents (plain Python data, rendered per format)
# ---------------------------------------------------------------------------------------------


Json: TypeAlias = dict[str, "Json"] | list["Json"] | str | int | bool


def _actions(rng: random.Random) -> tuple[str, list[Json]]:
    service = rng.choice(sorted(SERVICES))
    names = rng.sample(SERVICES[service], k=rng.randint(1, min(3, len(SERVICES[service]))))
    return service, [f"{service}:{name}" for name in names]


def _identity_policy(rng: random.Random, admin: bool) -> dict[str, Json]:
    statements: list[Json] = []
    for index in range(rng.randint(1, 3)):
        service, actions = _actions(rng)
        region = rng.choice(REGIONS)
        resource: Json = (
            "*"
            if service in {"ec2", "logs"}
            else f"arn:aws:{service}:{region}:{ACCOUNT}:app-{rng.randrange(10_000)}"
        )
        statements.append(
            {"Sid": f"Stmt{index}", "Effect": "Allow", "Action": actions, "Resource": resource}
        )
    if admin:
        position = rng.randrange(len(statements) + 1)
        action: Json = "*" if rng.random() < 0.5 else ["*"]
        statements.insert(position, {"Effect": "Allow", "Action": action, "Resource": "*"})
    return {"Version": "2012-10-17", "Statement": statements}


def _trust_policy(rng: random.Random) -> dict[str, Json]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": rng.choice(TRUSTED_SERVICES)},
                "Action": "sts:AssumeRole",
            }
        ],
    }


def _scp(rng: random.Random, principal: bool) -> dict[str, Json]:
    statement: dict[str, Json] = rng.choice(
        [
            {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"},
            {
                "Effect": "Deny",
                "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
                "Resource": "*",
            },
            {
                "Effect": "Deny",
                "NotAction": ["iam:*", "organizations:*", "sts:*", "support:*"],
                "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": rng.sample(REGIONS, k=2)}},
            },
        ]
    )
    statement = dict(statement)
    if principal:
        if rng.random() < 0.5:
            statement["Principal"] = "*"
        else:
            statement["NotPrincipal"] = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
    return {"Version": "2012-10-17", "Statement": [statement]}


def _usage(spec: str) -> str:
    return "GENERATE_VERIFY_MAC" if spec.startswith("HMAC") else "SIGN_VERIFY"


# ---------------------------------------------------------------------------------------------
# Terraform
# ---------------------------------------------------------------------------------------------

_HCL_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _hcl(value: Json, indent: int) -> str:
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return "[" + ", ".join(_hcl(item, indent) for item in value) + "]"
        items = "".join(f"{inner}{_hcl(item, indent + 1)},\n" for item in value)
        return f"[\n{items}{pad}]"
    if not value:
        return "{}"
    width = max(len(_hcl_key(key)) for key in value)
    lines = "".join(
        f"{inner}{_hcl_key(key).ljust(width)} = {_hcl(item, indent + 1)}\n"
        for key, item in value.items()
    )
    return f"{{\n{lines}{pad}}}"


def _hcl_key(key: str) -> str:
    return key if _HCL_IDENT.match(key) else json.dumps(key)


def _tf_policy_attr(rng: random.Random, name: str, document: dict[str, Json], indent: int) -> str:
    pad = "  " * indent
    if rng.random() < 0.25:
        body = json.dumps(document, indent=2).replace("\n", "\n" + pad + "  ")
        return f"{pad}{name} = <<-EOT\n{pad}  {body}\n{pad}EOT\n"
    return f"{pad}{name} = jsonencode({_hcl(document, indent)})\n"


class _TfFile:
    def __init__(self, module: int, rng: random.Random, stats: Stats) -> None:
        self.module = module
        self.rng = rng
        self.stats = stats
        self.blocks: list[str] = []
        self.count = 0

    def _name(self, kind: str) -> str:
        return f"{kind}_{self.module:03d}_{self.stats.resources + self.count:05d}"

    def _add(self, text: str) -> None:
        self.blocks.append(text)
        self.count += 1

    def policy(self) -> None:
        admin = self.rng.random() < P_ADMIN
        name = self._name("policy")
        self.stats.planted["IAM-001"] += admin
        self._add(
            f'resource "aws_iam_policy" "{name}" {{\n'
            f'  name        = "{name}"\n'
            f'  description = "Access for service {self.module}"\n'
            + _tf_policy_attr(self.rng, "policy", _identity_policy(self.rng, admin), 1)
            + "}\n"
        )

    def role(self) -> None:
        admin = self.rng.random() < P_ADMIN
        name = self._name("role")
        self.stats.planted["IAM-001"] += admin
        inline = _hcl(_identity_policy(self.rng, admin), 2)
        self._add(
            f'resource "aws_iam_role" "{name}" {{\n'
            f'  name = "{name}"\n'
            + _tf_policy_attr(self.rng, "assume_role_policy", _trust_policy(self.rng), 1)
            + "\n  inline_policy {\n"
            + '    name   = "inline"\n'
            + f"    policy = jsonencode({inline})\n"
            + "  }\n\n"
            + f'  tags = {{\n    Service = "svc-{self.module:03d}"\n  }}\n'
            + "}\n"
        )

    def role_policy(self) -> None:
        admin = self.rng.random() < P_ADMIN
        name = self._name("role_policy")
        self.stats.planted["IAM-001"] += admin
        self._add(
            f'resource "aws_iam_role_policy" "{name}" {{\n'
            f'  name = "{name}"\n'
            f'  role = "svc-{self.module:03d}-runtime"\n'
            + _tf_policy_attr(self.rng, "policy", _identity_policy(self.rng, admin), 1)
            + "}\n"
        )

    def key(self) -> None:
        name = self._name("key")
        attrs: list[tuple[str, str]] = [("description", f'"Data of {name}"')]
        if self.rng.random() < 0.15:
            spec = self.rng.choice(NON_ROTATABLE_SPECS)
            attrs += [("customer_master_key_spec", f'"{spec}"'), ("key_usage", f'"{_usage(spec)}"')]
        elif self.rng.random() < P_NO_ROTATION:
            self.stats.planted["KMS-001"] += 1
            if self.rng.random() < 0.5:
                attrs.append(("enable_key_rotation", "false"))
        else:
            attrs.append(("enable_key_rotation", "true"))
        attrs.append(("deletion_window_in_days", "30"))
        width = max(len(key) for key, _ in attrs)
        body = "".join(f"  {key.ljust(width)} = {value}\n" for key, value in attrs)
        self._add(f'resource "aws_kms_key" "{name}" {{\n{body}}}\n')

    def scp(self) -> None:
        principal = self.rng.random() < P_SCP_PRINCIPAL
        name = self._name("scp")
        self.stats.planted["SCP-001"] += principal
        type_line = '  type = "SERVICE_CONTROL_POLICY"\n' if self.rng.random() < 0.7 else ""
        self._add(
            f'resource "aws_organizations_policy" "{name}" {{\n'
            f'  name = "{name}"\n'
            + type_line
            + _tf_policy_attr(self.rng, "content", _scp(self.rng, principal), 1)
            + "}\n"
        )

    def bucket(self, size: int) -> None:
        """A bucket with ``size - 1`` companion resources (an ACL, then a public access block)."""
        name = self._name("bucket")
        ref = f"aws_s3_bucket.{name}.id"
        public = self.rng.random() < P_PUBLIC_ACL
        self._add(
            f'resource "aws_s3_bucket" "{name}" {{\n'
            f'  bucket = "{name.replace("_", "-")}-{ACCOUNT}"\n'
            f'  tags = {{\n    Module = "stack-{self.module:03d}"\n  }}\n'
            "}\n"
        )
        if size >= 2:
            if public and self.rng.random() < 0.3:
                grant = (
                    "  access_control_policy {\n"
                    "    grant {\n"
                    "      grantee {\n"
                    '        type = "Group"\n'
                    f'        uri  = "{ALL_USERS}"\n'
                    "      }\n"
                    '      permission = "READ"\n'
                    "    }\n"
                    "    owner {\n"
                    f'      id = "{CANONICAL_OWNER}"\n'
                    "    }\n"
                    "  }\n"
                )
                body = grant
            else:
                acl = self.rng.choice(PUBLIC_CANNED_TF) if public else "private"
                body = f'  acl    = "{acl}"\n'
            self._add(f'resource "aws_s3_bucket_acl" "{name}" {{\n  bucket = {ref}\n{body}}}\n')
        ignore = size >= 3 and (not public or self.rng.random() < 0.3)
        if size >= 3:
            flag = "true" if ignore else "false"
            self._add(
                f'resource "aws_s3_bucket_public_access_block" "{name}" {{\n'
                f"  bucket                  = {ref}\n"
                f"  block_public_acls       = {flag}\n"
                f"  ignore_public_acls      = {flag}\n"
                f"  block_public_policy     = {flag}\n"
                f"  restrict_public_buckets = {flag}\n"
                "}\n"
            )
        self.stats.planted["S3-001"] += public and size >= 2 and not ignore

    def fill(self, total: int) -> str:
        singles = (self.policy, self.role, self.role_policy, self.key, self.scp)
        while self.count < total:
            remaining = total - self.count
            pick = self.rng.randrange(6)
            if pick == 5:
                self.bucket(min(remaining, self.rng.choice((1, 2, 2, 3))))
            else:
                singles[pick]()
        self.stats.resources += self.count
        return "\n".join(self.blocks)


def _terraform(root: Path, modules: int, rng: random.Random, stats: Stats) -> None:
    for module in range(modules):
        directory = root / "terraform" / f"stack-{module:03d}"
        directory.mkdir(parents=True)
        for file_name in TF_FILE_NAMES[:TF_FILES_PER_MODULE]:
            text = _TfFile(module, rng, stats).fill(TF_RESOURCES_PER_FILE)
            header = f"# Synthetic benchmark stack {module:03d}, {file_name} (generated).\n\n"
            (directory / file_name).write_text(header + text, encoding="utf-8")
            stats.terraform_files += 1


# ---------------------------------------------------------------------------------------------
# CloudFormation
# ---------------------------------------------------------------------------------------------

_YAML_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9:/._*-]*$")
_YAML_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def _yaml_scalar(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _YAML_PLAIN.match(value) and value.lower() not in _YAML_RESERVED:
        return value
    return json.dumps(value)


def _yaml(value: Json, indent: int) -> list[str]:
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{_yaml_scalar(key)}:")
                lines += _yaml(item, indent + 1)
            elif isinstance(item, dict | list):
                empty = "{}" if isinstance(item, dict) else "[]"
                lines.append(f"{pad}{_yaml_scalar(key)}: {empty}")
            else:
                lines.append(f"{pad}{_yaml_scalar(key)}: {_yaml_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list) and item:
                nested = _yaml(item, indent + 1)
                nested[0] = f"{pad}- {nested[0].lstrip()}"
                lines += nested
            elif isinstance(item, dict | list):
                lines.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}")
            else:
                lines.append(f"{pad}- {_yaml_scalar(item)}")
    return lines


def _cfn_resources(template: int, rng: random.Random, stats: Stats) -> dict[str, Json]:
    resources: dict[str, Json] = {}
    role_id = f"Role{template:03d}"
    while len(resources) < CFN_RESOURCES_PER_FILE:
        index = len(resources)
        pick = rng.randrange(6)
        if pick == 0:
            admin = rng.random() < P_ADMIN
            stats.planted["IAM-001"] += admin
            resources[f"Policy{index:02d}"] = {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {
                    "Description": f"Access for template {template}",
                    "PolicyDocument": _identity_policy(rng, admin),
                },
            }
        elif pick == 1:
            admin = rng.random() < P_ADMIN
            stats.planted["IAM-001"] += admin
            name = role_id if role_id not in resources else f"Role{index:02d}"
            resources[name] = {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": _trust_policy(rng),
                    "Policies": [
                        {"PolicyName": "inline", "PolicyDocument": _identity_policy(rng, admin)}
                    ],
                    "Tags": [{"Key": "Template", "Value": f"t{template:03d}"}],
                },
            }
        elif pick == 2:
            public = rng.random() < P_PUBLIC_ACL
            properties: dict[str, Json] = {
                "BucketName": {"Fn::Sub": f"bucket-{template:03d}-{index:02d}-${{AWS::AccountId}}"}
            }
            if public:
                properties["AccessControl"] = rng.choice(PUBLIC_CANNED_CFN)
                properties["OwnershipControls"] = {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
                ignore = rng.random() < 0.3
                properties["PublicAccessBlockConfiguration"] = {
                    "BlockPublicAcls": ignore,
                    "IgnorePublicAcls": ignore,
                    "BlockPublicPolicy": ignore,
                    "RestrictPublicBuckets": ignore,
                }
                stats.planted["S3-001"] += not ignore
            else:
                properties["OwnershipControls"] = {
                    "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]
                }
            resources[f"Bucket{index:02d}"] = {"Type": "AWS::S3::Bucket", "Properties": properties}
        elif pick == 3:
            key: dict[str, Json] = {"Description": f"Key {template}-{index}"}
            if rng.random() < 0.15:
                spec = rng.choice(NON_ROTATABLE_SPECS)
                key["KeySpec"] = spec
                key["KeyUsage"] = _usage(spec)
            elif rng.random() < P_NO_ROTATION:
                stats.planted["KMS-001"] += 1
                if rng.random() < 0.5:
                    key["EnableKeyRotation"] = False
            else:
                key["EnableKeyRotation"] = True
            resources[f"Key{index:02d}"] = {"Type": "AWS::KMS::Key", "Properties": key}
        elif pick == 4:
            principal = rng.random() < P_SCP_PRINCIPAL
            stats.planted["SCP-001"] += principal
            resources[f"Scp{index:02d}"] = {
                "Type": "AWS::Organizations::Policy",
                "Properties": {
                    "Name": f"guardrail-{template:03d}-{index:02d}",
                    "Type": "SERVICE_CONTROL_POLICY",
                    "Content": _scp(rng, principal),
                },
            }
        else:
            admin = rng.random() < P_ADMIN
            stats.planted["IAM-001"] += admin
            resources[f"User{index:02d}"] = {
                "Type": "AWS::IAM::User",
                "Properties": {
                    "Path": "/synthetic/",
                    "Policies": [
                        {"PolicyName": "inline", "PolicyDocument": _identity_policy(rng, admin)}
                    ],
                },
            }
    stats.resources += len(resources)
    return resources


def _cloudformation(root: Path, templates: int, rng: random.Random, stats: Stats) -> None:
    directory = root / "cloudformation"
    directory.mkdir(parents=True)
    for template in range(templates):
        document: dict[str, Json] = {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": f"Synthetic benchmark template {template:03d} (generated)",
            "Resources": _cfn_resources(template, rng, stats),
        }
        if template % CFN_JSON_EVERY == CFN_JSON_EVERY - 1:
            path = directory / f"template-{template:03d}.json"
            path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        else:
            path = directory / f"template-{template:03d}.yaml"
            path.write_text("\n".join(_yaml(document, 0)) + "\n", encoding="utf-8")
        stats.cloudformation_files += 1


def generate(root: Path, scale: float = 1.0) -> Stats:
    """Write the synthetic repository to ``root`` and describe it.

    ``root`` must be missing, empty, or a synthetic repository written before (recognised by
    its marker file), which is replaced. The same ``scale`` always gives byte-identical files.
    ``scale`` is for smoke runs only.
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    if root.exists():
        if not root.is_dir():
            raise ValueError(f"{root} is not a directory")
        if any(root.iterdir()) and not (root / MARKER).is_file():
            raise ValueError(f"{root} is not empty and holds no synthetic repository")
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / MARKER).write_text("written by benchmarks/synthetic.py\n", encoding="utf-8")
    rng = random.Random(SEED)
    stats = Stats(root=root)
    _terraform(root, max(1, round(TF_MODULES * scale)), rng, stats)
    _cloudformation(root, max(1, round(CFN_TEMPLATES * scale)), rng, stats)
    return stats


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("benchmarks/out/synthetic")
    print(json.dumps(generate(target).to_json(), indent=2))
