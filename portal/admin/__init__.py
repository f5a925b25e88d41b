"""Administration: staff accounts and roles, cover, CSV imports, the audit log."""

from portal.admin.routes import bp

__all__ = ["bp"]
