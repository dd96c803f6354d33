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
    Conditional,
    Entry,
    Expression,
    ForExpression,
    Index,
    Mapping,
    Node,
    Operation,
    Scalar,
    ScalarValue,
    Sequence,
    Splat,
    Template,
    TextOrigin,
    Traversal,
    Variable,
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


def cols(start: int, end: int, line: int = 1) -> Span:
    """A span within one line."""
    return Span(line, start, line, end)


def reference(root: str, *steps: str, at: tuple[int, int] = (5, 0), line: int = 1) -> Traversal:
    """``root.step...`` of attribute steps only, written from column ``at[0]`` of ``line``."""
    text = ".".join((root, *steps))
    start = at[0]
    return Traversal(
        Variable(root, cols(start, start + len(root), line)),
        steps,
        cols(start, start + len(text), line),
        text,
    )


def shape(node: Node) -> object:
    """A compact picture of an expression: operations as tuples, references as their text."""
    if isinstance(node, Operation):
        return (node.operator, *(shape(operand) for operand in node.operands))
    if isinstance(node, Variable):
        return node.name
    if isinstance(node, Traversal | Call):
        return node.text
    if isinstance(node, Scalar):
        return node.value
    return node


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
    assert value(bucket_name, "type") == Variable("string", Span(7, 13, 7, 19))
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
    assert allow.get("Resource") == reference("local", "prefix", at=(20, 0), line=29)
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
            reference("var", "bucket_name", at=(30, 0), line=50),
            Scalar('/*"}\n', Span(50, 46, 51, 1)),
        ),
        Span(49, 12, 51, 4),
        '<<EOF\n{"Resource": "arn:aws:s3:::${var.bucket_name}/*"}\nEOF',
        TextOrigin(50, 1, 0),
    )


