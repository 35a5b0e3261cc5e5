# path: tests/conftest.py
from app.main import app
