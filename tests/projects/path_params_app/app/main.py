from fastapi import FastAPI

from app.api import projects, teams
from app.api.teams import admin

app = FastAPI()
app.include_router(teams.router, prefix="/teams", tags=["teams"])  # error: XFA325:1
app.include_router(projects.router)
app.include_router(admin, prefix="/admin")
