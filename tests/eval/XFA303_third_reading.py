# path: app/routes/providers.py
# select: XFA303
from enum import Enum

from fastapi import APIRouter, Depends, UploadFile

from app.deps import get_db
from app.schemas import FileRead, ProviderRead

router = APIRouter()
PROVIDERS = {"openai": "OpenAI", "local": "Local model"}
STARTERS = ("blank", "chat", "agent")


class Kind(str, Enum):
    A = "a"
    B = "b"


# near-misses: not list endpoints, or catalogs fixed in code
@router.post("/files/upload", response_model=list[FileRead])
async def upload_files(files: list[UploadFile], db=Depends(get_db)):
    return [await db.store(f) for f in files]


@router.put("/files/bulk")
async def bulk_replace(items: list[FileRead], db=Depends(get_db)) -> list[FileRead]:
    return await db.replace(items)


@router.get("/providers")
async def list_providers() -> list[ProviderRead]:
    return [ProviderRead(key=k, label=v) for k, v in PROVIDERS.items()]


@router.get("/starters")
def list_starters() -> list[str]:
    names = sorted(STARTERS)
    return names


@router.get("/kinds")
def list_kinds() -> list[str]:
    return [k.value for k in Kind]


@router.get("/labels")
def list_labels() -> list[str]:
    return list(PROVIDERS.values())


# still flagged: the list comes from storage or a parameter
@router.get("/files")
async def list_files(db=Depends(get_db)) -> list[FileRead]:  # error: XFA303:45 "list_files"
    return await db.files()


@router.get("/providers/enabled")
async def enabled_providers(only: str, db=Depends(get_db)) -> list[ProviderRead]:  # error: XFA303:63
    if only:
        return [ProviderRead(key=only, label=PROVIDERS[only])]
    return [ProviderRead(key=p.key, label=p.label) for p in await db.providers()]


@router.api_route("/mixed", methods=["GET", "POST"], response_model=list[FileRead])  # error: XFA303:69
async def mixed(db=Depends(get_db)):
    return await db.files()
