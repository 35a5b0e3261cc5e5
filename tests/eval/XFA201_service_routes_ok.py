# path: src/service/views.py
# A domain package called "service": a file with route handlers is a routes file.
from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/services/{service_id}")
def get_service(service_id: int):
    raise HTTPException(status_code=404)
