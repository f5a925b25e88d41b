"""coder models trained for the council

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 12:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coder_model",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("corrections", sa.Integer(), nullable=False),
        sa.Column(
            "figures",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coder_model")),
    )
    with op.batch_alter_table("coder_model", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coder_model_active"), ["active"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("coder_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coder_model_active"))
    op.drop_table("coder_model")
