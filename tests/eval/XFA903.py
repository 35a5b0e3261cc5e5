# select: XFA903
# path: app/services/workflow_service.py
from typing import Annotated, Dict, List, Optional

from sqlalchemy.ext.asyncio import AsyncSession

from app.schemas import CreateWorkflowRequest


async def create_workflow(  # error: XFA903:1 "create_workflow"
    db: AsyncSession,
    user_id: int,
    name: str,
    event_type: str,
    description: Optional[str],
    priority: int | None = None,
) -> None:
    ...


class WorkflowService:
    def update(self, session: AsyncSession, a: str, b: List[int], c: Dict[str, str], d: dict[str, int]) -> None:  # error: XFA903:5
        ...

    def annotated(self, a: Annotated[str, "x"], b: bool, c: float, *, d: list) -> None:  # error: XFA903:5
        ...


async def create_ok(db: AsyncSession, user_id: int, request: CreateWorkflowRequest) -> None:
    ...


def three(session: AsyncSession, owner_user_id: int, a: str, b: str, c: str) -> None:
    ...


def unannotated(db, user_id, name, event_type, steps=None, x=None):
    ...
