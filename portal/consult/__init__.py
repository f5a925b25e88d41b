"""Everything reached by a personal link: the consultation a child, carer or
parent fills in, and the IRO profile as the child sees it."""

from portal.consult.routes import bp

__all__ = ["bp"]
