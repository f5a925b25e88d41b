"""answer coding, corrections, safeguarding flags, service actions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 02:55:52.466080
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(sa.Column("left_care_on", sa.Date(), nullable=True))

    op.create_table(
        "service_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_service_action_created_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_action")),
    )
    with op.batch_alter_table("service_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_action_theme"), ["theme"], unique=False)

    op.create_table(
        "answer_coding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column(
            "themes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("sentiment", sa.String(length=10), nullable=False),
        sa.Column("polarity", sa.Double(), nullable=False),
        sa.Column("safeguarding", sa.Boolean(), nullable=False),
        sa.Column("analysed", sa.Boolean(), nullable=False),
        sa.Column(
            "evidence",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("coder", sa.String(length=40), nullable=False),
        sa.Column("coded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_answer_coding_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_coding")),
        sa.UniqueConstraint("response_id", "question_id", name=op.f("uq_answer_coding_response_id")),
    )
    with op.batch_alter_table("answer_coding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_coding_response_id"), ["response_id"], unique=False)

    op.create_table(
        "coding_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column(
            "themes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("sentiment", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("corrected_by_id", sa.Integer(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["corrected_by_id"],
            ["staff_user.id"],
            name=op.f("fk_coding_correction_corrected_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_coding_correction_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coding_correction")),
    )
    with op.batch_alter_table("coding_correction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coding_correction_response_id"), ["response_id"], unique=False)

    op.create_table(
        "safeguarding_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column(
            "question_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["staff_user.id"],
            name=op.f("fk_safeguarding_flag_acknowledged_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_safeguarding_flag_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_flag")),
        sa.UniqueConstraint("response_id", name=op.f("uq_safeguarding_flag_response_id")),
    )
    with op.batch_alter_table("safeguarding_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safeguarding_flag_raised_at"), ["raised_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_column("left_care_on")

    with op.batch_alter_table("safeguarding_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_flag_raised_at"))

    op.drop_table("safeguarding_flag")
    with op.batch_alter_table("coding_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coding_correction_response_id"))

    op.drop_table("coding_correction")
    with op.batch_alter_table("answer_coding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_coding_response_id"))

    op.drop_table("answer_coding")
    with op.batch_alter_table("service_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_action_theme"))

    op.drop_table("service_action")
