# path: app/repositories/user_repository.py
# select: XFA205
async def register(db, user):
    db.add(user)
    await db.commit()  # XFA204's, not XFA205's
