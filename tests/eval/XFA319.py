# path: app/main.py
# select: XFA319
from fastapi import APIRouter, FastAPI

from app.core.config import settings
from app.routes import items, users

app = FastAPI()
api = APIRouter()
local = APIRouter(prefix="/local")  # error: XFA319:26 "/local"
versioned = APIRouter(prefix="/api/v2/things")

app.include_router(users.router, prefix="/users")  # error: XFA319:41
app.include_router(items.router, prefix="api/items")  # error: XFA319:41
app.include_router(local)  # the prefix of line 10 is reported

# near-misses
app.include_router(items.router, prefix="/api/v1/items")
app.include_router(items.router, prefix="/api/v10")
app.include_router(items.router, prefix=settings.API_V1_STR)
app.include_router(items.router, prefix=f"{settings.API_V1_STR}/items")
app.include_router(versioned)
app.include_router(items.router)
api.include_router(users.router, prefix="/users")
