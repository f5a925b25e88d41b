"""The portal's data model (SQLAlchemy 2.0 typed ORM)."""

from portal.models.audit import AuditEvent
from portal.models.base import Base, utcnow
from portal.models.children import Child, Person
from portal.models.consultations import AUDIENCES, Draft, Invitation, Response
from portal.models.meetings import CONFERENCE_TYPES, MEETING_KINDS, Meeting
from portal.models.staff import ROLES, IroProfile, StaffUser

__all__ = [
    "AUDIENCES",
    "AuditEvent",
    "CONFERENCE_TYPES",
    "MEETING_KINDS",
    "ROLES",
    "Base",
    "Child",
    "Draft",
    "Invitation",
    "IroProfile",
    "Meeting",
    "Person",
    "Response",
    "StaffUser",
    "utcnow",
]
