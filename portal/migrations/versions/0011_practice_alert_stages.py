"""practice alert stages

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 19:06:19.400913
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("practice_alert", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "escalations",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=False,
                server_default=sa.text("'[]'"),
            )
        )  # existing alerts: no escalations yet
        batch_op.add_column(sa.Column("outcome", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("practice_alert", schema=None) as batch_op:
        batch_op.drop_column("outcome")
        batch_op.drop_column("escalations")
