"""Three-valued evaluation of condition tests.

Policies and requests follow the IAM User Guide ("IAM JSON policy elements: Condition
operators", "Condition", "Multivalued context key examples", "Allows access based on date and
time") unless a comment says otherwise.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyguard.iam.conditions import (
    OPERATORS,
    Context,
    KeyState,
    SetQualifier,
    ValueType,
    evaluate_condition,
    evaluate_conditions,
    evaluate_statement_conditions,
    known_operator,
    operator_value_type,
    parse_operator,
    value_has_type,
)
from policyguard.iam.tristate import Tri, all_, any_, either
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import Condition, Effect, Statement
from policyguard.model.values import Located, Unresolved

T, F, U = Tri.TRUE, Tri.FALSE, Tri.UNKNOWN
HERE = SourceLocation("policy.json", Span.line_of(1))

Value = str | Unresolved
Request = str | Sequence[str] | None
"""A request's values for the key: ``None`` is a request without the key."""


def condition(operator: str, key: str, values: Value | Sequence[Value]) -> Condition:
    items = (values,) if isinstance(values, str | Unresolved) else tuple(values)
    return Condition(operator, key, tuple(Located(item, HERE) for item in items), HERE)


def request(key: str, values: Request, **others: str) -> Context:
    """A complete request context: exactly ``key`` (unless ``None``) and ``others``."""
    given_values: dict[str, str | Sequence[str]] = dict(others)
    if values is not None:
        given_values[key] = values
    return Context(given_values, complete=True)


def check(operator: str, key: str, values: Value | Sequence[Value], req: Request) -> Tri:
    return evaluate_condition(condition(operator, key, values), request(key, req))


def unresolved(*parts: str | None) -> Unresolved:
    return Unresolved.of_parts("var.x", "test", parts)


# --- operators ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("StringEquals", True),
        ("stringequals", True),
        ("StringLikeIfExists", True),
        ("ForAnyValue:StringLike", True),
        ("ForAllValues:StringNotEqualsIfExists", True),
        ("forallvalues:arnlike", True),
        ("NumericGreaterThanEqualsIfExists", True),
        ("DateLessThanEquals", True),
        ("BinaryEquals", True),
        ("NotIpAddressIfExists", True),
        ("Null", True),
        ("BoolIfExists", True),
        ("NullIfExists", False),
        ("ForAllValues:Null", False),
        ("StringEqualsIfExist", False),
        ("IfExists", False),
        ("StringMatches", False),
        ("ForSomeValues:StringEquals", False),
        ("ForAllValues:ForAnyValue:StringEquals", False),
        ("BinaryNotEquals", False),
        ("", False),
    ],
)
def test_known_operator(name: str, known: bool) -> None:
    assert known_operator(name) is known


def test_parse_operator() -> None:
    operator = parse_operator("forAnyValue:stringNOTlikeifexists")
    assert operator is not None
    assert operator.name == "ForAnyValue:StringNotLikeIfExists"
    assert (operator.base, operator.positive) == ("StringNotLike", "StringLike")
    assert operator.negated and operator.if_exists
    assert operator.qualifier is SetQualifier.FOR_ANY_VALUE
    assert operator.value_type is ValueType.STRING
    assert len(OPERATORS) == 27


@pytest.mark.parametrize(
    ("name", "value_type"),
    [
        ("StringNotEqualsIgnoreCase", ValueType.STRING),
        ("ForAllValues:StringLike", ValueType.STRING),
        ("NumericLessThanIfExists", ValueType.NUMERIC),
        ("DateGreaterThan", ValueType.DATE),
        ("Bool", ValueType.BOOL),
        ("BinaryEquals", ValueType.BINARY),
        ("NotIpAddress", ValueType.IP),
        ("ArnNotLike", ValueType.ARN),
        ("Null", ValueType.NULL),
        ("Nonsense", None),
    ],
)
def test_operator_value_type(name: str, value_type: ValueType | None) -> None:
    assert operator_value_type(name) is value_type


