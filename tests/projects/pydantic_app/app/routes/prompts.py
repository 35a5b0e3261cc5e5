from fastapi import APIRouter

from app.models import PromptCreate
from app.services import prompts as service

from ..models.prompt import PromptOut

router = APIRouter()


@router.post("/prompts")
async def create_prompt(body: PromptCreate) -> dict:
    payload = body.dict(exclude_unset=True)  # error: XFA402:15
    created = await service.fetch(1)
    created.json()  # error: XFA402:5
    return payload


@router.get("/prompts/{prompt_id}")
async def read_prompt(prompt_id: int) -> dict:
    found = PromptOut.parse_obj({"id": prompt_id, "text": ""})  # error: XFA402:13
    return found.dict()  # error: XFA402:12
