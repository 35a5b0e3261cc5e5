# fifth precision reading: header values built with string methods (a separator's
# "; ".join(...)) are values for the headers, not work that failed requests miss
import os

from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware

from app.audit import record


class PolicyHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        if os.getenv("ANALYTICS_HOST"):
            sources = ["default-src 'self'", "connect-src 'self' https://metrics.example.com"]
        else:
            sources = ["default-src 'self'"]
        headers = {"Content-Security-Policy": "; ".join(sources), "X-Frame-Options": "DENY"}
        response.headers.update(headers)
        return response


# still reported: a value that another call computes
class AuditedHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)  # error: XFA604:20
        response.headers["X-Audit"] = ", ".join(record(request))
        return response
