# path: src/app/api/dependencies.py
from ..core.config import settings
from ..crud.crud_users import crud_users
from ..users import service
