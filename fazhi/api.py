"""The REST API at /api/v1/ (OpenAPI at /api/v1/openapi.json). Token (Bearer) or session auth."""

from django.contrib.auth import authenticate
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer, django_auth

from fazhi.cases.api import router as cases_router
from fazhi.core.errors import Conflict, NotPermitted
from fazhi.law.basis import RuleViolation
from fazhi.law.rules import RULES
from fazhi.org.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        t = ApiToken.authenticate(token)
        if t is None:
            return None
        request.user = t.staff
        return t.staff




api = NinjaAPI(title="fazhi 法治 API", version="1", urls_namespace="api",
               description="城市管理综合行政执法平台接口。所有拒绝均返回 {code, message, basis}。",
               auth=[TokenAuth(), django_auth])


@api.exception_handler(NotPermitted)
def _forbidden(request, exc):
    return api.create_response(request, exc.as_dict(), status=403)


@api.exception_handler(Conflict)
def _conflict(request, exc):
    return api.create_response(request, exc.as_dict(), status=409)


@api.exception_handler(RuleViolation)
def _violation(request, exc):
    return api.create_response(request, exc.as_dict(), status=409)


class TokenIn(Schema):
    username: str
    password: str
    name: str = "api"


@api.post("/auth/token", auth=None, tags=["认证"], summary="以用户名和密码换取接口令牌")
def issue_token(request, payload: TokenIn):
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        return api.create_response(request, {"code": "AUTH", "message": "用户名或密码错误"}, status=401)
    _, key = ApiToken.issue(user, payload.name)
    return {"token": key, "issued_at": timezone.now()}


@api.get("/me", tags=["认证"], summary="当前用户")
def me(request):
    u = request.auth
    return {"username": u.username, "name": str(u), "bureau": u.bureau.name if u.bureau_id else None,
            "entity": u.entity.name if u.entity else None, "roles": sorted(u.roles),
            "certified_today": u.is_certified_on(timezone.localdate())}


@api.get("/rules", auth=None, tags=["规则"], summary="规则目录（编号、名称、法律依据）")
def rules(request):
    return [{"id": r.id, "title": r.title, "basis": r.basis.as_dict()} for r in RULES.values()]


api.add_router("/", cases_router)
