# path: app/repositories/user_repository.py
from app.api.routes.users import UserFilter  # error: XFA206:1
from app.services import user_service  # error: XFA206:1
from app.services.email_service import send_welcome  # error: XFA206:1
from ..services.billing import charge  # error: XFA206:1
from app.core.security import get_password_hash
from app.core import get_service  # a function whose name ends in _service: unclear
from app.db.base import Base
from app.models.user import User
from app.repositories.base import BaseRepository
from .base import CRUDBase
