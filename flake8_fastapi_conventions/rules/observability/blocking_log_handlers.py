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


class LogHandlers:
    """Per file: the file handlers constructed or configured (node, class name) and whether
    a queue handler or listener is used anywhere."""

    __slots__ = ("handlers", "queue")

    def __init__(self) -> None:
        self.handlers: list[tuple[ast.AST, str]] = []
        self.queue = False


@visitor(ast.Call, codes=(XFA808,))
def blocking_file_handlers(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test or ctx.is_script:
        return
    name = ctx.call_name(node)
    if name is None:
        return
    if name in _QUEUE_CLASSES or name.rsplit(".", 1)[-1] in ("QueueHandler", "QueueListener"):
        ctx.frames[0].state(LogHandlers).queue = True
    elif name in _FILE_HANDLERS and ctx.imported_from(node.func, "logging"):
        ctx.frames[0].state(LogHandlers).handlers.append((node, name))


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
        if text in _FILE_HANDLERS:
            ctx.frames[0].state(LogHandlers).handlers.append((value, text))
        elif text in _QUEUE_CLASSES:
            ctx.frames[0].state(LogHandlers).queue = True


@visitor(ast.Module, leave=True, codes=(XFA808,))
def file_handlers_without_queue(node: ast.Module, ctx: Context) -> None:
    found = ctx.frames[0].states.get(LogHandlers)
    if found is None or found.queue:
        return
    for handler_node, name in found.handlers:
        ctx.report(handler_node, XFA808, handler=name)
