"""answer coding carries its child, audience and sending time

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 08:20:00

The annual report counts a year's coded answers by child; joining each answer
to its response, invitation and meeting was most of its time. The three facts
never change once a response is sent, so each coding keeps a copy (a
conference's parents' answers have no one child).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FROM_ITS_RESPONSE = {
    "postgresql": """
        UPDATE answer_coding SET child_id = meeting.child_id, audience = invitation.audience,
            submitted_at = response.submitted_at
        FROM response
        JOIN invitation ON invitation.id = response.invitation_id
        JOIN meeting ON meeting.id = invitation.meeting_id
        WHERE response.id = answer_coding.response_id
    """,
    "sqlite": """
        UPDATE answer_coding SET
            child_id = (SELECT meeting.child_id FROM response
                JOIN invitation ON invitation.id = response.invitation_id
                JOIN meeting ON meeting.id = invitation.meeting_id
                WHERE response.id = answer_coding.response_id),
            audience = (SELECT invitation.audience FROM response
                JOIN invitation ON invitation.id = response.invitation_id
                WHERE response.id = answer_coding.response_id),
            submitted_at = (SELECT response.submitted_at FROM response
                WHERE response.id = answer_coding.response_id)
    """,
}


def upgrade() -> None:
    with op.batch_alter_table("answer_coding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("child_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("audience", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("submitted_at", sa.DateTime(), nullable=True))
    op.execute(_FROM_ITS_RESPONSE[op.get_bind().dialect.name])
    with op.batch_alter_table("answer_coding", schema=None) as batch_op:
        batch_op.alter_column("audience", existing_type=sa.String(length=12), nullable=False)
        batch_op.alter_column("submitted_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_answer_coding_child_id_child"), "child", ["child_id"], ["id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    with op.batch_alter_table("answer_coding", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_answer_coding_child_id_child"), type_="foreignkey")
        batch_op.drop_column("submitted_at")
        batch_op.drop_column("audience")
        batch_op.drop_column("child_id")