@pytest.mark.parametrize(
    ("value", "value_type", "valid"),
    [
        ("anything at all", ValueType.STRING, True),
        ("10", ValueType.NUMERIC, True),
        ("-2.5", ValueType.NUMERIC, True),
        ("abc", ValueType.NUMERIC, False),
        ("1e3", ValueType.NUMERIC, False),
        ("${aws:MultiFactorAuthAge}", ValueType.NUMERIC, False),
        ("2020-04-01T00:00:00Z", ValueType.DATE, True),
        ("2020-04-01", ValueType.DATE, True),
        ("2020-04-01T00:00+02:00", ValueType.DATE, True),
        ("2020-04-01T00:00:00.123Z", ValueType.DATE, True),
        ("1585699200", ValueType.DATE, True),
        ("2020-02-30", ValueType.DATE, False),
        ("April 1st", ValueType.DATE, False),
        ("true", ValueType.BOOL, True),
        ("FALSE", ValueType.BOOL, True),
        ("yes", ValueType.BOOL, False),
        ("${aws:SecureTransport}", ValueType.BOOL, True),
        ("QmluYXJ5VmFsdWVJbkJhc2U2NA==", ValueType.BINARY, True),
        ("not base64!", ValueType.BINARY, False),
        ("203.0.113.0/24", ValueType.IP, True),
        ("203.0.113.7", ValueType.IP, True),
        ("2001:DB8:1234:5678::/64", ValueType.IP, True),
        ("203.0.113.0/33", ValueType.IP, False),
        ("localhost", ValueType.IP, False),
        ("arn:aws:iam::*:role/*", ValueType.ARN, True),
        ("arn:aws:iam::*", ValueType.ARN, False),
        ("arn:aws:iam::${aws:PrincipalAccount}", ValueType.ARN, True),
        ("true", ValueType.NULL, True),
        ("maybe", ValueType.NULL, False),
    ],
)
def test_value_has_type(value: str, value_type: ValueType, valid: bool) -> None:
    assert value_has_type(value, value_type) is valid


# --- the context -------------------------------------------------------------------------------


def test_context_states() -> None:
    context = Context(
        {"aws:SourceIP": "203.0.113.5", "aws:TagKeys": ["a", "b"], "aws:Empty": []},
        absent={"aws:TokenIssueTime"},
        present={"aws:PrincipalArn", "aws:SourceIp"},
    )
    # Key names are case-insensitive: aws:SourceIP is AWS:SourceIp.
    assert context.lookup("AWS:SourceIp") == (KeyState.PRESENT, ("203.0.113.5",))
    assert context.lookup("aws:tagkeys") == (KeyState.PRESENT, ("a", "b"))
    assert context.lookup("aws:Empty") == (KeyState.ABSENT, None)
    assert context.lookup("aws:TokenIssueTime") == (KeyState.ABSENT, None)
    assert context.lookup("aws:PrincipalArn") == (KeyState.PRESENT, None)
    assert context.lookup("aws:username") == (KeyState.UNKNOWN, None)
    assert Context(complete=True).lookup("aws:username") == (KeyState.ABSENT, None)


def test_context_is_a_value() -> None:
    first = Context({"a": "1"}, absent={"b"})
    second = Context({"A": ("1",)}, absent=["B"])
    assert first == second
    assert hash(first) == hash(second)
    with pytest.raises(ValueError, match="both absent and given"):
        Context({"a": "1"}, absent={"A"})


def test_context_variables() -> None:
    variables = Context(
        {"aws:username": "bob", "aws:TagKeys": ["a", "b"]}, absent={"aws:TokenIssueTime"}
    ).variables()
    assert variables["AWS:UserName"] == "bob"
    assert variables["aws:TagKeys"] is None  # multivalued keys cannot be variables
    assert variables["aws:TokenIssueTime"] is None
    assert "aws:PrincipalTag/team" not in variables
    assert sorted(variables) == ["aws:tagkeys", "aws:tokenissuetime", "aws:username"]
    assert len(variables) == 3


# --- each operator family ----------------------------------------------------------------------

