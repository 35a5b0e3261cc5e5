# path: app/api/routes/items.py
from fastapi import Depends, HTTPException, status
from starlette.requests import Request
