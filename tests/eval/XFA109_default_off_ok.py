# path: app/api/routes/reports.py
from fastapi import APIRouter

router = APIRouter()


@router.get("/report")
async def build_report():
    return {"total": 1}
