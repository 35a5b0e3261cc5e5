__version__ = "0.1.0"

HOME_URL = "https://github.com/flake8-fastapi-conventions/flake8-fastapi-conventions"
#: where each rule's documentation page lives
DOCS_URL = HOME_URL + "/blob/main/docs/rules/{code}.md"

from . import _bundle  # noqa: E402  (after the constants: the bundle serves the submodules)

_bundle.install()
