# path: app/__main__.py
from app.main import app
