# path: src/dispatch/database/revisions/tenant/versions/2021-09-16_3820a792d88a.py
# an Alembic migration outside alembic/ or migrations/
from alembic import op


def upgrade() -> None:
    print("migrating")
