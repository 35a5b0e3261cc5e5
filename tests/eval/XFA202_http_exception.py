# path: app/services/payment_service.py
# HTTPException imported but never raised: XFA201 says nothing, so XFA202 reports the import.
from fastapi import HTTPException  # error: XFA202:1 "fastapi"


async def charge(client, amount: int):
    try:
        return await client.charge(amount)
    except HTTPException:
        return None
