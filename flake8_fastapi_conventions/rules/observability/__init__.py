"""XFA8xx logging and observability, a module per rule (or per rules that share one
detection); importing the package declares them.  ``loggers`` is the logger model they share."""

from . import (  # noqa: F401
    loggers,
    message_formatting,
    log_calls,
    dispatch,  # the logger-call visitor, which runs the checks the rule modules plug into LOG_CALLS
    module_logger_names,
    error_logs,
    print_calls,
    sensitive_data,
    blocking_log_handlers,
    swallowed_exceptions,
    raise_without_from,
)
