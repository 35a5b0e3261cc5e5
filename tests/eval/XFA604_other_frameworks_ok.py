# Middleware of other frameworks is not Starlette/FastAPI HTTP middleware: its
# `call_next` takes a context, not a Request.
import time

from fastmcp.server.middleware import Middleware, MiddlewareContext

from app.metrics import record


class TimingMiddleware(Middleware):
    async def on_message(self, context: MiddlewareContext, call_next):
        started = time.perf_counter()
        result = await call_next(context)
        record(context.method, time.perf_counter() - started)
        return result

    async def on_call_tool(self, context, call_next):
        result = await call_next(context)
        record(context.message.name, 0)
        return result


class LocalBase:
    async def on_request(self, context, call_next):
        result = await call_next(context)
        record("request", 0)
        return result


async def mcp_hook(context: MiddlewareContext, call_next):
    result = await call_next(context)
    record(context.method, 0)
    return result


async def plain_hook(ctx, call_next):
    result = await call_next(ctx)
    record("x", 0)
    return result
