from fastapi import APIRouter

from app.catalog import collected_themes, recent_themes, roles_for, theme_names
from app.db import store

router = APIRouter()


# near-misses: catalogs a project function of another module builds from fixed values
@router.get("/roles")
async def list_roles() -> list[dict[str, str]]:
    return [{"name": r["role"]} for r in roles_for("team")]


@router.get("/themes")
async def list_themes() -> list[str]:
    return theme_names()


# still flagged: the function reads storage
@router.get("/themes/recent")
async def list_recent_themes() -> list[str]:  # error: XFA303:35
    return recent_themes(store)


@router.get("/themes/collected")
async def list_collected_themes() -> list[str]:  # error: XFA303:38
    return collected_themes(store)
