# path: src/auth/router.py
from src.main import app  # error: XFA208:1 "src.main"
