# path: app/services/config_service.py
import json
from typing import Optional

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import SQLModel

router = APIRouter()


class ApprovalBase(SQLModel):
    status: str = "pending"
    note: Optional[str] = None


class Approval(ApprovalBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)


class KnowledgeConfig(BaseModel):
    embedding_model_id: Optional[int] = None
    chunk_size: int = 1000


class TokenRouterUpdate(BaseModel):
    backend_url: str
    timeout: float = 10.0
    revision: int


class SOPUpdate(BaseModel):
    id: int
    name: str
    rating: int = 0


# near-misses (sixth reading)
class ApprovalRepository:
    # a whole ORM row (SQLModel ``table=True``) copied onto the stored one: not a client payload
    @classmethod
    async def update_instance(cls, row: Approval) -> Approval:
        async with session_scope() as session:
            saved = await session.get(Approval, row.id)
            for key, value in row.model_dump(mode="python", exclude_unset=False).items():
                setattr(saved, key, value)
            await session.commit()
        return saved

    @classmethod
    async def update_task(cls, row: Approval) -> Approval:
        async with session_scope() as session:
            saved = await session.get(Approval, row.id)
            for key, value in row.model_dump().items():
                setattr(saved, key, value)
            await session.commit()
        return saved


# ``exclude_unset=False`` written out outside a PATCH handler: the full dump is chosen
async def update_defaults(item, config: KnowledgeConfig) -> None:
    for key, value in config.model_dump(exclude_unset=False).items():
        setattr(item, key, value)


class LLMService:
    @classmethod
    async def _base_update_llm_config(cls, data: dict, key: str) -> dict:
        await ConfigDao.aupsert(key=key, value=json.dumps(data, ensure_ascii=False))
        return data

    # the dump becomes one stored document (``json.dumps``), replaced as a whole
    @classmethod
    async def update_knowledge_llm(cls, data: KnowledgeConfig) -> KnowledgeConfig:
        await cls._base_update_llm_config(data=data.model_dump(), key="knowledge_llm")
        return data


async def _audit_system_config_update(user, key: str, *, before: dict, after: dict) -> None:
    await AuditLog.create(user=user, key=key, before=before, after=after)


# the dump is the "after" of an audit record, not written back
@router.post("/llm/knowledge")
async def update_knowledge_llm(user: str, data: KnowledgeConfig) -> None:
    before = await read_snapshot("knowledge_llm")
    await LLMService.update_knowledge_llm(data)
    await _audit_system_config_update(user, "knowledge_llm", before=before, after=data.model_dump())


# a PUT route registered by a call (a full replacement, as a decorated PUT is)
async def update_router(router_uid: str, payload: TokenRouterUpdate, api) -> dict:
    return await api.supervisor.update_token_router(router_uid, payload.dict())


def register(route) -> None:
    route("/v1/token_routers/{router_uid}", update_router, ["PUT"], "routers:write")
    route("/v1/token_routers/{router_uid}/deployment", update_deployment, ["PATCH"], "routers:write")


# still flagged
async def update_deployment(router_uid: str, payload: TokenRouterUpdate, api) -> dict:
    return await api.supervisor.update_token_router(router_uid, payload.dict())  # error: XFA312:65 "payload.dict()"


class SOPDao:
    # None values dropped, but ``rating`` defaults to 0: an update without it resets it
    @classmethod
    async def update_sop(cls, sop_obj: SOPUpdate) -> None:
        sop = await load_sop(sop_obj.id)
        for key, value in sop_obj.model_dump().items():  # error: XFA312:27 "update_sop()"
            if hasattr(sop, key) and value is not None:
                setattr(sop, key, value)


# an entity named like a record (an Event row) is still written
async def update_event(event_id: int, changes: KnowledgeConfig) -> None:
    await EventRepository.update_event(event_id, changes.model_dump())  # error: XFA312:50


class Store:
    @classmethod
    async def _apply(cls, data: dict) -> None:
        row = await load_row()
        row.update(data)

    # the callee spreads the dump over the row: not a whole document
    @classmethod
    async def update_config(cls, data: KnowledgeConfig) -> None:
        await cls._apply(data=data.model_dump())  # error: XFA312:31


# an ORM row received by a PATCH handler is what the client sent, partially
@router.patch("/approvals/{approval_id}")
async def patch_approval(approval_id: int, row: Approval) -> None:
    saved = await load_approval(approval_id)
    for key, value in row.model_dump().items():  # error: XFA312:23 "PATCH handler"
        setattr(saved, key, value)
