# path: app/api/routes/items.py
async def save(db, order):
    db.add(order)
    await db.commit()
