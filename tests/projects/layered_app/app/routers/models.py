from fastapi import APIRouter

router = APIRouter(prefix="/models")


@router.get("/")
async def list_models() -> list[str]:
    return ["a", "b"]


@router.get("/{name}")
async def read_model(name: str) -> str:
    return name
