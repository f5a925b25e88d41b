"""child letters

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 18:04:29.747838
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "child_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column(
            "messages",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("link_expires_at", sa.DateTime(), nullable=True),
        sa.Column("delivery", sa.String(length=10), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["review_record.id"],
            name=op.f("fk_child_letter_record_id_review_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"], ["staff_user.id"], name=op.f("fk_child_letter_sent_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_letter")),
        sa.UniqueConstraint("record_id", name=op.f("uq_child_letter_record_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_child_letter_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("child_letter")
