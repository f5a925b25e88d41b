"""Insights for participation officers and managers: themes across everyone's
words, anonymised quotes, corrections, and "You said, we did"."""

from portal.insights.routes import bp

__all__ = ["bp"]
