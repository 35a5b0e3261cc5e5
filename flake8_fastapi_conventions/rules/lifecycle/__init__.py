"""XFA6xx lifecycle, settings and middleware, a module per rule (or per rules that share one
detection); importing the package declares them.  ``app_setup`` first: its call visitor ran
first in the group, and it imports the rule modules whose helpers it calls; ``app_assignments``
(which imports ``auth_in_middleware`` for XFA609) after it, so that the call visitors keep
their order."""

from . import (  # noqa: F401
    _shared,
    app_setup,  # the app's factories, middleware, handlers: XFA601, XFA605-XFA608, XFA612
    app_assignments,  # apps and middleware lists named by an assignment
    on_event,  # XFA601
    lifespan_errors,  # XFA602
    base_http_middleware,  # XFA603
    call_next,  # XFA604
    cors,  # XFA605-XFA608
    auth_in_middleware,  # XFA609
    settings_secrets,  # XFA610
    env_reads,  # XFA611
    uvicorn_reload,  # XFA612
    exception_handlers,  # XFA613, XFA614
)
