"""The CloudFormation parser: sniffing, nodes and exact spans, comments, errors and bounds."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.parse import cloudformation
from policyguard.parse.cloudformation import looks_like_cloudformation, parse_template
from policyguard.parse.json_text import parse_json
from policyguard.parse.tree import Comment, Mapping, Node, Scalar, Sequence, TextOrigin

FIXTURES = Path(__file__).parents[2] / "testdata" / "parse" / "cloudformation"
PIPELINE = (FIXTURES / "pipeline.yaml").read_text()
KEY_STACK = (FIXTURES / "key-stack.template.json").read_text()


@pytest.fixture(scope="module")
def pipeline() -> tuple[Mapping, tuple[Comment, ...]]:
    return parse_template(PIPELINE, "pipeline.yaml")


@pytest.fixture(scope="module")
def root(pipeline: tuple[Mapping, tuple[Comment, ...]]) -> Mapping:
    return pipeline[0]


def at(node: Node, *path: str | int) -> Node:
    """The node at ``path``: keys of mappings and indexes of sequences."""
    for step in path:
        if isinstance(step, int):
            assert isinstance(node, Sequence), step
            node = node.items[step]
        else:
            assert isinstance(node, Mapping), step
            found = node.get(step)
            assert found is not None, step
            node = found
    return node


def scalar(node: Node, *path: str | int) -> Scalar:
    found = at(node, *path)
    assert isinstance(found, Scalar)
    return found


def written(text: str, span: Span) -> str:
    """The source text a span covers."""
    lines = text.split("\n")
    if span.start_line == span.end_line:
        return lines[span.start_line - 1][span.start_column - 1 : span.end_column - 1]
    first = lines[span.start_line - 1][span.start_column - 1 :]
    middle = lines[span.start_line : span.end_line - 1]
    return "\n".join([first, *middle, lines[span.end_line - 1][: span.end_column - 1]])


def only_value(text: str) -> Node:
    parsed, _ = parse_template(text, "template.yaml")
    assert len(parsed.entries) == 1
    return parsed.entries[0].value


def parse_error(text: str, filename: str = "template.yaml") -> InputError:
    with pytest.raises(InputError) as raised:
        parse_template(text, filename)
    return raised.value


# Sniffing


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(b'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', id="version"),
        pytest.param(
            b"Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
            b"    Type: AWS::Serverless::Function\n",
            id="sam-without-version",
        ),
        pytest.param(b'{"Resources":{"Bucket83908E77":{"Type":"AWS::S3::Bucket"}}}', id="cdk-json"),
        pytest.param(b'{\n  "AWSTemplateFormatVersion": "2010-09-09"\n}\n', id="json-version"),
    ],
)
def test_templates_are_recognised(head: bytes) -> None:
    assert looks_like_cloudformation(head)


KUBERNETES = b"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            limits: {cpu: 500m, memory: 128Mi}
"""

COMPOSE = b"""\
services:
  app:
    image: app:latest
    environment:
      AWS_REGION: eu-west-1
    deploy:
      resources:
        limits: {cpus: "0.5"}
"""

PACKAGE_JSON = b"""\
{
  "name": "infra",
  "version": "1.0.0",
  "scripts": {"deploy": "cdk deploy"},
  "dependencies": {"aws-cdk-lib": "2.150.0"}
}
"""


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(KUBERNETES, id="kubernetes"),
        pytest.param(COMPOSE, id="docker-compose"),
        pytest.param(PACKAGE_JSON, id="package-json"),
        pytest.param(b"# Resources\nSee AWS::S3::Bucket in the docs.\n", id="words-not-keys"),
        pytest.param(b"", id="empty"),
    ],
)
def test_other_files_are_not_templates(head: bytes) -> None:
    assert not looks_like_cloudformation(head)


def test_fixtures_are_recognised() -> None:
    assert looks_like_cloudformation(PIPELINE.encode())
    assert looks_like_cloudformation(KEY_STACK.encode())


# YAML: keys, values, elements