def test_quoted_template_parts(body: Body) -> None:
    assert value(block(body, "locals").body, "prefix") == Template(
        (
            Scalar("arn:aws:s3:::", Span(16, 13, 16, 26)),
            reference("var", "bucket_name", at=(28, 0), line=16),
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
    assert value(logs, "bucket") == reference("var", "bucket_name", at=(19, 0), line=57)
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
    assert value(network.body, "enabled") == Conditional(
        Operation(
            ">",
            (
                reference("var", "retention_days", at=(13, 0), line=88),
                Scalar(0, Span(88, 34, 88, 35)),
            ),
            Span(88, 13, 88, 35),
            "var.retention_days > 0",
        ),
        Scalar(True, Span(88, 38, 88, 42)),
        Scalar(False, Span(88, 45, 88, 50)),
        Span(88, 13, 88, 50),
        "var.retention_days > 0 ? true : false",
    )


def test_comments_of_all_kinds(main_tf: tuple[Body, tuple[Comment, ...]]) -> None:
    assert main_tf[1] == (
        Comment("# IAM policies written three ways.", Span(1, 1, 1, 35)),
        Comment("// overridden per workspace", Span(8, 28, 8, 55)),
        Comment("# policyguard:ignore IAM-001 -- deploy role needs it", Span(22, 3, 22, 55)),
        Comment("# policyguard:ignore IAM-002 -- reviewed", Span(28, 53, 28, 93)),
        Comment("/* Buckets\n   and their settings */", Span(54, 1, 55, 25)),
    )


# --- the expressions fixture: references, operators, for expressions and directives ------------


@pytest.fixture(scope="module")
def expressions() -> Body:
    return parse_hcl((FIXTURES / "expressions.tf").read_text())[0]


def test_fixture_for_expressions(expressions: Body) -> None:
    locals_ = block(expressions, "locals").body
    assert value(locals_, "buckets") == ForExpression(
        "name",
        "bucket",
        reference("var", "buckets", at=(37, 0), line=2),
        Variable("name", cols(51, 55, line=2)),
        Variable("bucket", cols(59, 65, line=2)),
        reference("bucket", "enabled", at=(69, 0), line=2),
        False,
        False,
        cols(15, 85, line=2),
        "{ for name, bucket in var.buckets : name => bucket if bucket.enabled }",
    )
    arns = value(locals_, "arns")
    assert isinstance(arns, ForExpression)
    assert arns.value == Template(
        (reference("b", "arn", at=(49, 0), line=3), Scalar("/*", cols(55, 57, line=3))),
        cols(46, 58, line=3),
        '"${b.arn}/*"',
    )
    by_owner = value(locals_, "by_owner")
    assert isinstance(by_owner, ForExpression)
    assert (by_owner.key_name, by_owner.value_name, by_owner.grouping) == (None, "b", True)
    assert by_owner.key == reference("b", "owner", at=(40, 0), line=4)


def test_fixture_conditional_and_expanded_call(expressions: Body) -> None:
    locals_ = block(expressions, "locals").body
    admin_arn = value(locals_, "admin_arn")
    assert isinstance(admin_arn, Conditional)
    assert shape(admin_arn.condition) == ("==", "var.admin", None)
    assert admin_arn.true == Scalar("", cols(35, 37, line=5))
    assert admin_arn.false == Traversal(
        Variable("data", cols(40, 44, line=5)),
        (
            "aws_iam_role",
            "admin",
            Index(Scalar(0, cols(64, 65, line=5)), cols(63, 66, line=5)),
            "arn",
        ),
        cols(40, 70, line=5),
        "data.aws_iam_role.admin[0].arn",
    )
    readers = value(locals_, "readers")
    assert isinstance(readers, Call)
    assert readers.expand
    assert [shape(arg) for arg in readers.args] == [
        "aws_iam_role.reader[*].arn",
        "var.extra_readers",
    ]


def test_fixture_count_precedence(expressions: Body) -> None:
    count = value(block(expressions, "resource", "aws_iam_policy", "readers").body, "count")
    assert isinstance(count, Conditional)
    assert shape(count.condition) == (
        "&&",
        (">", "length(local.readers)", 0),
        ("!", "var.disabled"),
    )
    assert (count.true, count.false) == (
        Scalar(1, cols(56, 57, line=10)),
        Scalar(0, cols(60, 61, line=10)),
    )


def test_fixture_heredoc_with_directives(expressions: Body) -> None:
    policy = value(block(expressions, "resource", "aws_iam_policy", "readers").body, "policy")
    assert isinstance(policy, Template)
    assert policy.origin == TextOrigin(13, 5, 4)
    assert policy.span == Span(12, 12, 20, 6)
    opening, loop, closing = policy.parts
    assert opening == Scalar('{\n  "Statement": [', Span(13, 5, 15, 5))
    assert closing == Scalar("]\n}\n", Span(17, 18, 20, 1))
    assert isinstance(loop, ForExpression)
    assert (loop.key_name, loop.value_name, loop.template) == ("i", "arn", True)
    assert loop.collection == reference("local", "readers", at=(23, 0), line=15)
    assert loop.span == Span(15, 5, 17, 18)
    assert isinstance(loop.value, Template)
    statement, arn, statement_end, comma = loop.value.parts
    assert statement == Scalar('{"Effect": "Allow", "Principal": {"AWS": "', Span(15, 39, 16, 51))
    assert arn == Variable("arn", cols(53, 56, line=16))
    assert statement_end == Scalar('"}}', cols(57, 60, line=16))
    assert comma == Conditional(
        Operation(
            "<",
            (
                Variable("i", cols(66, 67, line=16)),
                Operation(
                    "-",
                    (
                        Call(
                            "length",
                            (reference("local", "readers", at=(77, 0), line=16),),
                            cols(70, 91, line=16),
                            "length(local.readers)",
                        ),
                        Scalar(1, cols(94, 95, line=16)),
                    ),
                    cols(70, 95, line=16),
                    "length(local.readers) - 1",
                ),
            ),
            cols(66, 95, line=16),
            "i < length(local.readers) - 1",
        ),
        Scalar(",", cols(97, 98, line=16)),
        Scalar("", cols(98, 98, line=16)),
        cols(60, 108, line=16),
        "%{ if i < length(local.readers) - 1 },%{ endif }",
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


def test_names_are_variables() -> None:
    assert only_value("x = foo") == Variable("foo", cols(5, 8))


def summary(step: str | Index | Splat) -> object:
    if isinstance(step, Index):
        return ("index", shape(step.key))
    if isinstance(step, Splat):
        return "[*]" if step.full else ".*"
    return step


@pytest.mark.parametrize(
    ("source", "root", "steps"),
    [
        ("var.x", "var", ["x"]),
        ("aws_s3_bucket.b.arn", "aws_s3_bucket", ["b", "arn"]),
        ('local.m["k"][0]', "local", ["m", ("index", "k"), ("index", 0)]),
        (
            "data.aws_iam_policy_document.p.json",
            "data",
            ["aws_iam_policy_document", "p", "json"],
        ),
        ("module.m.out", "module", ["m", "out"]),
        ("each.value.name", "each", ["value", "name"]),
        ("count.index", "count", ["index"]),
        ("path.module", "path", ["module"]),
        ("var.list[count.index]", "var", ["list", ("index", "count.index")]),
        ("var.legacy.0.id", "var", ["legacy", ("index", 0), "id"]),
        ("aws_instance.web[*].id", "aws_instance", ["web", "[*]", "id"]),
        ("var.list.*.id", "var", ["list", ".*", "id"]),
        ('aws_iam_role.r[*].tags["Name"]', "aws_iam_role", ["r", "[*]", "tags", ("index", "Name")]),
        ("a[*].b[*].c", "a", ["[*]", "b", "[*]", "c"]),
    ],
)
def test_references_are_traversals(source: str, root: str, steps: list[object]) -> None:
    node = only_value(f"x = {source}\n")
    assert isinstance(node, Traversal)
    assert (node.text, node.span) == (source, cols(5, 5 + len(source)))
    assert node.source == Variable(root, cols(5, 5 + len(root)))
    assert [summary(step) for step in node.steps] == steps


def test_traversal_steps_keep_their_spans() -> None:
    assert only_value('x = local.m["k"][0]') == Traversal(
        Variable("local", cols(5, 10)),
        (
            "m",
            Index(Scalar("k", cols(13, 16)), cols(12, 17)),
            Index(Scalar(0, cols(18, 19)), cols(17, 20)),
        ),
        cols(5, 20),
        'local.m["k"][0]',
    )


def test_legacy_index_is_an_index() -> None:
    assert only_value("x = a.0") == Traversal(
        Variable("a", cols(5, 6)), (Index(Scalar(0, cols(7, 8)), cols(6, 8)),), cols(5, 8), "a.0"
    )


def test_splats() -> None:
    assert only_value("x = aws_instance.web[*].id") == Traversal(
        Variable("aws_instance", cols(5, 17)),
        ("web", Splat(True, cols(21, 24)), "id"),
        cols(5, 27),
        "aws_instance.web[*].id",
    )
    assert only_value("x = var.list.*.id") == Traversal(
        Variable("var", cols(5, 8)),
        ("list", Splat(False, cols(13, 15)), "id"),
        cols(5, 18),
        "var.list.*.id",
    )


def test_index_or_splat_after_an_attribute_splat_applies_to_its_result() -> None:
    assert only_value("x = a.*.b[0]") == Traversal(
        Traversal(Variable("a", cols(5, 6)), (Splat(False, cols(6, 8)), "b"), cols(5, 10), "a.*.b"),
        (Index(Scalar(0, cols(11, 12)), cols(10, 13)),),
        cols(5, 13),
        "a.*.b[0]",
    )
    assert only_value("x = a.*[*].c") == Traversal(
        Traversal(Variable("a", cols(5, 6)), (Splat(False, cols(6, 8)),), cols(5, 8), "a.*"),
        (Splat(True, cols(8, 11)), "c"),
        cols(5, 13),
        "a.*[*].c",
    )


def test_index_after_an_attribute_splat_inside_a_full_splat_stays_an_expression() -> None:
    assert only_value("x = a[*].b.*.c[0]") == Expression("a[*].b.*.c[0]", cols(5, 18))


def test_traversal_of_other_expressions() -> None:
    assert only_value("x = (local.a).b") == Traversal(
        reference("local", "a", at=(6, 0)), ("b",), cols(5, 16), "(local.a).b"
    )
    assert only_value("x = f()[0]") == Traversal(
        Call("f", (), cols(5, 8), "f()"),
        (Index(Scalar(0, cols(9, 10)), cols(8, 11)),),
        cols(5, 11),
        "f()[0]",
    )
    assert only_value("x = [1, 2][0]") == Traversal(
        Sequence((Scalar(1, cols(6, 7)), Scalar(2, cols(9, 10))), cols(5, 11)),
        (Index(Scalar(0, cols(12, 13)), cols(11, 14)),),
        cols(5, 14),
        "[1, 2][0]",
    )


def test_conditional() -> None:
    assert only_value("x = var.a ? 1 : 2") == Conditional(
        reference("var", "a"),
        Scalar(1, cols(13, 14)),
        Scalar(2, cols(17, 18)),
        cols(5, 18),
        "var.a ? 1 : 2",
    )


def test_binary_operation_spans_and_texts() -> None:
    assert only_value("x = a || b && c") == Operation(
        "||",
        (
            Variable("a", cols(5, 6)),
            Operation(
                "&&",
                (Variable("b", cols(10, 11)), Variable("c", cols(15, 16))),
                cols(10, 16),
                "b && c",
            ),
        ),
        cols(5, 16),
        "a || b && c",
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a || b && c", ("||", "a", ("&&", "b", "c"))),
        ("a && b || c", ("||", ("&&", "a", "b"), "c")),
        ("a == b && c", ("&&", ("==", "a", "b"), "c")),
        ("a < b == c > d", ("==", ("<", "a", "b"), (">", "c", "d"))),
        ("a <= b != c >= d", ("!=", ("<=", "a", "b"), (">=", "c", "d"))),
        ("1 + 2 * 3 >= 4", (">=", ("+", 1, ("*", 2, 3)), 4)),
        ("a * b - c", ("-", ("*", "a", "b"), "c")),
        ("a - b - c", ("-", ("-", "a", "b"), "c")),
        ("a / b * c % d", ("%", ("*", ("/", "a", "b"), "c"), "d")),
        ("(a || b) && c", ("&&", ("||", "a", "b"), "c")),
        ("!a && b", ("&&", ("!", "a"), "b")),
        ("-var.x * 2", ("*", ("-", "var.x"), 2)),
        ("a - -1", ("-", "a", -1)),
        ("length(var.l) > 0", (">", "length(var.l)", 0)),
    ],
)
def test_operators_follow_hcl_precedence(source: str, expected: object) -> None:
    node = only_value(f"x = {source}\n")
    assert shape(node) == expected
    assert isinstance(node, Operation)
    assert (node.text, node.span) == (source, cols(5, 5 + len(source)))


def test_unary_operations() -> None:
    assert only_value("x = !var.enabled") == Operation(
        "!", (reference("var", "enabled", at=(6, 0)),), cols(5, 17), "!var.enabled"
    )
    assert only_value("x = -var.x") == Operation(
        "-", (reference("var", "x", at=(6, 0)),), cols(5, 11), "-var.x"
    )


def test_parentheses_give_the_node_inside_them() -> None:
    attribute = only_attribute("x = (1 + 2)")
    assert attribute.span == cols(1, 12)
    assert attribute.value == Operation(
        "+", (Scalar(1, cols(6, 7)), Scalar(2, cols(10, 11))), cols(6, 11), "1 + 2"
    )
    assert only_value("x = ((var.x))") == reference("var", "x", at=(7, 0))


def test_operators_continued_on_later_lines() -> None:
    text = "x = a\n  && b # why\n  || c\ny = 1\n"
    parsed, comments = parse_hcl(text)
    assert parsed.attributes[0] == Attribute(
        "x",
        Span(1, 1, 1, 2),
        Operation(
            "||",
            (
                Operation(
                    "&&",
                    (Variable("a", cols(5, 6)), Variable("b", cols(6, 7, line=2))),
                    Span(1, 5, 2, 7),
                    "a\n  && b",
                ),
                Variable("c", cols(6, 7, line=3)),
            ),
            Span(1, 5, 3, 7),
            "a\n  && b # why\n  || c",
        ),
        Span(1, 1, 3, 7),
    )
    assert comments == (Comment("# why", Span(2, 8, 2, 13)),)


def test_for_expression_making_a_list() -> None:
    source = '[for s in var.list : upper(s) if s != ""]'
    assert only_value(f"x = {source}") == ForExpression(
        None,
        "s",
        reference("var", "list", at=(15, 0)),
        None,
        Call("upper", (Variable("s", cols(32, 33)),), cols(26, 34), "upper(s)"),
        Operation(
            "!=", (Variable("s", cols(38, 39)), Scalar("", cols(43, 45))), cols(38, 45), 's != ""'
        ),
        False,
        False,
        cols(5, 46),
        source,
    )


def test_for_expression_with_key_and_value() -> None:
    node = only_value("x = [for i, v in var.l : i]")
    assert isinstance(node, ForExpression)
    assert (node.key_name, node.value_name) == ("i", "v")
    assert node.value == Variable("i", cols(26, 27))
    assert (node.key, node.condition, node.grouping, node.template) == (None, None, False, False)


def test_for_expression_making_an_object() -> None:
    node = only_value("x = {for k, v in var.map : k => v}")
    assert node == ForExpression(
        "k",
        "v",
        reference("var", "map", at=(18, 0)),
        Variable("k", cols(28, 29)),
        Variable("v", cols(33, 34)),
        None,
        False,
        False,
        cols(5, 35),
        "{for k, v in var.map : k => v}",
    )


def test_for_expression_grouping_with_condition() -> None:
    source = '{for k, v in var.map : v => k... if k != "x"}'
    assert only_value(f"x = {source}") == ForExpression(
        "k",
        "v",
        reference("var", "map", at=(18, 0)),
        Variable("v", cols(28, 29)),
        Variable("k", cols(33, 34)),
        Operation(
            "!=", (Variable("k", cols(41, 42)), Scalar("x", cols(46, 49))), cols(41, 49), 'k != "x"'
        ),
        True,
        False,
        cols(5, 50),
        source,
    )


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
        (reference("var", "arn", at=(30, 0)), Scalar("x", Span(1, 39, 1, 42))),
        Span(1, 5, 1, 43),
        'provider::aws::arn_parse(var.arn, "x")',
    )
    assert only_value("x = timestamp()") == Call("timestamp", (), Span(1, 5, 1, 16), "timestamp()")


def test_call_with_expanded_argument() -> None:
    assert only_value("x = max(var.numbers...)") == Call(
        "max",
        (reference("var", "numbers", at=(9, 0)),),
        cols(5, 24),
        "max(var.numbers...)",
        expand=True,
    )


def test_template_if_else_directive() -> None:
    node = only_value('x = "%{ if var.on }yes%{ else }no%{ endif }"')
    assert node == Template(
        (
            Conditional(
                reference("var", "on", at=(12, 0)),
                Scalar("yes", cols(20, 23)),
                Scalar("no", cols(32, 34)),
                cols(6, 44),
                "%{ if var.on }yes%{ else }no%{ endif }",
            ),
        ),
        cols(5, 45),
        '"%{ if var.on }yes%{ else }no%{ endif }"',
    )


def test_template_if_without_else_is_empty_at_the_endif() -> None:
    node = only_value('x = "a%{ if var.on }b%{ endif }"')
    assert node == Template(
        (
            Scalar("a", cols(6, 7)),
            Conditional(
                reference("var", "on", at=(13, 0)),
                Scalar("b", cols(21, 22)),
                Scalar("", cols(22, 22)),
                cols(7, 32),
                "%{ if var.on }b%{ endif }",
            ),
        ),
        cols(5, 33),
        '"a%{ if var.on }b%{ endif }"',
    )


def test_template_for_directive() -> None:
    node = only_value('x = "%{ for k, v in var.m }${k}=${v};%{ endfor }"')
    assert node == Template(
        (
            ForExpression(
                "k",
                "v",
                reference("var", "m", at=(21, 0)),
                None,
                Template(
                    (
                        Variable("k", cols(30, 31)),
                        Scalar("=", cols(32, 33)),
                        Variable("v", cols(35, 36)),
                        Scalar(";", cols(37, 38)),
                    ),
                    cols(28, 38),
                    "${k}=${v};",
                ),
                None,
                False,
                True,
                cols(6, 49),
                "%{ for k, v in var.m }${k}=${v};%{ endfor }",
            ),
        ),
        cols(5, 50),
        '"%{ for k, v in var.m }${k}=${v};%{ endfor }"',
    )


def test_template_strip_markers_trim_the_literals_next_to_them() -> None:
    node = only_value('x = "< %{~ if a ~} x %{~ else ~} y %{~ endif ~} >"')
    assert node == Template(
        (
            Scalar("<", cols(6, 8)),
            Conditional(
                Variable("a", cols(15, 16)),
                Scalar("x", cols(19, 22)),
                Scalar("y", cols(33, 36)),
                cols(8, 48),
                "%{~ if a ~} x %{~ else ~} y %{~ endif ~}",
            ),
            Scalar(">", cols(48, 50)),
        ),
        cols(5, 51),
        '"< %{~ if a ~} x %{~ else ~} y %{~ endif ~} >"',
    )


def test_nested_template_directives() -> None:
    node = only_value('x = "%{ for v in l }%{ if v }${v}%{ endif }%{ endfor }"')
    conditional = Conditional(
        Variable("v", cols(27, 28)),
        Template((Variable("v", cols(32, 33)),), cols(30, 34), "${v}"),
        Scalar("", cols(34, 34)),
        cols(21, 44),
        "%{ if v }${v}%{ endif }",
    )
    assert node == Template(
        (
            ForExpression(
                None,
                "v",
                Variable("l", cols(18, 19)),
                None,
                Template((conditional,), cols(21, 44), "%{ if v }${v}%{ endif }"),
                None,
                False,
                True,
                cols(6, 55),
                "%{ for v in l }%{ if v }${v}%{ endif }%{ endfor }",
            ),
        ),
        cols(5, 56),
        '"%{ for v in l }%{ if v }${v}%{ endif }%{ endfor }"',
    )


def test_backslash_quoted_string_in_a_directive_stays_an_expression() -> None:
    # hcl2 accepts \"...\" inside a directive of a quoted string, a legacy form.
    node = only_value('x = "%{ if x == \\"a\\" }y%{ endif }"')
    assert isinstance(node, Template)
    (conditional,) = node.parts
    assert isinstance(conditional, Conditional)
    assert conditional.condition == Operation(
        "==",
        (Variable("x", cols(12, 13)), Expression('\\"a\\"', cols(17, 22))),
        cols(12, 22),
        'x == \\"a\\"',
    )


@pytest.mark.parametrize(
    ("text", "message", "span"),
    [
        ('x = "%{ endif }"', "unexpected 'endif' directive", cols(6, 16)),
        ('x = "%{ if a }b"', "'if' directive without 'endif'", cols(6, 15)),
        ('x = "%{ for a in b }%{ else }%{ endfor }"', "unexpected 'else' directive", cols(21, 30)),
        (
            'x = "%{ if a }%{ else }%{ else }%{ endif }"',
            "unexpected 'else' directive",
            cols(24, 33),
        ),
        ('x = "%{ for a in b }%{ endif }"', "unexpected 'endif' directive", cols(21, 31)),
        ("x = <<EOT\n%{ endfor }\nEOT\n", "unexpected 'endfor' directive", cols(1, 12, line=2)),
        ("x = <<EOT\n%{ if a }\nEOT\n", "'if' directive without 'endif'", cols(1, 10, line=2)),
        ("x = <<EOT\n%{ bogus }\nEOT\n", "malformed template directive", cols(1, 11, line=2)),
        (
            "x = <<EOT\n%{ for a b in c }%{ endfor }\nEOT\n",
            "malformed template directive",
            cols(1, 18, line=2),
        ),
        ("x = <<EOT\n%{ else x }\nEOT\n", "malformed template directive", cols(1, 12, line=2)),
    ],
)
def test_unbalanced_or_malformed_template_directives(text: str, message: str, span: Span) -> None:
    with pytest.raises(InputError) as raised:
        parse_hcl(text)
    assert (raised.value.message, raised.value.span) == (message, span)


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


def test_heredoc_marker_may_carry_trailing_blanks_as_in_terraform() -> None:
    text = 'x = <<EOT\n{"a": 1}\nEOT  \ny = <<-EOT\n  b\n  EOT\t\nz = "EOT  "\n'
    body, _ = parse_hcl(text)
    x, y, z = body.attributes
    assert x.value == Scalar('{"a": 1}\n', Span(1, 5, 3, 4), TextOrigin(2, 1, 0))
    assert y.value == Scalar("b\n", Span(4, 5, 6, 6), TextOrigin(5, 3, 2))
    assert z.value == Scalar("EOT  ", Span(7, 5, 7, 12))


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
                (reference("var", "m", at=(16, 0), line=2), Scalar("}", Span(2, 23, 2, 26))),
                Span(2, 9, 2, 27),
                'lookup(var.m, "}")',
            ),
            Scalar("\n  ", Span(2, 28, 3, 7)),
            reference("var", "b", at=(9, 0), line=3),
            Scalar("\n", Span(3, 15, 4, 1)),
        ),
        Span(1, 5, 4, 8),
        '<<-EOT\n    a ${lookup(var.m, "}")}\n      ${var.b}\n    EOT',
        TextOrigin(2, 5, 4),
    )


