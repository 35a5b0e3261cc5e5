"""XFA1xx async and blocking I/O, a module per rule (or per rules that share one detection);
importing the package declares them.  ``_shared`` first: it imports the security group, whose
visitors (and those it imports) run before this group's, as they always have."""

from . import (  # noqa: F401
    _shared,
    per_request_clients,  # its call visitor runs before blocking_calls', as it did inside it
    blocking_calls,
    unawaited_coroutines,
    sync_route_handlers,
    async_routes_without_await,
    unbounded_upload_reads,
    blocking_helpers,
)
