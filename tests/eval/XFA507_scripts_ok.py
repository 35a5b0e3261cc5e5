# path: scripts/backfill_tenants.py
from sqlalchemy.orm import Session


def backfill(db: Session, tenants: list) -> None:
    for tenant in tenants:
        tenant.migrated = True
        db.commit()
