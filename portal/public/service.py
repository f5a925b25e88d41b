"""The public "you said, we did" page: the service's actions grouped by theme,
in the coding frame's order. Only what staff wrote for publishing is read:
never a child's answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.coding import theme_labels
from portal.models import ServiceAction


@dataclass
class ThemeActions:
    theme: str
    actions: list[ServiceAction] = field(default_factory=list)


def actions_by_theme(db_session: Session, since: date, most: int) -> list[ThemeActions]:
    """Actions whose period ended on or after ``since`` (newest first within a
    theme), at most ``most`` of them, themes in the frame's order."""
    found = db_session.scalars(
        select(ServiceAction)
        .where(ServiceAction.period_end >= since)
        .order_by(ServiceAction.period_start.desc(), ServiceAction.id.desc())
        .limit(most)
    ).all()
    grouped = {theme: ThemeActions(theme) for theme in theme_labels()}
    for action in found:
        if action.theme in grouped:
            grouped[action.theme].actions.append(action)
    return [g for g in grouped.values() if g.actions]
