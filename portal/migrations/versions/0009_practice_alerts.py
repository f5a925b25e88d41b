"""practice alerts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 16:45:58.921167
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "practice_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_practice_alert_child_id_child")),
        sa.ForeignKeyConstraint(
            ["raised_by_id"], ["staff_user.id"], name=op.f("fk_practice_alert_raised_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_practice_alert_recommendation_id_recommendation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_alert")),
    )
    with op.batch_alter_table("practice_alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_alert_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_practice_alert_recommendation_id"), ["recommendation_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("practice_alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_alert_recommendation_id"))
        batch_op.drop_index(batch_op.f("ix_practice_alert_child_id"))

    op.drop_table("practice_alert")
