# path: app/plugins/__init__.py
# A package collecting the sub-applications below it, which the entry mounts
# (`app.mount(prefix, sub_app)`): they are not the app that serves this package, and a
# sub-app module that imports nothing of the project cannot import it back.
from app.plugins.echo.main import app as echo
from .weather.main import app as weather
from app.main import app  # error: XFA208:1 "app.main"
from ..main import app as entry  # error: XFA208:1 "..main"

plugin_apps = {"/echo": echo, "/weather": weather}
