"""Pages anyone may see: the start page, accessibility, privacy."""

from portal.public.routes import bp

__all__ = ["bp"]
