"""XFA3xx routes and the HTTP contract, a module per rule (or per rules that share one
detection); importing the package declares them.  The order keeps the order the visitors of one
node type ran in when the group was one module: ``unannotated_route_params`` (which holds the
visitor of route decorators and signatures) first, ``static_readiness_checks`` (the visitors of a
handler's calls and of its end) before ``unversioned_prefixes``."""

from . import (  # noqa: F401
    _shared,
    unannotated_route_params,  # XFA313, and the visitor of the decorator and signature rules
    raw_marker_defaults,  # XFA309
    missing_response_models,  # XFA301
    raw_dict_responses,  # XFA302, and the visitor of a handler's return statements
    responses_bypassing_models,  # XFA306
    static_readiness_checks,  # XFA315, and the visitors of a handler's calls and of its end
    unversioned_prefixes,  # XFA319
    bare_list_responses,  # XFA303
    shadowed_routes,  # XFA304
    manual_validation_errors,  # XFA305
    route_status_codes,  # XFA307, XFA308
    unbounded_pagination,  # XFA310
    same_model_in_and_out,  # XFA311
    partial_updates,  # XFA312
    websocket_disconnects,  # XFA314
    identity_from_query,  # XFA316
    route_openapi_docs,  # XFA317
    rate_limits,  # XFA318
    deep_resource_nesting,  # XFA320
)
