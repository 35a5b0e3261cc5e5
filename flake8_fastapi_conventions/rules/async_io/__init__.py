"""XFA1xx async and blocking I/O, a module per rule (or per rules that share one detection);
importing the package declares them.  ``_shared`` first: it imports the security group, whose
visitors (and those it imports) run before this group's, as they always have."""

from . import (  # noqa: F401
    _shared,
    per_request_clients,  # XFA110 (its call visitor runs before blocking_calls', as it did inside it)
    blocking_calls,  # XFA101-XFA105
    unawaited_coroutines,  # XFA106, XFA107
    sync_route_handlers,  # XFA108
    async_routes_without_await,  # XFA109
    unbounded_upload_reads,  # XFA111
    blocking_helpers,  # XFA112
)
