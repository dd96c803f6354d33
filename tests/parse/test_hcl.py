"""The Terraform parser: nodes, spans and comments of native HCL and Terraform JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyguard.diagnostics import InputError, LimitExceeded
from policyguard.location import Span
from policyguard.parse.hcl import MAX_DEPTH, parse_hcl, parse_tf_json
from policyguard.parse.tree import (
    Attribute,
    Block,
    Body,
    Call,
    Comment,
    Entry,
    Expression,
    Mapping,
    Node,
    Scalar,
    ScalarValue,
    Sequence,
    Template,
    TextOrigin,
)

FIXTURES = Path(__file__).parents[2] / "testdata" / "parse" / "terraform"


@pytest.fixture(scope="module")
def main_tf() -> tuple[Body, tuple[Comment, ...]]:
    return parse_hcl((FIXTURES / "main.tf").read_text())


@pytest.fixture(scope="module")
def body(main_tf: tuple[Body, tuple[Comment, ...]]) -> Body:
    return main_tf[0]


def block(body: Body, block_type: str, *labels: str) -> Block:
    found = [b for b in body.blocks_of(block_type) if b.labels == labels]
    assert len(found) == 1, f"{block_type} {labels}"
    return found[0]


def value(body: Body, name: str) -> Node:
    attribute = body.attribute(name)
    assert attribute is not None, name
    return attribute.value


def only_attribute(text: str) -> Attribute:
    parsed, _ = parse_hcl(text)
    assert len(parsed.attributes) == 1
    return parsed.attributes[0]


def only_value(text: str) -> Node:
    return only_attribute(text).value


# --- the fixture: a realistic file -------------------------------------------------------------


def test_top_level_blocks_in_source_order(body: Body) -> None:
    assert [(b.type, b.labels) for b in body.blocks] == [
        ("terraform", ()),
        ("variable", ("bucket_name",)),
        ("variable", ("retention_days",)),
        ("locals", ()),
        ("resource", ("aws_iam_policy", "deploy")),
        ("resource", ("aws_iam_policy", "legacy")),
        ("resource", ("aws_iam_policy", "templated")),
        ("resource", ("aws_s3_bucket", "logs")),
        ("data", ("aws_iam_policy_document", "trust")),
        ("module", ("network",)),
    ]
    assert body.attributes == ()
    assert body.span == Span(1, 1, 90, 1)


def test_block_span_header_and_body_span(body: Body) -> None:
    deploy = block(body, "resource", "aws_iam_policy", "deploy")
    assert deploy.span == Span(20, 1, 38, 2)
    assert deploy.header == Span(20, 1, 20, 37)
    assert deploy.body.span == Span(20, 36, 38, 2)
    assert [a.name for a in deploy.body.attributes] == ["name", "policy"]


def test_attribute_name_span_and_span(body: Body) -> None:
    deploy = block(body, "resource", "aws_iam_policy", "deploy")
    policy = deploy.body.attribute("policy")
    assert policy is not None
    assert policy.name_span == Span(23, 3, 23, 9)
    assert policy.span == Span(23, 3, 37, 5)
    name = deploy.body.attribute("name")
    assert name == Attribute(
        "name", Span(21, 3, 21, 7), Scalar("deploy", Span(21, 10, 21, 18)), Span(21, 3, 21, 18)
    )


def test_variables_with_defaults(body: Body) -> None:
    bucket_name = block(body, "variable", "bucket_name").body
    assert value(bucket_name, "type") == Expression("string", Span(7, 13, 7, 19))
    assert value(bucket_name, "default") == Scalar("example-logs", Span(8, 13, 8, 27))
    assert value(block(body, "variable", "retention_days").body, "default") == Scalar(
        30, Span(12, 13, 12, 15)
    )


def test_jsonencode_keeps_positions_of_statements_and_list_elements(body: Body) -> None:
    policy = value(block(body, "resource", "aws_iam_policy", "deploy").body, "policy")
    assert isinstance(policy, Call)
    assert policy.name == "jsonencode"
    assert policy.span == Span(23, 12, 37, 5)
    assert policy.text.startswith("jsonencode({\n    Version")
    assert policy.text.endswith("    ]\n  })")
    (document,) = policy.args
    assert isinstance(document, Mapping)
    assert document.span == Span(23, 23, 37, 4)
    assert document.get("Version") == Scalar("2012-10-17", Span(24, 15, 24, 27))
    statements = document.get("Statement")
    assert isinstance(statements, Sequence)
    assert statements.span == Span(25, 17, 36, 6)
    allow, deny = statements.items
    assert isinstance(allow, Mapping)
    assert isinstance(deny, Mapping)
    assert allow.span == Span(26, 7, 30, 8)
    assert deny.span == Span(31, 7, 35, 8)
    effect = allow.entry("Effect")
    assert effect == Entry("Effect", Span(27, 9, 27, 15), Scalar("Allow", Span(27, 20, 27, 27)))
    assert allow.get("Action") == Sequence(
        (
            Scalar("s3:GetObject", Span(28, 21, 28, 35)),
            Scalar("s3:PutObject", Span(28, 37, 28, 51)),
        ),
        Span(28, 20, 28, 52),
    )
    assert allow.get("Resource") == Expression("local.prefix", Span(29, 20, 29, 32))
    assert deny.get("Action") == Scalar("*", Span(33, 20, 33, 23))


def test_trimmed_heredoc_strips_common_indentation(body: Body) -> None:
    policy = value(block(body, "resource", "aws_iam_policy", "legacy").body, "policy")
    assert policy == Scalar(
        '{\n  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]\n}\n',
        Span(41, 12, 45, 6),
        TextOrigin(42, 5, 4),
    )


def test_heredoc_with_interpolation_is_a_template(body: Body) -> None:
    policy = value(block(body, "resource", "aws_iam_policy", "templated").body, "policy")
    assert policy == Template(
        (
            Scalar('{"Resource": "arn:aws:s3:::', Span(50, 1, 50, 28)),
            Expression("var.bucket_name", Span(50, 30, 50, 45)),
            Scalar('/*"}\n', Span(50, 46, 51, 1)),
        ),
        Span(49, 12, 51, 4),
        '<<EOF\n{"Resource": "arn:aws:s3:::${var.bucket_name}/*"}\nEOF',
    )


def test_quoted_template_parts(body: Body) -> None:
    assert value(block(body, "locals").body, "prefix") == Template(
        (
            Scalar("arn:aws:s3:::", Span(16, 13, 16, 26)),
            Expression("var.bucket_name", Span(16, 28, 16, 43)),
            Scalar("/*", Span(16, 44, 16, 46)),
        ),
        Span(16, 12, 16, 47),
        '"arn:aws:s3:::${var.bucket_name}/*"',
    )
    assert value(block(body, "locals").body, "admins") == Sequence(
        (Scalar("alice", Span(17, 13, 17, 20)), Scalar("bob", Span(17, 22, 17, 27))),
        Span(17, 12, 17, 28),
    )


def test_nested_blocks(body: Body) -> None:
    logs = block(body, "resource", "aws_s3_bucket", "logs").body
    assert value(logs, "bucket") == Expression("var.bucket_name", Span(57, 19, 57, 34))
    assert value(logs, "force_destroy") == Scalar(False, Span(58, 19, 58, 24))
    (versioning,) = logs.blocks_of("versioning")
    assert versioning.span == Span(60, 3, 62, 4)
    assert versioning.header == Span(60, 3, 60, 15)
    assert value(versioning.body, "enabled") == Scalar(True, Span(61, 15, 61, 19))
    (encryption,) = logs.blocks_of("server_side_encryption_configuration")
    (rule,) = encryption.body.blocks_of("rule")
    (default,) = rule.body.blocks_of("apply_server_side_encryption_by_default")
    algorithm = default.body.attribute("sse_algorithm")
    assert algorithm is not None
    assert algorithm.span == Span(67, 9, 67, 34)
    assert algorithm.value == Scalar("aws:kms", Span(67, 25, 67, 34))


def test_policy_document_statement_blocks(body: Body) -> None:
    trust = block(body, "data", "aws_iam_policy_document", "trust")
    (statement,) = trust.body.blocks_of("statement")
    assert statement.header == Span(74, 3, 74, 14)
    assert statement.span == Span(74, 3, 82, 4)
    assert value(statement.body, "actions") == Sequence(
        (Scalar("sts:AssumeRole", Span(76, 16, 76, 32)),), Span(76, 15, 76, 33)
    )
    (principals,) = statement.body.blocks_of("principals")
    assert principals.header == Span(78, 5, 78, 17)
    assert value(principals.body, "identifiers") == Sequence(
        (Scalar("ec2.amazonaws.com", Span(80, 22, 80, 41)),), Span(80, 21, 80, 42)
    )


def test_module_call(body: Body) -> None:
    network = block(body, "module", "network")
    assert network.header == Span(85, 1, 85, 19)
    assert value(network.body, "source") == Scalar("./modules/network", Span(86, 13, 86, 32))
    assert value(network.body, "enabled") == Expression(
        "var.retention_days > 0 ? true : false", Span(88, 13, 88, 50)
    )


def test_comments_of_all_kinds(main_tf: tuple[Body, tuple[Comment, ...]]) -> None:
    assert main_tf[1] == (
        Comment("# IAM policies written three ways.", Span(1, 1, 1, 35)),
        Comment("// overridden per workspace", Span(8, 28, 8, 55)),
        Comment("# policyguard:ignore IAM-001 -- deploy role needs it", Span(22, 3, 22, 55)),
        Comment("# policyguard:ignore IAM-002 -- reviewed", Span(28, 53, 28, 93)),
        Comment("/* Buckets\n   and their settings */", Span(54, 1, 55, 25)),
    )


# --- expressions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1", 1),
        ("-1", -1),
        ("- 2", -2),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        ("2e3", 2000.0),
        ("true", True),
        ("false", False),
        ("null", None),
    ],
)
def test_literals(source: str, expected: ScalarValue) -> None:
    node = only_value(f"x = {source}\n")
    assert node == Scalar(expected, Span(1, 5, 1, 5 + len(source)))
    assert isinstance(node, Scalar)
    assert type(node.value) is type(expected)


def test_quoted_string_escapes_are_decoded() -> None:
    source = r'x = "q\"b\\s\n\t$${x}%%{y}\u00e9"'
    assert only_value(source) == Scalar('q"b\\s\n\t${x}%{y}\u00e9', Span(1, 5, 1, 34))


def test_empty_string() -> None:
    assert only_value('x = ""') == Scalar("", Span(1, 5, 1, 7))


@pytest.mark.parametrize(
    "source",
    [
        "var.x",
        "aws_s3_bucket.b.arn",
        'local.m["k"]',
        "aws_instance.web[*].id",
        "var.list.*.id",
        "var.a ? 1 : 2",
        "!var.enabled",
        "(1 + 2)",
        "a * b - c",
        '[for s in var.list : upper(s) if s != ""]',
        "{for k, v in var.map : k => v}",
        "a == b && c",
    ],
)
def test_other_expressions_keep_their_source_text(source: str) -> None:
    assert only_value(f"value = {source}\n") == Expression(source, Span(1, 9, 1, 9 + len(source)))


def test_multiline_expression_ends_at_its_last_token() -> None:
    text = "x = a\n  && b # why\n  || c\ny = 1\n"
    parsed, comments = parse_hcl(text)
    assert parsed.attributes[0] == Attribute(
        "x",
        Span(1, 1, 1, 2),
        Expression("a\n  && b # why\n  || c", Span(1, 5, 3, 7)),
        Span(1, 1, 3, 7),
    )
    assert comments == (Comment("# why", Span(2, 8, 2, 13)),)


def test_comment_merged_into_an_operator_by_hcl2_is_found() -> None:
    _, comments = parse_hcl("x = a /* why */ && b\n")
    assert comments == (Comment("/* why */", Span(1, 7, 1, 16)),)


def test_object_constructor_keys() -> None:
    node = only_value('m = { name = 1, "quoted key" : 2, (var.k) = 3, for = 4, 5 = 6 }')
    assert node == Mapping(
        (
            Entry("name", Span(1, 7, 1, 11), Scalar(1, Span(1, 14, 1, 15))),
            Entry("quoted key", Span(1, 17, 1, 29), Scalar(2, Span(1, 32, 1, 33))),
            Entry("(var.k)", Span(1, 35, 1, 42), Scalar(3, Span(1, 45, 1, 46))),
            Entry("for", Span(1, 48, 1, 51), Scalar(4, Span(1, 54, 1, 55))),
            Entry("5", Span(1, 57, 1, 58), Scalar(6, Span(1, 61, 1, 62))),
        ),
        Span(1, 5, 1, 64),
    )


def test_comments_inside_object_constructors_and_calls() -> None:
    text = (
        "policy = jsonencode({\n"
        "  # on its own line\n"
        "  Action = [\n"
        '    "s3:*", // policyguard:ignore S3-001 -- ok\n'
        '    /* inline */ "kms:*",\n'
        "  ]\n"
        "})\n"
    )
    parsed, comments = parse_hcl(text)
    assert comments == (
        Comment("# on its own line", Span(2, 3, 2, 20)),
        Comment("// policyguard:ignore S3-001 -- ok", Span(4, 13, 4, 47)),
        Comment("/* inline */", Span(5, 5, 5, 17)),
    )
    call = parsed.attributes[0].value
    assert isinstance(call, Call)
    (document,) = call.args
    assert isinstance(document, Mapping)
    assert document.get("Action") == Sequence(
        (Scalar("s3:*", Span(4, 5, 4, 11)), Scalar("kms:*", Span(5, 18, 5, 25))),
        Span(3, 12, 6, 4),
    )


def test_comment_at_end_of_file_without_newline() -> None:
    _, comments = parse_hcl("x = 1 # last")
    assert comments == (Comment("# last", Span(1, 7, 1, 13)),)


def test_crlf_line_endings() -> None:
    text = 'x = "a" # note\r\ny = <<EOF\r\nhi\r\nEOF\r\n'
    parsed, comments = parse_hcl(text)
    assert comments == (Comment("# note", Span(1, 9, 1, 15)),)
    assert parsed.attributes[0].value == Scalar("a", Span(1, 5, 1, 8))
    assert parsed.attributes[1].value == Scalar("hi\r\n", Span(2, 5, 4, 4), TextOrigin(3, 1, 0))


def test_function_calls() -> None:
    node = only_value('x = provider::aws::arn_parse(var.arn, "x")')
    assert node == Call(
        "provider::aws::arn_parse",
        (Expression("var.arn", Span(1, 30, 1, 37)), Scalar("x", Span(1, 39, 1, 42))),
        Span(1, 5, 1, 43),
        'provider::aws::arn_parse(var.arn, "x")',
    )
    assert only_value("x = timestamp()") == Call("timestamp", (), Span(1, 5, 1, 16), "timestamp()")


def test_call_with_expanded_argument_stays_an_expression() -> None:
    assert only_value("x = max(var.numbers...)") == Expression(
        "max(var.numbers...)", Span(1, 5, 1, 24)
    )


def test_template_directives_stay_expressions() -> None:
    node = only_value('x = "%{ if var.on }yes%{ else }no%{ endif }"')
    assert node == Template(
        (
            Expression("%{ if var.on }", Span(1, 6, 1, 20)),
            Scalar("yes", Span(1, 20, 1, 23)),
            Expression("%{ else }", Span(1, 23, 1, 32)),
            Scalar("no", Span(1, 32, 1, 34)),
            Expression("%{ endif }", Span(1, 34, 1, 44)),
        ),
        Span(1, 5, 1, 45),
        '"%{ if var.on }yes%{ else }no%{ endif }"',
    )


def test_interpolation_holding_a_structure() -> None:
    node = only_value('x = "${jsonencode(["a"])}!"')
    assert node == Template(
        (
            Call(
                "jsonencode",
                (Sequence((Scalar("a", Span(1, 20, 1, 23)),), Span(1, 19, 1, 24)),),
                Span(1, 8, 1, 25),
                'jsonencode(["a"])',
            ),
            Scalar("!", Span(1, 26, 1, 27)),
        ),
        Span(1, 5, 1, 28),
        '"${jsonencode(["a"])}!"',
    )


# --- heredocs ----------------------------------------------------------------------------------


def test_plain_heredoc_keeps_indentation_and_trailing_newline() -> None:
    text = "x = <<EOT\n  a\n    b\nEOT\n"
    assert only_value(text) == Scalar("  a\n    b\n", Span(1, 5, 4, 4), TextOrigin(2, 1, 0))


def test_trimmed_heredoc_ignores_blank_lines_for_indentation() -> None:
    text = "x = <<-EOT\n      a\n\n        b\n    EOT\n"
    assert only_value(text) == Scalar("a\n\n  b\n", Span(1, 5, 5, 8), TextOrigin(2, 7, 6))


def test_empty_heredoc() -> None:
    assert only_value("x = <<EOT\nEOT\n") == Scalar("", Span(1, 5, 2, 4), TextOrigin(2, 1, 0))


def test_heredoc_with_escaped_interpolation_is_a_scalar() -> None:
    text = "x = <<EOT\n$${a} %%{b}\nEOT\n"
    assert only_value(text) == Scalar("${a} %{b}\n", Span(1, 5, 3, 4), TextOrigin(2, 1, 0))


def test_trimmed_heredoc_template() -> None:
    text = 'x = <<-EOT\n    a ${lookup(var.m, "}")}\n      ${var.b}\n    EOT\n'
    assert only_value(text) == Template(
        (
            Scalar("a ", Span(2, 5, 2, 7)),
            Call(
                "lookup",
                (Expression("var.m", Span(2, 16, 2, 21)), Scalar("}", Span(2, 23, 2, 26))),
                Span(2, 9, 2, 27),
                'lookup(var.m, "}")',
            ),
            Scalar("\n  ", Span(2, 28, 3, 7)),
            Expression("var.b", Span(3, 9, 3, 14)),
            Scalar("\n", Span(3, 15, 4, 1)),
        ),
        Span(1, 5, 4, 8),
        '<<-EOT\n    a ${lookup(var.m, "}")}\n      ${var.b}\n    EOT',
    )


def test_heredoc_interpolation_over_several_lines_and_directive() -> None:
    text = "x = <<EOT\n${\n  var.a\n}%{ if true }y%{ endif }\nEOT\n"
    node = only_value(text)
    assert isinstance(node, Template)
    assert node.parts == (
        Expression("var.a", Span(3, 3, 3, 8)),
        Expression("%{ if true }", Span(4, 2, 4, 14)),
        Scalar("y", Span(4, 14, 4, 15)),
        Expression("%{ endif }", Span(4, 15, 4, 25)),
        Scalar("\n", Span(4, 25, 5, 1)),
    )


def test_heredoc_ends_attribute_span_at_the_closing_marker() -> None:
    parsed, _ = parse_hcl("a = <<EOT\nx\nEOT\nb = 2\n")
    assert parsed.attributes[0].span == Span(1, 1, 3, 4)
    assert parsed.attributes[1].span == Span(4, 1, 4, 6)


@pytest.mark.parametrize(
    ("text", "message", "span"),
    [
        ("x = <<EOT\n${var.a\nEOT\n", "unterminated template sequence", Span(2, 1, 3, 1)),
        ("x = <<EOT\n${a b}\nEOT\n", "unexpected 'b' (expected ')')", Span(2, 5, 2, 6)),
        ("x = <<EOT\n${a) + (b}\nEOT\n", "malformed interpolation", Span(2, 3, 2, 10)),
    ],
)
def test_malformed_heredoc_template(text: str, message: str, span: Span) -> None:
    with pytest.raises(InputError) as raised:
        parse_hcl(text)
    assert (raised.value.message, raised.value.span) == (message, span)


# --- errors and limits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "span"),
    [
        ("a = 1\n}\n", "unexpected '}' (expected an attribute or block)", Span(2, 1, 2, 2)),
        (
            'resource "x" "y" {\n  a = \n}\n',
            "unexpected end of line (expected an expression)",
            Span(2, 7, 2, 7),
        ),
        ('x {\n  y = "a"\n', "unexpected end of file (expected '}')", Span(2, 10, 2, 10)),
        ("a = [1, 2\n", "unexpected end of file (expected ',' or ']')", Span(1, 10, 1, 10)),
        ("a = f(1,,2)", "unexpected ',' (expected an expression or ')')", Span(1, 9, 1, 10)),
        ("a = @", "unexpected '@' (expected an expression)", Span(1, 5, 1, 6)),
        ("a = x ? 1\n", "unexpected end of file (expected ':')", Span(1, 10, 1, 10)),
        (
            "a = <<EOF\nnever closed\n",
            "unexpected '<<EOF' (expected an expression)",
            Span(1, 5, 1, 10),
        ),
        ('x "${a}" {}\n', "a block label cannot hold a template", Span(1, 3, 1, 9)),
    ],
)
def test_malformed_hcl_raises_input_error_at_the_problem(
    text: str, message: str, span: Span
) -> None:
    with pytest.raises(InputError) as raised:
        parse_hcl(text)
    assert not isinstance(raised.value, LimitExceeded)
    assert (raised.value.message, raised.value.span) == (message, span)


def test_nesting_up_to_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH - 1
    node = only_value("x = " + "[" * depth + "1" + "]" * depth)
    for _ in range(depth):
        assert isinstance(node, Sequence)
        node = node.items[0]
    assert node == Scalar(1, Span(1, 5 + depth, 1, 6 + depth))


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH,
        "x = " + "[" * 20_000 + "]" * 20_000,
        "x = " + "f(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH,
        "x = " + "{a = " * MAX_DEPTH + "1" + "}" * MAX_DEPTH,
        "b {\n" * (MAX_DEPTH + 1) + "}\n" * (MAX_DEPTH + 1),
        "x = <<EOT\n${" + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}\nEOT\n",
    ],
    ids=["lists", "absurd-lists", "calls", "objects", "blocks", "heredoc-interpolation"],
)
def test_nesting_beyond_the_limit_raises_limit_exceeded(text: str) -> None:
    with pytest.raises(LimitExceeded) as raised:
        parse_hcl(text)
    assert raised.value.span is not None
    assert raised.value.span.start_line >= 1


def test_blocks_nested_to_the_limit_are_accepted() -> None:
    parsed, _ = parse_hcl("b {\n" * MAX_DEPTH + "}\n" * MAX_DEPTH)
    inner = parsed.blocks[0]
    for _ in range(MAX_DEPTH - 1):
        inner = inner.body.blocks[0]
    assert inner.header == Span(MAX_DEPTH, 1, MAX_DEPTH, 4)
    assert inner.body.blocks == ()


def test_deep_opaque_expressions_do_not_recurse() -> None:
    source = "(" * 20_000 + "1" + ")" * 20_000
    node = only_value(f"x = {source}")
    assert node == Expression(source, Span(1, 5, 1, 5 + len(source)))


def test_recursion_error_from_the_parser_becomes_limit_exceeded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def overflow(text: str) -> None:
        raise RecursionError

    monkeypatch.setattr("hcl2.parses_to_tree", overflow)
    with pytest.raises(LimitExceeded):
        parse_hcl("x = 1")


def test_other_parser_failures_become_input_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("hcl2.parses_to_tree", broken)
    with pytest.raises(InputError, match="malformed HCL: boom"):
        parse_hcl("x = 1")


# --- Terraform JSON ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def main_tf_json() -> tuple[Body, tuple[Comment, ...]]:
    return parse_tf_json((FIXTURES / "main.tf.json").read_text())


def test_tf_json_blocks_and_labels(main_tf_json: tuple[Body, tuple[Comment, ...]]) -> None:
    body = main_tf_json[0]
    assert [(b.type, b.labels) for b in body.blocks] == [
        ("resource", ("aws_s3_bucket", "logs")),
        ("resource", ("aws_iam_policy", "deploy")),
        ("data", ("aws_iam_policy_document", "trust")),
        ("variable", ("env",)),
        ("locals", ()),
        ("provider", ("aws",)),
        ("provider", ("aws",)),
        ("module", ("network",)),
    ]
    assert body.span == Span(1, 1, 28, 2)


def test_tf_json_positions(main_tf_json: tuple[Body, tuple[Comment, ...]]) -> None:
    body = main_tf_json[0]
    logs = block(body, "resource", "aws_s3_bucket", "logs")
    assert logs.header == Span(5, 7, 5, 13)
    assert logs.span == Span(5, 7, 8, 8)
    assert logs.body.attribute("force_destroy") == Attribute(
        "force_destroy",
        Span(7, 9, 7, 24),
        Scalar(False, Span(7, 26, 7, 31)),
        Span(7, 9, 7, 31),
    )
    trust = block(body, "data", "aws_iam_policy_document", "trust")
    statement = value(trust.body, "statement")
    assert isinstance(statement, Sequence)
    (first,) = statement.items
    assert isinstance(first, Mapping)
    assert first.get("actions") == Sequence(
        (Scalar("sts:AssumeRole", Span(20, 36, 20, 52)),), Span(20, 35, 20, 53)
    )


def test_tf_json_templates(main_tf_json: tuple[Body, tuple[Comment, ...]]) -> None:
    body = main_tf_json[0]
    string_span = Span(6, 19, 6, 36)
    assert value(block(body, "resource", "aws_s3_bucket", "logs").body, "bucket") == Template(
        (Scalar("logs-", string_span), Expression("var.env", string_span)),
        string_span,
        '"logs-${var.env}"',
    )
    policy = value(block(body, "resource", "aws_iam_policy", "deploy").body, "policy")
    policy_span = Span(13, 19, 13, 72)
    assert isinstance(policy, Template)
    assert policy.span == policy_span
    (call,) = policy.parts
    assert isinstance(call, Call)
    assert call.name == "jsonencode"
    assert call.span == policy_span
    assert call.text == 'jsonencode({Statement = [{Effect = "Allow"}]})'
    (document,) = call.args
    assert isinstance(document, Mapping)
    statements = document.get("Statement")
    assert isinstance(statements, Sequence)
    (statement,) = statements.items
    assert statement == Mapping(
        (Entry("Effect", policy_span, Scalar("Allow", policy_span)),), policy_span
    )
    assert value(block(body, "locals").body, "escaped") == Scalar(
        "${not_a_reference}", Span(25, 25, 25, 46)
    )


def test_tf_json_comments(main_tf_json: tuple[Body, tuple[Comment, ...]]) -> None:
    assert main_tf_json[1] == (
        Comment("policyguard:ignore S3-001 -- generated by cdktf", Span(2, 3, 2, 58)),
        Comment("policyguard:ignore IAM-001 -- reviewed", Span(12, 9, 12, 55)),
    )
    deploy = block(main_tf_json[0], "resource", "aws_iam_policy", "deploy")
    assert [a.name for a in deploy.body.attributes] == ["policy"]


@pytest.mark.parametrize(
    ("text", "message", "span"),
    [
        ("[]", "a Terraform JSON file must hold a JSON object", Span(1, 1, 1, 3)),
        (
            '{"resource": {"a": {"b": 1}}}',
            "expected a JSON object for a resource block",
            Span(1, 26, 1, 27),
        ),
        ('{"locals": "x"}', "expected a JSON object for a locals block", Span(1, 12, 1, 15)),
    ],
)
def test_tf_json_errors(text: str, message: str, span: Span) -> None:
    with pytest.raises(InputError) as raised:
        parse_tf_json(text)
    assert (raised.value.message, raised.value.span) == (message, span)


def test_tf_json_malformed_json_raises_input_error() -> None:
    with pytest.raises(InputError) as raised:
        parse_tf_json('{"resource": {\n  "a": }\n}')
    assert raised.value.span is not None
    assert raised.value.span.start_line == 2
