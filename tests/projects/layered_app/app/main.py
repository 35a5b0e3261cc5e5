from fastapi import FastAPI

from app.routers import items, models, users, weather

app = FastAPI()
for module in (items, models, users, weather):
    app.include_router(module.router)