def test_top_level_keys_in_source_order(root: Mapping) -> None:
    assert [entry.key for entry in root.entries] == [
        "AWSTemplateFormatVersion",
        "Transform",
        "Description",
        "Parameters",
        "Conditions",
        "Resources",
    ]
    assert root.span == Span(1, 1, 94, 10)
    assert root.entries[0].key_span == Span(1, 1, 1, 25)


def test_resource_keys_and_mapping_spans(root: Mapping) -> None:
    resources = at(root, "Resources")
    assert isinstance(resources, Mapping)
    assert [(e.key, e.key_span) for e in resources.entries] == [
        ("BuildRole", Span(15, 3, 15, 12)),
        ("ArtifactBucket", Span(46, 3, 46, 17)),
        ("ArtifactBucketPolicy", Span(56, 3, 56, 23)),
        ("ArtifactKey", Span(68, 3, 68, 14)),
        ("DeployPolicy", Span(83, 3, 83, 15)),
    ]
    role = at(root, "Resources", "BuildRole")
    assert isinstance(role, Mapping)
    # A block mapping ends at its last value, not at the comment or blank line after it.
    assert role.span == Span(16, 5, 44, 54)
    type_entry = role.entry("Type")
    assert type_entry is not None
    assert type_entry.key_span == Span(16, 5, 16, 9)
    assert type_entry.value == Scalar("AWS::IAM::Role", Span(16, 11, 16, 25), TextOrigin(16, 11))


def test_trust_policy_statement(root: Mapping) -> None:
    statement = at(root, "Resources", "BuildRole", "Properties", "AssumeRolePolicyDocument")
    statements = at(statement, "Statement")
    assert isinstance(statements, Sequence)
    assert statements.span == Span(23, 11, 27, 35)
    first = statements.items[0]
    assert first.span == Span(23, 13, 27, 35)
    assert scalar(first, "Effect").span == Span(23, 21, 23, 26)
    service = scalar(first, "Principal", "Service")
    assert (service.value, service.span) == ("codebuild.amazonaws.com", Span(25, 24, 25, 47))
    assert scalar(first, "Action").span == Span(27, 21, 27, 35)
    assert written(PIPELINE, scalar(first, "Action").span) == "sts:AssumeRole"


def test_quoted_strings_span_their_quotes(root: Mapping) -> None:
    version = scalar(root, "AWSTemplateFormatVersion")
    assert version == Scalar("2010-09-09", Span(1, 27, 1, 39), TextOrigin(1, 28))
    assert written(PIPELINE, version.span) == '"2010-09-09"'


def test_block_list_elements(root: Mapping) -> None:
    arns = at(root, "Resources", "BuildRole", "Properties", "ManagedPolicyArns")
    assert isinstance(arns, Sequence)
    assert arns.span == Span(29, 9, 30, 28)
    assert arns.items[0] == Scalar(
        "arn:aws:iam::aws:policy/ReadOnlyAccess", Span(29, 11, 29, 49), TextOrigin(29, 11)
    )
    assert arns.items[1].span == Span(30, 11, 30, 28)
    assert written(PIPELINE, arns.items[1].span) == "!Ref DeployPolicy"


def test_flow_list_elements(root: Mapping) -> None:
    policy = at(root, "Resources", "BuildRole", "Properties", "Policies", 0)
    assert scalar(policy, "PolicyName").span == Span(32, 23, 32, 32)
    actions = at(policy, "PolicyDocument", "Statement", 0, "Action")
    assert isinstance(actions, Sequence)
    assert actions.span == Span(37, 25, 37, 57)
    assert [(item.value, item.span) for item in actions.items if isinstance(item, Scalar)] == [
        ("s3:GetObject", Span(37, 26, 37, 40)),
        ("s3:PutObject", Span(37, 42, 37, 56)),
    ]
    allowed = at(root, "Parameters", "Stage", "AllowedValues")
    assert isinstance(allowed, Sequence)
    assert [item.span for item in allowed.items] == [Span(8, 21, 8, 24), Span(8, 26, 8, 30)]


