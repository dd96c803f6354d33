"""ARN parsing and IAM's wildcard matching of ``Resource`` patterns and ARN formats.

Examples come from the IAM User Guide ("IAM JSON policy elements: Resource", "Identify AWS
resources with ARNs", "Variables and tags") unless a comment says otherwise.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyguard.iam.arn import (
    Arn,
    MatchKind,
    PolicyVariable,
    _arn_matches_format,
    _format_regex,
    arn_matches_format,
    match_pattern,
    match_resource,
    match_resource_unresolved,
    parse_arn,
    policy_variables,
)
from policyguard.iam.tristate import Tri
from policyguard.model.values import Unresolved

T, F, U = Tri.TRUE, Tri.FALSE, Tri.UNKNOWN


def unresolved(*parts: str | None) -> Unresolved:
    """A string of known pieces and unknown ones (``None``)."""
    return Unresolved.of_parts("var.x", "test", parts)


BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"
IAM = "arn:aws:iam::123456789012"
FN = "arn:aws:lambda:us-east-1:123456789012:function"
EC2 = "arn:aws:ec2:us-east-1:123456789012"
SQS = "arn:aws:sqs:us-east-2:123456789012"
HOME = f"{BUCKET}/home/${{aws:username}}/*"
TEAM = f"{BUCKET}/${{aws:PrincipalTag/team, 'company-wide'}}/*"


# --- parse_arn ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "resource_type", "resource_id"),
    [
        (
            "arn:aws:s3:::amzn-s3-demo-bucket",
            Arn("aws", "s3", "", "", "amzn-s3-demo-bucket"),
            "",
            "amzn-s3-demo-bucket",
        ),
        (
            "arn:aws:s3:::amzn-s3-demo-bucket/photos/2024/cat.jpg",
            Arn("aws", "s3", "", "", "amzn-s3-demo-bucket/photos/2024/cat.jpg"),
            "",
            "amzn-s3-demo-bucket/photos/2024/cat.jpg",
        ),
        (
            f"{IAM}:role/division_abc/subdivision_xyz/ProdApp",
            Arn("aws", "iam", "", "123456789012", "role/division_abc/subdivision_xyz/ProdApp"),
            "role",
            "division_abc/subdivision_xyz/ProdApp",
        ),
        (
            f"{FN}:my-function:PROD",
            Arn("aws", "lambda", "us-east-1", "123456789012", "function:my-function:PROD"),
            "function",
            "my-function:PROD",
        ),
        (
            "arn:aws-cn:sns:cn-north-1:123456789012:example-sns-topic-name",
            Arn("aws-cn", "sns", "cn-north-1", "123456789012", "example-sns-topic-name"),
            "",
            "example-sns-topic-name",
        ),
        (
            "arn:aws:s3:us-west-2:123456789012:accesspoint/reports",
            Arn("aws", "s3", "us-west-2", "123456789012", "accesspoint/reports"),
            "accesspoint",
            "reports",
        ),
        (
            f"{IAM}:root",
            Arn("aws", "iam", "", "123456789012", "root"),
            "",
            "root",
        ),
        (
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:s",
            Arn("aws", "logs", "us-east-1", "123456789012", "log-group:/aws/lambda/f:log-stream:s"),
            "log-group",
            "/aws/lambda/f:log-stream:s",
        ),
    ],
)
def test_parse_arn(text: str, expected: Arn, resource_type: str, resource_id: str) -> None:
    arn = parse_arn(text)
    assert arn == expected
    assert arn.resource_type == resource_type
    assert arn.resource_id == resource_id
    assert str(arn) == text


@pytest.mark.parametrize(
    "text",
    ["", "*", "arn:aws:s3", "arn:aws:s3:::", "arn::s3:::bucket", "arn:aws::::x", "ARN:aws:s3:::b"],
)
def test_parse_arn_rejects(text: str) -> None:
    assert parse_arn(text) is None


def test_arn_parts_of_iam_and_lambda_and_s3() -> None:
    role = parse_arn(f"{IAM}:role/division_abc/subdivision_xyz/ProdApp")
    assert role is not None
    assert (role.name, role.path, role.qualifier) == (
        "ProdApp",
        "/division_abc/subdivision_xyz/",
        "",
    )
    plain_role = parse_arn(f"{IAM}:role/ProdApp")
    assert plain_role is not None
    assert (plain_role.name, plain_role.path) == ("ProdApp", "/")
    function = parse_arn(f"{FN}:my-function:PROD")
    assert function is not None
    assert (function.name, function.qualifier, function.path) == ("my-function", "PROD", "")
    obj = parse_arn("arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg")
    assert obj is not None
    assert (obj.bucket, obj.key) == ("amzn-s3-demo-bucket", "photos/cat.jpg")
    bucket = parse_arn("arn:aws:s3:::amzn-s3-demo-bucket")
    assert bucket is not None
    assert (bucket.bucket, bucket.key) == ("amzn-s3-demo-bucket", None)
    access_point = parse_arn("arn:aws:s3:us-west-2:123456789012:accesspoint/reports")
    assert access_point is not None
    assert access_point.bucket is None
    assert role.bucket is None


# --- match_resource ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "resource", "expected"),
    [
        # "*" alone matches everything, ARN or not.
        ("*", f"{IAM}:user/Bob", T),
        ("*", "anything", T),
        # Exact ARNs; IAM user names are case-sensitive in the Resource element.
        (f"{IAM}:user/Bob", f"{IAM}:user/Bob", T),
        (f"{IAM}:user/Bob", f"{IAM}:user/bob", F),
        (f"{SQS}:queue1", f"{SQS}:queue1", T),
        (f"{SQS}:queue1", f"{SQS}:queue2", F),
        # All IAM users whose path is /accounting.
        (f"{IAM}:user/accounting/*", f"{IAM}:user/accounting/Bob", T),
        (f"{IAM}:user/accounting/*", f"{IAM}:user/accounting/east/Bob", T),
        (f"{IAM}:user/accounting/*", f"{IAM}:user/marketing/Bob", F),
        (f"{IAM}:user/accounting/*", f"{IAM}:user/Accounting/Bob", F),
        # IAM role paths.
        (f"{IAM}:role/*", f"{IAM}:role/division_abc/ProdApp", T),
        (f"{IAM}:role/division_abc/*", f"{IAM}:role/ProdApp", F),
        (f"{IAM}:role/*", f"{IAM}:user/ProdApp", F),
        # All items within a bucket, and the bucket is not one of its objects.
        (f"{BUCKET}/*", f"{BUCKET}/photos/cat.jpg", T),
        (f"{BUCKET}/*", BUCKET, F),
        (BUCKET, f"{BUCKET}/photos/cat.jpg", F),
        (f"{BUCKET}*", f"{BUCKET}/photos/cat.jpg", T),
        (f"{BUCKET}*", f"{BUCKET}-logs", T),
        # "*" spans "/" inside a segment: the documented bucket/*/test/* example.
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1/test/object.jpg", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1/2/test/object.jpg", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1/2/test/3/object.jpg", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1/2/3/test/4/object.jpg", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1///test///object.jpg", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1/test/.jpg", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}//test/object.jpg", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1/test/", T),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1-test/object.jpg", F),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/test/object.jpg", F),
        (f"{BUCKET}/*/test/*", f"{BUCKET}/1/2/test.jpg", F),
        # Wildcards in region and account.
        ("arn:aws:ec2:*:*:instance/*", f"{EC2}:instance/i-0abc", T),
        ("arn:aws:ec2:*:*:instance/*", f"{EC2}:volume/vol-1", F),
        ("arn:aws:ec2:us-*-1:123456789012:instance/*", f"{EC2}:instance/i-1", T),
        (
            "arn:aws:ec2:us-*-1:123456789012:instance/*",
            "arn:aws:ec2:eu-west-1:123456789012:instance/i-1",
            F,
        ),
        ("arn:aws:iam::*:role/Admin", "arn:aws:iam::111122223333:role/Admin", T),
        ("arn:aws:iam::1111*:role/Admin", "arn:aws:iam::111122223333:role/Admin", T),
        ("arn:aws:iam::2222*:role/Admin", "arn:aws:iam::111122223333:role/Admin", F),
        # "?" is exactly one character.
        ("arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-1", T),
        ("arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-12", F),
        ("arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-", F),
        (
            "arn:aws:ec2:us-east-?:*:instance/*",
            "arn:aws:ec2:us-east-2:123456789012:instance/i-1",
            T,
        ),
        # A "*" that ends a segment may expand beyond the colons; other wildcards stay inside.
        (f"{FN}:my-*", f"{FN}:my-fn:PROD", T),
        (f"{FN}:my*fn", f"{FN}:my-fn", T),
        (f"{FN}:my*fn", f"{FN}:my:fn", F),
        (f"{FN}:f?prod", f"{FN}:f:prod", F),
        ("arn:aws:s3:*", "arn:aws:s3:::amzn-s3-demo-bucket/key", T),
        ("arn:aws:s3:::*", f"{IAM}:role/x", F),
        ("arn:*", f"{IAM}:role/x", T),
        # Partitions are literal like everything else.
        ("arn:aws:s3:::b/*", "arn:aws-cn:s3:::b/k", F),
        ("arn:aws*:s3:::b/*", "arn:aws-us-gov:s3:::b/k", T),
        # ${*}, ${?} and ${$} are the characters themselves.
        ("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*", T),
        ("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/x", F),
        ("arn:aws:s3:::b/${?}", "arn:aws:s3:::b/?", T),
        ("arn:aws:s3:::b/${?}", "arn:aws:s3:::b/x", F),
        ("arn:aws:s3:::b/${$}x", "arn:aws:s3:::b/$x", T),
        # A "${" that is no variable is text.
        ("arn:aws:s3:::b/${", "arn:aws:s3:::b/${", T),
        ("arn:aws:s3:::b/${}", "arn:aws:s3:::b/${}", T),
    ],
)
def test_match_resource(pattern: str, resource: str, expected: Tri) -> None:
    assert match_resource(pattern, resource) is expected


@pytest.mark.parametrize(
    ("pattern", "resource", "variables", "expected"),
    [
        # Unknown variable: undecided when the rest of the pattern could match.
        (HOME, f"{BUCKET}/home/Bob/file", None, U),
        (HOME, f"{BUCKET}/home/Bob/file", {}, U),
        # ... and decided when it could not.
        (HOME, f"{BUCKET}/public/file", None, F),
        (HOME, f"{IAM}:user/Bob", None, F),
        # Known variable (key names are case-insensitive).
        (HOME, f"{BUCKET}/home/Bob/file", {"aws:username": "Bob"}, T),
        (HOME, f"{BUCKET}/home/Bob/file", {"AWS:UserName": "Bob"}, T),
        (HOME, f"{BUCKET}/home/Bob/file", {"aws:username": "Alice"}, F),
        # A substituted value is literal: its "*" is no wildcard.
        (HOME, f"{BUCKET}/home/Bob/file", {"aws:username": "*"}, F),
        # A key the request lacks: the default, or no match at all.
        (HOME, f"{BUCKET}/home/Bob/file", {"aws:username": None}, F),
        (TEAM, f"{BUCKET}/company-wide/x", {"aws:PrincipalTag/team": None}, T),
        (TEAM, f"{BUCKET}/company-wide/x", {"aws:PrincipalTag/team": "eng"}, F),
        (TEAM, f"{BUCKET}/eng/x", {"aws:PrincipalTag/team": "eng"}, T),
        (
            f"{BUCKET}/${{aws:PrincipalTag/team,'it''s'}}/*",
            f"{BUCKET}/it's/x",
            {"aws:PrincipalTag/team": None},
            T,
        ),
        # Two variables, one known.
        (
            "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}",
            f"{IAM}:user/Bob",
            {"aws:PrincipalAccount": "123456789012"},
            U,
        ),
        (
            "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}",
            f"{IAM}:user/Bob",
            {"aws:PrincipalAccount": "999999999999"},
            F,
        ),
    ],
)
def test_match_resource_with_policy_variables(
    pattern: str, resource: str, variables: dict[str, str | None] | None, expected: Tri
) -> None:
    assert match_resource(pattern, resource, variables) is expected


@pytest.mark.parametrize(
    ("pattern", "resource", "expected"),
    [
        # A fully unknown pattern or resource.
        (unresolved(None), f"{IAM}:role/x", U),
        ("arn:aws:s3:::b/*", unresolved(None), U),
        ("*", unresolved(None), T),
        # The known pieces decide against.
        (unresolved("arn:aws:s3:::", None, "/*"), f"{IAM}:role/x", F),
        (unresolved("arn:aws:s3:::", None), f"{IAM}:role/x", F),
        ("arn:aws:s3:::logs/*", unresolved("arn:aws:iam::", None, ":role/x"), F),
        (unresolved("arn:aws:s3:::", None, "/*"), unresolved("arn:aws:iam::", None), F),
        # The known pieces leave it open.
        (unresolved("arn:aws:s3:::", None, "/*"), "arn:aws:s3:::logs/x", U),
        (unresolved("arn:aws:s3:::", None, "/*"), unresolved("arn:aws:s3:::", None), U),
        ("arn:aws:s3:::logs", unresolved("arn:aws:s3:::", None), U),
        # A known pattern covers every value of the unknown pieces.
        ("arn:aws:s3:::logs/*", unresolved("arn:aws:s3:::logs/", None), T),
        ("arn:aws:s3:::*", unresolved("arn:aws:s3:::", None, "/key"), T),
        # A "*" that ends a segment takes the unknown account whatever colons it holds.
        ("arn:aws:iam::*:role/*", unresolved("arn:aws:iam::", None, ":role/app"), T),
        ("arn:aws:iam::*:role/app", unresolved("arn:aws:iam::", None, ":role/app"), T),
        ("arn:aws:iam::1*:role/app", unresolved("arn:aws:iam::", None, ":role/app"), U),
        ("arn:aws:s3:::logs/?", unresolved("arn:aws:s3:::logs/", None), U),
        # Unknown pieces in the pattern may hold wildcards' look-alikes: still undecided.
        (unresolved(None, "/*"), "arn:aws:s3:::b/k", U),
    ],
)
def test_match_resource_unresolved(
    pattern: str | Unresolved, resource: str | Unresolved, expected: Tri
) -> None:
    assert match_resource_unresolved(pattern, resource) is expected


def test_policy_variables() -> None:
    assert policy_variables("arn:aws:s3:::b/${aws:username}/${*}/${aws:PrincipalTag/t, 'd'}") == (
        PolicyVariable("aws:username"),
        PolicyVariable("aws:PrincipalTag/t", "d"),
    )
    assert policy_variables("no variables ${} ${*} ${?} ${$}") == ()


@pytest.mark.parametrize(
    ("pattern", "text", "kind", "expected"),
    [
        ("home/*", "home/x/y", MatchKind.LIKE, T),
        ("home/?", "home/xy", MatchKind.LIKE, F),
        ("a:*", "a:b:c", MatchKind.LIKE, T),
        ("home/*", "home/*", MatchKind.EXACT, T),
        ("home/*", "home/x", MatchKind.EXACT, F),
        ("arn:aws:iam::*:role/*", f"{IAM}:role/a/b", MatchKind.ARN, T),
        ("arn:aws:iam::*:role/*", f"{IAM}:user/a", MatchKind.ARN, F),
        # Components are matched separately: no wildcard spans a colon of the first five.
        ("arn:aws:*:us-east-1:*:*", "arn:aws:s3:eu:us-east-1:1:x", MatchKind.ARN, F),
        ("arn:aws:s3:::*", "arn:aws:s3:::bucket/key:with:colons", MatchKind.ARN, T),
        # Fewer than six components match nothing.
        ("arn:aws:iam::*", f"{IAM}:role/x", MatchKind.ARN, F),
        ("*", f"{IAM}:role/x", MatchKind.ARN, F),
        ("arn:aws:iam::*:role/*", "not-an-arn", MatchKind.ARN, F),
        (unresolved("arn:aws:iam::", None), "arn:aws:iam::1:role/x", MatchKind.ARN, U),
        (unresolved("arn:aws:s3:::", None), "arn:aws:iam::1:role/x", MatchKind.ARN, F),
        ("arn:aws:iam::*:role/*", unresolved("arn:aws:iam::1:", None), MatchKind.ARN, U),
        ("arn:aws:iam::*:role/*", unresolved("arn:aws:s3:::", None), MatchKind.ARN, F),
        ("arn:aws:iam::*", unresolved("arn:aws:iam::1:", None), MatchKind.ARN, F),
    ],
)
def test_match_pattern_kinds(
    pattern: str | Unresolved, text: str | Unresolved, kind: MatchKind, expected: Tri
) -> None:
    assert match_pattern(pattern, text, kind) is expected


def test_match_pattern_ignore_case() -> None:
    assert match_pattern("John", "jOHN", MatchKind.EXACT, ignore_case=True) is T
    assert match_pattern("John", "jOHNNY", MatchKind.EXACT, ignore_case=True) is F
    assert match_pattern(unresolved("Jo", None), "jOHN", MatchKind.EXACT, ignore_case=True) is U
    assert match_pattern(unresolved("Xo", None), "jOHN", MatchKind.EXACT, ignore_case=True) is F
    assert match_pattern("Straße", "STRASSE", MatchKind.EXACT, ignore_case=True) is T


# --- arn_matches_format ------------------------------------------------------------------------

S3_BUCKET = "arn:${Partition}:s3:::${BucketName}"
S3_OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
S3_ACCESS_POINT = "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}"
IAM_ROLE = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
IAM_USER = "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"
LAMBDA = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"
LAMBDA_ALIAS = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}"
LOG_GROUP = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"
LOG_STREAM = (
    "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"
    ":log-stream:${LogStreamName}"
)
DMS_TASK = "arn:${Partition}:dms:${Region}:${Account}:task:*"


@pytest.mark.parametrize(
    ("pattern", "arn_format", "expected"),
    [
        ("*", S3_BUCKET, True),
        ("arn:aws:s3:::*", S3_BUCKET, True),
        ("arn:aws:s3:::*", S3_OBJECT, True),
        ("arn:aws:s3:::logs", S3_BUCKET, True),
        ("arn:aws:s3:::logs", S3_OBJECT, False),
        ("arn:aws:s3:::logs/*", S3_BUCKET, False),
        ("arn:aws:s3:::logs/*", S3_OBJECT, True),
        ("arn:aws:s3:::logs*", S3_BUCKET, True),
        ("arn:aws:s3:::logs*", S3_OBJECT, True),
        ("arn:aws:s3:::logs/", S3_OBJECT, False),
        ("arn:aws:s3:::logs", S3_ACCESS_POINT, False),
        ("arn:aws:s3:us-east-1:123456789012:accesspoint/ap", S3_ACCESS_POINT, True),
        ("arn:aws:s3:us-east-1:123456789012:accesspoint/ap", S3_BUCKET, False),
        (f"{IAM}:role/app", IAM_ROLE, True),
        (f"{IAM}:role/path/app", IAM_ROLE, True),
        (f"{IAM}:role/app", IAM_USER, False),
        ("arn:aws:iam::*:*", IAM_USER, True),
        (f"{IAM}:role", IAM_ROLE, False),
        ("arn:aws:lambda:*:*:function:f", LAMBDA, True),
        (f"{FN}:f", LAMBDA_ALIAS, False),
        # A "*" ending the region may take "us-east-1:1:function:function": alias f of a
        # function named "function".
        ("arn:aws:lambda:*:*:function:f", LAMBDA_ALIAS, True),
        ("arn:aws:lambda:*:*:function:f:prod", LAMBDA, False),
        ("arn:aws:lambda:*:*:function:f:prod", LAMBDA_ALIAS, True),
        ("arn:aws:lambda:*:*:function:f*", LAMBDA_ALIAS, True),
        ("arn:aws:logs:*:*:log-group:/aws/lambda/*", LOG_GROUP, True),
        ("arn:aws:logs:*:*:log-group:/aws/lambda/*", LOG_STREAM, True),
        ("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f", LOG_GROUP, True),
        ("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f", LOG_STREAM, False),
        ("arn:aws:dms:us-east-1:123456789012:task:abc", DMS_TASK, True),
        ("arn:aws:dms:us-east-1:123456789012:endpoint:abc", DMS_TASK, False),
        # Policy variables and unresolved pieces may be anything.
        ("arn:aws:s3:::${aws:username}", S3_OBJECT, True),
        (unresolved("arn:aws:s3:::", None), S3_OBJECT, True),
        (unresolved("arn:aws:s3:::", None, "/*"), S3_BUCKET, False),
        (unresolved("arn:aws:iam::", None), S3_BUCKET, False),
    ],
)
def test_arn_matches_format(pattern: str | Unresolved, arn_format: str, expected: bool) -> None:
    assert arn_matches_format(pattern, arn_format) is expected


FORMATS = (
    S3_BUCKET,
    S3_OBJECT,
    S3_ACCESS_POINT,
    IAM_ROLE,
    LAMBDA,
    LAMBDA_ALIAS,
    LOG_STREAM,
    DMS_TASK,
)
ARN_PIECES = ("s3", "iam", "lambda", "logs", "dms", ":", "/", "us-east-1", "1", "role", "a")
ARN_PIECES += ("function", "log-group", "log-stream", "task", "accesspoint", "object")


@given(st.sampled_from(FORMATS), st.lists(st.sampled_from(ARN_PIECES), max_size=14))
def test_one_arn_is_judged_alike_by_the_quick_path_and_the_automaton(
    arn_format: str, pieces: list[str]
) -> None:
    text = "arn:aws:" + "".join(pieces)
    quick = _format_regex(arn_format).fullmatch(text) is not None
    assert quick is _arn_matches_format.__wrapped__(text, arn_format)


# --- properties --------------------------------------------------------------------------------


def resource_regex(pattern: str) -> re.Pattern[str]:
    """The brute-force reading of a Resource pattern without policy variables."""
    out = []
    for index, char in enumerate(pattern):
        following = pattern[index + 1 : index + 2]
        if char == "*":
            out.append(".*" if following in ("", ":") else "[^:]*")
        elif char == "?":
            out.append("[^:]")
        else:
            out.append(re.escape(char))
    return re.compile("".join(out), re.DOTALL)


segment_text = st.text(alphabet="ab/-:", max_size=6)
pattern_text = st.text(alphabet="ab/-:*?", max_size=8)


@st.composite
def arns(draw: st.DrawFn, segment: st.SearchStrategy[str]) -> str:
    head = draw(st.lists(segment, min_size=0, max_size=5))
    return ":".join(["arn", *head])


@given(
    pattern=st.one_of(pattern_text, arns(pattern_text)),
    resource=st.one_of(segment_text, arns(segment_text)),
)
def test_match_resource_agrees_with_regex(pattern: str, resource: str) -> None:
    expected = pattern == "*" or resource_regex(pattern).fullmatch(resource) is not None
    assert match_resource(pattern, resource) is Tri.of(expected)


@given(
    pattern=st.one_of(pattern_text, arns(pattern_text)),
    prefix=segment_text,
    suffix=segment_text,
    fillers=st.lists(segment_text, min_size=1, max_size=5),
)
def test_unresolved_resource_answers_are_sound(
    pattern: str, prefix: str, suffix: str, fillers: list[str]
) -> None:
    """A decided answer for a partly unknown resource holds for every value of the unknown."""
    answer = match_resource_unresolved(pattern, unresolved(prefix, None, suffix))
    concrete = {match_resource(pattern, prefix + filler + suffix) for filler in fillers}
    if answer is not Tri.UNKNOWN:
        assert concrete == {answer}


@given(
    prefix=pattern_text,
    suffix=pattern_text,
    fillers=st.lists(pattern_text, min_size=1, max_size=5),
    resource=st.one_of(segment_text, arns(segment_text)),
)
def test_unresolved_pattern_answers_are_sound(
    prefix: str, suffix: str, fillers: list[str], resource: str
) -> None:
    """A decided answer for a partly unknown pattern holds for every value of the unknown."""
    answer = match_resource_unresolved(unresolved(prefix, None, suffix), resource)
    if answer is not Tri.UNKNOWN:
        concrete = {match_resource(prefix + filler + suffix, resource) for filler in fillers}
        assert concrete == {answer}


@given(pattern=st.one_of(pattern_text, arns(pattern_text)), name=st.text("ab-", min_size=1))
def test_variable_answers_are_sound(pattern: str, name: str) -> None:
    """An unknown policy variable decides only what every value of it would."""
    with_variable = pattern + "${aws:username}"
    answer = match_resource(with_variable, "arn:aws:s3:::a/" + name)
    if answer is not Tri.UNKNOWN:
        known = match_resource(with_variable, "arn:aws:s3:::a/" + name, {"aws:username": name})
        assert known is answer


@given(
    pattern=st.one_of(pattern_text, arns(pattern_text)),
    resource=st.one_of(segment_text, arns(segment_text)),
)
def test_a_matching_resource_means_its_format_matches(pattern: str, resource: str) -> None:
    """A resource that matches the pattern and has the format proves the format can match."""
    matched = match_resource(pattern, resource) is Tri.TRUE
    if matched and re.fullmatch(r"arn:[^:]+:ab:.*", resource, re.DOTALL):
        assert arn_matches_format(pattern, "arn:${Partition}:ab:*")


@given(
    pattern=st.one_of(pattern_text, arns(pattern_text)),
    resource=st.one_of(segment_text, arns(segment_text)),
    kind=st.sampled_from(list(MatchKind)),
)
def test_compiled_and_general_paths_agree(pattern: str, resource: str, kind: MatchKind) -> None:
    """A known pattern read piece by piece (as an unresolved value's known parts are) matches
    exactly as the compiled pattern does."""
    pieces = Unresolved("x", "test", (pattern,))
    assert match_pattern(pieces, resource, kind) is match_pattern(pattern, resource, kind)
