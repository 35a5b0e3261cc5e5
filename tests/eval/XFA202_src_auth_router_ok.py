# path: src/auth/router.py
from fastapi import Depends, HTTPException, status
from starlette.requests import Request
