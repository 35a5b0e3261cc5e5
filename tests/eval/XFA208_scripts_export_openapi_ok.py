# path: scripts/export_openapi.py
from app.main import app
