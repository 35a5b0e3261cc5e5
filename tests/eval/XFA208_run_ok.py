# path: run.py
from app.main import app
