# path: tests/services/test_user_service.py
from fastapi import Depends, HTTPException, status
from starlette.requests import Request
