"""XFA2xx architecture and layering, a module per rule (or per rules that share one
detection); importing the package declares them."""

from . import (  # noqa: F401
    http_exception_in_service,
    app_imports,  # first of the import visitors, as its check ran first when they were one
    framework_imports,
    db_access_in_routes,
    dispatch,  # the call visitor of the group, which runs the checks the rule modules plug in
    commits,
    import_direction,
    cross_domain_imports,
    route_on_app,
    endpoint_calls,
    raw_sql_in_services,
    logic_in_main,
)
