# path: conftest.py
from app.main import app
