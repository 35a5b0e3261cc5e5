# path: app/schemas/user.py
from app.services import user_service  # error: XFA206:1
from app.models.user import User
from pydantic import BaseModel
