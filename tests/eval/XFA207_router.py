# path: src/orders/router.py
from fastapi import APIRouter

from ..payments.dependencies import valid_payment  # error: XFA207:1 "payments"
from ..payments import service as payment_service  # error: XFA207:1
from .dependencies import valid_order

router = APIRouter()
