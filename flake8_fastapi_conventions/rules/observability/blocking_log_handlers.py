"""XFA808: a file or network log handler that blocks the event loop (no queue handler)."""

from __future__ import annotations

import ast

from ...context import Context, string_value
from ...registry import rule, visitor


XFA808 = rule(
    "XFA808",
    "blocking-log-handler",
    default=False,
    seeds=("004",),
    message="{handler} writes to disk on the event loop thread",
    fix_hint="attach a QueueHandler and let a QueueListener own the file handler",
    what="""
        Reports `logging.FileHandler`, `logging.handlers.RotatingFileHandler`,
        `TimedRotatingFileHandler` and `WatchedFileHandler` constructed in application code,
        and the same class names as `"class"` values of a `dictConfig` dictionary.
    """,
    why="""
        Seed 004: "Using blocking file I/O handlers for logging in async applications. Use
        QueueHandler or async-safe logging libraries to avoid stalling the event loop."
        Every log call in a coroutine then waits for the disk.
    """,
    bad="""
        import logging

        handler = logging.FileHandler("app.log")
        logging.getLogger().addHandler(handler)
    """,
    good="""
        import logging
        import logging.handlers
        import queue

        log_queue: queue.Queue = queue.Queue(-1)
        listener = logging.handlers.QueueListener(log_queue, logging.FileHandler("app.log"))
        logging.getLogger().addHandler(logging.handlers.QueueHandler(log_queue))
    """,
    not_flagged=(
        "Files that also set up a `QueueHandler` or `QueueListener` (the file handler is behind the queue).",
        "Tests and scripts.",
    ),
)


_FILE_HANDLERS = frozenset(
    {
        "logging.FileHandler",
        "logging.handlers.RotatingFileHandler",
        "logging.handlers.TimedRotatingFileHandler",
        "logging.handlers.WatchedFileHandler",
    }
)
_QUEUE_CLASSES = frozenset({"logging.handlers.QueueHandler", "logging.handlers.QueueListener"})


@visitor(ast.Call, codes=(XFA808,))
def blocking_file_handlers(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test or ctx.is_script:
        return
    name = ctx.call_name(node)
    if name is None:
        return
    data = ctx.frames[0].data
    if name in _QUEUE_CLASSES or name.rsplit(".", 1)[-1] in ("QueueHandler", "QueueListener"):
        data["xfa808_queue"] = True
    elif name in _FILE_HANDLERS and ctx.imported_from(node.func, "logging"):
        data.setdefault("xfa808_handlers", []).append((node, name))


@visitor(ast.Dict, codes=(XFA808,))
def dict_config_handlers(node: ast.Dict, ctx: Context) -> None:
    if ctx.is_test or ctx.is_script:
        return
    for key, value in zip(node.keys, node.values):
        if string_value(key) != "class":
            continue
        text = string_value(value)
        if text is None:
            continue
        data = ctx.frames[0].data
        if text in _FILE_HANDLERS:
            data.setdefault("xfa808_handlers", []).append((value, text))
        elif text in _QUEUE_CLASSES:
            data["xfa808_queue"] = True


@visitor(ast.Module, leave=True, codes=(XFA808,))
def file_handlers_without_queue(node: ast.Module, ctx: Context) -> None:
    data = ctx.frames[0].data
    if data.get("xfa808_queue"):
        return
    for handler_node, name in data.get("xfa808_handlers", ()):
        ctx.report(handler_node, XFA808, handler=name)
