# path: app/services/user_service.py
# `text` here is the project's own function.
from app.utils import text


def render(value: str) -> str:
    return text(value)
