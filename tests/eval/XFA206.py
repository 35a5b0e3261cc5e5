# path: app/api/routes/users.py
from typing import TYPE_CHECKING

import app.repositories.user_repository  # error: XFA206:1 "app.repositories.user_repository"
from app import crud  # error: XFA206:1
from app.crud import crud_user  # error: XFA206:1
from app.repositories.user_repository import UserRepository  # error: XFA206:1
from ..repositories import user_repository  # error: XFA206:1
from app.api.deps import SessionDep
from app.core.config import settings
from app.models import User
from app.schemas.user import UserOut
from app.services import user_service
from app.services.user_service import get_user
from fastapi import APIRouter
from fastapi_users.router import get_users_router
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.repositories.user_repository import UserRepository as Repo  # typing only

router = APIRouter()
