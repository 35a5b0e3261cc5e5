"""XFA6xx lifecycle, settings and middleware, a module per rule (or per rules that share one
detection); importing the package declares them.  ``app_setup`` first: its call visitor runs
first in the group (the checks plugged into ``APP_SETUP_CALLS`` by the modules below do not
depend on each other's order); ``app_assignments`` records what assignments bind to apps
and middleware lists for the rules that say ``APP_BINDINGS.used_by(...)``."""

from . import (  # noqa: F401
    _shared,
    app_setup,  # the app's factories, middleware and handlers
    app_assignments,  # apps and middleware lists named by an assignment
    on_event,
    lifespan_errors,
    base_http_middleware,
    call_next,
    cors,
    auth_in_middleware,
    settings_secrets,
    env_reads,
    uvicorn_reload,
    exception_handlers,
)
