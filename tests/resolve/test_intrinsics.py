"""CloudFormation intrinsics: every function known, unknown, across both branches, and bounded."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyguard.diagnostics import LimitExceeded
from policyguard.location import Span
from policyguard.model.values import Unresolved
from policyguard.parse.cloudformation import parse_template
from policyguard.parse.tree import Mapping, Node, Scalar, Sequence
from policyguard.resolve import intrinsics
from policyguard.resolve.intrinsics import TemplateResolver, either, render, split_scalar

BASE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
  Bucket: {Type: String}
  Names: {Type: CommaDelimitedList, Default: "alpha, beta"}
  Version: {Type: "AWS::SSM::Parameter::Value<String>", Default: /cdk/version}
  Count: {Type: Number, Default: 2}
Mappings:
  Regions:
    us-east-1: {Ami: ami-1, Zone: zone-a}
    eu-west-1: {Ami: ami-1, Zone: zone-b}
  Stages:
    prod: {Size: large}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  HasBucket: !Not [!Equals [!Ref Bucket, ""]]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
  ProdOrUs: !Or [!Condition IsProd, !Condition InUsEast]
  ProdAndUs: !And [!Condition IsProd, !Condition InUsEast]
  DevAndUs: !And [!Condition IsDev, !Condition InUsEast]
  LogsBucket: !Equals [!Sub "logs-${Bucket}", data]
  SameList: !Equals [!Ref Names, [alpha, beta]]
  Loop: !Condition Loop
Resources:
  Thing:
    Type: AWS::S3::Bucket
    Properties:
      Value: EXPRESSION
"""


def resolver_for(text: str) -> TemplateResolver:
    root, _ = parse_template(text, "template.yaml")
    return TemplateResolver(root, "template.yaml")


def value_node(resolver: TemplateResolver) -> Node:
    [thing] = [r for r in resolver.resources if r.logical_id == "Thing"]
    properties = resolver(thing.definition.get("Properties"))  # type: ignore[arg-type]
    assert isinstance(properties, Mapping)
    node = properties.get("Value")
    assert node is not None
    return node


def deep(resolver: TemplateResolver, node: Node) -> object:
    """A node fully resolved into Python values; ``Unresolved`` kept as it is."""
    value = resolver(node)
    if isinstance(value, Mapping):
        return {e.key: deep(resolver, e.value) for e in value.entries}
    if isinstance(value, Sequence):
        return [deep(resolver, item) for item in value.items]
    return value.value if isinstance(value, Scalar) else value


def evaluate(expression: str) -> object:
    resolver = resolver_for(BASE.replace("EXPRESSION", expression))
    return deep(resolver, value_node(resolver))


def parts(*pieces: str | None) -> tuple[str | None, ...]:
    return pieces


