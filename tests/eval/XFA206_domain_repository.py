# path: src/auth/repository.py
from .service import hash_password  # error: XFA206:1
from .router import router  # error: XFA206:1
from .models import User
