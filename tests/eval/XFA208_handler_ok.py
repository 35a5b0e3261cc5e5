# path: handler.py
from app.main import app
