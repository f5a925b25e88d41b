"""report data: contact before review, late reasons, IRO hours, priorities

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 20:53:53.090672
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_priority",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False, server_default=""),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_service_priority_created_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_priority")),
    )
    with op.batch_alter_table("service_priority", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_priority_year"), ["year"], unique=False)

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_before_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("contact_before_how", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("late_reason", sa.String(length=20), nullable=True))

    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("fte_percent", sa.Integer(), nullable=False, server_default="100")
        )  # existing IROs: full time


def downgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("fte_percent")

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("late_reason")
        batch_op.drop_column("contact_before_how")
        batch_op.drop_column("contact_before_on")

    with op.batch_alter_table("service_priority", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_priority_year"))

    op.drop_table("service_priority")
