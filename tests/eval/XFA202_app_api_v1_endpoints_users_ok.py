# path: app/api/v1/endpoints/users.py
from fastapi import Depends, HTTPException, status
from starlette.requests import Request
