"""XFA5xx database access (SQLAlchemy async, SQLModel, Redis), a module per rule (or per rules
that share one detection); importing the package declares them.  The rule modules in the order
their visitors were defined in the one module they come from; ``dispatch`` last: its visitors
record a function's bindings and hand each call to the checks the rule modules plug in."""

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
    legacy_session_query,
    dispatch,
)
