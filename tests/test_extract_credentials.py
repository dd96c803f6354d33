"""Login profiles, access keys and workload roles, extracted from both formats."""

from __future__ import annotations

from pathlib import Path

from policyguard.model import AccessKey, LoginProfile, PasswordSource, WorkloadRole
from tests.conftest import Extract

TERRAFORM = """
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user                    = aws_iam_user.alice.name
  pgp_key                 = "keybase:alice"
  password_length         = 12
  password_reset_required = true
}

resource "aws_iam_user_login_profile" "bob" {
  user = "bob"
}

resource "aws_iam_access_key" "alice" {
  user   = aws_iam_user.alice.name
  status = "Inactive"
}

resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
}

resource "aws_ecs_task_definition" "task" {
  family                = "task"
  task_role_arn         = "arn:aws:iam::123456789012:role/task"
  execution_role_arn    = aws_iam_role.fn.arn
  container_definitions = "[]"
}
"""

CLOUDFORMATION = """
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Initial:
    Type: String
    NoEcho: true
    Default: do-not-keep-me
Resources:
  Literal:
    Type: AWS::IAM::User
    Properties:
      UserName: literal
      LoginProfile:
        Password: correct-horse-battery
  FromParameter:
    Type: AWS::IAM::User
    Properties:
      LoginProfile:
        Password: !Ref Initial
        PasswordResetRequired: true
  FromSecret:
    Type: AWS::IAM::User
    Properties:
      LoginProfile:
        Password: '{{resolve:secretsmanager:initial:SecretString:password}}'
  FromPlainSsm:
    Type: AWS::IAM::User
    Properties:
      LoginProfile:
        Password: '{{resolve:ssm:initial:1}}'
  NoConsole:
    Type: AWS::IAM::User
  Key:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Literal
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Code: {ZipFile: "pass"}
  Generated:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      CodeUri: s3://bucket/code.zip
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt Role.Arn
      ContainerDefinitions: []
"""


def test_terraform_credentials(tmp_path: Path, extract: Extract) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM)
    inventory = extract(tmp_path)

    profiles = {p.resource.address: p for p in inventory.of_type(LoginProfile)}
    alice = profiles["aws_iam_user_login_profile.alice"]
    assert alice.user_address == "aws_iam_user.alice"
    assert alice.reset_required is not None and alice.reset_required.value is True
    assert alice.password is not None
    assert (alice.password.source, alice.password.length) == (PasswordSource.GENERATED, 12)
    assert not alice.password.is_plaintext  # encrypted with the PGP key
    bob = profiles["aws_iam_user_login_profile.bob"]
    assert bob.user.value == "bob" and bob.user_address is None and bob.reset_required is None
    assert bob.password is not None and bob.password.length == 20 and bob.password.is_plaintext

    (key,) = inventory.of_type(AccessKey)
    assert key.user_address == "aws_iam_user.alice"
    assert not key.may_be_active


def test_terraform_workload_roles(tmp_path: Path, extract: Extract) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM)
    roles = {(w.resource.address, w.purpose): w for w in extract(tmp_path).of_type(WorkloadRole)}
    assert set(roles) == {
        ("aws_lambda_function.fn", "function"),
        ("aws_ecs_task_definition.task", "task"),
        ("aws_ecs_task_definition.task", "task execution"),
    }
    assert roles["aws_lambda_function.fn", "function"].role_address == "aws_iam_role.fn"
    task = roles["aws_ecs_task_definition.task", "task"]
    assert task.role.value == "arn:aws:iam::123456789012:role/task"
    assert task.role_address is None


def test_cloudformation_passwords_are_described_never_kept(
    tmp_path: Path, extract: Extract
) -> None:
    (tmp_path / "template.yaml").write_text(CLOUDFORMATION)
    inventory = extract(tmp_path)
    profiles = {p.resource.address: p for p in inventory.of_type(LoginProfile)}
    assert set(profiles) == {
        "Resources/Literal",
        "Resources/FromParameter",
        "Resources/FromSecret",
        "Resources/FromPlainSsm",
    }
    literal = profiles["Resources/Literal"].password
    assert literal is not None
    assert (literal.source, literal.length) == (PasswordSource.LITERAL, 21)
    assert profiles["Resources/Literal"].user.value == "literal"
    parameter = profiles["Resources/FromParameter"].password
    assert parameter is not None
    assert (parameter.source, parameter.name) == (PasswordSource.PARAMETER, "Initial")
    assert parameter.has_default and parameter.masked and parameter.is_plaintext
    secret = profiles["Resources/FromSecret"].password
    assert secret is not None and secret.source is PasswordSource.SECURE_REFERENCE
    assert not secret.is_plaintext
    plain = profiles["Resources/FromPlainSsm"].password
    assert plain is not None and plain.source is PasswordSource.PLAIN_REFERENCE
    assert "correct-horse" not in repr(inventory.objects)
    assert "do-not-keep-me" not in repr(inventory.of_type(LoginProfile))

    (key,) = inventory.of_type(AccessKey)
    assert key.user_address == "Resources/Literal" and key.may_be_active


def test_cloudformation_workload_roles(tmp_path: Path, extract: Extract) -> None:
    (tmp_path / "template.yaml").write_text(CLOUDFORMATION)
    roles = {(w.resource.address, w.purpose): w for w in extract(tmp_path).of_type(WorkloadRole)}
    assert {address: role.role_address for (address, _), role in roles.items()} == {
        "Resources/Function": "Resources/Role",
        "Resources/Generated": "Resources/Generated",  # the role SAM generates
        "Resources/Task": "Resources/Role",
    }
