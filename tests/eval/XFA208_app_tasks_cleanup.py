# path: app/tasks/cleanup.py
import app.main


def cleanup():
    return app.main.app.state.pool  # error: XFA208:12 "app.main"


def later():
    from ..main import app as application  # error: XFA208:5

    return application
