"""The REST API at /api/v1/ (OpenAPI at /api/v1/openapi.json). Token (Bearer) or session auth."""

import uuid
from datetime import datetime

from django.contrib.auth import authenticate
from django.shortcuts import render
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.openapi.docs import Swagger
from ninja.security import HttpBearer, django_auth

from fazhi import api_errors
from fazhi.cases.api import router as cases_router
from fazhi.citydesk.api import router as citydesk_router
from fazhi.coercion.api import router as coercion_router
from fazhi.core.errors import Conflict, NotPermitted
from fazhi.decisions.api import router as decisions_router
from fazhi.disputes.api import router as disputes_router
from fazhi.inspections.api import router as inspections_router
from fazhi.law.basis import RuleViolation
from fazhi.law.rules import RULES
from fazhi.org import actions as org_actions
from fazhi.org.api import router as org_router
from fazhi.org.models import ApiToken, Lockout
from fazhi.permits.api import router as permits_router
from fazhi.personnel.api import router as personnel_router
from fazhi.registers.api import router as registers_router
from fazhi.supervision.api import router as supervision_router


class TokenRefused(Exception):
    def __init__(self, message: str, status: int = 401, code: str = "AUTH-TOKEN"):
        self.message, self.status, self.code = message, status, code


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` or `Authorization: Token <key>`; never a key in the URL (refused before
    this, by NoTokenInUrlMiddleware). A key that is not live is refused with the reason; presenting dead keys
    counts as failed logins from the address, which locks it like wrong passwords do."""

    def __call__(self, request):
        scheme, _, key = request.headers.get(self.header, "").strip().partition(" ")
        if scheme.lower() not in ("bearer", "token") or not key.strip():
            return None
        return self.authenticate(request, key.strip())

    def authenticate(self, request, token):
        t = ApiToken.authenticate(token)
        if t is None:
            from fazhi.core.security import client_address
            from fazhi.org.throttle import current_lock, locked_message, note_failure

            address = client_address(request)
            lock = current_lock(None, address)
            if lock is not None:
                raise TokenRefused(locked_message(lock), status=429, code="AUTH-LOCKED")
            note_failure(None, address)
            raise TokenRefused(ApiToken.why_refused(token))
        request.user = t.staff
        return t.staff




class OfflineSwagger(Swagger):
    """Swagger UI from the product's own static files (vendor/swagger-ui), never a CDN: the docs must work on
    an intranet without internet access."""

    def render_page(self, request, api, **kwargs):
        from ninja.openapi.docs import _csrf_needed

        options = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", {"swagger_settings": options, "api": api,
                                                 "add_csrf": _csrf_needed(api)})


api = NinjaAPI(docs=OfflineSwagger(),
               title="fazhi 法治 API", version="1", urls_namespace="api",
               description="城市管理综合行政执法平台接口。所有拒绝均返回 {code, message, basis}。",
               auth=[TokenAuth(), django_auth])


api_errors.install(api)


@api.exception_handler(TokenRefused)
def _token_refused(request, exc):
    body = {"code": exc.code, "message": exc.message}
    if exc.code in RULES:
        body["basis"] = RULES[exc.code].basis.as_dict()
    return api.create_response(request, body, status=exc.status)


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


class Refusal(Schema):
    code: str
    message: str
    basis: dict | None = None


class TokenOut(Schema):
    token: str
    id: str
    expires_at: datetime
    issued_at: datetime


class TokenRow(Schema):
    id: str
    name: str
    owner: str
    issued_at: datetime
    expires_at: datetime
    state: str
    state_label: str
    revoked_by: str


@api.post("/auth/token", auth=None, tags=["认证"], summary="以用户名和密码换取接口令牌",
          response={200: TokenOut, 401: Refusal, 429: Refusal})
def issue_token(request, payload: TokenIn):
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:  # a wrong password, or a lock (which refuses even the right one): say which
        from fazhi.core.security import client_address
        from fazhi.org.throttle import current_lock, locked_message

        lock = current_lock(payload.username, client_address(request))
        if lock is not None:
            return Status(429, {"code": "AUTH-LOCKED", "message": locked_message(lock),
                                "basis": RULES["AUTH-LOCKED"].basis.as_dict()})
        return Status(401, {"code": "AUTH", "message": "用户名或密码错误"})
    token, key = org_actions.issue_token(user, payload.name)
    return {"token": key, "id": token.public_id, "expires_at": token.expires_at, "issued_at": token.created_at}


def _token_row(t: ApiToken, now) -> dict:
    code, label = t.state(now)
    return {"id": t.public_id, "name": t.name, "owner": t.staff.username, "issued_at": t.created_at,
            "expires_at": t.expires_at, "state": code, "state_label": label, "revoked_by": t.revoked_by}


@api.get("/auth/tokens", tags=["认证"], summary="接口令牌列表（本人的；系统管理员另见本单位人员的）",
         response=list[TokenRow])
def list_tokens(request):
    now = timezone.now()
    return [_token_row(t, now) for t in org_actions.tokens_for(request.auth)[:500]]


@api.post("/auth/tokens/{token_id}/revoke", tags=["认证"], summary="吊销接口令牌",
          response={200: TokenRow, 403: Refusal, 404: Refusal, 409: Refusal})
def revoke_token(request, token_id: str):
    if len(token_id) != 16 or not all(c in "0123456789abcdef" for c in token_id):
        return Status(404, {"code": "NOT-FOUND", "message": "令牌不存在"})
    token = ApiToken.objects.select_related("staff").filter(digest__startswith=token_id).first()
    if token is None or not org_actions.may_manage_token(request.auth, token):
        return Status(404, {"code": "NOT-FOUND", "message": "令牌不存在"})
    try:
        token = org_actions.revoke_token(token, by=request.auth)
    except ValueError as e:
        return Status(409, {"code": "AUTH-REVOKED", "message": str(e)})
    return _token_row(token, timezone.now())


class LockoutRow(Schema):
    id: str
    kind: str
    kind_label: str
    key: str
    locked_until: datetime


def _lock_row(r: Lockout) -> dict:
    return {"id": str(r.uuid), "kind": r.kind, "kind_label": r.get_kind_display(), "key": r.key,
            "locked_until": r.locked_until}


@api.get("/auth/lockouts", tags=["认证"], summary="当前登录锁定（本人可解除的）", response=list[LockoutRow])
def list_lockouts(request):
    return [_lock_row(r) for r in org_actions.locks_for(request.auth)]


@api.post("/auth/lockouts/{lockout_id}/unlock", tags=["认证"], summary="解除登录锁定（负责人、系统管理员）",
          response={200: Refusal, 403: Refusal, 404: Refusal, 409: Refusal})
def unlock(request, lockout_id: uuid.UUID):
    lockout = Lockout.objects.filter(uuid=lockout_id).first()
    if lockout is None:
        return Status(404, {"code": "NOT-FOUND", "message": "锁定记录不存在"})
    try:
        org_actions.unlock(lockout, by=request.auth)
    except ValueError as e:
        return Status(409, {"code": "AUTH-UNLOCKED", "message": str(e)})
    return Status(200, {"code": "OK", "message": f"已解除锁定：{lockout}"})


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
api.add_router("/", permits_router)
api.add_router("/", disputes_router)
api.add_router("/", coercion_router)
api.add_router("/", decisions_router)
api.add_router("/", supervision_router)
api.add_router("/", registers_router)
api.add_router("/", personnel_router)
api.add_router("/", citydesk_router)
api.add_router("/", inspections_router)
api.add_router("/", org_router)
