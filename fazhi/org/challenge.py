"""The self-hosted challenge (CAPTCHA) for anonymous reports, and the anonymous report rate limit.

A challenge is a small arithmetic question generated here. Issuing one writes nothing: the question's nonce and
an HMAC of the nonce and the answer (keyed by SECRET_KEY, so the page does not give the answer away) travel
signed and time-stamped in the form or the Open311 response. Answering it records the nonce (org.Challenge), so
each challenge is answered once, right or wrong; it expires after CHALLENGE_TTL. No outside service is called.
api_key clients of Open311 are exempt from both the challenge and the rate limit."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from fazhi.org.models import Challenge, RateCounter

CHALLENGE_TTL = timedelta(minutes=20)
_SALT = "fazhi.challenge"
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Question:
    token: str     # goes back with the answer
    text: str      # shown to the reporter, e.g. "七加五等于几？"


def _mac(nonce: str, answer: int) -> str:
    return salted_hmac(_SALT, f"{nonce}:{answer}").hexdigest()


def new_question() -> Question:
    # Numbers one to nine in Chinese numerals: a reader reads them at once; a script matching digits does not.
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return question_for(a, b, minus=bool(secrets.randbelow(2)) and a != b)


def question_for(a: int, b: int, *, minus: bool = False) -> Question:
    """The question "a 加 b" (or the larger minus the smaller), with its signed token."""
    if minus:
        a, b = max(a, b), min(a, b)
        text, answer = f"{_DIGITS[a]}减{_DIGITS[b]}等于几？", a - b
    else:
        text, answer = f"{_DIGITS[a]}加{_DIGITS[b]}等于几？", a + b
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "m": _mac(nonce, answer)}, salt=_SALT, compress=False)
    return Question(token, text)


class ChallengeFailed(ValueError):
    pass


def check_answer(token: str, answer: str, *, at=None) -> None:
    """Consume the challenge; raise ChallengeFailed (Chinese message) unless it is fresh, unused and answered
    right. A wrong answer uses the challenge up too, so answers cannot be tried one by one."""
    at = at or timezone.now()
    if not token:
        raise ChallengeFailed("请先回答验证题")
    try:
        data = signing.loads(token, salt=_SALT, max_age=CHALLENGE_TTL)
        nonce, mac = str(data["n"]), str(data["m"])
    except (signing.BadSignature, KeyError, TypeError):
        raise ChallengeFailed("验证题已过期或无效，请回答新的验证题") from None
    try:
        with transaction.atomic():
            Challenge.objects.create(token=nonce[:32], answer_digest=mac[:64], created_at=at, used_at=at)
    except IntegrityError:
        raise ChallengeFailed("该验证题已经使用过，请回答新的验证题") from None
    try:
        value = int(str(answer).strip())
    except ValueError:
        raise ChallengeFailed("验证题答案应为数字，请回答新的验证题") from None
    if not constant_time_compare(_mac(nonce, value), mac):
        raise ChallengeFailed("验证题答案不正确，请回答新的验证题")
    # Used nonces older than the time-to-live can no longer be replayed (their signature has expired).
    Challenge.objects.filter(created_at__lt=at - CHALLENGE_TTL - timedelta(minutes=1)).delete()


# --------------------------------------------------------------------------------------------- rate limit


def _rate(spec: str) -> tuple[int, int]:
    count, _, seconds = spec.partition("/")
    return max(0, int(count)), max(1, int(seconds or 60))


class RateLimited(Exception):
    pass


def _hit(scope: str, key: str, spec: str, at) -> bool:
    """Count one hit in the (scope, key) fixed window; False if it is over the limit."""
    limit, seconds = _rate(spec)
    with transaction.atomic():
        row, _ = RateCounter.objects.select_for_update().get_or_create(
            scope=scope, key=key[:150], defaults={"window_started_at": at, "count": 0})
        if at - row.window_started_at >= timedelta(seconds=seconds):
            row.window_started_at, row.count = at, 0
        row.count += 1
        row.save()
        return row.count <= limit


def allow_anonymous_report(address: str, *, at=None) -> None:
    """Raise RateLimited when this address, or all anonymous reporters together, sent too many reports in the
    window (FAZHI_ANON_REPORT_RATE per address, FAZHI_ANON_REPORT_GLOBAL_RATE overall, as "count/seconds")."""
    at = at or timezone.now()
    if not _hit("anon_report", address, settings.FAZHI_ANON_REPORT_RATE, at):
        raise RateLimited("本地址提交过于频繁，请稍后再试；紧急情况请拨打城管服务热线")
    if not _hit("anon_report_all", "*", settings.FAZHI_ANON_REPORT_GLOBAL_RATE, at):
        raise RateLimited("当前匿名提交过多，请稍后再试；紧急情况请拨打城管服务热线")