def test_numbers_and_booleans_are_located_in_the_source(root: Mapping) -> None:
    duration = scalar(root, "Resources", "BuildRole", "Properties", "MaxSessionDuration")
    assert duration == Scalar(3600, Span(19, 27, 19, 31))
    key = at(root, "Resources", "ArtifactKey", "Properties")
    assert scalar(key, "EnableKeyRotation") == Scalar(True, Span(71, 26, 71, 30))
    assert scalar(key, "PendingWindowInDays") == Scalar(7, Span(72, 28, 72, 29))
    mfa = scalar(
        root,
        *("Resources", "BuildRole", "Properties", "Policies", 0, "PolicyDocument"),
        *("Statement", 1, "Condition", "Bool", "aws:MultiFactorAuthPresent"),
    )
    assert mfa == Scalar(False, Span(44, 49, 44, 54))


def test_bucket_access_control(root: Mapping) -> None:
    acl = scalar(root, "Resources", "ArtifactBucket", "Properties", "AccessControl")
    assert (acl.value, acl.span) == ("PublicRead", Span(49, 22, 49, 32))


def test_key_policy_statement(root: Mapping) -> None:
    statement = at(root, "Resources", "ArtifactKey", "Properties", "KeyPolicy", "Statement", 0)
    assert statement.span == Span(76, 13, 81, 26)
    assert scalar(statement, "Action") == Scalar("kms:*", Span(80, 21, 80, 26), TextOrigin(80, 21))
    assert scalar(statement, "Resource").span == Span(81, 23, 81, 26)


# YAML: short-form intrinsics


def test_ref_is_a_mapping_whose_key_span_is_the_tag(root: Mapping) -> None:
    bucket = at(root, "Resources", "ArtifactBucketPolicy", "Properties", "Bucket")
    assert isinstance(bucket, Mapping)
    assert bucket.span == Span(59, 15, 59, 34)
    (entry,) = bucket.entries
    assert (entry.key, entry.key_span) == ("Ref", Span(59, 15, 59, 19))
    assert entry.value == Scalar("ArtifactBucket", Span(59, 20, 59, 34), TextOrigin(59, 20))


def test_sub_quoted_and_plain(root: Mapping) -> None:
    quoted = at(root, "Resources", "BuildRole", "Properties", "RoleName")
    assert isinstance(quoted, Mapping)
    assert quoted.entries[0].key == "Fn::Sub"
    assert quoted.entries[0].key_span == Span(18, 17, 18, 21)
    assert quoted.entries[0].value == Scalar(
        "${AWS::StackName}-build", Span(18, 22, 18, 47), TextOrigin(18, 23)
    )
    trust = at(root, "Resources", "BuildRole", "Properties", "AssumeRolePolicyDocument")
    plain = scalar(trust, "Statement", 0, "Principal", "AWS", "Fn::Sub")
    assert plain.value == "arn:${AWS::Partition}:iam::111122223333:root"
    assert plain.span == Span(26, 25, 26, 69)


def test_getatt_parts_are_located_in_the_dotted_name(root: Mapping) -> None:
    encryption = at(
        root,
        *("Resources", "ArtifactBucket", "Properties", "BucketEncryption"),
        *("ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault"),
    )
    getatt = at(encryption, "KMSMasterKeyID")
    assert isinstance(getatt, Mapping)
    assert getatt.span == Span(54, 31, 54, 54)
    assert getatt.entries[0].key_span == Span(54, 31, 54, 38)
    parts = at(getatt, "Fn::GetAtt")
    assert isinstance(parts, Sequence)
    assert parts.span == Span(54, 39, 54, 54)
    assert [(p.value, p.span) for p in parts.items if isinstance(p, Scalar)] == [
        ("ArtifactKey", Span(54, 39, 54, 50)),
        ("Arn", Span(54, 51, 54, 54)),
    ]


