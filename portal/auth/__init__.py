"""Staff sign-in. Minimal for now: email and password (Argon2id), Flask-Login
sessions. Second factor, throttling and resets come with the staff issue."""

from portal.auth.routes import bp, init_app

__all__ = ["bp", "init_app"]
