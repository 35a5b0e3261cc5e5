__version__ = "0.1.0"

#: where each rule's documentation page lives
DOCS_URL = "https://github.com/flake8-fastapi-conventions/flake8-fastapi-conventions/blob/main/docs/rules/{code}.md"