def test_if_with_flow_list(root: Mapping) -> None:
    statements = at(
        root, "Resources", "BuildRole", "Properties", "Policies", 0, "PolicyDocument", "Statement"
    )
    effect = at(statements, 1, "Effect")
    assert isinstance(effect, Mapping)
    assert effect.span == Span(39, 25, 39, 50)
    assert effect.entries[0].key_span == Span(39, 25, 39, 28)
    branches = at(effect, "Fn::If")
    assert isinstance(branches, Sequence)
    assert branches.span == Span(39, 29, 39, 50)
    assert [(b.value, b.span) for b in branches.items if isinstance(b, Scalar)] == [
        ("IsProd", Span(39, 30, 39, 36)),
        ("Deny", Span(39, 38, 39, 42)),
        ("Allow", Span(39, 44, 39, 49)),
    ]


def test_nested_intrinsics(root: Mapping) -> None:
    join = at(root, "Resources", "ArtifactBucketPolicy", "Properties", "PolicyDocument")
    join = at(join, "Statement", 0, "Resource")
    assert written(PIPELINE, join.span) == '!Join ["", [!GetAtt ArtifactBucket.Arn, "/*"]]'
    parts = at(join, "Fn::Join")
    assert isinstance(parts, Sequence)
    assert parts.items[0] == Scalar("", Span(66, 30, 66, 32), TextOrigin(66, 31))
    inner = parts.items[1]
    assert isinstance(inner, Sequence)
    assert inner.span == Span(66, 34, 66, 68)
    assert written(PIPELINE, inner.items[0].span) == "!GetAtt ArtifactBucket.Arn"
    assert scalar(inner.items[0], "Fn::GetAtt", 0).span == Span(66, 43, 66, 57)
    assert scalar(inner, 1).span == Span(66, 63, 66, 67)
    equals = at(root, "Conditions", "IsProd", "Fn::Equals")
    assert isinstance(equals, Sequence)
    assert written(PIPELINE, equals.items[0].span) == "!Ref Stage"
    assert scalar(equals.items[0], "Ref").span == Span(11, 25, 11, 30)


@pytest.mark.parametrize(
    ("source", "key", "tag", "value_span"),
    [
        ("A: !Condition IsProd\n", "Condition", Span(1, 4, 1, 14), Span(1, 15, 1, 21)),
        ("A: !ImportValue 'net-VpcId'\n", "Fn::ImportValue", Span(1, 4, 1, 16), Span(1, 17, 1, 28)),
        ("A: !Base64 |\n  #!/bin/sh\n", "Fn::Base64", Span(1, 4, 1, 11), Span(1, 12, 2, 12)),
        ("A: &anchor !Ref B\n", "Ref", Span(1, 12, 1, 16), Span(1, 17, 1, 18)),
    ],
)
def test_other_short_forms(source: str, key: str, tag: Span, value_span: Span) -> None:
    node = only_value(source)
    assert isinstance(node, Mapping)
    (entry,) = node.entries
    assert (entry.key, entry.key_span, entry.value.span) == (key, tag, value_span)


def test_quoted_getatt() -> None:
    node = only_value('A: !GetAtt "Role.Arn"\n')
    parts = at(node, "Fn::GetAtt")
    assert isinstance(parts, Sequence)
    assert [(p.value, p.span) for p in parts.items if isinstance(p, Scalar)] == [
        ("Role", Span(1, 13, 1, 17)),
        ("Arn", Span(1, 18, 1, 21)),
    ]


def test_getatt_list_form() -> None:
    node = only_value("A: !GetAtt [Role, Arn]\n")
    parts = at(node, "Fn::GetAtt")
    assert isinstance(parts, Sequence)
    assert parts.span == Span(1, 12, 1, 23)
    assert [p.span for p in parts.items] == [Span(1, 13, 1, 17), Span(1, 19, 1, 22)]


