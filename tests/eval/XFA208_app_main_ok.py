# path: app/main.py
from app.main import app
