from fastapi import APIRouter

router = APIRouter()
admin = APIRouter(prefix="/admin", tags=["admin"])
