# path: app/api/routes/app.py
# precision reading: an app factory runs once at start-up, not per request
from fastapi import APIRouter, FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from app.config import settings

router = APIRouter()


def create_app() -> FastAPI:
    engine = create_async_engine(settings.DATABASE_URL)
    app = FastAPI()
    app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)
    return app


def build(settings_) -> FastAPI:
    app = FastAPI(title=settings_.name)
    app.state.engine = create_async_engine(settings_.DATABASE_URL)
    return app


def application():
    engine = create_async_engine(settings.DATABASE_URL)
    return FastAPI(state={"engine": engine})


def make_app():
    app = build(settings)
    app.state.engine = create_async_engine(settings.DATABASE_URL)
    return app


# still per request: a route handler defined inside the factory; a plain function that no
# route handler calls is not known to run per request
def get_application() -> FastAPI:
    app = FastAPI()

    @app.get("/report")
    async def report():
        engine = create_async_engine(settings.DATABASE_URL)  # error: XFA511:18 "create_async_engine"
        return {"ok": bool(engine)}

    return app


def not_a_factory(url: str):
    app_engine = create_async_engine(url)
    return app_engine
