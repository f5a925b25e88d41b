"""Pages for IROs and conference chairs: caseload, meetings, profiles, sending."""

from portal.staff import profile_routes  # noqa: F401  (registers its routes on bp)
from portal.staff.routes import bp

__all__ = ["bp"]
