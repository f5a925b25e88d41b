"""The second factor: TOTP from an authenticator app, and single-use recovery codes."""

from __future__ import annotations

import hmac
import re
import secrets
import time
from datetime import UTC, datetime

import pyotp
import segno
from markupsafe import Markup

from portal.models import StaffUser
from portal.passwords import hash_password, verify_password

RECOVERY_CODES = 10
RECOVERY_FORMAT = re.compile(r"[0-9a-f]{6}-[0-9a-f]{6}")


def begin_setup(user: StaffUser) -> str:
    """A new secret, not yet in force until a code from it is entered."""
    if not user.totp_secret or user.totp_confirmed:
        user.totp_secret = pyotp.random_base32()
        user.totp_confirmed = False
    return user.totp_secret


def provisioning_qr(user: StaffUser, issuer: str) -> Markup:
    uri = pyotp.TOTP(user.totp_secret or "").provisioning_uri(name=user.email, issuer_name=issuer)
    # segno writes a self-contained SVG; the secret is also shown as text for typing in.
    svg = segno.make(uri, error="m").svg_inline(scale=5, title="QR code for your authenticator app")
    return Markup(svg)  # noqa: S704 - segno's own SVG; nothing in it comes from a person


def code_matches(user: StaffUser, code: str) -> bool:
    """A current code from the authenticator app (one step either side, for clock
    drift), used at most once: a code seen over a shoulder cannot be replayed."""
    code = code.replace(" ", "")
    if not user.totp_secret or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = time.time()
    for drift in (0, -1, 1):
        step = totp.timecode(datetime.fromtimestamp(now + drift * totp.interval, UTC))
        if hmac.compare_digest(totp.generate_otp(step), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False
            user.totp_last_step = step
            return True
    return False


def looks_like_recovery_code(code: str) -> bool:
    """Recovery codes are checked (slowly, by Argon2) only when one was typed."""
    return bool(RECOVERY_FORMAT.fullmatch(code.strip().lower()))


def new_recovery_codes(user: StaffUser) -> list[str]:
    """Ten codes shown once; only their hashes are kept."""
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    user.recovery_codes = [hash_password(c) for c in codes]
    return codes


def use_recovery_code(user: StaffUser, code: str) -> bool:
    code = code.strip().lower()
    for stored in user.recovery_codes or []:
        if verify_password(stored, code):
            user.recovery_codes = [c for c in user.recovery_codes if c != stored]
            return True
    return False
