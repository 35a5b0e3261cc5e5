"""The rules, one module per group; importing this package declares them all."""

from . import (  # noqa: F401
    async_io,  # XFA1xx async and blocking I/O
    layering,  # XFA2xx architecture and layering
    http_contract,  # XFA3xx routes and the HTTP contract
    pydantic_models,  # XFA4xx Pydantic v2 and schemas
    database,  # XFA5xx database access
    lifecycle,  # XFA6xx lifecycle, settings, middleware
    security,  # XFA7xx security
    observability,  # XFA8xx logging and observability
    code_shape,  # XFA9xx code shape (opinionated, off by default)
    unused_path_parameter,  # ruff FAST003 parity
    route_guidance,  # ruff FAST001, FastAPI's own guidance
    root_model,  # FastAPI's guidance
    lifespan_state,  # FastAPI's guidance
)
