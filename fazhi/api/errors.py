"""Errors of the open API: a refusal of the platform's rules keeps the page's Chinese message."""
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from fazhi.core.errors import DomainError, NotFound


def handle(exc, context):
    if isinstance(exc, NotFound):
        return Response({"detail": exc.message}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DomainError):
        return Response({"detail": exc.message, "field": exc.field}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
    return exception_handler(exc, context)


ERRORS = {
    "400": "请求格式不正确（字段说明见 detail 或各字段名下的列表）",
    "401": "未提供令牌，或令牌无效、已吊销、已过期",
    "403": "令牌没有此资源的该项权限",
    "404": "记录不存在、未公开，或不在令牌授权单位内",
    "422": "违反平台的办理规则（detail 为与平台页面相同的中文提示）",
    "429": "调用过于频繁，请稍后再试",
}


def add_error_responses(result, generator, request, public):
    """Document the error answers every operation may give (schema post-processing hook)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = {
        "type": "object", "properties": {"detail": {"type": "string"}, "field": {"type": "string", "nullable": True}},
    }
    problem = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for code, text in ERRORS.items():
                if code == "422" and "requestBody" not in operation:
                    continue
                operation["responses"].setdefault(code, {"description": text, "content": problem})
    return result
