"""XFA6xx lifecycle, settings and middleware, a module per rule (or per rules that share one
detection); importing the package declares them.  ``app_setup`` first: its call visitor ran
first in the group, and it imports the rule modules whose helpers it calls; ``app_assignments``
(which imports ``auth_in_middleware``) after it, so that the call visitors keep
their order."""

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
