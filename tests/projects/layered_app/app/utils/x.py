from app.main import app  # error: XFA208:1


def app_title() -> str:
    return app.title
