"""Pages for IROs and conference chairs: their meetings and what was said."""

from portal.staff.routes import bp

__all__ = ["bp"]