def test_mappings_under_a_tag() -> None:
    root, _ = parse_template(
        "A: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/x.yaml}}\n"
        "B: !Transform\n  Name: x\n  Depth: 5\n",
        "t.yaml",
    )
    flow = at(root, "A", "Fn::Transform")
    assert isinstance(flow, Mapping)
    assert flow.span == Span(1, 15, 1, 74)
    assert [e.key_span for e in flow.entries] == [Span(1, 16, 1, 20), Span(1, 36, 1, 46)]
    assert scalar(flow, "Parameters", "Location").span == Span(1, 59, 1, 72)
    block = at(root, "B", "Fn::Transform")
    assert block.span == Span(3, 3, 4, 11)
    assert scalar(block, "Depth") == Scalar(5, Span(4, 10, 4, 11))


def test_block_list_under_a_tag() -> None:
    node = only_value("A: !Join\n  - ','\n  - [a, 1]\n")
    parts = at(node, "Fn::Join")
    assert isinstance(parts, Sequence)
    assert parts.span == Span(2, 3, 3, 11)
    assert scalar(parts, 0).span == Span(2, 5, 2, 8)
    assert scalar(parts, 1, 1) == Scalar(1, Span(3, 9, 3, 10))


# YAML: block scalars and text origins


def test_literal_block_origin_maps_the_json_policy_onto_the_file(root: Mapping) -> None:
    document = scalar(root, "Resources", "DeployPolicy", "Properties", "PolicyDocument")
    assert document.span == Span(88, 23, 94, 10)
    assert document.origin == TextOrigin(89, 9, 8)
    assert isinstance(document.value, str)
    policy = parse_json(document.value, document.origin)
    action = scalar(policy, "Statement", 0, "Action")
    assert action.value == "iam:PassRole"
    assert action.span == Span(92, 66, 92, 80)
    assert written(PIPELINE, action.span) == '"iam:PassRole"'


def test_folded_block_has_no_origin(root: Mapping) -> None:
    description = scalar(root, "Resources", "DeployPolicy", "Properties", "Description")
    assert description.value == "Lets the pipeline pass roles\n"
    assert description.span == Span(86, 20, 87, 37)
    assert description.origin is None


def test_sub_literal_block_has_an_origin() -> None:
    node = only_value('Doc: !Sub |\n    {"Resource": "${Bucket.Arn}"}\n')
    sub = scalar(node, "Fn::Sub")
    assert sub.value == '{"Resource": "${Bucket.Arn}"}\n'
    assert sub.span == Span(1, 11, 2, 34)
    assert sub.origin == TextOrigin(2, 5, 4)


@pytest.mark.parametrize(
    ("source", "value", "origin"),
    [
        pytest.param("A: |-\n  {\n    1\n  }\n", "{\n  1\n}", TextOrigin(2, 3, 2), id="strip"),
        pytest.param("A: |\n\n  x\n\n  y\n", "\nx\n\ny\n", TextOrigin(2, 3, 2), id="blank-lines"),
        pytest.param("A: |2\n     x\n   y\n", "   x\n y\n", TextOrigin(2, 3, 2), id="indicator"),
        pytest.param("A: | # note\n  x\n", "x\n", TextOrigin(2, 3, 2), id="header-comment"),
        pytest.param("A: 'it''s'\n", "it's", None, id="escaped-quote"),
        pytest.param('A: "a\\tb"\n', "a\tb", None, id="escape"),
        pytest.param("A: two\n  lines\n", "two lines", None, id="folded-plain"),
    ],
)
def test_text_origins(source: str, value: str, origin: TextOrigin | None) -> None:
    node = only_value(source)
    assert isinstance(node, Scalar)
    assert (node.value, node.origin) == (value, origin)


# YAML: comments


def test_comments(pipeline: tuple[Mapping, tuple[Comment, ...]]) -> None:
    _, comments = pipeline
    assert comments == (
        Comment("# trailing comment", Span(3, 73, 3, 91)),
        Comment(
            "# policyguard:ignore TRUST-001 -- the tooling account is ours", Span(14, 3, 14, 64)
        ),
        Comment("# policyguard:ignore IAM-002 -- scoped", Span(37, 58, 37, 96)),
    )