CASES: list[tuple[str, str, Value | Sequence[Value], Request, Tri]] = [
    # String: exact and case-sensitive; IgnoreCase; negation; a missing key.
    ("StringEquals", "aws:username", "john", "john", T),
    ("StringEquals", "aws:username", "john", "John", F),
    ("StringEquals", "aws:username", "john", None, F),
    ("StringEqualsIgnoreCase", "aws:username", "john", "John", T),
    ("StringEqualsIgnoreCase", "aws:username", "john", "Jon", F),
    ("StringNotEquals", "aws:username", "john", "John", T),
    ("StringNotEquals", "aws:username", "john", "john", F),
    ("StringNotEquals", "aws:username", "john", None, T),
    ("StringNotEqualsIgnoreCase", "aws:username", "john", "JOHN", F),
    ("StringNotEqualsIgnoreCase", "aws:username", "john", "jane", T),
    # Several policy values: any of them.
    (
        "StringEquals",
        "aws:PrincipalTag/job-category",
        ["iamuser-admin", "iamuser-x"],
        "iamuser-x",
        T,
    ),
    ("StringEquals", "aws:PrincipalTag/job-category", ["iamuser-admin", "iamuser-x"], "other", F),
    ("StringNotEquals", "aws:PrincipalTag/job-category", ["a", "b"], "b", F),
    ("StringNotEquals", "aws:PrincipalTag/job-category", ["a", "b"], "c", T),
    # StringLike: "*" and "?" anywhere; case-sensitive.
    ("StringLike", "s3:prefix", ["", "home/", "home/bob/*"], "home/bob/docs/a.txt", T),
    ("StringLike", "s3:prefix", ["", "home/", "home/bob/*"], "home/", T),
    ("StringLike", "s3:prefix", ["", "home/", "home/bob/*"], "home/alice/a.txt", F),
    ("StringLike", "s3:prefix", "home/?ob/*", "home/rob/x", T),
    ("StringLike", "s3:prefix", "home/?ob/*", "home/Bob/x", T),
    ("StringLike", "s3:prefix", "home/?ob/*", "home/bob", F),
    ("StringLike", "aws:RequestTag/project", "*", "", T),
    ("StringLike", "aws:RequestTag/project", "*", None, F),
    ("StringLike", "s3:prefix", "Home/*", "home/x", F),
    ("StringLike", "s3:prefix", "a${*}b", "a*b", T),
    ("StringLike", "s3:prefix", "a${*}b", "axb", F),
    ("StringNotLike", "s3:prefix", "home/*", "home/x", F),
    ("StringNotLike", "s3:prefix", "home/*", "public/x", T),
    ("StringNotLike", "s3:prefix", "home/*", None, T),
    # Numeric.
    ("NumericLessThanEquals", "s3:max-keys", "10", "10", T),
    ("NumericLessThanEquals", "s3:max-keys", "10", "11", F),
    ("NumericLessThan", "s3:max-keys", "10", "10", F),
    ("NumericLessThan", "s3:max-keys", "10", "9.5", T),
    ("NumericGreaterThan", "aws:MultiFactorAuthAge", "3600", "3601", T),
    ("NumericGreaterThan", "aws:MultiFactorAuthAge", "3600", "3600", F),
    ("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", "3600", "3600", T),
    ("NumericEquals", "s3:max-keys", "10", "10.0", T),
    ("NumericEquals", "s3:max-keys", "10", "11", F),
    ("NumericNotEquals", "s3:max-keys", "10", "11", T),
    ("NumericNotEquals", "s3:max-keys", "10", "10", F),
    ("NumericNotEquals", "s3:max-keys", "10", None, T),
    ("NumericLessThan", "s3:max-keys", "10", None, F),
    # A value that is no number matches nothing (so its negation holds).
    ("NumericLessThan", "s3:max-keys", "abc", "1", F),
    ("NumericNotEquals", "s3:max-keys", "abc", "1", T),
    ("NumericLessThan", "s3:max-keys", "10", "many", F),
    # Date: ISO 8601 or epoch seconds, compared as instants.
    ("DateGreaterThan", "aws:CurrentTime", "2020-04-01T00:00:00Z", "2020-05-01T12:00:00Z", T),
    ("DateGreaterThan", "aws:CurrentTime", "2020-04-01T00:00:00Z", "2020-03-31T23:59:59Z", F),
    ("DateGreaterThan", "aws:CurrentTime", "2020-04-01T00:00:00Z", "2020-04-01T00:00:00Z", F),
    ("DateGreaterThanEquals", "aws:CurrentTime", "2020-04-01T00:00:00Z", "2020-04-01T00:00:00Z", T),
    ("DateLessThan", "aws:TokenIssueTime", "2020-01-01T00:00:01Z", "2019-12-31T23:00:00Z", T),
    ("DateLessThanEquals", "aws:TokenIssueTime", "2020-01-01T00:00:01Z", "2020-01-01T00:00:02Z", F),
    ("DateEquals", "aws:CurrentTime", "2020-04-01T00:00:00Z", "1585699200", T),
    ("DateEquals", "aws:CurrentTime", "1585699200", "2020-04-01T02:00:00+02:00", T),
    ("DateEquals", "aws:CurrentTime", "2020-04-01", "2020-04-01T00:00:00Z", T),
    ("DateEquals", "aws:CurrentTime", "2020-04-01T00:00:00.5Z", "1585699200.5", T),
    ("DateNotEquals", "aws:CurrentTime", "2020-04-01", "2020-04-02", T),
    ("DateNotEquals", "aws:CurrentTime", "2020-04-01", None, T),
    ("DateLessThan", "aws:CurrentTime", "${aws:EpochTime}", "1", F),
    # Bool.
    ("Bool", "aws:SecureTransport", "false", "false", T),
    ("Bool", "aws:SecureTransport", "false", "true", F),
    ("Bool", "aws:SecureTransport", "false", None, F),
    ("Bool", "aws:MultiFactorAuthPresent", "true", "True", T),
    ("BoolIfExists", "aws:MultiFactorAuthPresent", "false", None, T),
    ("BoolIfExists", "aws:MultiFactorAuthPresent", "false", "true", F),
    # Binary: base64 compared byte for byte.
    ("BinaryEquals", "key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", T),
    ("BinaryEquals", "key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QmluYXJ5VmFsdWU=", F),
    ("BinaryEquals", "key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", None, F),
    # IP addresses: IPv4 and IPv6 ranges, a bare address.
    ("IpAddress", "aws:SourceIp", "203.0.113.0/24", "203.0.113.5", T),
    ("IpAddress", "aws:SourceIp", "203.0.113.0/24", "198.51.100.1", F),
    ("IpAddress", "aws:SourceIp", "203.0.113.7", "203.0.113.7", T),
    ("IpAddress", "aws:SourceIp", "203.0.113.7", "203.0.113.8", F),
    (
        "IpAddress",
        "aws:SourceIp",
        ["203.0.113.0/24", "2001:DB8:1234:5678::/64"],
        "2001:db8:1234:5678::1",
        T,
    ),
    (
        "IpAddress",
        "aws:SourceIp",
        ["203.0.113.0/24", "2001:DB8:1234:5678::/64"],
        "2001:db8:1234:5679::1",
        F,
    ),
    ("IpAddress", "aws:SourceIp", "0.0.0.0/0", "2001:db8::1", F),
    ("IpAddress", "aws:SourceIp", "::/0", "2001:db8::1", T),
    ("IpAddress", "aws:SourceIp", "203.0.113.0/24", "vpc-endpoint", F),
    ("IpAddress", "aws:SourceIp", "203.0.113.0/24", None, F),
    ("NotIpAddress", "aws:SourceIp", ["192.0.2.0/24", "203.0.113.0/24"], "203.0.113.5", F),
    ("NotIpAddress", "aws:SourceIp", ["192.0.2.0/24", "203.0.113.0/24"], "198.51.100.1", T),
    ("NotIpAddress", "aws:SourceIp", "192.0.2.0/24", None, T),
    # ARNs: component by component, case-sensitive.
    (
        "ArnLike",
        "aws:SourceArn",
        "arn:aws:sns:us-east-2:123456789012:TOPIC-ID",
        "arn:aws:sns:us-east-2:123456789012:TOPIC-ID",
        T,
    ),
    (
        "ArnLike",
        "aws:SourceArn",
        "arn:aws:sns:us-east-2:123456789012:TOPIC-ID",
        "arn:aws:sns:us-east-2:123456789012:topic-id",
        F,
    ),
    (
        "ArnEquals",
        "aws:PrincipalArn",
        ["arn:aws:iam::*:role/*", "arn:aws:ec2:*:*:instance/i-?????"],
        "arn:aws:iam::123456789012:role/AdminRole",
        T,
    ),
    (
        "ArnEquals",
        "aws:PrincipalArn",
        ["arn:aws:iam::*:role/*", "arn:aws:ec2:*:*:instance/i-?????"],
        "arn:aws:ec2:us-east-1:123456789012:instance/i-12345",
        T,
    ),
    (
        "ArnEquals",
        "aws:PrincipalArn",
        ["arn:aws:iam::*:role/*", "arn:aws:ec2:*:*:instance/i-?????"],
        "arn:aws:iam::123456789012:user/User",
        F,
    ),
    ("ArnLike", "aws:SourceArn", "arn:aws:s3:::*", "arn:aws:s3:::bucket/key:with:colons", T),
    ("ArnLike", "aws:SourceArn", "arn:aws:iam::*", "arn:aws:iam::123456789012:role/x", F),
    ("ArnLike", "aws:SourceArn", "arn:aws:iam::*:role/*", None, F),
    (
        "ArnNotLike",
        "aws:PrincipalArn",
        "arn:aws:iam::*:role/Admin*",
        "arn:aws:iam::123456789012:role/AdminRole",
        F,
    ),
    (
        "ArnNotLike",
        "aws:PrincipalArn",
        "arn:aws:iam::*:role/Admin*",
        "arn:aws:iam::123456789012:role/Dev",
        T,
    ),
    ("ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::*:role/*", None, T),
    # Null: presence of the key.
    ("Null", "aws:TokenIssueTime", "true", None, T),
    ("Null", "aws:TokenIssueTime", "true", "2011-05-03T00:00:00Z", F),
    ("Null", "aws:TokenIssueTime", "false", None, F),
    ("Null", "aws:TokenIssueTime", "false", "2011-05-03T00:00:00Z", T),
    ("Null", "aws:TokenIssueTime", "FALSE", "2011-05-03T00:00:00Z", T),
    ("Null", "aws:TokenIssueTime", "maybe", None, F),
    ("Null", "aws:RequestTag/env", "true", [], T),
    # IfExists: true when the key is absent, the operator otherwise.
    ("StringLikeIfExists", "ec2:InstanceType", ["t1.*", "t2.*", "m3.*"], None, T),
    ("StringLikeIfExists", "ec2:InstanceType", ["t1.*", "t2.*", "m3.*"], "t2.micro", T),
    ("StringLikeIfExists", "ec2:InstanceType", ["t1.*", "t2.*", "m3.*"], "m4.large", F),
    ("StringNotEqualsIfExists", "aws:username", "john", None, T),
    ("StringNotEqualsIfExists", "aws:username", "john", "john", F),
    ("NumericLessThanIfExists", "s3:max-keys", "10", None, T),
    ("DateLessThanIfExists", "aws:CurrentTime", "2020-01-01", None, T),
    ("IpAddressIfExists", "aws:SourceIp", "203.0.113.0/24", None, T),
    ("ArnLikeIfExists", "aws:SourceArn", "arn:aws:iam::*:role/*", None, T),
    ("BinaryEqualsIfExists", "key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", None, T),
    # ForAllValues: every request value matches some policy value; true without values.
    (
        "ForAllValues:StringEquals",
        "aws:TagKeys",
        ["environment", "cost-center"],
        ["environment"],
        T,
    ),
    (
        "ForAllValues:StringEquals",
        "aws:TagKeys",
        ["environment", "cost-center"],
        ["environment", "cost-center"],
        T,
    ),
    (
        "ForAllValues:StringEquals",
        "aws:TagKeys",
        ["environment", "cost-center"],
        ["environment", "dept"],
        F,
    ),
    ("ForAllValues:StringEquals", "aws:TagKeys", ["environment", "cost-center"], [], T),
    ("ForAllValues:StringEquals", "aws:TagKeys", ["environment", "cost-center"], None, T),
    ("ForAllValues:StringLike", "aws:TagKeys", "key1*", ["key1a", "key1b"], T),
    ("ForAllValues:StringLike", "aws:TagKeys", "key1*", ["key1a", "key2"], F),
    ("ForAllValues:StringNotEquals", "aws:TagKeys", "c", ["a", "b"], T),
    ("ForAllValues:StringNotEquals", "aws:TagKeys", "c", ["a", "c"], F),
    ("ForAllValues:StringNotEquals", "aws:TagKeys", "c", None, T),
    # ForAnyValue: some request value matches some policy value; false without values.
    (
        "ForAnyValue:StringEquals",
        "aws:TagKeys",
        ["environment", "cost-center"],
        ["dept", "environment"],
        T,
    ),
    ("ForAnyValue:StringEquals", "aws:TagKeys", ["environment", "cost-center"], ["dept"], F),
    ("ForAnyValue:StringEquals", "aws:TagKeys", ["environment", "cost-center"], [], F),
    ("ForAnyValue:StringEquals", "aws:TagKeys", ["environment", "cost-center"], None, F),
    ("ForAnyValue:StringNotEquals", "aws:TagKeys", "c", ["a", "c"], T),
    ("ForAnyValue:StringNotEquals", "aws:TagKeys", "c", ["c"], F),
    ("ForAnyValue:StringNotEquals", "aws:TagKeys", "c", None, F),
    ("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "c", None, T),
    ("ForAnyValue:IpAddress", "aws:SourceIp", "10.0.0.0/8", ["192.0.2.1", "10.1.2.3"], T),
    ("ForAllValues:NumericLessThan", "s3:max-keys", "10", ["1", "20"], F),
    ("ForAnyValue:ArnLike", "aws:PrincipalServiceNamesList", "arn:aws:iam::*:role/*", ["x"], F),
    # Several request values without a set qualifier: any matches; a negation, none does.
    ("StringEquals", "aws:TagKeys", "b", ["a", "b"], T),
    ("StringNotEquals", "aws:TagKeys", "b", ["a", "b"], F),
    ("StringNotEquals", "aws:TagKeys", "b", ["a", "c"], T),
    # No policy values: nothing matches.
    ("StringEquals", "aws:username", [], "john", F),
    ("StringNotEquals", "aws:username", [], "john", T),
]


@pytest.mark.parametrize(("operator", "key", "values", "req", "expected"), CASES)
def test_operator(
    operator: str, key: str, values: Value | Sequence[Value], req: Request, expected: Tri
) -> None:
    assert check(operator, key, values, req) is expected


def test_policy_variables_in_conditions() -> None:
    home = condition("StringLike", "s3:prefix", ["", "home/", "home/${aws:username}/*"])
    assert (
        evaluate_condition(home, Context({"s3:prefix": "home/bob/x", "aws:username": "bob"})) is T
    )
    assert evaluate_condition(home, Context({"s3:prefix": "home/bob/x", "aws:username": "al"})) is F
    # The variable's key unknown: the prefix could be right or wrong ...
    assert evaluate_condition(home, Context({"s3:prefix": "home/bob/x"})) is U
    # ... unless the known characters decide.
    assert evaluate_condition(home, Context({"s3:prefix": "public/x"})) is F
    # The key absent: the variable has no value, so that policy value matches nothing.
    absent = Context({"s3:prefix": "home/bob/x"}, absent={"aws:username"})
    assert evaluate_condition(home, absent) is F
    owner = condition("StringEquals", "aws:ResourceTag/owner", "${aws:PrincipalTag/owner, 'ops'}")
    assert evaluate_condition(owner, Context({"aws:ResourceTag/owner": "ops"}, complete=True)) is T
    own_account = condition("ArnLike", "aws:SourceArn", "arn:aws:sns:*:${aws:PrincipalAccount}:*")
    context = Context({"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t"})
    assert evaluate_condition(own_account, context) is U
    context = Context(
        {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t", "aws:PrincipalAccount": "1"}
    )
    assert evaluate_condition(own_account, context) is F
    # Variables are not read by numeric operators: "${...}" is no number.
    numeric = condition("NumericLessThan", "s3:max-keys", "${aws:MultiFactorAuthAge}")
    assert evaluate_condition(numeric, Context({"s3:max-keys": "1"})) is F


@pytest.mark.parametrize(
    ("operator", "values", "expected_absent", "expected_present"),
    [
        ("StringEquals", "john", F, U),
        ("StringNotEquals", "john", T, U),
        ("StringEqualsIfExists", "john", T, U),
        ("StringLike", "*", F, T),
        ("StringNotLike", "*", T, F),
        ("ForAllValues:StringEquals", "john", T, U),
        ("ForAllValues:StringLike", "*", T, T),
        ("ForAnyValue:StringEquals", "john", F, U),
        ("ForAnyValue:StringLike", "*", F, T),
        ("NumericLessThan", "10", F, U),
        ("IpAddress", "0.0.0.0/0", F, U),
        ("Null", "true", T, F),
        ("Null", "false", F, T),
        ("StringEquals", [], F, F),
    ],
)
def test_unknown_request_values(
    operator: str, values: Value | Sequence[Value], expected_absent: Tri, expected_present: Tri
) -> None:
    """A key the context does not know is absent or present with unknown values."""
    test = condition(operator, "aws:key", values)
    assert evaluate_condition(test, Context(absent={"aws:key"})) is expected_absent
    assert evaluate_condition(test, Context(present={"aws:key"})) is expected_present
    assert evaluate_condition(test, Context()) is either(expected_absent, expected_present)


@pytest.mark.parametrize(
    ("operator", "values", "req", "expected"),
    [
        ("StringEquals", unresolved(None), "anything", U),
        ("StringEquals", unresolved("prod-", None), "prod-eu", U),
        ("StringEquals", unresolved("prod-", None), "dev-eu", F),
        ("StringNotEquals", unresolved("prod-", None), "dev-eu", T),
        ("StringEquals", [unresolved("prod-", None), "dev-eu"], "dev-eu", T),
        ("StringEquals", [unresolved("prod-", None), "dev-eu"], "test", F),
        ("StringEqualsIgnoreCase", unresolved("PROD-", None), "prod-eu", U),
        ("StringLike", unresolved("home/", None, "/*"), "home/bob/x", U),
        ("StringLike", unresolved("home/", None, "/*"), "public/x", F),
        ("ArnLike", unresolved("arn:aws:iam::", None, ":role/*"), "arn:aws:s3:::b", F),
        ("ArnLike", unresolved("arn:aws:iam::", None, ":role/*"), "arn:aws:iam::1:role/x", U),
        ("NumericLessThan", unresolved(None), "5", U),
        ("DateLessThan", unresolved(None), "2020-01-01", U),
        ("IpAddress", unresolved(None, "/24"), "10.0.0.1", U),
        ("BinaryEquals", unresolved(None), "QQ==", U),
        ("Bool", unresolved(None), "true", U),
        ("Null", unresolved(None), "x", U),
        ("Null", [unresolved(None), "false"], "x", T),
        ("StringEquals", unresolved(None), None, F),
        ("ForAllValues:StringEquals", unresolved(None), None, T),
    ],
)
def test_unresolved_condition_values(
    operator: str, values: Value | Sequence[Value], req: Request, expected: Tri
) -> None:
    assert check(operator, "aws:key", values, req) is expected


def test_unknown_operator_is_unknown() -> None:
    assert check("StringMatches", "aws:username", "john", "john") is U


# --- whole condition blocks --------------------------------------------------------------------

DATE_RANGE = (
    condition("DateGreaterThan", "aws:CurrentTime", "2020-04-01T00:00:00Z"),
    condition("DateLessThan", "aws:CurrentTime", "2020-06-30T23:59:59Z"),
)


@pytest.mark.parametrize(
    ("now", "expected"),
    [("2020-05-15T12:00:00Z", T), ("2020-03-01T00:00:00Z", F), ("2020-07-01T00:00:00Z", F)],
)
def test_operators_are_anded(now: str, expected: Tri) -> None:
    context = Context({"aws:CurrentTime": now}, complete=True)
    assert evaluate_conditions(DATE_RANGE, context) is expected


def test_keys_are_anded() -> None:
    tests = (
        condition("StringLike", "aws:RequestTag/project", "*"),
        condition("StringNotEquals", "aws:ResourceTag/environment", "production"),
    )
    feature = Context({"aws:RequestTag/project": "Feature3", "aws:ResourceTag/environment": "QA"})
    assert evaluate_conditions(tests, feature) is T
    prod = Context(
        {"aws:RequestTag/project": "Feature3", "aws:ResourceTag/environment": "production"}
    )
    assert evaluate_conditions(tests, prod) is F
    untagged = Context({"aws:ResourceTag/environment": "QA"}, complete=True)
    assert evaluate_conditions(tests, untagged) is F
    assert evaluate_conditions(tests, Context({"aws:ResourceTag/environment": "QA"})) is U
    assert evaluate_conditions((), Context()) is T


def test_false_decides_over_unknown() -> None:
    tests = (
        condition("StringEquals", "aws:username", "john"),
        condition("Bool", "aws:SecureTransport", "true"),
    )
    assert evaluate_conditions(tests, Context({"aws:SecureTransport": "false"})) is F
    assert evaluate_conditions(tests, Context({"aws:SecureTransport": "true"})) is U


def test_unreadable_condition_blocks() -> None:
    parts = (Unresolved("var.conditions", "variable"),)
    secure = (condition("Bool", "aws:SecureTransport", "true"),)
    assert evaluate_conditions(secure, Context({"aws:SecureTransport": "true"}), parts) is U
    assert evaluate_conditions(secure, Context({"aws:SecureTransport": "false"}), parts) is F
    assert evaluate_conditions((), Context(), parts) is U
    statement = Statement(
        HERE, 0, None, Located(Effect.ALLOW, HERE), conditions=secure, unresolved=parts
    )
    assert evaluate_statement_conditions(statement, Context({"aws:SecureTransport": "x"})) is F
    assert evaluate_statement_conditions(statement, Context()) is U


# --- properties --------------------------------------------------------------------------------

PAIRS = [
    ("StringEquals", "StringNotEquals"),
    ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"),
    ("StringLike", "StringNotLike"),
    ("NumericEquals", "NumericNotEquals"),
    ("DateEquals", "DateNotEquals"),
    ("IpAddress", "NotIpAddress"),
    ("ArnLike", "ArnNotLike"),
    ("ArnEquals", "ArnNotEquals"),
]

strings = st.text(alphabet="aAb*?:/", max_size=6)
numbers = st.one_of(
    st.integers(-50, 50).map(str), st.decimals(-50, 50, places=2).map(str), st.just("x")
)
dates = st.one_of(
    st.integers(1_500_000_000, 1_600_000_000).map(str),
    st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")),
    st.dates().map(str),
)
ipv4 = st.integers(0, 2**32 - 1).map(lambda n: str(ipaddress.IPv4Address(n)))
networks = st.one_of(
    st.tuples(ipv4, st.integers(0, 32)).map(lambda pair: f"{pair[0]}/{pair[1]}"),
    ipv4,
    st.just("2001:db8::/32"),
)
arn_texts = st.lists(st.text(alphabet="ab*?/", max_size=3), min_size=5, max_size=7).map(
    lambda segments: ":".join(["arn", *segments])
)
VALUES: Mapping[ValueType, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]] = {
    ValueType.STRING: (strings, strings),
    ValueType.NUMERIC: (numbers, numbers),
    ValueType.DATE: (dates, dates),
    ValueType.IP: (networks, st.one_of(ipv4, st.just("2001:db8::1"))),
    ValueType.ARN: (arn_texts, arn_texts.map(lambda text: text.replace("*", "").replace("?", ""))),
}


@st.composite
def negation_cases(draw: st.DrawFn) -> tuple[str, str, list[str], list[str]]:
    positive, negative = draw(st.sampled_from(PAIRS))
    value_type = operator_value_type(positive)
    assert value_type is not None
    policy_values, request_values = VALUES[value_type]
    return (
        positive,
        negative,
        draw(st.lists(policy_values, max_size=3)),
        draw(st.lists(request_values, min_size=1, max_size=3)),
    )


@given(negation_cases(), st.booleans())
def test_negated_operators_complement_positive_ones(
    case: tuple[str, str, list[str], list[str]], if_exists: bool
) -> None:
    """With the key present and known, a negated operator is the positive one's complement."""
    positive, negative, policy_values, request_values = case
    suffix = "IfExists" if if_exists else ""
    context = Context({"aws:key": request_values})
    yes = evaluate_condition(condition(positive + suffix, "aws:key", policy_values), context)
    no = evaluate_condition(condition(negative + suffix, "aws:key", policy_values), context)
    assert yes.is_certain
    assert no is yes.not_()


@given(negation_cases())
def test_for_all_values_is_not_any_value_negated(
    case: tuple[str, str, list[str], list[str]],
) -> None:
    """Every request value passes ``Op`` exactly when no request value passes its negation."""
    positive, negative, policy_values, request_values = case
    context = Context({"aws:key": request_values})
    for first, second in ((positive, negative), (negative, positive)):
        every = condition(f"ForAllValues:{first}", "aws:key", policy_values)
        some = condition(f"ForAnyValue:{second}", "aws:key", policy_values)
        assert evaluate_condition(every, context) is evaluate_condition(some, context).not_()


@given(strings, st.text(alphabet="aAb*?:/", max_size=8))
def test_string_like_agrees_with_regex(pattern: str, value: str) -> None:
    regex = "".join(
        ".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern
    )
    expected = re.fullmatch(regex, value, re.DOTALL) is not None
    assert check("StringLike", "aws:key", pattern, value) is Tri.of(expected)


tri = st.sampled_from(list(Tri))


@given(tri, tri, tri)
def test_tri_laws(a: Tri, b: Tri, c: Tri) -> None:
    assert Tri.FALSE.and_(a) is Tri.FALSE
    assert Tri.TRUE.or_(a) is Tri.TRUE
    assert Tri.TRUE.and_(a) is a
    assert Tri.FALSE.or_(a) is a
    assert a.not_().not_() is a
    assert a.and_(b) is b.and_(a)
    assert a.or_(b) is b.or_(a)
    assert a.and_(b).and_(c) is a.and_(b.and_(c))
    assert a.and_(b.or_(c)) is a.and_(b).or_(a.and_(c))
    assert a.and_(b).not_() is a.not_().or_(b.not_())
    assert all_((a, b, c)) is a.and_(b).and_(c)
    assert any_((a, b, c)) is a.or_(b).or_(c)
    assert either(a, a) is a


def test_tri_has_no_truth_value() -> None:
    with pytest.raises(TypeError):
        bool(Tri.UNKNOWN)
    assert all_(()) is Tri.TRUE
    assert any_(()) is Tri.FALSE
    assert Tri.of(True) is Tri.TRUE
    assert Tri.UNKNOWN.is_possible and not Tri.UNKNOWN.is_certain
    assert not Tri.FALSE.is_possible and Tri.FALSE.is_certain
