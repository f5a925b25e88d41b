"""Everything reached by a personal link: the consultation a child, carer or
parent fills in, the IRO profile as the child sees it, and the letter after
the review."""

from portal.consult import letter_routes  # noqa: F401  (it registers routes on bp)
from portal.consult.routes import bp

__all__ = ["bp"]
