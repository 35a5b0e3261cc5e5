# select: XFA905
# path: src/dispatch/database/revisions/tenant/versions/2021-06-02_f011c050b9ba.py
from alembic import op

revision = "f011c050b9ba"