CASES = [
    # Ref
    ("ref-default", "!Ref Env", "prod"),
    ("ref-number", "!Ref Count", 2),
    ("ref-list", "!Ref Names", ["alpha", "beta"]),
    (
        "ref-no-default",
        "!Ref Bucket",
        Unresolved('{"Ref":"Bucket"}', "parameter Bucket has no default"),
    ),
    (
        "ref-ssm",
        "!Ref Version",
        Unresolved('{"Ref":"Version"}', "parameter Version is read from SSM at deployment"),
    ),
    ("ref-account", "!Ref AWS::AccountId", Unresolved("AWS::AccountId", "pseudo parameter")),
    ("ref-partition", "!Ref AWS::Partition", Unresolved("AWS::Partition", "pseudo parameter")),
    ("ref-stack", "!Ref AWS::StackName", Unresolved("AWS::StackName", "pseudo parameter")),
    (
        "ref-resource",
        "!Ref Thing",
        Unresolved(
            '{"Ref":"Thing"}', "resource Thing has a physical id known only after deployment"
        ),
    ),
    (
        "ref-undeclared",
        "!Ref Nope",
        Unresolved('{"Ref":"Nope"}', "Nope is neither a parameter nor a resource"),
    ),
    # Fn::GetAtt
    (
        "getatt-arn",
        "!GetAtt Thing.Arn",
        Unresolved(
            '{"Fn::GetAtt":["Thing","Arn"]}',
            "attribute Arn of resource Thing is known only after deployment",
            parts("arn:", None),
        ),
    ),
    (
        "getatt-long-form",
        '{"Fn::GetAtt": [Thing, DomainName]}',
        Unresolved(
            '{"Fn::GetAtt":["Thing","DomainName"]}',
            "attribute DomainName of resource Thing is known only after deployment",
        ),
    ),
    (
        "getatt-undeclared",
        "!GetAtt Nope.Arn",
        Unresolved('{"Fn::GetAtt":["Nope","Arn"]}', "Nope is not a resource of the template"),
    ),
    # Fn::Sub
    ("sub-literal", "!Sub plain", "plain"),
    ("sub-escape", '!Sub "${!Literal}-${Env}"', "${Literal}-prod"),
    (
        "sub-pseudo",
        '!Sub "arn:${AWS::Partition}:s3:::${Env}/*"',
        Unresolved(
            '{"Fn::Sub":"arn:${AWS::Partition}:s3:::${Env}/*"}',
            "Fn::Sub of values not resolved statically",
            parts("arn:", None, ":s3:::prod/*"),
        ),
    ),
    ("sub-variables", '!Sub ["${A}-${B}", {A: x, B: !Ref Env}]', "x-prod"),
    (
        "sub-attribute",
        '!Sub "${Thing.Arn}/*"',
        Unresolved(
            '{"Fn::Sub":"${Thing.Arn}/*"}',
            "Fn::Sub of values not resolved statically",
            parts("arn:", None, "/*"),
        ),
    ),
    # Fn::Join
    ("join-known", '!Join [":", [a, !Ref Env, 3]]', "a:prod:3"),
    (
        "join-unknown",
        '!Join [":", [a, !Ref Env, !Ref Bucket]]',
        Unresolved(
            '{"Fn::Join":[":",["a",{"Ref":"Env"},{"Ref":"Bucket"}]]}',
            "Fn::Join of values not resolved statically",
            parts("a:prod:", None),
        ),
    ),
    ("join-no-value", '!Join [",", [a, !Ref AWS::NoValue, b]]', "a,b"),
    ("join-list-parameter", '!Join ["+", !Ref Names]', "alpha+beta"),
    # Fn::Select, Fn::Split, Fn::Length
    ("select", "!Select [1, !Ref Names]", "beta"),
    ("select-index-string", '!Select ["0", [x, y]]', "x"),
    (
        "select-out-of-range",
        "!Select [5, [x]]",
        Unresolved('{"Fn::Select":[5,["x"]]}', "Fn::Select index 5 is out of range"),
    ),
    (
        "select-azs",
        '!Select [0, !GetAZs ""]',
        Unresolved(
            '{"Fn::Select":[0,{"Fn::GetAZs":""}]}',
            "Fn::Select from a list not resolved statically",
        ),
    ),
    ("split", '!Split [",", "a,b,c"]', ["a", "b", "c"]),
    ("split-then-select", '!Select [2, !Split ["/", "x/y/z"]]', "z"),
    (
        "split-unknown",
        '!Split [",", !Ref Bucket]',
        Unresolved(
            '{"Fn::Split":[",",{"Ref":"Bucket"}]}', "Fn::Split of a value not resolved statically"
        ),
    ),
    ("length", '{"Fn::Length": [a, b, c]}', 3),
    ("length-parameter", '{"Fn::Length": !Ref Names}', 2),
    # Fn::FindInMap
    ("findinmap", "!FindInMap [Stages, !Ref Env, Size]", "large"),
    ("findinmap-unknown-key-agrees", '!FindInMap [Regions, !Ref "AWS::Region", Ami]', "ami-1"),
    (
        "findinmap-unknown-key-differs",
        '!FindInMap [Regions, !Ref "AWS::Region", Zone]',
        Unresolved(
            '{"Fn::FindInMap":["Regions",{"Ref":"AWS::Region"},"Zone"]}',
            "depends on AWS::Region",
            parts("zone-", None),
        ),
    ),
    ("findinmap-default", "!FindInMap [Stages, dev, Size, {DefaultValue: small}]", "small"),
    (
        "findinmap-missing",
        "!FindInMap [Stages, dev, Size]",
        Unresolved('{"Fn::FindInMap":["Stages","dev","Size"]}', "mapping Stages has no such keys"),
    ),
    # Fn::If
    ("if-true", "!If [IsProd, a, b]", "a"),
    ("if-false", "!If [IsDev, a, b]", "b"),
    ("if-unknown-agree", "!If [HasBucket, same, same]", "same"),
    (
        "if-unknown-strings",
        '!If [HasBucket, "arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]',
        Unresolved(
            '{"Fn::If":["HasBucket","arn:aws:s3:::a/*","arn:aws:s3:::b/*"]}',
            "depends on condition HasBucket",
            parts("arn:aws:s3:::", None, "/*"),
        ),
    ),
    (
        "if-unknown-mappings",
        '!If [HasBucket, {Effect: Allow, Action: "s3:GetObject"}, {Action: "s3:*", Effect: Allow}]',
        {
            "Effect": "Allow",
            "Action": Unresolved(
                '{"Fn::If":["HasBucket","s3:GetObject","s3:*"]}',
                "depends on condition HasBucket",
                parts("s3:", None),
            ),
        },
    ),
    (
        "if-unknown-lists",
        "!If [HasBucket, [a, b1], [a, b2]]",
        [
            "a",
            Unresolved(
                '{"Fn::If":["HasBucket","b1","b2"]}',
                "depends on condition HasBucket",
                parts("b", None),
            ),
        ],
    ),
    (
        "if-unknown-shapes",
        "!If [HasBucket, [a], [a, b]]",
        Unresolved('{"Fn::If":["HasBucket",["a"],["a","b"]]}', "depends on condition HasBucket"),
    ),
    (
        "if-unknown-no-value",
        "!If [HasBucket, x, !Ref AWS::NoValue]",
        Unresolved(
            '{"Fn::If":["HasBucket","x",{"Ref":"AWS::NoValue"}]}', "depends on condition HasBucket"
        ),
    ),
    ("if-no-value-in-list", "[a, !If [IsProd, !Ref AWS::NoValue, b], c]", ["a", "c"]),
    ("if-nested", "!If [IsDev, a, !If [ProdOrUs, b, c]]", "b"),
    # condition functions as values
    ("equals-as-value", "!Equals [!Ref Env, prod]", True),
    # computed and opaque functions
    ("base64", "!Base64 abc", "YWJj"),
    (
        "base64-unknown",
        "!Base64 {Ref: Bucket}",
        Unresolved(
            '{"Fn::Base64":{"Ref":"Bucket"}}', "Fn::Base64 of a value not resolved statically"
        ),
    ),
    ("cidr", '!Cidr ["10.0.0.0/16", 2, 8]', ["10.0.0.0/24", "10.0.1.0/24"]),
    (
        "cidr-too-many",
        '!Cidr ["10.0.0.0/24", 3, 7]',
        Unresolved('{"Fn::Cidr":["10.0.0.0/24",3,7]}', "Fn::Cidr cannot make 3 blocks"),
    ),
    (
        "getazs",
        '!GetAZs ""',
        Unresolved('{"Fn::GetAZs":""}', "the availability zones are known only at deployment"),
    ),
    (
        "importvalue",
        "!ImportValue shared",
        Unresolved('{"Fn::ImportValue":"shared"}', "Fn::ImportValue is not resolved statically"),
    ),
    (
        "transform",
        '{"Fn::Transform": {Name: "AWS::Include"}}',
        Unresolved(
            '{"Fn::Transform":{"Name":"AWS::Include"}}', "Fn::Transform runs a macro at deployment"
        ),
    ),
    (
        "unknown-function",
        '{"Fn::Nope": x}',
        Unresolved('{"Fn::Nope":"x"}', "Fn::Nope is not resolved statically"),
    ),
    (
        "tojsonstring",
        '{"Fn::ToJsonString": {Statement: [{Effect: Allow, Resource: !Ref Env}]}}',
        {"Statement": [{"Effect": "Allow", "Resource": "prod"}]},
    ),
]


