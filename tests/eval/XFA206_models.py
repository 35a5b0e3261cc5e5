# path: app/models/user.py
from app.services.security import verify_password  # error: XFA206:1
from app.api.routes import users  # error: XFA206:1
from app.models.base import Base
from app.schemas.user import UserBase
