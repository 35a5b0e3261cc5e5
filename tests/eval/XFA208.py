# path: app/api/deps.py
import app.main  # the attribute access below is what counts
import app.main as entry
from app import main
from app.main import app  # error: XFA208:1 "app.main"
from app.main import app as fastapi_app, settings  # error: XFA208:1
from .main import app as application  # error: XFA208:1
from ..main import create_app  # another name: not flagged
from main import app as root_app  # error: XFA208:1
from uvicorn.main import main as uvicorn_main  # a library's main


def state():
    return main.app.state  # error: XFA208:12


def state2():
    return app.main.app.state  # error: XFA208:12


def state3():
    return entry.app  # error: XFA208:12


def not_main(request):
    return request.app.state  # the recommended way
