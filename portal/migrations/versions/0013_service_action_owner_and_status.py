"""service action owner and status

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 22:00:33.534229
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("service_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(length=120), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), nullable=False, server_default="done")
        )  # actions recorded before: what the service did


def downgrade() -> None:
    with op.batch_alter_table("service_action", schema=None) as batch_op:
        batch_op.drop_column("status")
        batch_op.drop_column("due_on")
        batch_op.drop_column("owner")
