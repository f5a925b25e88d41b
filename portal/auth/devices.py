"""Devices a person has signed in on before. The per-address sign-in limit
stops one address trying many accounts; on a council's network every office
shares one address, so a browser that has signed in as this person before
(it holds their signed device cookie) is not held back by what others on the
address did. Wrong passwords for the account itself are still limited."""

from __future__ import annotations

from typing import Any

from flask import Response, after_this_request, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.models import StaffUser

COOKIE = "myreview_device"
LIFETIME = 60 * 60 * 24 * 180  # seconds: six months


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def remember(user: StaffUser) -> None:
    """After a full sign-in (both factors), mark this browser as one of theirs."""
    value = _serializer().dumps({"u": user.id})

    @after_this_request
    def _set(response: Response) -> Response:
        response.set_cookie(
            COOKIE,
            value,
            max_age=LIFETIME,
            httponly=True,
            samesite="Lax",
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
        return response


def known(user: StaffUser | None) -> bool:
    if user is None or not request.cookies.get(COOKIE):
        return False
    try:
        data: Any = _serializer().loads(request.cookies[COOKIE], max_age=LIFETIME)
    except BadSignature:
        return False
    return isinstance(data, dict) and data.get("u") == user.id
