# path: app/services/user_service.py
from app.api.routes.users import router  # error: XFA206:1
from ..api.v1.endpoints.items import ItemFilter  # error: XFA206:1
from app.api.deps import get_db
from app.crud import crud_user
from app.repositories.user_repository import UserRepository
from app.services.email_service import send_welcome
from app.schemas.user import UserCreate
