"""XFA2xx architecture and layering, a module per rule (or per rules that share one
detection); importing the package declares them."""

from . import (  # noqa: F401
    http_exception_in_service,  # XFA201
    app_imports,  # XFA208 (first of the import visitors, as its check ran first when they were one)
    framework_imports,  # XFA202
    db_access_in_routes,  # XFA203, and the visitor of the call rules
    commits,  # XFA204, XFA205
    import_direction,  # XFA206
    cross_domain_imports,  # XFA207
    route_on_app,  # XFA209
    endpoint_calls,  # XFA210
    raw_sql_in_services,  # XFA211
    logic_in_main,  # XFA212
)
