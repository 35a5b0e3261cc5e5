"""XFA5xx database access (SQLAlchemy async, SQLModel, Redis), a module per rule (or per rules
that share one detection); importing the package declares them.  The rule modules in the order
their visitors were defined in the one module they come from; ``legacy_session_query`` last:
its call visitor hands each database call to the check of the module that holds it."""

from . import (  # noqa: F401
    _shared,
    sync_engines,
    create_all_in_app,
    commits,
    count_in_python,
    upsert_without_set,
    engine_per_request,
    raw_sql_interpolation,
    redis_without_ttl,
    lazy_relationships,
    unbounded_selects,
    legacy_session_query,  # the session bindings and call visitor of the XFA5xx rules
)
