# path: scripts/backfill.py
print("backfilling")
