"""XFA5xx database access (SQLAlchemy async, SQLModel, Redis), a module per rule (or per rules
that share one detection); importing the package declares them.  The rule modules in the order
their visitors were defined in the one module they come from; ``legacy_session_query`` last:
its call visitor hands each database call to the check of the module that holds it."""

from . import (  # noqa: F401
    _shared,
    sync_engines,  # XFA502-XFA505
    create_all_in_app,  # XFA506
    commits,  # XFA507, XFA510
    count_in_python,  # XFA508
    upsert_without_set,  # XFA509
    engine_per_request,  # XFA511
    raw_sql_interpolation,  # XFA512
    redis_without_ttl,  # XFA513
    lazy_relationships,  # XFA514
    unbounded_selects,  # XFA515
    legacy_session_query,  # XFA501, and the session bindings and call visitor of the XFA5xx rules
)
