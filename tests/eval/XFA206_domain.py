# path: src/auth/router.py
from . import repository  # error: XFA206:1
from .repository import get_user_row  # error: XFA206:1
from . import service
from .dependencies import current_user
from .schemas import LoginIn
from .service import login
