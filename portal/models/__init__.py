"""The portal's data model (SQLAlchemy 2.0 typed ORM)."""

from portal.models.accounts import AccountToken, Cover, SignInAttempt, StaffSession
from portal.models.audit import AuditEvent
from portal.models.base import Base, utcnow
from portal.models.children import Child, Person
from portal.models.coding import (
    AnswerCoding,
    CoderModel,
    CodingCorrection,
    ReportQuote,
    SafeguardingFlag,
    ServiceAction,
)
from portal.models.consultations import AUDIENCES, ConferenceLink, Draft, FollowUp, Invitation, Response
from portal.models.imports import ImportBatch
from portal.models.meetings import (
    CONFERENCE_TYPES,
    CONTACT_WAYS,
    LATE_REASONS,
    MEETING_KINDS,
    PARTICIPATION_CODES,
    Meeting,
)
from portal.models.messages import OutboundMessage
from portal.models.records import (
    PRACTICE_ALERT_STAGES,
    PRACTICE_ALERT_SUBJECTS,
    PRIORITY_STATUSES,
    ChildLetter,
    PracticeAlert,
    Recommendation,
    RecordAmendment,
    ReviewRecord,
    ServicePriority,
)
from portal.models.staff import ROLES, IroProfile, StaffUser

__all__ = [
    "CONTACT_WAYS",
    "LATE_REASONS",
    "PRIORITY_STATUSES",
    "ServicePriority",
    "PRACTICE_ALERT_STAGES",
    "PRACTICE_ALERT_SUBJECTS",
    "ChildLetter",
    "PracticeAlert",
    "RecordAmendment",
    "Recommendation",
    "ReviewRecord",
    "PARTICIPATION_CODES",
    "AccountToken",
    "AnswerCoding",
    "CoderModel",
    "ConferenceLink",
    "FollowUp",
    "CodingCorrection",
    "ReportQuote",
    "SafeguardingFlag",
    "ServiceAction",
    "Cover",
    "ImportBatch",
    "OutboundMessage",
    "SignInAttempt",
    "StaffSession",
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
