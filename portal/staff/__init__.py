"""Pages for IROs and conference chairs: caseload, meetings, profiles, sending."""

from portal.staff import alert_routes, conference_routes, letter_routes, profile_routes, record_routes  # noqa: F401  (they register routes on bp)
from portal.staff.routes import bp

__all__ = ["bp"]
