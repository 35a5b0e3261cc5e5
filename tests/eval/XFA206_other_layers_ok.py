# path: app/api/deps.py
from app.crud import crud_user
from app.repositories.user_repository import UserRepository
from app.services import user_service
