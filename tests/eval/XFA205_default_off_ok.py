# path: app/services/user_service.py
async def register(db, user):
    db.add(user)
    await db.commit()  # XFA205 is off unless selected
