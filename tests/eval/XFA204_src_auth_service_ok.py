# path: src/auth/service.py
async def save(db, order):
    db.add(order)
    await db.commit()
