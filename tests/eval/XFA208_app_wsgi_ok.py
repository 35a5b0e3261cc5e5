# path: app/wsgi.py
from app.main import app
