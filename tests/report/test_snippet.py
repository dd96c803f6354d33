"""Masking literal secrets in the source lines that reporters show."""

from __future__ import annotations

import pytest

from policyguard import Span
from policyguard.report.snippet import excerpt, masked, underline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('  password = "hunter2"', '  password = "********"'),
        ('master_password = "abc${var.suffix}"', 'master_password = "********"'),
        ("password = 12345678", "password = ********"),
        ('password = base64decode("c2VjcmV0")', 'password = base64decode("********")'),
        (
            'secret_key = "AKIA"  access_key = "AK"',
            'secret_key = "********"  access_key = "********"',
        ),
        ('pgp_key = "keybase:someone"', 'pgp_key = "********"'),
        ('private_key = "-----BEGIN RSA PRIVATE KEY-----\\nMII"', 'private_key = "********"'),
        ("MasterUserPassword: hunter2 # set by hand", "MasterUserPassword: ******** # set by hand"),
        ("  - Password: 'it''s'", "  - Password: '********'"),
        ("MasterUserPassword: !Sub 'hunter2'", "MasterUserPassword: !Sub '********'"),
        ('"MasterUserPassword": "hunter2",', '"MasterUserPassword": "********",'),
        ('"MasterUserPassword": 1234,', '"MasterUserPassword": ********,'),
        ('{"token": "t", "user": "bob"}', '{"token": "********", "user": "bob"}'),
        ("- {ApiKey: abc, Name: x}", "- {ApiKey: ********, Name: x}"),
        ('SecretString: \'{"username":"admin","password":"pw"}\'', "SecretString: '********'"),
        (
            'body = "-----BEGIN PRIVATE KEY-----MII-----END PRIVATE KEY-----"',
            'body = "-----BEGIN PRIVATE KEY-----********-----END PRIVATE KEY-----"',
        ),
    ],
)
def test_literals_are_masked(line: str, expected: str) -> None:
    assert masked(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "  password = var.db_password",
        "  password = random_password.db.result",
        '  password = "${var.db_password}"',
        '  password = ""',
        "MasterUserPassword: !Ref DBPassword",
        "MasterUserPassword: !Sub '{{resolve:secretsmanager:${Secret}:SecretString:password}}'",
        '"MasterUserPassword": "{{resolve:secretsmanager:db:SecretString:password}}"',
        '"MasterUserPassword": {"Ref": "DBPassword"},',
        "ManageMasterUserPassword: true",
        "allow_users_to_change_password = true",
        "minimum_password_length = 14",
        "TemporaryPasswordValidityDays: 7",
        "refresh_token_validity = 30",
        'secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"',
        "Type: AWS::SecretsManager::Secret",
        'Description: "the password: is rotated"',
        "MasterUserSecret:",
        '"ServiceToken": "arn:aws:lambda:eu-west-1:123456789012:function:f",',
        'creation_token = "my-product"',
    ],
)
def test_references_and_settings_stay(line: str) -> None:
    assert masked(line) == line


def test_heredoc_opened_by_a_secret_key_is_masked_to_its_end() -> None:
    lines = [
        "  private_key = <<-EOF",
        "    -----BEGIN RSA PRIVATE KEY-----",
        "    MIIEpAIBAAKCAQEA",
        "    -----END RSA PRIVATE KEY-----",
        "  EOF",
        '  name = "server"',
    ]
    shown = excerpt(lines, Span(1, 3, 6, 18))
    assert shown is not None
    assert shown.lines == (
        "  private_key = <<-EOF",
        "    ********",
        "    ********",
        "    ********",
        "  EOF",
        '  name = "server"',
    )


def test_yaml_block_scalar_is_masked_while_indented() -> None:
    lines = ["    SecretString: |", "      line one", "", "      line two", "    Name: db"]
    shown = excerpt(lines, Span(1, 5, 5, 13))
    assert shown is not None
    assert shown.lines == (
        "    SecretString: |",
        "      ********",
        "",
        "      ********",
        "    Name: db",
    )


def test_private_key_outside_a_secret_key_is_masked() -> None:
    lines = [
        "user_data: |",
        "  -----BEGIN OPENSSH PRIVATE KEY-----",
        "  b3BlbnNzaC1r",
        "  -----END OPENSSH PRIVATE KEY-----",
        "  echo hi",
    ]
    shown = excerpt(lines, Span(1, 1, 5, 10))
    assert shown is not None
    assert shown.lines[1:] == (
        "  -----BEGIN OPENSSH PRIVATE KEY-----",
        "  ********",
        "  -----END OPENSSH PRIVATE KEY-----",
        "  echo hi",
    )


def test_region_columns_follow_the_mask() -> None:
    shown = excerpt(['  password = "a-long-secret"  # note'], Span(1, 14, 1, 29))
    assert shown is not None
    assert shown.text == '"********"'
    assert underline(shown) == "             ^^^^^^^^^^"


def test_region_inside_a_secret_covers_the_whole_mask() -> None:
    shown = excerpt(['password = "a-long-secret"'], Span(1, 15, 1, 18))
    assert shown is not None
    assert shown.text == "********"


def test_carets_keep_tabs() -> None:
    shown = excerpt(['\tactions = ["*"]'], Span(1, 12, 1, 17))
    assert shown is not None
    assert underline(shown) == "\t          ^^^^^"


def test_whole_line_span() -> None:
    shown = excerpt(["first", "  second"], Span.line_of(2))
    assert shown is not None
    assert (shown.text, shown.whole_lines, underline(shown)) == ("  second", True, None)


def test_multi_line_region_text() -> None:
    shown = excerpt(["a = {", "  b = 1", "}"], Span(1, 5, 3, 2))
    assert shown is not None
    assert shown.text == "{\n  b = 1\n}"
    assert (shown.start_line, shown.end_line, underline(shown)) == (1, 3, None)


def test_region_past_the_end_is_clipped() -> None:
    shown = excerpt(["one", "two"], Span(2, 2, 9, 1))
    assert shown is not None
    assert (shown.lines, shown.text) == (("two",), "wo")


@pytest.mark.parametrize("span", [Span(3, 1, 3, 2), Span(0, 1, 0, 2)])
def test_no_excerpt_outside_the_file(span: Span) -> None:
    assert excerpt(["one", "two"], span) is None


def test_line_endings_are_dropped() -> None:
    assert masked('password = "x"\r\n') == 'password = "********"'
