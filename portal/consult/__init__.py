"""Everything reached by a personal link: the consultation a child, carer or
parent fills in, the IRO profile as the child sees it, and the letter after
the review."""

from portal.consult import addition_routes, letter_routes  # noqa: F401  (they register routes on bp)
from portal.consult.routes import bp

__all__ = ["bp"]