@pytest.mark.parametrize(
    ("expression", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_intrinsic(expression: str, expected: object) -> None:
    assert evaluate(expression) == expected


CONDITIONS = [
    ("IsProd", True),
    ("IsDev", False),
    ("HasBucket", None),
    ("InUsEast", None),
    ("ProdOrUs", True),
    ("ProdAndUs", None),
    ("DevAndUs", False),
    ("LogsBucket", False),
    ("SameList", True),
    ("Loop", None),
    ("Undeclared", None),
]


@pytest.mark.parametrize(("name", "expected"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_condition(name: str, expected: bool | None) -> None:
    assert resolver_for(BASE.replace("EXPRESSION", "x")).condition(name) is expected


def test_parameter_default_keeps_its_span() -> None:
    resolver = resolver_for(BASE.replace("EXPRESSION", "!Ref Env"))
    value = resolver(value_node(resolver))
    assert value == Scalar("prod", Span(3, 32, 3, 36), value.origin)  # type: ignore[union-attr]


def test_list_parameter_members_have_their_own_spans() -> None:
    resolver = resolver_for(BASE.replace("EXPRESSION", "!Ref Names"))
    members = resolver(value_node(resolver))
    assert isinstance(members, Sequence)
    assert [(m.value, m.span) for m in members.items] == [  # type: ignore[union-attr]
        ("alpha", Span(5, 47, 5, 52)),
        ("beta", Span(5, 54, 5, 58)),
    ]


def test_select_of_a_default_points_at_the_member() -> None:
    resolver = resolver_for(BASE.replace("EXPRESSION", "!Select [1, !Ref Names]"))
    assert resolver(value_node(resolver)).span == Span(5, 54, 5, 58)  # type: ignore[union-attr]


def test_no_value_removes_the_property() -> None:
    text = BASE.replace("EXPRESSION", "!Ref AWS::NoValue")
    resolver = resolver_for(text)
    [thing] = resolver.resources
    properties = resolver(thing.definition.get("Properties"))  # type: ignore[arg-type]
    assert isinstance(properties, Mapping)
    assert properties.get("Value") is None
    raw = thing.definition.get("Properties")
    assert isinstance(raw, Mapping)
    value = raw.get("Value")
    assert value is not None
    assert resolver.absent(value)
    assert resolver(value) == Unresolved(
        '{"Ref":"AWS::NoValue"}', "AWS::NoValue removes this value"
    )


SUB_JSON = """\
Resources:
  Thing:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Value: !Sub |
        {"Statement": [{"Effect": "Allow",
          "Resource": "arn:${AWS::Partition}:s3:::${Bucket}/*",
          "Condition": {"StringEquals": {"aws:ResourceTag/${Tag}": "${Tag}"}}}]}
Parameters:
  Bucket: {Type: String, Default: data}
  Tag: {Type: String, Default: team}
"""


def test_sub_of_a_json_text_is_read_as_its_structure() -> None:
    resolver = resolver_for(SUB_JSON)
    document = value_node(resolver)
    assert deep(resolver, document) == {
        "Statement": [
            {
                "Effect": "Allow",
                "Resource": Unresolved(
                    '{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::",{"Ref":"Bucket"},"/*"]]}',
                    "Fn::Join of values not resolved statically",
                    parts("arn:", None, ":s3:::data/*"),
                ),
                "Condition": {"StringEquals": {"aws:ResourceTag/team": "team"}},
            }
        ]
    }
    statement = resolver(resolver(resolver(document).get("Statement")).items[0])  # type: ignore[union-attr, arg-type]
    assert isinstance(statement, Mapping)
    effect, resource = statement.get("Effect"), statement.get("Resource")
    assert effect is not None and resource is not None
    assert effect.span == Span(6, 35, 6, 42)
    assert resource.span == Span(7, 23, 7, 63)


def test_sub_of_json_with_a_variable_outside_strings_stays_a_string() -> None:
    text = SUB_JSON.replace('"${Tag}"}}', "${Tag}}}")
    resolver = resolver_for(text)
    value = resolver(value_node(resolver))
    assert isinstance(value, Unresolved)
    assert value.parts[1] is None
    assert value.parts[2] is not None and '"aws:ResourceTag/team": team}' in value.parts[2]
    known = resolver_for(text.replace("${AWS::Partition}", "aws"))
    text_value = known(value_node(known))
    assert isinstance(text_value, Scalar) and isinstance(text_value.value, str)
    assert '"arn:aws:s3:::data/*"' in text_value.value


def test_either_keeps_common_prefix_and_suffix() -> None:
    assert either("e", "r", ["abc", "abc"]) == "abc"
    assert either("e", "r", ["ab", "abb"]) == Unresolved("e", "r", parts("ab", None))
    unknown = Unresolved("x", "y", parts("arn:aws:s3:::", None, "/*"))
    assert either("e", "r", ["arn:aws:s3:::b/*", unknown]) == Unresolved(
        "e", "r", parts("arn:aws:s3:::", None, "/*")
    )


def test_split_scalar_locates_json_members() -> None:
    scalar = Scalar("a, b", Span(1, 10, 1, 16))
    members = split_scalar(scalar, ",", trim=True)
    assert [(m.value, m.span) for m in members.items] == [  # type: ignore[union-attr]
        ("a", Span(1, 11, 1, 12)),
        ("b", Span(1, 14, 1, 15)),
    ]


# --- Fn::ForEach ----------------------------------------------------------------------------

FOR_EACH = """\
Transform: AWS::LanguageExtensions
Parameters:
  Teams: {Type: CommaDelimitedList, Default: "data-science,web"}
Conditions:
  Fn::ForEach::Stages:
    - Stage
    - [Dev, Prod]
    - Is${Stage}: !Equals [!Ref "AWS::Region", !Ref Stage]
Resources:
  Fn::ForEach::Teams:
    - Team
    - !Ref Teams
    - Bucket&{Team}:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub "acme-${Team}"
          Owner: !Ref Team
          Fn::ForEach::Tags:
            - Key
            - [a, b]
            - Tag${Key}: "${Team}-${Key}"
  Plain:
    Type: AWS::SNS::Topic
"""


def test_for_each_expands_resources_properties_and_conditions() -> None:
    resolver = resolver_for(FOR_EACH)
    assert [(r.logical_id, r.key_span) for r in resolver.resources] == [
        ("Bucketdatascience", Span(13, 7, 13, 20)),
        ("Bucketweb", Span(13, 7, 13, 20)),
        ("Plain", Span(22, 3, 22, 8)),
    ]
    bucket = resolver.resources[0].definition.get("Properties")
    assert bucket is not None
    assert deep(resolver, bucket) == {
        "BucketName": "acme-data-science",
        "Owner": "data-science",
        "Taga": "data-science-a",
        "Tagb": "data-science-b",
    }
    owner = resolver(bucket).get("Owner")  # type: ignore[union-attr]
    assert owner == Scalar("data-science", Span(3, 47, 3, 59))
    assert resolver.condition("IsDev") is None
    assert resolver.resource_type("Bucketweb") == "AWS::S3::Bucket"
    assert resolver.diagnostics == []


def test_for_each_over_an_unresolved_collection_is_a_note() -> None:
    text = FOR_EACH.replace('Default: "data-science,web"', "Description: none")
    resolver = resolver_for(text)
    assert [r.logical_id for r in resolver.resources] == ["Plain"]
    [note] = resolver.diagnostics
    assert note.id.value == "PG-004" and note.level.value == "note"
    assert note.span == Span(10, 3, 10, 21)
    assert "Fn::ForEach::Teams is not expanded" in note.message
    assert "parameter Teams has no default" in note.message


def test_for_each_copies_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("policyguard.resolve.intrinsics.foreach.MAX_LOOP_COPIES", 3)
    with pytest.raises(LimitExceeded, match="more than 3 copies") as error:
        resolver_for(FOR_EACH)
    assert error.value.span == Span(18, 11, 18, 28)


def test_for_each_copied_nodes_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("policyguard.resolve.intrinsics.foreach.MAX_LOOP_NODES", 10)
    with pytest.raises(LimitExceeded, match="copy more than 10 values"):
        resolver_for(FOR_EACH)


def test_for_each_nesting_is_bounded() -> None:
    text = "Resources:\n"
    indent = "  "
    for level in range(intrinsics.MAX_LOOP_NESTING + 1):
        text += f"{indent}Fn::ForEach::L{level}:\n"
        text += f"{indent}  - I{level}\n{indent}  - [x]\n{indent}  -\n"
        indent += "    "
    text += f"{indent}R${{I0}}: {{Type: AWS::SNS::Topic}}\n"
    with pytest.raises(LimitExceeded, match="nested deeper than 5"):
        resolver_for(text)
    shallow = text.replace("Fn::ForEach::L5", "Plain")
    assert resolver_for(shallow).resources == ()


# --- evaluation bounds ----------------------------------------------------------------------


def nested_calls(levels: int) -> str:
    expression = "x"
    for _ in range(levels):
        expression = '{"Fn::ToJsonString": ' + expression + "}"
    return expression


def test_nesting_is_bounded() -> None:
    assert isinstance(evaluate(nested_calls(intrinsics.MAX_NESTING - 1)), str)
    resolver = resolver_for(BASE.replace("EXPRESSION", nested_calls(intrinsics.MAX_NESTING + 1)))
    node = value_node(resolver)
    innermost = node
    for _ in range(intrinsics.MAX_NESTING):
        assert isinstance(innermost, Mapping)
        innermost = innermost.entries[0].value
    assert resolver(node) == Unresolved(
        render(innermost), f"intrinsic functions nested deeper than {intrinsics.MAX_NESTING} levels"
    )


def test_computed_strings_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("policyguard.resolve.intrinsics.strings.MAX_STRING", 10)
    value = evaluate('!Join ["", [abcdef, !Ref Env, !Ref Env]]')
    assert value == Unresolved(
        '{"Fn::Join":["",["abcdef",{"Ref":"Env"},{"Ref":"Env"}]]}',
        "the computed string is longer than 10 characters",
    )


def test_render_names_the_call() -> None:
    resolver = resolver_for(BASE.replace("EXPRESSION", '!Sub ["${A}", {A: !Ref Env}]'))
    assert render(value_node(resolver)) == '{"Fn::Sub":["${A}",{"A":{"Ref":"Env"}}]}'


# --- robustness -----------------------------------------------------------------------------

_FUNCTION_NAMES = [*sorted(intrinsics.FUNCTIONS), "Condition", "Fn::ForEach::X", "Fn::Odd"]
_LEAVES = st.one_of(
    st.sampled_from(["Env", "Bucket", "Names", "IsProd", "HasBucket", "Thing", "AWS::NoValue"]),
    st.sampled_from(["", ",", "${Env}", "${!x}", "${Thing.Arn}", '{"a": "${Env}"}', "10.0.0.0/16"]),
    st.integers(-2, 4),
    st.booleans(),
    st.none(),
)
_VALUES = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(_FUNCTION_NAMES), children, min_size=1, max_size=1),
        st.dictionaries(st.sampled_from(["Statement", "Effect", "Ref"]), children, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_any_expression_resolves_without_raising(value: object) -> None:
    resolver = resolver_for(BASE.replace("EXPRESSION", json.dumps(value)))
    [thing] = [r for r in resolver.resources if r.logical_id == "Thing"]
    properties = thing.definition.get("Properties")
    assert isinstance(properties, Mapping)
    raw = properties.get("Value")
    assert raw is not None
    result = deep(resolver, raw)
    assert result is None or isinstance(result, str | int | float | bool | list | dict | Unresolved)


def test_condition_loop_over_a_conditional_list_is_expanded() -> None:
    from policyguard.parse.cloudformation import parse_template
    from policyguard.resolve.intrinsics import TemplateResolver

    root, _ = parse_template(
        "AWSTemplateFormatVersion: '2010-09-09'\n"
        "Transform: AWS::LanguageExtensions\n"
        "Parameters:\n  Env:\n    Type: String\n    Default: prod\n"
        "Conditions:\n"
        "  IsProd: !Equals [!Ref Env, prod]\n"
        "  Fn::ForEach::Envs:\n"
        "    - E\n"
        "    - !If [IsProd, [a, b], [c]]\n"
        "    - Is${E}:\n        !Equals [!Ref Env, !Ref E]\n"
        "Resources:\n  Key:\n    Type: AWS::KMS::Key\n",
        "t.yaml",
    )
    resolver = TemplateResolver(root, "t.yaml")
    assert resolver.condition("IsProd") is True
    assert resolver.condition("Isa") is False
    assert resolver.condition("Isc") is None
