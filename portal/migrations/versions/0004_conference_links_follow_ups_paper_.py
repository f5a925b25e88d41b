"""conference links, follow-ups, paper responses

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 03:12:53.066199
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "conference_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("max_responses", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_conference_link_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_conference_link_token_hash")),
    )
    with op.batch_alter_table("conference_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conference_link_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["staff_user.id"], name=op.f("fk_follow_up_closed_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["staff_user.id"], name=op.f("fk_follow_up_manager_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_follow_up_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sa.UniqueConstraint("response_id", name=op.f("uq_follow_up_response_id")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("via", sa.String(length=20), nullable=False, server_default="personal"))

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=10), nullable=False, server_default="online")
        )


def downgrade() -> None:

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_column("source")

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_column("via")

    op.drop_table("follow_up")
    with op.batch_alter_table("conference_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conference_link_meeting_id"))

    op.drop_table("conference_link")
