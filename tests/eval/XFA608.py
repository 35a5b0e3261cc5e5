# select: XFA608
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware

from app.config import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA608:1
stack = [Middleware(CORSMiddleware, allow_origins=settings.origins)]  # error: XFA608:10

# near misses
app.add_middleware(CORSMiddleware, allow_origins=settings.origins, max_age=3600)
app.add_middleware(CORSMiddleware, **settings.cors_options)
app.add_middleware(CORSMiddleware, max_age=settings.cors_max_age)