def test_hash_inside_strings_and_blocks_is_not_a_comment() -> None:
    source = (
        "A: 'it''s # x' # after\n"
        'B: "x # y"\n'
        "C: Bob's bucket # owner\n"
        "D: |\n"
        "  # shell comment, block text\n"
        "# top\n"
        "E: a#b\n"
        "F: [1, 2] # list\n"
    )
    _, comments = parse_template(source, "t.yaml")
    assert [(c.text, c.span) for c in comments] == [
        ("# after", Span(1, 16, 1, 23)),
        ("# owner", Span(3, 17, 3, 24)),
        ("# top", Span(6, 1, 6, 6)),
        ("# list", Span(8, 11, 8, 17)),
    ]


# YAML: other shapes


def test_crlf_line_endings() -> None:
    root, comments = parse_template("A: 1\r\nB: !Ref X # c\r\nC: |\r\n  x\r\n", "t.yaml")
    assert scalar(root, "A").span == Span(1, 4, 1, 5)
    assert at(root, "B").span == Span(2, 4, 2, 10)
    assert scalar(root, "C") == Scalar("x\n", Span(3, 4, 4, 4), TextOrigin(4, 3, 2))
    assert comments == (Comment("# c", Span(2, 11, 2, 14)),)


def test_keys_that_are_not_strings_keep_their_text() -> None:
    source = "Mappings:\n  Accounts:\n    111122223333: {Env: prod}\n    true: yes\n"
    root, _ = parse_template(source, "t.yaml")
    accounts = at(root, "Mappings", "Accounts")
    assert isinstance(accounts, Mapping)
    assert [(e.key, e.key_span) for e in accounts.entries] == [
        ("111122223333", Span(3, 5, 3, 17)),
        ("true", Span(4, 5, 4, 9)),
    ]
    assert accounts.entries[1].value == Scalar(True, Span(4, 11, 4, 14))


def test_dates_stay_as_written() -> None:
    assert only_value("AWSTemplateFormatVersion: 2010-09-09\n") == Scalar(
        "2010-09-09", Span(1, 27, 1, 37)
    )


def test_nulls() -> None:
    root, _ = parse_template("A: ~\nB:\nC:\n  -\n  - null\n", "t.yaml")
    assert scalar(root, "A") == Scalar(None, Span(1, 4, 1, 5))
    # Nothing written: an empty span where the value would be.
    assert scalar(root, "B") == Scalar(None, Span(2, 3, 2, 3))
    assert scalar(root, "C", 0) == Scalar(None, Span(4, 4, 4, 4))
    assert scalar(root, "C", 1) == Scalar(None, Span(5, 5, 5, 9))


def test_aliases_and_merge_keys() -> None:
    source = "Base: &base\n  A: 1\nMerged:\n  <<: *base\n  B: 2\nList: [&n 5, *n, 6]\n"
    root, _ = parse_template(source, "t.yaml")
    merged = at(root, "Merged")
    assert isinstance(merged, Mapping)
    assert [(e.key, e.key_span, e.value) for e in merged.entries] == [
        ("A", Span(2, 3, 2, 4), Scalar(1, Span(2, 6, 2, 7))),
        ("B", Span(5, 3, 5, 4), Scalar(2, Span(5, 6, 5, 7))),
    ]
    items = at(root, "List")
    assert isinstance(items, Sequence)
    assert [(i.value, i.span) for i in items.items if isinstance(i, Scalar)] == [
        (5, Span(6, 11, 6, 12)),
        (5, Span(6, 14, 6, 16)),
        (6, Span(6, 18, 6, 19)),
    ]


def test_empty_template() -> None:
    root, comments = parse_template("", "t.yaml")
    assert root == Mapping((), Span(1, 1, 1, 1))
    assert comments == ()