def test_heredoc_interpolation_over_several_lines_and_directive() -> None:
    text = "x = <<EOT\n${\n  var.a\n}%{ if true }y%{ endif }\nEOT\n"
    node = only_value(text)
    assert isinstance(node, Template)
    assert node.parts == (
        reference("var", "a", at=(3, 0), line=3),
        Conditional(
            Scalar(True, cols(8, 12, line=4)),
            Scalar("y", cols(14, 15, line=4)),
            Scalar("", cols(15, 15, line=4)),
            cols(2, 25, line=4),
            "%{ if true }y%{ endif }",
        ),
        Scalar("\n", Span(4, 25, 5, 1)),
    )


def test_heredoc_template_directives_with_strip_markers() -> None:
    text = "x = <<EOT\n%{ for s in var.list ~}\n  ${s}\n%{ endfor ~}\nEOT\n"
    body = Template(
        (Variable("s", cols(5, 6, line=3)), Scalar("\n", Span(3, 7, 4, 1))),
        Span(2, 24, 4, 1),
        "\n  ${s}\n",
    )
    assert only_value(text) == Template(
        (
            ForExpression(
                None,
                "s",
                reference("var", "list", at=(13, 0), line=2),
                None,
                body,
                None,
                False,
                True,
                Span(2, 1, 4, 13),
                "%{ for s in var.list ~}\n  ${s}\n%{ endfor ~}",
            ),
        ),
        Span(1, 5, 5, 4),
        "<<EOT\n%{ for s in var.list ~}\n  ${s}\n%{ endfor ~}\nEOT",
        TextOrigin(2, 1, 0),
    )


