"""XFA3xx routes and the HTTP contract, a module per rule (or per rules that share one
detection); importing the package declares them.  ``dispatch`` first: it holds the visitors
of route handlers' decorators and signatures, of a handler's calls and of a function's end,
which run the checks the rule modules plug into the hooks of ``_shared``; the order of the
rest keeps the order the visitors of one node type ran in when the group was one module."""

from . import (  # noqa: F401
    _shared,
    dispatch,  # the shared visitors
    unannotated_route_params,
    raw_marker_defaults,
    missing_response_models,
    raw_dict_responses,  # the visitor of a handler's return statements
    responses_bypassing_models,
    static_readiness_checks,
    unversioned_prefixes,
    bare_list_responses,
    shadowed_routes,
    manual_validation_errors,
    route_status_codes,
    unbounded_pagination,
    same_model_in_and_out,
    partial_updates,
    websocket_disconnects,
    identity_from_query,
    route_openapi_docs,
    rate_limits,
    deep_resource_nesting,
)
