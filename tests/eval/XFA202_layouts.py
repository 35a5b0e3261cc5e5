# path: src/auth/service.py
from fastapi import status  # error: XFA202:1 "fastapi"
