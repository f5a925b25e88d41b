"""Fixtures the integration tests share."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.support.every_route import one_of_everything


@pytest.fixture
def world(db_session: Session) -> tuple[dict[str, Any], dict[str, Any]]:
    """One of everything, owned by the IRO who will be signed in as 'iro'."""
    return one_of_everything(db_session)
