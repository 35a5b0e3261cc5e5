"""XFA8xx logging and observability, a module per rule (or per rules that share one
detection); importing the package declares them.  ``loggers`` is the logger model they share."""

from . import (  # noqa: F401
    loggers,
    message_formatting,  # XFA801
    log_calls,  # XFA802, XFA807 and the logger calls of XFA801, XFA804, XFA806
    module_logger_names,  # XFA803
    error_logs,  # XFA804
    print_calls,  # XFA805
    sensitive_data,  # XFA806
    blocking_log_handlers,  # XFA808
    swallowed_exceptions,  # XFA809
    raise_without_from,  # XFA810
)
