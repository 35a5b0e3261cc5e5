"""XFA7xx security, a module per rule (or per rules that share one detection); importing the
package declares them.  ``hardcoded_credentials`` imports the lifecycle and observability
groups, whose visitors run before this group's, as they always have."""

from . import (  # noqa: F401
    _shared,
    hardcoded_credentials,  # XFA701
    jwt_claims,  # XFA702, XFA703 and the jwt.decode calls of XFA704
    jwt_verification,  # XFA704
    weak_password_hashes,  # XFA705
    exposed_docs,  # XFA706
)
