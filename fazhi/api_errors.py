"""Every error the REST API answers, in one shape — {code, message, basis?, detail?} with a Chinese message — and
documented on every operation of the OpenAPI description (400, 401, 403, 404, 409, 413, 422, 429), so a client
(and schemathesis) knows each answer. Bad input is a 4xx: a value the schema refuses is 422 with the field
and what it should be; a number or text the database cannot hold is 422 rather than a server error."""
from __future__ import annotations

from decimal import InvalidOperation

from django.db import DataError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from fazhi.core.errors import describe

ERRORS = {400: "请求格式不正确", 401: "未登录或接口令牌无效", 403: "无权办理或查阅（角色、机关或承办关系；拒绝附规则编号和依据）", 404: "未找到，或不在您的可见范围内",
          409: "不予办理：违反办案规则（附规则编号和法律依据）或记录已被他人更新", 413: "上传的文件过大",
          422: "输入有误：字段缺失、格式或取值不正确", 429: "尝试过于频繁或已被锁定，请稍后再试"}
CODES = {400: "BAD-REQUEST", 401: "AUTH", 403: "FORBIDDEN", 404: "NOT-FOUND", 413: "UPLOAD-SIZE", 422: "INPUT"}


class ApiError(Schema):
    code: str
    message: str
    basis: dict | None = None
    details: dict | None = None
    detail: list | None = None


def _field(loc) -> str:
    parts = [str(x) for x in loc if x not in ("body", "payload", "query", "path", "form", "file", "f")]
    return ".".join(parts) or "请求"


def validation_message(errors: list[dict]) -> str:
    return "；".join(f"{_field(e.get('loc', ()))}：{describe(e)}" for e in errors[:5]) or ERRORS[422]


def install(api) -> None:
    def respond(request, status: int, message: str, **extra):
        return api.create_response(request, {"code": CODES.get(status, "INPUT"), "message": message, **extra},
                                   status=status)

    @api.exception_handler(ValidationError)
    def _invalid(request, exc):
        detail = [{"loc": list(e.get("loc", ())), "type": e.get("type"), "msg": e.get("msg")} for e in exc.errors]
        return respond(request, 422, "输入有误：" + validation_message(exc.errors), detail=detail)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return respond(request, 401, ERRORS[401])

    @api.exception_handler(AuthorizationError)
    def _unauthorised(request, exc):
        return respond(request, 403, ERRORS[403])

    @api.exception_handler(HttpError)
    def _http(request, exc):
        message = str(exc)
        if exc.status_code == 403 and "CSRF" in message:  # a session request whose origin cannot be verified
            from fazhi.core.params import csrf_refusal

            return api.create_response(request, csrf_refusal().as_dict(), status=403)
        if not any("\u4e00" <= ch <= "\u9fff" for ch in message):  # ninja's own English messages
            message = {400: "请求格式不正确（请求体不是有效的 JSON 或表单）"}.get(exc.status_code, ERRORS.get(exc.status_code, message))
        return respond(request, exc.status_code, message)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, 404, ERRORS[404])

    @api.exception_handler(DataError)
    @api.exception_handler(OverflowError)
    @api.exception_handler(InvalidOperation)
    def _out_of_range(request, exc):
        return respond(request, 422, "输入有误：数值超出允许范围或文本过长")

    schema = api.get_openapi_schema

    def with_errors(*args, **kwargs):
        doc = schema(*args, **kwargs)
        ref = {"$ref": "#/components/schemas/ApiError"}
        doc.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = ApiError.model_json_schema()
        for operations in doc.get("paths", {}).values():
            for op in operations.values():
                # ninja keys its own responses by int: keep one key per status (no "401" beside 401).
                responses = {str(k): v for k, v in op.get("responses", {}).items()}
                for status, text in ERRORS.items():
                    responses.setdefault(str(status), {"description": text,
                                                       "content": {"application/json": {"schema": ref}}})
                op["responses"] = responses
        return doc

    api.get_openapi_schema = with_errors
