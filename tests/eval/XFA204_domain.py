# path: src/orders/repository.py
async def save(db, order):
    db.add(order)
    await db.commit()  # error: XFA204:11 "db.commit"
