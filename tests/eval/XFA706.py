# select: XFA706
import fastapi
from fastapi import FastAPI

from app.core.config import settings

app = FastAPI(title="Orders")  # error: XFA706:7
other = fastapi.FastAPI(docs_url=None)  # error: XFA706:9
literal = FastAPI(openapi_url="/openapi.json")  # error: XFA706:11

ok_none = FastAPI(openapi_url=None)
ok_settings = FastAPI(openapi_url=settings.OPENAPI_URL)
ok_both = FastAPI(docs_url=None, redoc_url=None)
ok_conditional = FastAPI(docs_url="/docs" if settings.DEBUG else None, redoc_url=settings.REDOC)
ok_splat = FastAPI(**settings.fastapi_kwargs)
ok_empty = FastAPI(openapi_url="")
ok_empty_pages = FastAPI(docs_url="", redoc_url="")
