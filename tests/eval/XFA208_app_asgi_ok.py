# path: app/asgi.py
from app.main import app
