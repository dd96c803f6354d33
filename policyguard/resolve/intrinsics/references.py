"""``Ref`` and ``Fn::GetAtt``: parameters by their defaults, pseudo parameters and resources as
unknown values; and the functions known only at deployment."""

from __future__ import annotations

from policyguard.model.values import Unresolved
from policyguard.parse.tree import Mapping, Node, Scalar, Sequence
from policyguard.resolve.intrinsics.evaluation import ABSENT, Evaluator, Function, Value
from policyguard.resolve.intrinsics.nodes import (
    NO_VALUE,
    PSEUDO_PARAMETER,
    PSEUDO_PARAMETERS,
    render,
    split_scalar,
)

_CUSTOM_TYPES = ("Custom::", "AWS::CloudFormation::CustomResource", "AWS::CloudFormation::Stack")


def _ref(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    name = resolver.text(argument, depth)
    if isinstance(name, Unresolved):
        return Unresolved(render(node), "Ref of a name not resolved statically")
    if name == NO_VALUE:
        return ABSENT
    if name in PSEUDO_PARAMETERS:
        return Unresolved(name, PSEUDO_PARAMETER)
    parameter = resolver.parameter(name)
    if isinstance(parameter, Mapping):
        return _parameter(resolver, name, parameter, node, depth)
    if resolver.is_resource(name):
        return Unresolved(
            render(node), f"resource {name} has a physical id known only after deployment"
        )
    return Unresolved(render(node), f"{name} is neither a parameter nor a resource")


def _parameter(
    resolver: Evaluator, name: str, parameter: Mapping, node: Mapping, depth: int
) -> Value:
    default = parameter.get("Default")
    if default is None:
        return Unresolved(render(node), f"parameter {name} has no default")
    kind = parameter.get("Type")
    kind_text = kind.value if isinstance(kind, Scalar) and isinstance(kind.value, str) else ""
    if kind_text.startswith("AWS::SSM::Parameter::Value<"):
        return Unresolved(render(node), f"parameter {name} is read from SSM at deployment")
    is_list = kind_text == "CommaDelimitedList" or kind_text.startswith("List<")
    if is_list and isinstance(default, Scalar) and isinstance(default.value, str):
        return split_scalar(default, ",", trim=True)
    return resolver.resolve(default, depth)


def _get_att(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    names: list[Node]
    if isinstance(argument, Scalar) and isinstance(argument.value, str):
        first, _, rest = argument.value.partition(".")
        names = [Scalar(first, argument.span), Scalar(rest, argument.span)]
    elif isinstance(argument, Sequence) and len(argument.items) == 2:
        names = list(argument.items)
    else:
        return Unresolved(render(node), "Fn::GetAtt takes a resource and an attribute")
    resource, attribute = (resolver.text(n, depth) for n in names)
    if isinstance(resource, Unresolved) or isinstance(attribute, Unresolved):
        return Unresolved(render(node), "Fn::GetAtt of names not resolved statically")
    kind = resolver.resource_type(resource)
    if kind is None:
        return Unresolved(render(node), f"{resource} is not a resource of the template")
    reason = f"attribute {attribute} of resource {resource} is known only after deployment"
    if attribute.endswith("Arn") and not kind.startswith(_CUSTOM_TYPES):
        return Unresolved.of_parts(render(node), reason, ("arn:", None))
    return Unresolved(render(node), reason)


def _unresolved(resolver: Evaluator, node: Mapping, argument: Node, depth: int) -> Value:
    name = node.entries[0].key
    reasons = {
        "Fn::GetAZs": "the availability zones are known only at deployment",
        "Fn::Transform": "Fn::Transform runs a macro at deployment",
    }
    return Unresolved(render(node), reasons.get(name, f"{name} is not resolved statically"))


FUNCTIONS: dict[str, Function] = {
    "Ref": _ref,
    "Fn::GetAtt": _get_att,
    "Fn::GetAZs": _unresolved,
    "Fn::ImportValue": _unresolved,
    "Fn::Transform": _unresolved,
}
