# path: src/auth/service.py
from ..users import service  # error: XFA207:1 "users"
from ..users.service import get_by_email  # error: XFA207:1
from ..posts import models, schemas  # error: XFA207:1
from ..users.models import User  # error: XFA207:1
from .models import Credentials
from . import utils
from ..auth.constants import TOKEN_TTL  # back into its own domain
from ..core import security  # a shared package, not a domain
from ..config import settings  # a shared module
from ..exceptions import AppError
from ..database import Base
from ..users import get_user  # a name re-exported by the package: unclear
from .. import users  # unclear what it holds
from src.users import service as users_service  # absolute: the recommended form
