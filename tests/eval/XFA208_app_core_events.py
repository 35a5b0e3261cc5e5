# path: app/core/events.py
# A module of no layer (core/, utils/, tasks/) importing the app is flagged too.
from typing import TYPE_CHECKING

from app.main import app  # error: XFA208:1 "app.main"

if TYPE_CHECKING:
    from app.main import app as typed_app  # typing only: no import at run time


def on_startup():
    return app.state
