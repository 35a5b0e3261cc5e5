from datetime import datetime
from typing import Optional, TypeVar

import httpx

from app.config import settings
from app.core.base import AppBase
from app.models import Exported, LegacyPayload, PromptCreate, PromptOut, PromptRow
from app.schemas import AuditRow
from app.schemas.generated import GeneratedModel

ModelT = TypeVar("ModelT", bound=AppBase)


def create(data: PromptCreate) -> dict:
    return data.dict()  # error: XFA402:12


def update(out: PromptOut, patch: dict) -> PromptOut:
    return out.copy(update=patch)  # error: XFA402:12


def from_row(row: PromptRow) -> PromptOut:
    row.dict()
    return PromptOut.from_orm(row)  # error: XFA402:12


def parse(raw: dict, maybe: Optional[PromptCreate]) -> PromptCreate:
    if maybe is not None:
        maybe.json()  # error: XFA402:9
    return PromptCreate.parse_obj(raw)  # error: XFA402:12


def generic(model: ModelT) -> str:
    return model.json()  # error: XFA402:12


def near_misses(legacy: LegacyPayload, exported: Exported, audit: AuditRow, url: str) -> None:
    legacy.dict()
    LegacyPayload.parse_obj({})
    exported.dict()
    audit.dict()
    audit.json()
    httpx.get(url).json()


def exported_json(exported: Exported) -> str:
    return exported.json()  # error: XFA402:12


def generated(raw: dict) -> None:
    GeneratedModel.parse_obj(raw)  # error: XFA402:5


def config_dump() -> dict:
    return settings.dict()  # error: XFA402:12


async def fetch(prompt_id: int) -> PromptOut:
    return PromptOut(id=prompt_id, text="x")


def stamp() -> datetime:
    return datetime.utcnow()  # error: XFA411:12
