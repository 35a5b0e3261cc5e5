"""XFA4xx Pydantic v2 and schemas, a module per rule (or per rules that share one detection);
importing the package declares them.  What is a model (this file and the project index) is in
``_shared``; the rule modules are imported in the order their visitors were defined.

``config_classes`` holds ``V1_CONFIG_KEYS``/``V2_CONFIG_KEYS`` and ``config_fix_blocker``,
``_shared`` ``V1_METHODS``, ``v1_methods`` ``v1_call_blocker``, ``validators``
``validator_fix_blocker`` and ``naive_datetimes`` ``meets_unknown_timezone``: the fixer reads
them, so that a message advertises a fix exactly when it is made."""

from . import (  # noqa: F401
    _shared,
    validators,
    http_exception_in_validators,
    model_fields,
    naive_datetimes,
    config_classes,  # the visitor of the class-body rules
    v1_methods,
    dispatch,  # the call visitor, which runs the checks the rule modules plug into MODEL_CALLS
)
