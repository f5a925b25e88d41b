"""the record of each review, its recommendations and amendments

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 15:44:47.384426
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "review_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "views",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("attendance", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("plan_meets_needs", sa.String(length=10), nullable=False),
        sa.Column("plan_note", sa.Text(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("finished_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["finished_by_id"], ["staff_user.id"], name=op.f("fk_review_record_finished_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_review_record_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_record")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_review_record_meeting_id")),
    )
    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["review_record.id"],
            name=op.f("fk_recommendation_record_id_review_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
    )
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recommendation_record_id"), ["record_id"], unique=False)

    op.create_table(
        "record_amendment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "before",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("amended_by_id", sa.Integer(), nullable=False),
        sa.Column("amended_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["amended_by_id"], ["staff_user.id"], name=op.f("fk_record_amendment_amended_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["review_record.id"],
            name=op.f("fk_record_amendment_record_id_review_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_amendment")),
    )
    with op.batch_alter_table("record_amendment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_amendment_record_id"), ["record_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("record_amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_amendment_record_id"))

    op.drop_table("record_amendment")
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_record_id"))

    op.drop_table("recommendation")
    op.drop_table("review_record")