def test_heredoc_interpolation_strip_markers() -> None:
    text = "x = <<-EOT\n    a ${~ b ~} c\n    EOT\n"
    assert only_value(text) == Template(
        (
            Scalar("a", cols(5, 7, line=2)),
            Variable("b", cols(11, 12, line=2)),
            Scalar("c\n", Span(2, 15, 3, 1)),
        ),
        Span(1, 5, 3, 8),
        "<<-EOT\n    a ${~ b ~} c\n    EOT",
        TextOrigin(2, 5, 4),
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
        "x = a" + " + a" * MAX_DEPTH,
        "x = a" + " + a" * 20_000,
        "x = " + "!(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH,
        "x = " + "a ? b : " * MAX_DEPTH + "c",
        "x = " + "a[" * MAX_DEPTH + "0" + "]" * MAX_DEPTH,
        "x = a" + ".*.b[0]" * MAX_DEPTH,
        "x = " + "[for v in a : " * MAX_DEPTH + "v" + "]" * MAX_DEPTH,
        'x = "' + "%{ if a }" * (MAX_DEPTH // 2) + "%{ endif }" * (MAX_DEPTH // 2) + '"',
        "x = <<EOT\n"
        + "%{ for v in a }" * (MAX_DEPTH // 2)
        + "%{ endfor }" * (MAX_DEPTH // 2)
        + "\nEOT\n",
    ],
    ids=[
        "lists",
        "absurd-lists",
        "calls",
        "objects",
        "blocks",
        "heredoc-interpolation",
        "operators",
        "absurd-operators",
        "negations",
        "conditionals",
        "index-keys",
        "splat-results",
        "for-expressions",
        "template-directives",
        "heredoc-directives",
    ],
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


def test_deep_parentheses_give_the_node_inside_without_recursion() -> None:
    depth = 20_000
    attribute = only_attribute("x = " + "(" * depth + "1" + ")" * depth)
    assert attribute.value == Scalar(1, cols(5 + depth, 6 + depth))
    assert attribute.span == cols(1, 6 + 2 * depth)


def test_long_traversals_count_one_level() -> None:
    source = "a" + ".b" * 5_000 + "[0]"
    node = only_value(f"x = {source}")
    assert isinstance(node, Traversal)
    assert node.source == Variable("a", cols(5, 6))
    assert node.steps == ("b",) * 5_000 + (
        Index(Scalar(0, cols(10_007, 10_008)), cols(10_006, 10_009)),
    )
    assert (node.text, node.span) == (source, cols(5, 10_009))


def test_operator_chains_up_to_the_limit_are_accepted() -> None:
    node = only_value("x = a" + " + a" * (MAX_DEPTH - 1))
    for operators in range(MAX_DEPTH - 1, 0, -1):
        assert isinstance(node, Operation)
        assert node.text == "a" + " + a" * operators
        assert node.operands[1] == Variable("a", cols(5 + 4 * operators, 6 + 4 * operators))
        node = node.operands[0]
    assert node == Variable("a", cols(5, 6))


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
        (
            Scalar("logs-", string_span),
            Traversal(Variable("var", string_span), ("env",), string_span, "var.env"),
        ),
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


def test_tf_json_template_directives_and_expressions() -> None:
    source = '"%{ if var.x }yes%{ else }no%{ endif }${a ? b : -c}"'
    parsed, _ = parse_tf_json('{"locals": {"a": ' + source + "}}")
    span = cols(18, 18 + len(source))
    (attribute,) = parsed.blocks[0].body.attributes
    assert attribute.value == Template(
        (
            Conditional(
                Traversal(Variable("var", span), ("x",), span, "var.x"),
                Scalar("yes", span),
                Scalar("no", span),
                span,
                "%{ if var.x }yes%{ else }no%{ endif }",
            ),
            Conditional(
                Variable("a", span),
                Variable("b", span),
                Operation("-", (Variable("c", span),), span, "-c"),
                span,
                "a ? b : -c",
            ),
        ),
        span,
        source,
    )


def test_tf_json_unbalanced_directive() -> None:
    with pytest.raises(InputError) as raised:
        parse_tf_json('{"locals": {"a": "%{ if b }"}}')
    assert (raised.value.message, raised.value.span) == (
        "'if' directive without 'endif'",
        cols(18, 29),
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
