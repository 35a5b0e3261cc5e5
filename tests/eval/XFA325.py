# select: XFA325
from fastapi import APIRouter, Depends, FastAPI
from third_party import admin_router

from app.routes import orders, users

app = FastAPI()
items = APIRouter()
tagged = APIRouter(prefix="/tagged", tags=["tagged"])
guarded = APIRouter(prefix="/guarded")
versioned = APIRouter()


def verify() -> None: ...


app.include_router(items, prefix="/items", tags=["items"])  # error: XFA325:1 "items"
app.include_router(guarded, prefix="/guarded", dependencies=[Depends(verify)])  # error: XFA325:1

# -- not flagged
app.include_router(tagged, prefix="/x", tags=["extra"])
app.include_router(admin_router, prefix="/admin", tags=["admin"])
app.include_router(users.router, prefix="/users")
app.include_router(versioned, prefix="/v1")
app.include_router(versioned, prefix="/v2")
app.include_router(orders.router)
app.include_router(APIRouter())
api = APIRouter()
app.include_router(api, prefix="/api/v1")
settings = object()
mounted = APIRouter()
app.include_router(mounted, prefix=settings.API_V1_STR)
tagged_mount = APIRouter()
app.include_router(tagged_mount, prefix="/v2", tags=["v2"])  # error: XFA325:1
