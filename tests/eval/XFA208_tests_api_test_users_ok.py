# path: tests/api/test_users.py
from app.main import app
