# path: app/__init__.py
# The package re-exports its own main module's app (for `uvicorn app:app`).
from .main import app
from app.main import app as application
