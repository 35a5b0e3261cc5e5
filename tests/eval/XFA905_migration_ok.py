# select: XFA905
# path: alembic/versions/1a2B_add-table.py
x = 1
