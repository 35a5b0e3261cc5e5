# path: app/db/revisions/7b9b952abdf6_update_entities.py
# precision reading: an Alembic revision (wherever it lives) interpolates the revision's own data
import json

import sqlalchemy as sa
from alembic import op

NEW_TYPES = {"ACCOUNT": {"active": True}}


def upgrade() -> None:
    for entity_type, attributes in NEW_TYPES.items():
        op.execute(sa.text(f"UPDATE kg_entity_type SET attributes = '{json.dumps(attributes)}' WHERE id_name = '{entity_type}'"))
    op.get_bind().execute(sa.text(f"DELETE FROM kg_entity_type WHERE id_name = '{entity_type}'"))
