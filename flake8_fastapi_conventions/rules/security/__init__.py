"""XFA7xx security, a module per rule (or per rules that share one detection); importing the
package declares them.  ``hardcoded_credentials`` imports the lifecycle and observability
groups, whose visitors run before this group's, as they always have."""

from . import (  # noqa: F401
    _shared,
    hardcoded_credentials,
    jwt_claims,
    jwt_verification,
    weak_password_hashes,
    exposed_docs,
)
