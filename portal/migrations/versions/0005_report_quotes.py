"""report quotes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 03:40:13.218264
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "report_quote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("chosen_by_id", sa.Integer(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chosen_by_id"], ["staff_user.id"], name=op.f("fk_report_quote_chosen_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_report_quote_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_quote")),
        sa.UniqueConstraint("year", "response_id", "question_id", name=op.f("uq_report_quote_year")),
    )
    with op.batch_alter_table("report_quote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_quote_year"), ["year"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("report_quote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_quote_year"))

    op.drop_table("report_quote")