def test_tree_holds_plain_values_and_pickles(root: Mapping) -> None:
    key = root.entries[0]
    assert type(key.key) is str
    assert type(scalar(root, "Transform").value) is str
    assert pickle.loads(pickle.dumps(root)) == root


# JSON


@pytest.fixture(scope="module")
def key_stack() -> Mapping:
    parsed, comments = parse_template(KEY_STACK, "key-stack.template.json")
    assert comments == ()
    return parsed


def test_json_template_keys_values_and_elements(key_stack: Mapping) -> None:
    key = at(key_stack, "Resources", "AuditKey4A2B9C1D")
    assert isinstance(key, Mapping)
    assert key.span == Span(3, 25, 25, 6)
    assert [e.key for e in key.entries] == [
        "Type",
        "Properties",
        "UpdateReplacePolicy",
        "DeletionPolicy",
        "Metadata",
    ]
    assert key.entries[0].key_span == Span(4, 7, 4, 13)
    assert key.entries[0].value == Scalar("AWS::KMS::Key", Span(4, 15, 4, 30))
    properties = at(key, "Properties")
    assert scalar(properties, "EnableKeyRotation") == Scalar(False, Span(6, 30, 6, 35))
    assert scalar(properties, "PendingWindowInDays") == Scalar(7, Span(20, 32, 20, 33))
    statement = at(properties, "KeyPolicy", "Statement", 0)
    assert statement.span == Span(9, 13, 16, 14)
    assert scalar(statement, "Action") == Scalar("kms:*", Span(10, 25, 10, 32))
    join = at(statement, "Principal", "AWS", "Fn::Join", 1)
    assert isinstance(join, Sequence)
    assert [item.span for item in join.items] == [
        Span(13, 43, 13, 49),
        Span(13, 51, 13, 76),
        Span(13, 78, 13, 103),
    ]
    assert written(KEY_STACK, join.items[1].span) == '{"Ref": "AWS::Partition"}'


def test_json_is_recognised_by_content_as_well_as_name() -> None:
    root, _ = parse_template('  {"Resources": {}}', "stack.template")
    assert root.entries[0].key_span == Span(1, 4, 1, 15)


# Errors


@pytest.mark.parametrize(
    ("source", "message", "span"),
    [
        pytest.param(
            "Resources:\n  A:\n    Type: [a, b\n  B: 1\n",
            "did not find expected ',' or ']'",
            Span(4, 4, 4, 5),
            id="unclosed-flow-list",
        ),
        pytest.param(
            "Resources:\n  A:\n    Type: x\n   B: y\n",
            "did not find expected key",
            Span(4, 4, 4, 5),
            id="bad-indentation",
        ),
        pytest.param(
            "Resources:\n  A:\n    Type: x\n    Type: y\n",
            "Duplicate found 'Type' (line 4)",
            Span(4, 5, 4, 9),
            id="duplicate-key",
        ),
        pytest.param(
            "Resources:\n  A: *nope\n", "found undefined alias", Span(2, 6, 2, 7), id="alias"
        ),
        pytest.param(
            "A: 1\n---\nB: 2\n", "but found another document", Span(2, 1, 2, 2), id="two-docs"
        ),
        pytest.param(
            "A: !!python/object:os.system x\n",
            "could not determine a constructor",
            Span(1, 4, 1, 5),
            id="python-tag",
        ),
    ],
)
def test_malformed_yaml(source: str, message: str, span: Span) -> None:
    error = parse_error(source)
    assert type(error) is InputError
    assert error.message.startswith("cannot parse the template: ")
    assert message in error.message
    assert "<unicode string>" not in error.message
    assert error.span == span


@pytest.mark.parametrize(
    ("source", "message", "span"),
    [
        pytest.param("- a\n- b\n", "not a list", Span(1, 1, 2, 4), id="list"),
        pytest.param("just text\n", "not a single value", Span(1, 1, 1, 10), id="scalar"),
        pytest.param("A: !!binary aGk=\n", "type bytes", Span(1, 13, 1, 17), id="binary"),
    ],
)
def test_yaml_values_that_are_not_templates(source: str, message: str, span: Span) -> None:
    error = parse_error(source)
    assert message in error.message
    assert error.span == span


@pytest.mark.parametrize(
    ("source", "message", "span"),
    [
        pytest.param(
            '{\n  "Resources": {\n    "A": {"Type": "x"}\n    "B": {}\n  }\n}\n',
            "malformed JSON: expected ',' or '}' at line 4 column 5",
            Span(4, 5, 4, 6),
            id="missing-comma",
        ),
        pytest.param(
            '{\n  "Resources": {},\n  "Resources": {}\n}\n',
            "duplicate key 'Resources' (first at line 2)",
            Span(3, 3, 3, 14),
            id="duplicate-key",
        ),
        pytest.param(
            '{"Resources": {"A": {"Type": "x", "Type": "y"}}}',
            "duplicate key 'Type' (first at line 1)",
            Span(1, 35, 1, 41),
            id="nested-duplicate-key",
        ),
        pytest.param(
            '[{"Resources": {}}]',
            "a template must be a JSON object at the top level",
            Span(1, 1, 1, 20),
            id="list",
        ),
    ],
)
def test_malformed_json(source: str, message: str, span: Span) -> None:
    error = parse_error(source, "stack.json")
    assert type(error) is InputError
    assert error.message == message
    assert error.span == span


# Bounds


def alias_bomb(levels: int, refs: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * refs) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * refs) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    started = time.monotonic()
    error = parse_error(alias_bomb(9, 9))
    assert time.monotonic() - started < 2
    assert isinstance(error, LimitExceeded)
    assert "aliases are expanded" in error.message


def test_aliases_count_as_expanded_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = parse_template(alias_bomb(2, 9), "t.yaml")
    top = at(root, "a2")
    assert isinstance(top, Sequence)
    assert sum(len(inner.items) for inner in top.items if isinstance(inner, Sequence)) == 81
    monkeypatch.setattr(cloudformation, "MAX_NODES", 100)
    error = parse_error(alias_bomb(2, 9))
    assert isinstance(error, LimitExceeded)
    assert error.message == "template has more than 100 values once YAML aliases are expanded"


def test_many_aliases_in_a_large_template_are_refused_before_decoding() -> None:
    # cfn-lint's alias lookup would take seconds here: work grows with aliases times size.
    padding = "".join(f"P{i}: v\n" for i in range(6000))
    source = "A: &a x\n" + padding + "".join(f"K{i}: *a\n" for i in range(100))
    started = time.monotonic()
    error = parse_error(source)
    assert time.monotonic() - started < 1
    assert isinstance(error, LimitExceeded)
    assert (
        error.message == f"too many YAML aliases (100) for a template of {len(source)} characters"
    )
    assert error.span == Span(6002, 5, 6002, 6)


@pytest.mark.parametrize(
    ("depth", "message"),
    [
        (150, "template is nested deeper than 100 levels"),
        (600, "maximum recursion depth exceeded"),
        (2000, "exceeded maximum nesting depth"),
    ],
)
def test_deep_yaml_nesting_is_a_limit(depth: int, message: str) -> None:
    error = parse_error("A: " + "[" * depth + "]" * depth + "\n")
    assert isinstance(error, LimitExceeded)
    assert message in error.message


def test_deep_yaml_nesting_points_at_the_first_node_too_deep() -> None:
    error = parse_error("A: " + "[" * 150 + "]" * 150 + "\n")
    assert error.span == Span(1, 104, 1, 104)


def test_deep_json_nesting_is_a_limit() -> None:
    error = parse_error('{"A": ' + "[" * 150 + "]" * 150 + "}", "stack.json")
    assert isinstance(error, LimitExceeded)


def test_json_node_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cloudformation, "MAX_NODES", 5)
    error = parse_error('{"A": [1, 2, 3, 4, 5, 6]}', "stack.json")
    assert isinstance(error, LimitExceeded)
    assert error.message == "template has more than 5 values"
